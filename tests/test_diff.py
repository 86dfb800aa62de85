"""laaeval diff: what changed between two versions of a framework, as an evaluator reads it.
The revised framework is described in tests/test_migrate.py; the texts quoted here are read
from the two files, word for word."""

from __future__ import annotations

import pytest

from .conftest import DATA, ROOT

REVISED = DATA / "revised" / "odpm-laa-2005-1.1.yaml"
SHIPPED = ROOT / "frameworks" / "odpm-laa-2005.yaml"


def _sections(text: str) -> dict[str, list[str]]:
    """The output's sections by title (off a screen, lines are not wrapped)."""
    out: dict[str, list[str]] = {}
    for n, block in enumerate(text.split("\n\n")):
        lines = block.splitlines()
        title, lines = ("head", lines) if n == 0 else (lines[0], lines[1:])
        out[title] = [line.strip() for line in lines]
    return out


@pytest.fixture
def diff(cli):
    def run(*args):
        result = cli("diff", *args)
        assert result.exit_code == 0, result.stderr
        return _sections(result.stdout)

    return run


def test_through_the_crosswalk_every_kind_of_change_is_said(diff):
    s = diff(SHIPPED, REVISED)
    assert s["head"] == [
        "odpm-laa-2005 version 1.0 → odpm-laa-2005 version 1.1",
        "Version 1.1 revises version 1.0, and its crosswalk has 9 entries; criteria and "
        "indicators it does not name keep their ids."]
    assert s["Criteria renamed"] == [
        "PA4 → PA6  The process is replicable",
        "Its indicators follow: PA4.1 → PA6.1, PA4.2 → PA6.2",
        "Why: “Renumbered: replicability is now the last of the criteria for all levels.”"]
    assert s["Criteria split"][:4] == [
        "PR1 → PR1, PR6",
        "Was: “GOs have the authority, trust, and confidence of CG departments to negotiate on "
        "their behalf”",
        "Now PR1: “GOs have the authority, trust, and confidence of CG departments to negotiate "
        "on their behalf”",
        "Now PR6: “GOs have the confidence of local partners to negotiate with them”"]
    assert s["Criteria merged"][0] == "I2 + I3 → I2"
    assert "Was I3: “LAA's have helped local areas better meet local priorities”" in s[
        "Criteria merged"]
    assert s["Criteria dropped"][0] == ("PA5  The process builds on shared learning across all "
                                        "levels throughout the process")
    assert s["New criteria"] == [
        "PL7  Partners have agreed how the LAA will be delivered after sign off",
        "Why: “Added after the mid-way round.”",
        "PL7.1  An implementation plan is agreed by all partners",
        "PL7.2  Partners report that they know what the agreement asks of them"]
    assert s["Wording changed"] == [
        "PN4",
        "Before: “CG Departments make timely decisions about availability of funding streams "
        "and any 'conditions' attached to their use within an LAA”",
        "After:  “CG Departments make timely decisions about availability of funding streams "
        "and any 'conditions' attached to their use within an LAA, and tell GOs and localities "
        "promptly”"]
    indicators = s["Indicators"]
    assert ("PL3.6 removed: “Voluntary sector compact principles have been adhered to (not sure "
            "this is possible within current timescales)”") in indicators
    assert "I2.1 + I3.2 → I2.1" in indicators
    assert ("PN3.7 added to PN3: “GOs report that CG departments answer cross-cutting questions "
            "with one voice”") in indicators
    assert s["Scale, bands and other lists"] == ["Band Green now starts at 80 (was 85)"]
    # 41 criteria, less PA4, PR1, I2, I3, PA5 (crosswalk), PN4 (reworded), PN3 and PL3
    # (an indicator added, one removed): 33 unchanged.
    assert s["Unchanged"] == ["33 criteria of 41 in version 1.0, with their indicators."]


def test_the_older_version_comes_first_whichever_is_given_first(diff):
    assert diff(REVISED, SHIPPED) == diff(SHIPPED, REVISED)


