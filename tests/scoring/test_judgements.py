"""Evidence format 2 scored against values worked out by hand: criteria judged as a whole,
verdicts beside the scale, provisional scores, strength that counts independent primary
sources, and contests that need people who disagree.

The mini framework (tests/data/mini-framework.yaml): scale 0-3; bands Green ≥ 85,
Amber ≥ 50, Red. X1 (weight 2) has X1.1 (weight 1) and X1.2 (weight 3); X2 has no
indicators; X3 applies to two-tier pilots only; Y1 has Y1.1-Y1.3 and is judged through its
indicators only. Sources: int-a and int-b are interviews (views), doc is documents.
"""

from __future__ import annotations

from typing import Any

import pytest

from laaeval.model.checks import check_evidence
from laaeval.model.evidence import evidence_from_data
from laaeval.model.framework import build_framework, load_framework
from laaeval.scoring.score import score

from ..conftest import MINI_FRAMEWORK
from ..oracle import load


@pytest.fixture(scope="module")
def framework():
    return load_framework(MINI_FRAMEWORK)


def item(ident: str, bears_on: dict[str, str], perspective: str | None = "cg",
         sources: tuple[str, ...] = ("int-a",), **more: Any) -> dict[str, Any]:  # fmt: skip
    out: dict[str, Any] = {"id": ident, "summary": f"Finding {ident}", "bears_on": bears_on}
    if sources:
        out["sources"] = list(sources)
    if perspective:
        out["perspective"] = perspective
    return {**out, **more}


def assess(framework, judgements: dict, evidence: list | None = None, **pilot: Any):
    data = {
        "laaeval": "evidence/2", "framework": {"id": "mini", "version": "2"},
        "pilot": {"name": "Testham", "round": "final", **pilot},
        "evidence": evidence or [], "judgements": judgements,
    }  # fmt: skip
    problems = check_evidence(data, framework, "test.yaml")
    assert not problems, [p.one_line() for p in problems]
    return score(framework, evidence_from_data(data))


# -- judging a criterion as a whole ----------------------------------------------------------


def test_a_criterion_judged_as_a_whole_takes_its_own_rating(framework):
    # X1 judged 3 as a whole → 3/3 = 100.0, Green, whatever its indicators say; they are
    # shown beside: (0·1 + 1·3) / 4 = 0.75 of 3 = 25.0, Red: two bands below Green.
    a = assess(framework, {"X1": {"rating": 3, "rationale": "Met, taken as a whole"},
                           "X1.1": {"rating": 0}, "X1.2": {"rating": 1}})  # fmt: skip
    x1 = a.criterion("X1")
    assert (x1.score, x1.band.label, x1.basis, x1.status) == (100.0, "Green", "criterion", "scored")
    assert (x1.indicator_score, x1.differs) == (25.0, True)
    # A judgement as a whole covers every indicator: judged 2 of 2, the score rests on both.
    assert (x1.judged, x1.total, x1.scored, x1.provisional) == (2, 2, 2, False)


def test_indicators_one_band_away_are_not_flagged(framework):
    # X1 judged 2 → 66.7, Amber; indicators (3·1 + 1·3) / 4 = 1.5 → 50.0, Amber: same band.
    a = assess(framework, {"X1": {"rating": 2}, "X1.1": {"rating": 3, "rationale": "Yes"},
                           "X1.2": {"rating": 1}})  # fmt: skip
    x1 = a.criterion("X1")
    assert (x1.score, x1.indicator_score, x1.differs) == (66.7, 50.0, False)


def test_a_criterion_judged_through_its_indicators_only_takes_their_mean(framework):
    # Y1 (judge: indicators): Y1.1 = 3, Y1.2 = 2 → 5/2 = 2.5 of 3 = 83.3, Amber.
    a = assess(framework, {"Y1.1": {"rating": 3, "rationale": "Yes"}, "Y1.2": {"rating": 2}})
    y1 = a.criterion("Y1")
    assert (y1.score, y1.band.label, y1.basis, y1.indicator_score) == (
        83.3, "Amber", "indicators", None)  # fmt: skip
    assert (y1.judged, y1.total, y1.scored) == (2, 3, 2)


