"""Evidence files: one pilot, one round, one assessor — the model, loader and store.

An evidence file records what was found (evidence items, each bearing on one or more
indicators) and what the assessor concluded (a judgement per indicator). It names the
framework version and content hash it was recorded against, so a later change to the
framework cannot silently change what a rating meant.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from ..errors import FrameworkMismatchError, LaaevalError, SchemaError, shorten, unknown
from ..files import cache, schema, yamlio
from ..files.output import write_output
from .catalogue import resolve_recorded
from .framework import NOT_APPLICABLE, RESERVED_PILOT_FIELDS, Framework

FORMAT = "evidence/1"
STANCES = ("supports", "challenges", "neutral")


@dataclass(frozen=True)
class Pilot:
    name: str
    round: str
    region: str | None = None
    attributes: Mapping[str, str] = field(default_factory=dict)

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
    id: str
    source: str
    perspective: str
    summary: str
    bears_on: Mapping[str, str]  # unit id -> supports | challenges | neutral
    quote: str | None = None
    reference: str | None = None
    link: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Judgement:
    unit_id: str
    rating: int | None = None  # None: no rating yet (or not applicable)
    not_applicable: bool = False
    rationale: str | None = None

    @property
    def judged(self) -> bool:
        return self.rating is not None or self.not_applicable


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


# -- reading -----------------------------------------------------------------------------


def read_data(
    path: str | os.PathLike[str], use_cache: bool = True, content: bytes | None = None
) -> Any:
    """Parse an evidence file and check it has the shape of one (no framework needed).

    A file read before, byte for byte the same, comes from the cache (without line
    numbers: callers that find a problem read it again with ``use_cache=False``)."""
    name = str(path)
    if use_cache:
        return cache.read_through(name, "evidence", _parse, content)
    return _parse(yamlio.read_bytes(name) if content is None else content, name)


def _parse(content: bytes, name: str) -> Any:
    data = yamlio.loads(yamlio.decode(content, name), name)
    if not isinstance(data, dict) or data.get("laaeval") != FORMAT:
        raise SchemaError(
            f'this is not a laaeval evidence file (it should start with "laaeval: {FORMAT}")',
            file=name,
            line=yamlio.line_of(data, "laaeval") if isinstance(data, dict) else None,
        )
    schema.validate(data, "evidence", name)
    return data


def load_evidence(
    path: str | os.PathLike[str],
    framework: Framework | None = None,
    frameworks: dict[tuple[str, str], Framework] | None = None,
    data: Any = None,
) -> tuple[EvidenceFile, Framework]:
    """Read, validate and build an evidence file, with the framework it was recorded against.

    Without ``framework`` it is found from the id and version the file names (and kept in
    ``frameworks``, if given, for the next file). ``data``, if given, is the file's content
    already read and checked against the schema (by a worker process, say).
    """
    name = str(path)
    if data is None:
        data = read_data(name)
    if framework is None:
        key = (data["framework"]["id"], data["framework"]["version"])
        framework = frameworks.get(key) if frameworks is not None else None
        if framework is None:
            framework = resolve_recorded(data["framework"], name)
            if frameworks is not None:
                frameworks[key] = framework
    problems = check_evidence(data, framework, name)
    if problems and not hasattr(data, "lines"):  # read without line numbers: again, to say which
        data = read_data(name, use_cache=False)
        problems = check_evidence(data, framework, name)
    if problems:
        raise problems[0]
    return evidence_from_data(data, name), framework


def evidence_from_data(data: Any, name: str | None = None) -> EvidenceFile:
    pilot = data["pilot"]
    items = tuple(
        EvidenceItem(
            id=str(e["id"]),
            source=e["source"],
            perspective=e["perspective"],
            summary=e["summary"],
            bears_on=dict(e["bears_on"]),
            quote=e.get("quote"),
            reference=e.get("reference"),
            link=e.get("link"),
            date=e.get("date"),
        )
        for e in data.get("evidence") or ()
    )
    judgements = {}
    for unit_id, j in (data.get("judgements") or {}).items():
        rating = j.get("rating")
        judgements[unit_id] = Judgement(
            unit_id=unit_id,
            rating=None if rating == NOT_APPLICABLE else rating,
            not_applicable=rating == NOT_APPLICABLE,
            rationale=j.get("rationale"),
        )
    return EvidenceFile(
        framework_id=data["framework"]["id"],
        framework_version=data["framework"]["version"],
        framework_hash=data["framework"].get("hash"),
        pilot=Pilot(
            name=pilot["name"],
            round=pilot["round"],
            region=pilot.get("region"),
            attributes={k: v for k, v in pilot.items() if k not in RESERVED_PILOT_FIELDS},
        ),
        assessor=data.get("assessor"),
        created=data.get("created"),
        updated=data.get("updated"),
        notes=data.get("notes"),
        evidence=items,
        judgements=judgements,
        path=name,
    )


def check_evidence(data: Any, framework: Framework, name: str) -> list[LaaevalError]:
    """What the schema cannot see: the framework matches; every id, source type,
    perspective and rating is one the framework knows; rationales where required."""
    problems = schema.Problems(data, name)
    mismatch = _framework_mismatch(data["framework"], framework, name)
    if mismatch is not None:
        return [mismatch]
    _check_pilot(data["pilot"], framework, problems.add)
    _check_items(data.get("evidence") or (), framework, problems.add)
    _check_judgements(data, framework, problems.add)
    return problems


Problem = Callable[[str, Any, Any, list[Any]], None]  # message, container, key, key path


def _check_pilot(pilot: Any, framework: Framework, problem: Problem) -> None:
    for key, value in pilot.items():
        if key in RESERVED_PILOT_FIELDS:
            continue
        attribute = framework.attributes_by_id.get(key)
        if attribute is None:
            known = [*RESERVED_PILOT_FIELDS, *framework.attributes_by_id]
            problem(unknown("pilot detail", key, known), pilot, key, ["pilot", key])
        elif value not in attribute.values:
            problem(unknown(f"{attribute.label.lower()}", value, attribute.values)
                    + f" (expected one of: {', '.join(attribute.values)})",
                    pilot, key, ["pilot", key])  # fmt: skip


def _check_items(items: Any, framework: Framework, problem: Problem) -> None:
    units = framework.units_by_id
    sources = framework.source_types_by_id
    perspectives = framework.perspectives_by_id
    seen: dict[str, int] = {}
    for n, item in enumerate(items):
        ident = str(item["id"])
        if ident in seen:
            problem(f"the evidence id {shorten(ident)} is used twice (first as item {seen[ident]})",
                    item, "id", ["evidence", n, "id"])  # fmt: skip
        seen.setdefault(ident, n + 1)
        if item["source"] not in sources:
            problem(unknown("source type", item["source"], sources), item, "source",
                    ["evidence", n, "source"])  # fmt: skip
        if item["perspective"] not in perspectives:
            problem(unknown("perspective", item["perspective"], perspectives), item,
                    "perspective", ["evidence", n, "perspective"])  # fmt: skip
        if "date" in item:
            _check_date(item, n, problem)
        for unit_id in item["bears_on"]:
            if unit_id not in units:
                problem(_unknown_unit(unit_id, framework), item["bears_on"], unit_id,
                        ["evidence", n, "bears_on", unit_id])  # fmt: skip


def _check_judgements(data: Any, framework: Framework, problem: Problem) -> None:
    units = framework.units_by_id
    for unit_id, judgement in (data.get("judgements") or {}).items():
        path = ["judgements", unit_id]
        unit = units.get(unit_id)
        if unit is None:
            problem(_unknown_unit(unit_id, framework), data["judgements"], unit_id, path)
            continue
        rating = judgement.get("rating")
        if rating is None or rating == NOT_APPLICABLE:
            continue
        if isinstance(rating, float):  # JSON Schema counts 3.0 as an integer; we do not
            problem(f"write a rating as a whole number ({int(rating)}, not {rating})",
                    judgement, "rating", [*path, "rating"])  # fmt: skip
            continue
        point = framework.scale_by_value.get(rating)
        if point is None:
            scale = ", ".join(f"{p.value} {p.label}" for p in framework.scale)
            problem(f"{rating} is not on the scale ({scale}; or n/a)", judgement, "rating",
                    [*path, "rating"])  # fmt: skip
            continue
        if point.requires_rationale and not (judgement.get("rationale") or "").strip():
            problem(f'a rating of {rating} ({point.label}) needs a rationale: say why',
                    judgement, "rating", [*path, "rating"])  # fmt: skip
        excluded = excluded_by(framework, unit_id, data["pilot"])
        if excluded:
            problem(f"{unit_id} is rated, but {excluded}; remove the rating or mark it n/a",
                    judgement, "rating", [*path, "rating"])  # fmt: skip


def _check_date(item: Any, n: int, problem: Problem) -> None:
    try:
        date.fromisoformat(item["date"])
    except ValueError:
        problem(f"{shorten(item['date'])} is not a real date", item, "date",
                ["evidence", n, "date"])  # fmt: skip


def _unknown_unit(unit_id: str, framework: Framework) -> str:
    criterion = framework.criteria_by_id.get(unit_id)
    if criterion is not None and criterion.indicators:
        first = criterion.indicators[0].id
        return (f"{unit_id} is judged through its indicators; name the indicator instead "
                f"(such as {first})")  # fmt: skip
    return unknown("indicator", unit_id, framework.units_by_id)


def _framework_mismatch(
    recorded: Mapping[str, Any], framework: Framework, name: str
) -> FrameworkMismatchError | None:
    line = yamlio.line_of(recorded)
    if recorded["id"] != framework.id:
        return FrameworkMismatchError(
            f"recorded against framework {shorten(recorded['id'])}, "
            f"but scored against {shorten(framework.id)}",
            file=name, line=line, path="framework",
        )  # fmt: skip
    if recorded["version"] != framework.version:
        return FrameworkMismatchError(
            f"recorded against version {shorten(recorded['version'])} of {framework.id}, "
            f"but the framework in {framework.origin} is version {shorten(framework.version)}",
            file=name, line=line, path="framework › version",
        )  # fmt: skip
    recorded_hash = recorded.get("hash")
    if recorded_hash is not None and recorded_hash != framework.hash:
        return FrameworkMismatchError(
            f"recorded against {framework.id} version {framework.version} with fingerprint "
            f"{recorded_hash[7:19]}, but the framework in {framework.origin} now has "
            f"fingerprint {framework.hash[7:19]}: its text, scale or weights changed without "
            "a new version number",
            file=name, line=line, path="framework › hash",
        )  # fmt: skip
    return None


def excluded_by(framework: Framework, unit_id: str, pilot: Mapping[str, Any] | Pilot) -> str | None:
    """Why the framework itself makes a unit not applicable to this pilot, or None."""
    unit = framework.units_by_id[unit_id]
    criterion = framework.criteria_by_id[unit.criterion_id]
    for owner in (criterion, unit):
        for attr, allowed in owner.applies_to.items():
            value = pilot.get(attr)
            if value is not None and value not in allowed:
                label = framework.attributes_by_id[attr].label.lower()
                return (f"{owner.id} applies only where {label} is {' or '.join(allowed)} "
                        f"and this pilot's is {value}")  # fmt: skip
    return None


# -- writing -----------------------------------------------------------------------------


def to_data(record: EvidenceFile) -> dict[str, Any]:
    """The evidence file as plain data, in the order people expect to read it."""
    framework: dict[str, Any] = {"id": record.framework_id, "version": record.framework_version}
    if record.framework_hash:
        framework["hash"] = record.framework_hash
    pilot: dict[str, Any] = {"name": record.pilot.name, "round": record.pilot.round}
    if record.pilot.region:
        pilot["region"] = record.pilot.region
    pilot.update(record.pilot.attributes)
    data: dict[str, Any] = {"laaeval": FORMAT, "framework": framework, "pilot": pilot}
    for key in ("assessor", "created", "updated", "notes"):
        value = getattr(record, key)
        if value:
            data[key] = value
    data["evidence"] = [_item_data(item) for item in record.evidence]
    data["judgements"] = {unit_id: _judgement_data(j) for unit_id, j in record.judgements.items()}
    return data


def _item_data(item: EvidenceItem) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": item.id,
        "source": item.source,
        "perspective": item.perspective,
        "summary": item.summary,
    }
    for key in ("quote", "reference", "link", "date"):
        value = getattr(item, key)
        if value:
            out[key] = value
    out["bears_on"] = dict(item.bears_on)
    return out


def _judgement_data(judgement: Judgement) -> dict[str, Any]:
    out: dict[str, Any] = {
        "rating": NOT_APPLICABLE if judgement.not_applicable else judgement.rating
    }
    if judgement.rationale:
        out["rationale"] = judgement.rationale
    return out


def save(record: EvidenceFile, path: str | os.PathLike[str], framework: Framework) -> None:
    """Write atomically, after checking that what we write is a valid evidence file.

    Stamps the framework's fingerprint, so a later edit to the framework is noticed.
    The data is checked before it is turned into YAML; tests check that the YAML reads
    back as exactly the same data."""
    data = to_data(replace(record, framework_hash=framework.hash))
    schema.validate(data, "evidence", str(path))
    problems = check_evidence(data, framework, str(path))
    if problems:
        raise problems[0]
    write_output(path, yamlio.dumps(data), "evidence file")
