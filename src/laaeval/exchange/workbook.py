"""The sheets of a filled-in workbook (or their CSV copies) read into the parts of an evidence
file: the Pilot sheet into the pilot and the record's details, the Criteria sheet into the
judgements and narrative, the Evidence sheet into evidence items.

Reading turns each cell's words into the value the evidence file holds (a rating's words
into its value, a perspective's label into its id, several ids into a list) and finds what
only a sheet can get wrong: an unknown or missing column, a row without an id, an id in two
Bears on columns. Everything else (an unknown source type, a rating without its rationale)
is found afterwards by the checks every evidence file goes through, and pointed back to the
sheet, row and column it came from (see :mod:`.merge`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from ..errors import unknown
from ..files.yamlio import Map, Seq
from ..model.evidence import PRIMARY
from ..model.framework import NOT_APPLICABLE, Framework
from . import layout as L
from .merge import Parts
from .problems import Found
from .sheets import Table, cell, describe

THROUGH_INDICATORS = "judged through its indicators"  # what the template writes, locked
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Reading:
    """One table being read: its columns by field, and the problems found so far."""

    def __init__(self, table: Table, found: list[Found]) -> None:
        self.table, self.found = table, found
        self.columns = L.COLUMNS[table.sheet]
        self.index: dict[str, int] = {}
        self._read_header()

    def _read_header(self) -> None:
        row, values = self.table.header
        known = L.by_header(self.columns)
        for n, value in enumerate(values):
            if value is None:
                continue
            column = known.get(L.header_key(value))
            if column is None:
                self.problem(unknown("column", value, [c.header for c in self.columns])
                             + "; rename it to one of laaeval's columns, or remove it",
                             row, describe(value).strip('"'))  # fmt: skip
            elif column.field in self.index:
                self.problem(f"the column {column.header} is there twice", row, column.header)
            else:
                self.index[column.field] = n

    def problem(self, message: str, row: int | None, column: str | None = None) -> None:
        order = next((n for n, c in enumerate(self.columns) if c.header == column), 99)
        self.found.append(self.table.found(message, row, column, order))

    def header_of(self, field: str) -> str:
        return next(c.header for c in self.columns if c.field == field)

    def require(self, *fields: str) -> bool:
        missing = [self.header_of(f) for f in fields if f not in self.index]
        for header in missing:
            self.problem(f"there is no column {header}, which laaeval needs",
                         self.table.header[0])  # fmt: skip
        return not missing

    def get(self, values: tuple[Any, ...], field: str) -> Any:
        return cell(values, self.index.get(field))

    def locate(self, columns: Callable[[list[str], int | None], str | None]) -> Callable[
            [list[str], int | None, str], Found]:  # fmt: skip
        """How a problem the checks find in this sheet's part is pointed back to it."""

        def at(path: list[str], line: int | None, message: str) -> Found:
            column = columns(path, line)
            order = next((n for n, c in enumerate(self.columns) if c.header == column), 99)
            return self.table.found(message, line, column, order)

        return at


# -- values in cells -----------------------------------------------------------------------


