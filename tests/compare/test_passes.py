"""Whether each pilot passes reaches every format of `compare`, and the spreadsheets of
`score` and `report` (issue 15: "pass/fail gating beside the percentage").

Worked by hand from the badge's rule (tests/data/badge-mini.yaml): Project P (badge-p.yaml)
meets every MUST (crypto_published is an allowed N/A, counted as met): 7 of 7, passes.
Project Q, put right as in test_other_shapes (a URL for homepage_url, license_location
Met), answers the MUST crypto_published Unmet: 6 of 7 = 85.7, does not pass. A framework
with no required importance (ODPM) has no pass to give, and says nothing of one.
"""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest

from ..conftest import DATA, EXAMPLES

BADGE = ("-f", DATA / "badge-mini.yaml")


@pytest.fixture
def pq(tmp_path):
    q = tmp_path / "q.yaml"
    q.write_text((DATA / "badge-q.yaml").read_text()
                 .replace("rationale: Described on the home page",
                          "rationale: Described at https://q.example.org")
                 .replace("license_location: {rating: n/a}", "license_location: {rating: 1}"))
    return DATA / "badge-p.yaml", q


def _compare(cli, pq, *args):
    result = cli("compare", *pq, *BADGE, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_compare_json_says_whether_each_pilot_passes(cli, pq):
    rows = json.loads(_compare(cli, pq, "--format", "json"))["groups"][0]["rows"]
    assert [(r["pilot"], r["overall"]["score"], r["passed"]) for r in rows] == [
        ("Project P", 100.0, True), ("Project Q", 85.7, False)]
    assert list(rows[0])[5:8] == ["overall", "passed", "cells"]
    odpm = json.loads(cli("compare", EXAMPLES / "wealdshire-final.yaml",
                          EXAMPLES / "ashbridge-final.yaml", "--format", "json").stdout)
    assert all("passed" not in r for g in odpm["groups"] for r in g["rows"])


def test_compare_csv_says_it_on_each_pilots_overall_line(cli, pq):
    lines = list(csv.DictReader(io.StringIO(_compare(cli, pq, "--format", "csv").lstrip("\ufeff"))))
    assert list(lines[0])[-2:] == ["passes", "file"]
    overall = {r["pilot"]: r["passes"] for r in lines if r["column"] == "overall"}
    assert overall == {"Project P": "yes", "Project Q": "no"}
    assert {r["passes"] for r in lines if r["column"] != "overall"} == {""}
    odpm = cli("compare", EXAMPLES / "wealdshire-final.yaml", "--format", "csv").stdout
    assert "passes" not in odpm.splitlines()[0]


def test_compare_table_markdown_and_html_have_a_passes_column(cli, pq, tmp_path, monkeypatch):
    md = _compare(cli, pq, "--format", "markdown")
    header = next(line for line in md.splitlines() if line.startswith("| Pilot"))
    assert header.startswith("| Pilot | Round | Overall | Coverage | Passes | homepage\\_url |")
    rows = [line for line in md.splitlines() if line.startswith("| Project")]
    assert [r.split(" | ")[2:5] for r in rows] == [["100.0", "100.0%", "yes"],
                                                   ["85.7", "100.0%", "no"]]
    assert "Passes: yes when every item of a required importance is met" in md
    mean = next(line for line in md.splitlines() if line.startswith("| *Mean score*"))
    assert [x.strip() for x in mean.split("|")][3:7] == ["92.9", "", "", "100.0"]  # no mean
    out = tmp_path / "c.html"
    assert cli("compare", *pq, *BADGE, "--output", out).exit_code == 0
    html = out.read_text()
    assert '<th scope="col" class="num">Coverage</th><th scope="col">Passes</th>' in html
    assert "<td>yes</td>" in html and "<td>no</td>" in html
    monkeypatch.setenv("COLUMNS", "60")  # turned: the pilots across, a row saying it
    turned = _compare(cli, pq).splitlines()
    row = next(line for line in turned if line.startswith("Passes "))
    assert [cell.strip() for cell in row.split("│")] == ["Passes", "yes", "no"]
    monkeypatch.setenv("COLUMNS", "240")  # pilots down: a column after Overall
    across = _compare(cli, pq).splitlines()
    head = next(line for line in across if line.startswith("Pilot"))
    assert [cell.strip() for cell in head.split("│")][2:4] == ["Overall", "Passes"]
    q = next(line for line in across if line.startswith("Project Q"))
    assert [cell.strip() for cell in q.split("│")][2:5] == ["85.7 100.0%", "no", "100.0"]


def test_compare_workbook_has_a_passes_column_and_the_scores_stay_in_place(cli, pq, tmp_path):
    out = tmp_path / "c.xlsx"
    assert cli("compare", *pq, *BADGE, "--output", out).exit_code == 0
    wb = openpyxl.load_workbook(out)
    ws = wb["Matrix"]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["Pilot", "Round", "Overall", "Coverage %", "Passes", "homepage_url"]
    q = [c.value for c in ws[3]]
    assert q[:4] == ["Project Q", "2026", 85.7, 100.0] and q[4] == "no"
    assert q[header.index("crypto_published")] == 0.0
    # a score, not "provisional": the badge has no bands for a score to be held back from
    assert ws.cell(3, header.index("crypto_published") + 1).number_format == "0.0"
    mean = [c.value for c in ws[4]]
    assert mean[0] == "Mean score" and mean[4] is None and mean[6] == 50.0
    long = wb["Long form"]
    head = [c.value for c in long[1]]
    assert head[-2:] == ["Passes", "File"]
    lines = list(long.iter_rows(min_row=2, values_only=True))
    assert {(r[0], r[-2]) for r in lines if r[5] == "overall"} == {("Project P", "yes"),
                                                                   ("Project Q", "no")}


def test_score_and_report_csv_give_the_pass_as_each_groups_status(cli, pq, tmp_path):
    text = cli("score", *pq, *BADGE, "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    status = {(r["pilot"], r["row"]): r["status"] for r in rows if r["row"] != "criterion"}
    assert status == {("Project P", "aspect"): "passes", ("Project P", "overall"): "passes",
                      ("Project Q", "aspect"): "does not pass",
                      ("Project Q", "overall"): "does not pass"}  # fmt: skip
    odpm = csv.DictReader(io.StringIO(cli("score", EXAMPLES / "wealdshire-final.yaml",
                                          "--format", "csv").stdout))
    assert {r["status"] for r in odpm if r["row"] != "criterion"} == {""}
    out = tmp_path / "q.csv"
    assert cli("report", pq[1], *BADGE, "--output", out).exit_code == 0
    report = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    groups = [(r["row"], r["group_id"], r["status"]) for r in report if r["row"] != "indicator"]
    assert groups == [("aspect", "basics", "does not pass"),
                      ("overall", "badge-mini", "does not pass")]
