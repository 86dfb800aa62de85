"""How far an assessment has got, counted one way and said one way everywhere: the
assess header, its progress (``p``), the resume line, the score table and the reports.

The counts themselves come from :func:`..scoring.score.score` (judged and applicable
indicators at each level, "not applicable" left out of both); these functions only say
them, so that no two places can disagree about what was counted."""

from __future__ import annotations

from dataclasses import dataclass

from ..model.evidence import EvidenceFile
from ..model.framework import Framework
from ..text import fmt_coverage, plural
from .result import CriterionScore, GroupScore
from .score import score


@dataclass(frozen=True)
class Counts:
    """Applicable indicators judged, of those applicable, and the evidence items."""

    judged: int
    applicable: int
    evidence: int


def counts(framework: Framework, record: EvidenceFile) -> Counts:
    overall = score(framework, record).overall
    return Counts(overall.judged, overall.total, len(record.evidence))


def judged_of(x: Counts | CriterionScore | GroupScore) -> str:
    """ "3 of 140 judged" """
    judged, total = (x.judged, x.applicable) if isinstance(x, Counts) else (x.judged, x.total)
    return f"{judged} of {total} judged"


def judged_of_applicable(x: CriterionScore | GroupScore) -> str:
    """ "96 of 136 applicable indicators judged (70.6%)" """
    return (f"{x.judged} of {plural(x.total, 'applicable indicator')} judged "
            f"({fmt_coverage(x.judged, x.total)})")  # fmt: skip


def evidence_items(n: int) -> str:
    """ "1 evidence item", "2 evidence items" """
    return plural(n, "evidence item")


def judged_fraction(x: CriterionScore | GroupScore) -> str:
    """ "3/140": the same count, where a table has room for no more."""
    return f"{x.judged}/{x.total}"
