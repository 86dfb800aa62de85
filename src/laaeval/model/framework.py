"""Evaluation frameworks: the model, the loader and its checks (see :mod:`.catalogue` for
where frameworks are found).

A framework is data: aspects, levels, success criteria, indicators, sources of evidence,
its rating scale and bands. Nothing in laaeval knows anything about a particular one.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..errors import LaaevalError, SchemaError, shorten, unknown
from ..files import cache, schema, yamlio
from .crosswalk import Change, Revises, check_own_side, read_crosswalk, read_revises

RESERVED_PILOT_FIELDS = ("name", "round", "region", "group")
NOT_APPLICABLE = "n/a"
MIXED = "mixed"  # a pilot attribute's value for a group of pilots that differ
# How a criterion is judged: as a whole, through its indicators, or either way.
JUDGE_MODES = ("either", "criterion", "indicators")


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: str
    requires_rationale: bool = False


@dataclass(frozen=True)
class Band:
    id: str
    label: str
    min: float
    colour: str | None = None


@dataclass(frozen=True)
class Verdict:
    """An answer beside the scale, such as "too early to say": left out of the score like
    "not applicable", but counted and listed, and never mistaken for unfinished work."""

    id: str
    label: str
    description: str | None = None


# What a framework that names no verdicts of its own offers.
DEFAULT_VERDICTS = (
    Verdict("too-early", "Too early to say",
            "It is too soon for the evidence to show whether this is met."),
    Verdict("insufficient-evidence", "Insufficient evidence",
            "There is not enough evidence to judge this either way."),
)  # fmt: skip
# How widely a view is held, in the words evaluators write ("most pilots felt…").
DEFAULT_PREVALENCE = ("all", "most", "many", "some", "a few", "one")
# Below this share of applicable indicators scored, a score is provisional: no band is given.
DEFAULT_PROVISIONAL_BELOW = 50.0


@dataclass(frozen=True)
class SourceType:
    id: str
    label: str
    kind: str  # "views" or "documentation"
    perspective: str | None = None  # whose view every source of this type gives, if one


@dataclass(frozen=True)
class Perspective:
    id: str
    label: str


@dataclass(frozen=True)
class PilotAttribute:
    id: str
    label: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """One source of evidence as the framework words it, and the catalogue types it means."""

    text: str
    types: tuple[str, ...]


@dataclass(frozen=True)
class Indicator:
    """Something a judgement is recorded against: an indicator, or a criterion that has
    no indicators and is judged directly (``direct`` is then true)."""

    id: str
    text: str
    criterion_id: str
    weight: float = 1.0
    applies_to: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    refers_to: tuple[str, ...] = ()
    note: str | None = None
    direct: bool = False


@dataclass(frozen=True)
class Criterion:
    id: str
    text: str
    aspect_id: str
    level_id: str | None
    indicators: tuple[Indicator, ...]
    sources: tuple[Source, ...]
    weight: float = 1.0
    applies_to: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    note: str | None = None
    judge: str = "either"  # one of JUDGE_MODES

    @property
    def judged_as_whole(self) -> bool:
        """Whether a judgement of the criterion itself is allowed (beside its indicators)."""
        return bool(self.indicators) and self.judge != "indicators"

    @cached_property
    def units(self) -> tuple[Indicator, ...]:
        """What gets judged: the indicators, or the criterion itself if it has none."""
        if self.indicators:
            return self.indicators
        return (Indicator(id=self.id, text=self.text, criterion_id=self.id, direct=True),)

    @cached_property
    def expected_types(self) -> frozenset[str]:
        return frozenset(t for s in self.sources for t in s.types)


@dataclass(frozen=True)
class Level:
    id: str
    title: str
    aspect_id: str
    criteria: tuple[Criterion, ...]


@dataclass(frozen=True)
class Aspect:
    id: str
    title: str
    levels: tuple[Level, ...]  # empty when the aspect lists criteria directly
    criteria: tuple[Criterion, ...]  # every criterion in the aspect, in order


@dataclass(frozen=True)
class Framework:
    id: str
    version: str
    title: str
    description: str
    provenance: Mapping[str, Any]
    scale: tuple[ScalePoint, ...]
    bands: tuple[Band, ...]
    pilot_attributes: tuple[PilotAttribute, ...]
    perspectives: tuple[Perspective, ...]
    source_types: tuple[SourceType, ...]
    aspects: tuple[Aspect, ...]
    hash: str
    origin: str
    verdicts: tuple[Verdict, ...] = DEFAULT_VERDICTS
    prevalence: tuple[str, ...] = DEFAULT_PREVALENCE
    provisional_below: float = DEFAULT_PROVISIONAL_BELOW
    revises: Revises | None = None  # the version this one revises (see .revision)
    crosswalk: tuple[Change, ...] = ()

    @cached_property
    def criteria(self) -> tuple[Criterion, ...]:
        return tuple(c for a in self.aspects for c in a.criteria)

    @cached_property
    def criteria_by_id(self) -> dict[str, Criterion]:
        return {c.id: c for c in self.criteria}

    @cached_property
    def units_by_id(self) -> dict[str, Indicator]:
        return {u.id: u for c in self.criteria for u in c.units}

    @cached_property
    def scale_by_value(self) -> dict[int, ScalePoint]:
        return {p.value: p for p in self.scale}

    @cached_property
    def verdicts_by_id(self) -> dict[str, Verdict]:
        return {v.id: v for v in self.verdicts}

    @cached_property
    def source_types_by_id(self) -> dict[str, SourceType]:
        return {s.id: s for s in self.source_types}

    @cached_property
    def perspectives_by_id(self) -> dict[str, Perspective]:
        return {p.id: p for p in self.perspectives}

    @cached_property
    def attributes_by_id(self) -> dict[str, PilotAttribute]:
        return {a.id: a for a in self.pilot_attributes}

    @cached_property
    def scale_max(self) -> int:
        return max(p.value for p in self.scale)

    def band_for(self, score: float | None) -> Band | None:
        if score is None:
            return None
        for band in self.bands:
            if score >= band.min:
                return band
        return self.bands[-1]

    def find(self, ident: str) -> Aspect | Level | Criterion | Indicator | None:
        """Look up any id, case-insensitively (people type ``pn3``)."""
        wanted = ident.strip().upper()
        for aspect in self.aspects:
            if aspect.id.upper() == wanted:
                return aspect
            for level in aspect.levels:
                if level.id.upper() == wanted:
                    return level
        for criterion in self.criteria:
            if criterion.id.upper() == wanted:
                return criterion
            for indicator in criterion.indicators:
                if indicator.id.upper() == wanted:
                    return indicator
        return None

    def all_ids(self) -> list[str]:
        ids = [a.id for a in self.aspects] + [lv.id for a in self.aspects for lv in a.levels]
        for criterion in self.criteria:
            ids.append(criterion.id)
            ids.extend(i.id for i in criterion.indicators)
        return ids

    @property
    def indicator_count(self) -> int:
        return sum(len(c.indicators) for c in self.criteria)


def content_hash(data: Any) -> str:
    """A fingerprint of what a framework says, blind to comments, layout and key order."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_framework(path: str | os.PathLike[str]) -> Framework:
    """Read, validate and build a framework file; raise a :class:`LaaevalError` if it is wrong."""
    name = str(path)
    return build_framework(cache.read_through(name, "framework", _parse), name)