def test_without_a_crosswalk_ids_are_matched_and_it_says_so(diff, tmp_path):
    text = REVISED.read_text()
    bare = text[:text.index("revises:")] + text[text.index("title:"):]
    path = tmp_path / "bare.yaml"
    path.write_text(bare)
    s = diff(SHIPPED, path)
    assert s["head"][1] == (
        "odpm-laa-2005 version 1.1 does not say it revises odpm-laa-2005 version 1.0, so "
        "criteria and indicators are matched by id: one that was renamed shows as dropped and "
        "new.")
    assert [line.split()[0] for line in s["Criteria dropped"]] == ["PA4", "PA5", "I3"]
    new = [line.split()[0] for line in s["New criteria"]]
    assert [i for i in new if "." not in i] == ["PR6", "PL7", "PA6"]
    assert "Criteria renamed" not in s


def test_the_same_framework_twice_has_no_differences(cli, tmp_path):
    result = cli("diff", SHIPPED, "odpm-laa-2005")
    assert result.exit_code == 0
    assert result.stdout.strip().endswith("have the same fingerprint: no differences.")
    # Saying the same in other words: matched by id, nothing differs.
    copy = tmp_path / "copy.yaml"
    copy.write_text(SHIPPED.read_text().replace('version: "1.0"', 'version: "1.0-copy"'))
    result = cli("diff", SHIPPED, copy)
    assert result.stdout.strip().endswith("No differences: the two say the same.")


def test_an_id_with_several_versions_must_say_which(cli, monkeypatch):
    monkeypatch.setenv("LAAEVAL_FRAMEWORKS", str(REVISED.parent))
    result = cli("diff", "odpm-laa-2005", REVISED)
    assert result.exit_code == 2
    assert result.stderr.strip() == ("Error: laaeval has 2 versions of odpm-laa-2005 (1.0, 1.1): "
                                     "say which, such as odpm-laa-2005@1.0")


def test_a_framework_not_found_is_one_line(cli):
    result = cli("diff", "odpm-laa-2005@0.9", SHIPPED)
    assert result.exit_code == 2
    assert result.stderr.strip() == ('Error: framework "odpm-laa-2005" version "0.9" is not '
                                     "installed (installed: 1.0); give the path to its file "
                                     "instead")


def test_a_change_to_how_it_is_scored_is_said(cli, tmp_path):
    # A second version of the badge-shaped framework that scores the same answers otherwise:
    # "No differences" would hide why a pilot's score moves.
    old = DATA / "badge-mini.yaml"
    text = old.read_text(encoding="utf-8")
    new = tmp_path / "badge-mini-2.yaml"
    new.write_text(text.replace('version: "1"', 'version: "2"')
                   .replace("unjudged: zero\n  not_applicable: met", "unjudged: leave-out")
                   .replace("{value: 1, label: Met}", "{value: 1, label: Fully met}")
                   .replace("{id: SHOULD, label: SHOULD, unmet_counts: justified}",
                            "{id: SHOULD, label: SHOULD, weight: 2}")
                   .replace("importance: MUST, answers: status, indicators: []}",
                            "importance: SHOULD, answers: status, indicators: []}", 1)
                   .replace(" requires_link: [1], not_applicable: forbidden,", ""),
                   encoding="utf-8")  # fmt: skip
    result = cli("diff", old, new)
    assert result.exit_code == 0, result.stderr
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    assert "No differences: the two say the same." not in lines
    at = lines.index("How it is scored")
    assert lines[at + 1:at + 10] == [
        "What is not yet judged is counted as 0 → left out",
        "An assessor's n/a is counted as met → left out",
        "Answers status before: 0 Unmet · 1 Met",
        "Answers status after: 0 Unmet · 1 Fully met",
        "Importance SHOULD: weight 1 → 2",
        "Importance SHOULD: unmet counts as met when justified → never",
        "homepage_url n/a: forbidden → as the framework says",
        "homepage_url answers needing a link: 1 → none",
        "crypto_published importance: MUST → SHOULD",
    ]


def test_only_the_id_changed_is_a_difference(cli, tmp_path):
    old = DATA / "badge-mini.yaml"
    new = tmp_path / "other.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("id: badge-mini", "id: badge-other"),
                   encoding="utf-8")  # fmt: skip
    result = cli("diff", old, new)
    assert result.exit_code == 0, result.stderr
    assert "Framework id badge-mini → badge-other" in result.stdout
    assert "No differences" not in result.stdout
