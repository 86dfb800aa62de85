"""Edges of the scoring model that mutation testing (tests/MUTATION.md) showed untested,
each against values worked out by hand from the rules in PRODUCT.md and scoring/score.py's
docstring, through the library's public functions.

The mini framework (tests/data/mini-framework.yaml): scale 0-3; bands Green ≥ 85,
Amber ≥ 50, Red ≥ 0. X1 (weight 2) has X1.1 (weight 1) and X1.2 (weight 3); X2 has no
indicators; X3 applies to two-tier pilots only; Y1 has Y1.1-Y1.3. int-a and int-b are
interviews (views), doc is documents.
"""

from __future__ import annotations

from typing import Any

import pytest

from laaeval.errors import LaaevalError
from laaeval.model.checks import check_evidence
from laaeval.model.evidence import evidence_from_data
from laaeval.model.framework import load_framework
from laaeval.scoring import workers
from laaeval.scoring.batch import iter_scored, score_all
from laaeval.scoring.score import score

from ..conftest import MINI_EVIDENCE, MINI_FRAMEWORK


@pytest.fixture(scope="module")
def framework():
    return load_framework(MINI_FRAMEWORK)


def item(ident: str, point: str, stance: str, perspective: str | None = "cg",
         sources: tuple[str, ...] = ("int-a",), **more: Any) -> dict[str, Any]:  # fmt: skip
    out: dict[str, Any] = {"id": ident, "summary": f"Finding {ident}", "bears_on": {point: stance}}
    if sources:
        out["sources"] = list(sources)
    if perspective:
        out["perspective"] = perspective
    return {**out, **more}


def assess(framework, judgements: dict, evidence: list | None = None,
           narrative: dict | None = None, **pilot: Any):  # fmt: skip
    data = {
        "laaeval": "evidence/2", "framework": {"id": "mini", "version": "2"},
        "pilot": {"name": "Testham", "round": "final", **pilot},
        "evidence": evidence or [], "judgements": judgements, "narrative": narrative or {},
    }  # fmt: skip
    problems = check_evidence(data, framework, "test.yaml")
    assert not problems, [p.one_line() for p in problems]
    return score(framework, evidence_from_data(data))


# -- a criterion judged as a whole, beside its indicators -------------------------------------


def test_one_band_apart_is_not_flagged_as_differing(framework):
    # X1 judged 3 as a whole → 100.0 Green; its indicators 2 and 2 → 2/3 = 66.7 Amber: the
    # next band down, so no flag (only more than one band apart is flagged).
    a = assess(framework, {"X1": {"rating": 3, "rationale": "Met as a whole"},
                           "X1.1": {"rating": 2}, "X1.2": {"rating": 2}})  # fmt: skip
    x1 = a.criterion("X1")
    assert (x1.score, x1.band.label, x1.indicator_score, x1.differs) == (100.0, "Green", 66.7,
                                                                         False)  # fmt: skip


def test_no_flag_without_both_scores(framework):
    # Judged 3 as a whole, no indicator rated: nothing beside it to differ from.
    alone = assess(framework, {"X1": {"rating": 3, "rationale": "Met as a whole"}})
    assert (alone.criterion("X1").indicator_score, alone.criterion("X1").differs) == (None,
                                                                                     False)
    # A verdict as a whole (no score) beside rated indicators: nothing to compare either.
    verdict = assess(framework, {"X1": {"rating": "too-early", "rationale": "Too soon"},
                                 "X1.1": {"rating": 0}, "X1.2": {"rating": 0}})  # fmt: skip
    x1 = verdict.criterion("X1")
    assert (x1.score, x1.indicator_score, x1.differs) == (None, 0.0, False)


def test_a_criterion_whose_indicators_have_different_verdicts_takes_the_commonest():
    framework = load_framework(MINI_FRAMEWORK)
    # Y1.1 and Y1.2 insufficient evidence, Y1.3 too early: two against one.
    a = assess(framework, {"Y1.1": {"rating": "too-early"},
                           "Y1.2": {"rating": "insufficient-evidence"},
                           "Y1.3": {"rating": "insufficient-evidence"}})  # fmt: skip
    y1 = a.criterion("Y1")
    assert (y1.status, y1.verdict.id, y1.judged, y1.total, y1.score) == (
        "verdict", "insufficient-evidence", 3, 3, None)  # fmt: skip


