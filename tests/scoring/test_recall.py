"""Results remembered per framework (scoring/recall.py): a question answered as an earlier
file answered it gets copies of that file's results with its own words put in. The quick
way and the careful way must give the same results, field for field, for every shape of
framework and every kind of answer; and what is the file's own (its rationale, its
narrative) must never be carried from one file to another."""

from __future__ import annotations

import dataclasses
import json
import random

import pytest

from laaeval.model.evidence import Judgement
from laaeval.model.framework import load_framework
from laaeval.model.store import load_evidence
from laaeval.scoring import score as scoring
from laaeval.scoring.score import score

from ..conftest import DATA, EXAMPLES, ROOT
from .test_rules import EVIDENCE_A, EVIDENCE_B, EVIDENCE_C, RULES_A, RULES_B, RULES_C

FRAMEWORKS = ROOT / "frameworks"
OTHER = ROOT / "other-examples"
BADGE = DATA / "badge-mini.yaml"


def _deep(path):
    """A framework of SAMM's shape, smaller: function › practice › stream (summed) › level ›
    one question, on answers 0 / 0.25 / 0.5 / 1, unanswered counted as 0, scores in units;
    one question weighted by the pilot's size (never remembered), four that apply to small
    pilots only, one SHOULD that counts as met when justified, six MUSTs with a source of
    their own each, and verdicts of its own."""
    answers = [{"value": v, "label": f"Answer {v}"} for v in (0, 0.25, 0.5, 1)]
    aspects = []
    for a in range(2):
        practices = []
        for p in range(2):
            streams = []
            for s in range(2):
                levels = []
                for m in range(3):
                    question = {"id": f"Q{a}x{p}x{s}x{m}", "answers": "A", "indicators": [],
                                "text": f"Question {m}"}
                    if (a, p, s, m) == (0, 0, 0, 1):
                        question["weights_by"] = {"size": {"large": 2}}
                    if (a, p, s, m) == (1, 1, 1, 2):
                        question["importance"] = "SHOULD"
                    if m == 0 and a == 1:
                        question["applies_to"] = {"size": ["small"]}
                    if (a, p) == (0, 1):  # MUSTs, each with a source of its own
                        question["importance"] = "MUST"
                        question["sources"] = [{"text": f"Interview {s} {m}",
                                                "types": ["interview"]}]
                    levels.append({"id": f"M{a}x{p}x{s}x{m}", "title": f"Level {m}",
                                   "criteria": [question]})
                streams.append({"id": f"S{a}x{p}x{s}", "title": f"Stream {s}",
                                "aggregate": "sum", "levels": levels})
            practices.append({"id": f"P{a}x{p}", "title": f"Practice {p}", "levels": streams})
        aspects.append({"id": f"F{a}", "title": f"Function {a}", "levels": practices})
    path.write_text(json.dumps({
        "laaeval": "framework/1", "id": "deep", "version": "1", "title": "Deep",
        "scoring": {"unjudged": "zero", "units": "scale"}, "answer_sets": {"A": answers},
        "importance": [{"id": "SHOULD", "label": "SHOULD", "unmet_counts": "justified"},
                       {"id": "MUST", "label": "MUST", "required": True}],
        "pilot_attributes": [{"id": "size", "label": "Size", "values": ["small", "large"]}],
        "verdicts": [{"id": "too-early", "label": "Too early to say"}],
        "source_types": [{"id": "interview", "label": "Interviews", "kind": "views"}],
        "perspectives": [{"id": "la", "label": "Local authority"}],
        "aspects": aspects}))  # fmt: skip
    evidence = path.with_name("deep-evidence.json")
    evidence.write_text(json.dumps({
        "laaeval": "evidence/2", "framework": {"id": "deep", "version": "1"},
        "pilot": {"name": "P", "round": "one", "size": "large"},
        "evidence": [{"id": "E1", "sources": ["interview"], "perspective": "la",
                      "summary": "Said so.",
                      "bears_on": {"Q0x0x0x0": "supports"}}],
        "judgements": {"Q0x0x0x0": {"rating": 1}, "Q0x0x0x1": {"rating": 0.5}}}))
    return path, evidence


def _cases(tmp_path):
    """(framework file, evidence files) for every shipped framework and each shape the
    scoring tests use."""
    written = []
    for name, framework, evidence in (("a", RULES_A, EVIDENCE_A), ("b", RULES_B, EVIDENCE_B),
                                      ("c", RULES_C, EVIDENCE_C)):  # fmt: skip
        (tmp_path / f"rules-{name}.yaml").write_text(framework, encoding="utf-8")
        (tmp_path / f"evidence-{name}.yaml").write_text(evidence, encoding="utf-8")
        written.append((tmp_path / f"rules-{name}.yaml", [tmp_path / f"evidence-{name}.yaml"]))
    return [
        (FRAMEWORKS / "odpm-laa-2005.yaml", sorted(EXAMPLES.glob("*.yaml"))),
        (FRAMEWORKS / "owasp-samm-2-governance.yaml", [OTHER / "samm-governance-northgate.yaml"]),
        (FRAMEWORKS / "pfpp-place-2024.yaml", [OTHER / "pfpp-eastmoor-self-assessment.yaml"]),
        (BADGE, [DATA / "badge-p.yaml"]),
        _deep_case(tmp_path),
        *written,
    ]


