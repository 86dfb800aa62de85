"""One row per pilot and column (long form), ready to pivot in a spreadsheet."""

from __future__ import annotations

from collections.abc import Iterator

from ...text import coverage_pct, csv_lines
from ..matrix import PilotRow, is_deep
from ..views import View
from .lines import pass_text

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
    where = places(v)
    gated = v.comparison.gated
    rows = (placed(line, where, "") for _, section in v.sections for r in section
            for line in _lines(r, titles, marks, gated))  # fmt: skip
    header = long_header(v)
    line = csv_lines()
    yield "\ufeff" + line(header)  # Excel reads UTF-8 only with a BOM
    for row in rows:
        yield line(row, cells=True)


VERSIONS = "across versions"
PLACE = ("depth", "within")  # for a deep framework, after the title: where a column sits
_AFTER_TITLE = COLUMNS.index("title") + 1


def long_header(v: View) -> tuple[str, ...]:
    """The long form's columns, with where each column sits for a deep framework (as the
    report's CSV says, depth 2 a level, 3 a group within one…, and the group it is in),
    and what became of it across versions."""
    header = COLUMNS
    if v.comparison.gated:  # on each pilot's overall line: whether it passes
        header = (*COLUMNS[:-1], PASSES, COLUMNS[-1])
    if is_deep(v.comparison.columns):
        header = (*header[:_AFTER_TITLE], *PLACE, *header[_AFTER_TITLE:])
    return (*header, VERSIONS) if v.comparison.older else header


def places(v: View) -> dict[str, tuple[int, str | None]] | None:
    """Column id → (depth, the group it sits in) for a deep framework; None otherwise."""
    columns = v.comparison.columns
    if not is_deep(columns):
        return None
    return {col.id: (col.depth, col.within) for col in columns} | {"overall": (0, None)}


def placed(line: tuple[object, ...], where: dict[str, tuple[int, str | None]] | None,
           blank: object) -> tuple[object, ...]:  # fmt: skip
    """A long-form line with its column's place after its title, where there is one
    (``blank`` for the whole, which sits in nothing)."""
    if where is None:
        return line
    depth, within = where[str(line[COLUMNS.index("column")])]
    return (*line[:_AFTER_TITLE], depth, blank if within is None else within,
            *line[_AFTER_TITLE:])
ABSENT = "no score to compare here"


PASSES = "passes"


def _lines(r: PilotRow, titles: dict[str, str], marks: dict[str, str] | None,
           gated: bool = False) -> Iterator[tuple[object, ...]]:  # fmt: skip
    details = "; ".join(f"{k}={val}" for k, val in r.details.items() if k != "region")
    for key, cell in [*r.cells.items(), ("overall", r.overall)]:
        line = (
            r.pilot, r.round, r.assessor or "", r.details.get("region", ""), details, key,
            titles[key], "" if cell.score is None else cell.score,
            cell.band.label if cell.band else "", cell.judged, cell.total,
            "" if cell.total == 0 else coverage_pct(cell.judged, cell.total), cell.evidence,
            r.file,
        )  # fmt: skip
        if gated:  # whether the pilot passes, said once: on its overall line
            passes = pass_text(r.passed) if key == "overall" else ""
            line = (*line[:-1], passes, line[-1])
        if marks is not None:
            said = (ABSENT if cell.absent else "", marks.get(key, ""))
            line += ("; ".join(part for part in said if part),)
        yield line
