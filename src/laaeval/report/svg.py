"""Charts drawn as inline SVG: nothing to fetch, no script, sharp on screen and on paper.

Every chart writes its numbers in text beside the marks, and the band name beside each
band colour, so colour is never the only signal and a chart still reads when printed in
black and white. Every label is escaped; colours come only from validated hex values.
Each function returns markup ready to place in an HTML page (a ``Markup`` string).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from markupsafe import Markup, escape

from ..model.framework import Band
from ..scoring.result import (
    CORROBORATED,
    NONE,
    NOT_JUDGED,
    SINGLE,
    STRENGTHS,
    TRIANGULATED,
    Assessment,
    CriterionScore,
    GroupScore,
)
from ..text import fmt_coverage, fmt_score, one_line, shorten_text
from .words import band_text

WIDTH = 680
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
INK = "#1b1b1b"
MUTED = "#4d4d4d"  # 8.5:1 on white
GRID = "#c8c8c8"
TRACK = "#ececec"
NEUTRAL = "#6b6b6b"  # for a band without a colour of its own
COVERAGE_FILL = "#1f4e79"
WHITE = "#ffffff"

# Evidence strength runs light to dark, so the order survives greyscale printing.
STRENGTH_FILL = {NONE: WHITE, SINGLE: "#c6dbef", CORROBORATED: "#6baed6",
                 TRIANGULATED: "#08519c"}  # fmt: skip
STRENGTH_FILL[NOT_JUDGED] = TRACK
STRENGTH_INK = {NONE: INK, SINGLE: INK, CORROBORATED: INK, TRIANGULATED: WHITE, NOT_JUDGED: INK}
STRENGTH_WORDS = {NONE: "no evidence", SINGLE: SINGLE, CORROBORATED: CORROBORATED,
                  TRIANGULATED: TRIANGULATED, NOT_JUDGED: "not yet judged"}  # fmt: skip
SEGMENTS = (*reversed(STRENGTHS), NOT_JUDGED)  # strongest first, the unjudged last

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


# -- colours -----------------------------------------------------------------------------


def band_colour(band: Band | None) -> str:
    """The band's colour if it is a plain hex colour, else a neutral grey."""
    if band is not None and band.colour and _HEX.fullmatch(band.colour):
        return band.colour.lower()
    return NEUTRAL


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed with white: ``amount`` 1 is the colour itself, 0 is white."""
    rgb = _rgb(colour)
    return "#" + "".join(f"{round(255 - (255 - c) * amount):02x}" for c in rgb)


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two colours (1 to 21; 4.5 is enough for body text)."""
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# -- building blocks ---------------------------------------------------------------------


def _esc(text: str) -> Markup:
    """Text for SVG: on one line, without control or bidi-override characters, escaped."""
    return escape(one_line(text))


def chart(height: float, label: str, body: Iterable[str], width: float = WIDTH,
          natural: bool = False) -> Markup:  # fmt: skip
    return Markup("".join(chart_pieces(height, label, body, width, natural)))


def chart_pieces(height: float, label: str, body: Iterable[str], width: float = WIDTH,
                 natural: bool = False) -> Iterator[str]:  # fmt: skip
    """A chart's markup a piece at a time, as ``body`` gives it: a heatmap of thousands
    of pilots is written as it is drawn, never held whole."""
    # Charts fill the column; a small heatmap keeps its natural size rather than swell.
    shown = f"{width:g}" if natural else "100%"
    yield (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
           f'width="{shown}" role="img" aria-label="{_esc(label)}" font-family="{FONT}" '
           f'font-size="11" fill="{INK}" class="chart"><title>{_esc(label)}</title>')
    yield from body
    yield "</svg>"


def text_at(x: float, y: float, text: str, *, anchor: str = "start", weight: str = "normal",
          fill: str = INK, size: float | None = None) -> str:  # fmt: skip
    extra = f' font-size="{size:g}"' if size else ""
    bold = ' font-weight="bold"' if weight == "bold" else ""
    return (
        f'<text x="{x:g}" y="{y:g}" text-anchor="{anchor}" fill="{fill}"{bold}{extra}>'
        f"{_esc(text)}</text>"
    )


