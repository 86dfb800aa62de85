"""Every check an evidence file gets against its framework, one mistake at a time, with the
exact line a user reads and the key path it names. The messages are written out here from
the rules (what the mini framework offers, tests/data/mini-framework.yaml), so a check
that stops firing, fires in the wrong place or says something else is caught. Added where
mutation testing (tests/MUTATION.md) showed such changes going unnoticed.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from laaeval.files import yamlio
from laaeval.model.checks import check_evidence
from laaeval.model.framework import load_framework

from ..conftest import MINI_FRAMEWORK

BASE: dict[str, Any] = {
    "laaeval": "evidence/2",
    "framework": {"id": "mini", "version": "2"},
    "pilot": {"name": "Testham", "round": "final", "tier": "single-tier"},
    "evidence": [
        {"id": "E1", "sources": ["int-a"], "perspective": "cg", "summary": "Said so",
         "bears_on": {"X1.1": "supports"}},
    ],
    "judgements": {"X1.1": {"rating": 1}},
}  # fmt: skip


@pytest.fixture(scope="module")
def framework():
    return load_framework(MINI_FRAMEWORK)


def problems(framework, change) -> list[tuple[str, str | None]]:
    data = copy.deepcopy(BASE)
    change(data)
    return [(p.message, p.path) for p in check_evidence(data, framework, "t.yaml")]


def line_in(text: str, path: str) -> int:
    """The line (1-based) the key path stands on in block-style YAML, found by reading the
    text: each key in turn below the last, an evidence item by its id, "item N" as the
    Nth entry of a list."""
    lines = text.splitlines()
    at = 0
    parts = path.split(" › ")
    for n, part in enumerate(parts):
        if part.startswith("item "):
            entries = [i for i in range(at + 1, len(lines)) if lines[i].lstrip().startswith("- ")]
            at = entries[int(part.split()[1]) - 1]
        elif n and parts[n - 1] == "evidence":
            at = next(i for i in range(at, len(lines)) if lines[i].strip() == f"- id: {part}")
        else:
            at = next(i for i in range(at, len(lines))
                      if lines[i].lstrip("- ").startswith(f"{part}:"))  # fmt: skip
    return at + 1


def test_the_base_file_is_clean(framework):
    assert problems(framework, lambda d: None) == []


def put(*path: Any, value: Any) -> Any:
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def item(**fields: Any) -> Any:
    def change(data):
        data["evidence"].append({"id": "E2", "summary": "More", "bears_on": {"X2": "supports"},
                                 **fields})  # fmt: skip

    return change


CASES = [
    # -- the pilot's details
    (put("pilot", "teir", value="single-tier"),
     'unknown pilot detail "teir"; did you mean "tier"?', "pilot › teir"),
    (put("pilot", "tier", value="mixed"),
     "tier: mixed describes a group of pilots; say how many with group (such as group: 21), "
     "or give this pilot's own value", "pilot › tier"),
    (put("pilot", "tier", value="single tier"),
     'unknown tier "single tier"; did you mean "single-tier"? '
     "(expected one of: single-tier, two-tier)", "pilot › tier"),
    (lambda d: d["pilot"].update(group=21, tier="three-tier"),
     'unknown tier "three-tier"; did you mean "two-tier"? '
     "(expected one of: single-tier, two-tier, or mixed)", "pilot › tier"),
    # -- evidence items
    (item(id="E1", sources=["doc"], perspective="go"),
     'the evidence id "E1" is used twice (first as item 1)', "evidence › E1 › id"),
    (item(sources=["doc", "int-aa"], perspective="go"),
     'unknown source type "int-aa"; did you mean "int-a"?', "evidence › E2 › sources › item 2"),
    (item(source="docs", perspective="go"),
     'unknown source type "docs"; did you mean "doc"?', "evidence › E2 › source"),
    (item(perspective="go"),
     "primary evidence needs its kind of source (sources: [...], such as int-a); or mark it "
     "basis: synthesis", "evidence › E2 › sources"),
    (item(sources=["doc"]),
     "primary evidence needs the perspective it speaks for (perspective: ...); or mark it "
     "basis: synthesis", "evidence › E2 › perspective"),
    (item(sources=["doc"], perspective="gov"),
     'unknown perspective "gov"; did you mean "go"?', "evidence › E2 › perspective"),
    (item(sources=["doc"], perspective="go", prevalence="mostly"),
     'unknown prevalence word "mostly"; did you mean "most"? '
     "(the framework's words: all, most, many, some, a few, one)", "evidence › E2 › prevalence"),
    (item(sources=["doc"], perspective="go", count=6, out_of=5),
     "count 6 is more than out_of 5", "evidence › E2 › count"),
    (item(sources=["doc"], perspective="go", out_of=21),
     "out_of needs a count or a prevalence word (how many of the 21)", "evidence › E2 › out_of"),
    (item(sources=["doc"], perspective="go", date="2005-02-30"),
     '"2005-02-30" is not a real date', "evidence › E2 › date"),
    (put("evidence", 0, "bears_on", value={"X1.11": "supports"}),
     'unknown criterion or indicator "X1.11"; did you mean "X1.1"?',
     "evidence › E1 › bears_on › X1.11"),
    # -- judgements
    (put("judgements", "Z9", value={"rating": 1}),
     'unknown criterion or indicator "Z9"', "judgements › Z9"),
    (put("judgements", "Y1", value={"rating": 1}),
     "the framework judges Y1 through its indicators only; judge an indicator instead "
     "(such as Y1.1)", "judgements › Y1"),
    (put("judgements", "X1.1", value={"rating": "N.A."}),
     '"N.A.": write "not applicable" as n/a', "judgements › X1.1 › rating"),
    (put("judgements", "X1.1", value={"rating": "N/A"}),
     '"N/A": write "N/A" as n/a', "judgements › X1.1 › rating"),
    (put("judgements", "X1.1", value={"rating": "not applicable"}),
     '"not applicable": write "not applicable" as n/a', "judgements › X1.1 › rating"),
    (put("judgements", "X1.1", value={"rating": "too-late"}),
     'unknown verdict "too-late"; did you mean "too-early"? (a rating is a value on the '
     "scale, n/a, or one of: too-early, insufficient-evidence)", "judgements › X1.1 › rating"),
    (put("judgements", "X1.1", value={"rating": 2.0}),
     "write a rating as a whole number (2, not 2.0)", "judgements › X1.1 › rating"),
    (put("judgements", "X1.1", value={"rating": 1.5}),
     "1.5 is not on the scale (0 Not met, 1 Partly met, 2 Largely met, 3 Fully met; or n/a)",
     "judgements › X1.1 › rating"),
    (put("judgements", "X1.1", value={"rating": 4}),
     "4 is not on the scale (0 Not met, 1 Partly met, 2 Largely met, 3 Fully met; or n/a)",
     "judgements › X1.1 › rating"),
    (put("judgements", "X1.1", value={"rating": 3, "rationale": "   "}),
     "a rating of 3 (Fully met) needs a rationale: say why", "judgements › X1.1 › rating"),
    (put("judgements", "X3.1", value={"rating": 2}),
     "X3.1 is judged, but X3 applies only where tier is two-tier and this pilot's is "
     "single-tier; remove the judgement or mark it n/a", "judgements › X3.1 › rating"),
    (put("judgements", "X3.1", value={"rating": "too-early"}),
     "X3.1 is judged, but X3 applies only where tier is two-tier and this pilot's is "
     "single-tier; remove the judgement or mark it n/a", "judgements › X3.1 › rating"),
    (put("judgements", "X1.1", value={"rating": 1, "contested": True, "rationale": "Yes"}),
     "contested is the assessor's finding on a criterion as a whole; record it under X1",
     "judgements › X1.1 › contested"),
    (put("judgements", "X1", value={"rating": 1, "contested": True}),
     "say why you find X1 contested (a rationale), since it overrides what the evidence "
     "shows", "judgements › X1 › contested"),
    (put("judgements", "X1", value={"rating": 1, "contested": False, "rationale": " "}),
     "say why you find X1 not contested (a rationale), since it overrides what the evidence "
     "shows", "judgements › X1 › contested"),
    # -- narrative
    (put("narrative", value={"X1.1": "Text"}),
     "narrative is kept for a criterion, a level, an aspect or overall, not an indicator; "
     "write about X1.1 under its criterion, X1", "narrative › X1.1"),
    (put("narrative", value={"overal": "Text"}),
     'unknown part of the framework "overal"; did you mean "overall"? (narrative is for '
     "overall, an aspect, a level or a criterion)", "narrative › overal"),
]  # fmt: skip


@pytest.mark.parametrize(("change", "message", "path"), CASES)
def test_each_mistake_is_told_in_words_at_its_place(framework, change, message, path):
    assert problems(framework, change) == [(message, path)]


@pytest.mark.parametrize(("change", "message", "path"), CASES)
def test_each_mistake_names_the_line_it_is_on(framework, change, message, path):
    data = copy.deepcopy(BASE)
    change(data)
    text = yamlio.dumps(data)
    (problem,) = check_evidence(yamlio.loads(text, "t.yaml"), framework, "t.yaml")
    if "used twice" in message:  # the second item with that id
        expected = max(n for n, line in enumerate(text.splitlines(), 1) if line == "  - id: E1")
    elif message.startswith("primary evidence needs"):  # a key missing: the item's own line
        expected = line_in(text, " › ".join(path.split(" › ")[:2]))
    else:
        expected = line_in(text, path)
    assert problem.line == expected, text


def test_what_may_be_judged_or_written_about_is_not_refused(framework):
    def fine(data):
        data["pilot"].update(group=21, tier="mixed")  # a group of pilots that differ
        data["judgements"].update({
            "X1": {"rating": 1, "contested": False, "rationale": "Two facets"},
            "X3.1": {"rating": 2},  # mixed rules nothing out
            "X2": {"rating": "too-early"}, "Y1.1": {"rating": "n/a"}, "Y1.2": {}})
        data["narrative"] = {"overall": "a", "X": "b", "XA": "c", "X1": "d"}
        data["evidence"].append({"id": "S1", "basis": "synthesis", "summary": "Ours",
                                 "bears_on": {"X1": "supports"}, "prevalence": "Most",
                                 "count": 5, "out_of": 5})  # fmt: skip

    assert problems(framework, fine) == []


@pytest.mark.parametrize(("recorded", "message", "path"), [
    ({"id": "maxi", "version": "2"},
     'recorded against framework "maxi", but scored against "mini"', "framework"),
    ({"id": "mini", "version": "3"},
     f'recorded against version "3" of mini, but the framework in {MINI_FRAMEWORK} is '
     'version "2"', "framework › version"),
])  # fmt: skip
def test_a_file_recorded_against_another_framework_is_refused_alone(framework, recorded,
                                                                    message, path):  # fmt: skip
    # Only the mismatch is told: nothing else in the file means anything against this one.
    def change(data):
        data["framework"] = recorded
        data["judgements"]["X1.1"] = {"rating": 9}

    assert problems(framework, change) == [(message, path)]


def test_a_changed_framework_is_told_by_its_fingerprints(framework):
    recorded = "sha256:" + "ab" * 32
    found = problems(framework, put("framework", "hash", value=recorded))
    assert found == [(
        f"recorded against mini version 2 with fingerprint {'ab' * 6}, but the framework in "
        f"{MINI_FRAMEWORK} now has fingerprint {framework.hash[7:19]}: its text, scale or "
        "weights changed without a new version number", "framework › hash")]  # fmt: skip
    assert problems(framework, put("framework", "hash", value=framework.hash)) == []


def test_every_judgement_is_checked_whatever_comes_before_it(framework):
    def change(data):
        data["judgements"] = {"Z9": {"rating": 1}, "X1.1": {"rating": "n/a"},
                              "X1.2": {"rating": 4}, "X2": {"rating": "later"},
                              "Y1.1": {"rating": 3}}  # fmt: skip

    assert [path for _, path in problems(framework, change)] == [
        "judgements › Z9", "judgements › X1.2 › rating", "judgements › X2 › rating",
        "judgements › Y1.1 › rating"]  # fmt: skip


def test_lines_when_the_key_at_fault_is_not_the_first_of_its_mapping(framework):
    text = """laaeval: evidence/2
