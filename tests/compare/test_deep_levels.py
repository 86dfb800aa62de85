"""``compare --by level`` of a framework grouped to any depth shows every level, in every
format, each saying where it sits (issue 15: SAMM's practice › stream › maturity level).

The numbers are SAMM's own rule worked by hand (a maturity level is its one question's
answer, 0-1; a stream the sum of its three maturity levels, 0-3; a practice the mean of its
streams; the function the mean of its practices; an unanswered question counts as 0), for
the Northgate example (worked in tests/report/test_deep_summary.py) and for Southmoor,
written here:

  Southmoor  G-SM-A .5 + .25 + unanswered = .75 (25.0%): levels 50.0, 25.0, 0.0
             G-SM-B 1 + 1 + 1 = 3 (100.0%): levels 100.0 each
             G-SM (.75 + 3) / 2 = 1.875 (62.5%)
             G-PC-A 1 + unanswered twice = 1 (33.3%): levels 100.0, 0.0, 0.0
             G-PC-B nothing answered: 0 (0.0%)
             G-PC (1 + 0) / 2 = .5 (16.7%)
             G-EG-A .25 three times = .75 (25.0%): levels 25.0 each
             G-EG-B .5 + unanswered twice = .5 (16.7%): levels 50.0, 0.0, 0.0
             G-EG (.75 + .5) / 2 = .625 (20.8%)
             Governance (1.875 + .5 + .625) / 3 = 1 of 3 (33.3%), 10 of 18 answered

A column's mean is the mean of the two files' scores, as compare works every mean (none
of these is a half that rounding could tip either way): G-SM (37.5 + 62.5) / 2 = 50.0,
G-PC (41.7 + 16.7) / 2 = 29.2, G-PC-A (75.0 + 33.3) / 2 = 54.2, G-EG (16.7 + 20.8) / 2 =
18.8, overall (31.9 + 33.3) / 2 = 32.6.
"""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser

import openpyxl
import pytest

from ..conftest import ROOT

NORTHGATE = ROOT / "other-examples" / "samm-governance-northgate.yaml"
SOUTHMOOR = """\
judgements:
  G-SM-1-A: {rating: 0.5}
  G-SM-2-A: {rating: 0.25}
  G-SM-1-B: {rating: 1}
  G-SM-2-B: {rating: 1}
  G-SM-3-B: {rating: 1}
  G-PC-1-A: {rating: 1}
  G-EG-1-A: {rating: 0.25}
  G-EG-2-A: {rating: 0.25}
  G-EG-3-A: {rating: 0.25}
  G-EG-1-B: {rating: 0.5}
"""
N, S = "Northgate Council digital services", "Southmoor Council"

# (id, depth, within, Northgate's score, Southmoor's, the mean), in reading order.
LEVELS = [
    ("G-SM", 2, "G", 37.5, 62.5, 50.0),
    ("G-SM-A", 3, "G-SM", 50.0, 25.0, 37.5),
    ("G-SM-A-1", 4, "G-SM-A", 100.0, 50.0, 75.0),
    ("G-SM-A-2", 4, "G-SM-A", 50.0, 25.0, 37.5),
    ("G-SM-A-3", 4, "G-SM-A", 0.0, 0.0, 0.0),
    ("G-SM-B", 3, "G-SM", 25.0, 100.0, 62.5),
    ("G-SM-B-1", 4, "G-SM-B", 50.0, 100.0, 75.0),
    ("G-SM-B-2", 4, "G-SM-B", 25.0, 100.0, 62.5),
    ("G-SM-B-3", 4, "G-SM-B", 0.0, 100.0, 50.0),
    ("G-PC", 2, "G", 41.7, 16.7, 29.2),
    ("G-PC-A", 3, "G-PC", 75.0, 33.3, 54.2),
    ("G-PC-A-1", 4, "G-PC-A", 100.0, 100.0, 100.0),
    ("G-PC-A-2", 4, "G-PC-A", 100.0, 0.0, 50.0),
    ("G-PC-A-3", 4, "G-PC-A", 25.0, 0.0, 12.5),
    ("G-PC-B", 3, "G-PC", 8.3, 0.0, 4.2),
    ("G-PC-B-1", 4, "G-PC-B", 25.0, 0.0, 12.5),
    ("G-PC-B-2", 4, "G-PC-B", 0.0, 0.0, 0.0),
    ("G-PC-B-3", 4, "G-PC-B", 0.0, 0.0, 0.0),
    ("G-EG", 2, "G", 16.7, 20.8, 18.8),
    ("G-EG-A", 3, "G-EG", 0.0, 25.0, 12.5),
    ("G-EG-A-1", 4, "G-EG-A", 0.0, 25.0, 12.5),
    ("G-EG-A-2", 4, "G-EG-A", 0.0, 25.0, 12.5),
    ("G-EG-A-3", 4, "G-EG-A", 0.0, 25.0, 12.5),
    ("G-EG-B", 3, "G-EG", 33.3, 16.7, 25.0),
    ("G-EG-B-1", 4, "G-EG-B", 100.0, 50.0, 75.0),
    ("G-EG-B-2", 4, "G-EG-B", 0.0, 0.0, 0.0),
    ("G-EG-B-3", 4, "G-EG-B", 0.0, 0.0, 0.0),
]  # fmt: skip
OVERALL = (31.9, 33.3, 32.6)
IDS = [ident for ident, *_ in LEVELS]
EM = "\u2003"
# The key's text for a column, as the report's summary names its groups: a practice with
# the function it is in, a stream indented beneath it, a maturity level beneath that.
TITLES = {
    "G-SM": "Governance › Strategy and Metrics",
    "G-SM-A": EM * 2 + "Stream A: Create and Promote",
    "G-SM-A-1": EM * 4 + "Maturity level 1: Identify the organization's risk appetite",
    "G-PC-B": EM * 2 + "Stream B: Compliance Management",
    "G-EG-B-3": EM * 4 + "Maturity level 3: Establish a security community",
}


