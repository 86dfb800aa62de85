"""A framework that revises another: ``revises`` and the ``crosswalk``, as validate checks
them (every problem with its line and key path), and what the crosswalk is worked out to."""

from __future__ import annotations

import json

import pytest

from laaeval.model.catalogue import resolve
from laaeval.model.framework import load_framework
from laaeval.model.revision import revision

from ..conftest import DATA, ROOT

REVISED_DIR = DATA / "revised"
REVISED = REVISED_DIR / "odpm-laa-2005-1.1.yaml"
SHIPPED = ROOT / "frameworks" / "odpm-laa-2005.yaml"


@pytest.fixture
def edited(tmp_path):
    """The revised framework with some lines changed, written where validate reads it."""

    def make(*changes: tuple[str, str]):
        text = REVISED.read_text()
        for old, new in changes:
            assert old in text, old
            text = text.replace(old, new, 1)
        path = tmp_path / "revised.yaml"
        path.write_text(text)
        return path

    return make


def _lines(text: str) -> list[str]:
    return [line.removeprefix("Error: ") for line in text.strip().splitlines()]


def test_the_revised_framework_validates_and_names_what_it_revises(cli):
    result = cli("validate", REVISED)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == (
        f"OK  {REVISED}: framework odpm-laa-2005 version 1.1: 41 criteria, 140 indicators; "
        "revises version 1.0, 9 crosswalk entries")


def test_the_schema_documents_every_new_field(cli):
    schema = json.loads(cli("schema", "framework").stdout)
    assert schema["properties"]["revises"]["properties"].keys() == {"id", "version",
                                                                   "fingerprint"}  # fmt: skip
    assert "description" in schema["properties"]["crosswalk"]
    kinds = [next(iter(b["required"])) for b in schema["$defs"]["crosswalk_entry"]["oneOf"]]
    assert kinds == ["renamed", "split", "merged", "dropped", "new"]
    for branch in schema["$defs"]["crosswalk_entry"]["oneOf"]:
        assert "note" in branch["properties"]


def test_ids_unknown_on_either_side_are_named_with_line_and_key_path(cli, edited):
    path = edited(("  - renamed: I3.1\n    to: I2.3", "  - renamed: I3.9\n    to: I2.3"),
                  ("  - dropped: PL3.6", "  - dropped: PL3.7"))
    result = cli("validate", path)
    assert result.exit_code == 1
    assert _lines(result.stderr) == [
        f'{path}, line 22, at crosswalk › item 6 › renamed: unknown criterion or indicator of '
        'version 1.0 "I3.9"; did you mean "I3.2"?',
        f'{path}, line 26, at crosswalk › item 8 › dropped: unknown criterion or indicator of '
        'version 1.0 "PL3.7"; did you mean "PL3.6"?',
        f"{path}, line 7, at crosswalk: PL3.6 of version 1.0 is not in this version, and the "
        "crosswalk does not say what became of it: add it as renamed, split, merged or dropped",
        f"{path}, line 7, at crosswalk: I3.1 of version 1.0 is not in this version, and the "
        "crosswalk does not say what became of it: add it as renamed, split, merged or dropped",
    ]
    new_side = edited(("    into: [PR1, PR6]", "    into: [PR1, PR9]"))
    result = cli("validate", new_side)
    assert _lines(result.stderr) == [  # both sides at once, in the order of the lines
        f"{new_side}, line 7, at crosswalk: PR6 is not in version 1.0, and the crosswalk does "
        "not say where it comes from: add - new: PR6 (or say what it was renamed, split or "
        "merged from)",
        f'{new_side}, line 13, at crosswalk › item 2 › into › item 2: "PR9" is not a criterion '
        "or indicator of this version"]


def test_a_version_it_cannot_find_is_one_line(cli, edited):
    path = edited(('revises:\n  version: "1.0"', 'revises:\n  version: "0.9"'))
    result = cli("validate", path)
    assert result.exit_code == 2
    assert _lines(result.stderr) == [
        f'{path}, line 4, at revises: revises odpm-laa-2005 version "0.9", which laaeval cannot '
        "find (versions of odpm-laa-2005 found: 1.0); put that version's file in a frameworks "
        "folder or in LAAEVAL_FRAMEWORKS"]
    other = edited(('  fingerprint: "sha256:29', '  fingerprint: "sha256:39'))
    shipped = resolve("odpm-laa-2005").origin  # installed, or the checkout's
    assert _lines(cli("validate", other).stderr) == [
        f"{other}, line 4, at revises › fingerprint: revises odpm-laa-2005 version 1.0 with "
        f"fingerprint 39b304a69afa, but the file found ({shipped}) has fingerprint "
        "29b304a69afa: its text is not the text revised"]


