"""One row per pilot and column (long form), ready to pivot in a spreadsheet."""

from __future__ import annotations

from collections.abc import Iterator

from ...text import coverage_pct, csv_table
from ..matrix import PilotRow
from ..views import View

COLUMNS = (
    "pilot",
    "round",
    "assessor",
    "region",
    "details",
    "column",
    "title",
    "score",
    "band",
    "judged",
    "applicable",
    "coverage",
    "evidence items",
    "file",
)


def render(v: View) -> str:
    titles = {col.id: col.title for col in v.comparison.columns} | {"overall": "Overall"}
    rows = (line for _, section in v.sections for r in section for line in _lines(r, titles))
    if v.comparison.older:  # across versions: what became of each column, and each cell
        marks = {col.id: col.note or "" for col in v.comparison.columns}
        rows = (line + (marks.get(str(line[5]), ""),) for line in rows)
        return csv_table((*COLUMNS, VERSIONS), rows, bom=True)
    return csv_table(COLUMNS, rows, bom=True)  # Excel reads UTF-8 only with a BOM


VERSIONS = "across versions"


def _lines(r: PilotRow, titles: dict[str, str]) -> Iterator[tuple[object, ...]]:
    details = "; ".join(f"{k}={val}" for k, val in r.details.items() if k != "region")
    for key, cell in [*r.cells.items(), ("overall", r.overall)]:
        yield (
            r.pilot, r.round, r.assessor or "", r.details.get("region", ""), details, key,
            titles[key], "" if cell.score is None else cell.score,
            cell.band.label if cell.band else "", cell.judged, cell.total,
            "" if cell.total == 0 else coverage_pct(cell.judged, cell.total), cell.evidence,
            r.file,
        )  # fmt: skip