# -- disputes: who challenges whom ----------------------------------------------------------


def test_a_dispute_with_the_lead_perspective_found_further_down(framework):
    # Support from CG (E1); challenges from CG (E2, the same perspective, unnamed: no
    # dispute) and then from the GO (E3): E1 and E3 dispute each other.
    evidence = [item("E1", "X2", "supports"), item("E2", "X2", "challenges"),
                item("E3", "X2", "challenges", perspective="go")]  # fmt: skip
    x2 = assess(framework, {"X2": {"rating": 1}}, evidence).criterion("X2")
    assert x2.contested
    (contest,) = x2.contests
    assert (contest.point, contest.supports, contest.challenges) == ("X2", ("E1",), ("E3",))


def test_challengers_are_listed_in_the_order_the_pairs_are_met(framework):
    # Supports: S1 (CG), S2 (GO). Challenges: C1 (CG), C2 (GO).
    # Pairs met, supports first: S1–C1 same perspective (no), S1–C2 differ → C2 first;
    # then S2–C1 differ → C1 second. Both supporters dispute someone.
    evidence = [item("S1", "X2", "supports"), item("S2", "X2", "supports", perspective="go"),
                item("C1", "X2", "challenges"),
                item("C2", "X2", "challenges", perspective="go")]  # fmt: skip
    (contest,) = assess(framework, {"X2": {"rating": 1}}, evidence).criterion("X2").contests
    assert (contest.supports, contest.challenges) == (("S1", "S2"), ("C2", "C1"))


@pytest.mark.parametrize(("support", "challenges", "expected"), [
    # The same department named on both sides: no dispute.
    ({"organisation": "DfES"}, [{"organisation": "DfES"}], ()),
    # A second department further down: a dispute with it alone.
    ({"organisation": "DfES"}, [{"organisation": "DfES"}, {"organisation": "Home Office"}],
     ("C2",)),
    # An unnamed challenger first, then a named one of another body: a dispute with it.
    ({"organisation": "DfES"}, [{}, {"organisation": "Home Office"}], ("C2",)),
    # Another body first, then the supporter's own: a dispute with the first only.
    ({"organisation": "DfES"}, [{"organisation": "Home Office"}, {"organisation": "DfES"}],
     ("C1",)),
    # Named by speaker rather than organisation: the same rule.
    ({"speaker": "A Smith"}, [{"speaker": "B Jones"}], ("C1",)),
    # The challenger named, the supporter not: they may be the same body.
    ({}, [{"organisation": "DfES"}], ()),
    # Names are compared without regard to capitals.
    ({"organisation": "DfES"}, [{"organisation": "dfes"}], ()),
])  # fmt: skip
def test_a_dispute_within_one_perspective_needs_two_names(framework, support, challenges,
                                                         expected):  # fmt: skip
    evidence = [item("S1", "X2", "supports", **support)] + [
        item(f"C{n}", "X2", "challenges", **named) for n, named in enumerate(challenges, 1)
    ]
    x2 = assess(framework, {"X2": {"rating": 1}}, evidence).criterion("X2")
    found = tuple(c for contest in x2.contests for c in contest.challenges)
    assert found == expected
    assert x2.contested is bool(expected)


def test_the_first_named_supporter_and_a_later_different_name(framework):
    # Supports: S1 (CG, DfES), S2 (CG, Home Office). Challenges: C1 (CG, Home Office).
    # S1–C1: different names → a dispute; S2–C1: the same name → none. C1 is met through S1.
    evidence = [item("S1", "X2", "supports", organisation="DfES"),
                item("S2", "X2", "supports", organisation="Home Office"),
                item("C1", "X2", "challenges", organisation="Home Office")]  # fmt: skip
    (contest,) = assess(framework, {"X2": {"rating": 1}}, evidence).criterion("X2").contests
    assert (contest.supports, contest.challenges) == (("S1",), ("C1",))


