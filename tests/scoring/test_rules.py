"""A framework's own scoring rule (scoring/rules.py), on three small frameworks that each
use a part of it no shipped framework uses, every number worked by hand from the rule as
the module and the framework schema state it: an item scores (value − floor) ÷ (maximum −
floor); a mean is weighted by the children's weights, and its value in units is the one at
its share between the mean floor and the mean maximum; a sum adds values, floors and maxima
and takes the share of the totals; nothing is rounded until it is shown.

**rules-a** (floor 1 on a 1-3 scale, scores in units; groups are weighted means):

    A1 (weight 2): A1.1 3 → 100%, A1.2 (weight 3) 2 → 50%
        share (1·1 + ½·3) ÷ 4 = 62.5%; value (3·1 + 2·3) ÷ 4 = 2.25 of 3
    A2 answers 1-5 of its own (as do its indicators), judged as a whole 3 ("Three"; its
       indicators' 3s, 50% each, do not count) → (3 − 1) ÷ (5 − 1) = 50%, 3 of 5
    A3 answers 1-5 too, 4 → (4 − 1) ÷ (5 − 1) = 75%, 4 of 5
    A  (62.5·2 + 50 + 75) ÷ 4 = 62.5%; maximum (3·2 + 5 + 5) ÷ 4 = 4, floor 1; value
       1 + 62.5% · (4 − 1) = 2.875 → 2.88 (here the same as the mean of the values)
    B  (weight 3) its one criterion B1 (weight 1) 3 → 100%, 3 of 3
    C  C1 2 → 50%; C2 n/a (left out); C3 and C6 too early to say; C4 from C4.1 3 alone
       → 100%, but 1 of 3 indicators scored: provisional (band High held back); C5 not
       judged. (50 + 100) ÷ 2 = 75%; value (2 + 3) ÷ 2 = 2.5 of 3; 4 of 7 judged, 2
       scored: below half, so provisional (band High held back)
    D  D1 n/a, D2 too early to say: no score; 1 of 1 judged
    Overall (62.5·1 + 100·3 + 75·1) ÷ 5 = 87.5% (High); maximum (4 + 3·3 + 3) ÷ 5 = 3.2;
       value 1 + 87.5% · (3.2 − 1) = 2.925 → 2.93 (the mean of the values, 2.875, would be
       85.2% of the way, beside the 87.5 shown); 11 of 14 judged, 8 scored

    The evidence: A1.1 supported by an interview of cg and challenged by one of la
    (contested: views of two perspectives); B1 supported and challenged by documents
    (mixed, not contested; two sources: corroborated); C1 supported by an interview and
    a document (triangulated). A rating with no primary evidence is unsupported: A1.2, A2
    as a whole, A2.1, A2.2, A3 (5 in A) and C4.1 (1 in C).

**rules-b** (floor 1; groups and criteria sum unless they say mean; unjudged counts as the
floor; n/a counts as met; a pilot that is a large district; bands Good ≥ 75, Fair ≥ 40):

    S1 mean: M1 (weight 3) 3, M2 2 → value (9 + 2) ÷ 4 = 2.75, floor 1, maximum 3, 87.5%
    S2 mean: M3 1, M4 not judged (1) → value 1, floor 1, maximum 3, 0%
    S  sum: value 3.75, floor 2, maximum 6 → 1.75 ÷ 4 = 43.75% → 43.8
    T1 sum: T1.1 3, T1.2 and T1.3 not judged (1 each) → 5 of 9, (5 − 3) ÷ 6 = 33.3%
       (a mean would give 1.67 of 3); never provisional, as nothing is missing
    T2 (answers 1 or 5 of its own) n/a as a whole → counts as met: 5 of 5, shown as 100.0
       with its 2 indicators judged (an n/a counted as met counts, so rows add up)
    T3 judged only as a whole, not judged → the floor: 1 of 3 (shown as not judged)
    T4 both indicators n/a, each counts as met: 3 + 3 of 6, floor 2, shown as 100.0 (2 of 2)
    T  sum: value 5 + 5 + 1 + 6 = 17, floor 3 + 1 + 1 + 2 = 7, maximum 9 + 5 + 3 + 6 = 23
       → 10 ÷ 16 = 62.5% (Fair); judged 1 + 2 + 0 + 2 = 5 of 3 + 2 + 1 + 2 = 8 indicators,
       scored 1 + 2 + 0 + 2 = 5
    W  mean: W1 3, W2 1 weighted 3 × 2 = 6 (district 3, large 2), W3 3
       → (1 + 0 + 1) ÷ 8 = 25.0%; value (3 + 6 + 3) ÷ 8 = 1.5 of 3
    Overall sum: value 3.75 + 17 + 1.5 = 22.25, floor 2 + 7 + 1 = 10, maximum 6 + 23 + 3
       = 32 → 12.25 ÷ 22 = 55.68…% → 55.7 (Fair)

**rules-c** (the badge's gates, with unjudged items and n/a left out): must_na n/a (left
out, and not unmet); must_unjudged (left out, but a MUST not met: no pass); must_unmet 0
with a reason (a MUST's reason does not make it enough); must_met 1; should_bare 0 with no
reason (not enough); should_justified 0 with a reason (enough); suggested 0 (enough);
should_whole judged 0 as a whole, with a reason (enough): 4 enough of 6 = 66.7%, no pass,
unmet must_unjudged and must_unmet.
"""

