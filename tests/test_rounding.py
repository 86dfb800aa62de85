"""The one rounding rule: one decimal place, halves upwards, on the exact value.

The oracle below is written with fractions.Fraction from the rule as stated, and knows
nothing of laaeval: a mean of one-decimal scores is a decimal, so 44.45 (the mean of 11.1
and 77.8) is a half, and rounds to 44.5, whatever binary floating point makes of it.
"""

from __future__ import annotations

import itertools
import json
import math
import random
from fractions import Fraction

import pytest

from laaeval.compare.matrix import Cell, PilotRow, summarise
from laaeval.model.evidence import EvidenceFile, Judgement, Pilot
from laaeval.model.framework import build_framework
from laaeval.scoring.score import score
from laaeval.text import coverage_pct, round1


def half_up(exact: Fraction) -> float:
    """One decimal place, halves away from zero (a score is never negative; a change can be)."""
    whole = math.floor(abs(exact) * 10 + Fraction(1, 2))
    return math.copysign(whole, exact) / 10 if whole else 0.0


def tenths(value: float) -> Fraction:
    """A shown score (one decimal place) as the decimal it is."""
    return Fraction(f"{value:.1f}")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(4445, 100), 44.5),  # (11.1 + 77.8) / 2, exactly
        (Fraction(44449, 1000), 44.4),
        (Fraction(44451, 1000), 44.5),
        (Fraction(1, 20), 0.1),  # 0.05
        (Fraction(1, 30), 0.0),
        (Fraction(9995, 100), 100.0),
        (Fraction(200, 3), 66.7),
        (Fraction(100, 3), 33.3),
        (Fraction(-1, 20), -0.1),  # a change of -0.05: away from zero, as for +0.05
        (Fraction(-1, 30), 0.0),
        (41.65, 41.7),  # Python's round() gives 41.6: the binary value is below the half
        (58.35, 58.4),
        (0.15, 0.2),
        (2.675, 2.7),
        (0.0, 0.0),
        (100.0, 100.0),
    ],
)
def test_halves_round_upwards_at_the_boundaries(value, expected):
    result = round1(value)
    assert result == expected
    assert str(result) == str(expected)  # never -0.0, never 44.49999


def test_the_issues_example_is_a_half_and_rounds_up():
    # The float (11.1 + 77.8) / 2 is 44.449999999999996: rounding that gives 44.4.
    assert (11.1 + 77.8) / 2 < 44.45
    assert half_up((tenths(11.1) + tenths(77.8)) / 2) == 44.5


@pytest.mark.parametrize(
    ("judged", "total", "expected"),
    [
        (1, 8, 12.5), (1, 16, 6.3), (7, 16, 43.8), (1, 80, 1.3), (3, 80, 3.8),
        (1, 3, 33.3), (2, 3, 66.7), (0, 5, 0.0), (5, 5, 100.0), (1, 2000, 0.1),
        (1, 2001, 0.0),
    ],
)  # fmt: skip
def test_coverage_rounds_by_the_same_rule(judged, total, expected):
    # 1/16 = 6.25% → 6.3; 1/80 = 1.25% → 1.3; 1/2000 = 0.05% → 0.1
    assert coverage_pct(judged, total) == expected


def test_coverage_against_the_oracle_for_every_count_up_to_160():
    for total in range(1, 161):
        for judged in range(total + 1):
            assert coverage_pct(judged, total) == half_up(Fraction(judged * 100, total)), (
                judged, total
            )  # fmt: skip
    assert coverage_pct(0, 0) is None


# -- means, worked by scoring itself --------------------------------------------------------

# A scale of 0 to 1000, so that a criterion judged directly scores rating ÷ 10: any
# one-decimal score from 0.0 to 100.0 is a rating away.
WEIGHTS = (1, 2, 3)
BRUTE = build_framework(
    {
        "id": "brute", "version": "1", "title": "Every one-decimal score",
        "scale": [{"value": v, "label": f"v{v}"} for v in range(1001)],
        "bands": [{"id": "any", "label": "Any", "min": 0}],
        "perspectives": [{"id": "p", "label": "P"}],
        "source_types": [{"id": "s", "label": "S", "kind": "views"}],
        "aspects": [
            {"id": "A", "title": "A", "levels": [
                {"id": "L", "title": "L", "criteria": [
                    {"id": "C1", "text": "c1", "indicators": []},
                    {"id": "C2", "text": "c2", "indicators": []},
                    {"id": "C3", "text": "c3", "indicators": []},
                ]},
            ]},
            {"id": "W", "title": "Weighted", "criteria": [
                {"id": f"W{n}", "text": f"w{n}", "weight": w, "indicators": []}
                for n, w in enumerate(WEIGHTS, start=1)
            ]},
        ],
    },
    "brute",
)  # fmt: skip


