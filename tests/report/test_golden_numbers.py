"""Every number in the golden files, checked against values worked out without laaeval.

A golden file is written by the code it tests, so on its own it only says that nothing
changed. Here its numbers are checked twice over: the key ones against values worked by
hand below, and all of them against tests/oracle.py, a second implementation of the
README's scoring rules (PyYAML and fractions.Fraction, no laaeval code). The oracle is
itself checked against the hand-worked values.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .. import golden_cases, oracle
from ..conftest import EXAMPLES, MINI_FRAMEWORK, ROOT
from .test_office import check_docx_numbers, check_xlsx_numbers
from .test_report import (
    body_rows,
    check_csv_numbers,
    check_html_numbers,
    check_md_numbers,
    md_tables,
    parse_html,
    tables,
)

GOLDEN = golden_cases.GOLDEN
ODPM = ROOT / "frameworks" / "odpm-laa-2005.yaml"

# -- worked by hand ---------------------------------------------------------------------
# Each group or criterion: (score, band, judged, applicable, coverage %).
# Mini framework: scale 0-3; bands Green ≥ 85, Amber ≥ 50, Red; X1 has weight 2 and its
# indicators X1.1 weight 1, X1.2 weight 3; X3 applies to two-tier pilots only.

# Smallville (tests/data/mini-evidence.yaml, single-tier): X1.1 = 3, X1.2 = 1, X2 = 0,
# Y1.1 = 3, Y1.2 n/a, Y1.3 not judged.
#   X1 = (3·1 + 1·3) / 4 = 1.5 of 3 = 50.0      X2 = 0 of 3 = 0.0      X3 not applicable
#   Y1 = 3 of 3 = 100.0, judged 1 of 2
#   XA = (50.0·2 + 0.0·1) / 3 = 33.33… → 33.3   XB: nothing applicable   X = XA = 33.3
#   Y = 100.0    overall = (50.0·2 + 0.0 + 100.0) / 4 = 50.0, judged 4 of 5 = 80.0%
SMALLVILLE = {
    "pilot": "Smallville",
    "groups": {
        "overall": (50.0, "Amber", 4, 5, 80.0), "X": (33.3, "Red", 3, 3, 100.0),
        "XA": (33.3, "Red", 3, 3, 100.0), "XB": (None, None, 0, 0, None),
        "Y": (100.0, "Green", 1, 2, 50.0),
    },
    "criteria": {
        "X1": (50.0, "Amber", 2, 2, 100.0), "X2": (0.0, "Red", 1, 1, 100.0),
        "X3": (None, None, 0, 0, None), "Y1": (100.0, "Green", 1, 2, 50.0),
    },
    # X1.1 = 3 of 3, X1.2 = 1 of 3, ...
    "indicators": {"X1.1": 100.0, "X1.2": 33.3, "X2": 0.0, "X3.1": None, "Y1.1": 100.0,
                   "Y1.2": None, "Y1.3": None},
    # Strength counts independent primary sources (every item here is primary, and no two
    # share a reference or a summary): X1: E1 int-a (views) + E2 doc (documentation), two
    # sources of both kinds → triangulated; X2: E4 int-a + E5 doc → triangulated; Y1: E1
    # int-a + E3 int-b, two sources, both views → corroborated. Contested needs people's
    # views on both sides of one point: Y1.1 (CG's interview supports, the council's
    # interview challenges) only. X1.1's challenge is a GO document, not a view, and X2's
    # support and challenge are both the GO's: both mixed. Unsupported: X1.2, rated with no
    # evidence.
    "strength": {"none": 0, "single source": 0, "corroborated": 1, "triangulated": 2},
    "contested": 1, "mixed": 2, "unsupported": 1, "evidence": 5, "criteria_applicable": 3,
}  # fmt: skip

# Bigtown (two-tier): as Smallville but X2 = 2 and X3.1 = 1.
#   X1 = 50.0   X2 = 2 of 3 = 66.7   X3 = 1 of 3 = 33.3   Y1 = 100.0
#   XA = (50.0·2 + 66.7) / 3 = 166.7 / 3 = 55.57 → 55.6   XB = 33.3
#   X = (50.0·2 + 66.7 + 33.3) / 4 = 200.0 / 4 = 50.0
#   overall = (50.0·2 + 66.7 + 33.3 + 100.0) / 5 = 300.0 / 5 = 60.0; judged 5 of 6 = 83.3%
#   X3 has no evidence (strength none), and X3.1 is a second rating without evidence.
BIGTOWN = {
    "pilot": "Bigtown",
    "groups": {
        "overall": (60.0, "Amber", 5, 6, 83.3), "X": (50.0, "Amber", 4, 4, 100.0),
        "XA": (55.6, "Amber", 3, 3, 100.0), "XB": (33.3, "Red", 1, 1, 100.0),
        "Y": (100.0, "Green", 1, 2, 50.0),
    },
    "criteria": {
        "X1": (50.0, "Amber", 2, 2, 100.0), "X2": (66.7, "Amber", 1, 1, 100.0),
        "X3": (33.3, "Red", 1, 1, 100.0), "Y1": (100.0, "Green", 1, 2, 50.0),
    },
    "indicators": {"X1.1": 100.0, "X1.2": 33.3, "X2": 66.7, "X3.1": 33.3, "Y1.1": 100.0,
                   "Y1.2": None, "Y1.3": None},
    "strength": {"none": 1, "single source": 0, "corroborated": 1, "triangulated": 2},
    "contested": 1, "mixed": 2, "unsupported": 2, "evidence": 5, "criteria_applicable": 4,
}  # fmt: skip

# Ashbridge (tests/data/ashbridge-final-format-1.yaml: the example as first recorded, in
# evidence format 1; single-tier, so PL5 is not applicable). The
# ODPM bands: Green ≥ 85, Amber/Green ≥ 65, Amber ≥ 45, Amber/Red ≥ 25, Red. Criterion
# scores from the ratings (— not yet judged or n/a):
#   PN1 (2+1)/2 → 50.0  PN2 (2+1+1)/3 → 44.4  PN3 (2+2+1)/3 → 55.6  PN4 0 → 0.0
#   PN5 2 → 66.7  PN6 (1+1+1+1)/4 → 33.3  PN7 (1+1+1)/3 → 33.3  PN8 (2+2+1)/3 → 55.6
#   PN9 1 → 33.3;  PN = 372.2 / 9 = 41.36 → 41.4, judged 21 of 27 = 77.8%
#   PR1 6/4 → 50.0  PR2 6/4 → 50.0  PR3 6/4 → 50.0  PR4 10/4 → 83.3  PR5 14/6 → 77.8
#     PR = 311.1 / 5 = 62.22 → 62.2, judged 22 of 24 = 91.7%
#   PL1 3 → 100.0  PL2 6/4 → 50.0  PL3 6/4 → 50.0  PL4 7/4 → 58.3  PL6 1 → 33.3
#     PL = 291.6 / 5 = 58.32 → 58.3, judged 14 of 17 = 82.4%
#   PA1 4/3 → 44.4  PA2 2 → 66.7  PA3 0 → 0.0  PA4 1 → 33.3 (PA5 not judged)
#     PA = 144.4 / 4 = 36.1, judged 7 of 10 = 70.0%
#   P = (372.2 + 311.1 + 291.6 + 144.4) / 23 = 1119.3 / 23 = 48.67 → 48.7, 64 of 78 = 82.1%
#   A1 5/2 → 83.3  A2 2/3 → 22.2  A3 6/3 → 66.7  A4 7/3 → 77.8  A5 4/3 → 44.4  A6 2 → 66.7
#   A7 7/4 → 58.3  A8 6/3 → 66.7  A9 4/2 → 66.7;  A = 552.8 / 9 = 61.42 → 61.4, 24 of 30 = 80.0%
#   I2 2 → 66.7  I3 2 → 66.7  I4 5/2 → 83.3  I7 8/4 → 66.7 (I1, I5, I6 not judged)
#     I = 283.4 / 4 = 70.85 → 70.9 (a half, rounded up), judged 8 of 28 = 28.6%: the score
#     rests on 8 of 28 indicators, under the 50% a band needs, so it is provisional (no
#     band); so is I4 (2 of 6 = 33.3%)
#   overall = (1119.3 + 552.8 + 283.4) / 36 = 1955.5 / 36 = 54.32 → 54.3, 96 of 136 = 70.6%
ASHBRIDGE = {
    "pilot": "Ashbridge Metropolitan Borough Council",
    "groups": {
        "overall": (54.3, "Amber", 96, 136, 70.6), "P": (48.7, "Amber", 64, 78, 82.1),
        "PN": (41.4, "Amber/Red", 21, 27, 77.8), "PR": (62.2, "Amber", 22, 24, 91.7),
        "PL": (58.3, "Amber", 14, 17, 82.4), "PA": (36.1, "Amber/Red", 7, 10, 70.0),
        "A": (61.4, "Amber", 24, 30, 80.0), "I": (70.9, None, 8, 28, 28.6),
    },
    "criteria": {
        "PN1": (50.0, "Amber", 2, 2, 100.0), "PN4": (0.0, "Red", 1, 1, 100.0),
        "PN9": (33.3, "Amber/Red", 1, 1, 100.0), "PL1": (100.0, "Green", 1, 2, 50.0),
        "PL5": (None, None, 0, 0, None), "PA5": (None, None, 0, 1, 0.0),
        "A2": (22.2, "Red", 3, 4, 75.0), "I4": (83.3, None, 2, 6, 33.3),
        "I6": (None, None, 0, 8, 0.0),
    },
    # Counted in the file: 60 evidence items; 40 of 41 criteria apply (not PL5).
    "evidence": 60, "criteria_applicable": 40,
}  # fmt: skip

HAND = {"mini": [SMALLVILLE], "two-pilots": [SMALLVILLE, BIGTOWN],
        "ashbridge-format-1": [ASHBRIDGE]}
ORDER = {  # the summary tables' order: overall, then each aspect followed by its levels
    "mini": ["overall", "X", "XA", "XB", "Y"],
    "two-pilots": ["overall", "X", "XA", "XB", "Y"],
    "ashbridge-format-1": ["overall", "P", "PN", "PR", "PL", "PA", "A", "I"],
}


def groups(assessment: dict) -> dict[str, dict]:
    out = {"overall": assessment["overall"]}
    for aspect in assessment["aspects"]:
        out[aspect["id"]] = aspect
        out.update({lv["id"]: lv for lv in aspect.get("levels", [])})
    return out


def five(entry: dict, applicable_key: str) -> tuple:
    band = entry["band"]["label"] if entry["band"] else None
    return (entry["score"], band, entry["judged"], entry[applicable_key], entry["coverage"])


def check_hand(assessment: dict, hand: dict) -> None:
    assert assessment["pilot"]["name"] == hand["pilot"]
    found = groups(assessment)
    assert {k: five(found[k], "applicable") for k in hand["groups"]} == hand["groups"]
    criteria = {c["id"]: c for c in assessment["criteria"]}
    got = {k: five(criteria[k], "applicable_indicators") for k in hand["criteria"]}
    assert got == hand["criteria"]
    assert sum(c["applicable"] for c in criteria.values()) == hand["criteria_applicable"]
    if "indicators" in hand:
        scores = {i["id"]: i["score"] for c in assessment["criteria"] for i in c["indicators"]}
        assert scores == hand["indicators"]
    for key in ("strength", "contested", "mixed", "unsupported"):
        if key in hand:
            assert assessment["overall"][key] == hand[key], key


def evidence_of(case: str, folder: Path) -> list[tuple[dict, dict]]:
    """(framework, evidence) as plain data for each file of a golden case."""
    if case == golden_cases.TWO_PILOTS:
        files = [folder / name for name in golden_cases.write_two_pilots(folder)]
        framework = MINI_FRAMEWORK
    else:
        files = [ROOT / f for f in golden_cases.CASES[case][0]]
        framework = MINI_FRAMEWORK if case == "mini" else ODPM
    return [(oracle.load(framework), oracle.load(f)) for f in files]


def oracle_document(case: str, folder: Path) -> dict:
    return {"assessments": [oracle.score(fw, ev) for fw, ev in evidence_of(case, folder)]}


@pytest.mark.parametrize("case", sorted(HAND))
def test_the_oracle_agrees_with_the_numbers_worked_by_hand(case, tmp_path):
    document = oracle_document(case, tmp_path)
    assert len(document["assessments"]) == len(HAND[case])
    for assessment, hand in zip(document["assessments"], HAND[case], strict=True):
        check_hand(assessment, hand)
    items = [len(ev.get("evidence") or []) for _, ev in evidence_of(case, tmp_path)]
    assert items == [hand["evidence"] for hand in HAND[case]]


@pytest.mark.parametrize("case", sorted(HAND))
def test_golden_json_holds_the_numbers_worked_by_hand(case):
    document = json.loads((GOLDEN / f"{case}.json").read_text(encoding="utf-8"))
    for assessment, hand in zip(document["assessments"], HAND[case], strict=True):
        check_hand(assessment, hand)
        assert len(assessment["evidence"]) == hand["evidence"]


def shown(entry: tuple) -> list[str]:
    """A hand-worked group as the summary tables write it: score, band (or why there is
    none: a score with no band is provisional), indicators judged."""
    score, band, judged, applicable, _coverage = entry
    no_band = "–" if score is None else "provisional"
    return ["–" if score is None else f"{score:.1f}", band or no_band, f"{judged}/{applicable}"]


@pytest.mark.parametrize("case", sorted(HAND))
def test_golden_html_and_markdown_summaries_show_the_numbers_worked_by_hand(case):
    html = (GOLDEN / f"{case}.html").read_text(encoding="utf-8")
    md = (GOLDEN / f"{case}.md").read_text(encoding="utf-8")
    html_summaries = tables(parse_html(html), "summary")
    md_summaries = [t for t in md_tables(md) if t[0][0] == "Part of the framework"]
    for n, hand in enumerate(HAND[case]):
        expected = [shown(hand["groups"][k]) for k in ORDER[case]]
        # Columns: part, score, band, criteria scored, indicators judged, contested.
        assert [[r[1], r[2], r[4]] for r in body_rows(html_summaries[n])] == expected
        rows = [[cell.replace("**", "") for cell in row] for row in md_summaries[n][2:]]
        assert [[r[1], r[2], r[4]] for r in rows] == expected


# -- every number, against the oracle --------------------------------------------------------

GROUP_FIELDS = ("score", "band", "provisional", "judged", "applicable", "coverage",
                "criteria_applicable", "criteria_scored", "strength", "contested", "mixed",
                "unsupported")  # fmt: skip
CRITERION_FIELDS = ("applicable", "status", "score", "band", "provisional", "judged",
                    "applicable_indicators", "scored", "coverage", "indicator_score", "strength",
                    "primary_sources", "contested", "mixed", "unsupported",
                    "evidence_items")  # fmt: skip
INDICATOR_FIELDS = ("status", "rating", "rating_label", "score", "strength", "primary_sources",
                    "contested", "unsupported")  # fmt: skip
LINK_FIELDS = ("item", "basis", "sources", "perspective", "stance")


def check_against_oracle(assessment: dict, expected: dict) -> None:
    found, wanted = groups(assessment), groups(expected)
    assert list(found) == list(wanted)
    for key, group in wanted.items():
        assert {f: found[key][f] for f in GROUP_FIELDS} == {f: group[f] for f in GROUP_FIELDS}, key
    assert [c["id"] for c in assessment["criteria"]] == [c["id"] for c in expected["criteria"]]
    for got, want in zip(assessment["criteria"], expected["criteria"], strict=True):
        assert {f: got[f] for f in CRITERION_FIELDS} == {f: want[f] for f in CRITERION_FIELDS}, (
            want["id"]
        )
        assert [g["text"] for g in got["gaps"]] == want["gaps"], want["id"]
        for i, j in zip(got["indicators"], want["indicators"], strict=True):
            assert {f: i[f] for f in INDICATOR_FIELDS} == {f: j[f] for f in INDICATOR_FIELDS}, (
                j["id"]
            )
            links = [{f: link[f] for f in LINK_FIELDS} for link in i["evidence"]]
            assert links == [{f: link[f] for f in LINK_FIELDS} for link in j["evidence"]], j["id"]


@pytest.mark.parametrize("name", golden_cases.names())
def test_every_number_in_every_golden_file_is_the_oracles(name, tmp_path):
    case, suffix = name.split(".", 1)
    text = (GOLDEN / name).read_bytes().decode("utf-8")
    expected = oracle_document(case, tmp_path)
    if suffix == "json":
        document = json.loads(text)
        assert len(document["assessments"]) == len(expected["assessments"])
        for got, want in zip(document["assessments"], expected["assessments"], strict=True):
            check_against_oracle(got, want)
    else:
        check = {"csv": check_csv_numbers, "md": check_md_numbers, "html": check_html_numbers,
                 "docx.txt": check_docx_numbers, "xlsx.txt": check_xlsx_numbers}
        check[suffix](text, expected)


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_example_scores_as_the_oracle_says(cli, example):
    result = cli("score", EXAMPLES / example, "--format", "json")
    assert result.exit_code == 0, result.output
    (assessment,) = json.loads(result.stdout)["assessments"]
    expected = oracle.score(oracle.load(ODPM), oracle.load(EXAMPLES / example))
    check_against_oracle(assessment, expected)