def _parse(content: bytes, name: str) -> Any:
    data = yamlio.loads(yamlio.decode(content, name), name)
    require_valid(data, name)
    return data


def require_valid(data: Any, name: str) -> None:
    """Raise the first problem with a framework: its shape, then what a schema cannot see."""
    if not isinstance(data, dict) or data.get("laaeval") != "framework/1":
        raise SchemaError(
            'this is not a laaeval framework file (it should start with "laaeval: framework/1")',
            file=name,
            line=yamlio.line_of(data, "laaeval") if isinstance(data, dict) else None,
        )
    schema.validate(data, "framework", name)
    problems = check_framework(data, name)
    if problems:
        raise problems[0]


def build_framework(data: Any, name: str) -> Framework:
    """The framework model, from data that has passed :func:`require_valid`."""
    aspects = []
    judge = data.get("judge", "either")
    for a in data["aspects"]:
        levels = []
        criteria: list[Criterion] = []
        if "levels" in a:
            for lv in a["levels"]:
                level_criteria = tuple(
                    _criterion(c, a["id"], lv["id"], judge) for c in lv["criteria"]
                )
                levels.append(Level(lv["id"], lv["title"], a["id"], level_criteria))
                criteria.extend(level_criteria)
        else:
            criteria = [_criterion(c, a["id"], None, judge) for c in a["criteria"]]
        aspects.append(Aspect(a["id"], a["title"], tuple(levels), tuple(criteria)))
    return Framework(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        description=data.get("description", ""),
        provenance=dict(data.get("provenance", {})),
        scale=tuple(
            ScalePoint(int(p["value"]), p["label"], bool(p.get("requires_rationale", False)))
            for p in data["scale"]
        ),
        bands=tuple(Band(b["id"], b["label"], b["min"], b.get("colour")) for b in data["bands"]),
        pilot_attributes=tuple(
            PilotAttribute(p["id"], p["label"], tuple(p["values"]))
            for p in data.get("pilot_attributes", [])
        ),
        perspectives=tuple(Perspective(p["id"], p["label"]) for p in data["perspectives"]),
        source_types=tuple(
            SourceType(s["id"], s["label"], s["kind"], s.get("perspective"))
            for s in data["source_types"]
        ),
        aspects=tuple(aspects),
        hash=content_hash(data),
        origin=name,
        verdicts=tuple(
            Verdict(v["id"], v["label"], v.get("description")) for v in data["verdicts"]
        ) if "verdicts" in data else DEFAULT_VERDICTS,
        prevalence=tuple(data.get("prevalence", DEFAULT_PREVALENCE)),
        provisional_below=float(data.get("provisional_below", DEFAULT_PROVISIONAL_BELOW)),
        revises=read_revises(data),
        crosswalk=read_crosswalk(data),
    )


