"""One row per pilot and column (long form), ready to pivot in a spreadsheet."""

from __future__ import annotations

from collections.abc import Iterator

from ...text import coverage_pct, csv_lines
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
    return "".join(chunks(v))


def chunks(v: View) -> Iterator[str]:
    """The CSV a line at a time, the same bytes as :func:`~laaeval.text.csv_table` of the
    whole: thousands of pilots are never held as one text."""
    titles = {col.id: col.title for col in v.comparison.columns} | {"overall": "Overall"}
    # Across versions: one more column, saying what became of each column in the crosswalk.
    marks = {col.id: col.note or "" for col in v.comparison.columns} if (
        v.comparison.older) else None  # fmt: skip
    rows = (line for _, section in v.sections for r in section
            for line in _lines(r, titles, marks))  # fmt: skip
    header = COLUMNS if marks is None else (*COLUMNS, VERSIONS)
    line = csv_lines()
    yield "\ufeff" + line(header)  # Excel reads UTF-8 only with a BOM
    for row in rows:
        yield line(row, cells=True)


VERSIONS = "across versions"
ABSENT = "no score to compare here"


def _lines(r: PilotRow, titles: dict[str, str],
           marks: dict[str, str] | None) -> Iterator[tuple[object, ...]]:  # fmt: skip
    details = "; ".join(f"{k}={val}" for k, val in r.details.items() if k != "region")
    for key, cell in [*r.cells.items(), ("overall", r.overall)]:
        line = (
            r.pilot, r.round, r.assessor or "", r.details.get("region", ""), details, key,
            titles[key], "" if cell.score is None else cell.score,
            cell.band.label if cell.band else "", cell.judged, cell.total,
            "" if cell.total == 0 else coverage_pct(cell.judged, cell.total), cell.evidence,
            r.file,
        )  # fmt: skip
        if marks is not None:
            said = (ABSENT if cell.absent else "", marks.get(key, ""))
            line += ("; ".join(part for part in said if part),)
        yield line
