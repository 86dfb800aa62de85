"""What a workbook, a CSV sheet or a coded project says, put together with the evidence file
it updates (if there is one), then checked as any evidence file is: against the schema and by
``model/checks.py``, every problem mapped back to the sheet, row and column it came from.

A source says some parts of an evidence file (a Pilot sheet: the pilot and the record's
details; a Criteria sheet: the judgements and narrative; an Evidence sheet or a coded project:
evidence items). What it does not say is kept from the file it updates.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import LaaevalError
from ..files import schema
from ..files.yamlio import Map
from ..model.checks import check_evidence
from ..model.evidence import (
    FORMAT,
    EvidenceFile,
    evidence_from_data,
    item_data,
    now_stamp,
    to_data,
)
from ..model.framework import Framework
from .problems import Found

# Where a problem in one part of the assembled file is: (key path, the line given to the
# part's data, the message) -> the place in the source. None: the part came from the file
# being updated, whose own line and key path are told instead.
Locate = Callable[[list[str], "int | None", str], Found]
RECORD_FIELDS = ("assessor", "created", "updated", "notes", "method")


@dataclass(frozen=True)
class Parts:
    """The parts of an evidence file one source gives, and how to point into it."""

    file: str
    framework: tuple[str, str, str | None] | None = None  # id, version, fingerprint
    framework_line: int | None = None
    hash_line: int | None = None  # where the workbook gives the framework's fingerprint
    pilot: Mapping[str, Any] | None = None
    record: Mapping[str, Any] = field(default_factory=dict)  # the record fields it gives
    lines: Mapping[str, int] = field(default_factory=dict)  # where each record field is
    caveats: list[str] | None = None
    narrative: Mapping[str, str] | None = None
    narrative_keys: str | None = None  # "overall", "parts" (all but overall), "all", None
    evidence: list[Any] | None = None
    replaces: Callable[[str], bool] | None = None  # the existing items its evidence replaces
    judgements: Mapping[str, Any] | None = None
    locate: Mapping[str, Locate] = field(default_factory=dict)  # part -> where a problem is


def combine(parts: list[Parts]) -> Parts:
    """Several CSV sheets as one source: each gives its own parts."""
    out = parts[0]
    for more in parts[1:]:
        given = {k: v for k, v in vars(more).items() if v is not None and k not in (
            "file", "locate", "record", "lines", "narrative", "narrative_keys")}  # fmt: skip
        keys = {out.narrative_keys, more.narrative_keys} - {None}
        out = replace(out, **given, record={**out.record, **more.record},
                      lines={**out.lines, **more.lines},
                      locate={**out.locate, **more.locate, **_narrative_locate(out, more)},
                      narrative=_both(out.narrative, more.narrative) if keys else None,
                      narrative_keys=(keys.pop() if len(keys) == 1 else "all") if keys else None)
    return out


def _both(a: Mapping[str, str] | None, b: Mapping[str, str] | None) -> Map:
    """Two parts' narrative in one, each text keeping the line (row) it came from."""
    out = Map(1)
    for part in (a or {}, b or {}):
        for key, text in part.items():
            out[key] = text
            line = getattr(part, "lines", {}).get(key)
            if line is not None:
                out.lines[key] = line
    return out


def _narrative_locate(a: Parts, b: Parts) -> dict[str, Locate]:
    """The overall narrative is on one sheet (Pilot), the rest on another (Criteria)."""
    if "narrative" not in a.locate or "narrative" not in b.locate:
        return {}
    overall, parts = (a, b) if a.narrative_keys == "overall" else (b, a)

    def locate(path: list[str], line: int | None, message: str) -> Found:
        owner = overall if path[1:2] == ["overall"] else parts
        return owner.locate["narrative"](path, line, message)

    return {"narrative": locate}