def _applies(raw: Any) -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in (raw or {}).items()}


def _criterion(c: Any, aspect_id: str, level_id: str | None, judge: str) -> Criterion:
    indicators = tuple(
        Indicator(
            id=i["id"],
            text=i["text"],
            criterion_id=c["id"],
            weight=float(i.get("weight", 1)),
            applies_to=_applies(i.get("applies_to")),
            refers_to=tuple(i.get("refers_to", ())),
            note=i.get("note"),
        )
        for i in c["indicators"]
    )
    return Criterion(
        id=c["id"],
        text=c["text"],
        aspect_id=aspect_id,
        level_id=level_id,
        indicators=indicators,
        sources=tuple(Source(s["text"], tuple(s["types"])) for s in c.get("sources", [])),
        weight=float(c.get("weight", 1)),
        applies_to=_applies(c.get("applies_to")),
        note=c.get("note"),
        judge=c.get("judge", judge),
    )


def check_framework(data: Any, name: str) -> list[LaaevalError]:
    """What a schema cannot see: unique ids, references that resolve, a usable scale."""
    problems = schema.Problems(data, name)
    problem = problems.add

    for listing in ("scale", "bands", "perspectives", "source_types", "pilot_attributes",
                    "verdicts"):
        seen: set[Any] = set()
        key = "value" if listing == "scale" else "id"
        for n, entry in enumerate(data.get(listing, [])):
            if entry[key] in seen:
                problem(f"{shorten(entry[key])} is listed twice", entry, key, [listing, n, key])
            seen.add(entry[key])
    values = [p["value"] for p in data["scale"]]
    if values != sorted(values):
        problem("the scale should run from lowest to highest", data, "scale", ["scale"])
    mins = [b["min"] for b in data["bands"]]
    if mins != sorted(mins, reverse=True):
        problem(
            "bands should be listed from the highest min to the lowest", data, "bands", ["bands"]
        )
    if mins and mins[-1] != 0:
        problem("the last band should have min: 0, so that every score has a band",
                data["bands"][-1], "min", ["bands", len(mins) - 1, "min"])  # fmt: skip

    _check_answers(data, problem)
    attributes = {a["id"]: set(a["values"]) for a in data.get("pilot_attributes", [])}
    for n, a in enumerate(data.get("pilot_attributes", [])):
        if a["id"] in RESERVED_PILOT_FIELDS:
            problem(f"{shorten(a['id'])} is already a pilot detail; choose another id",
                    a, "id", ["pilot_attributes", n, "id"])  # fmt: skip
    types = {s["id"] for s in data["source_types"]}
    perspectives = {p["id"] for p in data["perspectives"]}
    for n, s in enumerate(data["source_types"]):
        if "perspective" in s and s["perspective"] not in perspectives:
            problem(unknown("perspective", s["perspective"], sorted(perspectives)), s,
                    "perspective", ["source_types", n, "perspective"])  # fmt: skip
    ids: dict[str, list[Any]] = {}
    refs: list[tuple[str, Any, list[Any]]] = []

    def claim(ident: str, container: Any, path: list[Any]) -> None:
        if ident.upper() in ids:
            problem(f"the id {shorten(ident)} is used twice", container, "id", [*path, "id"])
        ids[ident.upper()] = path

    for criterion, path in _walk_criteria(data, claim):
        for n, source in enumerate(criterion.get("sources", [])):
            for m, t in enumerate(source["types"]):
                if t not in types:
                    problem(unknown("source type", t, types), source["types"], m,
                            [*path, "sources", n, "types", m])  # fmt: skip
        for owner, owner_path in [(criterion, path)] + [
            (ind, [*path, "indicators", k]) for k, ind in enumerate(criterion["indicators"])
        ]:
            for attr, allowed in (owner.get("applies_to") or {}).items():
                if attr not in attributes:
                    problem(unknown("pilot attribute", attr, attributes), owner["applies_to"],
                            attr, [*owner_path, "applies_to", attr])  # fmt: skip
                    continue
                for m, v in enumerate(allowed):
                    if v not in attributes[attr]:
                        problem(unknown(f"value of {attr}", v, attributes[attr]), allowed, m,
                                [*owner_path, "applies_to", attr, m])  # fmt: skip
            for m, ref in enumerate(owner.get("refers_to", [])):
                refs.append((ref, owner["refers_to"], [*owner_path, "refers_to", m]))
    for ref, container, path in refs:
        if ref.upper() not in ids:
            problem(unknown("id", ref, ids), container, path[-1], path)
    check_own_side(data, ids, problem)
    return problems


