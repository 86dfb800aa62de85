"""Evaluation frameworks: the model, the loader and its checks (see :mod:`.catalogue` for
where frameworks are found).

A framework is data: aspects, levels, success criteria, indicators, sources of evidence,
its rating scale and bands. Nothing in laaeval knows anything about a particular one.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol, TypeVar

from ..errors import LaaevalError, SchemaError, shorten, unknown
from ..files import cache, schema, yamlio
from .crosswalk import Change, Revises, check_own_side, read_crosswalk, read_revises

RESERVED_PILOT_FIELDS = ("name", "round", "region", "group")
NOT_APPLICABLE = "n/a"
MIXED = "mixed"  # a pilot attribute's value for a group of pilots that differ
# How a criterion is judged: as a whole, through its indicators, or either way.
JUDGE_MODES = ("either", "criterion", "indicators")


# The ids laaeval expects unless a framework gives its own id_pattern: PN3, PN3.2.
DEFAULT_ID_PATTERN = r"[A-Za-z][A-Za-z0-9]{0,15}(\.[0-9]{1,3})?"
DEFAULT_ID_HINT = ("ids are a letter then letters or digits, with an optional .number, such as "
                   "PN3 or PN3.2 (or give the framework an id_pattern of its own)")
AGGREGATES = ("mean", "sum", "weighted-mean")


@dataclass(frozen=True)
class ScalePoint:
    value: int | float
    label: str
    requires_rationale: bool = False
    short: str | None = None
    requires_link: bool = False
    description: str | None = None


@dataclass(frozen=True)
class Importance:
    """How much an item matters: MUST, SHOULD, SUGGESTED; or high, medium, low."""

    id: str
    label: str
    weight: float = 1.0
    required: bool = False  # unmet means no pass
    unmet_counts: str = "never"  # never | justified | always
    description: str | None = None


@dataclass(frozen=True)
class Scoring:
    """The framework's own scoring rule. ``legacy`` is laaeval's first rule, kept exactly for
    frameworks that use none of the newer fields: groups are the mean of the criterion
    scores beneath them, as shown."""

    legacy: bool = True
    aggregate: str = "mean"
    criteria: str = "mean"
    unjudged: str = "leave-out"  # or zero
    not_applicable: str = "dropped"  # or met, forbidden
    floor: float = 0
    units: str = "percent"  # or scale
    decimals: int = 2


@dataclass(frozen=True)
class Band:
    id: str
    label: str
    min: float
    colour: str | None = None
    short: str | None = None


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
    guidance: str | None = None
    importance: str | None = None
    answers: str | None = None  # the answer set's name; None: the scale
    not_applicable: str | None = None  # allowed | forbidden | None (the framework's rule)
    requires_link: tuple[float, ...] = ()
    requires_rationale: tuple[float, ...] = ()
    weights_by: Mapping[str, Mapping[str, float]] = field(default_factory=dict)


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
    guidance: str | None = None
    importance: str | None = None
    answers: str | None = None
    not_applicable: str | None = None
    requires_link: tuple[float, ...] = ()
    requires_rationale: tuple[float, ...] = ()
    weights_by: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    @property
    def judged_as_whole(self) -> bool:
        """Whether a judgement of the criterion itself is allowed (beside its indicators)."""
        return bool(self.indicators) and self.judge != "indicators"

    @cached_property
    def units(self) -> tuple[Indicator, ...]:
        """What gets judged: the indicators, or the criterion itself if it has none."""
        if self.indicators:
            return self.indicators
        return (Indicator(id=self.id, text=self.text, criterion_id=self.id, direct=True,
                          importance=self.importance, answers=self.answers,
                          not_applicable=self.not_applicable, requires_link=self.requires_link,
                          requires_rationale=self.requires_rationale),)

    @cached_property
    def expected_types(self) -> frozenset[str]:
        return frozenset(t for s in self.sources for t in s.types)


@dataclass(frozen=True)
class Level:
    id: str
    title: str
    aspect_id: str
    criteria: tuple[Criterion, ...]  # every criterion beneath, in order
    levels: tuple[Level, ...] = ()  # groups within this one, to any depth
    description: str | None = None
    guidance: str | None = None
    weight: float = 1.0
    aggregate: str | None = None  # None: the framework's rule
    weights_by: Mapping[str, Mapping[str, float]] = field(default_factory=dict)


@dataclass(frozen=True)
class Aspect:
    id: str
    title: str
    levels: tuple[Level, ...]  # empty when the aspect lists criteria directly
    criteria: tuple[Criterion, ...]  # every criterion in the aspect, in order
    description: str | None = None
    guidance: str | None = None
    weight: float = 1.0
    aggregate: str | None = None
    weights_by: Mapping[str, Mapping[str, float]] = field(default_factory=dict)


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
    answer_sets: Mapping[str, tuple[ScalePoint, ...]] = field(default_factory=dict)
    importance: tuple[Importance, ...] = ()
    scoring: Scoring = Scoring()
    id_pattern: str | None = None
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
    def ruled(self) -> tuple[Criterion, ...]:
        """The criteria with an ``applies_to`` of their own or on one of their indicators:
        the only ones a pilot's details can rule out."""
        return tuple(c for c in self.criteria
                     if c.applies_to or any(i.applies_to for i in c.indicators))  # fmt: skip

    @cached_property
    def scale_by_value(self) -> dict[int | float, ScalePoint]:
        return {p.value: p for p in self.scale}

    def points_for(self, unit_id: str) -> tuple[ScalePoint, ...]:
        """The answers a criterion or indicator is judged on: its answer set, or the scale."""
        return self._points.get(unit_id, self.scale)

    def point_for(self, unit_id: str, value: float | None) -> ScalePoint | None:
        if value is None:
            return None
        for point in self.points_for(unit_id):
            if point.value == value:
                return point
        return None

    def point_typed(self, unit_id: str, typed: str) -> ScalePoint | None:
        """The answer an evaluator typed (2, 0.5, .25) among this item's answers, or None."""
        try:
            number = float(typed)
        except ValueError:
            return None
        return self.point_for(unit_id, number)

    def allows_not_applicable(self, ident: str) -> bool:
        """Whether a criterion or indicator may be found not applicable: its own rule, else
        the framework's (``scoring: not_applicable: forbidden`` forbids it everywhere)."""
        item = self.criteria_by_id.get(ident) or self.units_by_id.get(ident)
        rule = getattr(item, "not_applicable", None)
        if rule is None:
            rule = "forbidden" if self.scoring.not_applicable == "forbidden" else "allowed"
        return rule != "forbidden"

    @cached_property
    def _points(self) -> dict[str, tuple[ScalePoint, ...]]:
        found: dict[str, tuple[ScalePoint, ...]] = {}
        for criterion in self.criteria:
            if criterion.answers:
                found[criterion.id] = self.answer_sets[criterion.answers]
            for unit in criterion.indicators:
                name = unit.answers or criterion.answers
                if name:
                    found[unit.id] = self.answer_sets[name]
        return found

    @cached_property
    def importance_by_id(self) -> dict[str, Importance]:
        return {i.id: i for i in self.importance}

    @cached_property
    def groups_by_id(self) -> dict[str, Aspect | Level]:
        """Every aspect and level, at any depth."""
        return {group.id: group for _, group, _ in nested(self.aspects)}

    def path_of(self, criterion: Criterion) -> tuple[Aspect | Level, ...]:
        """The aspect and the levels, outermost first, a criterion sits in."""
        aspect = next(a for a in self.aspects if a.id == criterion.aspect_id)
        path: list[Aspect | Level] = [aspect]
        levels = aspect.levels
        while levels:
            level = next((lv for lv in levels if criterion in lv.criteria), None)
            if level is None:
                break
            path.append(level)
            levels = level.levels
        return tuple(path)

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
    def scale_max(self) -> int | float:
        points = self.scale or next(iter(self.answer_sets.values()), ())
        return max((p.value for p in points), default=1)

    def band_for(self, score: float | None) -> Band | None:
        if score is None or not self.bands:
            return None
        for band in self.bands:
            if score >= band.min:
                return band
        return self.bands[-1]

    def find(self, ident: str) -> Aspect | Level | Criterion | Indicator | None:
        """Look up any id, case-insensitively (people type ``pn3``)."""
        wanted = ident.strip().upper()
        for group_id, group in self.groups_by_id.items():
            if group_id.upper() == wanted:
                return group
        for criterion in self.criteria:
            if criterion.id.upper() == wanted:
                return criterion
            for indicator in criterion.indicators:
                if indicator.id.upper() == wanted:
                    return indicator
        return None

    def all_ids(self) -> list[str]:
        ids = [a.id for a in self.aspects]
        ids += [g for g, group in self.groups_by_id.items() if isinstance(group, Level)]
        for criterion in self.criteria:
            ids.append(criterion.id)
            ids.extend(i.id for i in criterion.indicators)
        return ids

    @property
    def indicator_count(self) -> int:
        return sum(len(c.indicators) for c in self.criteria)


