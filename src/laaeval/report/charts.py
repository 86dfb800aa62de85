"""The report's charts as pictures (PNG), for the Word report: the same charts as the HTML
report's SVG (report/svg.py), on the same layout and in the same colours, drawn at twice
the size for print. Every bar has its number and band written beside it, so colour is
never the only signal."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..scoring.result import NOT_JUDGED, Assessment, CriterionScore, GroupScore
from ..text import fmt_coverage, fmt_score, one_line
from . import svg
from .raster import RGB, WHITE, Canvas, faces, rgb
from .words import band_text

S = 2  # pixels per unit of the SVG layout
INK, MUTED, GRID, TRACK = rgb(svg.INK), rgb(svg.MUTED), rgb(svg.GRID), rgb(svg.TRACK)


@dataclass(frozen=True)
class Chart:
    title: str  # what it shows, in words (the picture's alternative text)
    png: bytes
    width: int  # pixels
    height: int


def _who(a: Assessment) -> str:
    pilot = a.record.pilot
    return f"{one_line(pilot.name)} ({one_line(pilot.round)})"


def _text(canvas: Canvas, x: float, y: float, text: str, colour: RGB = INK, *,
          face: str = "regular", anchor: str = "start", width: float | None = None,
          background: RGB = WHITE) -> None:  # fmt: skip
    """Text at layout units ``x``, ``y`` (its baseline), shortened to ``width`` units."""
    words = one_line(text)
    if width is not None:
        words = faces()[face].fit(words, width * S)
    canvas.text(x * S, y * S, words, colour, face=face, anchor=anchor, background=background)


def _axis(canvas: Canvas, x: float, width: float, top: float, bottom: float) -> None:
    for mark in (0, 25, 50, 75, 100):
        at = x + width * mark / 100
        canvas.rect(at * S, top * S, 1, (bottom - top) * S, GRID)
        _text(canvas, at, top - 4, f"{mark}%", MUTED, face="small", anchor="middle")


def _chart(title: str, canvas: Canvas) -> Chart:
    return Chart(title, canvas.png(), canvas.width, canvas.height)


# -- the charts --------------------------------------------------------------------------------


def score_by_criterion(a: Assessment) -> Chart:
    label_w, bar_x, bar_w, _ = svg.bar_layout(a)
    row_h, top = 17, 26
    by_id = {c.id: c for c in a.criteria}
    rows = sum(1 + len(aspect.criteria) for aspect in a.aspects)
    height = top + rows * row_h + 4 * len(a.aspects) + 4
    canvas = Canvas(svg.WIDTH * S, height * S)
    y = top
    _axis(canvas, bar_x, bar_w, top, height - 4)
    for aspect in a.aspects:
        y += 4
        _text(canvas, 0, y + 11, aspect.title, face="bold", width=svg.WIDTH)
        y += row_h
        for cid in aspect.criteria:
            _criterion_bar(canvas, by_id[cid], y, label_w, bar_x, bar_w)
            y += row_h
    return _chart(f"Score by criterion, {_who(a)}, coloured by band", canvas)


def _criterion_bar(canvas: Canvas, c: CriterionScore, y: float, label_w: float, bar_x: float,
                   bar_w: float) -> None:  # fmt: skip
    _text(canvas, label_w, y + 11, c.id, anchor="end", width=label_w)
    if not c.applicable:
        _text(canvas, bar_x + 4, y + 11, "not applicable", MUTED)
        return
    if c.score is None:
        _text(canvas, bar_x + 4, y + 11, c.verdict.label if c.verdict else "not yet judged",
              MUTED, width=bar_w)  # fmt: skip
        return
    width = bar_w * c.score / 100
    fill = svg.bar_fill(c)
    if fill is not None:
        canvas.rect(bar_x * S, (y + 2) * S, width * S, 11 * S, rgb(fill))
    else:  # a provisional score is an outline: there is a number, not a band
        canvas.outline(bar_x * S, (y + 2) * S, max(width * S, 2), 11 * S, MUTED)
    words = f"{fmt_score(c.score)} {band_text(c)}".strip()
    _text(canvas, bar_x + bar_w + 8, y + 11, words, width=svg.WIDTH - bar_x - bar_w - 8)


def _groups(a: Assessment) -> Iterator[tuple[int, GroupScore]]:
    yield 0, a.overall
    for aspect in a.aspects:
        yield 1, aspect
        for level in aspect.levels:
            yield 2, level


def coverage_chart(a: Assessment) -> Chart:
    bar_x, bar_w, row_h, top = 244, 300, 19, 26
    groups = list(_groups(a))
    height = top + row_h * len(groups) + 4
    canvas = Canvas(svg.WIDTH * S, height * S)
    _axis(canvas, bar_x, bar_w, top, height - 4)
    y = top
    for depth, group in groups:
        title = "Overall" if group.kind == "overall" else group.title
        indent = 14 if depth == 2 else 0
        _text(canvas, indent, y + 12, title, face="bold" if depth < 2 else "regular",
              width=bar_x - indent - 8)  # fmt: skip
        canvas.rect(bar_x * S, (y + 3) * S, bar_w * S, 12 * S, TRACK)
        if group.total:
            share = group.judged / group.total
            canvas.rect(bar_x * S, (y + 3) * S, bar_w * share * S, 12 * S, rgb(svg.COVERAGE_FILL))
            words = f"{fmt_coverage(group.judged, group.total)} ({group.judged} of {group.total})"
        else:
            words = "nothing applicable"
        _text(canvas, bar_x + bar_w + 8, y + 12, words, width=svg.WIDTH - bar_x - bar_w - 8)
        y += row_h
    return _chart(f"Coverage, {_who(a)}: share of applicable indicators judged", canvas)


def strength_chart(a: Assessment) -> Chart:
    bar_x, bar_w, row_h, top = 244, 300, 21, 8
    groups = [(d, g) for d, g in _groups(a) if d < 2]
    height = top + row_h * len(groups) + 6 + 24
    canvas = Canvas(svg.WIDTH * S, height * S)
    y = top
    for _, group in groups:
        title = "Overall" if group.kind == "overall" else group.title
        _text(canvas, 0, y + 13, title, face="bold", width=bar_x - 8)
        counts = {**group.strength,
                  NOT_JUDGED: group.criteria_applicable - sum(group.strength.values())}
        _stack(canvas, counts, group.criteria_applicable, bar_x, y + 3, bar_w)
        n = group.criteria_applicable
        _text(canvas, bar_x + bar_w + 8, y + 13, "1 criterion" if n == 1 else f"{n} criteria")
        y += row_h
    _legend(canvas, 0, y + 6)
    return _chart(f"Strength of evidence by aspect, {_who(a)}: criteria counted (a strength "
                  "is given once a criterion is judged)", canvas)  # fmt: skip


def _stack(canvas: Canvas, counts: dict[str, int], total: int, x: float, y: float,
           width: float) -> None:  # fmt: skip
    if not total:
        _text(canvas, x + 4, y + 10, "nothing applicable", MUTED)
        return
    at = x
    for strength in svg.SEGMENTS:
        n = counts.get(strength, 0)
        if not n:
            continue
        w = width * n / total
        fill = rgb(svg.STRENGTH_FILL[strength])
        canvas.rect(at * S, y * S, w * S, 14 * S, fill)
        canvas.outline(at * S, y * S, w * S, 14 * S, MUTED, 1)
        if w >= 14:
            _text(canvas, at + w / 2, y + 11, str(n), rgb(svg.STRENGTH_INK[strength]),
                  anchor="middle", background=fill)  # fmt: skip
        at += w


def _legend(canvas: Canvas, x: float, y: float) -> None:
    at = x
    for strength in svg.SEGMENTS:
        fill = rgb(svg.STRENGTH_FILL[strength])
        canvas.rect(at * S, y * S, 12 * S, 12 * S, fill)
        canvas.outline(at * S, y * S, 12 * S, 12 * S, MUTED, 1)
        words = svg.STRENGTH_WORDS[strength]
        _text(canvas, at + 16, y + 10, words)
        at += 16 + faces()["regular"].width(words) / S + 14


def heatmap(assessments: Sequence[Assessment]) -> tuple[Chart, list[str]]:
    """Criteria (rows) × pilots (numbered columns, named in the key returned with it)."""
    criteria = list(dict.fromkeys(c.id for a in assessments for c in a.criteria))
    label_w, _ = svg.id_room(criteria, 64, 10)  # as the HTML's: no id cut
    cell_w, cell_h, top = 46, 17, 24
    width = label_w + cell_w * len(assessments) + 8
    height = top + cell_h * len(criteria) + 4
    canvas = Canvas(width * S, height * S)
    for n in range(len(assessments)):
        _text(canvas, label_w + n * cell_w + cell_w / 2, top - 6, str(n + 1), face="bold",
              anchor="middle")  # fmt: skip
    found = [{c.id: c for c in a.criteria} for a in assessments]
    for r, cid in enumerate(criteria):
        y = top + r * cell_h
        _text(canvas, label_w - 6, y + 12, cid, anchor="end", width=label_w - 6)
        for n, scores in enumerate(found):
            _heat_cell(canvas, scores.get(cid), label_w + n * cell_w, y, cell_w, cell_h)
    key = [f"{n}: {_who(a)}" for n, a in enumerate(assessments, start=1)]
    return _chart("Scores by criterion and pilot, tinted by band", canvas), key


def _heat_cell(canvas: Canvas, c: CriterionScore | None, x: float, y: float, w: float,
               h: float) -> None:  # fmt: skip
    if c is None:
        canvas.outline(x * S, y * S, w * S, h * S, GRID, 1)
        return
    if not c.applicable:
        words, fill = "n/a", TRACK
    elif c.score is None:
        words, fill = "–", WHITE
    else:
        words = fmt_score(c.score) + ("*" if c.provisional else "")  # held back: starred
        fill = rgb(svg.tint(svg.band_colour(c.band), 0.35)) if c.band else WHITE
    canvas.rect(x * S, y * S, w * S, h * S, fill)
    canvas.outline(x * S, y * S, w * S, h * S, WHITE, 1)
    _text(canvas, x + w / 2, y + 12, words, face="small", anchor="middle", background=fill)
