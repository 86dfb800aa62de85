"""The coded passages of a REFI-QDA project (read by :mod:`.qdpx`) as evidence items: what
their codes, stance codes and their documents' variables say, and what was left out.

A passage's codes say what it bears on (a code named with a criterion's or indicator's id)
and how (a code named supports, challenges or neutral, on the passage or nested under a
criterion's code). Its document's variables (or its case's) say whose view it is. Codes named
after nothing in the framework are counted and listed, never guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import shorten, unknown
from ..files.yamlio import Map, Seq
from ..model.evidence import SYNTHESIS
from ..model.framework import Framework
from ..text import plural
from . import layout as L
from .merge import Parts
from .problems import Found

MAX_QUOTE = 20_000  # what an evidence file holds in a quote
PREFIX = "Q-"  # the ids of items from a project: importing it again replaces them
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:\.[0-9]+)?")
_STANCE_WORDS = {"supports": "supports", "support": "supports", "challenges": "challenges",
                 "challenge": "challenges", "neutral": "neutral"}  # fmt: skip


@dataclass(frozen=True)
class Code:
    guid: str
    name: str
    parent: str | None


@dataclass(frozen=True)
class Passage:
    guid: str
    source: str  # the source's name
    start: int | None  # None: the whole source is coded
    end: int | None
    text: str | None
    memo: str | None
    codes: tuple[str, ...]  # code guids
    variables: Mapping[str, str]

    @property
    def where(self) -> str:
        span = "the whole document" if self.start is None else (
            f"passage at characters {self.start}–{self.end}")  # fmt: skip
        return f"document {shorten(self.source)}, {span}"


@dataclass
class Project:
    """What laaeval reads from a project: its codes, the variables of its sources and cases,
    and every coded passage of a text source."""

    codes: dict[str, Code] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)  # guid -> name
    case_values: dict[str, dict[str, str]] = field(default_factory=dict)  # source guid -> values
    passages: list[Passage] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)  # why a coded passage is not read


@dataclass(frozen=True)
class _Meaning:
    """What the codes on one passage say: the points it bears on, with their stance."""

    points: dict[str, set[str]]  # id -> the stances coded under it (usually none or one)
    stances: set[str]  # stances coded on the passage itself

    @property
    def clash(self) -> bool:
        return len(self.stances) > 1 or any(len(s) > 1 for s in self.points.values())

    def bears_on(self) -> dict[str, str]:
        default = next(iter(self.stances), "neutral")
        return {point: next(iter(stances), default) for point, stances in self.points.items()}

    @property
    def unstated(self) -> bool:
        return not self.stances and not any(self.points.values())


def to_parts(project: Project, framework: Framework, name: str,
              found: list[Found]) -> tuple[Parts, tuple[str, ...]]:  # fmt: skip
    lookup = L.id_lookup(framework)
    levels = {g.id.upper() for a in framework.aspects for g in (a, *a.levels)}
    unmapped: Counter[str] = Counter()
    above: Counter[str] = Counter()
    items: list[Any] = Seq(1)
    places: list[Passage] = []
    missing: dict[str, set[str]] = {}  # document -> the variables it lacks
    neutral = 0
    for passage in project.passages:
        meaning = _meaning(passage, project, lookup, levels, unmapped, above)
        if not meaning.points:
            continue
        item = _item(passage, meaning, framework, name, found, len(items) + 1, missing)
        if item is None:
            continue
        neutral += meaning.unstated
        items.append(item)
        items.lines.append(len(items))
        places.append(passage)
    _check_ids(items, places, name, found)
    found += _missing(missing, framework, name)
    notes = _notes(project, framework, unmapped, above, neutral, len(items), name)
    return Parts(name, evidence=items, replaces=lambda ident: ident.startswith(PREFIX),
                 locate={"evidence": _locate(places, name)}), notes


def _meaning(passage: Passage, project: Project, lookup: Mapping[str, str], levels: set[str],
             unmapped: Counter[str], above: Counter[str]) -> _Meaning:  # fmt: skip
    points: dict[str, set[str]] = {}
    stances: set[str] = set()
    for guid in passage.codes:
        code = project.codes.get(guid)
        if code is None:
            unmapped["(a code the project's codebook does not list)"] += 1
            continue
        stance = _STANCE_WORDS.get(" ".join(code.name.split()).casefold())
        owner = _own_id(code.name, lookup)
        if stance is not None:
            parent = project.codes.get(code.parent or "")
            owner = _own_id(parent.name, lookup) if parent else None
            if owner is not None:  # a stance coded under a criterion: "PN3 > challenges"
                points.setdefault(owner, set()).add(stance)
            else:
                stances.add(stance)
        elif owner is not None:
            points.setdefault(owner, set())
        elif _token(code.name) in levels:
            above[code.name] += 1
        else:
            unmapped[code.name] += 1
    return _Meaning(points, stances)


def _token(name: str) -> str:
    match = _TOKEN.match(name.strip())
    return match.group(0).upper() if match else ""


def _own_id(name: str, lookup: Mapping[str, str]) -> str | None:
    """The criterion or indicator a code's name starts with: "PN3.2", "PN3.2 Regular
    meetings", "PN3.2: …"; not "PN3x" or "PN32"."""
    token = _token(name)
    rest = name.strip()[len(token):]
    if token in lookup and (not rest or not rest[0].isalnum()):
        return lookup[token]
    return None