class Grouping(Protocol):
    """An aspect or level, or its score: anything with the groups within it."""

    @property
    def levels(self) -> Sequence[Any]: ...


G = TypeVar("G", bound=Grouping)


def nested(groups: Iterable[G], depth: int = 1,
           within: G | None = None) -> Iterator[tuple[int, G, G | None]]:  # fmt: skip
    """Every group in reading order, each before the groups within it, to any depth: (its
    depth, the group, the group it sits in). The aspects are depth 1, their levels 2, the
    groups within a level 3 and so on (SAMM: function, practice, stream, maturity level).
    One walk for the framework's groups and their scores alike, so that the report's
    summary and the comparison's columns cannot come out in different orders."""
    for group in groups:
        yield depth, group, within
        yield from nested(group.levels, depth + 1, group)


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


def _level(lv: Any, aspect_id: str, top: str, judge: str) -> Level:
    """A level and everything within it; its criteria record the outermost level's id."""
    inner = tuple(_level(sub, aspect_id, top, judge) for sub in lv.get("levels", ()))
    if inner:
        criteria = tuple(c for sub in inner for c in sub.criteria)
    else:
        criteria = tuple(_criterion(c, aspect_id, top, judge) for c in lv["criteria"])
    return Level(lv["id"], lv["title"], aspect_id, criteria, inner, lv.get("description"),
                 lv.get("guidance"), float(lv.get("weight", 1)), lv.get("aggregate"),
                 _weights_by(lv))


