"""Results remembered per framework: a question's result, once worked out the careful way,
made again for the next file that answers it the same way, by copying it.

A deep framework (OWASP SAMM: business function › practice › stream › maturity level ›
question) is nearly all questions judged on their own, each with a group of its own (its
maturity level), and most of what scoring one takes is filling in the same 17-, 41- and
28-field results again: whether a question is met, its band, its score in the framework's
units and its level's counts depend on nothing but its answer, and a question has a handful
of answers. So the first file to give an answer works the results out in full
(:func:`.rules.by_rule`'s careful path), and they are kept on the framework's plan, keyed
by everything of the file they were worked from (:func:`question_key`). Later files with
that answer get copies of the remembered results' dictionaries, with the file's own words
put in (the rationale and the narrative): the same objects, field for field, as the careful
path makes (a test scores every shipped and generated file both ways).

Only what nothing else in the file can change is remembered: a question with no indicators,
no evidence bearing on it, and no weight that depends on the pilot's details, in a group of
its own with no such weight. Everything else takes the careful path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model.evidence import Judgement
from .result import NOT_APPLICABLE, CriterionScore, GroupScore, IndicatorScore

# What decides a question's results, besides its place: why it does not apply to the pilot
# (its details), and the judgement's rating (its type too: 1 and 1.0 are shown apart),
# verdict, n/a, the assessor's finding on a dispute, and whether a rationale is given (an
# unmet answer can count as met when justified).
Key = tuple[Any, ...]


def question_key(judgement: Judgement | None, reason: str | None) -> Key:
    """What of the file a question's results depend on (see above), as a dictionary key."""
    if judgement is None:
        return (reason,)
    rating = judgement.rating
    return (reason, rating.__class__, rating, judgement.verdict, judgement.not_applicable,
            judgement.contested, bool((judgement.rationale or "").strip()))  # fmt: skip


class Remembered:
    """A question's results as the careful path made them for one answer: its criterion's
    and its point's fields, its part under the rule, the required items it leaves unmet,
    and its group's fields and part (filled when the group is first made)."""

    __slots__ = ("applies", "criterion", "group", "group_part", "part", "unit", "unmet")

    def __init__(self, criterion: CriterionScore, part: Any,
                 unmet: tuple[str, ...]) -> None:  # fmt: skip
        self.criterion = criterion.__dict__.copy()
        self.applies = criterion.status != NOT_APPLICABLE
        self.unit = criterion.indicators[0].__dict__.copy()
        self.part = part
        self.unmet = unmet
        self.group: dict[str, Any] | None = None
        self.group_part: Any = None

    # Each result is made as result.adopt makes one, filling the dictionary of a new object,
    # here from the remembered one and then field by field (twice as fast as a call to a
    # helper with keyword arguments, and this is most of what a remembered question costs).

    def made(self, judgement: Judgement | None, narrative: str | None) -> CriterionScore:
        """The question's result again, with this file's words in it."""
        rationale = judgement.rationale if judgement is not None else None
        unit = _new(IndicatorScore)
        fields = unit.__dict__
        fields.update(self.unit)
        fields["rationale"] = rationale
        criterion = _new(CriterionScore)
        fields = criterion.__dict__
        fields.update(self.criterion)
        if self.applies:  # a criterion that does not apply has no rationale
            fields["rationale"] = rationale
        fields["indicators"] = (unit,)
        fields["narrative"] = narrative
        return criterion  # type: ignore[no-any-return]

    def keep_group(self, group: GroupScore, part: Any) -> None:
        self.group, self.group_part = group.__dict__.copy(), part

    def made_group(self, narrative: Mapping[str, str], narrative_key: str) -> GroupScore:
        """The question's own group (its maturity level) again, with this file's narrative."""
        group = _new(GroupScore)
        fields = group.__dict__
        fields.update(self.group)  # type: ignore[arg-type]
        fields["narrative"] = narrative.get(narrative_key)
        return group  # type: ignore[no-any-return]


_new = object.__new__
