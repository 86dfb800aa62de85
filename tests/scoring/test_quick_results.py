"""Scoring makes its results quickly (scoring.result.made and evolve fill the object's
dictionary rather than run the dataclass __init__) and keeps what a framework's rule needs on
the framework (scoring.rules._plan_of). Both must give exactly what the slow way gives."""

from __future__ import annotations

import dataclasses

import pytest

from laaeval.model.framework import load_framework
from laaeval.model.store import load_evidence
from laaeval.scoring.result import CriterionScore, GroupScore, IndicatorScore, evolve, made
from laaeval.scoring.score import score

from ..conftest import ROOT

SAMM = ROOT / "frameworks" / "owasp-samm-2-governance.yaml"
NORTHGATE = ROOT / "other-examples" / "samm-governance-northgate.yaml"


def _fields(record):
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


@pytest.fixture(scope="module")
def assessment():
    framework = load_framework(SAMM)
    record, _ = load_evidence(NORTHGATE, framework)
    return score(framework, record)


def _samples(assessment):
    criterion = assessment.criteria[0]
    return [criterion, criterion.indicators[0], assessment.aspects[0], assessment.overall]


def test_made_is_what_the_class_makes(assessment):
    for record in _samples(assessment):
        cls = type(record)
        quick, slow = made(cls, **_fields(record)), cls(**_fields(record))
        assert quick == slow and repr(quick) == repr(slow)
        with pytest.raises(dataclasses.FrozenInstanceError):
            quick.id = "changed"  # type: ignore[misc]


def test_made_fills_defaults_and_refuses_wrong_fields(assessment):
    criterion = assessment.criteria[0]
    given = _fields(criterion)
    for name in ("value", "maximum", "importance", "met"):  # the fields with defaults
        del given[name]
    assert made(CriterionScore, **given) == CriterionScore(**given)
    missing = _fields(criterion)
    del missing["score"]
    with pytest.raises(TypeError, match="score"):
        made(CriterionScore, **missing)
    with pytest.raises(TypeError, match="scroe"):
        made(CriterionScore, **_fields(criterion), scroe=1.0)
    with pytest.raises(TypeError):
        made(GroupScore, **_fields(criterion))


def test_evolve_is_dataclasses_replace(assessment):
    criterion = assessment.criteria[0]
    changed = evolve(criterion, score=12.5, met=True)
    assert changed == dataclasses.replace(criterion, score=12.5, met=True)
    assert criterion.score != 12.5  # the original is left as it was
    unit = criterion.indicators[0]
    assert evolve(unit, score=None) == dataclasses.replace(unit, score=None)
    assert isinstance(evolve(unit, score=None), IndicatorScore)
    with pytest.raises(TypeError, match="scroe"):
        evolve(criterion, scroe=1.0)


def test_a_changed_framework_is_scored_by_its_own_rule_not_one_kept_from_before():
    """The rule's plan is kept on the framework object: a framework made from another
    (dataclasses.replace, as migrate and tests do) must not use the other's."""
    framework = load_framework(SAMM)
    record, _ = load_evidence(NORTHGATE, framework)
    before = score(framework, record)
    assert before.overall.value == 0.96  # worked by hand in test_other_shapes.py
    kept = framework.scoring
    # Every group summed (streams already are): the six streams 1.5 + 0.75 + 2.25 + 0.25 +
    # 0 + 1 = 5.75 of 18, worked by hand from test_other_shapes.py's streams.
    summed = dataclasses.replace(framework, scoring=dataclasses.replace(kept, aggregate="sum"))
    after = score(summed, record)
    assert (after.overall.value, after.overall.maximum) == (5.75, 18)
    assert score(framework, record) == before  # and the first is scored as it was
    assert score(dataclasses.replace(framework, scoring=kept), record) == before