def _point(p: Any) -> ScalePoint:
    value = p["value"]
    value = int(value) if float(value).is_integer() else float(value)
    return ScalePoint(value, p["label"], bool(p.get("requires_rationale", False)),
                      p.get("short"), bool(p.get("requires_link", False)), p.get("description"))


# Fields that ask for the framework's own scoring rule rather than laaeval's first one.
_NEW_RULES = ("scoring", "answer_sets", "importance")


def _scoring(data: Any, aspects: list[Aspect]) -> Scoring:
    rule = data.get("scoring") or {}
    nested = any(lv.levels for a in aspects for lv in a.levels)
    fractional = any(not float(p["value"]).is_integer() for p in data.get("scale", ()))
    legacy = not (nested or fractional or "scale" not in data
                  or any(k in data for k in _NEW_RULES) or _any_weights_by(aspects))
    return Scoring(legacy=legacy, aggregate=rule.get("aggregate", "mean"),
                   criteria=rule.get("criteria", "mean"),
                   unjudged=rule.get("unjudged", "leave-out"),
                   not_applicable=rule.get("not_applicable", "dropped"),
                   floor=rule.get("floor", 0), units=rule.get("units", "percent"),
                   decimals=int(rule.get("decimals", 2)))  # fmt: skip


def _any_weights_by(aspects: list[Aspect]) -> bool:
    groups: list[Any] = list(aspects)
    for aspect in aspects:
        stack = list(aspect.levels)
        while stack:
            level = stack.pop()
            groups.append(level)
            stack.extend(level.levels)
        for c in aspect.criteria:
            groups.append(c)
            groups.extend(c.indicators)
    return any(g.weights_by for g in groups)


