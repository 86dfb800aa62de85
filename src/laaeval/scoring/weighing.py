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
    link = EvidenceLink
    for item in items:
        sources = item.sources
        found = kinds_of.get(sources)
        if found is None:
            found = kinds_of[sources] = frozenset(kinds[s] for s in sources)
        ident, perspective, named, basis = item.id, item.perspective, item.named, item.basis
        key = source_key(item)
        for point, stance in item.bears_on.items():
            made = link(ident, sources, found, perspective, named, basis, stance, key)
            if point in links:
                links[point].append(made)
            else:
                links[point] = [made]
    return links


def source_key(item: EvidenceItem) -> tuple[str | None, ...]:
    """What makes two items the same source: the same reference (and paragraph or page)
    given for the same perspective, organisation and speaker. An item with no reference is
    a source of its own, unless it repeats another's summary word for word."""
    if item.reference:
        where = " ".join(item.reference.split()).casefold()
        return (item.perspective, item.named, where, item.paragraph, item.page)
    return (item.perspective, item.named, None, " ".join(item.summary.casefold().split()))


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
    """The dispute on one point, if people's views on it disagree."""
    views = [link for link in links if link.basis == "primary" and VIEWS in link.kinds
             and link.perspective is not None]  # fmt: skip
    supports = [link for link in views if link.stance == "supports"]
    challenges = [link for link in views if link.stance == "challenges"]
    disputed = [(s, c) for s in supports for c in challenges if _differ(s, c)]
    if not disputed:
        return None
    return Contest(
        point,
        tuple(dict.fromkeys(s.item_id for s, _ in disputed)),
        tuple(dict.fromkeys(c.item_id for _, c in disputed)),
    )


def _differ(a: EvidenceLink, b: EvidenceLink) -> bool:
    if a.perspective != b.perspective:
        return True
    return a.named is not None and b.named is not None and a.named != b.named


def is_mixed(links: Iterable[EvidenceLink]) -> bool:
    """Some evidence supports and some challenges (of any basis)."""
    stances = {link.stance for link in links}
    return "supports" in stances and "challenges" in stances


def contests(points: Mapping[str, Sequence[EvidenceLink]]) -> tuple[Contest, ...]:
    """The disputed points among these, in the order given."""
    return tuple(c for point, links in points.items() if (c := contest_on(point, links)))
