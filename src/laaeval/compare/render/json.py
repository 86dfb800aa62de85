"""The whole comparison as JSON (``compare/1``): matrix, summaries, trends, agreement."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ...report.json import scored
from ..agreement import Agreement
from ..matrix import Cell, Column, ColumnSummary, PilotRow, Shortfall, is_deep
from ..rounds import Trend
from ..views import View


def render(v: View) -> str:
    return "".join(chunks(v))


def chunks(v: View) -> Iterator[str]:
    """The document a piece at a time: each row (and each trend) is turned into text as
    it is reached and let go, so thousands of rows never exist as objects, nor the whole
    document as one text, at once. The bytes are those of ``json.dumps`` of the whole."""
    c = v.comparison
    head = {
        "laaeval": "compare/1",
        "framework": {
            "id": c.framework.id,
            "version": c.framework.version,
            "hash": c.framework.hash,
        },
        "by": c.by,
        "leave_out_provisional": c.leave_out_provisional,
        "columns": [_column(col, is_deep(c.columns)) for col in c.columns],
        "older_versions": [{"id": f.id, "version": f.version, "hash": f.hash} for f in c.older],
    }
    # Not indented: a programme's comparison is large, and only the compact form is
    # written by Python's fast JSON encoder. Pipe it through `jq .` to read it.
    yield _dumps(head)[:-1] + ', "groups": ['
    for n, (heading, rows) in enumerate(v.sections):
        yield ("," if n else "") + '{"group":' + _dumps(heading) + ',"rows":['
        for m, r in enumerate(rows):
            yield ("," if m else "") + _dumps(_row(r))
        yield "]}"
    yield "], " + _dumps({"summaries": {key: _summary(s) for key, s in c.summaries.items()},
                          "least_evidenced": [_shortfall(s) for s in v.shortfalls]})[1:-1]
    yield ', "trends": ['
    for n, t in enumerate(v.trends):
        yield (", " if n else "") + _dumps(_trend(t))
    yield "], " + _dumps({"agreement": [_agreement(a) for a in v.agreements],
                          "skipped": [e.one_line() for e in c.skipped]})[1:] + "\n"


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _column(col: Column, deep: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"id": col.id, "title": col.title}
    if deep:  # a deep framework by level: where the column sits (1 an aspect, 2 a level…)
        out |= {"depth": col.depth, "within": col.within}
    if col.mark:  # across versions: new, moved, changed or dropped, and what that means
        out |= {"change": col.mark, "change_note": col.note}
    return out


def _summary(s: ColumnSummary) -> dict[str, Any]:
    return {"mean": s.mean, "scored": s.scored, "applicable": s.applicable,
            "evidenced": s.evidenced, "bands": dict(s.bands), "provisional": s.provisional,
            "verdicts": s.verdicts, "in_mean": s.in_mean, "left_out": s.left_out}  # fmt: skip


def _shortfall(s: Shortfall) -> dict[str, Any]:
    return {"id": s.column, "title": s.title, "unevidenced": s.unevidenced,
            "applicable": s.applicable}  # fmt: skip


def _trend(t: Trend) -> dict[str, Any]:
    return {
        "pilot": t.pilot,
        "rounds": [r.round for r in t.rows],
        "overall": [r.overall.score for r in t.rows],
        "changes": [
            {"id": ch.column, "from": ch.before.score, "to": ch.after.score,
             "delta": ch.delta, "kinds": ch.kinds}
            for ch in t.overall_changes() if ch.kinds
        ],
        "most_improved": [ch.column for ch in t.most_improved()],
        "most_declined": [ch.column for ch in t.most_declined()],
    }


def _agreement(a: Agreement) -> dict[str, Any]:
    return {
        "pilot": a.pilot,
        "round": a.round,
        "assessors": list(a.assessors),
        "indicators_rated_by_several": a.units,
        "agreed": a.agreed,
        "krippendorff_alpha_ordinal": None if a.alpha is None else round(a.alpha, 3),
        "disagreements": [{"id": u, "ratings": list(r)} for u, r in a.disagreements],
    }


def _cell(cell: Cell) -> dict[str, Any]:
    band = cell.band.label if cell.band else None
    out = {**scored(cell.score, band, cell.judged, cell.total), "evidence": cell.evidence,
           "provisional": cell.provisional, "verdict": cell.verdict}  # fmt: skip
    if cell.absent:
        out["absent"] = True  # no like-for-like column in the file's framework version
    return out


def _row(r: PilotRow) -> dict[str, Any]:
    out = {
        "file": r.file,
        "pilot": r.pilot,
        "round": r.round,
        "assessor": r.assessor,
        "details": dict(r.details),
        "overall": _cell(r.overall),
    }
    if r.passed is not None:  # the framework has a pass to give (a required importance)
        out["passed"] = r.passed
    out["cells"] = {key: _cell(cell) for key, cell in r.cells.items()}
    return out