def test_challengers_met_only_through_a_later_supporter_keep_their_order(framework):
    # Supports: S1 and S2 (CG, both DfES), S3 (GO). Challenges: C1 (CG, unnamed), C2 (CG,
    # DfES). Pairs met, supports first: S1–C1 no (C1 may be DfES), S1–C2 no (the same
    # body), S2 likewise; S3–C1 differ, S3–C2 differ. So S3 alone backs it, and C1 comes
    # before C2.
    evidence = [item("S1", "X2", "supports", organisation="DfES"),
                item("S2", "X2", "supports", organisation="DfES"),
                item("S3", "X2", "supports", perspective="go"),
                item("C1", "X2", "challenges"),
                item("C2", "X2", "challenges", organisation="DfES")]  # fmt: skip
    (contest,) = assess(framework, {"X2": {"rating": 1}}, evidence).criterion("X2").contests
    assert (contest.supports, contest.challenges) == (("S3",), ("C1", "C2"))


# -- strength of evidence -----------------------------------------------------------------


def test_the_evaluators_synthesis_alone_counts_no_source(framework):
    synthesis = [item("S1", "X2", "supports", perspective=None, sources=(), basis="synthesis")]
    x2 = assess(framework, {"X2": {"rating": 1}}, synthesis).criterion("X2")
    assert (x2.strength, x2.sources, x2.unsupported) == ("none", 0, 1)


# -- many files at once ---------------------------------------------------------------------


def _broken(tmp_path, name: str) -> str:
    text = MINI_EVIDENCE.read_text(encoding="utf-8").replace("X1.2: {rating: 1}",
                                                             "X1.2: {rating: 7}")  # fmt: skip
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_every_files_mistake_is_told_at_once(tmp_path, framework):
    first, second = _broken(tmp_path, "first.yaml"), _broken(tmp_path, "second.yaml")
    with pytest.raises(LaaevalError) as raised:
        score_all([first, MINI_EVIDENCE, second], framework)
    lines = raised.value.lines()
    assert len(lines) == 2
    assert "first.yaml" in lines[0] and "second.yaml" in lines[1]


def test_one_files_mistake_is_told_as_it_is(tmp_path, framework):
    broken = _broken(tmp_path, "only.yaml")
    with pytest.raises(LaaevalError) as raised:
        score_all([MINI_EVIDENCE, broken], framework)
    (line,) = raised.value.lines()
    assert "only.yaml" in line and "7" in line


def test_a_batch_gives_each_file_in_order(tmp_path, framework):
    broken = _broken(tmp_path, "bad.yaml")
    outcomes = list(iter_scored([MINI_EVIDENCE, broken, MINI_EVIDENCE], framework))
    assert [type(o).__name__ for o in outcomes][1] != "Assessment"
    assert [o.overall.score for o in (outcomes[0], outcomes[2])] == [50.0, 50.0]
    assert score_all([]) == []


@pytest.mark.parametrize(("cores", "files", "expected"), [
    (None, 100, 0),  # cores not known: taken as one, so no workers
    (1, 100, 0),
    (2, 100, 2),
    (4, 63, 0),  # too few files to be worth starting workers
    (4, 64, 4),
    (16, 500, 8),  # never more than eight
])  # fmt: skip
def test_how_many_worker_processes_a_batch_gets(monkeypatch, cores, files, expected):
    monkeypatch.setattr(workers.os, "cpu_count", lambda: cores)
    assert workers.worker_count(files) == expected


def test_no_worker_processes_where_the_system_cannot_fork(monkeypatch):
    import multiprocessing

    monkeypatch.setattr(workers.os, "cpu_count", lambda: 4)
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert workers.worker_count(100) == 0