def build_framework(data: Any, name: str) -> Framework:
    """The framework model, from data that has passed :func:`require_valid`."""
    aspects = []
    judge = data.get("judge", "either")
    for a in data["aspects"]:
        levels = []
        criteria: list[Criterion] = []
        if "levels" in a:
            for lv in a["levels"]:
                level = _level(lv, a["id"], lv["id"], judge)
                levels.append(level)
                criteria.extend(level.criteria)
        else:
            criteria = [_criterion(c, a["id"], None, judge) for c in a["criteria"]]
        aspects.append(Aspect(a["id"], a["title"], tuple(levels), tuple(criteria),
                              a.get("description"), a.get("guidance"),
                              float(a.get("weight", 1)), a.get("aggregate"),
                              _weights_by(a)))  # fmt: skip
    return Framework(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        description=data.get("description", ""),
        provenance=dict(data.get("provenance", {})),
        scale=tuple(_point(p) for p in data.get("scale", ())),
        bands=_bands(data.get("bands", ())),
        pilot_attributes=tuple(
            PilotAttribute(p["id"], p["label"], tuple(p["values"]))
            for p in data.get("pilot_attributes", [])
        ),
        perspectives=tuple(Perspective(p["id"], p["label"]) for p in data.get("perspectives", ())),
        source_types=tuple(
            SourceType(s["id"], s["label"], s["kind"], s.get("perspective"))
            for s in data.get("source_types", ())
        ),
        aspects=tuple(aspects),
        hash=content_hash(data),
        origin=name,
        verdicts=tuple(
            Verdict(v["id"], v["label"], v.get("description")) for v in data["verdicts"]
        ) if "verdicts" in data else DEFAULT_VERDICTS,
        prevalence=tuple(data.get("prevalence", DEFAULT_PREVALENCE)),
        provisional_below=float(data.get("provisional_below", DEFAULT_PROVISIONAL_BELOW)),
        answer_sets={k: tuple(_point(p) for p in v)
                     for k, v in (data.get("answer_sets") or {}).items()},
        importance=tuple(
            Importance(i["id"], i["label"], float(i.get("weight", 1)),
                       bool(i.get("required", False)), i.get("unmet_counts", "never"),
                       i.get("description"))
            for i in data.get("importance", ())
        ),
        scoring=_scoring(data, aspects),
        id_pattern=data.get("id_pattern"),
        revises=read_revises(data),
        crosswalk=read_crosswalk(data),
    )


def _bands(raw: Any) -> tuple[Band, ...]:
    """The bands, each with a short label for a narrow cell: its own ``short:``, else its
    initials (Amber/Green → A/G), else, where two would read alike (Met, Mostly met and
    Missing are all "M"), as few letters as tell it from the others (Me, MM, Mi)."""
    labels = [b["label"] for b in raw]
    shorts = [b.get("short") for b in raw]
    initials = ["/".join(part.strip()[:1].upper() for part in label.split("/"))
                for label in labels]  # fmt: skip
    taken = [s or i for s, i in zip(shorts, initials, strict=True)]
    alike = [not shorts[n] and taken.count(taken[n]) > 1 for n in range(len(taken))]
    for n, label in enumerate(labels):
        if not alike[n]:
            continue
        others = {t for m, t in enumerate(taken) if m != n}
        words = "".join(w[:1].upper() for w in label.replace("/", " ").split())
        candidates = [words] + [label[:k].strip().capitalize() for k in range(2, len(label))]
        taken[n] = next((c for c in candidates if c and c not in others
                         and c != initials[n]), label)  # fmt: skip
    return tuple(Band(b["id"], b["label"], b["min"], b.get("colour"),
                      b.get("short") or (t if t != i else None))
                 for b, t, i in zip(raw, taken, initials, strict=True))  # fmt: skip


def _values(raw: Any) -> tuple[float, ...]:
    return tuple(raw or ())


def _item_extras(raw: Any) -> dict[str, Any]:
    return {"guidance": raw.get("guidance"), "importance": raw.get("importance"),
            "answers": raw.get("answers"), "not_applicable": raw.get("not_applicable"),
            "requires_link": _values(raw.get("requires_link")),
            "requires_rationale": _values(raw.get("requires_rationale")),
            "weights_by": _weights_by(raw)}  # fmt: skip


def _weights_by(raw: Any) -> dict[str, dict[str, float]]:
    return {attr: {v: float(w) for v, w in values.items()}
            for attr, values in (raw.get("weights_by") or {}).items()}  # fmt: skip


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
            **_item_extras(i),
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
        **_item_extras(c),
    )