def scored(ratings: dict[str, int]):
    judgements = {k: Judgement(k, rating=r) for k, r in ratings.items()}
    record = EvidenceFile("brute", "1", None, Pilot("P", "final"), judgements=judgements)
    return score(BRUTE, record)


def one_decimal_sets(size: int, count: int, seed: int) -> list[tuple[int, ...]]:
    """Ratings (tenths of a score) in sets of ``size``: a random sample, and the issue's
    example (11.1 and 77.8) with the edges of the scale."""
    rng = random.Random(seed)
    sets = [tuple(rng.randint(0, 1000) for _ in range(size)) for _ in range(count)]
    sets += [(111, 778, 0)[:size], (1, 0, 0)[:size], (999, 1000, 1000)[:size]]
    return sets


@pytest.mark.parametrize("size", [2, 3])
def test_level_means_of_one_decimal_scores_against_the_oracle(size):
    halves = 0
    for ratings in one_decimal_sets(size, 2500, seed=size):
        result = scored({f"C{n}": r for n, r in enumerate(ratings, start=1)})
        exact = sum(Fraction(r, 10) for r in ratings) / size
        halves += (exact * 100).denominator == 1 and (exact * 100) % 10 == 5
        (level,) = result.aspects[0].levels
        assert level.score == half_up(exact), ratings
        assert result.aspects[0].score == half_up(exact), ratings
    # Half of all pairs have a mean on a half. Three one-decimal scores never do (their sum
    # over 3 would need 20 × sum = an odd number), so for them this is rounding near one.
    assert halves > 1000 if size == 2 else halves == 0


def test_weighted_means_against_the_oracle():
    rng = random.Random(11)
    for _ in range(2000):
        ratings = [rng.randint(0, 1000) for _ in WEIGHTS]
        result = scored({f"W{n}": r for n, r in enumerate(ratings, start=1)})
        exact = sum(Fraction(r * w, 10) for r, w in zip(ratings, WEIGHTS, strict=True))
        exact /= sum(WEIGHTS)
        assert result.aspects[1].score == half_up(exact), ratings


def test_overall_is_the_mean_of_the_shown_criterion_scores():
    # C1 = 11.1, C2 = 77.8 (level L: 44.45 → 44.5); W1 = 0.1 (weight 1).
    # Overall = (11.1 + 77.8 + 0.1) / 3 = 29.666… → 29.7
    result = scored({"C1": 111, "C2": 778, "W1": 1})
    assert (result.aspects[0].score, result.aspects[1].score, result.overall.score) == (
        44.5, 0.1, 29.7
    )  # fmt: skip


def indicator_weights(w1: float, w2: float):
    return build_framework(
        {
            "id": "w", "version": "1", "title": "Weighted indicators",
            "scale": [{"value": v, "label": f"v{v}"} for v in range(4)],
            "bands": [{"id": "any", "label": "Any", "min": 0}],
            "perspectives": [{"id": "p", "label": "P"}],
            "source_types": [{"id": "s", "label": "S", "kind": "views"}],
            "aspects": [{"id": "A", "title": "A", "criteria": [
                {"id": "C", "text": "c", "indicators": [
                    {"id": "C.1", "text": "one", "weight": w1},
                    {"id": "C.2", "text": "two", "weight": w2},
                ]},
            ]}],
        },
        "w",
    )  # fmt: skip


