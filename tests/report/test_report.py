"""`laaeval report`: every format, its golden file, its numbers, and its safety.

Golden files live in tests/golden/ (tests/golden_cases.py says how each is made). After a
deliberate change to a report, regenerate them with ``python tests/regenerate_golden.py``
and review the difference before committing it; tests/test_golden_numbers.py checks every
number in them against values worked out independently.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from datetime import date
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from laaeval.errors import UsageError
from laaeval.files import yamlio
from laaeval.model.framework import load_framework
from laaeval.report import formats, svg, views
from laaeval.report import html as html_renderer
from laaeval.report.formats import EXTENSIONS, ReportFormat, format_for
from laaeval.report.run import write_report
from laaeval.report.views import report_date
from laaeval.scoring.batch import iter_scored

from .. import golden_cases
from ..conftest import EXAMPLES, MINI_EVIDENCE, MINI_FRAMEWORK, ROOT

REPORT_DATE = golden_cases.REPORT_DATE
SUFFIX = {ReportFormat.html: "html", ReportFormat.md: "md", ReportFormat.json: "json",
          ReportFormat.csv: "csv"}  # fmt: skip  (the text formats; Word and Excel: test_office)
MINI = ("--framework", "tests/data/mini-framework.yaml")


def example_files() -> list[str]:
    """The evidence files in examples/ (anything else there is not ours to report on)."""
    found = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        with open(path, encoding="utf-8") as handle:
            if handle.readline().strip() in ("laaeval: evidence/1", "laaeval: evidence/2"):
                found.append(f"examples/{path.name}")
    return found


CASES = golden_cases.CASES


@pytest.fixture
def in_repo(monkeypatch):
    """Run from the repository root with a fixed report date, so outputs are reproducible."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv(views.DATE_VARIABLE, REPORT_DATE)