def slanted(x: float, y: float, text: str, angle: float, size: float) -> str:
    """A column label written on a slant, so that long names fit above narrow columns."""
    return (f'<text transform="translate({x:g} {y:g}) rotate({angle:g})" fill="{INK}" '
            f'font-size="{size:g}">{_esc(text)}</text>')  # fmt: skip


def rect(x: float, y: float, w: float, h: float, fill: str, title: str = "",
          stroke: str = "") -> str:  # fmt: skip
    line = f' stroke="{stroke}" stroke-width="0.75"' if stroke else ""
    tip = f"<title>{_esc(title)}</title>" if title else ""
    return (
        f'<rect x="{x:g}" y="{y:g}" width="{max(w, 0):.2f}" height="{h:g}" fill="{fill}"{line}>'
        f"{tip}</rect>"
    )


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str = GRID) -> str:
    return f'<line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" stroke="{stroke}"/>'


def _axis(x: float, width: float, top: float, bottom: float) -> Iterator[str]:
    """Gridlines at 0, 25, 50, 75 and 100%, labelled along the top."""
    for mark in (0, 25, 50, 75, 100):
        at = x + width * mark / 100
        yield _line(at, top, at, bottom)
        yield text_at(at, top - 4, f"{mark}%", anchor="middle", fill=MUTED, size=10)


# -- the charts --------------------------------------------------------------------------


def bar_layout(a: Assessment) -> tuple[float, float, float, int]:
    """The score chart's layout: the width of the ids' column, where the bars start, how
    long a full bar is, and the characters of an id shown. Ids as short as ODPM's and
    SAMM's take 60 px; longer ones (the badge's vulnerability_report_process) widen the
    column, up to 30 characters, and the bars shorten to make room: an id is never cut."""
    label_w, chars = id_room([c.id for c in a.criteria], 60, 4)
    return label_w, label_w + 6, 460 - label_w, chars


def id_room(ids: Sequence[str], short: float, pad: float) -> tuple[float, int]:
    """A column of ids' width in px and the characters of an id it shows: ``short`` for
    ids as short as ODPM's and SAMM's (shown to 10 characters); for longer ones, room for
    the longest (up to 30 characters) and ``pad``, so that no id is cut."""
    longest = max(map(len, ids), default=0)
    if longest <= SHORT_ID:
        return short, 10
    chars = min(longest, 30)
    return round(chars * ID_CHAR_W + pad), chars


SHORT_ID, ID_CHAR_W = 9, 6.2  # characters that fit in 60 px; px a character at 11 px


def bar_fill(c: CriterionScore) -> str | None:
    """A score bar's colour: its band's; a neutral grey under a framework without bands;
    None for a provisional score, drawn as an outline (there is a number, not a band)."""
    if c.band is not None:
        return band_colour(c.band)
    return None if c.provisional else NEUTRAL


def score_by_criterion(a: Assessment) -> Markup:
    """One bar per criterion, coloured by its band, with the score and band in words."""
    label_w, bar_x, bar_w, chars = bar_layout(a)
    row_h, top = 17, 26
    body: list[str] = []
    y = top
    by_id = {c.id: c for c in a.criteria}
    for aspect in a.aspects:
        y += 4
        body.append(text_at(0, y + 11, shorten_text(aspect.title, 80), weight="bold"))
        y += row_h
        for cid in aspect.criteria:
            c = by_id[cid]
            body.append(text_at(label_w, y + 11, shorten_text(c.id, chars), anchor="end"))
            if not c.applicable:
                body.append(text_at(bar_x + 4, y + 11, "not applicable", fill=MUTED))
            elif c.score is None:
                words = c.verdict.label if c.verdict else "not yet judged"
                body.append(text_at(bar_x + 4, y + 11, shorten_text(words, 40), fill=MUTED))
            else:
                words = f"{fmt_score(c.score)} {shorten_text(band_text(c), 24)}".strip()
                fill = bar_fill(c)
                body.append(rect(bar_x, y + 2, bar_w * c.score / 100, 11, fill or WHITE,
                                 f"{c.id}: {words}", stroke="" if fill else MUTED))
                body.append(text_at(bar_x + bar_w + 8, y + 11, words))
            y += row_h
    grid = list(_axis(bar_x, bar_w, top, y))
    title = f"Score by criterion, {_who(a)}, coloured by band"
    return chart(y + 4, title, grid + body)