@pytest.fixture
def folder(tmp_path):
    text = NORTHGATE.read_text(encoding="utf-8")
    (tmp_path / "northgate.yaml").write_text(text, encoding="utf-8")
    head = text.split("judgements:")[0].replace(N, S)
    (tmp_path / "southmoor.yaml").write_text(head + SOUTHMOOR, encoding="utf-8")
    return tmp_path


def _run(cli, folder, *args) -> str:
    result = cli("compare", folder, "--by", "level", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _score(text: str) -> float | None:
    return None if text in ("–", "") else float(text)


def test_json_has_every_level_with_its_place_and_score(cli, folder):
    doc = json.loads(_run(cli, folder, "--format", "json"))
    assert [(c["id"], c["depth"], c["within"]) for c in doc["columns"]] == [
        (ident, depth, within) for ident, depth, within, *_ in LEVELS]  # fmt: skip
    rows = {r["pilot"]: r for g in doc["groups"] for r in g["rows"]}
    for ident, _, _, north, south, mean in LEVELS:
        assert rows[N]["cells"][ident]["score"] == north, ident
        assert rows[S]["cells"][ident]["score"] == south, ident
        assert doc["summaries"][ident]["mean"] == mean, ident
    assert (rows[N]["overall"]["score"], rows[S]["overall"]["score"],
            doc["summaries"]["overall"]["mean"]) == OVERALL  # fmt: skip
    assert (rows[S]["overall"]["judged"], rows[S]["overall"]["applicable"]) == (10, 18)


def test_csv_has_a_row_per_level_with_its_depth_and_the_group_it_is_in(cli, folder):
    rows = list(csv.DictReader(io.StringIO(_run(cli, folder, "--format", "csv").lstrip("\ufeff"))))
    assert list(rows[0])[5:9] == ["column", "title", "depth", "within"]
    south = [r for r in rows if r["pilot"] == S]
    assert [(r["column"], int(r["depth"]), r["within"], float(r["score"])) for r in south] == [
        *((ident, depth, within, s) for ident, depth, within, _, s, _ in LEVELS),
        ("overall", 0, "", OVERALL[1])]  # fmt: skip


def test_the_terminal_indents_each_level_beneath_the_one_it_is_in(cli, folder, monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # 27 levels do not go across: the matrix is turned
    lines = _run(cli, folder).splitlines()
    keys = {line.split("  ")[1].strip(): n for n, line in enumerate(lines)
            if line.startswith("  P") and " — " in line}  # fmt: skip
    assert list(keys) == ["P1", "P2"]
    matrix = [[part.strip() for part in line.split("│")] for line in lines if "│" in line]
    labels = {line.split("│")[0].rstrip(): line for line in lines if "│" in line}
    for ident, depth, _, north, south, mean in LEVELS:
        # A practice at the margin, a stream two spaces in, a maturity level four.
        line = labels["  " * (depth - 2) + ident]
        cells = [part.strip() for part in line.split("│")]
        assert [_score(cells[1]), _score(cells[2]), _score(cells[3])] == [north, south, mean]
    assert [row[0] for row in matrix if row[0] in IDS] == IDS  # every level, in order
    key = lines[lines.index("Columns") + 1:lines.index("Columns") + 1 + len(LEVELS)]
    assert [line.split()[0] for line in key] == IDS
    for ident, title in TITLES.items():
        assert key[IDS.index(ident)] == f"{ident:<8}  {title}"


def test_markdown_has_every_level_and_a_key_of_where_each_sits(cli, folder):
    text = _run(cli, folder, "--format", "md")
    found: dict[str, list[float | None]] = {}
    for table in text.split("\n\n"):
        lines = table.splitlines()
        if not lines or not lines[0].startswith("| Pilot |"):
            continue
        header = [c.strip() for c in lines[0].strip("|").split("|")]
        for line in lines[2:4]:  # the two files, then the means
            cells = [c.strip() for c in line.strip("|").split("|")]
            for name, cell in zip(header[4:], cells[4:], strict=True):
                found.setdefault(name, []).append(_score(cell))
    assert list(found) == IDS
    for ident, _, _, north, south, _ in LEVELS:
        assert found[ident] == [north, south], ident
    key = text.split("### Columns\n\n")[1].split("\n\n")[0].splitlines()
    assert key[0] == "| ID | Level |"
    rows = {c[0]: c[1] for line in key[2:]
            for c in [[x.strip(" ") for x in line.strip("|").split(" | ")]]}  # fmt: skip
    assert list(rows) == IDS
    for ident, title in TITLES.items():
        assert rows[ident] == title


class _Tables(HTMLParser):
    """Each table's rows of cell texts."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.cell = False

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self.tables[-1][-1].append("")
            self.cell = True

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = False

    def handle_data(self, data):
        if self.cell:
            self.tables[-1][-1][-1] += data


def test_html_has_every_level_and_names_each_where_it_sits(cli, folder):
    parser = _Tables()
    parser.feed(_run(cli, folder, "--format", "html"))
    found: dict[str, list[float | None]] = {}
    for table in parser.tables:
        if table[0][0] != "Pilot":
            continue
        for row in table[1:3]:
            for name, cell in zip(table[0][4:], row[4:], strict=True):
                found.setdefault(name, []).append(_score(cell))
    assert list(found) == IDS
    for ident, _, _, north, south, _ in LEVELS:
        assert found[ident] == [north, south], ident
    columns = next(t for t in parser.tables if t[0] == ["ID", "Text"])
    rows = dict(columns[1:])
    assert list(rows) == IDS
    for ident, title in TITLES.items():
        assert rows[ident] == title


def test_the_workbook_has_every_level_outlined_beneath_the_one_it_is_in(cli, folder):
    out = folder / "compare.xlsx"
    result = cli("compare", folder, "--by", "level", "--output", out)
    assert result.exit_code == 0, result.stderr
    wb = openpyxl.load_workbook(out)
    matrix = wb["Matrix"]
    header = [c.value for c in matrix[1]]
    assert header[:4] == ["Pilot", "Round", "Overall", "Coverage %"]
    assert header[4:] == IDS
    by_pilot = {row[0]: row for row in matrix.iter_rows(min_row=2, values_only=True)}
    for n, (ident, depth, _, north, south, mean) in enumerate(LEVELS, start=4):
        assert (by_pilot[N][n], by_pilot[S][n], by_pilot["Mean score"][n]) == (
            north, south, mean), ident  # fmt: skip
        letter = openpyxl.utils.get_column_letter(n + 1)
        # Streams fold beneath their practice, maturity levels beneath their stream.
        assert matrix.column_dimensions[letter].outline_level == depth - 2, ident
    long_form = list(wb["Long form"].iter_rows(values_only=True))
    assert long_form[0][5:9] == ("Column", "Title", "Depth", "Within")
    south = [row for row in long_form[1:] if row[0] == S]
    assert [(r[5], r[7], r[8], r[9]) for r in south] == [
        *((ident, depth, within, s) for ident, depth, within, _, s, _ in LEVELS),
        ("overall", 0, None, OVERALL[1])]  # fmt: skip
    notes = [row[0] for row in wb["Notes"].iter_rows(values_only=True) if row[0]]
    key = notes[notes.index("Columns") + 1:][:len(LEVELS)]
    for ident, title in TITLES.items():
        assert key[IDS.index(ident)] == f"{ident:<8}  {title}"


def test_odpm_by_level_says_nothing_of_depth(cli, monkeypatch):
    # ODPM's levels sit directly in its aspects: no key, no depth or within anywhere.
    example = ROOT / "examples" / "ashbridge-final.yaml"
    monkeypatch.setenv("COLUMNS", "200")
    result = cli("compare", example, "--by", "level")
    assert result.exit_code == 0 and "\nColumns\n" not in result.stdout
    doc = json.loads(cli("compare", example, "--by", "level", "--format", "json").stdout)
    assert all(set(c) == {"id", "title"} for c in doc["columns"])
    header = cli("compare", example, "--by", "level", "--format", "csv").stdout.splitlines()[0]
    assert "depth" not in header and "within" not in header
