"""A framework grouped to any depth gives a score at every level in every report format,
each group set beneath the one it is in (issue 15: SAMM's business function › security
practice › stream › maturity level).

The numbers are SAMM's own rule worked by hand for other-examples/samm-governance-northgate
.yaml (the toolbox: answers 0-1; a stream is the sum of its three maturity levels' answers,
0-3; a practice the mean of its streams; the function the mean of its practices; an
unanswered question counts as 0), not read from laaeval's output:

  Strategy and Metrics  stream A 1 + 0.5 + 0 = 1.5 (50.0%); stream B 0.5 + 0.25 + 0 = 0.75
                        (25.0%); practice (1.5 + 0.75) / 2 = 1.125, shown 1.13 (37.5%)
  Policy and Compliance stream A 1 + 1 + 0.25 = 2.25 (75.0%); stream B 0.25 + 0 + 0 = 0.25
                        (8.3%); practice 1.25 (41.7%)
  Education and Guidance stream A 0 (0.0%); stream B 1 (33.3%); practice 0.5 (16.7%)
  Governance            (1.125 + 1.25 + 0.5) / 3 = 0.958…, shown 0.96 of 3 (31.9%)
"""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from docx import Document

from ..conftest import ROOT

SAMM = ROOT / "other-examples" / "samm-governance-northgate.yaml"

# (depth, id, title, score %, value of maximum): 1 the business function, 2 a practice,
# 3 a stream, 4 a maturity level.
GROUPS = [
    (1, "G", "Governance", "31.9", "0.96 of 3"),
    (2, "G-SM", "Strategy and Metrics", "37.5", "1.13 of 3"),
    (3, "G-SM-A", "Stream A: Create and Promote", "50.0", "1.5 of 3"),
    (4, "G-SM-A-1", "Maturity level 1: Identify the organization's risk appetite", "100.0",
     "1 of 1"),
    (4, "G-SM-A-2", "Maturity level 2: Define the security strategy", "50.0", "0.5 of 1"),
    (4, "G-SM-A-3", "Maturity level 3: Align security and business strategies", "0.0", "0 of 1"),
    (3, "G-SM-B", "Stream B: Measure and Improve", "25.0", "0.75 of 3"),
    (4, "G-SM-B-1", "Maturity level 1: Define basic security metrics", "50.0", "0.5 of 1"),
    (4, "G-SM-B-2", "Maturity level 2: Set strategic KPIs", "25.0", "0.25 of 1"),
    (4, "G-SM-B-3", "Maturity level 3: Drive the security program through metrics", "0.0",
     "0 of 1"),
    (2, "G-PC", "Policy and Compliance", "41.7", "1.25 of 3"),
    (3, "G-PC-A", "Stream A: Policy and Standards", "75.0", "2.25 of 3"),
    (3, "G-PC-B", "Stream B: Compliance Management", "8.3", "0.25 of 3"),
    (2, "G-EG", "Education and Guidance", "16.7", "0.5 of 3"),
    (3, "G-EG-A", "Stream A: Training and Awareness", "0.0", "0 of 3"),
    (3, "G-EG-B", "Stream B: Organization and Culture", "33.3", "1 of 3"),
]  # fmt: skip
EM = "\u2003"


def _report(cli, tmp_path, suffix: str) -> bytes:
    out = tmp_path / f"samm.{suffix}"
    result = cli("report", SAMM, "--output", out)
    assert result.exit_code == 0, result.stderr
    return out.read_bytes()


def _summary_cells(rows: list[list[str]]) -> list[tuple[str, str]]:
    """(part of the framework, score) from a summary table's rows, header dropped."""
    return [(row[0], row[1]) for row in rows]


def _expected(indent: str) -> list[tuple[str, str]]:
    """The summary rows as the table should give them: a practice as "Governance ›
    Strategy and Metrics", each group within it indented one step more."""
    rows = [("Overall", "31.9 (0.96 of 3)")]
    for depth, _, title, score, units in GROUPS:
        name = title if depth == 1 else (
            f"Governance › {title}" if depth == 2 else indent * (depth - 2) + title)
        rows.append((name, f"{score} ({units})"))
    return rows


def _in_order(found: list[tuple[str, str]], wanted: list[tuple[str, str]]) -> None:
    """Every wanted row is there, in this order (the maturity levels not listed in GROUPS
    are there too, between them)."""
    at = 0
    for row in wanted:
        assert row in found[at:], (row, found)
        at = found.index(row, at) + 1


def test_markdown_summary_indents_every_level(cli, tmp_path):
    text = _report(cli, tmp_path, "md").decode("utf-8")
    start = text.index("| Part of the framework |")
    lines = text[start:].split("\n\n")[0].splitlines()[2:]
    found = [tuple(c.strip(" ").replace("**", "").replace("\\", "")
                   for c in line.strip("|").split(" | "))[:2] for line in lines]  # fmt: skip
    assert len(found) == 1 + 1 + 3 + 6 + 18  # overall, function, practices, streams, levels
    _in_order(found, _expected(EM * 2))


