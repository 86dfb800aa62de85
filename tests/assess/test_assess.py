"""laaeval assess, driven by feeding answers as an evaluator would type them."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import pytest

from laaeval.files import yamlio
from laaeval.model.framework import load_framework
from laaeval.model.store import load_evidence

from ..conftest import MINI_EVIDENCE, MINI_FRAMEWORK
from ..oracle import fingerprint

MINI = ("--framework", str(MINI_FRAMEWORK))
# New file: pilot, round, region, tier (1 = single-tier), assessor.
DETAILS = ["Smallville", "final", "North", "1", "A. Assessor"]
# The walk of the mini framework for a single-tier pilot: X1.1, X1.2, X2, Y1.1, Y1.2, Y1.3.
WALK = [
    "3", "Fully met: the council said so",                          # X1.1 rated 3
    "e", "1", "2", "The GO said partly", "Interview 4, 2005-01-19", "c X2",
    "1", "Only partly, on the GO's account",                        # X1.2: evidence, then 1
    "u", "E1", "s", "2", "",                                        # X2: reuse E1, rate 2
    "n", "It does not arise for this pilot",                        # Y1.1 not applicable
    "s",                                                            # Y1.2 skipped
    "0", "",                                                        # Y1.3 rated 0
]  # fmt: skip


def run(cli, path, answers, *extra):
    return cli("assess", path, *MINI, *extra, "--answers", "-", input="\n".join(answers) + "\n")


def content(path):
    data = yamlio.load_path(path)
    data.pop("created", None)
    data.pop("updated", None)
    return data


def test_without_a_terminal_it_explains_instead_of_hanging(cli, tmp_path):
    result = cli("assess", tmp_path / "x.yaml", *MINI)
    assert result.exit_code == 2
    assert "needs a terminal" in result.stderr and "--answers" in result.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_a_whole_walk_records_everything(cli, tmp_path):
    path = tmp_path / "smallville.yaml"
    result = run(cli, path, DETAILS + WALK)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Process › Level A › X1 — indicator 1 of 2" in out
    assert "X2 — judged directly" in out
    assert "That is everything in this sitting." in out
    assert "Overall" in out  # the scored table at the end
    record, _ = load_evidence(path, load_framework(MINI_FRAMEWORK))
    assert record.pilot.name == "Smallville" and record.pilot.attributes == {"tier": "single-tier"}
    ratings = {k: (j.rating, j.not_applicable) for k, j in record.judgements.items()}
    assert ratings == {"X1.1": (3, False), "X1.2": (1, False), "X2": (2, False),
                       "Y1.1": (None, True), "Y1.3": (0, False)}  # fmt: skip
    (item,) = record.evidence
    assert (item.id, item.sources, item.perspective, item.reference, item.date) == (
        "E1", ("int-a",), "go", "Interview 4", "2005-01-19"
    )  # fmt: skip
    assert item.bears_on == {"X1.2": "challenges", "X2": "supports"}
    assert item.quote is None


def test_resuming_after_an_interruption_at_any_answer_loses_nothing(cli, tmp_path):
    """Cut the answers after every line; the file is always valid and, resumed with the
    rest of the answers, ends exactly as an uninterrupted walk does."""
    whole = tmp_path / "whole.yaml"
    run(cli, whole, DETAILS + WALK)
    expected = content(whole)
    # Where each indicator's answers begin in WALK. (A resumed walk starts at the first
    # indicator not yet judged, so skipped ones come back first: no cut after a skip.)
    action_starts = [0, 2, 10, 15, 17]
    for cut in range(len(WALK)):
        path = tmp_path / f"cut-{cut}.yaml"
        first = run(cli, path, DETAILS + WALK[:cut])
        assert first.exit_code == 0
        assert "The answers ran out. Everything you answered is saved" in first.stdout
        load_evidence(path, load_framework(MINI_FRAMEWORK))  # always a valid file
        if cut in action_starts:
            resumed = run(cli, path, WALK[cut:])
            assert f"Resuming {path}" in resumed.stdout
            assert content(path) == expected, cut


def test_invalid_answers_are_explained_and_asked_again(cli, tmp_path):
    path = tmp_path / "x.yaml"
    answers = DETAILS[:3] + ["9", "1"] + DETAILS[4:] + [
        "7", "maybe", "3", "", "3", "Now with a reason",   # off the scale; empty: back
        "e", "99", "1", "1", "Summary", "Interview 2005-02-30", "", "x", "s PN1",
        "s",                                            # unknown indicator id, then none
        "j", "Q9", "Y1.3", "q",
    ]  # fmt: skip
    result = run(cli, path, answers)
    assert result.exit_code == 0, result.output
    out = result.stdout
    for explanation in (
        "Please type a number from 1 to 3 (b goes back, q leaves).",
        "Please type a rating (0, 1, 2, 3) or a letter",
        "Back at X1.1; nothing was changed.",
        "2005-02-30 is not a real date (write it as YYYY-MM-DD).",
        "Please start with s (supports), c (challenges) or n (neutral) for X1.2.",
        'unknown indicator "PN1"',
        'unknown criterion or indicator "Q9"',
    ):
        assert explanation in out, explanation
    assert "Process › Level A › X1 — indicator 1 of 2" in out
    assert "Agreement › Y1 — indicator 3 of 3" in out  # after the jump
    record, _ = load_evidence(path, load_framework(MINI_FRAMEWORK))
    assert record.judgements["X1.1"].rationale == "Now with a reason"
    assert record.evidence[0].bears_on == {"X1.2": "supports"}


def test_a_suggestion_ends_its_sentence_once(cli, tmp_path):
    result = run(cli, tmp_path / "x.yaml", [*DETAILS, "j", "Y1.33", "Y1.3", "q"])
    assert result.exit_code == 0, result.output
    assert 'unknown criterion or indicator "Y1.33"; did you mean "Y1"?\n' in result.stdout
    assert '?.' not in result.stdout


def test_back_skip_and_progress(cli, tmp_path):
    path = tmp_path / "x.yaml"
    result = run(cli, path, [*DETAILS, "s", "b", "2", "why", "p", "q"])
    out = result.stdout
    assert out.count("X1 — indicator 1 of 2") == 2  # skipped, then came back
    assert "Level B: not applicable to this pilot" in out
    assert "Overall: 1 of 6 judged; 0 evidence items" in out
    assert "Everything you answered is saved in" in out


@pytest.mark.parametrize(
    ("option", "visited"),
    [
        (("--criterion", "x1"), ["X1 — indicator 1 of 2", "X1 — indicator 2 of 2"]),
        (("--aspect", "Y"), ["Y1 — indicator 1 of 3"]),
        (("--source", "doc"), ["X1 — indicator 1 of 2", "X2 — judged directly"]),
    ],
)
def test_focus_options_limit_the_walk(cli, tmp_path, option, visited):
    path = tmp_path / "x.yaml"
    result = run(cli, path, DETAILS + ["s"] * 10, *option)
    out = result.stdout
    for place in visited:
        assert place in out
    everything = ["X1 — indicator 1 of 2", "X2 — judged directly", "Y1 — indicator 1 of 3"]
    for place in set(everything) - set(visited):
        assert place not in out


def test_unjudged_only_and_resume_message(cli, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(MINI_EVIDENCE.read_text())
    result = run(cli, path, ["q"], "--unjudged")
    said = " ".join(result.stdout.split())  # a long temporary path wraps the line
    assert "Resuming" in said and "4 of 5 judged, 5 evidence items so far" in said
    assert "Y1 — indicator 3 of 3" in result.stdout  # the only unjudged one
    assert "X1 — indicator" not in result.stdout


def test_unknown_focus_is_a_usage_error_and_creates_nothing(cli, tmp_path):
    result = run(cli, tmp_path / "x.yaml", DETAILS, "--criterion", "Z9")
    assert result.exit_code == 2
    assert "unknown criterion" in result.stderr
    assert not (tmp_path / "x.yaml").exists()


def test_pilot_details_from_the_command_line(cli, tmp_path):
    path = tmp_path / "x.yaml"
    result = cli("assess", path, *MINI, "--pilot", "Hilltown", "--round", "mid-way",
                 "--region", "East", "--assessor", "Me", "--detail", "tier=two-tier",
                 "--answers", "-", input="q\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    record, _ = load_evidence(path, load_framework(MINI_FRAMEWORK))
    assert (record.pilot.name, record.pilot.round, record.pilot.attributes) == (
        "Hilltown", "mid-way", {"tier": "two-tier"}
    )  # fmt: skip
    bad = cli("assess", tmp_path / "y.yaml", *MINI, "--detail", "tier=three", "--answers", "-",
              input="A\nB\n\n")  # fmt: skip
    assert bad.exit_code == 2 and "unknown tier" in bad.stderr


def test_asks_where_to_save_and_never_overwrites(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "smallville-final.yaml").write_text("precious\n")
    answers = [*DETAILS, "", "notes.txt", "smallville-final.yaml", "mine.yaml", "q"]
    result = cli("assess", *MINI, "--answers", "-", input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "already exists" in result.stdout
    assert "ending in .yaml" in result.stdout
    assert (tmp_path / "smallville-final.yaml").read_text() == "precious\n"
    assert (tmp_path / "mine.yaml").exists()


def test_answers_that_are_not_utf8_are_one_line_and_odd_characters_never_break_the_file(
    cli, tmp_path
):
    answers = tmp_path / "answers.txt"
    answers.write_bytes(b"Smallville\nfinal\n\xff\xfe\n")
    result = cli("assess", tmp_path / "a.yaml", *MINI, "--answers", answers)
    assert result.exit_code == 2
    assert "the answers are not UTF-8 text" in result.stderr
    assert "Traceback" not in result.output
    # U+FFFF and U+FFFE are valid UTF-8 but cannot be written to YAML; a NUL cannot either.
    path = tmp_path / "b.yaml"
    result = run(cli, path, DETAILS + ["3", "why \uffff\ufffe\x00 not"])
    assert result.exit_code == 0, result.output
    record, _ = load_evidence(path, load_framework(MINI_FRAMEWORK))
    assert record.judgements["X1.1"].rationale == "why \ufffd\ufffd\ufffd not"


def test_a_new_file_records_the_frameworks_fingerprint_from_the_start(cli, tmp_path):
    path = tmp_path / "new.yaml"
    assert run(cli, path, DETAILS).exit_code == 0  # details given, nothing rated yet
    assert yamlio.load_path(path)["framework"] == {
        "id": "mini", "version": "2", "hash": fingerprint(MINI_FRAMEWORK)
    }  # fmt: skip


def test_the_first_save_records_the_fingerprint_in_a_file_without_one(cli, tmp_path):
    path = tmp_path / "old.yaml"
    path.write_text(MINI_EVIDENCE.read_text())
    assert "hash" not in yamlio.load_path(path)["framework"]
    run(cli, path, ["q"])
    assert path.read_text() == MINI_EVIDENCE.read_text()  # nothing answered: not rewritten
    result = run(cli, path, ["2", ""], "--unjudged")  # Y1.3, the one left, rated 2
    assert "Saved: Y1.3 rated 2 (Largely met)." in result.stdout
    assert yamlio.load_path(path)["framework"]["hash"] == fingerprint(MINI_FRAMEWORK)


# -- pilot details not known yet -------------------------------------------------------------


def test_a_pilot_whose_tier_is_not_known_yet_is_asked_the_two_tier_criterion(cli, tmp_path):
    path = tmp_path / "nowhere.yaml"
    # Pilot, round, region, tier 3 = not known yet, funding 3 = not known yet, assessor;
    # then PL5.1 rated 2 and PL5.2 skipped.
    answers = ["Nowhere", "final", "", "3", "3", "", "2", "Both tiers say so", "s"]
    result = cli("assess", path, "--framework", "odpm-laa-2005", "--criterion", "PL5",
                 "--answers", "-", input="\n".join(answers) + "\n")  # fmt: skip
    assert result.exit_code == 0, result.output
    out = result.stdout
    # Nothing is ruled out: all 140 indicators and PN9 (judged directly) = 141.
    assert "The process › Local › PL5 — indicator 1 of 2   [0 of 141 judged" in out
    assert "PL5 — indicator 2 of 2   [1 of 141 judged" in out
    data = yamlio.load_path(path)
    assert data["pilot"] == {"name": "Nowhere", "round": "final"}  # no tier recorded
    assert data["judgements"] == {"PL5.1": {"rating": 2, "rationale": "Both tiers say so"}}
    document = json.loads(cli("score", path, "--format", "json").stdout)
    criteria = {c["id"]: c for c in document["assessments"][0]["criteria"]}
    for ident in ("PL5", "A5"):  # two-tier only; A5.3 is for a single pot only
        assert criteria[ident]["applicable"] is True, ident
        assert criteria[ident]["not_applicable_reason"] is None
    # PL5.1 = 2 of 3 → 66.7; PL5.2 not yet judged; coverage 1 of 2.
    assert (criteria["PL5"]["score"], criteria["PL5"]["judged"],
            criteria["PL5"]["applicable_indicators"]) == (66.7, 1, 2)  # fmt: skip
    assert [i["status"] for i in criteria["A5"]["indicators"]] == ["no judgement yet"] * len(
        criteria["A5"]["indicators"]
    )


# -- rationales, evidence ids, going back, the updated stamp ------------------------------


@pytest.mark.parametrize("blank", ["   ", "\t", " \t  "])
def test_a_rationale_of_only_spaces_is_no_rationale(cli, tmp_path, blank):
    path = tmp_path / "x.yaml"
    # X1.1 rated 3 (Fully met needs a rationale): spaces only is an empty answer, so it
    # goes back (nothing saved); then rated again with a real reason.
    result = run(cli, path, [*DETAILS, "3", blank, "3", "Everyone agreed", "q"])
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Back at X1.1; nothing was changed.") == 1
    assert yamlio.load_path(path)["judgements"]["X1.1"] == {
        "rating": 3, "rationale": "Everyone agreed"
    }  # fmt: skip


@pytest.mark.parametrize("blank", ["'   '", '"\\t"', '" \\n "', "''"])
def test_a_file_whose_required_rationale_is_blank_is_refused(cli, tmp_path, blank):
    path = tmp_path / "x.yaml"
    text = MINI_EVIDENCE.read_text()
    path.write_text(text.replace("X1.1: {rating: 3, rationale: Fully met on the interviews}",
                                 f"X1.1: {{rating: 3, rationale: {blank}}}"))  # fmt: skip
    result = cli("validate", path, *MINI)
    assert result.exit_code == 1, result.output
    assert "a rating of 3 (Fully met) needs a rationale: say why" in result.output
    assert "judgements › X1.1 › rating" in result.output


def test_a_new_evidence_id_never_repeats_one_after_a_gap(cli, tmp_path):
    path = tmp_path / "x.yaml"
    text = MINI_EVIDENCE.read_text()
    gap = text.index("  - id: E2\n")
    path.write_text(text[:gap] + text[text.index("  - id: E3\n"):])  # E1, E3, E4, E5
    new = ["e", "1", "1", "A new point", "", "s"]
    result = run(cli, path, [*new, "q"], "--unjudged")  # at Y1.3, the one left
    assert result.exit_code == 0, result.output
    # Four items, but the highest number is 5: the next is E6 (not E5, and not E4 either).
    assert "Saved evidence E6, bearing on 1 indicator." in result.stdout
    ids = [e["id"] for e in yamlio.load_path(path)["evidence"]]
    assert ids == ["E1", "E3", "E4", "E5", "E6"]
    result = run(cli, path, [*new, "q"], "--unjudged")
    assert "Saved evidence E7" in result.stdout


def test_back_at_the_first_indicator_stays_there(cli, tmp_path):
    path = tmp_path / "x.yaml"
    result = run(cli, path, [*DETAILS, "b", "3", "Everyone agreed", "q"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "This is the first one in this sitting." in out
    assert out.count("X1 — indicator 1 of 2") == 2  # shown, then shown again after b
    assert "That is everything in this sitting." not in out
    assert yamlio.load_path(path)["judgements"] == {
        "X1.1": {"rating": 3, "rationale": "Everyone agreed"}
    }  # fmt: skip


def test_every_save_refreshes_the_updated_stamp_and_keeps_created(cli, tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(MINI_EVIDENCE.read_text().replace(
        "assessor: Test Assessor\n",
        'assessor: Test Assessor\ncreated: "2005-01-10T09:00:00Z"\n'
        'updated: "2005-03-14T17:05:00Z"\n'))  # fmt: skip
    before = datetime.now(UTC).replace(microsecond=0)
    result = run(cli, path, ["2", "", "q"], "--unjudged")  # Y1.3 rated 2
    after = datetime.now(UTC)
    assert "Saved: Y1.3 rated 2" in result.stdout
    data = yamlio.load_path(path)
    assert data["created"] == "2005-01-10T09:00:00Z"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", data["updated"])
    updated = datetime.fromisoformat(data["updated"].replace("Z", "+00:00"))
    assert before <= updated <= after
