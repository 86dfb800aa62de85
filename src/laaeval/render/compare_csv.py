"""One row per pilot and column (long form), ready to pivot in a spreadsheet."""

from __future__ import annotations

import csv
import io

from ..text import coverage_pct, csv_cell
from .compare_common import View

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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    titles = {col.id: col.title for col in v.comparison.columns} | {"overall": "Overall"}
    for _, rows in v.sections:
        for r in rows:
            details = "; ".join(f"{k}={val}" for k, val in r.details.items() if k != "region")
            for key, cell in [*r.cells.items(), ("overall", r.overall)]:
                values = (
                    r.pilot,
                    r.round,
                    r.assessor or "",
                    r.details.get("region", ""),
                    details,
                    key,
                    titles[key],
                    "" if cell.score is None else cell.score,
                    cell.band.label if cell.band else "",
                    cell.judged,
                    cell.total,
                    "" if cell.total == 0 else coverage_pct(cell.judged, cell.total),
                    cell.evidence,
                    r.file,
                )
                writer.writerow([csv_cell(x) for x in values])
    return "\ufeff" + out.getvalue()  # Excel reads UTF-8 only with a byte order mark