def _deep_case(tmp_path):
    framework, evidence = _deep(tmp_path / "deep.json")
    return framework, [evidence]


def _variants(framework, record, rng, count=8):
    """The file as it is, and ``count`` others: every criterion and indicator given a random
    answer (a rating, n/a, a verdict, or nothing), a rationale or none (blank too), the
    assessor's finding on a dispute or none, some of the evidence, some narrative, and
    other pilot details."""
    yield record
    ids = [c.id for c in framework.criteria] + [
        u.id for c in framework.criteria for u in c.indicators]
    verdicts = [v.id for v in framework.verdicts]
    groups = list(framework.groups_by_id)
    for _ in range(count):
        judgements = {}
        for ident in ids:
            if rng.random() < 0.2:
                continue
            answers = [p.value for p in framework.points_for(ident)]
            words = {"rationale": rng.choice(["Seen in the minutes.", "", "  ", None]),
                     "contested": rng.choice([None, None, True, False])}
            kind = rng.random()
            if kind < 0.6 and answers:
                judgements[ident] = Judgement(ident, rating=rng.choice(answers), **words)
            elif kind < 0.75:
                judgements[ident] = Judgement(ident, not_applicable=True, **words)
            elif kind < 0.9 and verdicts:
                judgements[ident] = Judgement(ident, verdict=rng.choice(verdicts), **words)
            else:
                judgements[ident] = Judgement(ident, **words)
        evidence = tuple(item for item in record.evidence if rng.random() < 0.5)
        narrative = {ident: f"Said of {ident}." for ident in
                     rng.sample([*ids, *groups, "overall"], 6)}  # fmt: skip
        details = dict(record.pilot.attributes)
        for attribute in framework.pilot_attributes:
            details[attribute.id] = rng.choice(attribute.values)
        pilot = dataclasses.replace(record.pilot, attributes=details)
        yield dataclasses.replace(record, judgements=judgements, evidence=evidence,
                                  narrative=narrative, pilot=pilot)  # fmt: skip


def _results(assessment):
    return (assessment.criteria, assessment.aspects, assessment.overall)


def test_remembered_results_are_the_careful_ones(tmp_path):
    """Every file of every case, scored by a framework that has seen the others (and the
    file itself) beside one that has seen nothing: equal, and equal as text."""
    rng = random.Random(13)
    checked = remembered = 0
    for framework_path, evidence_paths in _cases(tmp_path):
        warm = load_framework(framework_path)
        records = [v for path in evidence_paths
                   for v in _variants(warm, load_evidence(path, warm)[0], rng)]  # fmt: skip
        for record in records:  # every answer seen once: what can be remembered, is
            score(warm, record)
        for record in records:
            fresh = dataclasses.replace(warm)  # the same framework, nothing remembered
            careful = _results(score(fresh, record))
            quick = _results(score(warm, record))
            assert quick == careful
            assert repr(quick) == repr(careful)
            checked += 1
        memory = warm.__dict__.get("_scoring_plan")
        if memory is not None:
            remembered += sum(len(m) for m in memory.remembered if m)
    assert checked == 11 * 9  # 11 files (4 of them ODPM examples), each as it is and 8 others
    assert remembered > 100  # the quick way was taken


def _counting(monkeypatch, name):
    """The ids of the criteria (or points) scoring.score's ``name`` works out, as it goes."""
    calls = []
    careful = getattr(scoring, name)

    def counted(framework, record, item, *rest):
        calls.append(item.id)
        return careful(framework, record, item, *rest)

    monkeypatch.setattr(scoring, name, counted)
    return calls


