"""How numbers are written and user text made safe, checked against values worked by hand.

Each expected string below was written out from the rule it tests (which characters are
controls, what a spreadsheet runs as a formula, what starts a Markdown block), not taken
from the code's own output. Several of these were added because mutation testing
(tests/MUTATION.md) showed a changed rule going unnoticed.
"""

from __future__ import annotations

import io
import math
from fractions import Fraction

import pytest

from laaeval.text import (
    coverage_pct,
    csv_cell,
    csv_table,
    exact,
    fmt_coverage,
    fmt_score,
    md_escape,
    md_line,
    one_line,
    plural,
    round1,
    safe_console,
    screen_text,
    shorten_text,
    terminal_safe,
    web_link,
)

ESC = "\x1b"
REPLACEMENT = "\ufffd"


# -- the terminal ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, ""),
        ("", ""),
        ("plain words", "plain words"),
        ("a\tb", "a b"),  # a tab would jump to the next stop: shown as one space
        ("a\nb", "a\nb"),  # line breaks are left to the caller
        (ESC + "[31mred", REPLACEMENT + "[31mred"),
        ("\x00\x08\x0b\x1f", REPLACEMENT * 4),
        ("\x7f\x80\x9f", REPLACEMENT * 3),
        ("\xa0é", "\xa0é"),  # a no-break space and accented letters are text
        ("\u202eabc\u2066\u2069\u200e\u200f", REPLACEMENT + "abc" + REPLACEMENT * 4),
    ],
)
def test_terminal_safe_replaces_every_control_and_direction_override(text, expected):
    assert terminal_safe(text) == expected


def test_a_document_for_the_screen_keeps_its_tabs_and_line_breaks():
    # Carriage return, line feed and tab stay (a CSV needs \r\n); escape, form feed,
    # vertical tab and a direction isolate are replaced.
    text = "a\tb\r\nc" + ESC + "[2J\x0c\x0b\u2066d"
    assert screen_text(text) == "a\tb\r\nc" + REPLACEMENT + "[2J" + REPLACEMENT * 3 + "d"


def test_the_safe_console_replaces_controls_but_keeps_its_own_colours():
    out = io.StringIO()
    console = safe_console(file=out, force_terminal=True, color_system="standard", width=80)
    console.print("[red]warn[/red] " + ESC + "]0;title\x07 end", highlight=False)
    shown = out.getvalue()
    assert "\x07" not in shown
    assert ESC + "]0;" not in shown
    assert REPLACEMENT + "]0;title" in shown
    assert ESC + "[31mwarn" in shown  # the console's own red is drawn


def test_the_safe_console_keeps_the_style_of_text_it_cleans():
    out = io.StringIO()
    console = safe_console(file=out, force_terminal=True, color_system="standard", width=80)
    console.print("[red]warn" + ESC + "[/red]", highlight=False)
    assert ESC + "[31mwarn" + REPLACEMENT in out.getvalue()


def test_the_safe_console_lets_its_own_cursor_controls_through():
    from rich.control import Control

    out = io.StringIO()
    console = safe_console(file=out, force_terminal=True, color_system="standard", width=80)
    console.print(Control.move_to(1, 1))
    assert ESC + "[2;2H" in out.getvalue()  # rows and columns count from 1 on a terminal


def test_the_safe_console_wraps_to_the_width_asked_for():
    out = io.StringIO()
    console = safe_console(file=out, color_system=None, width=80)
    console.print("aaa bbb ccc ddd", width=8, highlight=False)
    assert [line.rstrip() for line in out.getvalue().splitlines()] == ["aaa bbb", "ccc ddd"]


def test_the_safe_console_leaves_plain_text_alone():
    out = io.StringIO()
    console = safe_console(file=out, color_system=None, width=80)
    console.print("Ashbridge: 62.5", highlight=False)
    assert out.getvalue() == "Ashbridge: 62.5\n"


def test_one_line_joins_lines_and_squeezes_spaces():
    assert one_line("a\t\tb\n  c ") == "a b c"
    assert one_line(None) == ""


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("abcdef", 6, "abcdef"),  # fits exactly: untouched
        ("abcdefg", 6, "abcde…"),  # one too long: five letters and the ellipsis
        ("abcd efgh", 6, "abcd…"),  # no space left before the ellipsis
        ("a\n  b", 10, "a b"),
    ],
)
def test_shorten_text_to_a_width(text, width, expected):
    assert shorten_text(text, width) == expected
    assert len(shorten_text(text, width)) <= width


# -- Markdown ------------------------------------------------------------------------------


