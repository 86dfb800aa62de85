"""What a written report says beyond the numbers, shared by the HTML, Markdown and Word
renderers so they cannot drift apart: a one-page digest for a director, the pilot's details,
the method and its caveats, the evidence behind each criterion (each item once, grouped by
perspective), who disagrees with whom, the sources of evidence still to consult, and how to
read the numbers. Nothing here computes a score; it only arranges what the Assessment holds.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ..errors import UsageError
from ..model.framework import nested
from ..scoring.result import NA_MET, NONE, SCORED, Assessment, CriterionScore, GroupScore
from ..text import plural, web_link

if TYPE_CHECKING:
    from ..model.evidence import EvidenceItem
    from ..model.framework import Framework

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
    return written_date(today or date.today())


def written_date(day: date) -> str:
    """A date as people write it: "14 March 2005"."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def written_stamp(stamp: str | None) -> str | None:
    """A timestamp from a file ("2005-03-14T17:05:00Z") as a date people read; anything
    that is not a date is shown as it is."""
    if not stamp:
        return None
    try:
        return written_date(date.fromisoformat(stamp[:10]))
    except ValueError:
        return stamp


# -- the views -------------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceEntry:
    """One evidence item as it bears on one criterion (shown once, however many of the
    criterion's indicators it bears on)."""

    item: EvidenceItem
    who: str  # the perspective, and the organisation or speaker if named
    source_labels: tuple[str, ...]
    kinds: str  # "views", "documentation", or both
    link: str | None  # the item's link, only when it is safe to make live
    stances: tuple[tuple[str, str], ...]  # (criterion or indicator id, stance)
    where: str  # reference, paragraph, page, date
    extent: str  # how widely held, how many, and whether second-hand
    home: str | None = None  # the criterion it is shown in full under, if not this one

    @property
    def by_stance(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """ (("supports", ("PN3", "PN3.2")), ("challenges", ("PN8",))) """
        return tuple(
            (stance, points) for stance in ("supports", "challenges", "neutral")
            if (points := tuple(p for p, s in self.stances if s == stance))
        )  # fmt: skip


@dataclass(frozen=True)
class PerspectiveGroup:
    label: str
    entries: tuple[EvidenceEntry, ...]


@dataclass(frozen=True)
class Said:
    """Who said what, for one side of a contested point."""

    who: str  # the perspective, with the organisation or speaker named in brackets
    item_id: str
    summary: str
    perspective: str  # the perspective alone
    named: str | None  # the organisation or speaker alone


@dataclass(frozen=True)
class ContestedPoint:
    point: str  # the criterion or indicator disputed
    text: str
    supports: tuple[Said, ...]
    challenges: tuple[Said, ...]

    @property
    def sides(self) -> tuple[str, str]:
        """Each side in words: "Government Office (E100, E106); Local authority (E2)"."""
        return _side(self.supports), _side(self.challenges)


def _side(said: Sequence[Said]) -> str:
    ids: dict[str, list[str]] = {}
    for s in said:
        ids.setdefault(s.who, []).append(s.item_id)
    return "; ".join(f"{who} ({', '.join(items)})" for who, items in ids.items())


@dataclass(frozen=True)
class Gap:
    text: str  # the framework's own words for the source
    types: tuple[str, ...]  # catalogue labels


@dataclass(frozen=True)
class CriterionView:
    score: CriterionScore
    evidence: tuple[PerspectiveGroup, ...]  # primary evidence by perspective, then synthesis
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
class Dispute:
    """A contested criterion in the digest: who stands on each side."""

    criterion: CriterionScore
    sides: str  # "Government Office; Local authority against Central government (Home Office)"


@dataclass(frozen=True)
class Digest:
    """The one page a director reads: the whole, the aspects, the strongest and weakest
    criteria, what is too early to say, and where people disagree."""

    strongest: tuple[CriterionScore, ...]
    weakest: tuple[CriterionScore, ...]
    verdicts: tuple[tuple[str, tuple[CriterionScore, ...]], ...]  # (verdict label, criteria)
    disputes: tuple[Dispute, ...]
    unjudged: tuple[CriterionScore, ...]
    provisional: tuple[CriterionScore, ...]
    # Not met, but counted as met as their importance allows (a justified SHOULD): a score
    # of 100 that rests on that and not on the answer.
    met_by: tuple[CriterionScore, ...] = ()


@dataclass(frozen=True)
class PilotView:
    assessment: Assessment
    anchor: str  # a safe id for links within the page: p1, p2, …
    details: tuple[tuple[str, str], ...]  # (label, value) for the pilot and the record
    summary: tuple[tuple[int, GroupScore], ...]  # (depth, group): overall, aspects, levels…
    aspects: tuple[AspectView, ...]
    digest: Digest
    method: tuple[tuple[str, tuple[str, ...]], ...]  # (heading, paragraphs): method, caveats…


def pilot_views(assessments: Sequence[Assessment]) -> list[PilotView]:
    return [_pilot_view(a, f"p{n}") for n, a in enumerate(assessments, start=1)]


def _pilot_view(a: Assessment, anchor: str) -> PilotView:
    summary = summary_groups(a)
    shown: dict[str, str] = {}  # each item is shown in full once, under its first criterion
    common = common_reference(a.record.evidence)
    views = {c.id: criterion_view(a, c, shown, common) for c in a.criteria}
    details = pilot_details(a)
    if common:
        details += (("Evidence from", f"{common} (each item gives its paragraph or page)"),)
    return PilotView(a, anchor, details, tuple(summary), _aspect_views(a, views),
                     _digest(a, views), _method(a))  # fmt: skip


def summary_groups(a: Assessment) -> list[tuple[int, GroupScore]]:
    """Every part of the framework with its depth, in reading order: the whole (0), each
    aspect (1), its levels (2) and the groups within them to any depth (3, 4, …), so that
    a summary table gives a score at every level (SAMM: function, practice, stream and
    maturity level)."""
    return [(0, a.overall), *((depth, g) for depth, g, _ in nested(a.aspects))]


MET_BY_HEADING = "Counted as met, though not met (as the framework's scoring rule allows)"


def common_reference(items: Sequence[EvidenceItem]) -> str | None:
    """The one reference every item gives, as a programme synthesis drawn from one
    published report does: said once for the whole report, not under every item."""
    references = {item.reference for item in items}
    if len(items) > 1 and len(references) == 1:
        return references.pop()
    return None


def pilot_details(a: Assessment) -> tuple[tuple[str, str], ...]:
    record, framework = a.record, a.framework
    pilot = record.pilot
    rows = [("Pilot" if not pilot.group else "Pilots", pilot.name), ("Round", pilot.round)]
    if pilot.group:
        rows.append(("Assessment of", f"a group of {pilot.group} pilots, as a whole"))
    if pilot.region:
        rows.append(("Region", pilot.region))
    for key, value in pilot.attributes.items():
        attribute = framework.attributes_by_id.get(key)
        rows.append((attribute.label if attribute else key, value))
    rows.append(("Assessor", record.assessor or "not recorded"))
    rows.append(("Framework", framework.title))
    rows.append(("Framework id and version", f"{framework.id}, version {framework.version}"))
    updated = written_stamp(record.updated)
    if updated:
        rows.append(("Evidence last updated", updated))
    if record.path:
        rows.append(("Evidence file", record.path))
    return tuple(rows)


def _method(a: Assessment) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The file's own account of its method, caveats and notes, then how to read the
    numbers: every report says how its judgements were reached."""
    record = a.record
    parts = []
    if record.method:
        parts.append(("Method", (record.method,)))
    if record.caveats:
        parts.append(("Caveats", record.caveats))
    if record.notes:
        parts.append(("Notes", (record.notes,)))
    parts.append(("How to read this report", reading_notes(a.framework)))
    return tuple(parts)


def _aspect_views(a: Assessment, views: dict[str, CriterionView]) -> tuple[AspectView, ...]:
    out = []
    for aspect in a.aspects:
        levels = tuple(
            LevelView(level, tuple(views[cid] for cid in level.criteria)) for level in aspect.levels
        )
        direct = () if levels else tuple(views[cid] for cid in aspect.criteria)
        out.append(AspectView(aspect, levels, direct))
    return tuple(out)


def _digest(a: Assessment, views: dict[str, CriterionView], top: int = 3) -> Digest:
    live = [c for c in a.criteria if c.applicable]
    # an n/a counted as met is no achievement: never among the strongest or weakest
    banded = sorted((c for c in live if c.band is not None and c.met_by != NA_MET),
                    key=lambda c: -(c.score or 0))  # fmt: skip
    strongest = tuple(banded[:top])
    weakest = tuple(c for c in reversed(banded[-top:]) if c not in strongest)
    verdicts = tuple(
        (v.label, tuple(c for c in live if c.verdict is not None and c.verdict.id == v.id
                        and c.status != SCORED))
        for v in a.framework.verdicts
    )  # fmt: skip
    return Digest(
        strongest=strongest, weakest=weakest,
        verdicts=tuple((label, cs) for label, cs in verdicts if cs),
        disputes=tuple(Dispute(c, _sides(views[c.id])) for c in live if c.contested),
        unjudged=tuple(c for c in live if c.status == "not yet judged"),
        provisional=tuple(c for c in live if c.provisional),
        met_by=tuple(c for c in live if c.met_by is not None),
    )  # fmt: skip


def _sides(view: CriterionView) -> str:
    """Who stands on each side of a criterion's first dispute, in a line: each perspective
    once, with the bodies named within it ("Government Office against Central government
    (Home Office, DfES)"), and how many more points are disputed."""
    if not view.contested:
        return "the assessor finds that people disagree"
    first = view.contested[0]

    def side(said: Iterable[Said]) -> str:
        named: dict[str, list[str]] = {}
        for s in said:
            names = named.setdefault(s.perspective, [])
            if s.named and s.named not in names:
                names.append(s.named)
        return "; ".join(f"{who} ({', '.join(n)})" if n else who for who, n in named.items())

    where = "" if first.point == view.score.id else f" on {first.point}"
    more = len(view.contested) - 1
    tail = f", and {plural(more, 'more point')}" if more else ""
    return f"{side(first.supports)} against {side(first.challenges)}{where}{tail}"


def criterion_view(a: Assessment, c: CriterionScore, shown: dict[str, str] | None = None,
                   common: str | None = None) -> CriterionView:  # fmt: skip
    """A criterion as a report sets it out. ``shown`` maps each item already shown in full
    to the criterion it was shown under, so that a report sets out an item once and refers
    to it afterwards: its length grows with the evidence, not evidence × criteria.
    ``common`` is a reference every item shares, said once for the whole report."""
    evidence = _evidence_by_perspective(a, c, {} if shown is None else shown, common)
    return CriterionView(c, evidence, _contested(a, c), _gaps(a, c))


def _evidence_by_perspective(
    a: Assessment, c: CriterionScore, shown: dict[str, str], common: str | None
) -> tuple[PerspectiveGroup, ...]:
    items = {e.id: e for e in a.record.evidence}
    stances: dict[str, list[tuple[str, str]]] = {}
    points = [(c.id, c.evidence), *((i.id, i.evidence) for i in c.indicators)]
    for point, links in points:
        for link in links:
            stances.setdefault(link.item_id, []).append((point, link.stance))
    groups: dict[str, list[EvidenceEntry]] = {}
    for item_id, said in stances.items():
        item = items[item_id]
        key = SYNTHESIS_GROUP if not item.primary else (item.perspective or "")
        home = shown.setdefault(item_id, c.id)
        groups.setdefault(key, []).append(
            _entry(a, item, tuple(said), None if home == c.id else home, common)
        )
    # The framework's order of perspectives, so every criterion reads the same way, and the
    # evaluators' own synthesis last.
    order = [p.id for p in a.framework.perspectives] + sorted(
        p for p in groups if p not in a.framework.perspectives_by_id and p != SYNTHESIS_GROUP
    ) + [SYNTHESIS_GROUP]  # fmt: skip
    return tuple(
        PerspectiveGroup(_group_label(a, p), tuple(groups[p])) for p in order if p in groups
    )


SYNTHESIS_GROUP = "\0synthesis"  # sorts apart from every perspective id


def _group_label(a: Assessment, key: str) -> str:
    if key == SYNTHESIS_GROUP:
        return "The evaluators' synthesis"
    return perspective_label(a, key)


def _entry(a: Assessment, item: EvidenceItem, stances: tuple[tuple[str, str], ...],
           home: str | None, common: str | None) -> EvidenceEntry:  # fmt: skip
    labels = a.framework.source_types_by_id
    kinds = sorted({labels[s].kind for s in item.sources if s in labels})
    return EvidenceEntry(
        item=item, who=who_said(a, item),
        source_labels=tuple(labels[s].label if s in labels else s for s in item.sources),
        kinds=" and ".join(kinds), link=web_link(item.link), stances=stances,
        where=_where(item, common), extent=_extent(item), home=home,
    )  # fmt: skip


def who_said(a: Assessment, item: EvidenceItem) -> str:
    """ "Central government (Home Office, a senior official)" """
    who = perspective_label(a, item.perspective) if item.perspective else "The evaluators"
    named = ", ".join(n for n in (item.organisation, item.speaker) if n)
    return f"{who} ({named})" if named else who


def _where(item: EvidenceItem, common: str | None) -> str:
    parts = [item.reference] if item.reference and item.reference != common else []
    if item.paragraph:
        parts.append(f"paragraph {item.paragraph}" if parts else f"Paragraph {item.paragraph}")
    if item.page:
        parts.append(f"page {item.page}")
    if item.date:
        try:
            parts.append(written_date(date.fromisoformat(item.date)))
        except ValueError:
            parts.append(item.date)
    return ", ".join(parts)


def _extent(item: EvidenceItem) -> str:
    """How widely it is held and how it was heard: "most pilots (20 of 21); second-hand"."""
    parts = []
    counted = f" {item.counted}" if item.counted else ""
    if item.prevalence:
        parts.append(f"{item.prevalence}{counted}")
    if item.count is not None:
        of = f" of {item.out_of}" if item.out_of is not None else ""
        parts.append(f"{item.count}{of}" + ("" if item.prevalence else counted))
    text = " ".join(parts[:1]) + (f" ({parts[1]})" if len(parts) > 1 else "")
    if item.directness == "indirect":
        text = f"{text}; second-hand" if text else "second-hand"
    return text


def _contested(a: Assessment, c: CriterionScore) -> tuple[ContestedPoint, ...]:
    items = {e.id: e for e in a.record.evidence}
    texts = {c.id: c.text, **{i.id: i.text for i in c.indicators}}

    def said(item_id: str) -> Said:
        item = items[item_id]
        perspective = perspective_label(a, item.perspective) if item.perspective else (
            "The evaluators")  # fmt: skip
        return Said(who_said(a, item), item_id, item.summary, perspective,
                    item.organisation or item.speaker)

    return tuple(
        ContestedPoint(k.point, texts.get(k.point, ""), tuple(map(said, k.supports)),
                       tuple(map(said, k.challenges)))
        for k in c.contests
    )


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
    if not framework.scoring.legacy:
        return rule_notes(framework)
    scale = "; ".join(f"{p.value} {p.label}" for p in framework.scale)
    bands = ", ".join(f"{b.label} from {b.min:g}" for b in framework.bands)
    top = framework.scale_by_value[framework.scale_max].label
    verdicts = " or ".join(f"“{v.label.lower()}”" for v in framework.verdicts)
    return (
        f"A criterion is judged as a whole, or through its indicators, on the framework's "
        f"scale: {scale}. It may instead be found not applicable, which leaves it out "
        f"altogether, or be given a verdict such as {verdicts}, which counts as judged but "
        "is left out of the score. No judgement yet counts against coverage only, never as "
        "a zero.",
        "A criterion's score is its own rating where it is judged as a whole, otherwise the "
        "weighted mean rating of its rated indicators, as a percentage of the highest rating "
        f"({framework.scale_max}, {top}). Where both exist, the indicators' mean is shown "
        "beside the judgement, and flagged when it is more than one band away. Level, aspect "
        "and overall scores are weighted means of the criterion scores beneath them. "
        "Coverage is the share of applicable indicators that have been judged.",
        f"Bands, read from the score: {bands}. A score that rests on less than "
        f"{framework.provisional_below:g}% of the applicable indicators is provisional and "
        "given no band.",
        "Strength of evidence counts independent primary sources (what a participant said, "
        "what a document shows); the evaluators' synthesis and a second item from the same "
        "source add nothing: none; single source; corroborated (two or more); triangulated "
        "(two or more, including both people's views and documents). It is given only once "
        "a criterion is judged. A criterion is contested when people's views support and "
        "challenge the same point from different perspectives, or from differently named "
        "organisations within one perspective; documents and synthesis never make a dispute, "
        "and evidence both ways that is not a dispute is called mixed. A rating with no "
        "evidence item behind it is counted as unsupported.",
    )


_UNJUDGED = {"leave-out": "An item not yet judged is left out of the score.",
             "zero": "An item not yet judged counts as the lowest answer."}
_NA = {"dropped": "An item marked not applicable is left out.",
       "met": "An item marked not applicable, where the framework allows it, counts as met.",
       "forbidden": "Not applicable is not an answer here, except where an item allows it."}


def rule_notes(framework: Framework) -> tuple[str, ...]:
    """How a framework with a scoring rule of its own is scored, in plain words."""
    rule = framework.scoring
    answers = [("the scale", framework.scale)] if framework.scale else []
    answers += [(f"answer set {name}", points) for name, points in framework.answer_sets.items()]
    listed = "; ".join(f"{name}: " + ", ".join(f"{p.value:g} {p.label}" for p in points)
                       for name, points in answers)  # fmt: skip
    if len(answers) > 2:  # SAMM has thirteen sets: say what they share
        values = sorted({p.value for _, points in answers for p in points})
        listed = (f"answers of its own ({len(answers)} sets; each answer given is shown in "
                  "its own words), "
                  f"valued {', '.join(f'{v:g}' for v in values)}")
    how = {"sum": "the sum", "mean": "the weighted mean", "weighted-mean": "the weighted mean"}
    notes = [
        f"Each item is answered on {listed}. An answer's score is how far it is from "
        f"{rule.floor:g} (0%) to the highest answer (100%).",
        f"Each group's score is {how[rule.aggregate]} of the groups or criteria directly within "
        "it (a group may say otherwise), worked exactly and rounded only for display. "
        f"{_UNJUDGED[rule.unjudged]} {_NA[rule.not_applicable]} A verdict such as "
        "too early to say is left out.",
    ]
    if rule.units == "scale":
        notes.append("Scores are also given in the framework's own units, such as 1.13 of 3.")
    if framework.importance:
        levels = "; ".join(
            f"{i.label}" + (" (required: one not met means no pass)" if i.required else "")
            + {"always": ", counted as met even when not", "justified":
               ", counted as met when not met but justified", "never": ""}[i.unmet_counts]
            for i in framework.importance)  # fmt: skip
        notes.append(f"Importance: {levels}.")
    if framework.bands:
        bands = ", ".join(f"{b.label} from {b.min:g}" for b in framework.bands)
        notes.append(f"Bands, read from the score: {bands}.")
    return tuple(notes)


def perspective_label(a: Assessment, ident: str) -> str:
    perspective = a.framework.perspectives_by_id.get(ident)
    return perspective.label if perspective else ident


def strength_counts(g: GroupScore) -> str:
    """The evidence strength of a group's judged criteria, strongest first, in words."""
    parts = [f"{n} with {'no evidence' if name == NONE else name + ' evidence'}"
             for name, n in reversed(g.strength.items()) if n]  # fmt: skip
    return ", ".join(parts) if parts else "–"


def items_text(n: int) -> str:
    return plural(n, "evidence item")