from __future__ import annotations

import json

import pytest

from laaeval.model.framework import load_framework
from laaeval.model.store import load_evidence
from laaeval.scoring.score import score

from ..conftest import DATA

RULES_A = """\
laaeval: framework/1
id: rules-a
version: "1"
title: Rules worked by hand
scale:
  - {value: 1, label: Poor}
  - {value: 2, label: Fair}
  - {value: 3, label: Good}
answer_sets:
  wide:
    - {value: 1, label: One}
    - {value: 2, label: Two}
    - {value: 3, label: Three}
    - {value: 4, label: Four}
    - {value: 5, label: Five}
bands:
  - {id: high, label: High, min: 75}
  - {id: mid, label: Middle, min: 40}
  - {id: low, label: Low, min: 0}
perspectives:
  - {id: cg, label: Central government}
  - {id: la, label: Local authority}
source_types:
  - {id: int, label: Interviews, kind: views}
  - {id: doc, label: Documents, kind: documentation}
scoring: {floor: 1, units: scale}
aspects:
  - id: A
    title: Indicators
    criteria:
      - id: A1
        text: Two indicators weighted
        weight: 2
        indicators:
          - {id: A1.1, text: First}
          - {id: A1.2, text: Second, weight: 3}
      - id: A2
        text: Judged as a whole
        answers: wide
        indicators:
          - {id: A2.1, text: First}
          - {id: A2.2, text: Second}
      - {id: A3, text: Wide answers, answers: wide, indicators: []}
  - id: B
    title: One criterion, weighted
    weight: 3
    criteria:
      - {id: B1, text: Alone, indicators: []}
  - id: C
    title: Mostly not judged
    criteria:
      - {id: C1, text: One, indicators: []}
      - {id: C2, text: Two, indicators: []}
      - {id: C3, text: Three, indicators: []}
      - id: C4
        text: Four
        indicators:
          - {id: C4.1, text: Judged}
          - {id: C4.2, text: Not judged}
          - {id: C4.3, text: Not judged either}
      - {id: C5, text: Five, indicators: []}
      - {id: C6, text: Six, indicators: []}
  - id: D
    title: Not applicable
    criteria:
      - {id: D1, text: Not applicable, indicators: []}
      - {id: D2, text: Too early, indicators: []}
"""

