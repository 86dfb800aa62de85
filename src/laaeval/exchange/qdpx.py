"""Coded transcripts in: a REFI-QDA project (.qdpx), as NVivo, ATLAS.ti and MAXQDA export it.

A .qdpx is a zip holding ``project.qde`` (XML, to the published schema Project-mrt2019.xsd,
namespace ``urn:QDA-XML:project:1.0``) and the sources' text under ``sources/``. Each coded
passage (a ``PlainTextSelection`` of a ``TextSource``) whose codes are named after the
framework's criteria or indicators becomes one evidence item:

- the passage's own text, from the source's plain text, is the quote; the passage's memo (its
  ``Description``), if it has one, the summary; the source's name the reference;
- a code named with an id (``PN3``, ``PN3.2 Regular meetings…``, or a code tree that mirrors
  the framework, matched by the id each code's name starts with) says what it bears on;
- a code named supports, challenges or neutral says the stance: applied to the passage, or
  nested under a criterion's code (``PN3 > challenges``). A passage with no stance code
  bears on its points as neutral, and the import says how many;
- the source's variables (or its case's) say whose view it is and what kind of source:
  ``Perspective``, ``Source type``, and optionally ``Organisation``, ``Speaker``, ``Date``
  and ``Basis`` (primary or synthesis).

Codes named after nothing in the framework are listed, with how many passages they hold, and
left out: never guessed. Items from a project have ids starting ``Q-`` (from each passage's
GUID, so that importing the project again updates them instead of adding them twice).

The XML is parsed with defusedxml, refusing any DOCTYPE (so no entity can expand), and the
zip's table of contents is checked first (:mod:`..files.zipcheck`).
"""

from __future__ import annotations

import os
import re
import zipfile
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import UnreadableFileError, shorten, unknown
from ..files import zipcheck
from ..files.yamlio import Map, Seq
from ..model.evidence import SYNTHESIS
from ..model.framework import Framework
from ..text import plural
from . import layout as L
from .merge import Parts
from .problems import Found

NS = "urn:QDA-XML:project:1.0"
WHAT = "a REFI-QDA project (.qdpx)"
PROJECT = "project.qde"
MAX_PROJECT = 32 * 1024 * 1024  # the XML, unpacked
MAX_TEXT = 16 * 1024 * 1024  # one source's plain text
MAX_PASSAGES = 100_000
MAX_QUOTE = 20_000  # what an evidence file holds in a quote
PREFIX = "Q-"
_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:\.[0-9]+)?")
_STANCE_WORDS = {"supports": "supports", "support": "supports", "challenges": "challenges",
                 "challenge": "challenges", "neutral": "neutral"}  # fmt: skip


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


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
class _Project:
    codes: dict[str, Code] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)  # guid -> name
    case_values: dict[str, dict[str, str]] = field(default_factory=dict)  # source guid -> values
    passages: list[Passage] = field(default_factory=list)
    left_out: Counter[str] = field(default_factory=Counter)  # why a coded passage is not read


# -- reading the zip and the XML -----------------------------------------------------------


def read_project(path: str | os.PathLike[str], framework: Framework,
                 found: list[Found]) -> tuple[Parts, tuple[str, ...]]:  # fmt: skip
    """The evidence items a project's coded passages give, and notes on what was left out."""
    name = str(path)
    archive = zipcheck.open_zip(name, WHAT)
    try:
        root = _parse(_member(archive, name, PROJECT, MAX_PROJECT), name)
        project = _Project()
        _read_codes(root, project)
        _read_variables(root, project)
        _read_cases(root, project)
        _read_sources(root, project, archive, name)
    finally:
        archive.close()
    return _to_parts(project, framework, name, found)


def _member(archive: zipfile.ZipFile, name: str, wanted: str, limit: int) -> bytes:
    """A member by its name, in any case and with either slash ("Sources\\a.txt")."""
    target = wanted.replace("\\", "/").casefold()
    for info in archive.infolist():
        if info.filename.replace("\\", "/").casefold() == target:
            if info.file_size > limit:
                raise UnreadableFileError(f"refused: {shorten(info.filename)} is larger than "
                                          f"{limit // 2**20} MB", file=name)  # fmt: skip
            return zipcheck.read_member(archive, info, name)
    if wanted == PROJECT:
        raise UnreadableFileError(f"this is not {WHAT}: there is no {PROJECT} in it", file=name)
    raise KeyError(wanted)


def _parse(data: bytes, name: str) -> Any:
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import fromstring

    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise UnreadableFileError(f"refused: {PROJECT} declares a DOCTYPE or XML entities (a way "
                                  "to make a small file expand without end)", file=name) from None
    except ParseError as exc:
        raise UnreadableFileError(f"{PROJECT} is not well-formed XML ({exc})", file=name) from None
    if root.tag != q("Project"):
        raise UnreadableFileError(f"this is not {WHAT}: {PROJECT} starts with {shorten(root.tag)}"
                                  f", not a Project of the namespace {NS}", file=name)  # fmt: skip
    return root


