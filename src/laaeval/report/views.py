"""What a written report says beyond the numbers, shared by the HTML and Markdown
renderers so the two cannot drift apart: the pilot's details, the evidence behind each
criterion grouped by perspective, contested points set side by side, the sources of
evidence still to consult, and how to read the numbers. Nothing here computes a score;
it only arranges what the Assessment already holds.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..scoring.score import NONE, NOT_APPLICABLE, RATED, Assessment, CriterionScore, GroupScore
from ..text import web_link

if TYPE_CHECKING:
    from ..model.evidence import EvidenceItem
    from ..model.framework import Framework
    from ..scoring.score import IndicatorScore

DATE_VARIABLE = "LAAEVAL_REPORT_DATE"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")  # fmt: skip


def report_date(today: date | None = None) -> str:
    """The date a report says it was generated, such as "14 March 2005".

    LAAEVAL_REPORT_DATE (YYYY-MM-DD) overrides today's date, so that a report can be
    reproduced byte for byte (the golden-file tests rely on this)."""
    raw = os.environ.get(DATE_VARIABLE)
    if raw:
        try:
            today = date.fromisoformat(raw.strip())
        except ValueError:
            raise UsageError(
                f"{DATE_VARIABLE} should be a date written YYYY-MM-DD, such as 2005-03-14"
            ) from None
    day = today or date.today()
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


# -- the views -------------------------------------------------------------------------

# How many times one evidence item is written out in full in a pilot's report (under the
# criteria it bears on, and again in the contested tables); after that it is referred to
# by its id. An item bearing on every indicator would otherwise be repeated under every
# criterion and every contested indicator, and a file of a few MB made a report of
# hundreds: this keeps a report's size in proportion to its evidence. No shipped example
# repeats an item this often.
FULL_SHOWINGS = 8


@dataclass
class _Shown:
    """Where each item has been written out in full so far, in one pilot's report."""

    places: dict[str, list[str]] = field(default_factory=dict)
    said: dict[str, int] = field(default_factory=dict)

    def item(self, item: EvidenceItem, where: str) -> EvidenceItem:
        """The item in full, or after :data:`FULL_SHOWINGS` a reference to where it is."""
        places = self.places.setdefault(item.id, [])
        if len(places) < FULL_SHOWINGS:
            places.append(where)
            return item
        return replace(item, summary=f"Shown in full under {places[0]}, which it also bears on.",
                       quote=None, reference=None, link=None)  # fmt: skip

    def summary(self, item: EvidenceItem) -> str:
        count = self.said.get(item.id, 0)
        self.said[item.id] = count + 1
        if count < FULL_SHOWINGS:
            return item.summary
        first = self.places.get(item.id)
        return f"see {item.id} under {first[0]}" if first else f"see {item.id}"


@dataclass(frozen=True)
class EvidenceEntry:
    """One evidence item as it bears on one criterion."""

    item: EvidenceItem
    source_label: str
    kind: str  # views | documentation
    link: str | None  # the item's link, only when it is safe to make live
    stances: tuple[tuple[str, str], ...]  # (indicator id, supports | challenges | neutral)


@dataclass(frozen=True)
class PerspectiveGroup:
    label: str
    entries: tuple[EvidenceEntry, ...]


@dataclass(frozen=True)
class Said:
    """Who said what, for one side of a contested point."""

    perspective: str
    item_id: str
    summary: str


@dataclass(frozen=True)
class ContestedPoint:
    indicator: IndicatorScore
    supports: tuple[Said, ...]
    challenges: tuple[Said, ...]


@dataclass(frozen=True)
class Gap:
    text: str  # the framework's own words for the source
    types: tuple[str, ...]  # catalogue labels


@dataclass(frozen=True)
class CriterionView:
    score: CriterionScore
    evidence: tuple[PerspectiveGroup, ...]
    contested: tuple[ContestedPoint, ...]
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class LevelView:
    group: GroupScore
    criteria: tuple[CriterionView, ...]


@dataclass(frozen=True)
class AspectView:
    group: GroupScore
    levels: tuple[LevelView, ...]
    criteria: tuple[CriterionView, ...]  # when the aspect has no levels


@dataclass(frozen=True)
class PilotView:
    assessment: Assessment
    anchor: str  # a safe id for links within the page: p1, p2, …
    details: tuple[tuple[str, str], ...]  # (label, value) for the pilot and the record
    summary: tuple[tuple[int, GroupScore], ...]  # (depth, group): overall, aspects, levels
    aspects: tuple[AspectView, ...]


def pilot_views(assessments: Sequence[Assessment]) -> list[PilotView]:
    return [_pilot_view(a, f"p{n}") for n, a in enumerate(assessments, start=1)]


def _pilot_view(a: Assessment, anchor: str) -> PilotView:
    summary: list[tuple[int, GroupScore]] = [(0, a.overall)]
    for aspect in a.aspects:
        summary.append((1, aspect))
        summary.extend((2, level) for level in aspect.levels)
    return PilotView(a, anchor, pilot_details(a), tuple(summary), _aspect_views(a))


def pilot_details(a: Assessment) -> tuple[tuple[str, str], ...]:
    record, framework = a.record, a.framework
    pilot = record.pilot
    rows = [("Pilot", pilot.name), ("Round", pilot.round)]
    if pilot.region:
        rows.append(("Region", pilot.region))
    for key, value in pilot.attributes.items():
        attribute = framework.attributes_by_id.get(key)
        rows.append((attribute.label if attribute else key, value))
    rows.append(("Assessor", record.assessor or "not recorded"))
    rows.append(("Framework", framework.title))
    rows.append(("Framework id and version", f"{framework.id}, version {framework.version}"))
    if record.updated:
        rows.append(("Evidence last updated", record.updated))
    if record.path:
        rows.append(("Evidence file", record.path))
    return tuple(rows)