def _check_answers(data: Any, problem: Any) -> None:
    """Prevalence words each once; "mixed" kept for groups of pilots."""
    seen: set[str] = set()
    for n, word in enumerate(data.get("prevalence", [])):
        if word.casefold() in seen:
            problem(f"{shorten(word)} is listed twice", data["prevalence"], n, ["prevalence", n])
        seen.add(word.casefold())
    for n, a in enumerate(data.get("pilot_attributes", [])):
        if MIXED in a["values"]:
            problem(f"{shorten(MIXED)} is kept for a group of pilots whose values differ; "
                    "it cannot be one of the values", a, "values",
                    ["pilot_attributes", n, "values"])  # fmt: skip


def _walk_criteria(data: Any, claim: Any) -> Iterator[tuple[Any, list[Any]]]:
    for a_n, aspect in enumerate(data["aspects"]):
        claim(aspect["id"], aspect, ["aspects", a_n])
        groups: list[tuple[Any, list[Any]]] = []
        for l_n, level in enumerate(aspect.get("levels", [])):
            claim(level["id"], level, ["aspects", a_n, "levels", l_n])
            groups.append((level["criteria"], ["aspects", a_n, "levels", l_n, "criteria"]))
        if "criteria" in aspect:
            groups.append((aspect["criteria"], ["aspects", a_n, "criteria"]))
        for criteria, base in groups:
            for c_n, criterion in enumerate(criteria):
                path = [*base, c_n]
                claim(criterion["id"], criterion, path)
                for i_n, indicator in enumerate(criterion["indicators"]):
                    claim(indicator["id"], indicator, [*path, "indicators", i_n])
                yield criterion, path