def check_framework(data: Any, name: str) -> list[LaaevalError]:
    """What a schema cannot see: unique ids, references that resolve, a usable scale."""
    problems = schema.Problems(data, name)
    problem = problems.add

    for listing in ("scale", "bands", "perspectives", "source_types", "pilot_attributes",
                    "verdicts", "importance"):
        seen: set[Any] = set()
        key = "value" if listing == "scale" else "id"
        for n, entry in enumerate(data.get(listing, [])):
            if entry[key] in seen:
                problem(f"{shorten(entry[key])} is listed twice", entry, key, [listing, n, key])
            seen.add(entry[key])
    values = [p["value"] for p in data.get("scale", ())]
    if values != sorted(values):
        problem("the scale should run from lowest to highest", data, "scale", ["scale"])
    for set_id, points in (data.get("answer_sets") or {}).items():
        answers = [p["value"] for p in points]
        if answers != sorted(answers) or len(set(answers)) != len(answers):
            problem(f"the answers of {shorten(set_id)} should run from lowest to highest, "
                    "each value once", data["answer_sets"], set_id, ["answer_sets", set_id])
    _check_floor(data, problem)
    mins = [b["min"] for b in data.get("bands", ())]
    if mins != sorted(mins, reverse=True):
        problem(
            "bands should be listed from the highest min to the lowest", data, "bands", ["bands"]
        )
    if mins and mins[-1] != 0:
        problem("the last band should have min: 0, so that every score has a band",
                data["bands"][-1], "min", ["bands", len(mins) - 1, "min"])  # fmt: skip
    pattern = _id_pattern(data, problem)

    _check_answers(data, problem)
    attributes = {a["id"]: set(a["values"]) for a in data.get("pilot_attributes", [])}
    for n, a in enumerate(data.get("pilot_attributes", [])):
        if a["id"] in RESERVED_PILOT_FIELDS:
            problem(f"{shorten(a['id'])} is already a pilot detail; choose another id",
                    a, "id", ["pilot_attributes", n, "id"])  # fmt: skip
    types = {s["id"] for s in data.get("source_types", ())}
    perspectives = {p["id"] for p in data.get("perspectives", ())}
    for n, s in enumerate(data.get("source_types", ())):
        if "perspective" in s and s["perspective"] not in perspectives:
            problem(unknown("perspective", s["perspective"], sorted(perspectives)), s,
                    "perspective", ["source_types", n, "perspective"])  # fmt: skip
    ids: dict[str, list[Any]] = {}
    refs: list[tuple[str, Any, list[Any]]] = []

    def claim(ident: str, container: Any, path: list[Any], group: Any = None) -> None:
        if group is not None:
            _check_weights_by(data, group, path, problem)
        if ident.upper() in ids:
            problem(f"the id {shorten(ident)} is used twice", container, "id", [*path, "id"])
        ids[ident.upper()] = path
        if pattern is not None and not pattern.fullmatch(ident):
            hint = DEFAULT_ID_HINT if "id_pattern" not in data else (
                f"the framework's id_pattern is {data['id_pattern']}")
            problem(f"{shorten(ident)} is not in the expected form: {hint}", container, "id",
                    [*path, "id"])  # fmt: skip

    for criterion, path in _walk_criteria(data, claim):
        _check_item(data, criterion, path, problem)
        for k, ind in enumerate(criterion["indicators"]):
            _check_item(data, ind, [*path, "indicators", k], problem, criterion.get("answers"))
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


def _id_pattern(data: Any, problem: Any) -> re.Pattern[str] | None:
    raw = data.get("id_pattern", DEFAULT_ID_PATTERN)
    try:
        return re.compile(raw)
    except re.error as exc:
        problem(f"id_pattern is not a regular expression laaeval can read ({exc}); write one "
                r"such as [A-Z]-[0-9]+ or [0-9]+[a-z]", data, "id_pattern", ["id_pattern"])
        return None