def test_the_disputed_points_among_several_in_the_order_given(framework):
    from laaeval.model.evidence import evidence_from_data
    from laaeval.scoring.weighing import contests, links_by_point

    data = {
        "laaeval": "evidence/2", "framework": {"id": "mini", "version": "2"},
        "pilot": {"name": "Testham", "round": "final"}, "judgements": {},
        "evidence": [item("E1", "X2", "supports"), item("E2", "X2", "challenges", "go"),
                     item("E3", "X1.1", "supports"), item("E4", "X1.1", "challenges", "la"),
                     item("E5", "Y1.1", "supports"), item("E6", "Y1.1", "supports", "go")],
    }  # fmt: skip
    links = links_by_point(framework, evidence_from_data(data).evidence)
    found = contests({point: links[point] for point in ("Y1.1", "X2", "X1.1")})
    assert [(c.point, c.supports, c.challenges) for c in found] == [
        ("X2", ("E1",), ("E2",)), ("X1.1", ("E3",), ("E4",))]  # fmt: skip


# -- levels, aspects and the whole ------------------------------------------------------------


def test_levels_aspects_and_the_whole_carry_their_kind_title_and_narrative(framework):
    a = assess(framework, {"X1.1": {"rating": 1}},
               narrative={"XA": "On level A", "X": "On process", "overall": "On the whole"})
    (xa, xb), y = a.aspects[0].levels, a.aspects[1]
    assert [(g.kind, g.id, g.title, g.narrative) for g in (xa, xb, a.aspects[0], y,
                                                            a.overall)] == [
        ("level", "XA", "Level A", "On level A"),
        ("level", "XB", "Level B", None),
        ("aspect", "X", "Process", "On process"),
        ("aspect", "Y", "Agreement", None),
        ("overall", "mini", "A miniature framework for tests", "On the whole"),
    ]  # fmt: skip


def test_an_indicator_the_framework_rules_out_is_not_applicable_with_the_reason(framework):
    a = assess(framework, {}, tier="single-tier")
    (x31,) = a.criterion("X3").indicators
    assert (x31.status, x31.not_applicable_reason) == (
        "not applicable", "X3 applies only where tier is two-tier and this pilot's is "
        "single-tier")  # fmt: skip


def test_each_indicator_of_the_mini_file_field_by_field(framework):
    from laaeval.model.store import load_evidence

    record, _ = load_evidence(MINI_EVIDENCE, framework)
    a = score(framework, record)
    x11, x12 = a.criterion("X1").indicators
    # X1.1 = 3 of 3; E1 (interviews, CG) and E2 (a document, GO): two primary sources,
    # views and documents, so triangulated.
    assert (x11.id, x11.text, x11.criterion_id, x11.direct, x11.weight) == (
        "X1.1", "First indicator", "X1", False, 1)  # fmt: skip
    assert (x11.status, x11.rating, x11.rating_label, x11.rationale, x11.score) == (
        "rated", 3, "Fully met", "Fully met on the interviews", 100.0)  # fmt: skip
    assert (x11.strength, x11.sources, [e.item_id for e in x11.evidence]) == (
        "triangulated", 2, ["E1", "E2"])  # fmt: skip
    # X1.2 = 1 of 3 → 33.3, nothing bearing on it.
    assert (x12.weight, x12.rating_label, x12.rationale, x12.score, x12.strength,
            x12.sources, x12.unsupported) == (3, "Partly met", None, 33.3, "none", 0, True)
    (x2,) = a.criterion("X2").indicators  # judged directly: its own single indicator
    assert (x2.id, x2.direct, x2.score) == ("X2", True, 0.0)
    _, y12, y13 = a.criterion("Y1").indicators
    assert (y12.status, y12.not_applicable_reason, y12.rationale, y12.strength, y12.score) == (
        "not applicable", "marked not applicable by the assessor", "Does not arise here", None,
        None)  # fmt: skip
    assert (y13.status, y13.strength, y13.rating, y13.rationale) == (
        "no judgement yet", None, None, None)  # fmt: skip


def test_an_indicator_given_a_verdict_keeps_its_evidence_strength(framework):
    evidence = [item("E1", "X1.1", "supports"), item("E2", "X1.1", "supports", "go")]
    a = assess(framework, {"X1.1": {"rating": "too-early", "rationale": "Too soon"}}, evidence)
    x11 = a.criterion("X1").indicators[0]
    assert (x11.status, x11.verdict.label, x11.rating, x11.score, x11.rationale) == (
        "verdict", "Too early to say", None, None, "Too soon")  # fmt: skip
    # Two interviews from two perspectives: two sources, both views, so corroborated.
    assert (x11.strength, x11.sources) == ("corroborated", 2)