def _aspect_views(a: Assessment) -> tuple[AspectView, ...]:
    shown = _Shown()
    views = {c.id: criterion_view(a, c, shown) for c in a.criteria}
    out = []
    for aspect in a.aspects:
        levels = tuple(
            LevelView(level, tuple(views[cid] for cid in level.criteria)) for level in aspect.levels
        )
        direct = () if levels else tuple(views[cid] for cid in aspect.criteria)
        out.append(AspectView(aspect, levels, direct))
    return tuple(out)


def criterion_view(a: Assessment, c: CriterionScore, shown: _Shown | None = None) -> CriterionView:
    shown = shown or _Shown()
    return CriterionView(c, _evidence_by_perspective(a, c, shown), _contested(a, c, shown),
                         _gaps(a, c))  # fmt: skip


def _evidence_by_perspective(a: Assessment, c: CriterionScore,
                             shown: _Shown) -> tuple[PerspectiveGroup, ...]:  # fmt: skip
    framework = a.framework
    items = {e.id: e for e in a.record.evidence}
    stances: dict[str, list[tuple[str, str]]] = {}
    for indicator in c.indicators:
        for link in indicator.evidence:
            stances.setdefault(link.item_id, []).append((indicator.id, link.stance))
    by_perspective: dict[str, list[EvidenceEntry]] = {}
    for item_id, said in stances.items():
        item = shown.item(items[item_id], c.id)
        source = framework.source_types_by_id.get(item.source)
        entry = EvidenceEntry(
            item=item,
            source_label=source.label if source else item.source,
            kind=source.kind if source else "",
            link=web_link(item.link),
            stances=tuple(said),
        )
        by_perspective.setdefault(item.perspective, []).append(entry)
    # The framework's order of perspectives, so every criterion reads the same way.
    order = [p.id for p in framework.perspectives] + sorted(
        p for p in by_perspective if p not in framework.perspectives_by_id
    )
    return tuple(
        PerspectiveGroup(perspective_label(a, p), tuple(by_perspective[p]))
        for p in order
        if p in by_perspective
    )


def _contested(a: Assessment, c: CriterionScore, shown: _Shown) -> tuple[ContestedPoint, ...]:
    items = {e.id: e for e in a.record.evidence}
    points = []
    for indicator in c.indicators:
        if not indicator.contested:
            continue
        sides: dict[str, list[Said]] = {"supports": [], "challenges": []}
        for link in indicator.evidence:
            if link.stance in sides:
                said = Said(perspective_label(a, link.perspective), link.item_id,
                            shown.summary(items[link.item_id]))  # fmt: skip
                sides[link.stance].append(said)
        points.append(
            ContestedPoint(indicator, tuple(sides["supports"]), tuple(sides["challenges"]))
        )
    return tuple(points)


def _gaps(a: Assessment, c: CriterionScore) -> tuple[Gap, ...]:
    labels = a.framework.source_types_by_id
    return tuple(
        Gap(s.text, tuple(labels[t].label if t in labels else t for t in s.types)) for s in c.gaps
    )


def report_title(assessments: Sequence[Assessment]) -> str:
    if len(assessments) == 1:
        pilot = assessments[0].record.pilot
        return f"{pilot.name} ({pilot.round}): assessment report"
    return f"Assessment report: {len(assessments)} evidence files"


def reading_notes(framework: Framework) -> tuple[str, ...]:
    """How the numbers are worked out, in plain words, for readers who did not assess."""
    scale = "; ".join(f"{p.value} {p.label}" for p in framework.scale)
    bands = ", ".join(f"{b.label} from {b.min:g}" for b in framework.bands)
    top = framework.scale_by_value[framework.scale_max].label
    return (
        f"Each indicator is rated on the framework's scale: {scale}. An indicator may instead "
        "be marked not applicable, which leaves it out altogether, or have no judgement yet, "
        "which counts against coverage only, never as a zero.",
        "A criterion's score is the weighted mean rating of its rated indicators as a "
        f"percentage of the highest rating ({framework.scale_max}, {top}). Level, aspect and "
        "overall scores are weighted means of the criterion scores beneath them. Coverage is "
        "the share of applicable indicators that have been judged.",
        f"Bands, read from the score: {bands}.",
        "Strength of evidence for a criterion: none (no evidence items); single source (one "
        "type of source); corroborated (two or more types of source); triangulated (two or "
        "more types, including both people's views and documents). A criterion is contested "
        "when people speaking from different perspectives support and challenge the same "
        "indicator. A rating with no evidence item behind it is counted as unsupported.",
    )


def perspective_label(a: Assessment, ident: str) -> str:
    perspective = a.framework.perspectives_by_id.get(ident)
    return perspective.label if perspective else ident


def rating_text(i: IndicatorScore, scale_max: int) -> str:
    """A rating as a reader sees it: "2 of 3 (Largely met)", "Not applicable", …"""
    if i.status == RATED and i.rating is not None:
        label = f" ({i.rating_label})" if i.rating_label else ""
        return f"{i.rating} of {scale_max}{label}"
    if i.status == NOT_APPLICABLE:
        return "Not applicable"
    return "No judgement yet"


def strength_counts(g: GroupScore) -> str:
    """The evidence strength of a group's criteria, strongest first, in words."""
    parts = [f"{n} {'with no evidence' if name == NONE else name}"
             for name, n in reversed(g.strength.items()) if n]  # fmt: skip
    return ", ".join(parts) if parts else "–"