def test_criterion_score_from_weighted_indicators_is_rounded_exactly():
    # Criterion score = weighted mean rating ÷ scale maximum; with indicator weights its
    # exact value can be a half too. Weights 1 and 15, ratings 0 and 1 (scale 0-3):
    # 15 / 16 / 3 × 100 = 31.25 → 31.3.
    assert half_up(Fraction(15, 16) / 3 * 100) == 31.3
    for w1, w2 in itertools.product([1, 2, 3, 5, 7, 15, 0.5, 2.5], repeat=2):
        framework = indicator_weights(w1, w2)
        weights = Fraction(str(w1)), Fraction(str(w2))
        for r1, r2 in itertools.product(range(4), repeat=2):
            judgements = {"C.1": Judgement("C.1", rating=r1), "C.2": Judgement("C.2", rating=r2)}
            record = EvidenceFile("w", "1", None, Pilot("P", "final"), judgements=judgements)
            exact = (r1 * weights[0] + r2 * weights[1]) / sum(weights) / 3 * 100
            assert score(framework, record).criterion("C").score == half_up(exact), (
                w1, w2, r1, r2
            )  # fmt: skip


# -- compare's column means -------------------------------------------------------------


def row(scores: tuple[float | None, ...]) -> PilotRow:
    cells = {f"K{n}": Cell(s, None, 1, 1, 0) for n, s in enumerate(scores)}
    return PilotRow(file="f", pilot="P", round="r", assessor=None, details={}, created=None,
                    cells=cells, overall=Cell(None, None, 0, 1, 0), ratings={})  # fmt: skip


@pytest.mark.parametrize("size", [2, 3])
def test_compare_column_means_against_the_oracle(size):
    rng = random.Random(100 + size)
    for _ in range(3000):
        shown = [rng.randint(0, 1000) / 10 for _ in range(size)]
        rows = [row((s,)) for s in shown]
        expected = half_up(sum(tenths(s) for s in shown) / size)
        assert summarise(rows, "K0").mean == expected, shown
    assert summarise([row((11.1,)), row((77.8,))], "K0").mean == 44.5


HALF_FRAMEWORK = """\
laaeval: framework/1
id: halves
version: "1"
title: Two criteria whose mean is a half
scale:
  - {value: 0, label: Not met}
  - {value: 1, label: Partly met}
  - {value: 2, label: Largely met}
  - {value: 3, label: Fully met}
bands:
  - {id: high, label: High, min: 44.5}
  - {id: low, label: Low, min: 0}
perspectives:
  - {id: p, label: Someone}
source_types:
  - {id: s, label: Interviews, kind: views}
aspects:
  - id: A
    title: Only aspect
    levels:
      - id: L
        title: Only level
        criteria:
          - id: C1
            text: First
            indicators: [{id: C1.1, text: a}, {id: C1.2, text: b}, {id: C1.3, text: c}]
          - id: C2
            text: Second
            indicators: [{id: C2.1, text: a}, {id: C2.2, text: b}, {id: C2.3, text: c}]
"""
HALF_EVIDENCE = """\
laaeval: evidence/1
framework: {id: halves, version: "1"}
pilot: {name: Halfton, round: final}
judgements:
  C1.1: {rating: 1}
  C1.2: {rating: 0}
  C1.3: {rating: 0}
  C2.1: {rating: 3}
  C2.2: {rating: 2}
  C2.3: {rating: 2}
"""


def test_the_shown_level_score_and_its_band_use_the_rounded_half(cli, tmp_path):
    # C1 = 1/9 = 11.1; C2 = 7/9 = 77.8; level, aspect and overall = (11.1 + 77.8) / 2 = 44.45
    # → 44.5, which is just in band High (min 44.5). Rounded down, it would be 44.4 and Low.
    framework, evidence = tmp_path / "f.yaml", tmp_path / "e.yaml"
    framework.write_text(HALF_FRAMEWORK)
    evidence.write_text(HALF_EVIDENCE)
    result = cli("score", evidence, "--framework", framework, "--format", "json")
    assert result.exit_code == 0, result.output
    (assessment,) = json.loads(result.stdout)["assessments"]
    assert [c["score"] for c in assessment["criteria"]] == [11.1, 77.8]
    (aspect,) = assessment["aspects"]
    for group in (aspect, aspect["levels"][0], assessment["overall"]):
        assert (group["score"], group["band"]["label"]) == (44.5, "High")
    csv_text = cli("score", evidence, "--framework", framework, "--format", "csv").stdout
    assert ",overall,,,halves,Two criteria whose mean is a half,,44.5,High,no," in csv_text