def test_a_criterion_ruled_out_by_the_framework_counts_no_evidence(framework):
    evidence = [item("E1", "X3.1", "supports"), item("E2", "X3", "challenges", "go")]
    x3 = assess(framework, {}, evidence, tier="single-tier").criterion("X3")
    assert (x3.applicable, x3.status, x3.score, x3.contests, x3.gaps) == (
        False, "not applicable", None, (), ())  # fmt: skip
    assert x3.not_applicable_reason == (
        "X3 applies only where tier is two-tier and this pilot's is single-tier")  # fmt: skip


def test_a_dispute_on_a_criterion_as_a_whole_is_named_for_it(framework):
    evidence = [item("E1", "X1", "supports"), item("E2", "X1", "challenges", "go")]
    x1 = assess(framework, {"X1.1": {"rating": 2}}, evidence).criterion("X1")
    assert x1.contested
    assert [(c.point, c.supports, c.challenges) for c in x1.contests] == [
        ("X1", ("E1",), ("E2",))]  # fmt: skip
    assert (x1.strength, x1.sources) == ("corroborated", 2)


def test_a_rationale_alone_is_no_judgement_yet(framework):
    x1 = assess(framework, {"X1.1": {"rationale": "Still thinking"}}).criterion("X1")
    assert (x1.indicators[0].status, x1.indicators[0].verdict, x1.judged, x1.status) == (
        "no judgement yet", None, 0, "not yet judged")  # fmt: skip


def test_a_criterion_carries_where_it_stands_and_what_was_consulted(framework):
    evidence = [item("E1", "X1.1", "supports"), item("E2", "X1.2", "supports", "go",
                                                     sources=("doc",))]  # fmt: skip
    a = assess(framework, {"X1.1": {"rating": 2}}, evidence, narrative={"X1": "Slow start"})
    x1, y1 = a.criterion("X1"), a.criterion("Y1")
    assert (x1.text, x1.aspect_id, x1.level_id, x1.weight, x1.narrative) == (
        "First criterion", "X", "XA", 2, "Slow start")  # fmt: skip
    # Consulted: interviews A and documents, in the framework's order; interviews B not.
    assert x1.source_types == ("int-a", "doc")
    assert [g.text for g in x1.gaps] == ["Interviews B"]
    assert (y1.aspect_id, y1.level_id, y1.narrative) == ("Y", None, None)


def test_no_evidence_at_all_is_no_source(framework):
    y1 = assess(framework, {"Y1.1": {"rating": 1}}).criterion("Y1")
    assert (y1.status, y1.strength, y1.sources, y1.source_types) == ("scored", "none", 0, ())


def test_a_criterion_marked_not_applicable_as_a_whole(framework):
    x1 = assess(framework, {"X1": {"rating": "n/a", "rationale": "No such duty here"}}
                ).criterion("X1")  # fmt: skip
    assert (x1.applicable, x1.not_applicable_reason, x1.score) == (
        False, "marked not applicable by the assessor", None)  # fmt: skip


@pytest.mark.parametrize(("judgements", "reason"), [
    # Every indicator marked n/a by the assessor: the criterion is not applicable, so.
    ({f"Y1.{n}": {"rating": "n/a"} for n in (1, 2, 3)}, "marked not applicable by the assessor"),
])  # fmt: skip
def test_a_criterion_whose_every_indicator_is_not_applicable(framework, judgements, reason):
    y1 = assess(framework, judgements).criterion("Y1")
    assert (y1.applicable, y1.not_applicable_reason, y1.judged, y1.total) == (False, reason,
                                                                             0, 0)  # fmt: skip