EVIDENCE_A = """\
laaeval: evidence/2
framework: {id: rules-a, version: "1"}
pilot: {name: P, round: one}
narrative: {overall: The whole, A: Of A, A1: Of A1}
evidence:
  - {id: E1, sources: [int], perspective: cg, summary: Yes, bears_on: {A1.1: supports}}
  - {id: E2, sources: [int], perspective: la, summary: No, bears_on: {A1.1: challenges}}
  - {id: E3, sources: [doc], perspective: cg, summary: Yes, bears_on: {B1: supports}}
  - {id: E4, sources: [doc], perspective: la, summary: No, bears_on: {B1: challenges}}
  - {id: E5, sources: [int], perspective: cg, summary: Yes, bears_on: {C1: supports}}
  - {id: E6, sources: [doc], perspective: la, summary: Yes too, bears_on: {C1: supports}}
judgements:
  A1.1: {rating: 3}
  A1.2: {rating: 2}
  A2: {rating: 3}
  A2.1: {rating: 3}
  A2.2: {rating: 3}
  A3: {rating: 4}
  B1: {rating: 3}
  C1: {rating: 2}
  C2: {rating: n/a}
  C3: {rating: too-early}
  C4.1: {rating: 3}
  C6: {rating: too-early}
  D1: {rating: n/a}
  D2: {rating: too-early}
"""

RULES_B = """\
laaeval: framework/1
id: rules-b
version: "1"
title: Sums, means and weights by the pilot's details
pilot_attributes:
  - {id: council, label: Council type, values: [county, district]}
  - {id: size, label: Size, values: [large, small]}
scale:
  - {value: 1, label: Poor}
  - {value: 2, label: Fair}
  - {value: 3, label: Good}
answer_sets:
  wide:
    - {value: 1, label: One}
    - {value: 5, label: Five}
bands:
  - {id: good, label: Good, min: 75}
  - {id: fair, label: Fair, min: 40}
  - {id: poor, label: Poor, min: 0}
scoring:
  {floor: 1, aggregate: sum, criteria: sum, unjudged: zero, not_applicable: met, units: scale}
aspects:
  - id: S
    title: A sum of means
    levels:
      - id: S1
        title: A weighted mean
        aggregate: mean
        criteria:
          - {id: M1, text: Weighted three, weight: 3, indicators: []}
          - {id: M2, text: Weighted one, indicators: []}
      - id: S2
        title: A mean with one not judged
        aggregate: mean
        criteria:
          - {id: M3, text: Judged, indicators: []}
          - {id: M4, text: Not judged, indicators: []}
  - id: T
    title: Criteria that sum their indicators
    criteria:
      - id: T1
        text: Summed indicators
        indicators:
          - {id: T1.1, text: Judged}
          - {id: T1.2, text: Not judged}
          - {id: T1.3, text: Not judged either}
      - id: T2
        text: Not applicable as a whole
        answers: wide
        indicators:
          - {id: T2.1, text: One}
          - {id: T2.2, text: Two}
      - id: T3
        text: Judged only as a whole
        judge: criterion
        indicators:
          - {id: T3.1, text: One}
      - id: T4
        text: Every indicator not applicable
        indicators:
          - {id: T4.1, text: One}
          - {id: T4.2, text: Two}
  - id: W
    title: Weights by the pilot's details
    aggregate: mean
    criteria:
      - {id: W1, text: Plain, indicators: []}
      - {id: W2, text: By details, indicators: [],
         weights_by: {council: {district: 3}, size: {large: 2}}}
      - {id: W3, text: Plain again, indicators: []}
"""

EVIDENCE_B = """\
laaeval: evidence/2
framework: {id: rules-b, version: "1"}
pilot: {name: P, round: one, council: district, size: large}
judgements:
  M1: {rating: 3}
  M2: {rating: 2}
  M3: {rating: 1}
  T1.1: {rating: 3}
  T2: {rating: n/a}
  T4.1: {rating: n/a}
  T4.2: {rating: n/a}
  W1: {rating: 3}
  W2: {rating: 1}
  W3: {rating: 3}
"""