def coverage_chart(a: Assessment) -> Markup:
    """How much of each aspect and level has been judged: judged ÷ applicable."""
    bar_x, bar_w, row_h, top = 244, 300, 19, 26
    body: list[str] = []
    y = top
    for depth, group in _groups(a):
        title = "Overall" if group.kind == "overall" else group.title
        weight = "bold" if depth < 2 else "normal"
        indent = 14 if depth == 2 else 0
        body.append(text_at(indent, y + 12, shorten_text(title, 38 - indent // 7), weight=weight))
        body.append(rect(bar_x, y + 3, bar_w, 12, TRACK))
        pct = fmt_coverage(group.judged, group.total)
        if group.total:
            share = group.judged / group.total
            body.append(rect(bar_x, y + 3, bar_w * share, 12, COVERAGE_FILL,
                              f"{title}: {pct} judged"))  # fmt: skip
            words = f"{pct} ({group.judged} of {group.total})"
        else:
            words = "nothing applicable"
        body.append(text_at(bar_x + bar_w + 8, y + 12, words))
        y += row_h
    grid = list(_axis(bar_x, bar_w, top, y))
    return chart(y + 4, f"Coverage, {_who(a)}: share of applicable indicators judged", grid + body)


def strength_chart(a: Assessment) -> Markup:
    """The applicable criteria of each aspect split by how strong their evidence is."""
    bar_x, bar_w, row_h, top = 244, 300, 21, 8
    body: list[str] = []
    y = top
    for depth, group in _groups(a):
        if depth == 2:
            continue
        title = "Overall" if group.kind == "overall" else group.title
        body.append(text_at(0, y + 13, shorten_text(title, 38), weight="bold"))
        counts = {**group.strength,
                  NOT_JUDGED: group.criteria_applicable - sum(group.strength.values())}
        body.extend(_stack(counts, group.criteria_applicable, bar_x, y + 3, bar_w, title))
        count = group.criteria_applicable
        body.append(text_at(bar_x + bar_w + 8, y + 13, f"{count} criteria" if count != 1
                          else "1 criterion"))  # fmt: skip
        y += row_h
    y += 6
    body.extend(_legend(0, y))
    return chart(y + 20, f"Strength of evidence by aspect, {_who(a)}: criteria counted "
                 "(a strength is given once a criterion is judged)", body)


def _stack(counts: Mapping[str, int], total: int, x: float, y: float, width: float,
           title: str) -> Iterator[str]:  # fmt: skip
    """Segments strongest first, each with its count written on it when there is room."""
    if not total:
        yield text_at(x + 4, y + 10, "nothing applicable", fill=MUTED)
        return
    at = x
    for strength in SEGMENTS:
        n = counts[strength]
        if not n:
            continue
        w = width * n / total
        tip = f"{title}: {n} {STRENGTH_WORDS[strength]}"
        yield rect(at, y, w, 14, STRENGTH_FILL[strength], tip, stroke=MUTED)
        if w >= 14:
            yield text_at(at + w / 2, y + 11, str(n), anchor="middle", fill=STRENGTH_INK[strength])
        at += w


def _legend(x: float, y: float) -> Iterator[str]:
    at = x
    for strength in SEGMENTS:
        yield rect(at, y, 12, 12, STRENGTH_FILL[strength], stroke=MUTED)
        words = STRENGTH_WORDS[strength]
        yield text_at(at + 16, y + 10, words)
        at += 28 + 6.2 * len(words)


def heatmap(assessments: Sequence[Assessment]) -> Markup:
    """Criteria (rows) × pilots (columns): each cell tinted by band, with its score.

    Criteria run down the page, so that even 21 pilots side by side fit the width of A4."""
    criteria = list(dict.fromkeys(c.id for a in assessments for c in a.criteria))
    label_w, chars = id_room(criteria, 64, 10)  # the ids end 6 px before the cells
    cell_w, cell_h, top = 46, 17, 132
    width = label_w + cell_w * len(assessments) + 150  # room for the slanted pilot names

    def cell(row: int, col: int, x: float, y: float) -> Iterator[str]:
        a = assessments[col]
        found = next((c for c in a.criteria if c.id == criteria[row]), None)
        return _cell(found, x, y, cell_w, cell_h, a)

    body = heat_grid([_who(a, 26) for a in assessments],
                     [shorten_text(c, chars) for c in criteria],
                     cell, left=label_w, top=top, cell_w=cell_w, cell_h=cell_h, angle=-40,
                     size=10)  # fmt: skip
    height = top + cell_h * len(criteria) + 4
    return chart(height, "Scores by criterion and pilot, tinted by band", body, width, natural=True)


def heat_grid(columns: Sequence[str], rows: Sequence[str],
              cell: Callable[[int, int, float, float], Iterable[str]], *, left: float,
              top: float, cell_w: float, cell_h: float, angle: float, size: float,
              row_size: float | None = None, slant: bool = True) -> Iterator[str]:  # fmt: skip
    """A heatmap's body: column labels slanted along the top (unless not ``slant``: the
    caller writes its own), then each row's label and its cells, drawn by ``cell(row,
    column, x, y)``: a row at a time, each row's markup in one piece."""
    if slant:
        yield "".join(slanted(left + n * cell_w + cell_w / 2, top - 6, label, angle, size)
                      for n, label in enumerate(columns))  # fmt: skip
    for r, label in enumerate(rows):
        y = top + r * cell_h
        yield "".join([text_at(left - 6, y + 12, label, anchor="end", size=row_size),
                       *(piece for n in range(len(columns))
                         for piece in cell(r, n, left + n * cell_w, y))])  # fmt: skip


def _cell(c: CriterionScore | None, x: float, y: float, w: float, h: float,
          a: Assessment) -> Iterator[str]:  # fmt: skip
    if c is None:
        yield rect(x, y, w, h, WHITE, stroke=GRID)
        return
    unscored = c.verdict.label if c.verdict else "not yet judged"
    yield from heat_cell(x, y, w, h, f"{_who(a)}, {c.id}", c.score, c.band,
                         applicable=c.applicable, unscored=unscored,
                         provisional=c.provisional)  # fmt: skip


def heat_cell(x: float, y: float, w: float, h: float, where: str, score: float | None,
              band: Band | None, *, applicable: bool, unscored: str, shown: str | None = None,
              size: float = 9.5, provisional: bool | None = None) -> Iterator[str]:  # fmt: skip
    """One heatmap cell, tinted by its band, with its score written on it (or ``shown``,
    where the score will not fit) and in full in its tooltip, which names ``where``.
    ``provisional``: whether a score without a band is one held back (None: any score
    without a band is; a framework without bands has scores that are not)."""
    if not applicable:
        words, fill, tip = "n/a", TRACK, f"{where}: not applicable"
    elif score is None:  # ``shown`` may name a verdict ("v"); otherwise a dash
        words, fill, tip = shown or "–", WHITE, f"{where}: {unscored}"
    else:
        held = band is None and provisional is not False
        label = band.label if band else "provisional" if held else ""
        # A light tint keeps dark text readable on every band colour; a provisional score
        # (no band) stays white, its number marked with a star.
        words = (fmt_score(score) + ("*" if held else "")) if shown is None else shown
        fill = tint(band_colour(band), 0.35) if band else WHITE
        tip = f"{where}: {fmt_score(score)} {label}".strip()
    yield rect(x, y, w, h, fill, tip, stroke=WHITE)
    yield text_at(x + w / 2, y + 12, words, anchor="middle", size=size)


def _groups(a: Assessment) -> Iterator[tuple[int, GroupScore]]:
    yield 0, a.overall
    for aspect in a.aspects:
        yield 1, aspect
        for level in aspect.levels:
            yield 2, level


def _who(a: Assessment, limit: int = 200) -> str:
    """Pilot and round; a long name is shortened, never the round that tells rounds apart."""
    pilot = a.record.pilot
    return f"{shorten_text(pilot.name, limit)} ({shorten_text(pilot.round, 20)})"