def assemble(parts: Parts, framework: Framework, existing: Any | None) -> dict[str, Any]:
    """The evidence file's data: the source's parts over what ``existing`` (the data of the
    file being updated, or None) says."""
    base = existing or {}
    data: dict[str, Any] = Map(1)
    data["laaeval"] = FORMAT
    data["framework"] = _framework(parts, framework, base)
    data["pilot"] = parts.pilot if parts.pilot is not None else base.get("pilot", {})
    for key in RECORD_FIELDS:
        value = parts.record.get(key) if parts.pilot is not None else base.get(key)
        if value is not None:
            data[key] = value
    caveats = parts.caveats if parts.caveats is not None else base.get("caveats")
    if caveats:
        data["caveats"] = caveats
    data.lines.update(parts.lines)
    narrative = _narrative(parts, base.get("narrative") or {})
    if narrative:
        data["narrative"] = narrative
    data["evidence"] = _evidence(parts, base.get("evidence") or [])
    judgements = parts.judgements if parts.judgements is not None else base.get("judgements")
    data["judgements"] = judgements or {}
    return data


def _framework(parts: Parts, framework: Framework, base: Any) -> Map:
    out = Map(parts.framework_line or 1)
    out["id"], out["version"] = framework.id, framework.version
    if parts.framework is not None:
        out["id"], out["version"] = parts.framework[0], parts.framework[1]
    elif base.get("framework"):
        out["id"], out["version"] = base["framework"]["id"], base["framework"]["version"]
    out["hash"] = framework.hash
    return out


def _narrative(parts: Parts, base: Mapping[str, str]) -> dict[str, str]:
    given = parts.narrative or {}
    if parts.narrative_keys is None:
        return dict(base)
    if parts.narrative_keys == "all":
        return dict(given)
    mine = (lambda k: k == "overall") if parts.narrative_keys == "overall" else (
        lambda k: k != "overall")  # fmt: skip
    out = {k: v for k, v in base.items() if not mine(k)}
    out.update(given)
    return out


def _evidence(parts: Parts, base: list[Any]) -> list[Any]:
    if parts.evidence is None:
        return list(base)
    if parts.replaces is None:
        return parts.evidence
    kept = [item for item in base if not parts.replaces(str(item["id"]))]
    return [*kept, *parts.evidence]


# -- checking ----------------------------------------------------------------------------


def check(data: dict[str, Any], parts: Parts, framework: Framework, output: str,
          already: list[Found]) -> list[Found]:  # fmt: skip
    """Every problem with the assembled file, each at its place in the source, in one pass:
    the schema's, then what a schema cannot see. A value the schema refuses is set aside
    (told once) so that the checks can still look at everything else; a place that already
    has a problem told (while reading, or by the schema) is not told again."""
    found: list[Found] = []
    told = {_place(f) for f in already}
    # Values set aside go from a copy, so that ``data`` stays whole; most files need none.
    trial = copy.deepcopy(data) if _schema_errors(data) else data
    for _ in range(_ROUNDS):
        errors = _schema_errors(trial)
        if not errors:
            break
        for error in errors:
            _tell(_schema_found(error, trial, parts, output), found, told)
        if not all([_set_aside(trial, list(error.absolute_path)) for error in errors]):
            return found  # the file's very shape is wrong: the checks cannot run
        trial["evidence"] = [item for item in trial["evidence"] if item is not None]
    else:
        return found
    for error in check_evidence(trial, framework, output):
        _tell(_checks_found(error, parts, output), found, told)
    return found


_ROUNDS = 5
_REQUIRED = {"evidence": ("id", "summary", "bears_on")}


def _place(found: Found) -> tuple[Any, ...]:
    return (found.file, found.where, found.row, found.column)


def _tell(problem: Found, found: list[Found], told: set[tuple[Any, ...]]) -> None:
    if _place(problem) not in told:
        told.add(_place(problem))
        found.append(problem)


def _set_aside(data: dict[str, Any], path: list[Any]) -> bool:
    """Take out the value the schema refused at ``path`` (the field, or the whole item or
    judgement it spoils); False where that would leave no file to check."""
    if not path:
        return False
    head = path[0]
    if head == "evidence" and len(path) >= 2:
        items = data["evidence"]
        n = path[1]
        if not isinstance(n, int) or n >= len(items) or items[n] is None:
            return True
        field = path[2] if len(path) >= 3 else None
        if field is not None and field not in _REQUIRED["evidence"]:
            items[n].pop(field, None)
        elif field == "bears_on" and len(path) >= 4 and len(items[n]["bears_on"]) > 1:
            items[n]["bears_on"].pop(path[3], None)
        else:
            items[n] = None  # dropped after the round, so the indexes stay as the errors say
        return True
    if head in ("judgements", "narrative") and len(path) >= 2:
        container = data.get(head) or {}
        if head == "judgements" and len(path) >= 3 and path[1] in container:
            container[path[1]].pop(path[2], None)
        else:
            container.pop(path[1], None)
        return True
    if head == "pilot" and len(path) >= 2 and path[1] not in ("name", "round"):
        data["pilot"].pop(path[1], None)
        return True
    if head in ("caveats", *RECORD_FIELDS):
        data.pop(head, None)
        return True
    return False