def test_a_framework_that_judges_as_a_whole_takes_no_score_from_indicators(framework, tmp_path):
    data = load(MINI_FRAMEWORK)
    data["aspects"][0]["levels"][0]["criteria"][0]["judge"] = "criterion"  # X1
    whole = build_framework(data, "whole.yaml")
    a = assess(whole, {"X1.1": {"rating": 3, "rationale": "Yes"}, "X1.2": {"rating": 3,
               "rationale": "Yes"}})  # fmt: skip
    x1 = a.criterion("X1")
    # No judgement of X1 itself: not yet judged, the indicators' 100.0 shown beside only.
    assert (x1.score, x1.status, x1.indicator_score) == (None, "not yet judged", 100.0)


# -- verdicts beside the scale ---------------------------------------------------------------


def test_a_verdict_is_judged_but_left_out_of_the_score(framework):
    # X1 too early (as a whole); X2 = 3 → 100.0. Level XA = X2 alone = 100.0.
    # Coverage: X1's 2 indicators count as judged; X2 1: XA judged 3 of 3, but the score
    # rests on X2's 1 of 3 indicators (33.3%), under 50%: provisional, no band.
    a = assess(framework, {"X1": {"rating": "too-early", "rationale": "Too soon"},
                           "X2": {"rating": 3, "rationale": "Yes"}})  # fmt: skip
    x1 = a.criterion("X1")
    assert (x1.score, x1.status, x1.verdict.label, x1.band) == (
        None, "verdict", "Too early to say", None)  # fmt: skip
    (xa, _), _ = a.aspects[0].levels, None
    assert (xa.score, xa.judged, xa.total, xa.scored) == (100.0, 3, 3, 1)
    assert (xa.provisional, xa.band, xa.provisional_band.label) == (True, None, "Green")
    assert (xa.criteria_scored, dict(xa.criteria_verdicts), xa.criteria_unjudged) == (
        1, {"too-early": 1}, 0)  # fmt: skip


def test_every_indicator_given_a_verdict_gives_the_criterion_that_verdict(framework):
    a = assess(framework, {"X1.1": {"rating": "insufficient-evidence"},
                           "X1.2": {"rating": "insufficient-evidence"}})  # fmt: skip
    x1 = a.criterion("X1")
    assert (x1.status, x1.verdict.id, x1.judged, x1.total) == (
        "verdict", "insufficient-evidence", 2, 2)  # fmt: skip


def test_one_indicator_given_a_verdict_leaves_the_criterion_unfinished(framework):
    # X1.1 too early, X1.2 not yet judged: judged 1 of 2, but the criterion is unfinished
    # work, not a verdict.
    a = assess(framework, {"X1.1": {"rating": "too-early"}})
    x1 = a.criterion("X1")
    assert (x1.status, x1.verdict, x1.judged, x1.total, x1.score) == (
        "not yet judged", None, 1, 2, None)  # fmt: skip


# -- provisional scores ------------------------------------------------------------------------


def test_a_score_over_less_than_half_is_provisional(framework):
    # Y1.1 = 3 only: 1 of 3 indicators (33.3%) → 100.0 provisional, no band; Y the same.
    a = assess(framework, {"Y1.1": {"rating": 3, "rationale": "Yes"}})
    y1, y = a.criterion("Y1"), a.aspects[1]
    assert (y1.score, y1.band, y1.provisional, y1.provisional_band.label) == (
        100.0, None, True, "Green")  # fmt: skip
    assert (y.score, y.band, y.provisional) == (100.0, None, True)
    # Overall: Y1 is the only scored criterion; 1 of 7 applicable indicators scored (the
    # tier is not given, so X3 applies: X1.1, X1.2, X2, X3.1, Y1.1, Y1.2, Y1.3).
    assert (a.overall.scored, a.overall.total, a.overall.provisional) == (1, 7, True)