def _var(variables: Mapping[str, str], *names: str) -> str | None:
    return next((variables[n] for n in names if variables.get(n)), None)


def _item(passage: Passage, meaning: _Meaning, framework: Framework, name: str,
          found: list[Found], number: int, missing: dict[str, set[str]]) -> Map | None:
    def problem(message: str) -> None:
        found.append(Found(name, message, passage.where, order=(3, number, 0)))

    if meaning.clash:
        problem("it is coded with more than one of supports, challenges and neutral; code each "
                "point's stance under its own code instead (such as PN3 > challenges)")
        return None
    quote = _quote(passage, problem)
    if quote is False:
        return None
    variables = passage.variables
    item = Map(number)
    item["id"] = PREFIX + (re.sub(r"[^A-Za-z0-9]", "", passage.guid)[:12].upper() or str(number))
    basis = (_var(variables, "basis") or "").casefold()
    if basis:
        item["basis"] = basis
    if basis != SYNTHESIS:
        told = len(found)

        def wrong(message: str) -> None:
            found.append(Found(name, message, f"document {shorten(passage.source)}",
                               order=(2, 0, 0)))  # fmt: skip

        lacking = _primary(item, variables, framework, wrong)
        if lacking:
            missing.setdefault(passage.source, set()).update(lacking)
        if lacking or len(found) > told:
            return None
    for key, names in (("organisation", ("organisation", "organization")),
                       ("speaker", ("speaker",))):  # fmt: skip
        value = _var(variables, *names)
        if value:
            item[key] = value
    item["summary"] = passage.memo or _summary(passage, meaning)
    if quote:
        item["quote"] = quote
    item["reference"] = passage.source
    date = _var(variables, "date")
    if date:
        item["date"] = date[:10]
    item["bears_on"] = meaning.bears_on()
    item.lines.update({key: number for key in item})
    return item


def _primary(item: Map, variables: Mapping[str, str], framework: Framework,
             wrong: Any) -> list[str]:  # fmt: skip
    """Source types and perspective from the document's variables; the names of those it
    lacks. A value the framework does not know is told (once per document) by ``wrong``."""
    lacking = []
    sources = _var(variables, "source type", "source types", "source")
    known = framework.source_types_by_id
    if sources:
        tokens = [_source_id(t.strip().casefold(), framework)
                  for t in re.split(r"[,;]", sources) if t.strip()]  # fmt: skip
        for token in tokens:
            if token not in known:
                wrong(f"its variable Source type: {unknown('source type', token, known)}")
        item["sources"] = tokens
    else:
        lacking.append("Source type")
    perspective = _var(variables, "perspective")
    if perspective:
        item["perspective"] = L.parse_perspective(perspective, framework)
        if item["perspective"] not in framework.perspectives_by_id:
            labels = [p.label for p in framework.perspectives]
            wrong(f"its variable Perspective: {unknown('perspective', perspective, labels)} "
                  f"(one of: {', '.join(labels)})")
    else:
        lacking.append("Perspective")
    return lacking


def _missing(missing: Mapping[str, set[str]], framework: Framework, name: str) -> list[Found]:
    sources = ", ".join(s.id for s in framework.source_types)
    perspectives = ", ".join(p.label for p in framework.perspectives)
    out = []
    for n, (document, lacking) in enumerate(sorted(missing.items())):
        wants = []
        if "Source type" in lacking:
            wants.append(f"Source type (one of: {sources})")
        if "Perspective" in lacking:
            wants.append(f"Perspective (one of: {perspectives})")
        out.append(Found(name, f"its coded passages say whose view they are only through the "
                     f"document's variables: give the document, or its case, "
                     f"{' and '.join(wants)}; or a variable Basis of synthesis",
                     f"document {shorten(document)}", order=(2, n, 0)))  # fmt: skip
    return out