framework:
  id: mini
  version: "2"
pilot:
  name: Testham
  round: final
  tier: single-tier
evidence:
  - summary: Said so
    id: E1
    bears_on:
      X1.1: supports
      X1.11: supports
  - summary: Again
    id: E1
    sources: [int-a]
    perspective: cg
    bears_on: {X2: supports}
judgements:
  X1.1:
    rationale: Partly
    rating: 4
narrative:
  overall: Fine
  overal: Typo
"""
    found = [(p.line, p.path) for p in check_evidence(yamlio.loads(text, "t.yaml"), framework,
                                                      "t.yaml")]  # fmt: skip
    assert found == [
        (11, "evidence › E1 › sources"), (11, "evidence › E1 › perspective"),
        (14, "evidence › E1 › bears_on › X1.11"), (16, "evidence › E1 › id"),
        (23, "judgements › X1.1 › rating"), (26, "narrative › overal")]  # fmt: skip


@pytest.mark.parametrize("rating", ["N.A.", "later", 2.0, 7])
def test_a_wrong_rating_on_a_ruled_out_indicator_is_one_mistake(framework, rating):
    # X3.1 is ruled out for a single-tier pilot; a rating it could not have anyway is told
    # once, as a wrong rating.
    found = problems(framework, put("judgements", "X3.1", value={"rating": rating}))
    assert [path for _, path in found] == ["judgements › X3.1 › rating"]
    assert "applies only where" not in found[0][0]


def test_a_framework_mismatch_names_the_file_and_the_framework_line(framework):
    for recorded in ('id: maxi\n  version: "2"', 'id: mini\n  version: "2"\n  hash: sha256:'
                     + "ab" * 32):  # fmt: skip
        text = f"laaeval: evidence/2\nframework:\n  {recorded}\npilot:\n  name: T\n  round: x\n"
        (problem,) = check_evidence(yamlio.loads(text, "t.yaml"), framework, "t.yaml")
        assert (problem.file, problem.line) == ("t.yaml", 3)


@pytest.mark.parametrize(("unit", "rating"), [
    ("X1.1", '"N.A."'), ("X1.1", "later"), ("X1.1", "2.0"), ("X1.1", "3"), ("X3.1", "2")])
def test_a_refused_rating_is_placed_on_its_own_line(framework, unit, rating):
    text = ("laaeval: evidence/2\nframework:\n  id: mini\n  version: \"2\"\npilot:\n"
            f"  name: T\n  round: final\n  tier: single-tier\njudgements:\n  {unit}:\n"
            f"    rationale: \" \"\n    rating: {rating}\n")  # fmt: skip
    (problem,) = check_evidence(yamlio.loads(text, "t.yaml"), framework, "t.yaml")
    assert (problem.line, problem.path) == (12, f"judgements › {unit} › rating")


def test_validate_lists_every_place_an_evidence_file_is_of_the_wrong_shape(cli, tmp_path):
    # Four faults of shape in one file, four lines in one run (a misspelt pilot detail told
    # as the misspelling it is), in the order of the file's lines.
    path = tmp_path / "four.yaml"
    path.write_text(
        'laaeval: evidence/2\nframework: {id: odpm-laa-2005, version: "1.0"}\n'
        "pilot: {name: P, round: final, tier: two-tier, regoin: X}\n"
        "judgements:\n  PN1.1: {rating: 2, rationle: typo}\n"
        "  PN1.2: {rating: 1, contested: maybe}\n"
        "evidence:\n  - {id: E1, sources: [int], perspective: go, summary: S, "
        "bears_on: {PN1.1: support}}\n")  # fmt: skip
    result = cli("validate", path)
    assert result.exit_code == 1
    lines = [line.split(", ", 1)[1] for line in result.stderr.splitlines()]
    assert lines == [
        'line 3, at pilot › regoin: unknown field "regoin"; did you mean "region"?',
        'line 5, at judgements › PN1.1 › rationle: unknown field "rationle"; did you mean '
        '"rationale"?',
        'line 6, at judgements › PN1.2 › contested: should be true or false, not the text '
        '"maybe"',
        'line 8, at evidence › E1 › bears_on › PN1.1: "support" is not one of: supports, '
        'challenges, neutral; did you mean "supports"?',
    ]
