"""The scoring model against values worked out by hand.

tests/data/mini-framework.yaml and mini-evidence.yaml, scale 0-3:

X1 (weight 2): X1.1 = 3 (weight 1), X1.2 = 1 (weight 3)  → (3·1 + 1·3) / 4 = 1.5 → 50.0
X2 (no indicators, judged directly): 0                    → 0.0
X3 applies to two-tier pilots only; Smallville is single-tier → not applicable
Y1: Y1.1 = 3, Y1.2 n/a, Y1.3 no judgement yet             → 3 / 3 → 100.0, coverage 1/2
Level XA  = (50.0·2 + 0.0·1) / 3 = 33.3;  level XB has nothing applicable
Aspect X  = 33.3;  aspect Y = 100.0
Overall   = (50.0·2 + 0.0·1 + 100.0·1) / 4 = 50.0; judged 4 of 5 applicable
Bands: green ≥ 85, amber ≥ 50, red ≥ 0.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from laaeval.model.evidence import Judgement
from laaeval.model.framework import load_framework
from laaeval.model.store import load_evidence
from laaeval.scoring.score import score

from ..conftest import MINI_EVIDENCE, MINI_FRAMEWORK


@pytest.fixture  # each test scores afresh, so mutation testing sees which tests score
def mini():
    framework = load_framework(MINI_FRAMEWORK)
    record, _ = load_evidence(MINI_EVIDENCE, framework)
    return framework, record


@pytest.fixture  # each test scores afresh, so mutation testing sees which tests score
def result(mini):
    return score(*mini)


def test_weighted_criterion_score(result):
    x1 = result.criterion("X1")
    assert (x1.score, x1.band.label, x1.judged, x1.total) == (50.0, "Amber", 2, 2)


def test_criterion_without_indicators_is_rated_directly(result):
    x2 = result.criterion("X2")
    assert [i.id for i in x2.indicators] == ["X2"]
    assert (x2.score, x2.band.label, x2.judged, x2.total) == (0.0, "Red", 1, 1)


def test_framework_rule_makes_a_criterion_not_applicable(result):
    x3 = result.criterion("X3")
    assert not x3.applicable
    assert x3.score is None and x3.band is None
    assert "applies only where tier is two-tier" in x3.not_applicable_reason


def test_not_applicable_and_no_judgement_are_not_zero(result):
    y1 = result.criterion("Y1")
    assert (y1.score, y1.judged, y1.total) == (100.0, 1, 2)
    statuses = {i.id: i.status for i in y1.indicators}
    assert statuses == {"Y1.1": "rated", "Y1.2": "not applicable", "Y1.3": "no judgement yet"}


def test_levels_aspects_and_overall_are_weighted_means_of_criteria(result):
    x, y = result.aspects
    xa, xb = x.levels
    assert (xa.score, xa.band.label, xa.judged, xa.total) == (33.3, "Red", 3, 3)
    assert (xb.score, xb.criteria_applicable, xb.coverage) == (None, 0, None)
    assert (x.score, y.score) == (33.3, 100.0)
    overall = result.overall
    assert (overall.score, overall.band.label, overall.judged, overall.total) == (
        50.0, "Amber", 4, 5
    )  # fmt: skip
    assert overall.coverage == pytest.approx(0.8)


def test_evidence_strength(result):
    # X1: interviews (views) and a document (documentation) → triangulated
    # Y1: two kinds of interview, both views → corroborated
    assert result.criterion("X1").strength == "triangulated"
    assert result.criterion("Y1").strength == "corroborated"
    assert result.criterion("X3").strength is None  # not applicable: nothing to grade
    assert result.overall.strength == {
        "none": 0, "single source": 0, "corroborated": 1, "triangulated": 2
    }  # fmt: skip


def test_contested_needs_people_of_different_perspectives(result):
    # Y1.1: CG says it is met (an interview), the council says not (an interview) →
    # contested. X1.1: CG supports, but what challenges it is a GO *document*, not a
    # person's view → mixed, not a dispute. X2: the GO both supports and challenges → mixed
    # evidence from one perspective, not contested.
    assert result.criterion("Y1").contested
    assert [k.point for k in result.criterion("Y1").contests] == ["Y1.1"]
    assert (result.criterion("X1").contested, result.criterion("X1").mixed) == (False, True)
    assert (result.criterion("X2").contested, result.criterion("X2").mixed) == (False, True)
    assert (result.overall.contested, result.overall.mixed) == (1, 2)


def test_a_rating_without_evidence_is_unsupported(result):
    x1 = result.criterion("X1")
    assert [i.id for i in x1.indicators if i.unsupported] == ["X1.2"]
    assert result.overall.unsupported == 1


def test_gaps_are_the_sources_not_yet_consulted(result):
    assert [s.text for s in result.criterion("X1").gaps] == ["Interviews B"]
    assert result.criterion("X2").gaps == ()
    assert result.criterion("X3").gaps == ()  # not applicable: nothing to consult


def test_two_tier_pilot_brings_the_criterion_back(mini):
    framework, record = mini
    pilot = replace(record.pilot, attributes={"tier": "two-tier"})
    judgements = dict(record.judgements, **{"X3.1": Judgement("X3.1", rating=2)})
    result = score(framework, replace(record, pilot=pilot, judgements=judgements))
    x3 = result.criterion("X3")
    assert (x3.applicable, x3.score, x3.band.label) == (True, 66.7, "Amber")
    # Overall = (50·2 + 0 + 66.7 + 100) / 5 = 53.3
    assert result.overall.score == 53.3


def test_nothing_judged_gives_no_score_rather_than_zero(mini):
    framework, record = mini
    result = score(framework, replace(record, judgements={}))
    assert result.overall.score is None
    assert result.overall.band is None
    assert result.overall.judged == 0


def test_band_is_read_from_the_rounded_score(mini):
    framework, _ = mini
    assert framework.band_for(84.9).label == "Amber"
    assert framework.band_for(85.0).label == "Green"
    assert framework.band_for(0.0).label == "Red"
    assert framework.band_for(None) is None


def test_halves_round_upwards_everywhere():
    from laaeval.text import round1

    # Python's round() gives 41.6 and 58.4 here, because of the binary values.
    assert (round1((50.0 + 33.3) / 2), round1((50.0 + 66.7) / 2)) == (41.7, 58.4)
    assert round1(2 / 3 * 100) == 66.7


def test_a_tier_not_known_yet_rules_nothing_out(mini):
    # No tier recorded: X3 (two-tier only) applies until we know otherwise. It is not yet
    # judged, so the scores stand, but coverage counts X3.1: judged 4 of 6 = 66.7%.
    framework, record = mini
    result = score(framework, replace(record, pilot=replace(record.pilot, attributes={})))
    x3 = result.criterion("X3")
    assert (x3.applicable, x3.not_applicable_reason, x3.score, x3.judged, x3.total) == (
        True, None, None, 0, 1
    )  # fmt: skip
    assert [i.status for i in x3.indicators] == ["no judgement yet"]
    xb = result.aspects[0].levels[1]
    assert (xb.criteria_applicable, xb.judged, xb.total, xb.score) == (1, 0, 1, None)
    assert (result.overall.score, result.overall.judged, result.overall.total) == (50.0, 4, 6)
    assert result.overall.coverage == pytest.approx(4 / 6)
