"""The messages a new user met in issue 10, each as one plain laaeval line (exit code 2 for
a command used wrongly, 1 for a file that is not valid), never a block of usage text."""

from __future__ import annotations

import pytest

from .conftest import EXAMPLES

ASHBRIDGE = EXAMPLES / "ashbridge-final.yaml"
WEALDSHIRE = sorted(EXAMPLES.glob("wealdshire-*.yaml"))


def one_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert "Usage" not in result.stderr and "Traceback" not in result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("old", "new", "typo", "meant"),
    [
        ("  region: North West", "  regoin: North West", "regoin", "region"),
        ("  round: final", "  rond: final", "rond", "round"),
        ("assessor: Dr", "asessor: Dr", "asessor", "assessor"),
    ],
)
def test_a_misspelt_field_is_named_as_the_typo(cli, tmp_path, old, new, typo, meant):
    text = ASHBRIDGE.read_text(encoding="utf-8")
    assert old in text
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace(old, new, 1), encoding="utf-8")
    for command in ("validate", "score"):
        result = cli(command, bad)
        assert result.exit_code == 1
        line = one_line(result)
        assert f'unknown field "{typo}"; did you mean "{meant}"?' in line, line
        assert "required field" not in line and "lower-case" not in line
        number = next(n for n, x in enumerate(bad.read_text().splitlines(), 1) if new in x)
        assert f"bad.yaml, line {number}, at " in line


def test_a_long_option_with_one_dash(cli):
    result = cli("score", ASHBRIDGE, "-format", "csv")
    assert result.exit_code == 2
    assert one_line(result) == "Error: -format needs two dashes: --format"
    result = cli("score", ASHBRIDGE, "-fromat", "csv")
    assert result.exit_code == 2
    assert "did you mean --format?" in one_line(result)
    assert "ormat" not in cli("score", ASHBRIDGE, "-format", "csv").stderr.replace("-format", "")


def test_an_option_typo_is_one_line_with_a_suggestion(cli):
    result = cli("score", ASHBRIDGE, "--fromat", "csv")
    assert result.exit_code == 2
    assert "no such option: --fromat; did you mean --format?" in one_line(result)


@pytest.mark.parametrize("command", ["score", "compare"])
def test_format_names_in_capitals_are_accepted(cli, command):
    result = cli(command, ASHBRIDGE, "--format", "CSV")
    assert result.exit_code == 0, result.output
    assert "Ashbridge" in result.stdout.splitlines()[1]


def test_report_format_and_compare_by_in_capitals(cli, tmp_path):
    out = tmp_path / "a.md"
    assert cli("report", ASHBRIDGE, "--output", out, "--format", "MD").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("#")
    result = cli("compare", ASHBRIDGE, "--by", "Level", "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"by": "level"' in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("score", ASHBRIDGE, "--format", "xml"), '--format "xml" is not one of: table'),
        (("compare", ASHBRIDGE, "--format", "xml"), '--format "xml" is not one of: table'),
        (("compare", ASHBRIDGE, "--by", "levl"), '--by "levl" is not one of: criterion'),
        # a format mistyped: the nearest of that command's own formats, by any of its names
        (("compare", ASHBRIDGE, "--format", "xlsz"), 'html, xlsx; did you mean "xlsx"?'),
        (("score", ASHBRIDGE, "--format", "jsn"), 'markdown; did you mean "json"?'),
        (("compare", ASHBRIDGE, "--format", "mardown"), 'did you mean "markdown"?'),
        (("report", ASHBRIDGE, "--format", "docz", "-o", "r.docx"), 'did you mean "docx"?'),
        (("report", ASHBRIDGE, "-o", "r.xlsz"), 'docx, xlsx); did you mean ".xlsx"?'),
    ],
)
def test_a_bad_choice_is_one_line(cli, args, words):
    result = cli(*args)
    assert result.exit_code == 2
    assert words in one_line(result)


def test_no_format_of_another_command_is_suggested(cli):
    # xlsx is a format of report and compare, not of score: suggesting it would mislead
    line = one_line(cli("score", ASHBRIDGE, "--format", "xlsz"))
    assert line.endswith('is not one of: table, json, csv, markdown'), line


def test_trend_of_an_unknown_pilot_lists_the_known_ones(cli):
    result = cli("compare", ASHBRIDGE, *WEALDSHIRE, "--trend", "Wealdshire")
    assert result.exit_code == 2
    line = one_line(result)
    assert ('unknown pilot "Wealdshire"; did you mean "Wealdshire County Council and '
            'partners"?') in line
    assert "pilots with more than one round: Wealdshire County Council and partners" in line
    result = cli("compare", ASHBRIDGE, "--trend", "Nowhere")
    line = one_line(result)
    assert "no pilot among the files given has more than one round" in line
    assert "Ashbridge Metropolitan Borough Council" in line


def test_no_message_ends_in_a_doubled_stop(cli):
    for args in [("compare", ASHBRIDGE, "--sort", "PR33"), ("show", "odpm-laa-2005", "PR33")]:
        result = cli(*args)
        assert result.exit_code == 2
        line = one_line(result)
        assert '?".' not in line and "?." not in line and line.endswith(("?", '"', ")")), line


def test_a_command_typo_is_one_line_with_a_suggestion(cli):
    result = cli("scor", ASHBRIDGE)
    assert result.exit_code == 2
    assert "no such command 'scor'; did you mean 'score'?" in one_line(result)


@pytest.mark.parametrize("typed", ["N/A", "N/a", "NA", "not applicable"])
def test_not_applicable_written_another_way_says_to_write_n_a(cli, tmp_path, typed):
    text = ASHBRIDGE.read_text(encoding="utf-8")
    assert "rating: n/a" in text
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("rating: n/a", f"rating: {typed}", 1), encoding="utf-8")
    result = cli("score", bad)
    assert result.exit_code == 1
    line = one_line(result)
    assert line.endswith(" as n/a") and f'"{typed}"' in line, line
    assert "unknown verdict" not in line and "not allowed here" not in line