def test_md_escape_escapes_every_markdown_character():
    assert md_escape("a*b_c`d[e]f<g>h|i~j\\k") == r"a\*b\_c\`d\[e\]f\<g\>h\|i\~j\\k"
    assert md_escape("two\nlines") == "two lines"
    assert md_escape(None) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Heading", r"\# Heading"),
        ("## a # b", r"\## a # b"),  # only the mark that starts the line
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("= rule", r"\= rule"),
        ("> quote", r"\> quote"),  # escaped once, as a Markdown character
        ("1. item", r"1\. item"),
        ("12) item", r"12\) item"),
        ("1. 2. item", r"1\. 2. item"),
        ("Item 1. fine", "Item 1. fine"),
        ("a - b", "a - b"),
    ],
)
def test_md_line_cannot_start_a_heading_quote_list_or_rule(text, expected):
    assert md_line(text) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("  http://example.org/a?b=1  ", "http://example.org/a?b=1"),
        ("HTTPS://EXAMPLE.ORG/", "HTTPS://EXAMPLE.ORG/"),
        (None, None),
        ("", None),
        ("https://example.org/a b", None),  # a full match, not a prefix
        ("https://example.org/>)[x](javascript:alert(1)", None),
        ('https://example.org/"onclick', None),
        ("https://example.org/`x", None),
        ("https://example.org/\\x", None),
        ("https://example.org/\x7f", None),  # a control the address pattern lets through
        ("https://exa\u202emple.org/", None),
        ("javascript:alert(1)", None),
        ("ftp://example.org/file", None),
        ("file:///etc/passwd", None),
        ("http:///no-host", None),
        ("example.org", None),
    ],
)
def test_web_link_is_only_a_whole_http_address_with_a_host(url, expected):
    assert web_link(url) == expected


# -- spreadsheets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\nline", "'\nline"),
        ("\tx", " x"),  # the tab is a space first, so nothing for a spreadsheet to run
        ("\rx", REPLACEMENT + "x"),
        ("a=b", "a=b"),
        (ESC + "=1", REPLACEMENT + "=1"),
        (5, 5),
        (2.5, 2.5),
        (None, None),
    ],
)
def test_csv_cell_neutralises_every_formula_start(value, expected):
    assert csv_cell(value) == expected


def test_csv_table_quotes_and_neutralises_cells():
    table = csv_table(["pilot", "score"], [["=cmd", 1], ["Ash, Bridge", None]])
    assert table == "pilot,score\r\n'=cmd,1\r\n\"Ash, Bridge\",\r\n"
    assert csv_table(["a"], [], bom=True) == "\ufeffa\r\n"


# -- numbers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2.0, 2),
        (0.3, Fraction(3, 10)),
        (0.7, Fraction(7, 10)),
        (44.45, Fraction(4445, 100)),
        (0.125, Fraction(1, 8)),
        (-41.65, Fraction(-4165, 100)),
        (3 / 11, Fraction("0.2727272727272727")),  # as Python prints it
        (Fraction(1, 3), Fraction(1, 3)),
        (7, 7),
    ],
)
def test_exact_reads_a_float_as_the_decimal_it_prints_as(value, expected):
    assert exact(value) == expected


def test_exact_gives_a_whole_number_for_a_whole_float():
    assert type(exact(62.0)) is int


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (-41.65, -41.7),  # halves away from zero on both sides
        (-0.25, -0.3),
        (-0.24, -0.2),
        (-1.0, -1.0),
        (Fraction(-1, 3), -0.3),
    ],
)
def test_round1_of_negative_values(value, expected):
    assert round1(value) == expected


def test_round1_of_nought_is_not_shown_as_minus_nought():
    assert math.copysign(1, round1(0)) == 1
    assert fmt_score(round1(0.0)) == "0.0"


def test_fmt_score_and_coverage():
    assert fmt_score(None) == "–"
    assert fmt_score(3) == "3.0"
    assert fmt_score(62.5) == "62.5"
    assert fmt_coverage(0, 0) == "–"
    assert fmt_coverage(23, 28) == "82.1%"  # 82.142…
    assert fmt_coverage(1, 16) == "6.3%"  # 6.25, a half: upwards
    assert fmt_coverage(28, 28) == "100.0%"
    assert coverage_pct(3, 0) is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ((1, "criterion", "criteria"), "1 criterion"),
        ((2, "criterion", "criteria"), "2 criteria"),
        ((0, "pilot"), "0 pilots"),
        ((1, "pilot"), "1 pilot"),
        ((3, "pilot"), "3 pilots"),
    ],
)
def test_plural(args, expected):
    assert plural(*args) == expected