RULES_C = """\
laaeval: framework/1
id: rules-c
version: "1"
title: Gates with unjudged items and n/a left out
id_pattern: "[a-z][a-z_]*"
answer_sets:
  status:
    - {value: 0, label: Unmet}
    - {value: 1, label: Met}
importance:
  - {id: MUST, label: MUST, required: true}
  - {id: SHOULD, label: SHOULD, unmet_counts: justified}
  - {id: SUGGESTED, label: SUGGESTED, unmet_counts: always}
aspects:
  - id: gates
    title: Gates
    criteria:
      - {id: must_na, text: n/a allowed, importance: MUST, answers: status,
         indicators: []}
      - {id: must_unjudged, text: Not judged, importance: MUST, answers: status,
         indicators: []}
      - {id: must_unmet, text: Unmet with a reason, importance: MUST, answers: status,
         indicators: []}
      - {id: must_met, text: Met, importance: MUST, answers: status,
         indicators: []}
      - {id: should_bare, text: Unmet without a reason, importance: SHOULD, answers: status,
         indicators: []}
      - {id: should_justified, text: Unmet with a reason, importance: SHOULD, answers: status,
         indicators: []}
      - {id: suggested, text: Unmet, importance: SUGGESTED, answers: status,
         indicators: []}
      - id: should_whole
        text: Judged as a whole, unmet with a reason
        importance: SHOULD
        answers: status
        indicators:
          - {id: should_part, text: A part of it}
"""

EVIDENCE_C = """\
laaeval: evidence/2
framework: {id: rules-c, version: "1"}
pilot: {name: P, round: one}
judgements:
  must_na: {rating: n/a}
  must_unmet: {rating: 0, rationale: Not yet in place}
  must_met: {rating: 1}
  should_bare: {rating: 0}
  should_justified: {rating: 0, rationale: Not needed here}
  suggested: {rating: 0}
  should_whole: {rating: 0, rationale: Covered another way}
"""


def scored(tmp_path, framework_text, evidence_text):
    framework_path = tmp_path / "framework.yaml"
    framework_path.write_text(framework_text, encoding="utf-8")
    evidence_path = tmp_path / "evidence.yaml"
    evidence_path.write_text(evidence_text, encoding="utf-8")
    framework = load_framework(framework_path)
    record, _ = load_evidence(evidence_path, framework)
    return score(framework, record)


def shown(x):
    """What a reader is shown of a criterion or group: its percentage and units."""
    return (x.score, x.value, x.maximum)


def bands(x):
    return (x.band and x.band.id, x.provisional, x.provisional_band and x.provisional_band.id)


@pytest.fixture
def a(tmp_path):
    return scored(tmp_path, RULES_A, EVIDENCE_A)


@pytest.fixture
def b(tmp_path):
    return scored(tmp_path, RULES_B, EVIDENCE_B)


@pytest.fixture
def c(tmp_path):
    return scored(tmp_path, RULES_C, EVIDENCE_C)


def test_a_criterion_is_the_weighted_mean_of_its_indicators_in_units_too(a):
    assert shown(a.criterion("A1")) == (62.5, 2.25, 3)
    assert [u.score for u in a.criterion("A1").indicators] == [100.0, 50.0]


def test_a_criterion_judged_as_a_whole_takes_that_judgement_under_the_rule(a):
    assert shown(a.criterion("A2")) == (50.0, 3, 5)
    assert [u.score for u in a.criterion("A2").indicators] == [50.0, 50.0]
    assert a.criterion("A2").basis == "criterion"


def test_answers_of_its_own_are_scored_on_their_own_top(a):
    assert shown(a.criterion("A3")) == (75.0, 4, 5)
    assert a.criterion("A3").indicators[0].rating_label == "Four"  # its own word, not the scale's
    assert a.criterion("A2").rating_label == "Three"
    assert a.criterion("A3").indicators[0].score == 75.0


def test_groups_are_weighted_means_of_their_children_with_a_groups_own_weight(a):
    aspect = {x.id: x for x in a.aspects}
    assert shown(aspect["A"]) == (62.5, 2.88, 4)
    assert shown(aspect["B"]) == (100.0, 3, 3)
    # B's one criterion weighs 1, but B itself weighs 3 in the whole.
    assert shown(a.overall) == (87.5, 2.93, 3.2)
    assert (a.overall.judged, a.overall.total, a.overall.scored) == (11, 14, 8)