def text_of(value: Any) -> str | None:
    """A cell as text: numbers as written (12, 7.1), never 12.0."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer():
            return str(int(value))
        return repr(value)
    text = str(value)
    return text if text.strip() else None


def whole(value: Any) -> int:
    """A whole number from a cell, or a ValueError saying what is wrong."""
    if isinstance(value, bool):
        raise ValueError("should be a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if text.isdigit() or (text[:1] == "-" and text[1:].isdigit()):
        return int(text)
    raise ValueError(f"{describe(value)} is not a whole number")


# -- the Pilot sheet -----------------------------------------------------------------------


def read_pilot(table: Table, found: list[Found]) -> Parts:
    reading = Reading(table, found)
    if not reading.require("key", "value"):
        return Parts(table.file)
    rows: dict[str, int] = {}
    values: dict[str, Any] = {}
    caveats: list[tuple[int, str]] = []
    for row, cells in table.rows:
        key = text_of(reading.get(cells, "key"))
        value = reading.get(cells, "value")
        if key is None:
            if value is not None:
                reading.problem("this row has a value but no Key, so laaeval cannot tell what "
                                "it is", row, "Key")  # fmt: skip
            continue
        key = key.strip()
        if key == L.CAVEAT:
            if text_of(value):
                caveats.append((row, text_of(value) or ""))
            continue
        if key in rows:
            reading.problem(f"the key {key} is there twice (first in row {rows[key]})", row, "Key")
            continue
        rows[key] = row
        values[key] = value
    return _pilot_parts(reading, rows, values, caveats)


def _pilot_parts(reading: Reading, rows: dict[str, int], values: dict[str, Any],
                 caveats: list[tuple[int, str]]) -> Parts:  # fmt: skip
    known = {L.MARKER, L.FRAMEWORK_ID, L.FRAMEWORK_VERSION, L.FRAMEWORK_HASH, L.OVERALL,
             *L.RECORD_KEYS}  # fmt: skip
    pilot = Map(rows.get("pilot:name") or reading.table.header[0])
    record: dict[str, Any] = {}
    for key, value in values.items():
        row = rows[key]
        if key.startswith(L.PILOT_PREFIX):
            _pilot_value(reading, pilot, key[len(L.PILOT_PREFIX):], value, row)
        elif key in L.RECORD_KEYS:
            if text_of(value) is not None:
                record[L.RECORD_KEYS[key]] = text_of(value)
        elif key not in known:
            reading.problem(unknown("key", key, sorted(known | {f"{L.PILOT_PREFIX}name"}))
                            + "; the Key column says where each answer goes: leave it as "
                            "laaeval template wrote it", row, "Key")  # fmt: skip
    marker = text_of(values.get(L.MARKER))
    if marker is not None and marker != L.WORKBOOK_FORMAT:
        reading.problem(f"this workbook is {describe(marker)}, made by a newer laaeval than "
                        f"this one (which reads {L.WORKBOOK_FORMAT}); upgrade laaeval",
                        rows[L.MARKER], "Value")  # fmt: skip
    framework = _framework_given(reading, rows, values)
    overall = text_of(values.get(L.OVERALL))
    listed = Seq(caveats[0][0] if caveats else reading.table.header[0])
    for row, text in caveats:
        listed.append(text)
        listed.lines.append(row)
    lines = {field: rows[key] for key, field in L.RECORD_KEYS.items() if key in rows}
    narrative = Map(rows.get(L.OVERALL) or 1)
    if overall:
        narrative["overall"] = overall
        narrative.lines["overall"] = rows[L.OVERALL]
    value = reading.locate(lambda path, line: "Value")
    return Parts(
        reading.table.file, framework=framework,
        framework_line=rows.get(L.FRAMEWORK_VERSION) or rows.get(L.FRAMEWORK_ID),
        hash_line=rows.get(L.FRAMEWORK_HASH),
        pilot=pilot, record=record, lines={**lines, "caveats": listed.line}, caveats=listed,
        narrative=narrative, narrative_keys="overall",
        locate={"pilot": value, "record": value, "framework": value, "narrative": value},
    )  # fmt: skip


def _pilot_value(reading: Reading, pilot: Map, key: str, value: Any, row: int) -> None:
    if value is None:
        return
    if key == "group":
        try:
            pilot[key] = whole(value)
        except ValueError as exc:
            reading.problem(f"the number of pilots in a group {exc}", row, "Value")
            return
    else:
        pilot[key] = (text_of(value) or "").strip()
    pilot.lines[key] = row


def _framework_given(reading: Reading, rows: Mapping[str, int],
                     values: Mapping[str, Any]) -> tuple[str, str, str | None] | None:  # fmt: skip
    ident, version = text_of(values.get(L.FRAMEWORK_ID)), text_of(values.get(L.FRAMEWORK_VERSION))
    if ident is None and version is None:
        return None
    if ident is None or version is None:
        missing = L.FRAMEWORK_ID if ident is None else L.FRAMEWORK_VERSION
        reading.problem(f"the row {missing} is missing or empty: it says which framework the "
                        "workbook was made from", rows.get(L.FRAMEWORK_ID), "Value")  # fmt: skip
        return None
    return ident, version, text_of(values.get(L.FRAMEWORK_HASH))


# -- the Criteria sheet --------------------------------------------------------------------


def read_criteria(table: Table, framework: Framework, found: list[Found]) -> Parts:
    reading = Reading(table, found)
    if not reading.require("id"):
        return Parts(table.file)
    judgements = Map(table.header[0])
    narrative = Map(table.header[0])
    seen: dict[str, int] = {}
    known = {i.upper(): i for i in framework.all_ids()}
    for row, cells in table.rows:
        ident = text_of(reading.get(cells, "id"))
        if ident is None:
            if any(reading.get(cells, f) is not None for f in ("rating", "rationale")):
                reading.problem("this row has a judgement but no ID", row, "ID")
            continue
        ident = known.get(ident.strip().upper(), ident.strip())
        if ident in seen:
            reading.problem(f"{ident} is there twice (first in row {seen[ident]})", row, "ID")
            continue
        seen[ident] = row
        if ident not in known.values():
            reading.problem(unknown("criterion or indicator", ident, framework.all_ids()),
                            row, "ID")  # fmt: skip
            continue
        _judgement(reading, framework, ident, cells, row, judgements)
        text = text_of(reading.get(cells, "narrative"))
        if text:
            narrative[ident] = text
            narrative.lines[ident] = row
    return Parts(table.file, judgements=judgements, narrative=narrative, narrative_keys="parts",
                 locate={"judgements": reading.locate(_judgement_column),
                         "narrative": reading.locate(lambda path, line: "Narrative")})


def _judgement(reading: Reading, framework: Framework, ident: str, cells: tuple[Any, ...],
               row: int, judgements: Map) -> None:  # fmt: skip
    judgement = Map(row)
    raw = reading.get(cells, "rating")
    if isinstance(raw, str) and raw.strip().casefold() == THROUGH_INDICATORS:
        raw = None
    if raw is not None:
        try:
            rating = L.parse_rating(raw, framework, ident)
        except ValueError as exc:
            reading.problem(str(exc), row, "Rating")
            return
        if isinstance(rating, str) and rating != NOT_APPLICABLE and (
                rating not in framework.verdicts_by_id):  # fmt: skip
            words = [w for w, _ in L.rating_choices(framework, ident)]
            reading.problem(unknown("rating", rating, words)
                            + f" (choose from the list: {', '.join(words)})", row, "Rating")
            return
        judgement["rating"] = rating
    rationale = text_of(reading.get(cells, "rationale"))
    if rationale is not None:
        judgement["rationale"] = rationale
    contested = text_of(reading.get(cells, "contested"))
    if contested is not None:
        word = contested.strip().casefold()
        if word not in (L.YES, L.NO, "true", "false"):
            reading.problem(f"{describe(contested)} should be yes or no (or left empty)", row,
                            "Contested (your finding)")  # fmt: skip
            return
        judgement["contested"] = word in (L.YES, "true")
    if judgement:
        judgement.lines.update({key: row for key in judgement})
        judgements[ident] = judgement
        judgements.lines[ident] = row


def _judgement_column(path: list[str], line: int | None) -> str | None:
    field = path[2] if len(path) > 2 else None
    return {"rating": "Rating", "rationale": "Rationale",
            "contested": "Contested (your finding)"}.get(field or "", "ID")  # fmt: skip


# -- the Evidence sheet --------------------------------------------------------------------


def read_evidence(table: Table, framework: Framework, found: list[Found]) -> Parts:
    reading = Reading(table, found)
    if not reading.require("id", "summary"):
        return Parts(table.file)
    lookup = L.id_lookup(framework)
    items: list[Any] = Seq(table.header[0])
    stances: dict[int, dict[str, str]] = {}
    rows: dict[str, int] = {}
    for row, cells in table.rows:
        item = _item(reading, framework, lookup, cells, row)
        if item is not None and item["id"] in rows:
            reading.problem(f"the id {item['id']} is used twice (first in row {rows[item['id']]})"
                            "; give each piece of evidence its own", row, "ID")  # fmt: skip
        elif item is not None:
            rows[item["id"]] = row
            items.append(item)
            items.lines.append(row)
            stances[row] = dict(item["bears_on"])
    return Parts(table.file, evidence=items,
                 locate={"evidence": reading.locate(_evidence_column(stances))})


_TEXT_FIELDS = ("organisation", "speaker", "summary", "quote", "reference", "paragraph", "page",
                "link", "date", "prevalence", "counted")  # fmt: skip


def _item(reading: Reading, framework: Framework, lookup: dict[str, str],
          cells: tuple[Any, ...], row: int) -> Map | None:  # fmt: skip
    ident = text_of(reading.get(cells, "id"))
    if ident is None:
        reading.problem("this row has no ID: give every piece of evidence an id, such as E12, "
                        "different from the others", row, "ID")  # fmt: skip
        return None
    item = Map(row)
    item["id"] = ident.strip()
    for key in ("basis", "directness"):
        word = text_of(reading.get(cells, key))
        if word is not None:
            item[key] = word.strip().casefold()
    _sources(reading, framework, item, text_of(reading.get(cells, "sources")), row)
    _perspective(reading, framework, item, text_of(reading.get(cells, "perspective")), row)
    for key in _TEXT_FIELDS:
        value = text_of(reading.get(cells, key))
        if value is not None:
            item[key] = value.strip() if key not in ("summary", "quote") else value
    if "date" in item and not _DATE.fullmatch(item["date"]):
        reading.problem(f"{describe(item.pop('date'))} is not a date written YYYY-MM-DD (such "
                        "as 2005-01-19)", row, "Date")  # fmt: skip
    for key in ("count", "out_of"):
        value = reading.get(cells, key)
        if value is not None:
            try:
                item[key] = whole(value)
            except ValueError as exc:
                reading.problem(str(exc), row, reading.header_of(key))
    item["bears_on"] = _bears_on(reading, lookup, cells, row)
    item.lines.update({key: row for key in item})
    return item


def _sources(reading: Reading, framework: Framework, item: Map, text: str | None,
             row: int) -> None:  # fmt: skip
    known = framework.source_types_by_id
    listed = Seq(row)
    for token in L.split_ids(text or ""):
        if token.casefold() in known:
            listed.append(token.casefold())
            listed.lines.append(row)
        else:
            reading.problem(unknown("source type", token, known), row, "Sources")
    if listed:
        item["sources"] = listed
    elif text is None and item.get("basis", PRIMARY) == PRIMARY:
        reading.problem("primary evidence needs its kind of source, from the list (such as "
                        f"{next(iter(known))}); or write synthesis in Basis", row, "Sources")


def _perspective(reading: Reading, framework: Framework, item: Map, text: str | None,
                 row: int) -> None:  # fmt: skip
    if text is None:
        if item.get("basis", PRIMARY) == PRIMARY:
            reading.problem("primary evidence needs the perspective it speaks for, from the "
                            "list; or write synthesis in Basis", row, "Perspective")  # fmt: skip
        return
    ident = L.parse_perspective(text, framework)
    if ident in framework.perspectives_by_id:
        item["perspective"] = ident
        return
    words = [L.perspective_text(p.id, framework) or p.id for p in framework.perspectives]
    reading.problem(unknown("perspective", text, words) + f" (one of: {', '.join(words)})", row,
                    "Perspective")  # fmt: skip


def _bears_on(reading: Reading, lookup: dict[str, str], cells: tuple[Any, ...],
              row: int) -> Map:  # fmt: skip
    bears = Map(row)
    for stance in L.STANCE_FIELDS:
        text = text_of(reading.get(cells, stance))
        for token in L.split_ids(text or ""):
            ident = L.known_id(token, lookup)
            if ident in bears and bears[ident] != stance:
                reading.problem(f"{ident} is also in Bears on ({bears[ident]}): an item "
                                "supports, challenges or is neutral on each point, not two of "
                                "these", row, reading.header_of(stance))  # fmt: skip
                continue
            bears[ident] = stance
            bears.lines[ident] = row
    if not bears:
        reading.problem("the item bears on nothing: put the ids of the criteria or indicators "
                        "it bears on in Bears on (supports), (challenges) or (neutral)", row,
                        reading.header_of("supports"))  # fmt: skip
    return bears


def _evidence_column(stances: Mapping[int, Mapping[str, str]]) -> Callable[
        [list[str], int | None], str | None]:  # fmt: skip
    headers = {c.field: c.header for c in L.EVIDENCE_COLUMNS}

    def column(path: list[str], line: int | None) -> str | None:
        field = path[2] if len(path) > 2 else "id"
        if field == "bears_on":
            target = path[3] if len(path) > 3 else None
            stance = stances.get(line or 0, {}).get(target or "", "supports")
            return headers[stance]
        return headers.get(field, headers["id"])

    return column
