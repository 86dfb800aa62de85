"""``laaeval template`` and ``laaeval import``: a workbook to fill in, and evidence brought in
from a filled-in workbook, CSV copies of its sheets, or a coded REFI-QDA project (.qdpx).

An import writes nothing unless everything it read is valid; into an existing evidence file
it replaces the parts its source gives and keeps the rest, atomically, and says what changed.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import UsageError, shorten
from ..files.output import refuse_overwriting, write_output
from ..files.yamlio import Map
from ..model.catalogue import resolve
from ..model.evidence import FORMAT, EvidenceFile
from ..model.framework import Framework
from ..model.store import load_evidence, read_data, save
from . import layout as L
from .changes import Changes, changes
from .details import Given, attributes, pilot_from
from .merge import Parts, assemble, check, combine, result
from .problems import Found, ImportProblems

WORKBOOK, CSV, QDPX = ".xlsx", ".csv", ".qdpx"


# -- template ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TemplateRequest:
    output: str
    framework: str | None = None
    source: str | None = None  # an evidence file to fill the workbook from
    given: Given = field(default_factory=Given)


def run_template(request: TemplateRequest) -> tuple[Framework, EvidenceFile | None]:
    """Write the workbook; returns the framework it is for, and the evidence it holds."""
    from .template import build

    if Path(request.output).suffix.lower() != WORKBOOK:
        raise UsageError("the template is an Excel workbook: end the --output name with .xlsx",
                         file=request.output)  # fmt: skip
    chosen = resolve(request.framework) if request.framework else None
    record = None
    if request.source:
        refuse_overwriting(request.output, [request.source], "workbook")
        if request.given.any:
            raise UsageError("--from gives the pilot's details; leave out --pilot, --round, "
                             "--region, --assessor and --detail")  # fmt: skip
        record, framework = load_evidence(request.source, chosen)
    elif chosen is None:
        raise UsageError("say which framework the workbook is for (such as odpm-laa-2005), or "
                         "fill it from an evidence file with --from FILE")  # fmt: skip
    else:
        framework = chosen
        attributes(framework, request.given)  # refuse a misspelt --detail before writing
    write_output(request.output, build(framework, record, request.given), "workbook")
    return framework, record


# -- import ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportRequest:
    sources: Sequence[str]
    output: str
    framework: str | None = None
    given: Given = field(default_factory=Given)
    dry_run: bool = False


@dataclass(frozen=True)
class Imported:
    record: EvidenceFile
    created: bool  # a new evidence file, rather than one brought up to date
    changes: Changes
    written: bool
    notes: tuple[str, ...] = ()  # what was left out, such as codes named after no criterion


@dataclass(frozen=True)
class _Existing:
    data: Any
    record: EvidenceFile
    framework: Framework


def run_import(request: ImportRequest) -> Imported:
    kind = _kind(request.sources)
    output = request.output
    if Path(output).suffix.lower() not in (".yaml", ".yml"):
        raise UsageError("the evidence file to write should end with .yaml", file=output)
    refuse_overwriting(output, request.sources, "evidence file")
    chosen = resolve(request.framework) if request.framework else None
    existing = _existing(output, chosen)
    if existing is not None and request.given.any:
        raise UsageError(f"{output} already says whom it is about; leave out --pilot, --round, "
                         "--region, --assessor and --detail")  # fmt: skip
    found: list[Found] = []
    notes: tuple[str, ...] = ()
    if kind == QDPX:
        framework = _framework(chosen, None, existing, request.sources[0])
        from .qdpx import read_project

        parts, notes = read_project(request.sources[0], framework, found)
    else:
        parts, framework = _read_sheets(kind, request.sources, chosen, existing, found)
    parts = _with_pilot(parts, framework, existing, request.given)
    data = assemble(parts, framework, existing.data if existing else None)
    found += check(data, parts, framework, output, found)
    if found:
        raise ImportProblems(found)
    merged = result(data, output, existing.record if existing else None)
    done = changes(existing.record if existing else None, merged.record)
    write = not request.dry_run and (existing is None or not done.none)
    if write:
        save(merged.record, output, framework)
    return Imported(merged.record, existing is None, done, write, notes)


def _kind(sources: Sequence[str]) -> str:
    suffixes = {Path(s).suffix.lower() for s in sources}
    if len(suffixes) > 1:
        raise UsageError("give one workbook, one project, or CSV files; not a mixture")
    suffix = suffixes.pop()
    if suffix in (".xls", ".xlsm", ".ods", ".numbers"):
        raise UsageError(f"laaeval reads .xlsx workbooks: save {shorten(sources[0])} as an Excel "
                         "workbook (.xlsx) and import that")  # fmt: skip
    if suffix == ".qdp" or suffix == ".qdc":
        raise UsageError("a REFI-QDA codebook or project without its sources: export the whole "
                         "project as .qdpx")  # fmt: skip
    if suffix not in (WORKBOOK, CSV, QDPX):
        raise UsageError(f"cannot tell what {shorten(sources[0])} is from its name: laaeval "
                         "imports a workbook (.xlsx), CSV sheets (.csv) or a REFI-QDA project "
                         "(.qdpx)")  # fmt: skip
    if suffix != CSV and len(sources) > 1:
        raise UsageError("import one workbook or one project at a time")
    return suffix


def _existing(output: str, chosen: Framework | None) -> _Existing | None:
    if not os.path.exists(output):
        return None
    data = read_data(output, use_cache=False)
    if data.get("laaeval") != FORMAT:
        raise UsageError(f"{output} is an evidence file of format 1; run laaeval upgrade "
                         f"{output} first (it keeps a copy as it was), then import again")
    record, framework = load_evidence(output, chosen, data=data)
    return _Existing(data, record, framework)


def _framework(chosen: Framework | None, named: tuple[str, str, str | None] | None,
               existing: _Existing | None, source: str) -> Framework:  # fmt: skip
    if chosen is not None:
        return chosen
    if named is not None:
        try:
            return resolve(named[0], named[1])
        except UsageError as exc:
            raise UsageError(f"{source} was made from the framework {shorten(named[0])} version "
                             f"{shorten(named[1])}, which laaeval cannot find ({exc.message}); "
                             "give its file with --framework") from None  # fmt: skip
    if existing is not None:
        return existing.framework
    raise UsageError(f"{source} does not say which framework it was recorded against: give "
                     "--framework (such as --framework odpm-laa-2005)")  # fmt: skip


def _read_sheets(kind: str, sources: Sequence[str], chosen: Framework | None,
                 existing: _Existing | None, found: list[Found]) -> tuple[Parts, Framework]:
    from .sheets import read_csvs, read_workbook
    from .workbook import read_criteria, read_evidence, read_pilot

    tables = read_workbook(sources[0]) if kind == WORKBOOK else read_csvs(sources)
    by_sheet = {t.sheet: t for t in tables}
    read: list[Parts] = []
    if L.PILOT in by_sheet:
        read.append(read_pilot(by_sheet[L.PILOT], found))
    named = read[0].framework if read else None
    framework = _framework(chosen, named, existing, sources[0])
    if read and named and named[2] and named[2] != framework.hash and (
            named[0], named[1]) == (framework.id, framework.version):  # fmt: skip
        found.append(_fingerprint(by_sheet[L.PILOT], read[0], framework))
    if L.CRITERIA in by_sheet:
        read.append(read_criteria(by_sheet[L.CRITERIA], framework, found))
    if L.EVIDENCE in by_sheet:
        read.append(read_evidence(by_sheet[L.EVIDENCE], framework, found))
    return combine(read), framework


def _fingerprint(table: Any, parts: Parts, framework: Framework) -> Found:
    named = parts.framework
    assert named is not None and named[2] is not None
    return table.found(
        f"the workbook was made from {framework.id} version {framework.version} with "
        f"fingerprint {named[2][7:19]}, but the framework in {framework.origin} now has "
        f"fingerprint {framework.hash[7:19]}: its text, scale or weights changed without a new "
        "version number; make a new workbook with laaeval template", parts.hash_line,
        "Value")  # fmt: skip


def _same_pilot(parts: Parts, existing: _Existing) -> None:
    """A workbook about another pilot and another round is not imported over a file: it is
    far likelier to be the wrong workbook (a blank one, say) than a change of both."""
    pilot = parts.pilot or {}
    name, round_ = str(pilot.get("name", "")), str(pilot.get("round", ""))
    old = existing.record.pilot
    if name.casefold() != old.name.casefold() and round_.casefold() != old.round.casefold():
        raise UsageError(f"{parts.file} is about {shorten(name).strip(chr(34))} "
                         f"({shorten(round_).strip(chr(34))}), but {existing.record.path} is "
                         f"about {old.name} ({old.round}); import it into a file of its own")


def _with_pilot(parts: Parts, framework: Framework, existing: _Existing | None,
                given: Given) -> Parts:  # fmt: skip
    """A new evidence file from a source that does not say whom it is about takes the
    pilot's details from the command line."""
    if parts.pilot is not None:
        if given.any:
            raise UsageError("the Pilot sheet gives the pilot's details; leave out --pilot, "
                             "--round, --region, --assessor and --detail")  # fmt: skip
        if existing is not None:
            _same_pilot(parts, existing)
        return parts
    if existing is not None:
        return parts
    pilot = pilot_from(framework, given, f"{parts.file} does not say whom it is about")
    data = Map(1)
    data.update({"name": pilot.name, "round": pilot.round})
    if pilot.region:
        data["region"] = pilot.region
    data.update(pilot.attributes)
    record = {"assessor": given.assessor} if given.assessor else {}
    return replace(parts, pilot=data, record=record, caveats=parts.caveats)