def test_bands_and_provisional_marks_under_the_rule(a):
    aspect = {x.id: x for x in a.aspects}
    assert bands(aspect["A"]) == ("mid", False, None)
    assert bands(aspect["B"]) == ("high", False, None)
    assert shown(aspect["C"]) == (75.0, 2.5, 3)
    assert (aspect["C"].judged, aspect["C"].total, aspect["C"].scored) == (4, 7, 2)
    assert bands(aspect["C"]) == (None, True, "high")  # 2 of 7 scored: below half
    assert bands(a.criterion("C4")) == (None, True, "high")  # 1 of 3 scored
    assert shown(a.criterion("C4")) == (100.0, 3, 3)
    assert bands(a.criterion("C2")) == (None, False, None)  # n/a: no band, not provisional
    assert shown(aspect["D"]) == (None, None, None) and bands(aspect["D"]) == (None, False, None)
    assert bands(a.overall) == ("high", False, None)
    assert bands(a.criterion("A1")) == ("mid", False, None)
    assert bands(a.criterion("A3")) == ("high", False, None)


def test_verdicts_narratives_and_met_under_the_rule(a):
    aspect = {x.id: x for x in a.aspects}
    assert aspect["C"].criteria_verdicts == {"too-early": 2}
    assert a.overall.criteria_verdicts == {"too-early": 3}  # C's 2 and D's 1
    assert (a.overall.narrative, aspect["A"].narrative, aspect["B"].narrative) == (
        "The whole", "Of A", None)
    assert a.criterion("A1").narrative == "Of A1"
    assert [a.criterion(i).met for i in ("A1", "B1", "C3")] == [False, True, None]
    assert a.overall.levels == () and aspect["A"].levels == ()
    assert a.overall.passed is None  # no importance levels: no pass to give


def counted(x):
    return (x.criteria_applicable, x.criteria_scored, x.criteria_unjudged, x.coverage,
            {k: n for k, n in x.strength.items() if n}, x.contested, x.mixed, x.unsupported)


def test_a_groups_counts_under_the_rule(a):
    """Each count as the docstring works it: criteria applicable, scored and not judged;
    judged ÷ applicable indicators; the strength of each scored criterion's evidence;
    contested, mixed and unsupported."""
    aspect = {x.id: x for x in a.aspects}
    assert counted(aspect["A"]) == (3, 3, 0, 1.0, {"none": 2, "corroborated": 1}, 1, 0, 5)
    assert counted(aspect["B"]) == (1, 1, 0, 1.0, {"corroborated": 1}, 0, 1, 0)
    assert counted(aspect["C"]) == (5, 2, 1, 4 / 7, {"none": 3, "triangulated": 1}, 0, 0, 1)
    assert counted(aspect["D"]) == (1, 0, 0, 1.0, {"none": 1}, 0, 0, 0)
    assert counted(a.overall) == (10, 6, 1, 11 / 14,
                                  {"none": 6, "corroborated": 2, "triangulated": 1}, 1, 1, 6)
    assert set(a.overall.strength) == {"none", "single source", "corroborated", "triangulated"}
    assert a.overall.criteria == ("A1", "A2", "A3", "B1", "C1", "C2", "C3", "C4", "C5", "C6",
                                  "D1", "D2")
    assert aspect["C"].criteria == ("C1", "C2", "C3", "C4", "C5", "C6")


def test_nothing_applicable_gives_no_score_and_no_coverage(tmp_path):
    ids = ["A1", "A2", "A3", "B1", "C1", "C2", "C3", "C4", "C5", "C6", "D1", "D2"]
    text = EVIDENCE_A[:EVIDENCE_A.index("judgements:")] + "judgements:\n" + "".join(
        f"  {i}: {{rating: n/a}}\n" for i in ids)
    a = scored(tmp_path, RULES_A, text)
    assert (a.overall.score, a.overall.total, a.overall.coverage) == (None, 0, None)
    assert bands(a.overall) == (None, False, None)


