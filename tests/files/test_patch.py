"""Saving keeps what a person wrote (issue 14, item 11): comments, key order and quoting
stay wherever a save does not change them, so a one-answer sitting is a one-hunk diff."""

from __future__ import annotations

import difflib
import json

import pytest

from laaeval.files import yamlio
from laaeval.files.merge import Clash, merge
from laaeval.files.patch import patch, same

from ..conftest import EXAMPLES


def commented(text: str) -> str:
    """A shipped example as a person keeps it: comments at the top, between items, at the
    end of lines, and key order and quoting of their own."""
    text = "# Our notes: second pass, after the steering group.\n" + text
    text = text.replace("evidence:\n", "# Everything we were told, in order\nevidence:\n", 1)
    text = text.replace("  - id: E2\n", "  # the chief executive, at County Hall\n  - id: E2\n", 1)
    text = text.replace("judgements:\n", "judgements:  # reviewed with Priya\n", 1)
    return text + "# end of file\n"


def hunks(before: str, after: str) -> list[list[str]]:
    """The diff's hunks, each as its changed lines."""
    found: list[list[str]] = []
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith("@@"):
            found.append([])
        elif found and line[:1] in "+-":
            found[-1].append(line)
    return found


def assess(cli, path, answers: list[str]):
    result = cli("assess", path, "--answers", "-", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture(params=sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def example(request, tmp_path):
    """A shipped example with comments added, in the current format (``laaeval upgrade``
    keeps comments too), as a user who had upgraded it would have it."""
    from laaeval.upgrade import upgrade_file

    path = tmp_path / request.param
    path.write_text(commented((EXAMPLES / request.param).read_text()))
    upgrade_file(path)
    return path


def only_updated_and(found: list[list[str]]) -> list[str]:
    """The one hunk beside the 'updated' stamp's, checking the stamp's is only that."""
    stamps = [h for h in found if all(line[1:].startswith("updated: ") for line in h)]
    assert len(stamps) == 1 and len(found) == 2, found
    (other,) = [h for h in found if h is not stamps[0]]
    return other


def test_rating_one_indicator_changes_only_its_lines_and_the_stamp(cli, example):
    before = example.read_text()
    result = assess(cli, example, ["2", "Agreed at the steering group", "q"])
    unit = result.stdout.split("Saved: ")[1].split()[0]
    changed = only_updated_and(hunks(before, example.read_text()))
    assert any(line.startswith(f"+  {unit}:") for line in changed), changed
    assert "+    rating: 2" in changed and changed[-1].startswith("+    rationale: Agreed")
    assert not [line for line in changed if line.startswith("-")]  # added, nothing removed
    assert example.read_text().count("# ") == before.count("# ")  # every comment kept


def test_adding_an_evidence_item_is_one_hunk(cli, example):
    before = example.read_text()
    assess(cli, example, ["e", "1", "1", "Told us the timetable slipped", "", "s", "q"])
    changed = only_updated_and(hunks(before, example.read_text()))
    assert changed[0].startswith("+  - id: E") and all(line.startswith("+") for line in changed)
    assert "+    summary: Told us the timetable slipped" in changed


def test_linking_an_item_is_one_line(cli, example):
    before = example.read_text()
    second = yamlio.load_path(example)["evidence"][1]["id"]
    result = assess(cli, example, ["u", second, "c", "q"])
    unit = result.stdout.split(f"Saved: {second} challenges ")[1].split()[0].rstrip(".")
    changed = only_updated_and(hunks(before, example.read_text()))
    assert changed == [f"+      {unit}: challenges"]


def test_changing_a_rating_keeps_its_rationale_as_written(cli, tmp_path):
    """The walk resumes at an unjudged indicator; jump back to a judged one and re-rate it,
    keeping its folded, multi-line rationale (the default offered)."""
    from laaeval.upgrade import upgrade_file

    path = tmp_path / "w.yaml"
    path.write_text(commented((EXAMPLES / "wealdshire-final.yaml").read_text()))
    upgrade_file(path)
    before = path.read_text()
    assess(cli, path, ["j", "PN1.1", "3", "", "q"])
    changed = only_updated_and(hunks(before, path.read_text()))
    assert changed == ["-    rating: 2", "+    rating: 3"]


# -- the patch itself, on plain data ----------------------------------------------------


def plain(data):
    return json.loads(json.dumps(data))


def test_flow_style_is_kept_for_a_changed_flat_mapping_and_new_neighbours():
    text = 'a: 1  # one\njudgements:\n  X1: {rating: 1}\n  X2: {rating: 2, rationale: "x, y"}\n'
    old = yamlio.loads(text)
    new = plain(old)
    new["judgements"]["X1"] = {"rating": 3, "rationale": "now, with a comma"}
    new["judgements"]["X3"] = {"rating": 0}
    out, back = patch(text, old, new)
    assert out == ('a: 1  # one\njudgements:\n  X1: {rating: 3, rationale: "now, with a comma"}\n'
                   '  X2: {rating: 2, rationale: "x, y"}\n  X3: {rating: 0}\n')  # fmt: skip
    assert same(back, new)


def test_key_order_of_the_file_is_kept_and_new_keys_follow_their_neighbour():
    text = "b: 2\na: 1\nc: [1, 2]\n"
    new = {"a": 1, "z": 0, "b": 3, "c": [1, 2]}
    out, _ = patch(text, yamlio.loads(text), new)
    assert out == "b: 3\na: 1\nz: 0\nc: [1, 2]\n"


def test_removed_entries_and_items_go_and_types_are_exact():
    text = "a: 1\nb: x\nlist:\n  - 1\n  - 2\n  - 3\n"
    out, back = patch(text, yamlio.loads(text), {"a": 1.5, "list": [1, 2]})
    assert out == "a: 1.5\nlist:\n  - 1\n  - 2\n"
    assert same(back, {"a": 1.5, "list": [1, 2]}) and not same(back, {"a": 1, "list": [1, 2]})
    assert not same({"a": 1}, {"a": True}) and not same({"a": 1}, {"a": 1.0})


def test_what_cannot_be_patched_in_place_is_written_whole_and_still_exact():
    text = "{a: 1, b: [1, 2]}\n"  # a whole file in flow style
    new = {"a": 2, "b": [1, 2, 3]}
    out, back = patch(text, yamlio.loads(text), new)
    assert out == yamlio.dumps(new) and same(back, new)


def test_a_patch_that_would_not_read_back_exactly_falls_back(monkeypatch):
    from laaeval.files import patch as patching

    text = "a: 1\nb: 2\n"
    monkeypatch.setattr(patching, "_entry", lambda *args, **kwargs: ["a: 99\n"])
    out, back = patch(text, yamlio.loads(text), {"a": 5, "b": 2})
    assert out == "a: 5\nb: 2\n" and same(back, {"a": 5, "b": 2})


# -- merging two sets of changes ----------------------------------------------------------


def test_changes_in_different_places_merge_and_in_the_same_place_clash():
    base = {"updated": "1", "items": [{"id": "E1", "s": "a"}], "j": {"X1": 1}}
    ours = {"updated": "2", "items": [{"id": "E1", "s": "a"}, {"id": "E2", "s": "b"}],
            "j": {"X1": 1, "X2": 3}}  # fmt: skip
    theirs = {"updated": "3", "items": [{"id": "E1", "s": "fixed"}], "j": {"X1": 1}}
    merged = merge(base, ours, theirs, ignore=frozenset({"updated"}))
    assert merged == {"updated": "2", "items": [{"id": "E1", "s": "fixed"},
                                                {"id": "E2", "s": "b"}],
                      "j": {"X1": 1, "X2": 3}}  # fmt: skip
    with pytest.raises(Clash) as clash:
        merge(base, {**base, "j": {"X1": 2}}, {**base, "j": {"X1": 0}})
    assert clash.value.where == "j › X1"