def _source_id(token: str, framework: Framework) -> str:
    for source in framework.source_types:
        if token in (source.id, source.label.casefold()):
            return source.id
    return token


def _quote(passage: Passage, problem: Any) -> str | bool | None:
    """The coded passage's text; None for a whole document coded at once; False (with a
    problem told) when the passage cannot be read."""
    if passage.start is None:
        return None
    if passage.text is None:
        problem("the document's text is not inside the project (it is kept as a separate file), "
                "so the passage cannot be read; export the project with its sources")
        return False
    start, end = passage.start, passage.end or 0
    if start < 0 or end < start or end > len(passage.text):
        problem(f"the passage lies outside the document's text, which is "
                f"{len(passage.text)} characters long")  # fmt: skip
        return False
    quote = passage.text[start:end].strip()
    if len(quote) > MAX_QUOTE:
        problem(f"the passage is {len(quote)} characters long; a quote holds at most "
                f"{MAX_QUOTE}: code a shorter passage")  # fmt: skip
        return False
    return quote or None


def _summary(passage: Passage, meaning: _Meaning) -> str:
    points = ", ".join(meaning.points)
    what = "The whole document" if passage.start is None else "A passage"
    return f"{what} from {passage.source}, coded {points}."


def _check_ids(items: list[Any], places: list[Passage], name: str, found: list[Found]) -> None:
    seen: dict[str, int] = {}
    for n, item in enumerate(items):
        if item["id"] in seen:
            found.append(Found(name, f"two passages share the GUID {shorten(places[n].guid)}",
                               places[n].where, order=(3, n + 1, 0)))  # fmt: skip
        seen[item["id"]] = n


def _locate(places: list[Passage], name: str) -> Any:
    """A problem the evidence checks find in an item, told at its passage; one that comes
    from the document's variables, at the document."""
    variables = {"sources": "Source type", "perspective": "Perspective", "date": "Date",
                 "basis": "Basis", "organisation": "Organisation", "speaker": "Speaker"}

    def at(path: list[str], line: int | None, message: str) -> Found:
        passage = places[(line or 1) - 1]
        variable = variables.get(path[2] if len(path) > 2 else "")
        if variable is None:
            return Found(name, message, passage.where, order=(3, line or 0, 0))
        first = next(n for n, p in enumerate(places) if p.source == passage.source)
        return Found(name, f"its variable {variable}: {message}",
                     f"document {shorten(passage.source)}", order=(2, first, 0))

    return at


def _notes(project: Project, framework: Framework, unmapped: Counter[str], above: Counter[str],
           neutral: int, items: int, name: str) -> tuple[str, ...]:  # fmt: skip
    notes = []
    if unmapped:
        listed = ", ".join(f"{shorten(code)} ({plural(n, 'passage')})"
                           for code, n in unmapped.most_common(12))  # fmt: skip
        more = f" and {len(unmapped) - 12} more" if len(unmapped) > 12 else ""
        notes.append(f"Left out: {plural(len(unmapped), 'code')} named after no criterion or "
                     f"indicator of {framework.id}: {listed}{more}. To import what a code holds, "
                     "name it after an id, such as PN3 or PN3.2.")  # fmt: skip
    if above:
        listed = ", ".join(f"{shorten(code)} ({plural(n, 'passage')})" for code, n in above.items())
        notes.append(f"Left out: passages coded to an aspect or level, not to a criterion or "
                     f"indicator: {listed}. Evidence bears on a criterion or an indicator.")
    for why, n in project.left_out.items():
        notes.append(f"Left out: {plural(n, 'passage')} {why} (laaeval reads text sources).")
    if neutral:
        they = "it bears on its points" if neutral == 1 else "they bear on their points"
        notes.append(f"{plural(neutral, 'passage')} had no supports, challenges or neutral code, "
                     f"so {they} as neutral.")  # fmt: skip
    if not items:
        notes.append(f"No passage in {name} is coded to a criterion or indicator of "
                     f"{framework.id}.")  # fmt: skip
    return tuple(notes)