@pytest.fixture
def two_pilots(tmp_path, monkeypatch):
    """Two mini evidence files side by side in a folder of their own (relative names keep
    the golden files free of temporary paths)."""
    files = golden_cases.write_two_pilots(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv(views.DATE_VARIABLE, REPORT_DATE)
    return files, ("--framework", str(MINI_FRAMEWORK))


def run_report(cli, tmp_path, files, extra, fmt: ReportFormat) -> str:
    out = tmp_path / f"report.{SUFFIX[fmt]}"
    result = cli("report", *files, *extra, "--output", out)
    assert result.exit_code == 0, result.stderr
    return out.read_bytes().decode("utf-8")


def check_golden(name: str, folder: Path = golden_cases.GOLDEN) -> None:
    path = folder / name
    assert path.exists(), f"no golden file {name}: run python tests/regenerate_golden.py"
    assert golden_cases.render(name) == path.read_bytes().decode("utf-8"), (
        f"{name} differs from its golden file; if the change is intended, run "
        "python tests/regenerate_golden.py and review the difference"
    )


@pytest.mark.parametrize("name", golden_cases.names())
def test_golden(name):
    check_golden(name)


def test_a_test_run_never_rewrites_a_golden_file(tmp_path, monkeypatch):
    """Regenerating is a command of its own, not a setting a test run obeys."""
    monkeypatch.setenv("LAAEVAL_UPDATE_GOLDEN", "1")
    stale = tmp_path / "mini.md"
    stale.write_text("an out-of-date report\n")
    with pytest.raises(AssertionError, match="differs from its golden file"):
        check_golden("mini.md", tmp_path)
    assert stale.read_text() == "an out-of-date report\n"


def test_the_golden_cases_are_made_as_the_other_tests_make_reports(cli, tmp_path, in_repo):
    files, extra = CASES["mini"]
    made = run_report(cli, tmp_path, files, extra, ReportFormat.md)
    assert made == golden_cases.render("mini.md")


def test_there_are_examples_to_test_against():
    assert example_files(), "examples/ holds no evidence file for the golden tests"


def test_no_golden_file_is_left_over():
    """A golden file whose case has gone (an example renamed) would silently test nothing."""
    assert sorted(p.name for p in golden_cases.GOLDEN.iterdir()) == sorted(golden_cases.names())


# -- the same numbers everywhere ---------------------------------------------------------


def fmt_number(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def fmt_cov(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}%"


def band_label(band: dict | None) -> str:
    return band["label"] if band else "no band"


def band_text(x: dict) -> str:
    """The band as every table writes it, or why there is none."""
    if x["band"]:
        return x["band"]["label"]
    if x["provisional"]:
        return "provisional"
    return x["verdict"]["label"] if x.get("verdict") else "–"


def judgement(x: dict, scale_max: int = 3) -> str:
    """A judgement as the reports write it: "2 of 3 (Largely met)", a verdict, …"""
    if x["rating"] is not None:
        return f"{x['rating']} of {scale_max} ({x['rating_label']})"
    if x["verdict"]:
        return x["verdict"]["label"]
    return {"not applicable": "Not applicable"}.get(x["status"], "No judgement yet")


def evidence_words(x: dict, long: bool = False) -> str:
    """The strength of a judged criterion or indicator; before that, how much evidence."""
    if x["strength"] is not None:
        return "no evidence" if long and x["strength"] == "none" else x["strength"]
    items = len(x["evidence_items"]) if "evidence_items" in x else len(x["evidence"])
    if not items:
        return "no evidence" if long else "none"
    return f"{items} item{'s' * (items != 1)}" + (", not judged" if long else "")


def score_json(cli, files, extra) -> dict:
    result = cli("score", *files, *extra, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def groups_in_order(assessment: dict) -> list[dict]:
    """Overall, then each aspect followed by its levels: the order of the summary table."""
    out = [assessment["overall"]]
    for aspect in assessment["aspects"]:
        out.append(aspect)
        out.extend(aspect.get("levels", []))
    return out


def expected_group_row(g: dict) -> list[str]:
    """The summary table: score, band, criteria scored, indicators judged, contested."""
    return [
        fmt_number(g["score"]), band_text(g), f"{g['criteria_scored']}/{g['criteria_applicable']}",
        f"{g['judged']}/{g['applicable']}", str(g["contested"]),
    ]  # fmt: skip


def expected_criterion_row(c: dict) -> list[str]:
    """The at-a-glance table: judgement, score, band, evidence."""
    if not c["applicable"]:
        return ["not applicable"]
    judged = (judgement(c) if c["judged_as"] == "criterion"
              else f"{c['judged']}/{c['applicable_indicators']} indicators judged")
    return [judged, fmt_number(c["score"]), band_text(c), evidence_words(c)]


class Page(HTMLParser):
    """The parts of a report page the tests read: tables, headings, tags and attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[str, list[list[tuple[str, dict, str]]]]] = []
        self.headings: list[int] = []
        self.tags: list[tuple[str, dict]] = []
        self._cell: list | None = None
        self._depth = 0  # nesting of tables we are inside

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "table":
            self._depth += 1
            self.tables.append((attributes.get("class", ""), []))
        elif tag == "tr" and self._depth:
            self.tables[-1][1].append([])
        elif tag in ("th", "td") and self._depth:
            self._cell = [tag, attributes, ""]

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            tag_, attrs, text = self._cell
            self.tables[-1][1][-1].append((tag_, attrs, " ".join(text.split())))
            self._cell = None
        elif tag == "table":
            self._depth -= 1

    def handle_data(self, data):
        if self._cell is not None:
            self._cell[2] += data


def parse_html(text: str) -> Page:
    page = Page()
    page.feed(text)
    page.close()
    return page


def body_rows(table) -> list[list[str]]:
    """Rows of a table that have a row header, as [header, cell, cell, …] texts."""
    return [[text for _, _, text in row] for row in table[1]
            if row and row[0][1].get("scope") == "row"]  # fmt: skip


def tables(page: Page, kind: str):
    return [t for t in page.tables if t[0] == kind]


def check_html_numbers(text: str, document: dict) -> None:
    page = parse_html(text)
    summaries, glances = tables(page, "summary"), tables(page, "glance")
    indicator_tables = iter(tables(page, "indicators"))
    for n, assessment in enumerate(document["assessments"]):
        rows = body_rows(summaries[n])
        assert [r[1:] for r in rows] == [expected_group_row(g) for g in groups_in_order(assessment)]
        glance = {r[0]: r[2:] for r in body_rows(glances[n])}
        for c in assessment["criteria"]:
            assert glance[c["id"]][: len(expected_criterion_row(c))] == expected_criterion_row(c)
            if not c["applicable"]:
                continue
            if c["indicators"][0]["direct"]:
                continue  # judged directly: a sentence, not a table
            if not any(i["status"] in ("rated", "verdict") for i in c["indicators"]):
                continue  # none judged on its own: a short list, not a table
            rows = body_rows(next(indicator_tables))
            assert [r[0] for r in rows] == [i["id"] for i in c["indicators"]]
            for row, i in zip(rows, c["indicators"], strict=True):
                assert row[2] == judgement(i), (row, i)
                assert row[3].startswith(evidence_words(i, long=True)), (row, i)


def md_tables(text: str) -> list[list[list[str]]]:
    """Markdown tables as lists of rows of cells, split only on unescaped pipes."""
    found: list[list[list[str]]] = []
    previous = ""
    for line in text.splitlines():
        if line.startswith("|"):
            if not previous.startswith("|"):
                found.append([])
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            found[-1].append(cells)
        previous = line
    return found


def md_glance_row(c: dict) -> list[str]:
    """The Markdown at-a-glance table: its four columns, the evidence after the text."""
    if not c["applicable"]:
        return ["*(not applicable)*", "n/a"]
    judged = ("as a whole" if c["judged_as"] == "criterion"
              else f"{c['judged']}/{c['applicable_indicators']}")  # fmt: skip
    evidence = evidence_words(c)
    return [f"*(evidence: {evidence}" if evidence else "", judged, fmt_number(c["score"]),
            band_text(c)]  # fmt: skip


def unwrapped(text: str) -> list[str]:
    """The Markdown's lines with each wrapped paragraph or list item joined again."""
    out: list[str] = []
    for line in text.splitlines():
        joins = out and out[-1] and line and not line.startswith(("|", "#", "- ", "  - "))
        if joins and not out[-1].startswith(("|", "#")) and line.strip():
            out[-1] = out[-1].removesuffix("\\") + " " + line.strip()
        else:
            out.append(line)
    return out


def check_md_numbers(text: str, document: dict) -> None:
    all_tables = md_tables(text)
    summaries = [t for t in all_tables if t[0][0] == "Part of the framework"]
    glances = [t for t in all_tables if t[0] == ["Criterion", "Judged", "Score", "Band"]]
    lines = unwrapped(text)
    for n, assessment in enumerate(document["assessments"]):
        rows = [[cell.replace("**", "") for cell in row] for row in summaries[n][2:]]
        assert [r[1:] for r in rows] == [expected_group_row(g) for g in groups_in_order(assessment)]
        glance = {r[0].split("**")[1]: r for r in glances[n][2:] if r[1]}
        for c in assessment["criteria"]:
            row, want = glance[c["id"]], md_glance_row(c)
            assert want[0] in row[0], (row, want)
            assert [cell for cell in row[1:] if cell] == [w for w in want[1:] if w], (row, want)
            if not c["applicable"] or c["indicators"][0]["direct"]:
                continue
            # Each indicator is a list item: "- **X1.1** text — judgement; evidence: …".
            for i in c["indicators"]:
                line = next(x for x in lines if x.startswith(f"- **{i['id']}** "))
                assert f" — {judgement(i)}; evidence: {evidence_words(i, long=True)}" in line


def check_csv_numbers(text: str, document: dict) -> None:
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    expected = []
    for assessment in document["assessments"]:
        for c in assessment["criteria"]:
            for i in c["indicators"]:
                expected.append({
                    "pilot": assessment["pilot"]["name"], "criterion_id": c["id"],
                    "criterion_score": "" if c["score"] is None else str(c["score"]),
                    "criterion_band": c["band"]["label"] if c["band"] else "",
                    "indicator_id": i["id"], "status": i["status"],
                    "rating": "" if i["rating"] is None else str(i["rating"]),
                    "score": "" if i["score"] is None else str(i["score"]),
                    "evidence_items": str(len(i["evidence"])), "strength": i["strength"] or "",
                    "contested": "yes" if i["contested"] else "no",
                    "unsupported": "yes" if i["unsupported"] else "no",
                })  # fmt: skip
    indicators = [r for r in rows if r["row"] == "indicator"]
    assert [{k: r[k] for k in expected[0]} for r in indicators] == expected
    # A row per part of the framework, at every depth, with the score the JSON gives it.
    groups = []

    def walk(g: dict, depth: int) -> None:
        groups.append((str(depth), g["id"], "" if g["score"] is None else str(g["score"])))
        for inner in g.get("levels", ()):
            walk(inner, depth + 1)

    for assessment in document["assessments"]:
        for aspect in assessment["aspects"]:
            walk(aspect, 1)
        walk(assessment["overall"], 0)
    got = [(r["depth"], r["group_id"], r["group_score"]) for r in rows if r["row"] != "indicator"]
    assert sorted(got) == sorted(groups)


NUMBER_CASES = {"mini": CASES["mini"], **{Path(f).stem: ((f,), ()) for f in example_files()}}


@pytest.mark.parametrize("case", sorted(NUMBER_CASES))
def test_every_format_shows_the_numbers_of_score_json(cli, tmp_path, in_repo, case):
    files, extra = NUMBER_CASES[case]
    document = score_json(cli, files, extra)
    outputs = {fmt: run_report(cli, tmp_path, files, extra, fmt) for fmt in SUFFIX}
    assert json.loads(outputs[ReportFormat.json]) == document
    check_html_numbers(outputs[ReportFormat.html], document)
    check_md_numbers(outputs[ReportFormat.md], document)
    check_csv_numbers(outputs[ReportFormat.csv], document)


def test_several_files_agree_with_score_json_too(cli, tmp_path, two_pilots):
    files, extra = two_pilots
    document = score_json(cli, files, extra)
    assert len(document["assessments"]) == 2
    out = tmp_path / "out"
    out.mkdir()
    outputs = {fmt: run_report(cli, out, files, extra, fmt) for fmt in SUFFIX}
    assert json.loads(outputs[ReportFormat.json]) == document
    check_html_numbers(outputs[ReportFormat.html], document)
    check_md_numbers(outputs[ReportFormat.md], document)
    check_csv_numbers(outputs[ReportFormat.csv], document)


# -- choosing the format -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("r.html", "html"), ("r.HTM", "html"), ("r.md", "md"), ("r.json", "json"),
     ("r.Csv", "csv"), ("dir.v2/report.json", "json")],
)  # fmt: skip
def test_format_from_the_extension(name, fmt):
    assert format_for(name) is ReportFormat(fmt)


def test_format_option_wins_over_the_extension():
    assert format_for("notes.txt", "md") is ReportFormat.md
    assert format_for("report.html", "csv") is ReportFormat.csv


@pytest.mark.parametrize(
    ("command", "typed", "written"),
    [("score", "md", "## "), ("score", "Markdown", "## "), ("report", "markdown", "# "),
     ("report", "Word", "PK"), ("report", "excel", "PK"), ("compare", "markdown", "## Comparison"),
     ("compare", ".HTM", "<!doctype html>"), ("compare", "text", "")],
)  # fmt: skip
def test_each_format_answers_to_its_usual_names(cli, tmp_path, command, typed, written):
    """score says "markdown" and report and compare say "md": an evaluator may type either
    to any of them, or "word", "excel", "htm" or "text"."""
    out = tmp_path / "out.bin"
    where = () if command == "score" else ("--output", out)
    result = cli(command, EXAMPLES / "ashbridge-final.yaml", "--format", typed, *where)
    assert result.exit_code == 0, result.output
    text = result.stdout if command == "score" else out.read_bytes().decode("latin-1")
    assert text.lower().startswith(written.lower()) and text.strip()


def test_every_format_has_an_extension_and_a_renderer():
    assert set(EXTENSIONS.values()) == set(ReportFormat)
    for fmt in ReportFormat:
        assert callable(formats.renderer(fmt))


@pytest.mark.parametrize("name", ["report.txt", "report", "report.pdf"])
def test_unknown_extension_is_a_usage_error(cli, tmp_path, name):
    result = cli("report", MINI_EVIDENCE, "--framework", MINI_FRAMEWORK, "-o", tmp_path / name)
    assert result.exit_code == 2
    assert "--format" in result.stderr
    assert not (tmp_path / name).exists()


def test_unknown_format_is_a_usage_error(cli, tmp_path):
    result = cli("report", MINI_EVIDENCE, "-o", tmp_path / "r.html", "--format", "pdf")
    assert result.exit_code == 2
    assert "html, md, json, csv" in result.stderr


def test_output_is_required(cli):
    assert cli("report", MINI_EVIDENCE).exit_code == 2


def test_report_never_overwrites_an_evidence_file(cli, tmp_path):
    evidence = tmp_path / "evidence.yaml"
    evidence.write_text(MINI_EVIDENCE.read_text())
    result = cli("report", evidence, "--framework", MINI_FRAMEWORK, "-o", evidence,
                 "--format", "md")  # fmt: skip
    assert result.exit_code == 2
    assert evidence.read_text() == MINI_EVIDENCE.read_text()


def test_success_says_what_was_written_on_stderr(cli, tmp_path):
    out = tmp_path / "r.md"
    result = cli("report", MINI_EVIDENCE, "--framework", MINI_FRAMEWORK, "-o", out)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert f"Wrote Markdown report on 1 evidence file to {out}" in result.stderr


# -- the date a report says it was generated ---------------------------------------------


def test_report_date_is_written_in_words(monkeypatch):
    monkeypatch.delenv(views.DATE_VARIABLE, raising=False)
    assert report_date(date(2005, 3, 14)) == "14 March 2005"
    monkeypatch.setenv(views.DATE_VARIABLE, "2005-01-09")
    assert report_date(date(2005, 3, 14)) == "9 January 2005"


def test_a_bad_report_date_is_a_usage_error_and_writes_nothing(cli, tmp_path, monkeypatch):
    monkeypatch.setenv(views.DATE_VARIABLE, "next Tuesday")
    out = tmp_path / "r.html"
    result = cli("report", MINI_EVIDENCE, "--framework", MINI_FRAMEWORK, "-o", out)
    assert result.exit_code == 2
    assert views.DATE_VARIABLE in result.stderr
    assert not out.exists()


# -- atomic writing ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def mini_assessments():
    return list(iter_scored([MINI_EVIDENCE], load_framework(MINI_FRAMEWORK)))


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_failing_render_leaves_no_file(tmp_path, mini_assessments, monkeypatch):
    def broken(assessments):
        raise RuntimeError("renderer failed half way")

    monkeypatch.setattr(formats, "renderer", lambda fmt: broken)
    out = tmp_path / "new.html"
    with pytest.raises(RuntimeError):
        write_report(mini_assessments, out, ReportFormat.html)
    assert not out.exists()
    assert leftovers(tmp_path) == []


def test_a_failing_render_leaves_an_existing_report_untouched(
    tmp_path, mini_assessments, monkeypatch
):
    out = tmp_path / "old.html"
    out.write_text("the previous report")
    monkeypatch.setattr(html_renderer, "render", lambda a: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        write_report(mini_assessments, out, ReportFormat.html)
    assert out.read_text() == "the previous report"
    assert leftovers(tmp_path) == []


def test_a_failure_while_writing_leaves_the_old_file_and_no_temporary_one(
    tmp_path, mini_assessments, monkeypatch
):
    out = tmp_path / "old.csv"
    out.write_text("the previous report")

    def refuse(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(yamlio.os, "replace", refuse)
    with pytest.raises(UsageError, match="the disk is full"):
        write_report(mini_assessments, out, ReportFormat.csv)
    assert out.read_text() == "the previous report"
    assert leftovers(tmp_path) == []


def test_a_bad_input_file_writes_no_report(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("laaeval: evidence/1\n")
    out = tmp_path / "r.html"
    out.write_text("the previous report")
    result = cli("report", MINI_EVIDENCE, bad, "--framework", MINI_FRAMEWORK, "-o", out)
    assert result.exit_code == 1
    assert out.read_text() == "the previous report"


# -- the JSON report ---------------------------------------------------------------------


def test_schema_report_prints_the_report_schema(cli):
    result = cli("schema", "report")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    # The JSON report is the scoring result itself: the two schemas differ only in name.
    score_schema = json.loads(cli("schema", "score").stdout)
    for key in ("$id", "title", "description"):
        schema.pop(key)
        score_schema.pop(key)
    assert schema == score_schema


def test_json_report_validates_and_has_no_nan(cli, tmp_path, in_repo):
    files, extra = CASES["mini"]
    text = run_report(cli, tmp_path, files, extra, ReportFormat.json)

    def refuse(constant):
        raise AssertionError(f"{constant} in the JSON report")

    document = json.loads(text, parse_constant=refuse)
    jsonschema.validate(document, json.loads(cli("schema", "report").stdout))


# -- hostile evidence --------------------------------------------------------------------

SCRIPT = "<script>alert('x')</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://evil.example","click")'
CONTROLS = "\x1b[31mred\x1b[0m \x07bell \u202eoverride \u2066isolate"
HOSTILE = f"{FORMULA} | pipe | *bold* _it_ [link](javascript:alert(1)) {SCRIPT} {ATTRIBUTE} " \
          f"{{{{ 7*7 }}}} {CONTROLS}"  # fmt: skip
BAD_LINK = "javascript:alert(document.cookie)"
GOOD_LINK = "https://example.org/minutes?id=4&part=2"


@pytest.fixture
def hostile(tmp_path):
    """Hostile text everywhere a user can write it: the pilot, the assessor, evidence
    summaries, quotes, references, links and rationales, and the framework's own words."""
    framework = MINI_FRAMEWORK.read_text(encoding="utf-8")
    framework = framework.replace("text: First criterion", f"text: {json.dumps(HOSTILE)}")
    framework = framework.replace("label: Government Office", f"label: {json.dumps(SCRIPT)}")
    framework = framework.replace("label: Documents,", f"label: {json.dumps(FORMULA)},")
    (tmp_path / "framework.yaml").write_text(framework, encoding="utf-8")
    # The evidence records the framework's content hash; a hostile copy has a new one.
    evidence = MINI_EVIDENCE.read_text(encoding="utf-8")
    h = json.dumps
    evidence = (
        evidence.replace("name: Smallville", f"name: {h(HOSTILE)}")
        .replace("assessor: Test Assessor", f"assessor: {h(FORMULA)}")
        .replace("summary: CG supports X1.1 and Y1.1", f"summary: {h(HOSTILE)}\n"
                 f"    quote: {h(SCRIPT)}\n    reference: {h(ATTRIBUTE)}\n    link: {h(BAD_LINK)}")
        .replace("summary: The council challenges Y1.1", f"summary: {h('- ' + FORMULA)}\n"
                 f"    link: {h(GOOD_LINK)}")
        .replace("X1.2: {rating: 1}", f"X1.2: {{rating: 1, rationale: {h(HOSTILE)}}}")
    )  # fmt: skip
    (tmp_path / "evidence.yaml").write_text(evidence, encoding="utf-8")
    return tmp_path / "evidence.yaml", tmp_path / "framework.yaml"


def hostile_report(cli, tmp_path, hostile, fmt: ReportFormat) -> str:
    evidence, framework = hostile
    out = tmp_path / f"hostile.{SUFFIX[fmt]}"
    result = cli("report", evidence, "--framework", framework, "-o", out)
    assert result.exit_code == 0, result.stderr
    return out.read_bytes().decode("utf-8")


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "nav", "ol", "ul", "li", "a",
    "main", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "p", "strong", "em",
    "span", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tr", "th", "td",
    "figure", "figcaption", "blockquote", "footer", "svg", "text", "rect", "line", "div", "q",
}  # fmt: skip


def test_html_escapes_every_user_string(cli, tmp_path, hostile):
    text = hostile_report(cli, tmp_path, hostile, ReportFormat.html)
    assert "<script" not in text.lower()
    assert "<img" not in text.lower()
    assert "&lt;script&gt;" in text
    assert "{{ 7*7 }}" in text  # shown as written: evidence is data, never a template
    for bad in ("\x1b", "\x07", "\u202e", "\u2066"):
        assert bad not in text
    page = parse_html(text)
    assert {tag for tag, _ in page.tags} <= ALLOWED_TAGS
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "a":
            href = attrs["href"]
            assert href.startswith("#") or href == GOOD_LINK, href
    assert f'href="{GOOD_LINK.replace("&", "&amp;")}"' in text
    assert "javascript:alert(document.cookie) (not a web address" in text


def test_markdown_escapes_every_user_string(cli, tmp_path, hostile):
    text = hostile_report(cli, tmp_path, hostile, ReportFormat.md)
    # Only escaped: "\<script" is shown as text by every Markdown renderer.
    assert not re.search(r"(?<!\\)<(script|img)", text)
    assert "\\<script\\>" in text
    assert not re.search(r"(?<!\\)\]\(javascript:", text)
    assert "<javascript:" not in text
    assert f"<{GOOD_LINK}>" in text
    for bad in ("\x1b", "\x07", "\u202e", "\u2066"):
        assert bad not in text
    for table in md_tables(text):  # no pipe in a cell can add a column
        assert {len(row) for row in table} == {len(table[0])}, table[0]
    # Text that begins a line cannot turn itself into a list item, heading or quote.
    assert "  \\- \\=HYPERLINK" in text or "  \\- =HYPERLINK" in text


def test_csv_neutralises_formulas_and_control_characters(cli, tmp_path, hostile):
    text = hostile_report(cli, tmp_path, hostile, ReportFormat.csv)
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r", "\n"))]
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    for bad in ("\x1b", "\x07", "\u202e"):
        assert bad not in text


def test_json_keeps_hostile_text_as_data(cli, tmp_path, hostile):
    text = hostile_report(cli, tmp_path, hostile, ReportFormat.json)
    document = json.loads(text)
    jsonschema.validate(document, json.loads(cli("schema", "report").stdout))
    assert document["assessments"][0]["pilot"]["name"] == HOSTILE


def test_svg_labels_are_escaped(mini_assessments):
    from dataclasses import replace

    a = mini_assessments[0]
    pilot = replace(a.record.pilot, name=SCRIPT)
    hostile_a = replace(a, record=replace(a.record, pilot=pilot))
    for chart in (svg.score_by_criterion(hostile_a), svg.coverage_chart(hostile_a),
                  svg.strength_chart(hostile_a), svg.heatmap([hostile_a, a])):  # fmt: skip
        assert "<script" not in chart
        assert "&lt;script&gt;" in chart


# -- the HTML page -----------------------------------------------------------------------


@pytest.fixture
def example_html(cli, tmp_path, in_repo) -> str:
    case = sorted(CASES)[0] if len(CASES) == 1 else next(c for c in sorted(CASES) if c != "mini")
    files, extra = CASES[case]
    return run_report(cli, tmp_path, files, extra, ReportFormat.html)


def test_html_is_self_contained(example_html):
    page = parse_html(example_html)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
    for _, attrs in page.tags:
        assert "src" not in attrs
    assert "url(" not in example_html and "@import" not in example_html
    assert "Content-Security-Policy" in example_html


def test_html_headings_never_skip_a_level(example_html):
    levels = parse_html(example_html).headings
    assert levels[0] == 1 and levels.count(1) == 1
    for before, after in itertools.pairwise(levels):
        assert after <= before + 1, (before, after)


def test_html_tables_have_headers_with_scope(example_html):
    page = parse_html(example_html)
    headers = [attrs for tag, attrs in page.tags if tag == "th"]
    assert headers and all(attrs.get("scope") in ("col", "row", "colgroup") for attrs in headers)
    assert all(any(cell[0] == "th" for row in rows for cell in row) for _, rows in page.tables)


def test_html_says_what_it_is_about(example_html):
    expected = ('lang="en-GB"', "Generated on 1 April 2005", "Summary", "Charts",
                "Score by criterion", "Coverage", "Strength of evidence",
                "Evidence, by perspective", "Where people disagree", "Method and caveats",
                "Sources of evidence still to consult", "@page", "break-before: page")  # fmt: skip
    for words in expected:
        assert words in example_html, words


def test_band_colours_are_never_the_only_signal_and_text_stays_readable():
    for path in [MINI_FRAMEWORK, *ROOT.joinpath("frameworks").glob("*.yaml")]:
        for band in load_framework(path).bands:
            colour = svg.band_colour(band)
            assert svg.contrast_ratio(svg.INK, svg.tint(colour, 0.15)) >= 4.5
            assert svg.contrast_ratio(svg.INK, svg.tint(colour, 0.35)) >= 4.5
    assert svg.contrast_ratio(svg.WHITE, svg.STRENGTH_FILL["triangulated"]) >= 4.5
    for strength in ("none", "single source", "corroborated"):
        assert svg.contrast_ratio(svg.INK, svg.STRENGTH_FILL[strength]) >= 4.5


def test_every_band_badge_names_its_band(example_html):
    badges = re.findall(r'<span class="band"[^>]*>([^<]*)</span>', example_html)
    assert badges and all(label.strip() for label in badges)


def test_a_band_colour_that_is_not_a_hex_colour_is_never_written_out():
    from laaeval.model.framework import Band

    sneaky = Band("x", "X", 0, colour="red;background:url(http://evil)")
    assert svg.band_colour(sneaky) == svg.NEUTRAL
    assert "url(" not in html_renderer.band_style(sneaky)


def test_several_files_make_one_section_per_pilot(cli, tmp_path, two_pilots):
    files, extra = two_pilots
    out = tmp_path / "out"
    out.mkdir()
    text = run_report(cli, out, files, extra, ReportFormat.html)
    page = parse_html(text)
    sections = [attrs for tag, attrs in page.tags if tag == "section" and
                "pilot" in attrs.get("class", "")]  # fmt: skip
    assert len(sections) == 2
    assert "All pilots side by side" in text
    assert '<h2 id="p1-title">Smallville (final)</h2>' in text
    assert '<h2 id="p2-title">Bigtown (final)</h2>' in text


def test_template_ships_inside_the_package():
    template = resources.files("laaeval.report") / "templates" / html_renderer.TEMPLATE
    assert template.is_file()
    assert html_renderer.environment().autoescape is True


# -- every spreadsheet laaeval writes neutralises formulas ---------------------------------

# What a spreadsheet runs as a formula when a cell begins with it (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_outputs(cli, tmp_path, evidence: Path) -> dict[str, list[dict[str, str]]]:
    """The score CSV, the report CSV and the compare CSV of one evidence file, as rows."""
    out = tmp_path / "report.csv"
    assert cli("report", evidence, *MINI_ABS, "-o", out).exit_code == 0
    texts = {
        "score": cli("score", evidence, *MINI_ABS, "--format", "csv").stdout,
        "report": out.read_bytes().decode("utf-8"),
        "compare": cli("compare", evidence, *MINI_ABS, "--format", "csv").stdout,
    }
    return {
        kind: list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
        for kind, text in texts.items()
    }


MINI_ABS = ("--framework", str(MINI_FRAMEWORK))


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=["eq", "plus", "minus", "at", "tab", "cr"])
def test_every_csv_neutralises_a_cell_that_would_run_as_a_formula(cli, tmp_path, start):
    pilot = f"{start}1+2*cmd|' /C calc'!A0"
    assessor = f'{start}HYPERLINK("http://evil.example","x")'
    evidence = tmp_path / "evidence.yaml"
    evidence.write_text(
        MINI_EVIDENCE.read_text(encoding="utf-8")
        .replace("name: Smallville", f"name: {json.dumps(pilot)}")
        .replace("assessor: Test Assessor", f"assessor: {json.dumps(assessor)}"),
        encoding="utf-8",
    )  # fmt: skip
    for name, rows in csv_outputs(cli, tmp_path, evidence).items():
        assert rows, name
        for row in rows:
            shown = (row["pilot"], row["assessor"])
            if start in ("\t", "\r"):
                # A tab or carriage return is never written out at all (it is shown as a
                # space, or as the replacement character): nothing is left to run.
                replaced = " " if start == "\t" else "\ufffd"
                assert shown == (replaced + pilot[1:], replaced + assessor[1:]), name
            else:
                assert shown == ("'" + pilot, "'" + assessor), name
            risky = [cell for cell in row.values() if cell.startswith(FORMULA_STARTS)]
            assert risky == [], (name, risky)


# -- only whole web addresses become links --------------------------------------------------

SAFE_LINKS = [
    "https://example.org/minutes?id=4&part=2", "http://example.org", "HTTPS://EXAMPLE.ORG/a",
]  # fmt: skip
# Each begins with a good address: a check on how the text starts, not on all of it, would
# make it a link, and the rest would break out of a Markdown autolink or an HTML attribute.
UNSAFE_LINKS = [
    "https://example.org/a>[click](javascript:alert(1))",
    "https://example.org/a><script>alert(1)</script>",
    'https://example.org/a"onmouseover="alert(1)',
    "https://example.org/a b",
    "https://example.org/a\n[x](javascript:alert(1))",
    "https://example.org/a`code`",
    "https://example.org/a'x",
    "https://example.org/a\\b",
    "https://example.org/\u202eevil",
    "javascript:alert(1)//https://example.org",
    "https://",
    "ftp://example.org/file",
]


def test_web_link_takes_whole_http_addresses_only():
    from laaeval.text import web_link

    assert [web_link(u) for u in SAFE_LINKS] == SAFE_LINKS
    assert [web_link(u) for u in UNSAFE_LINKS] == [None] * len(UNSAFE_LINKS)


@pytest.mark.parametrize("link", UNSAFE_LINKS[:4])
def test_a_link_that_only_starts_well_is_text_in_every_report(cli, tmp_path, link):
    evidence = tmp_path / "evidence.yaml"
    evidence.write_text(
        MINI_EVIDENCE.read_text(encoding="utf-8").replace(
            "    summary: CG supports X1.1 and Y1.1\n",
            f"    summary: CG supports X1.1 and Y1.1\n    link: {json.dumps(link)}\n"),
        encoding="utf-8",
    )  # fmt: skip
    md, html = tmp_path / "r.md", tmp_path / "r.html"
    for out in (md, html):
        assert cli("report", evidence, *MINI_ABS, "-o", out).exit_code == 0
    md_text, html_text = md.read_text(encoding="utf-8"), html.read_text(encoding="utf-8")
    assert "<https://example.org/a" not in md_text
    assert "(not a web address, so not made a link)" in " ".join(md_text.split())  # wrapped
    assert not re.search(r"(?<!\\)\]\(javascript:", md_text)  # an escaped \] makes no link
    assert 'href="https://example.org/a' not in html_text
    assert "<script>alert" not in html_text
    assert "(not a web address, so not made a link)" in html_text


# -- contested and unsupported, never one for the other -------------------------------------

# Worked by hand from tests/data/mini-evidence.yaml (see tests/scoring/test_score.py): Y1.1
# has CG's interview supporting and the council's interview challenging, so Y1 is contested;
# X1.1 has CG supporting but a GO *document* challenging (a document is not a person's view),
# so X1 is mixed, not contested; X1.2 is rated with no evidence, the one unsupported rating.
# Groups as (contested criteria, unsupported ratings):
GROUP_FLAGS = {"overall": (1, 1), "X": (0, 1), "XA": (0, 1), "XB": (0, 0), "Y": (1, 0)}
CRITERION_FLAGS = {"X1": (False, 1), "X2": (False, 0), "Y1": (True, 0)}  # X3: not applicable
INDICATOR_FLAGS = {  # indicator: (contested, unsupported)
    "X1.1": ("no", "no"), "X1.2": ("no", "yes"), "X2": ("no", "no"), "X3.1": ("no", "no"),
    "Y1.1": ("yes", "no"), "Y1.2": ("no", "no"), "Y1.3": ("no", "no"),
}  # fmt: skip


def test_contested_and_unsupported_counts_are_the_hand_worked_ones_everywhere(cli, tmp_path):
    mini = (MINI_EVIDENCE, *MINI_ABS)
    (a,) = json.loads(cli("score", *mini, "--format", "json").stdout)["assessments"]
    groups = {"overall": a["overall"]}
    for aspect in a["aspects"]:
        groups[aspect["id"]] = aspect
        groups.update({lv["id"]: lv for lv in aspect.get("levels", [])})
    assert {k: (g["contested"], g["unsupported"]) for k, g in groups.items()} == GROUP_FLAGS
    criteria = {c["id"]: (c["contested"], c["unsupported"]) for c in a["criteria"]}
    assert {k: v for k, v in criteria.items() if k != "X3"} == CRITERION_FLAGS
    assert all(type(c) is bool and type(u) is int for c, u in criteria.values())

    rows = list(csv.DictReader(io.StringIO(cli("score", *mini, "--format", "csv").stdout)))
    by_id = {r["id"] if r["row"] != "overall" else "overall": r for r in rows}
    for ident, (contested, unsupported) in GROUP_FLAGS.items():
        assert (by_id[ident]["contested"], by_id[ident]["unsupported"]) == (
            str(contested), str(unsupported)), ident  # fmt: skip
    for ident, (contested, unsupported) in CRITERION_FLAGS.items():
        assert (by_id[ident]["contested"], by_id[ident]["unsupported"]) == (
            "yes" if contested else "no", str(unsupported)), ident  # fmt: skip

    # The terminal table and Markdown flag each criterion, and count contested criteria in
    # each subtotal.
    for fmt in ("table", "markdown"):
        text = cli("score", *mini, "--format", fmt).stdout
        lines = {line.split("│" if fmt == "table" else "|")[1 if fmt == "table" else 2].strip(
                 "* "): line for line in text.splitlines() if ("│" in line or "|" in line)}
        assert lines["First criterion"].rstrip(" |").endswith("mixed, 1 unsupported"), fmt
        assert lines["Agreement criterion"].rstrip(" |").endswith("contested"), fmt
        assert lines["Overall"].rstrip(" |").endswith("1 contested"), fmt
        assert lines["Agreement: total"].rstrip(" |").endswith("1 contested"), fmt

    # Reports: the summary tables end with the contested count, and each part's sentence
    # gives the ratings with no evidence behind them.
    order = ["overall", "X", "XA", "XB", "Y"]
    html = run_report(cli, tmp_path, (MINI_EVIDENCE,), MINI_ABS, ReportFormat.html)
    (summary,) = tables(parse_html(html), "summary")
    assert [int(r[-1]) for r in body_rows(summary)] == [GROUP_FLAGS[k][0] for k in order]
    md = run_report(cli, tmp_path, (MINI_EVIDENCE,), MINI_ABS, ReportFormat.md)
    (md_summary,) = [t for t in md_tables(md) if t[0][0] == "Part of the framework"]
    assert md_summary[0][-1] == "Contested"
    assert [int(r[-1]) for r in md_summary[2:]] == [GROUP_FLAGS[k][0] for k in order]
    for text in (html, md):
        assert "1 contested criterion. Mixed evidence on 2 criteria. 1 rating with no evidence " \
            "behind it." in text
    report_csv = run_report(cli, tmp_path, (MINI_EVIDENCE,), MINI_ABS, ReportFormat.csv)
    indicators = [r for r in csv.DictReader(io.StringIO(report_csv.removeprefix("\ufeff")))
                  if r["row"] == "indicator"]  # fmt: skip
    assert {r["indicator_id"]: (r["contested"], r["unsupported"]) for r in indicators} == (
        INDICATOR_FLAGS
    )
