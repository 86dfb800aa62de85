"""How numbers are written and how user text is made safe for each place it is shown.

Every renderer formats through these functions, so a score reads the same in the
terminal, a spreadsheet and a report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any
from urllib.parse import urlsplit

# C0 and C1 control characters (except tab and newline, handled by callers) and the
# Unicode bidirectional overrides that can make text display differently from what it is.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# What may start a Markdown block (heading, quote, list, rule) when it begins a line.
_MD_BLOCK_MARK = re.compile(r"^[#>+=-]")
_MD_LIST_NUMBER = re.compile(r"^(\d+)([.)])")
# A web address we are willing to make a live link: no spaces, quotes or angle brackets,
# which could end the address early or smuggle markup into a Markdown autolink.
_WEB_LINK = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)


def terminal_safe(text: str | None) -> str:
    """Text that cannot move the cursor, change colours or reorder itself on screen."""
    if not text:
        return ""
    return _UNSAFE.sub("\ufffd", text).replace("\t", " ")


_SCREEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def screen_text(text: str) -> str:
    """A whole document (JSON, CSV, Markdown) about to be printed on a terminal: controls
    that could move the cursor or reorder text are replaced, line breaks and tabs kept.
    Printed to a file or a pipe, a document is left exactly as it is."""
    return _SCREEN.sub("\ufffd", text)


def safe_console(**options: Any) -> Any:
    """A rich Console through which nothing can reach the terminal raw: every piece of text
    it draws goes through :func:`terminal_safe` at the last moment, whatever renderer
    made it, while the console's own colour codes (drawn apart, as controls) still work.

    Renderers sanitise their own strings too; this is the one net under all of them, so a
    label a renderer forgot (a band in a legend, a file name in a message) is still safe."""
    from rich.console import Console
    from rich.segment import Segment

    class SafeConsole(Console):
        def render(self, renderable: Any, options: Any = None) -> Any:
            for segment in super().render(renderable, options):
                if segment.control is None and _UNSAFE.search(segment.text):
                    segment = Segment(terminal_safe(segment.text), segment.style)
                yield segment

    return SafeConsole(**options)


def one_line(text: str | None) -> str:
    return " ".join(terminal_safe(text).split())


def md_escape(text: str | None) -> str:
    """Text for a Markdown table cell or paragraph: no formatting, links, HTML or pipes."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def md_line(text: str | None) -> str:
    """Text that starts a Markdown line or list item: escaped, and unable to turn itself
    into a heading, quote, list or rule by what it begins with."""
    escaped = _MD_BLOCK_MARK.sub(r"\\\g<0>", md_escape(text), count=1)
    return _MD_LIST_NUMBER.sub(r"\1\\\2", escaped, count=1)


def web_link(url: str | None) -> str | None:
    """The address if it is safe to make a live link (http or https only), else None.

    Anything else — javascript:, data:, file: or a typing mistake — is shown as text."""
    if not url:
        return None
    url = url.strip()
    if not _WEB_LINK.fullmatch(url) or _UNSAFE.search(url):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def csv_cell(value: object) -> object:
    """A value a spreadsheet will show as text rather than run as a formula, or read as a
    number or a date: a framework's version "1.0" would become the number 1, an id "007"
    the number 7, a round "3/4" the 3rd of April. Such text starts with a zero-width space,
    which Excel and LibreOffice show as nothing but read as text. Numbers (scores, counts)
    are given as numbers and stay numbers."""
    if isinstance(value, str):
        value = terminal_safe(value)
        if value.startswith(_FORMULA_START):
            return "'" + value
        if _LOOKS_NUMERIC.match(value):
            return TEXT_MARK + value
    return value


TEXT_MARK = "\u200b"  # zero-width space: text that would otherwise be read as a number
_LOOKS_NUMERIC = re.compile(
    r"^\s*(?:[(£$€]?[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?[%)]?"
    r"|\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{1,4})?)\s*$"
)


def csv_table(columns: Sequence[str], rows: Iterable[Sequence[object]], bom: bool = False) -> str:
    """A CSV document with every cell made safe for a spreadsheet; ``bom`` marks it as
    UTF-8 for Excel, which otherwise guesses wrong."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return ("\ufeff" if bom else "") + out.getvalue()


def csv_lines() -> Callable[..., str]:
    """A function that turns one row into its CSV line, exactly as :func:`csv_table` writes
    it (``cells=True`` makes each cell safe for a spreadsheet, as every row but the header)."""
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")

    def line(row: Sequence[object], cells: bool = False) -> str:
        out.seek(0)
        out.truncate()
        writer.writerow([csv_cell(value) for value in row] if cells else row)
        return out.getvalue()

    return line


def exact(value: float | Fraction) -> int | Fraction:
    """A number as it is written, exactly: a float is read as the decimal it prints as, so
    44.45 is 4445/100 and not the binary value just below it."""
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        tenths = round(value * 10)
        if tenths / 10 == value:  # one decimal place, as every score is: the quick way
            return Fraction(tenths, 10)
        return Fraction(repr(value))
    return value


def round1(value: float | Fraction) -> float:
    """The one rounding rule for every score, mean, change and coverage laaeval shows: to one
    decimal place, halves upwards (away from zero), on the exact value (41.65 → 41.7).

    A computed mean has to reach here exact (a Fraction, as scoring works it out): the
    float (11.1 + 77.8) / 2 is 44.4499…, which would round down, though 44.45 is a half."""
    q = exact(value)
    tenths, below = q.numerator * 10, q.denominator
    whole = (2 * abs(tenths) + below) // (2 * below)  # floor(|q| × 10 + ½), in whole numbers
    return (whole if tenths >= 0 else -whole) / 10


def round_to(value: float | Fraction, places: int) -> float:
    """:func:`round1`'s rule (halves upwards, on the exact value) to ``places`` decimals, for
    scores shown in a framework's own units (SAMM's 0-3, to two places)."""
    q = exact(value) * 10**places
    whole = (2 * abs(q.numerator) + q.denominator) // (2 * q.denominator)
    return (whole if q >= 0 else -whole) / 10**places


def fmt_score(score: float | None) -> str:
    return "–" if score is None else f"{score:.1f}"


def fmt_coverage(judged: int, total: int) -> str:
    """Coverage as a reader sees it, such as "82.1%", from the same rounded percentage
    the JSON carries."""
    pct = coverage_pct(judged, total)
    return "–" if pct is None else f"{pct:.1f}%"


def coverage_pct(judged: int, total: int) -> float | None:
    """Coverage as a percentage with one decimal place, the form every output uses."""
    return round1(Fraction(judged * 100, total)) if total else None


def plural(count: int, noun: str, many: str | None = None) -> str:
    """'1 criterion', '2 criteria': ``many`` is the plural where it is not noun + s."""
    return f"{count} {noun}" if count == 1 else f"{count} {many or noun + 's'}"


def shorten_text(text: str, width: int) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
