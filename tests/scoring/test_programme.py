"""A real programme synthesis: the published ODPM 2005 evaluation's own findings, entered as
evidence without inventing a rating (examples/odpm-2005-programme.yaml). Contested must
fall where the report shows stakeholders disagreeing, and nowhere else.

The oracle is tests/data/odpm-2005-programme-contested.md: for each of the 41 criteria, a
reading of the report's text (not of laaeval's output) saying whether people of different
perspectives, or different named departments, really dispute it.
"""

from __future__ import annotations

import re

import pytest

from laaeval.model.store import load_evidence
from laaeval.scoring.score import score

from ..conftest import DATA, EXAMPLES
from ..oracle import load

PROGRAMME = EXAMPLES / "odpm-2005-programme.yaml"
ORACLE = DATA / "odpm-2005-programme-contested.md"


def oracle_verdicts() -> dict[str, str]:
    rows = re.findall(r"^\| ([A-Z]{1,2}\d) \| \**([a-z-]+)\** \|", ORACLE.read_text(), re.M)
    return dict(rows)


@pytest.fixture  # each test scores afresh, so mutation testing sees which tests score
def assessment():
    record, framework = load_evidence(PROGRAMME)
    return score(framework, record)


def test_the_oracle_judges_every_criterion():
    verdicts = oracle_verdicts()
    assert len(verdicts) == 41
    assert set(verdicts.values()) == {"yes", "no", "mixed-but-not-a-dispute"}


def test_contested_only_where_the_report_shows_people_disagreeing(assessment):
    wanted = sorted(c for c, v in oracle_verdicts().items() if v == "yes")
    assert len(wanted) == 11
    assert sorted(c.id for c in assessment.criteria if c.contested) == wanted


def test_criteria_the_report_shows_as_agreed_are_never_contested(assessment):
    agreed = {c for c, v in oracle_verdicts().items() if v == "no"}
    assert not [c.id for c in assessment.criteria if c.id in agreed and (c.contested or c.contests)]


def test_the_evidence_alone_puts_four_more_in_dispute_which_the_assessor_explains(assessment):
    # Laaeval's own reading of the stances finds 15; on four the file records the assessor's
    # finding (with its reason) that the views differ on different things: no dispute.
    found = {c.id for c in assessment.criteria if c.contests}
    overridden = {c.id for c in assessment.criteria if c.contest_finding is False}
    assert overridden == {"PN9", "PL2", "PA5", "I7"}
    assert found == {c.id for c in assessment.criteria if c.contested} | overridden
    for cid in overridden:
        assert assessment.criterion(cid).rationale, cid


def test_no_rating_is_invented(assessment):
    data = load(PROGRAMME)
    ratings = [j.get("rating") for j in data["judgements"].values()]
    assert not [r for r in ratings if isinstance(r, int | float)]
    assert assessment.overall.score is None
    # What the report says it is too soon to judge: every longer-term impact, and PR5.6.
    too_early = sorted(k for k, j in data["judgements"].items() if j.get("rating") == "too-early")
    assert too_early == ["I1", "I2", "I3", "I4", "I5", "I6", "I7", "PR5.6"]
    impacts = assessment.aspects[2]
    assert (impacts.criteria_scored, dict(impacts.criteria_verdicts)) == (0, {"too-early": 7})


def test_the_evaluators_synthesis_never_adds_strength(assessment):
    data = load(PROGRAMME)
    synthesis = {e["id"] for e in data["evidence"] if e.get("basis") == "synthesis"}
    assert len(synthesis) == 19
    i6 = assessment.criterion("I6")  # too early, so judged: it has a strength grade
    primary = [e for e in data["evidence"] if e["id"] in i6.evidence_items
               and e.get("basis", "primary") == "primary"]  # fmt: skip
    # Every item here cites the same report, so one source is one (paragraph, who) pair.
    sources = {(e.get("paragraph"), e.get("perspective"),
                e.get("organisation") or e.get("speaker")) for e in primary}  # fmt: skip
    assert i6.sources == len(sources)