def _check_item(data: Any, item: Any, path: list[Any], problem: Any,
                inherited: str | None = None) -> None:  # fmt: skip
    """A criterion's or indicator's answers, importance and required links name things the
    framework has. An indicator without answers of its own has its criterion's
    (``inherited``), as the model gives it."""
    sets = data.get("answer_sets") or {}
    name = item.get("answers")
    if name is not None and name not in sets:
        listed = ", ".join(sets) if sets else "none yet"
        problem(f"{shorten(name)} is not one of the framework's answer_sets ({listed}); add "
                f"it under answer_sets: or remove answers:", item, "answers", [*path, "answers"])
        name = None
    elif name is None and inherited in sets:
        name = inherited
    if name is None and "scale" not in data and not item.get("indicators"):
        problem("this has no answers to judge it on: give the framework a scale:, or give this "
                "answers: naming one of its answer_sets", item, "id", [*path, "id"])
    levels = {i["id"] for i in data.get("importance", ())}
    wanted = item.get("importance")
    if wanted is not None and wanted not in levels:
        listed = ", ".join(sorted(levels)) if levels else "none: add an importance: list"
        problem(f"{shorten(wanted)} is not one of the framework's importance levels ({listed})",
                item, "importance", [*path, "importance"])
    _check_weights_by(data, item, path, problem)
    points = sets.get(name, data.get("scale", ())) if name else data.get("scale", ())
    offered = {p["value"] for p in points}
    for key in ("requires_link", "requires_rationale"):
        listed = item.get(key, ())
        if not isinstance(listed, list):  # the schema says it should be a list
            continue
        for m, value in enumerate(listed):
            if offered and value not in offered:
                problem(f"{value} is not one of the answers here "
                        f"({', '.join(str(v) for v in sorted(offered))})",
                        item[key], m, [*path, key, m])  # fmt: skip


def _check_weights_by(data: Any, item: Any, path: list[Any], problem: Any) -> None:
    """weights_by names pilot attributes the framework has, and values they can take."""
    attributes = {a["id"]: set(a["values"]) for a in data.get("pilot_attributes", [])}
    for attr, values in (item.get("weights_by") or {}).items():
        if attr not in attributes:
            problem(unknown("pilot attribute", attr, attributes)
                    + " (add it under pilot_attributes:)", item["weights_by"], attr,
                    [*path, "weights_by", attr])  # fmt: skip
            continue
        for value in values:
            if value not in attributes[attr]:
                problem(unknown(f"value of {attr}", value, attributes[attr]), values, value,
                        [*path, "weights_by", attr, value])  # fmt: skip


def _check_floor(data: Any, problem: Any) -> None:
    """The floor scores 0% and the highest answer 100%: an answer set whose highest is at
    or below the floor could score nothing (or over 100%), one below it less than 0%."""
    floor = (data.get("scoring") or {}).get("floor")
    if floor is None:
        return
    listed = [("the scale", data.get("scale") or ())]
    listed += [(f"answer set {shorten(k)}", v)
               for k, v in (data.get("answer_sets") or {}).items()]  # fmt: skip
    for where, points in listed:
        values = [p["value"] for p in points]
        if not values:
            continue
        low, top = min(values), max(values)
        if floor >= top:
            problem(f"the floor {floor} is not below the highest answer of {where} ({top}): "
                    "the floor scores 0% and the highest answer 100%",
                    data["scoring"], "floor", ["scoring", "floor"])  # fmt: skip
        elif floor > low:
            problem(f"the floor {floor} is above the lowest answer of {where} ({low}), "
                    f"which would score below 0%; make the floor {low}",
                    data["scoring"], "floor", ["scoring", "floor"])  # fmt: skip


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


def _walk_levels(levels: Any, base: list[Any], claim: Any,
                 groups: list[tuple[Any, list[Any]]]) -> None:  # fmt: skip
    for l_n, level in enumerate(levels):
        claim(level["id"], level, [*base, l_n], level)
        if "levels" in level:
            _walk_levels(level["levels"], [*base, l_n, "levels"], claim, groups)
        else:
            groups.append((level["criteria"], [*base, l_n, "criteria"]))


def _walk_criteria(data: Any, claim: Any) -> Iterator[tuple[Any, list[Any]]]:
    for a_n, aspect in enumerate(data["aspects"]):
        claim(aspect["id"], aspect, ["aspects", a_n], aspect)
        groups: list[tuple[Any, list[Any]]] = []
        _walk_levels(aspect.get("levels", []), ["aspects", a_n, "levels"], claim, groups)
        if "criteria" in aspect:
            groups.append((aspect["criteria"], ["aspects", a_n, "criteria"]))
        for criteria, base in groups:
            for c_n, criterion in enumerate(criteria):
                path = [*base, c_n]
                claim(criterion["id"], criterion, path)
                for i_n, indicator in enumerate(criterion["indicators"]):
                    claim(indicator["id"], indicator, [*path, "indicators", i_n])
                yield criterion, path