def test_a_sum_of_means_adds_their_floors_too(b):
    aspect = {x.id: x for x in b.aspects}
    s1, s2 = aspect["S"].levels
    assert shown(s1) == (87.5, 2.75, 3)
    assert shown(s2) == (0.0, 1, 3)
    assert shown(aspect["S"]) == (43.8, 3.75, 6)
    assert [bands(x)[0] for x in (s1, s2, aspect["S"])] == ["good", "poor", "fair"]
    assert (aspect["S"].judged, aspect["S"].total, aspect["S"].scored) == (3, 4, 3)
    assert bands(s2) == ("poor", False, None)  # 1 of 2 judged: nothing is missing


def test_a_criterion_that_sums_its_indicators(b):
    t1 = b.criterion("T1")
    assert shown(t1) == (33.3, 5, 9)
    assert bands(t1) == ("poor", False, None)  # unjudged counts: never provisional
    assert b.criterion("T2").status == "not applicable" and b.criterion("T2").met is True
    assert b.criterion("T3").score is None and b.criterion("T3").met is False
    aspect = {x.id: x for x in b.aspects}
    assert shown(aspect["T"]) == (62.5, 17, 23)
    t2, t4 = b.criterion("T2"), b.criterion("T4")
    assert (shown(t2), t2.met, t2.met_by, t2.applicable) == ((100.0, 5, 5), True,
                                                             "not_applicable", True)
    assert (shown(t4), t4.met, t4.met_by) == ((100.0, 6, 6), True, "not_applicable")
    assert [(x.judged, x.total, x.scored) for x in (t2, t4)] == [(2, 2, 2), (2, 2, 2)]
    assert t4.not_applicable_reason == "marked not applicable by the assessor"


def test_a_weight_by_two_details_of_the_pilot_multiplies(b):
    aspect = {x.id: x for x in b.aspects}
    assert shown(aspect["W"]) == (25.0, 1.5, 3)
    assert shown(b.overall) == (55.7, 22.25, 32)
    assert bands(b.overall) == ("fair", False, None)
    assert bands(aspect["T"]) == ("fair", False, None)  # 1 of 4 scored, yet final
    assert (aspect["T"].judged, aspect["T"].total, aspect["T"].scored) == (5, 8, 5)


def test_gates_with_unjudged_items_and_n_a_left_out(c):
    assert c.overall.score == 66.7
    assert (c.overall.passed, c.overall.unmet_required) == (False, ("must_unjudged",
                                                                    "must_unmet"))
    assert c.aspects[0].unmet_required == c.overall.unmet_required
    assert c.criterion("must_met").importance == "MUST"
    met = {x.id: x.met for x in c.criteria}
    assert met == {"must_na": None, "must_unjudged": False, "must_unmet": False,
                   "must_met": True, "should_bare": False, "should_justified": True,
                   "suggested": True, "should_whole": True}


def test_gates_pass_when_only_a_should_is_unmet(tmp_path):
    text = (EVIDENCE_C.replace("  must_unmet: {rating: 0, rationale: Not yet in place}\n",
                               "  must_unmet: {rating: 1}\n")
            + "  must_unjudged: {rating: 1}\n")
    c = scored(tmp_path, RULES_C, text)
    # 7 counted, all enough but should_bare
    assert c.overall.score == 85.7  # 6 of 7
    assert (c.overall.passed, c.overall.unmet_required) == (True, ())


def test_a_badge_with_most_not_judged_is_not_provisional(tmp_path):
    """The badge counts an unjudged item as unmet: nothing is missing, so a score of 1
    enough of 7 (14.3%) is final, and with a MUST not judged there is no badge."""
    badge = (DATA / "badge-mini.yaml").read_text(encoding="utf-8")
    c = scored(tmp_path, badge, "laaeval: evidence/2\n"
               "framework: {id: badge-mini, version: '1'}\n"
               "pilot: {name: P, round: '2026'}\n"
               "judgements:\n  warnings_strict: {rating: 1}\n")
    assert (c.overall.score, c.overall.provisional, c.overall.passed) == (14.3, False, False)
    assert c.criterion("warnings_strict").provisional is False