def test_exactly_half_is_enough_for_a_band(framework):
    # Y1.1 = 3, Y1.2 n/a: 1 of 2 applicable (50%), not below 50%.
    a = assess(framework, {"Y1.1": {"rating": 3, "rationale": "Yes"}, "Y1.2": {"rating": "n/a"}})
    assert (a.criterion("Y1").band.label, a.criterion("Y1").provisional) == ("Green", False)


def test_the_framework_sets_the_share_a_band_needs(framework):
    data = load(MINI_FRAMEWORK)
    data["provisional_below"] = 75
    strict = build_framework(data, "strict.yaml")
    a = assess(strict, {"Y1.1": {"rating": 3, "rationale": "Yes"}, "Y1.2": {"rating": "n/a"}})
    assert (a.criterion("Y1").band, a.criterion("Y1").provisional) == (None, True)


# -- strength: independent primary sources ----------------------------------------------------


def test_synthesis_and_second_items_from_one_source_add_no_strength(framework):
    judgements = {"X2": {"rating": 2}}
    same = {"reference": "Interview GO-1", "perspective": "go"}
    evidence = [
        item("E1", {"X2": "supports"}, **same),
        item("E2", {"X2": "supports"}, **same),  # the same interview again: one source
        item("E3", {"X2": "supports"}, perspective=None, sources=(), basis="synthesis"),
    ]
    x2 = assess(framework, judgements, evidence).criterion("X2")
    assert (x2.strength, x2.sources) == ("single source", 1)
    # A second interview, of another GO officer (another reference): corroborated; a
    # document as well: triangulated.
    evidence.append(item("E4", {"X2": "supports"}, reference="Interview GO-2", perspective="go"))
    x2 = assess(framework, judgements, evidence).criterion("X2")
    assert (x2.strength, x2.sources) == ("corroborated", 2)
    evidence.append(item("E5", {"X2": "supports"}, sources=("doc",), perspective="go"))
    assert assess(framework, judgements, evidence).criterion("X2").strength == "triangulated"


def test_a_criterion_not_yet_judged_shows_no_strength_grade(framework):
    evidence = [item("E1", {"X2": "supports"}), item("E2", {"X2": "supports"}, sources=("doc",))]
    x2 = assess(framework, {}, evidence).criterion("X2")
    assert (x2.strength, x2.sources, x2.evidence_items) == (None, 2, ("E1", "E2"))


def test_evidence_on_a_criterion_as_a_whole_counts_for_it(framework):
    evidence = [item("E1", {"X1": "supports"})]
    x1 = assess(framework, {"X1": {"rating": 2}}, evidence).criterion("X1")
    assert (x1.evidence_items, x1.strength, x1.unsupported) == (("E1",), "single source", 0)
    # Rated as a whole with nothing behind it: one unsupported rating.
    assert assess(framework, {"X1": {"rating": 2}}).criterion("X1").unsupported == 1


# -- contested means people disagree ----------------------------------------------------------


def views(stance: str, perspective: str, ident: str, **more: Any) -> dict:
    return item(ident, {"X2": stance}, perspective=perspective, **more)


@pytest.mark.parametrize(("evidence", "contested", "mixed"), [
    # Two perspectives' views on one point: a dispute.
    ([views("supports", "cg", "E1"), views("challenges", "go", "E2")], True, False),
    # One perspective, two named departments: a dispute within central government.
    ([views("supports", "cg", "E1", organisation="DfES"),
      views("challenges", "cg", "E2", organisation="Home Office")], True, False),
    # One perspective, one side unnamed: it may be the same body, so not a dispute.
    ([views("supports", "cg", "E1", organisation="DfES"), views("challenges", "cg", "E2")],
     False, True),
    # A synthesis challenging a stakeholder's view qualifies it; it is no dispute.
    ([views("supports", "cg", "E1"),
      views("challenges", None, "E2", sources=(), basis="synthesis")], False, True),
    # A document is not a person's view: mixed evidence, not a dispute.
    ([views("supports", "cg", "E1"), views("challenges", "go", "E2", sources=("doc",))],
     False, True),
    # Only support: neither.
    ([views("supports", "cg", "E1"), views("supports", "go", "E2")], False, False),
])  # fmt: skip
def test_contested_needs_people_who_disagree_on_the_same_point(framework, evidence, contested,
                                                              mixed):  # fmt: skip
    x2 = assess(framework, {"X2": {"rating": 1}}, evidence).criterion("X2")
    assert (x2.contested, x2.mixed) == (contested, mixed)


