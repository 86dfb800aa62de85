"""The commands as a user types them: output, exit codes, and clean refusals."""

from __future__ import annotations

import csv
import io
import json
import os

import jsonschema
import pytest

from laaeval.report.formats import ScoreFormat

from .conftest import DATA, MINI_EVIDENCE, MINI_FRAMEWORK

MINI = ("--framework", str(MINI_FRAMEWORK))


def test_help_lists_every_command(cli):
    result = cli("--help")
    assert result.exit_code == 0
    for command in ("frameworks", "show", "score", "validate", "schema"):
        assert command in result.stdout


def test_frameworks_lists_the_shipped_framework(cli):
    result = cli("frameworks")
    assert result.exit_code == 0
    assert "odpm-laa-2005" in result.stdout
    assert "shipped" in result.stdout
    assert "41" in result.stdout


def test_show_tree_has_aspects_levels_and_counts(cli):
    result = cli("show", "odpm-laa-2005")
    assert result.exit_code == 0
    out = result.stdout
    assert "41 criteria, 140 indicators" in out
    assert "PN  National  (9 criteria)" in out
    assert "A  The agreement  (9 criteria)" in out
    assert "PN9" in out and "judged directly" in out
    assert "applies only where tier is two-tier" in out


def test_show_one_criterion_in_full(cli):
    result = cli("show", "odpm-laa-2005", "pn3")
    assert result.exit_code == 0
    out = result.stdout
    assert "The process › National › PN3" in out
    assert "PN3.6" in out
    assert "Minutes from programme board meetings" in out
    assert "(documentation)" in out and "(views)" in out


def test_show_a_samm_question_with_its_place_answers_and_guidance(cli, monkeypatch):
    """Issue 15: a question of a deep framework shows every group it sits in, its own answers
    in words and its guidance, word for word from frameworks/owasp-samm-2-governance.yaml;
    no empty Sources heading where the framework names none."""
    monkeypatch.setenv("COLUMNS", "200")
    result = cli("show", "owasp-samm-2-governance", "g-sm-1-a")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == ("Governance › Strategy and Metrics › Stream A: Create and Promote › "
                        "Maturity level 1: Identify the organization's risk appetite › G-SM-1-A")
    at = lines.index("Answers")
    assert lines[at + 1:at + 5] == ["0  No", "0.25  Yes, it covers general risks",
                                    "0.5  Yes, it covers organization-specific risks",
                                    "1  Yes, it covers risks and opportunities"]  # fmt: skip
    assert "- You capture the risk appetite of your organization's executive leadership" in lines
    assert "Sources of evidence" not in result.stdout