def test_validate_refuses_a_floor_that_would_score_beyond_0_to_100(cli, tmp_path):
    """A floor of 4 on a 1-3 scale scored a rating of 2 at 200.0%, and a floor of 3 gave no
    score at all, both without a word; a floor above the lowest answer scores it below 0%."""
    framework = tmp_path / "floored.yaml"
    framework.write_text(RULES_A.replace("scoring: {floor: 1,", "scoring: {floor: 3,"))
    result = cli("validate", framework)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [
        f"Error: {framework}, line 26, at scoring › floor: the floor 3 is not below the "
        "highest answer of the scale (3): the floor scores 0% and the highest answer 100%",
        f"Error: {framework}, line 26, at scoring › floor: the floor 3 is above the lowest "
        'answer of answer set "wide" (1), which would score below 0%; make the floor 1']
    framework.write_text(RULES_A.replace("scoring: {floor: 1,", "scoring: {floor: 2,"))
    result = cli("validate", framework)
    assert result.exit_code == 1
    assert "the floor 2 is above the lowest answer of the scale (1)" in result.output
    framework.write_text(RULES_A)
    assert cli("validate", framework).exit_code == 0


def test_an_indicator_takes_its_criterions_answers_in_validate_too(cli, tmp_path):
    """With no scale, an indicator of a criterion with answers of its own was refused as
    having "no answers to judge it on", though it is judged and scored on its criterion's;
    and the values its required links name are checked against those answers."""
    framework = tmp_path / "gates.yaml"
    framework.write_text(RULES_C)
    assert cli("validate", framework).exit_code == 0
    framework.write_text(RULES_C.replace("{id: should_part, text: A part of it}",
                                         "{id: should_part, text: A part of it,"
                                         " requires_link: [2]}"))
    result = cli("validate", framework)
    assert result.exit_code == 1
    assert "should_part › requires_link › item 1: 2 is not one of the answers here (0, 1)" \
        in result.output
    framework.write_text(RULES_C)
    evidence = tmp_path / "e.yaml"
    evidence.write_text(EVIDENCE_C + "  should_part: {rating: 3}\n")
    result = cli("validate", "-f", framework, evidence)
    assert result.exit_code == 1 and "3 is not one of its answers (0 Unmet, 1 Met" in result.output


def test_a_rule_that_scores_in_percent_gives_no_score_in_units():
    """PfPP scores in percent (no ``units: scale``): no criterion or group carries a value
    or maximum in the framework's units, though each part has them."""
    from ..conftest import ROOT

    framework = load_framework(ROOT / "frameworks" / "pfpp-place-2024.yaml")
    record, _ = load_evidence(ROOT / "other-examples" / "pfpp-eastmoor-self-assessment.yaml",
                              framework)  # fmt: skip
    a = score(framework, record)
    groups = [a.overall, *a.aspects, *(g for aspect in a.aspects for g in aspect.levels)]
    assert any(c.score is not None for c in a.criteria)
    assert {(c.value, c.maximum) for c in a.criteria} == {(None, None)}
    assert {(g.value, g.maximum) for g in groups} == {(None, None)}


def test_strengths_add_up_across_the_groups_within(tmp_path):
    """rules-a with two more interviews, one each on A3 and D2: each has one source now (a
    single source; D2's verdict shows its strength too). A: A1 corroborated, A2 none, A3
    single; D: D2 single (D1 n/a is not counted); the whole adds its aspects' counts."""
    more = EVIDENCE_A.replace("judgements:\n", (
        "  - {id: E7, sources: [int], perspective: cg, summary: Yes, bears_on: {A3: supports}}\n"
        "  - {id: E8, sources: [int], perspective: la, summary: Yes, bears_on: {D2: supports}}\n"
        "judgements:\n"))  # fmt: skip
    a = scored(tmp_path, RULES_A, more)
    aspect = {x.id: x for x in a.aspects}
    assert aspect["A"].strength == {"none": 1, "single source": 1, "corroborated": 1,
                                    "triangulated": 0}  # fmt: skip
    assert aspect["D"].strength == {"none": 0, "single source": 1, "corroborated": 0,
                                    "triangulated": 0}  # fmt: skip
    assert a.overall.strength == {"none": 4, "single source": 2, "corroborated": 2,
                                  "triangulated": 1}  # fmt: skip