def test_a_criterion_with_nothing_judged_is_not_provisional(framework):
    # Only X1.1 rated (2 of 3 → 66.7, Amber). Y1: none of its 3 indicators judged, so no
    # score, and nothing to be provisional about. X1: 1 of its 2 indicators scored is 50%,
    # not under the 50% threshold, so it keeps its band.
    a = assess(framework, {"X1.1": {"rating": 2}})
    y1, x1 = a.criterion("Y1"), a.criterion("X1")
    assert (y1.score, y1.band, y1.provisional, y1.provisional_band) == (None, None, False, None)
    assert (x1.score, x1.band.label, x1.provisional, x1.provisional_band) == (66.7, "Amber",
                                                                              False, None)


def test_each_criterion_not_judged_at_all_is_counted_once(framework):
    # A single-tier pilot (X3 does not apply) with only X2 judged: X1 and Y1 have nothing
    # judged (2 criteria), X2 is scored; X3 is left out of the count.
    assessed = assess(framework, {"X2": {"rating": 2}}, tier="single-tier")
    assert [a.criteria_unjudged for a in assessed.aspects] == [1, 1]
    assert assessed.overall.criteria_unjudged == 2
    assert (assessed.overall.criteria_applicable, assessed.overall.criteria_scored) == (3, 1)


def variant(tmp_path, old: str, new: str):
    """The mini framework with one thing changed."""
    text = MINI_FRAMEWORK.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "variant.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return load_framework(path)


def test_a_criterion_judged_as_a_whole_carries_its_rating_label_and_counts_once(framework):
    # X1 judged 2 as a whole ("Largely met", 66.7) with both its indicators n/a: it stands
    # for itself, one point judged, one scored, of one.
    x1 = assess(framework, {"X1": {"rating": 2, "rationale": "Largely, as a whole"},
                            "X1.1": {"rating": "n/a"}, "X1.2": {"rating": "n/a"}}
                ).criterion("X1")  # fmt: skip
    assert (x1.status, x1.basis, x1.score, x1.rating, x1.rating_label) == (
        "scored", "criterion", 66.7, 2, "Largely met")
    assert (x1.judged, x1.total, x1.scored, x1.coverage) == (1, 1, 1, 1.0)
    assert x1.rationale == "Largely, as a whole"


def test_a_criterion_from_its_indicators_takes_no_rating_rationale_or_flag_of_theirs(framework):
    # X1 from X1.1 (3, with a rationale) and X1.2 (0): (3·1 + 0·3) ÷ 4 = 0.75 of 3 = 25.0.
    # The rationale is X1.1's, not X1's; no rating as a whole; nothing to differ from.
    # Y1: Y1.1 rated, Y1.2 n/a, Y1.3 not judged: 1 judged of 2 applicable.
    a = assess(framework, {"X1.1": {"rating": 3, "rationale": "Met on the interviews"},
                           "X1.2": {"rating": 0}, "Y1.1": {"rating": 1},
                           "Y1.2": {"rating": "n/a"}})  # fmt: skip
    x1, y1 = a.criterion("X1"), a.criterion("Y1")
    assert (x1.score, x1.basis, x1.rating, x1.rating_label, x1.rationale, x1.differs) == (
        25.0, "indicators", None, None, None, False)
    assert (x1.judged, x1.total, x1.coverage) == (2, 2, 1.0)
    assert (y1.judged, y1.total, y1.scored, y1.coverage) == (1, 2, 1, 0.5)
    # A criterion with nothing judged has no basis.
    assert assess(framework, {"X2": {"rating": 1}}).criterion("X1").basis is None


def test_a_judgement_of_a_criterion_with_no_rating_leaves_it_to_its_indicators(framework):
    # X1's own judgement says only that nothing is disputed: it is scored from X1.1 (2).
    x1 = assess(framework, {"X1": {"contested": False, "rationale": "One view only"},
                            "X1.1": {"rating": 2}}).criterion("X1")  # fmt: skip
    assert (x1.status, x1.basis, x1.score, x1.verdict) == ("scored", "indicators", 66.7, None)


def test_a_criterion_judged_only_as_a_whole_and_not_yet_judged(tmp_path):
    framework = variant(tmp_path, "judge: indicators  #", "judge: criterion  #")
    y1 = assess(framework, {"X2": {"rating": 1}}).criterion("Y1")
    assert (y1.status, y1.judged, y1.total, y1.scored, y1.score) == (
        "not yet judged", 0, 3, 0, None)


