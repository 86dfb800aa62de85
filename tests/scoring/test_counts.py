"""One way of counting judged of applicable, said one way (issue 10, item 4)."""

from __future__ import annotations

from laaeval.model.framework import load_framework
from laaeval.model.store import load_evidence
from laaeval.scoring.counts import (
    counts,
    evidence_items,
    judged_fraction,
    judged_of,
    judged_of_applicable,
)
from laaeval.scoring.score import score

from ..conftest import MINI_EVIDENCE, MINI_FRAMEWORK


def test_not_applicable_is_left_out_of_both_sides():
    framework = load_framework(MINI_FRAMEWORK)
    record, _ = load_evidence(MINI_EVIDENCE, framework)
    # By hand: a single-tier pilot, so X3.1 cannot apply; Y1.2 is marked not applicable.
    # Applicable: X1.1, X1.2, X2, Y1.1, Y1.3 (5); judged: all but Y1.3 (4); 5 items.
    counted = counts(framework, record)
    assert (counted.judged, counted.applicable, counted.evidence) == (4, 5, 5)
    assert judged_of(counted) == "4 of 5 judged"
    overall = score(framework, record).overall
    assert judged_of(overall) == judged_of(counted)
    assert judged_fraction(overall) == "4/5"
    assert judged_of_applicable(overall) == "4 of 5 applicable indicators judged (80.0%)"


def test_one_item_is_one_item():
    assert evidence_items(1) == "1 evidence item"
    assert evidence_items(0) == "0 evidence items"
    assert evidence_items(2) == "2 evidence items"