def _read_codes(root: Any, project: _Project) -> None:
    def walk(element: Any, parent: str | None) -> None:
        for code in element.findall(q("Code")):
            guid = code.get("guid") or ""
            project.codes[guid] = Code(guid, code.get("name") or "", parent)
            walk(code, guid)

    codes = root.find(f"{q('CodeBook')}/{q('Codes')}")
    if codes is not None:
        walk(codes, None)


def _read_variables(root: Any, project: _Project) -> None:
    for variable in root.iterfind(f"{q('Variables')}/{q('Variable')}"):
        project.variables[variable.get("guid") or ""] = variable.get("name") or ""


def _values(element: Any, project: _Project) -> dict[str, str]:
    """An element's VariableValues, by the variable's name in lower case."""
    out = {}
    for value in element.findall(q("VariableValue")):
        ref = value.find(q("VariableRef"))
        variable = project.variables.get(ref.get("targetGUID") if ref is not None else "", "")
        given = next((child for child in value if child.tag != q("VariableRef")), None)
        if variable and given is not None and (given.text or "").strip():
            out[" ".join(variable.split()).casefold()] = given.text.strip()
    return out


def _read_cases(root: Any, project: _Project) -> None:
    for case in root.iterfind(f"{q('Cases')}/{q('Case')}"):
        values = _values(case, project)
        for ref in case.findall(q("SourceRef")):
            project.case_values.setdefault(ref.get("targetGUID") or "", {}).update(values)


def _read_sources(root: Any, project: _Project, archive: zipfile.ZipFile, name: str) -> None:
    sources = root.find(q("Sources"))
    if sources is None:
        return
    for source in sources:
        kind = source.tag.rpartition("}")[2]
        text_source = source if kind == "TextSource" else (
            source.find(q("Representation")) if kind == "PDFSource" else None)  # fmt: skip
        if text_source is None:
            coded = len(source.findall(f".//{q('Coding')}"))
            if coded:
                project.left_out["coded in a picture, audio or video source"] += coded
            continue
        _read_text_source(source, text_source, project, archive, name)


def _read_text_source(source: Any, text_source: Any, project: _Project,
                      archive: zipfile.ZipFile, name: str) -> None:  # fmt: skip
    title = source.get("name") or text_source.get("name") or source.get("guid") or "?"
    guid = source.get("guid") or ""
    variables = {**project.case_values.get(guid, {}), **_values(source, project)}
    text = _source_text(text_source, archive, name)
    whole = [_code_ref(c) for c in text_source.findall(q("Coding"))]
    if whole:
        project.passages.append(Passage(guid, title, None, None, None, None, tuple(whole),
                                        variables))  # fmt: skip
    for selection in text_source.findall(q("PlainTextSelection")):
        if len(project.passages) >= MAX_PASSAGES:
            raise UnreadableFileError(f"the project has more than {MAX_PASSAGES} coded passages; "
                                      "laaeval reads at most that many", file=name)  # fmt: skip
        codes = tuple(_code_ref(c) for c in selection.findall(q("Coding")))
        if codes:
            project.passages.append(_passage(selection, title, text, codes, variables))


def _code_ref(coding: Any) -> str:
    ref = coding.find(q("CodeRef"))
    return (ref.get("targetGUID") if ref is not None else None) or ""


def _passage(selection: Any, title: str, text: str | None, codes: tuple[str, ...],
             variables: Mapping[str, str]) -> Passage:  # fmt: skip
    def position(key: str) -> int | None:
        try:
            return int(selection.get(key) or "")
        except ValueError:
            return None

    start, end = position("startPosition"), position("endPosition")
    memo = selection.find(q("Description"))
    return Passage(selection.get("guid") or "", title, start if start is not None else -1,
                   end if end is not None else -1, text,
                   (memo.text or "").strip() or None if memo is not None else None, codes,
                   variables)  # fmt: skip


def _source_text(text_source: Any, archive: zipfile.ZipFile, name: str) -> str | None:
    """A source's plain text: in the XML, or a file in the zip (``internal://a.txt``, found
    under sources/ in any case). A source kept outside the project cannot be read."""
    inline = text_source.find(q("PlainTextContent"))
    if inline is not None:
        return inline.text or ""
    path = text_source.get("plainTextPath") or ""
    if not path.lower().startswith("internal://"):
        return None
    member = path[len("internal://"):]
    zipcheck.refuse_member_name(member, name)
    for folder in ("sources/", ""):
        try:
            data = _member(archive, name, folder + member, MAX_TEXT)
        except KeyError:
            continue
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UnreadableFileError(f"the source text {shorten(member)} is not UTF-8, as "
                                      "REFI-QDA requires", file=name) from None  # fmt: skip
    return None


# -- from coded passages to evidence items ----------------------------------------------------


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


def _to_parts(project: _Project, framework: Framework, name: str,
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


def _meaning(passage: Passage, project: _Project, lookup: Mapping[str, str], levels: set[str],
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


def _notes(project: _Project, framework: Framework, unmapped: Counter[str], above: Counter[str],
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