def test_the_framework_reason_stands_when_the_assessor_marks_a_ruled_out_criterion_n_a(
        framework):  # fmt: skip
    x3 = assess(framework, {"X3": {"rating": "n/a", "rationale": "Not two-tier"}},
                tier="single-tier").criterion("X3")  # fmt: skip
    assert x3.not_applicable_reason == (
        "X3 applies only where tier is two-tier and this pilot's is single-tier")


def test_indicators_ruled_out_for_different_reasons(tmp_path):
    framework = variant(tmp_path, "{id: X1.2, text: Second indicator, weight: 3}",
                        "{id: X1.2, text: Second indicator, weight: 3,"
                        " applies_to: {tier: [two-tier]}}")
    # X1.1 marked n/a by the assessor, X1.2 ruled out for a single-tier pilot.
    x1 = assess(framework, {"X1.1": {"rating": "n/a"}}, tier="single-tier").criterion("X1")
    assert (x1.applicable, x1.not_applicable_reason) == (False,
                                                        "every indicator is not applicable")


def test_a_provisional_threshold_that_is_not_a_whole_percentage(tmp_path):
    # Below 50.4%: X1 with 1 of its 2 indicators scored (50%) is provisional; Y1 with
    # all 3 of 3 is not.
    framework = variant(tmp_path, "pilot_attributes:", "provisional_below: 50.4\n"
                        "pilot_attributes:")
    a = assess(framework, {"X1.1": {"rating": 2}, "Y1.1": {"rating": 1},
                           "Y1.2": {"rating": 1}, "Y1.3": {"rating": 1}})  # fmt: skip
    x1, y1 = a.criterion("X1"), a.criterion("Y1")
    assert (x1.score, x1.band, x1.provisional, x1.provisional_band.label) == (
        66.7, None, True, "Amber")
    assert (y1.score, y1.band.label, y1.provisional) == (33.3, "Red", False)


def test_a_result_made_quickly_has_exactly_its_fields_and_their_defaults():
    """result.made and result.evolve fill an object's dictionary from the fields and
    defaults _shape finds once, at import (where mutation testing cannot see it run)."""
    from dataclasses import dataclass

    from laaeval.scoring.result import _shape, evolve

    @dataclass(frozen=True)
    class Two:
        first: int
        second: str = "default"

    assert _shape(Two) == (2, {"second": "default"})  # how many fields, and the defaults
    assert evolve(Two(1), first=2, second="changed") == Two(2, "changed")  # every field
    with pytest.raises(TypeError):
        evolve(Two(1), third=3)


def test_a_criterion_with_no_evidence_lacks_every_source_unless_it_does_not_apply(framework):
    a = assess(framework, {"X2": {"rating": 1}})
    assert [g.text for g in a.criterion("X1").gaps] == ["Interviews A", "Documents",
                                                        "Interviews B"]
    marked = assess(framework, {"X1": {"rating": "n/a", "rationale": "No such duty here"}})
    assert marked.criterion("X1").gaps == ()


def test_a_result_made_with_a_wrong_field_names_that_field():
    from laaeval.scoring.result import IndicatorScore, made

    with pytest.raises(TypeError, match=r"IndicatorScore: fields \[.*'bogus'.*\] are wrong"):
        made(IndicatorScore, bogus=1)


# -- a criterion with no indicators: a question judged on its own (scored in one pass) -------