def test_views_on_different_points_are_not_a_dispute(framework):
    # CG supports X1.1, GO challenges X1.2: different indicators, so mixed, not contested.
    evidence = [item("E1", {"X1.1": "supports"}, perspective="cg"),
                item("E2", {"X1.2": "challenges"}, perspective="go")]  # fmt: skip
    x1 = assess(framework, {}, evidence).criterion("X1")
    assert (x1.contested, x1.mixed, x1.contests) == (False, True, ())


def test_the_assessors_own_finding_on_a_dispute_prevails_and_is_shown(framework):
    evidence = [views("supports", "cg", "E1"), views("challenges", "go", "E2")]
    no = assess(framework, {"X2": {"rating": 1, "contested": False, "rationale": "Two facets"}},
                evidence).criterion("X2")  # fmt: skip
    # laaeval still shows the disputed point it found; the assessor's finding decides.
    assert (no.contested, no.contest_finding, len(no.contests), no.mixed) == (False, False, 1, True)
    yes = assess(framework, {"X2": {"rating": 1, "contested": True, "rationale": "They differ"}},
                 [views("supports", "cg", "E1")]).criterion("X2")  # fmt: skip
    assert (yes.contested, yes.contest_finding, yes.contests) == (True, True, ())


# -- a programme-level assessment of a group of pilots --------------------------------------


def test_a_group_of_pilots_with_mixed_tiers_keeps_every_criterion(framework):
    # tier: mixed in a group: X3 (two-tier only) applies, as it does to some of the pilots.
    a = assess(framework, {"X3.1": {"rating": 2}}, group=21, tier="mixed")
    x3 = a.criterion("X3")
    assert (x3.applicable, x3.score) == (True, 66.7)
    assert a.record.pilot.group == 21


def test_no_dispute_found_by_the_assessor_answers_for_the_indicators_too(framework):
    # CG supports X1.1 and the GO challenges it (interviews): laaeval finds X1.1 disputed.
    evidence = [item("E1", {"X1.1": "supports"}, perspective="cg"),
                item("E2", {"X1.1": "challenges"}, perspective="go")]  # fmt: skip
    found = assess(framework, {}, evidence).criterion("X1")
    assert [i.contested for i in found.indicators] == [True, False]
    overridden = assess(framework, {"X1": {"contested": False, "rationale": "Two periods"}},
                        evidence).criterion("X1")  # fmt: skip
    assert [i.contested for i in overridden.indicators] == [False, False]
    assert [k.point for k in overridden.contests] == ["X1.1"]  # still shown as views differ


def test_a_rating_resting_on_the_evaluators_synthesis_alone_is_unsupported(framework):
    synthesis = [item("S1", {"X2": "supports", "X1": "supports"}, perspective=None, sources=(),
                      basis="synthesis")]  # fmt: skip
    a = assess(framework, {"X2": {"rating": 2}, "X1": {"rating": 2}}, synthesis)
    assert (a.criterion("X2").unsupported, a.criterion("X1").unsupported) == (1, 1)
    primary = [item("E1", {"X2": "supports", "X1": "supports"})]
    a = assess(framework, {"X2": {"rating": 2}, "X1": {"rating": 2}}, synthesis + primary)
    assert (a.criterion("X2").unsupported, a.criterion("X1").unsupported) == (0, 0)
