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
import zipfile
from collections.abc import Mapping
from typing import Any

from ..errors import UnreadableFileError, shorten
from ..files import zipcheck
from ..model.framework import Framework
from .merge import Parts
from .passages import Code, Passage, Project, to_parts
from .problems import Found

NS = "urn:QDA-XML:project:1.0"
WHAT = "a REFI-QDA project (.qdpx)"
PROJECT = "project.qde"
MAX_PROJECT = 32 * 1024 * 1024  # the XML, unpacked
MAX_TEXT = 16 * 1024 * 1024  # one source's plain text
MAX_PASSAGES = 100_000


def q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


# -- reading the zip and the XML -----------------------------------------------------------


def read_project(path: str | os.PathLike[str], framework: Framework,
                 found: list[Found]) -> tuple[Parts, tuple[str, ...]]:  # fmt: skip
    """The evidence items a project's coded passages give, and notes on what was left out."""
    name = str(path)
    archive = zipcheck.open_zip(name, WHAT)
    try:
        root = _parse(_member(archive, name, PROJECT, MAX_PROJECT), name)
        project = Project()
        _read_codes(root, project)
        _read_variables(root, project)
        _read_cases(root, project)
        _read_sources(root, project, archive, name)
    finally:
        archive.close()
    return to_parts(project, framework, name, found)


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


def _read_codes(root: Any, project: Project) -> None:
    def walk(element: Any, parent: str | None) -> None:
        for code in element.findall(q("Code")):
            guid = code.get("guid") or ""
            project.codes[guid] = Code(guid, code.get("name") or "", parent)
            walk(code, guid)

    codes = root.find(f"{q('CodeBook')}/{q('Codes')}")
    if codes is not None:
        walk(codes, None)


def _read_variables(root: Any, project: Project) -> None:
    for variable in root.iterfind(f"{q('Variables')}/{q('Variable')}"):
        project.variables[variable.get("guid") or ""] = variable.get("name") or ""


def _values(element: Any, project: Project) -> dict[str, str]:
    """An element's VariableValues, by the variable's name in lower case."""
    out = {}
    for value in element.findall(q("VariableValue")):
        ref = value.find(q("VariableRef"))
        variable = project.variables.get(ref.get("targetGUID") if ref is not None else "", "")
        given = next((child for child in value if child.tag != q("VariableRef")), None)
        if variable and given is not None and (given.text or "").strip():
            out[" ".join(variable.split()).casefold()] = given.text.strip()
    return out


def _read_cases(root: Any, project: Project) -> None:
    for case in root.iterfind(f"{q('Cases')}/{q('Case')}"):
        values = _values(case, project)
        for ref in case.findall(q("SourceRef")):
            project.case_values.setdefault(ref.get("targetGUID") or "", {}).update(values)


def _read_sources(root: Any, project: Project, archive: zipfile.ZipFile, name: str) -> None:
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


def _read_text_source(source: Any, text_source: Any, project: Project,
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