def test_a_question_rated_with_views_both_ways_field_by_field(framework):
    # X2 = 2 of 3 → 66.7, Amber (≥ 50, < 85); one point, judged, applicable and scored.
    # E1 (interviews A, CG) supports it and E2 (interviews B, GO) challenges it: two primary
    # sources, both views, so corroborated, and a dispute between two perspectives.
    evidence = [item("E1", "X2", "supports"), item("E2", "X2", "challenges", "go",
                                                   sources=("int-b",))]  # fmt: skip
    x2 = assess(framework, {"X2": {"rating": 2, "rationale": "Two views"}}, evidence,
                narrative={"X2": "Argued over"}).criterion("X2")  # fmt: skip
    assert (x2.status, x2.basis, x2.score, x2.band.id, x2.provisional, x2.rating,
            x2.rationale) == ("scored", "indicators", 66.7, "amber", False, None, "Two views")
    assert (x2.indicator_score, x2.differs) == (None, False)  # no judgement as a whole
    assert (x2.judged, x2.total, x2.scored, x2.coverage, x2.applicable, x2.verdict) == (
        1, 1, 1, 1.0, True, None)  # fmt: skip
    assert (x2.strength, x2.sources, x2.contested, x2.mixed, x2.unsupported) == (
        "corroborated", 2, True, False, 0)  # fmt: skip
    assert [(c.point, c.supports, c.challenges) for c in x2.contests] == [
        ("X2", ("E1",), ("E2",))]  # fmt: skip
    # Its evidence is on its one point; documents, which the framework expects, were not read.
    assert (x2.evidence, x2.evidence_items, x2.source_types) == ((), ("E1", "E2"),
                                                                ("int-a", "int-b"))
    assert ([g.text for g in x2.gaps], x2.narrative) == (["Documents"], "Argued over")
    (point,) = x2.indicators
    assert (point.score, point.contested, point.strength, point.unsupported) == (
        66.7, True, "corroborated", False)  # fmt: skip


def test_a_question_the_assessor_finds_undisputed_is_mixed(framework):
    # The same two views, but the assessor finds no dispute: evidence both ways, so mixed.
    evidence = [item("E1", "X2", "supports"), item("E2", "X2", "challenges", "go")]
    judged = {"X2": {"rating": 3, "contested": False, "rationale": "Both say the same thing"}}
    x2 = assess(framework, judged, evidence).criterion("X2")
    assert (x2.contested, x2.contest_finding, x2.mixed, x2.indicators[0].contested) == (
        False, False, True, False)  # fmt: skip
    assert [c.point for c in x2.contests] == ["X2"]  # laaeval's own finding is still listed


def test_a_question_given_a_verdict(framework):
    x2 = assess(framework, {"X2": {"rating": "too-early", "rationale": "Too soon"}}
                ).criterion("X2")  # fmt: skip
    assert (x2.status, x2.verdict.label, x2.score, x2.band, x2.provisional,
            x2.provisional_band) == ("verdict", "Too early to say", None, None, False, None)
    # A verdict is a judgement: it counts towards coverage, not the score.
    assert (x2.judged, x2.total, x2.scored, x2.coverage, x2.rationale, x2.strength) == (
        1, 1, 0, 1.0, "Too soon", "none")  # fmt: skip


def test_a_question_marked_not_applicable_counts_none_of_its_evidence(framework):
    evidence = [item("E1", "X2", "supports")]
    judged = {"X2": {"rating": "n/a", "contested": True, "rationale": "No such duty here"}}
    x2 = assess(framework, judged, evidence).criterion("X2")
    assert (x2.applicable, x2.status, x2.not_applicable_reason, x2.judged, x2.total,
            x2.coverage) == (False, "not applicable", "marked not applicable by the assessor",
                             0, 0, None)  # fmt: skip
    # The assessor's finding is kept, but a criterion that does not apply is not contested.
    assert (x2.contest_finding, x2.contested) == (True, False)
    assert (x2.strength, x2.sources, x2.evidence_items, x2.gaps, x2.contested,
            x2.unsupported, x2.mixed) == (None, 0, (), (), False, 0, False)  # fmt: skip
    # The point itself keeps the item that bears on it.
    assert (x2.indicators[0].sources, x2.indicators[0].strength) == (1, None)


def test_a_question_not_yet_judged(framework):
    x2 = assess(framework, {"X2": {"rationale": "Still reading"}}).criterion("X2")
    assert (x2.status, x2.basis, x2.score, x2.judged, x2.total, x2.scored, x2.coverage,
            x2.strength, x2.unsupported) == ("not yet judged", None, None, 0, 1, 0, 0.0,
                                             None, 0)  # fmt: skip