def _schema_errors(data: Any) -> list[Any]:
    if schema.fast_check("evidence")(data):  # the quick check passes valid files at once
        return []
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema.load_schema("evidence"))
    return sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])


def _schema_found(error: Any, data: Any, parts: Parts, output: str) -> Found:
    path = [str(p) for p in error.absolute_path]
    message = schema._describe(error)  # the schema's own words for what is wrong
    line = _line_at(data, list(error.absolute_path))
    return _at(path, line, message, parts, output)


def _line_at(data: Any, path: list[Any]) -> int | None:
    """The line recorded for the deepest container along ``path``."""
    node, line = data, getattr(data, "line", None)
    for step in path:
        lines = getattr(node, "lines", None)
        in_map = isinstance(lines, dict) and step in lines
        in_list = isinstance(lines, list) and isinstance(step, int) and step < len(lines)
        if in_map or in_list:
            line = lines[step]  # type: ignore[index]
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return line


def _checks_found(error: LaaevalError, parts: Parts, output: str) -> Found:
    path = (error.path or "").split(" › ") if error.path else []
    return _at(path, error.line, error.message, parts, output)


def _at(path: list[str], line: int | None, message: str, parts: Parts, output: str) -> Found:
    section = _section(path[0] if path else "framework")
    locate = parts.locate.get(section)
    if locate is not None:
        return locate(path, line, message)
    where = ", ".join(p for p in (f"line {line}" if line else None,
                                  f"at {' › '.join(path)}" if path else None) if p)  # fmt: skip
    return Found(output, message, where or None, order=(9, line or 0, 0))


def _section(key: str) -> str:
    return {"assessor": "record", "created": "record", "updated": "record", "notes": "record",
            "method": "record", "caveats": "record"}.get(key, key)  # fmt: skip


# -- the result --------------------------------------------------------------------------


@dataclass(frozen=True)
class Merged:
    record: EvidenceFile
    data: dict[str, Any]


def result(data: dict[str, Any], output: str, before: EvidenceFile | None) -> Merged:
    """The checked data as an evidence file, stamped: started when the file was (or now),
    updated now if anything changed."""
    record = evidence_from_data(data, output)
    stamp = now_stamp()
    if before is None:
        record = replace(record, created=record.created or stamp,
                         updated=record.updated or stamp)  # fmt: skip
    elif _same(record, before):
        record = replace(before, path=output)
    else:
        record = replace(_keeping_order(record, before), created=record.created or before.created,
                         updated=stamp)  # fmt: skip
    return Merged(record, to_data(record))


def _keeping_order(record: EvidenceFile, before: EvidenceFile) -> EvidenceFile:
    """The updated file written as close to the old one as it can be, so that its
    difference in version control is what changed: an item that says the same keeps its
    own order of points, and judgements keep the old file's order, new ones after."""
    old_items = {i.id: i for i in before.evidence}
    items = tuple(old_items[i.id] if i.id in old_items and item_data(old_items[i.id]) ==
                  item_data(i) else i for i in record.evidence)  # fmt: skip
    judgements = {k: record.judgements[k] for k in before.judgements if k in record.judgements}
    judgements.update(record.judgements)
    return replace(record, evidence=items, judgements=judgements)


def _same(a: EvidenceFile, b: EvidenceFile) -> bool:
    def plain(r: EvidenceFile) -> dict[str, Any]:
        d = to_data(r)
        d.pop("updated", None)
        d.pop("created", None)
        d["framework"].pop("hash", None)
        return d

    return plain(a) == plain(b)