def test_a_question_answered_again_is_not_worked_out_again(tmp_path, monkeypatch):
    """The deep framework's 24 questions, scored twice. The first time, Q0x0x0x0 (with
    evidence on it) and Q0x0x0x1 (weighted by the pilot's size) are worked out, and of the
    22 questions not judged: the first plain one (Q0x0x0x2: the other 11 are copies of
    it), the first MUST (Q0x1x0x0: 5 copies), each of the four for small pilots only (this
    one is large, and why each does not apply names it) and the SHOULD (Q1x1x1x2). The
    second time, only the first two are worked out again."""
    framework_path, (evidence_path,) = _deep_case(tmp_path)
    framework = load_framework(framework_path)
    record, _ = load_evidence(evidence_path, framework)
    calls = _counting(monkeypatch, "criterion_fields")
    first = score(framework, record)
    assert calls == ["Q0x0x0x0", "Q0x0x0x1", "Q0x0x0x2", "Q0x1x0x0", "Q1x0x0x0", "Q1x0x1x0",
                     "Q1x1x0x0", "Q1x1x1x0", "Q1x1x1x2"]
    calls.clear()
    again = score(framework, record)
    assert calls == ["Q0x0x0x0", "Q0x0x0x1"]
    assert again == first
    assert [c.id for c in again.criteria] == [c.id for c in framework.criteria]
    excluded = [c.id for c in again.criteria if not c.applicable]
    assert excluded == ["Q1x0x0x0", "Q1x0x1x0", "Q1x1x0x0", "Q1x1x1x0"]


def _badge(tmp_path, **changed):
    framework = load_framework(BADGE)
    record, _ = load_evidence(DATA / "badge-p.yaml", framework)
    judgements = dict(record.judgements)
    for ident, words in changed.items():
        judgements[ident] = dataclasses.replace(judgements[ident], rationale=words)
    return framework, record, dataclasses.replace(record, judgements=judgements)


def test_each_file_keeps_its_own_words(tmp_path):
    """Project P, then the same answers with other words: the second file shows its own
    rationale and narrative, not the first's, on the question, its point and its group."""
    framework, first, _ = _badge(tmp_path)
    second = dataclasses.replace(
        first, narrative={"license_location": "Checked by hand.", "basics": "All there."},
        judgements={**first.judgements, "crypto_published": Judgement(
            "crypto_published", not_applicable=True, rationale="No cryptography at all")})
    before = score(framework, first)
    after = score(framework, second)
    licence = after.criterion("license_location")
    assert (licence.rationale, licence.narrative) == (None, "Checked by hand.")
    assert before.criterion("license_location").narrative is None
    crypto = after.criterion("crypto_published")
    # an allowed n/a, which the badge counts as met: the question and its point keep the
    # assessor's words, each file its own
    assert crypto.rationale == crypto.indicators[0].rationale == "No cryptography at all"
    earlier = before.criterion("crypto_published")
    assert earlier.rationale == earlier.indicators[0].rationale == "P uses no cryptography"
    homepage = after.criterion("homepage_url")
    assert homepage.rationale == homepage.indicators[0].rationale == \
        "https://p.example.org says what it does"
    assert (after.aspects[0].narrative, before.aspects[0].narrative) == ("All there.", None)


@pytest.mark.parametrize("words, met, passing", [
    ("Tests are written by the one maintainer as they go", True, 100.0),
    ("", False, 85.7),  # 6 of 7 enough
    ("   ", False, 85.7),
    (None, False, 85.7),
])  # fmt: skip
def test_a_justified_should_is_remembered_apart(tmp_path, words, met, passing):
    """The badge's SHOULD test_policy, unmet (0): enough only with a reason. Project P
    (with its reason: 7 of 7 enough, 100%) is scored first, so the answer 0 is remembered
    with a reason; the same answer without one is worked out again."""
    framework, first, changed = _badge(tmp_path, test_policy=words)
    score(framework, first)
    result = score(framework, changed)
    policy = result.criterion("test_policy")
    assert (policy.met, policy.met_by) == (met, "justified" if met else None)
    assert result.overall.score == passing


def test_a_point_with_no_evidence_is_not_worked_out_again(monkeypatch):
    """Wealdshire's final file scored twice: the second time only the points evidence bears
    on, and the one criterion judged directly (as every such question is, under laaeval's
    first rule), are worked out again; the rest are copies, with their own ids and words."""
    framework = load_framework(FRAMEWORKS / "odpm-laa-2005.yaml")
    record, _ = load_evidence(EXAMPLES / "wealdshire-final.yaml", framework)
    points = {u.id for c in framework.criteria for u in c.indicators}
    direct = [c.id for c in framework.criteria if not c.indicators]
    evidenced = points & {point for item in record.evidence for point in item.bears_on}
    calls = _counting(monkeypatch, "_score_indicator")
    first = score(framework, record)
    # Even the first time, an indicator with no evidence answered as one like it was (the
    # same scale and weight) is a copy: fewer than all 141 points are worked out.
    assert len(points) + len(direct) == 141
    assert set(calls) >= evidenced and len(calls) < 141
    calls.clear()
    again = score(framework, record)
    assert again == first
    assert sorted(calls) == sorted([*evidenced, *direct])
    assert [u.id for c in again.criteria for u in c.indicators] == [
        u.id for c in framework.criteria for u in c.units]
    assert 0 < len(evidenced) < len(points)
