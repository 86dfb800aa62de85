"""Evidence files — one pilot (or a group of pilots), one round, one assessor — as frozen
dataclasses, and the plain data they are read from and written as.

An evidence file records what was found (evidence items, each bearing on criteria or
indicators) and what the assessor concluded (a judgement per criterion or indicator). It
names the framework version and content hash it was recorded against, so a later change to
the framework cannot silently change what a rating meant. Reading and saving are in
:mod:`.store`; the checks against the framework in :mod:`.checks`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .framework import (
    MIXED,
    NOT_APPLICABLE,
    RESERVED_PILOT_FIELDS,
    Criterion,
    Framework,
    Indicator,
)

FORMAT = "evidence/2"  # what laaeval writes
FORMATS = {"evidence/1": 1, "evidence/2": 2}  # what it reads
STANCES = ("supports", "challenges", "neutral")
PRIMARY, SYNTHESIS = "primary", "synthesis"
# How a rationale begins that laaeval wrote to await a person's judgement (migrate's note on
# what could not be carried to a new version): a note to read, never a reason to keep.
TO_REVIEW = "To review"
DIRECT, INDIRECT = "direct", "indirect"


@dataclass(frozen=True)
class Pilot:
    name: str
    round: str
    region: str | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)
    group: int | None = None  # a programme-level assessment of this many pilots

    def get(self, key: str) -> str | None:
        if key == "name":
            return self.name
        if key == "round":
            return self.round
        if key == "region":
            return self.region
        return self.attributes.get(key)


@dataclass(frozen=True)
class EvidenceItem:
    """What was said or found, where, by whom, and the criteria and indicators it bears on.

    ``basis`` tells what a participant said or a document shows (primary) from the
    evaluators' own conclusion (synthesis); only primary evidence adds strength or can make
    a point contested."""

    id: str
    sources: tuple[str, ...]  # source type ids; empty only for a synthesis
    perspective: str | None  # None only for a synthesis
    summary: str
    bears_on: Mapping[str, str]  # criterion or indicator id -> supports | challenges | neutral
    basis: str = PRIMARY
    organisation: str | None = None
    speaker: str | None = None
    quote: str | None = None
    reference: str | None = None
    paragraph: str | None = None
    page: str | None = None
    link: str | None = None
    date: str | None = None
    prevalence: str | None = None
    count: int | None = None
    out_of: int | None = None
    counted: str | None = None
    directness: str = DIRECT

    @property
    def primary(self) -> bool:
        return self.basis == PRIMARY

    @property
    def named(self) -> str | None:
        """The named body or person it speaks for, if the file says (case-folded)."""
        name = self.organisation or self.speaker
        return " ".join(name.casefold().split()) if name else None


@dataclass(frozen=True)
class Judgement:
    """A judgement of a criterion as a whole, or of one indicator: a rating on the scale,
    "not applicable", a verdict beside the scale (such as too early to say), or none yet."""

    unit_id: str
    rating: int | float | None = None  # None: no rating (not applicable, a verdict, or none yet)
    not_applicable: bool = False
    rationale: str | None = None
    verdict: str | None = None
    contested: bool | None = None  # the assessor's own finding on a dispute, if given

    @property
    def judged(self) -> bool:
        return self.rating is not None or self.not_applicable or self.verdict is not None


@dataclass(frozen=True)
class EvidenceFile:
    framework_id: str
    framework_version: str
    framework_hash: str | None
    pilot: Pilot
    assessor: str | None = None
    created: str | None = None
    updated: str | None = None
    notes: str | None = None
    evidence: tuple[EvidenceItem, ...] = ()
    judgements: Mapping[str, Judgement] = field(default_factory=dict)
    path: str | None = None
    method: str | None = None
    caveats: tuple[str, ...] = ()
    narrative: Mapping[str, str] = field(default_factory=dict)  # overall or an id -> text
    format: int = 2


def now_stamp() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_evidence_file(framework: Framework, pilot: Pilot, assessor: str | None) -> EvidenceFile:
    stamp = now_stamp()
    return EvidenceFile(
        framework_id=framework.id,
        framework_version=framework.version,
        framework_hash=framework.hash,
        pilot=pilot,
        assessor=assessor,
        created=stamp,
        updated=stamp,
    )


# -- from data and back ----------------------------------------------------------------


def evidence_from_data(data: Any, name: str | None = None) -> EvidenceFile:
    """The model of a file that has passed the schema (format 1 or 2)."""
    pilot = data["pilot"]
    return EvidenceFile(
        framework_id=data["framework"]["id"],
        framework_version=data["framework"]["version"],
        framework_hash=data["framework"].get("hash"),
        pilot=Pilot(
            name=pilot["name"],
            round=pilot["round"],
            region=pilot.get("region"),
            attributes={k: v for k, v in pilot.items() if k not in RESERVED_PILOT_FIELDS},
            group=pilot.get("group"),
        ),
        assessor=data.get("assessor"),
        created=data.get("created"),
        updated=data.get("updated"),
        notes=data.get("notes"),
        evidence=tuple(_item(e) for e in data.get("evidence") or ()),
        judgements={
            unit_id: _judgement(unit_id, j) for unit_id, j in (data.get("judgements") or {}).items()
        },
        path=name,
        method=data.get("method"),
        caveats=tuple(data.get("caveats") or ()),
        narrative=dict(data.get("narrative") or {}),
        format=FORMATS[data["laaeval"]],
    )


def _item(e: Any) -> EvidenceItem:
    # Format 1 names one source type as `source`; format 2 lists `sources`. Every field is
    # named here rather than looped over: this runs for every item of every file scored.
    get = e.get
    sources = get("sources")
    if sources is None:
        sources = (e["source"],) if "source" in e else ()
    return EvidenceItem(
        str(e["id"]), tuple(sources), get("perspective"), e["summary"], dict(e["bears_on"]),
        get("basis", PRIMARY), get("organisation"), get("speaker"), get("quote"),
        get("reference"), get("paragraph"), get("page"), get("link"), get("date"),
        get("prevalence"), get("count"), get("out_of"), get("counted"),
        get("directness", DIRECT),
    )


def _judgement(unit_id: str, j: Any) -> Judgement:
    rating = j.get("rating")
    verdict = rating if isinstance(rating, str) and rating != NOT_APPLICABLE else None
    return Judgement(
        unit_id=unit_id,
        rating=rating if isinstance(rating, (int, float)) and not isinstance(rating, bool)
        else None,
        not_applicable=rating == NOT_APPLICABLE,
        rationale=j.get("rationale"),
        verdict=verdict,
        contested=j.get("contested"),
    )


def excluded_by(framework: Framework, ident: str, pilot: Mapping[str, Any] | Pilot) -> str | None:
    """Why the framework itself makes a criterion or indicator not applicable to this pilot,
    or None. A detail not known yet, or "mixed" in a group of pilots, rules nothing out."""
    unit = framework.units_by_id.get(ident)
    criterion = framework.criteria_by_id[unit.criterion_id if unit else ident]
    reason = _ruled_out(framework, criterion, pilot)
    if reason is None and unit is not None and not unit.direct:
        reason = _ruled_out(framework, unit, pilot)
    return reason


def _ruled_out(framework: Framework, owner: Criterion | Indicator,
               pilot: Mapping[str, Any] | Pilot) -> str | None:  # fmt: skip
    """Why this criterion's or indicator's own ``applies_to`` rules it out, or None."""
    for attr, allowed in owner.applies_to.items():
        value = pilot.get(attr)
        if value is not None and value != MIXED and value not in allowed:
            label = framework.attributes_by_id[attr].label.lower()
            return (f"{owner.id} applies only where {label} is {' or '.join(allowed)} "
                    f"and this pilot's is {value}")  # fmt: skip
    return None


def exclusions(framework: Framework, pilot: Pilot) -> Mapping[str, str]:
    """What the framework itself rules out for this pilot (its tier, say), by id: each
    criterion so ruled out and all its indicators, and each indicator ruled out on its own.
    Only the criteria with an ``applies_to`` are looked at (a handful in a framework), so
    this is cheap enough to work out afresh for every file: nothing is kept between calls."""
    found: dict[str, str] = {}
    for criterion in framework.ruled:
        whole = _ruled_out(framework, criterion, pilot)
        if whole is not None:
            found[criterion.id] = whole
        for unit in criterion.indicators:
            reason = whole
            if reason is None and unit.applies_to:
                reason = _ruled_out(framework, unit, pilot)
            if reason is not None:
                found[unit.id] = reason
    return found


def covered(framework: Framework, record: EvidenceFile, unit_id: str) -> bool:
    """Whether an indicator is judged: by a judgement of its own, or by one of its
    criterion as a whole (which answers for all its indicators)."""
    own = record.judgements.get(unit_id)
    if own is not None and own.judged:
        return True
    criterion = framework.criteria_by_id[framework.units_by_id[unit_id].criterion_id]
    whole = record.judgements.get(criterion.id) if criterion.judged_as_whole else None
    return whole is not None and whole.judged


# -- writing -----------------------------------------------------------------------------


def to_data(record: EvidenceFile) -> dict[str, Any]:
    """The evidence file as plain data (format 2), in the order people expect to read it;
    optional fields are written only when they say something."""
    framework: dict[str, Any] = {"id": record.framework_id, "version": record.framework_version}
    if record.framework_hash:
        framework["hash"] = record.framework_hash
    pilot: dict[str, Any] = {"name": record.pilot.name, "round": record.pilot.round}
    if record.pilot.region:
        pilot["region"] = record.pilot.region
    if record.pilot.group:
        pilot["group"] = record.pilot.group
    pilot.update(record.pilot.attributes)
    data: dict[str, Any] = {"laaeval": FORMAT, "framework": framework, "pilot": pilot}
    for key in ("assessor", "created", "updated", "notes", "method"):
        value = getattr(record, key)
        if value:
            data[key] = value
    if record.caveats:
        data["caveats"] = list(record.caveats)
    if record.narrative:
        data["narrative"] = dict(record.narrative)
    data["evidence"] = [item_data(item) for item in record.evidence]
    data["judgements"] = {unit_id: _judgement_data(j) for unit_id, j in record.judgements.items()}
    return data


def item_data(item: EvidenceItem) -> dict[str, Any]:
    """One evidence item as it is written (format 2), defaults left out."""
    out: dict[str, Any] = {"id": item.id}
    if item.basis != PRIMARY:
        out["basis"] = item.basis
    if item.sources:
        out["sources"] = list(item.sources)
    for key in ("perspective", "organisation", "speaker", "summary", "quote", "reference",
                "paragraph", "page", "link", "date", "prevalence", "count", "out_of",
                "counted"):  # fmt: skip
        value = getattr(item, key)
        if value is not None and value != "":
            out[key] = value
    if item.directness != DIRECT:
        out["directness"] = item.directness
    out["bears_on"] = dict(item.bears_on)
    return out


def _judgement_data(judgement: Judgement) -> dict[str, Any]:
    rating: Any = judgement.rating
    if judgement.not_applicable:
        rating = NOT_APPLICABLE
    elif judgement.verdict is not None:
        rating = judgement.verdict
    out: dict[str, Any] = {"rating": rating}
    if judgement.rationale:
        out["rationale"] = judgement.rationale
    if judgement.contested is not None:
        out["contested"] = judgement.contested
    return out


def upgraded(data: Any) -> dict[str, Any]:
    """A format 1 file's data as format 2, saying the same thing: each item's one `source`
    becomes a list of `sources`; nothing else changes, and key order is kept."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "laaeval":
            out[key] = FORMAT
        elif key == "evidence":
            out[key] = [_upgraded_item(item) for item in value or ()]
        else:
            out[key] = value
    return out


def _upgraded_item(item: Any) -> dict[str, Any]:
    return {("sources" if k == "source" else k): ([v] if k == "source" else v)
            for k, v in item.items()}  # fmt: skip