def test_html_summary_indents_every_level(cli, tmp_path):
    from html.parser import HTMLParser

    class Rows(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.pads: list[str | None] = []
            self.inside = False

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "table" and a.get("class") == "summary":
                self.inside = True
            elif self.inside and tag == "tr":
                self.rows.append([])
            elif self.inside and tag == "th" and a.get("scope") == "row":
                self.pads.append(a.get("style"))
                self.rows[-1].append("")
            elif self.inside and tag == "td":
                self.rows[-1].append("")

        def handle_endtag(self, tag):
            if tag == "table":
                self.inside = False

        def handle_data(self, data):
            if self.inside and self.rows and self.rows[-1]:
                self.rows[-1][-1] += data

    parser = Rows()
    parser.feed(_report(cli, tmp_path, "html").decode("utf-8"))
    body = [r for r in parser.rows if r]  # the header row has no cells of these kinds
    found = [(r[0], r[1]) for r in body]
    _in_order(found, [(t.replace("Governance › ", ""), s) for t, s in _expected("")])
    pads = dict(zip((r[0] for r in body), parser.pads, strict=True))
    assert pads["Stream A: Create and Promote"] == "padding-left: 3.6em; font-weight: normal"
    assert pads["Maturity level 2: Define the security strategy"].startswith("padding-left: 4.8em")
    assert pads["Strategy and Metrics"] is None  # a practice: the class's own indent


def test_word_summary_indents_every_level(cli, tmp_path):
    doc = Document(io.BytesIO(_report(cli, tmp_path, "docx")))
    table = next(t for t in doc.tables if t.rows[0].cells[0].text == "Part of the framework")
    found = [(row.cells[0].text, row.cells[1].text) for row in table.rows[1:]]
    _in_order(found, _expected(""))
    indents = {row.cells[0].text: row.cells[0].paragraphs[0].paragraph_format.left_indent
               for row in table.rows[1:]}  # fmt: skip
    assert indents["Governance › Strategy and Metrics"] is None
    assert indents["Stream A: Create and Promote"].mm == pytest.approx(3, abs=0.05)
    assert indents["Maturity level 1: Define basic security metrics"].mm == pytest.approx(
        6, abs=0.05)


def test_excel_summary_has_a_row_per_group_each_saying_where_it_sits(cli, tmp_path):
    wb = openpyxl.load_workbook(io.BytesIO(_report(cli, tmp_path, "xlsx")))
    ws = wb["Summary"]
    header = [c.value for c in ws[1]]
    at = {name: header.index(name) for name in ("Part", "ID", "Title", "Score")}
    rows = {r[at["ID"]].value: r for r in ws.iter_rows(min_row=2)}
    assert len(rows) == 1 + 1 + 3 + 6 + 18  # the overall row has no id
    within = {"G": "Aspect", "G-SM": "Level", "G-SM-A": "Level in G-SM",
              "G-SM-A-1": "Level in G-SM-A", "G-EG-B": "Level in G-EG"}  # fmt: skip
    for ident, part in within.items():
        assert rows[ident][at["Part"]].value == part
    for depth, ident, title, score, _ in GROUPS:
        row = rows[ident]
        assert (row[at["Title"]].value, row[at["Score"]].value) == (title, float(score))
        assert row[at["Title"]].alignment.indent == 2 * (depth - 1)


def test_csv_report_has_a_row_per_group_at_every_depth(cli, tmp_path):
    text = _report(cli, tmp_path, "csv").decode("utf-8").removeprefix("\ufeff")
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["row"] != "indicator"]
    by_id = {r["group_id"]: r for r in rows}
    for depth, ident, title, score, units in GROUPS:
        r = by_id[ident]
        assert (r["depth"], r["group"], r["group_score"], r["group_in_units"]) == (
            str(depth), title, score, units)  # fmt: skip
    assert by_id["G-SM-A-1"]["within"] == "G-SM-A"
    assert by_id["G-SM-A"]["within"] == "G-SM"
    assert by_id["G-SM"]["within"] == "G"
    # The indicator rows say which group each sits in, to pivot on.
    indicators = [r for r in csv.DictReader(io.StringIO(text)) if r["row"] == "indicator"]
    assert {r["indicator_id"]: r["within"] for r in indicators}["G-PC-3-B"] == "G-PC-B-3"


def test_score_csv_has_a_row_per_group_at_every_depth(cli):
    result = cli("score", SAMM, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    levels = {r["id"]: r["score"] for r in rows if r["row"] == "level"}
    assert {ident: score for depth, ident, _, score, _ in GROUPS if depth > 1}.items() <= (
        levels.items())
    assert len(levels) == 3 + 6 + 18


def test_json_report_nests_every_level(cli, tmp_path):
    document = json.loads(_report(cli, tmp_path, "json"))
    (aspect,) = document["assessments"][0]["aspects"]
    found = {}

    def walk(g: dict, depth: int) -> None:
        found[g["id"]] = (depth, g["title"], f"{g['score']:.1f}",
                          f"{g['value']:g} of {g['maximum']:g}")
        for inner in g.get("levels", ()):
            walk(inner, depth + 1)

    walk(aspect, 1)
    for depth, ident, title, score, units in GROUPS:
        assert found[ident] == (depth, title, score, units)


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_every_report_shows_the_framework_s_guidance_and_every_group_s_description(
        cli, tmp_path, fmt):  # fmt: skip
    # SAMM's quality criteria for a question, and the descriptions of a stream and of a
    # maturity level (groups without headings of their own), as the framework words them.
    data = _report(cli, tmp_path, fmt)
    if fmt == "docx":
        text = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    else:
        text = data.decode("utf-8")
        if fmt == "html":
            import html

            text = html.unescape(text)
    said = " ".join(text.replace("\\", "").split())
    assert "Guidance: Quality criteria:" in said.replace("**", "").replace("<strong>", "") \
        .replace("</strong>", "")  # fmt: skip
    assert "- The plan includes measurable milestones and a budget" in said
    assert "This stream is about creating and promoting an application security roadmap" in said
    assert "Publish a unified strategy for application security." in said
