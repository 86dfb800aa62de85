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

from typing import Any

from ..model.evidence import Judgement
from ..model.framework import Criterion, Framework
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


def question_shape(framework: Framework, criterion: Criterion) -> tuple[Any, ...] | None:
    """What of a question, besides its id and words, its results depend on: its answers,
    weight (and kind of number), importance and rule on n/a. Questions alike in these share
    what is remembered (SAMM's are nearly all alike). None: the question is never remembered
    (it has indicators, or a weight by the pilot's details)."""
    if criterion.indicators or criterion.weights_by:
        return None
    weight = criterion.weight
    return (framework.points_for(criterion.id), weight.__class__, weight, criterion.importance,
            criterion.not_applicable)  # fmt: skip


class Remembered:
    """A question's results as the careful path made them for one answer: its criterion's
    and its point's fields, its part under the rule, whether it leaves a required item
    unmet (itself), and its own group's fields and part, by the group's kind and weight
    (filled when such a group is first made)."""

    __slots__ = ("applies", "criterion", "gaps", "groups", "part", "unit", "unmet")

    def __init__(self, criterion: CriterionScore, part: Any, unmet: bool) -> None:
        self.criterion = criterion.__dict__.copy()
        # Its rationale is the file's where it counts (it applies, or an n/a the rule counts
        # as met); its gaps are its sources where it was found to apply.
        self.applies = criterion.applicable
        self.gaps = criterion.status != NOT_APPLICABLE
        self.unit = criterion.indicators[0].__dict__.copy()
        self.part = part
        self.unmet = unmet
        self.groups: dict[Any, tuple[dict[str, Any], Any]] = {}

    # Each result is made as result.adopt makes one, filling the dictionary of a new object,
    # here from the remembered one and then field by field (twice as fast as a call to a
    # helper with keyword arguments, and this is most of what a remembered question costs).

    def made(self, criterion: Criterion, judgement: Judgement | None,
             narrative: str | None) -> CriterionScore:  # fmt: skip
        """The question's result again, with its own id and words and this file's."""
        rationale = judgement.rationale if judgement is not None else None
        ident, text = criterion.id, criterion.text
        unit = _new(IndicatorScore)
        fields = unit.__dict__
        fields.update(self.unit)
        fields["id"], fields["text"], fields["criterion_id"] = ident, text, ident
        fields["rationale"] = rationale
        made = _new(CriterionScore)
        fields = made.__dict__
        fields.update(self.criterion)
        fields["id"], fields["text"] = ident, text
        fields["aspect_id"], fields["level_id"] = criterion.aspect_id, criterion.level_id
        if self.applies:  # a criterion that does not apply has no rationale
            fields["rationale"] = rationale
        if self.gaps:  # nor gaps; with no evidence on it, every source is one
            fields["gaps"] = criterion.sources
        fields["indicators"] = (unit,)
        fields["narrative"] = narrative
        return made  # type: ignore[no-any-return]

    def keep_group(self, shape: Any, group: GroupScore, part: Any) -> None:
        self.groups[shape] = (group.__dict__.copy(), part)

    def made_group(self, g: Any, narrative: str | None) -> tuple[GroupScore, Any] | None:
        """The question's own group ``g`` (a rules._Group: its maturity level) again, with
        its own id and words and this file's narrative; None if no group of its kind and
        weight was made from this answer before."""
        found = self.groups.get(g.shape)
        if found is None:
            return None
        group = _new(GroupScore)
        fields = group.__dict__
        fields.update(found[0])
        fields["id"], fields["title"], fields["criteria"] = g.node.id, g.title, g.criteria
        fields["description"], fields["guidance"] = g.description, g.guidance
        fields["narrative"] = narrative
        if self.unmet:  # the one required item it leaves unmet is its question
            fields["unmet_required"] = g.criteria
        return group, found[1]  # type: ignore[return-value]


_new = object.__new__