def test_a_criterion_whose_indicators_all_have_the_top_answer_is_met(tmp_path):
    # A1.1 and A1.2 both 3 of 3: the weighted mean of two tops is the top, so A1 is met.
    a = scored(tmp_path, RULES_A, EVIDENCE_A.replace("A1.2: {rating: 2}", "A1.2: {rating: 3}"))
    a1 = a.criterion("A1")
    assert (shown(a1), a1.met) == ((100.0, 3, 3), True)


def test_what_lets_an_answer_below_the_top_count_as_met(c):
    """rules-c: a SHOULD unmet with a rationale counts as met "justified" (should_justified,
    and should_whole as a whole); a SUGGESTED unmet counts "always"; an answer at the top,
    one unmet that counts as unmet, and one left out count by nothing."""
    met_by = {x.id: x.met_by for x in c.criteria}
    assert met_by == {"must_na": None, "must_unjudged": None, "must_unmet": None,
                      "must_met": None, "should_bare": None, "should_justified": "justified",
                      "suggested": "always", "should_whole": "justified"}


def test_an_indicator_rated_beneath_a_criterion_judged_only_as_a_whole_does_not_count(tmp_path):
    # rules-b with T3.1 rated 3: T3 is judged only as a whole and is not, so it still counts
    # as the floor, 1 of 3, and T is still 17 of 23 (its indicator's 3 is only support).
    b = scored(tmp_path, RULES_B, EVIDENCE_B.replace("  T2: {rating: n/a}\n",
                                                     "  T2: {rating: n/a}\n  T3.1: {rating: 3}\n"))
    groups = {g.id: g for g in b.aspects}
    assert (b.criterion("T3").status, shown(groups["T"])) == ("not yet judged", (62.5, 17, 23))


def test_a_mean_of_parts_of_different_sizes_says_the_same_in_units_as_in_percent(cli, tmp_path):
    # P, a sum of two yes/no questions, both yes: 2 of 2 (100%); Q, a sum of four, one
    # answered no and three unanswered (counted as 0): 0 of 4 (0%). Their mean is 50%, and
    # in units the mean maximum, 3, at 50%: 1.5 of 3 (the means of values and maxima apart
    # gave "1 of 3", which is 33.3%, beside 50.0).
    framework = tmp_path / "un.yaml"
    framework.write_text(
        'laaeval: framework/1\nid: un\nversion: "1"\ntitle: Units\n'
        'answer_sets:\n  yn: [{value: 0, label: "No"}, {value: 1, label: "Yes"}]\n'
        "scoring: {aggregate: mean, units: scale, unjudged: zero}\naspects:\n"
        "  - id: P\n    title: P\n    aggregate: sum\n    criteria:\n"
        + "".join(f"      - {{id: P{n}, text: p{n}, answers: yn, indicators: []}}\n"
                  for n in (1, 2))
        + "  - id: Q\n    title: Q\n    aggregate: sum\n    criteria:\n"
        + "".join(f"      - {{id: Q{n}, text: q{n}, answers: yn, indicators: []}}\n"
                  for n in (1, 2, 3, 4)))  # fmt: skip
    evidence = tmp_path / "e.yaml"
    evidence.write_text('laaeval: evidence/2\nframework: {id: un, version: "1"}\n'
                        "pilot: {name: U, round: r}\njudgements:\n  P1: {rating: 1}\n"
                        "  P2: {rating: 1}\n  Q1: {rating: 0}\n")  # fmt: skip
    result = cli("score", "-f", framework, evidence, "--format", "json")
    assert result.exit_code == 0, result.stderr
    (a,) = json.loads(result.stdout)["assessments"]
    groups = {g["id"]: (g["value"], g["maximum"], g["score"]) for g in a["aspects"]}
    assert groups == {"P": (2, 2, 100.0), "Q": (0, 4, 0.0)}
    assert (a["overall"]["value"], a["overall"]["maximum"], a["overall"]["score"]) == (1.5, 3,
                                                                                        50.0)