def test_show_a_group_with_the_groups_within_and_its_description(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    result = cli("show", "owasp-samm-2-governance", "G-SM-A")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "├── G-SM-A-1  Maturity level 1: Identify the organization's risk appetite  " \
        "(1 criterion)" in out
    assert "This stream is about creating and promoting an application security roadmap" in out
    badge = cli("show", DATA / "badge-mini.yaml", "test_policy")
    assert "Importance: SHOULD" in badge.stdout


def test_show_unknown_id_suggests_one(cli):
    result = cli("show", "odpm-laa-2005", "PN33")
    assert result.exit_code == 2
    assert 'did you mean "PN3.3"' in result.stderr


def test_show_unknown_framework(cli):
    result = cli("show", "odpm-laa-2055")
    assert result.exit_code == 2
    assert 'did you mean "odpm-laa-2005"' in result.stderr


@pytest.mark.parametrize("kind", ["framework", "evidence", "score"])
def test_schema_prints_a_valid_json_schema(cli, kind):
    result = cli("schema", kind)
    assert result.exit_code == 0
    jsonschema.Draft202012Validator.check_schema(json.loads(result.stdout))


def test_score_json_is_pure_and_matches_its_schema(cli):
    result = cli("score", MINI_EVIDENCE, *MINI, "--format", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    document = json.loads(result.stdout)
    schema = json.loads(cli("schema", "score").stdout)
    jsonschema.validate(document, schema)
    overall = document["assessments"][0]["overall"]
    assert (overall["score"], overall["band"]["label"], overall["coverage"]) == (
        50.0,
        "Amber",
        80.0,
    )


def test_score_table(cli):
    result = cli("score", MINI_EVIDENCE, *MINI)
    assert result.exit_code == 0
    out = result.stdout
    assert "Smallville — final" in out
    assert "Overall" in out and "50.0" in out and "Amber" in out
    assert "not applicable" in out
    assert "Rated with no evidence behind the rating: X1.2." in out


def test_every_format_has_a_renderer_and_agrees_on_the_numbers(cli):
    outputs = {
        fmt: cli("score", MINI_EVIDENCE, *MINI, "--format", fmt.value) for fmt in ScoreFormat
    }
    assert all(r.exit_code == 0 for r in outputs.values())
    scores = {"33.3", "50.0", "100.0", "0.0"}
    for fmt in (ScoreFormat.table, ScoreFormat.markdown, ScoreFormat.csv):
        for value in scores:
            assert value in outputs[fmt].stdout, (fmt, value)


def test_score_several_files_stack_in_csv(cli, tmp_path):
    second = tmp_path / "second.yaml"
    second.write_text(MINI_EVIDENCE.read_text().replace("Smallville", "Bigtown"))
    result = cli("score", MINI_EVIDENCE, second, *MINI, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["pilot"] for r in rows} == {"Smallville", "Bigtown"}
    overall = [r for r in rows if r["row"] == "overall"]
    assert [r["score"] for r in overall] == ["50.0", "50.0"]


HOSTILE = '=HYPERLINK("http://evil") | *bold* <script>alert(1)</script> \x1b[31mred\x1b[0m \u202e'


@pytest.fixture
def hostile_evidence(tmp_path):
    text = MINI_EVIDENCE.read_text().replace("name: Smallville", f"name: {json.dumps(HOSTILE)}")
    text = text.replace(
        "X1.2: {rating: 1}", f"X1.2: {{rating: 1, rationale: {json.dumps(HOSTILE)}}}"
    )
    path = tmp_path / "hostile.yaml"
    path.write_text(text)
    return path


def test_terminal_output_never_carries_control_sequences(cli, hostile_evidence):
    result = cli("score", hostile_evidence, *MINI)
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "\u202e" not in result.stdout
    assert "<script>alert(1)</script>" in result.stdout  # shown as text, not interpreted


def test_csv_neutralises_formulas(cli, hostile_evidence):
    result = cli("score", hostile_evidence, *MINI, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert all(r["pilot"].startswith("'=HYPERLINK") for r in rows)


def test_markdown_escapes_tables_and_html(cli, hostile_evidence):
    out = cli("score", hostile_evidence, *MINI, "--format", "markdown").stdout
    heading = out.splitlines()[0]
    assert "\\| \\*bold\\* \\<script\\>" in heading
    assert "<script>" not in out


def test_validate_reports_ok_and_counts(cli):
    result = cli("validate", MINI_EVIDENCE, MINI_FRAMEWORK, *MINI)
    assert result.exit_code == 0
    assert (
        "evidence for Smallville (final) against mini version 2: 5 evidence items" in result.stdout
    )
    assert "framework mini version 2: 4 criteria, 6 indicators" in result.stdout


def test_validate_lists_every_problem_and_exits_1(cli, tmp_path):
    path = tmp_path / "two-problems.yaml"
    path.write_text(
        MINI_EVIDENCE.read_text()
        .replace("sources: [int-b]", "sources: [int-c]")
        .replace("X1.2: {rating: 1}", "X1.2: {rating: 9}")
    )
    result = cli("validate", path, *MINI)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert all(line.startswith(f"Error: {path}, line ") for line in lines)


def test_validate_tells_kinds_apart_and_refuses_other_yaml(cli, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text("name: not ours\n")
    result = cli("validate", other)
    assert result.exit_code == 1
    assert "not a laaeval file" in result.stderr


UNUSABLE = [
    (b"a: 1\x00", "NUL bytes"),
    ("laaeval: evidence/1\n".encode("utf-16"), "UTF-16"),
    (b"laaeval: \xff\n", "not valid UTF-8"),
]


@pytest.mark.parametrize(("content", "words"), UNUSABLE)
def test_unreadable_files_exit_2_with_one_line(cli, tmp_path, content, words):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    for command in ("score", "validate"):
        result = cli(command, path)
        assert result.exit_code == 2, command
        assert words in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert "Traceback" not in result.stderr


INVALID = [
    "",
    "- just\n- a list\n",
    "just a scalar\n",
    "laaeval: evidence/1\nlaaeval: evidence/1\n",
    "a: &x 1\nb: *x\n",
    "laaeval: evidence/1\n<<: {a: 1}\n",
    "laaeval: !!python/object/apply:os.system [echo]\n",
    "? [a]\n: 1\n",
    "a: 1\n---\nb: 2\n",
    "[" * 10_000,
    "laaeval: evidence/1\nframework: {id: odpm-laa-2005, version: '1.0'}\n",
]


@pytest.mark.parametrize("text", INVALID)
def test_invalid_content_exits_1_with_one_line_and_no_traceback(cli, tmp_path, text):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    result = cli("score", path)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith(f"Error: {path}")
    assert "Traceback" not in result.stderr


def test_missing_file_and_directory_exit_2(cli, tmp_path):
    assert cli("score", tmp_path / "nope.yaml").exit_code == 2
    assert cli("score", tmp_path).exit_code == 2
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    assert cli("validate", fifo).exit_code == 2


def test_one_bad_file_among_several_names_it_and_prints_nothing_else(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("laaeval: evidence/1\n")
    result = cli("score", MINI_EVIDENCE, bad, *MINI, "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert str(bad) in result.stderr


def test_usage_errors_exit_2(cli):
    assert cli("score").exit_code == 2
    assert cli("score", MINI_EVIDENCE, "--format", "pdf").exit_code == 2
    assert cli("schema", "nonsense").exit_code == 2


def test_control_characters_never_reach_the_terminal_from_any_command(cli, tmp_path):
    evil = "\x1b[31mred\x1b]0;title\x07\u202e"
    path = tmp_path / "evil.yaml"
    text = MINI_EVIDENCE.read_text().replace("name: Smallville", f"name: {json.dumps(evil)}")
    path.write_text(text.replace("source: int-b", f"source: {json.dumps('int-b' + evil)}"))
    for args in (("validate", path, *MINI), ("score", path, *MINI)):
        result = cli(*args)
        for stream in (result.stdout, result.stderr):
            assert "\x1b" not in stream and "\x07" not in stream and "\u202e" not in stream
    fine = tmp_path / "fine.yaml"
    fine.write_text(
        MINI_EVIDENCE.read_text().replace("name: Smallville", f"name: {json.dumps(evil)}")
    )
    for args in (("validate", fine, *MINI), ("assess", fine, *MINI, "--answers", "-")):
        result = cli(*args, input="p\nq\n")
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.stdout and "\u202e" not in result.stdout


def test_help_offers_shell_completion(cli):
    result = cli("--help")
    assert "--install-completion" in result.stdout and "--show-completion" in result.stdout


def test_completion_offers_commands_and_formats():
    import subprocess
    import sys
    from pathlib import Path

    script = Path(sys.executable).parent / "laaeval"
    if not script.exists():
        pytest.skip("laaeval is not installed as a command beside this Python")

    def complete(words: str) -> list[str]:
        env = dict(os.environ, COMP_WORDS=words, COMP_CWORD=str(len(words.split(" ")) - 1),
                   _LAAEVAL_COMPLETE="complete_bash")  # fmt: skip
        return subprocess.run([script], env=env, capture_output=True, text=True).stdout.split()

    assert complete("laaeval sc") == ["score", "schema"]
    assert complete("laaeval score --format ") == ["table", "json", "csv", "markdown"]
    assert complete("laaeval report x --format d") == ["docx"]
    assert complete("laaeval compare x --by ") == ["criterion", "level", "aspect"]