def test_a_new_criterion_must_be_declared_and_a_crosswalk_needs_revises(cli, edited):
    path = edited(("  - new: PL7\n", "  - new: PN3.7\n"))
    assert _lines(cli("validate", path).stderr) == [
        f"{path}, line 7, at crosswalk: PL7 is not in version 1.0, and the crosswalk does not "
        "say where it comes from: add - new: PL7 (or say what it was renamed, split or merged "
        "from)"]
    alone = edited(('revises:\n  version: "1.0"\n  fingerprint: "sha256:29b304a69afac9c36f685dda'
                    '654501cd5b8921fa9963b4c3e88685db393145ff"\n', ""))
    assert _lines(cli("validate", alone).stderr)[0] == (
        f'{alone}, line 4, at crosswalk: a crosswalk maps from an older version: say which with '
        'revises (such as revises: {version: "1.0"})')


def test_an_entry_of_no_known_shape_is_told_what_to_write(cli, edited):
    path = edited(("  - renamed: PA4\n    to: PA6\n", "  - renamed: PA4\n    into: PA6\n"))
    result = cli("validate", path)
    assert result.exit_code == 1
    assert _lines(result.stderr) == [
        f"{path}, line 9, at crosswalk › item 1: a crosswalk entry is one of: renamed: ID with "
        "to: ID; split: ID with into: [IDs]; merged: [IDs] with into: ID; dropped: ID; or new: "
        "ID (each may add a note)"]


def test_two_old_ids_cannot_become_one_without_a_merge(cli, edited):
    path = edited(("  - renamed: I3.1\n    to: I2.3", "  - renamed: I3.1\n    to: I2.2"))
    lines = _lines(cli("validate", path).stderr)
    assert (f"{path}, line 7, at crosswalk: I2.2 would be both I3.1 (renamed) and I2.2 "
            "(the same id); say what became of each, or list them as merged into I2.2") in lines


def test_what_the_crosswalk_is_worked_out_to():
    rev = revision(load_framework(SHIPPED), load_framework(REVISED))
    fates = rev.fates
    assert (fates["PA4"].kind, fates["PA4"].new) == ("renamed", ("PA6",))
    assert (fates["PA4.2"].kind, fates["PA4.2"].new, fates["PA4.2"].implied) == (
        "renamed", ("PA6.2",), True)
    assert (fates["PA5.1"].kind, fates["PA5.1"].implied) == ("dropped", True)
    assert (fates["PR1"].kind, fates["PR1"].new) == ("split", ("PR1", "PR6"))
    assert (fates["I3"].kind, fates["I3"].together) == ("merged", ("I2", "I3"))
    assert fates["PN1"].kind == "same"
    assert rev.added == ("PN3.7", "PL7", "PL7.1", "PL7.2")
    assert rev.one_to_one("PA6") == "PA4" and rev.one_to_one("PR6") is None


def test_a_version_cannot_revise_itself(cli, edited):
    path = edited(('revises:\n  version: "1.0"', 'revises:\n  version: "1.1"'))
    assert _lines(cli("validate", path).stderr) == [
        f'{path}, line 5, at revises › version: version "1.1" cannot revise itself; give the '
        "version it revises"]


def test_crosswalk_problems_are_listed_beside_the_framework_s_other_problems(cli, edited):
    # Bands out of order (a problem of the framework itself) used to hide every problem the
    # crosswalk has against version 1.0 until it was fixed and validate run again.
    path = edited(("  - renamed: PA4\n", "  - renamed: PA44\n"),
                  ("label: Amber/Green, min: 65", "label: Amber/Green, min: 95"))  # fmt: skip
    result = cli("validate", path)
    assert result.exit_code == 1
    lines = [line.split(", ", 1)[1] for line in _lines(result.stderr)]
    assert [line.split(": ", 1)[0] for line in lines] == [
        "line 7, at crosswalk", "line 7, at crosswalk", "line 7, at crosswalk",
        "line 9, at crosswalk › item 1 › renamed", "line 54, at bands"]  # fmt: skip
    assert 'unknown criterion or indicator of version 1.0 "PA44"; did you mean "PA4"?' in lines[3]
    assert "PA4 of version 1.0 is not in this version" in lines[0]
    assert lines[4].endswith("bands should be listed from the highest min to the lowest")
