"""How the evidence behind a point is weighed: how many independent primary sources stand
behind it, how strong that is, and whether people dispute it.

* Only **primary** evidence (what a participant said, what a document shows) adds strength;
  the evaluators' synthesis, and a second item from the same source, do not.
* A point is **contested** when people's views (primary evidence from interviews,
  observation, journals: a source of the kind "views") support it and challenge it, from
  different perspectives, or from differently named organisations or speakers within one
  perspective. Documents and synthesis never make a dispute; evidence both ways that is not
  a dispute is "mixed".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ..model.evidence import EvidenceItem
from ..model.framework import Framework
from .result import CORROBORATED, NONE, SINGLE, TRIANGULATED, Contest, EvidenceLink

VIEWS, DOCUMENTATION = "views", "documentation"


def links_by_point(
    framework: Framework, items: Iterable[EvidenceItem]
) -> dict[str, list[EvidenceLink]]:
    """Each criterion or indicator id, with the evidence items that bear on it."""
    kinds = {s.id: s.kind for s in framework.source_types}
    kinds_of: dict[tuple[str, ...], frozenset[str]] = {}  # the few combinations, made once
    links: dict[str, list[EvidenceLink]] = {}
    new, link = tuple.__new__, EvidenceLink  # (a named tuple's own __new__ is a Python call)
    for item in items:
        sources = item.sources
        found = kinds_of.get(sources)
        if found is None:
            found = kinds_of[sources] = frozenset(kinds[s] for s in sources)
        ident, perspective, named, basis = item.id, item.perspective, item.named, item.basis
        key = source_key(item, named)
        for point, stance in item.bears_on.items():
            made = new(link, (ident, sources, found, perspective, named, basis, stance, key))
            if point in links:
                links[point].append(made)
            else:
                links[point] = [made]
    return links


def source_key(item: EvidenceItem, named: str | None = None) -> tuple[str | None, ...]:
    """What makes two items the same source: the same reference (and paragraph or page)
    given for the same perspective, organisation and speaker. An item with no reference is
    a source of its own, unless it repeats another's summary word for word. (``named`` is
    the item's, where the caller has it already.)"""
    if named is None:
        named = item.named
    if item.reference:
        where = " ".join(item.reference.split()).casefold()
        return (item.perspective, named, where, item.paragraph, item.page)
    return (item.perspective, named, None, " ".join(item.summary.casefold().split()))


def strength_of(links: Sequence[EvidenceLink]) -> tuple[str, int]:
    """The strength grade of the primary evidence, and how many independent sources it has."""
    keys = set()
    kinds: set[str] = set()
    for link in links:
        if link.basis == "primary":
            keys.add(link.source_key)
            kinds |= link.kinds
    sources = len(keys)
    if sources == 0:
        return NONE, 0
    if sources == 1:
        return SINGLE, 1
    return (TRIANGULATED if VIEWS in kinds and DOCUMENTATION in kinds else CORROBORATED), sources


def contest_on(point: str, links: Sequence[EvidenceLink]) -> Contest | None:
    """The dispute on one point, if people's views on it disagree.

    A support and a challenge dispute each other when they differ: they are of different
    perspectives, or of one perspective and name different organisations or speakers. Both
    sides are listed in the order the pairs would be met, supports first, without trying
    every pair: an item bearing on every indicator, hundreds of times over, made that
    quadratic (600 such items took 11 s to score)."""
    views = [link for link in links if link.basis == "primary" and VIEWS in link.kinds
             and link.perspective is not None]  # fmt: skip
    supports = [link for link in views if link.stance == "supports"]
    challenges = [link for link in views if link.stance == "challenges"]
    if not supports or not challenges or _alike(views):
        return None
    against = _FirstDiffering(challenges)
    backers = tuple(dict.fromkeys(s.item_id for s in supports if against.first(s) is not None))
    if not backers:
        return None
    among = _FirstDiffering(supports)
    met = sorted((first, n, c.item_id) for n, c in enumerate(challenges)
                 if (first := among.first(c)) is not None)  # fmt: skip
    return Contest(point, backers, tuple(dict.fromkeys(ident for _, _, ident in met)))


def _alike(views: Sequence[EvidenceLink]) -> bool:
    """Whether no two of these views differ (one perspective, and at most one name among
    them): then none disputes another, and the pairs need not be looked at."""
    first = views[0]
    perspective, named = first.perspective, first.named
    for link in views:
        if link.perspective != perspective:
            return False
        if link.named is not None:
            if named is None:
                named = link.named
            elif link.named != named:
                return False
    return True


class _FirstDiffering:
    """For a list of links, the position of the first that differs (as :func:`contest_on`
    says) from a given link, in constant time: the first of another perspective, or the first of the
    same perspective naming someone else."""

    def __init__(self, links: Sequence[EvidenceLink]) -> None:
        self.lead = links[0].perspective
        self.other = next((n for n, link in enumerate(links) if link.perspective != self.lead),
                          None)  # fmt: skip
        # perspective -> [first named position, its name, first position naming another]
        self.named: dict[str | None, list] = {}  # type: ignore[type-arg]
        for n, link in enumerate(links):
            if link.named is None:
                continue
            seen = self.named.get(link.perspective)
            if seen is None:
                self.named[link.perspective] = [n, link.named, None]
            elif seen[2] is None and link.named != seen[1]:
                seen[2] = n

    def first(self, link: EvidenceLink) -> int | None:
        found = [0 if self.lead != link.perspective else self.other]
        seen = self.named.get(link.perspective) if link.named is not None else None
        if seen is not None:
            found.append(seen[0] if seen[1] != link.named else seen[2])
        return min((n for n in found if n is not None), default=None)


def is_mixed(links: Iterable[EvidenceLink]) -> bool:
    """Some evidence supports and some challenges (of any basis)."""
    stances = {link.stance for link in links}
    return "supports" in stances and "challenges" in stances


def contests(points: Mapping[str, Sequence[EvidenceLink]]) -> tuple[Contest, ...]:
    """The disputed points among these, in the order given."""
    return tuple(c for point, links in points.items() if (c := contest_on(point, links)))
