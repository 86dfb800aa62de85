"""The Word and Excel report, and the comparison in Excel: the numbers are score JSON's and
the oracle's, stored as numbers; headings are Word's own; nothing can run as a formula."""

from __future__ import annotations

import io
import json
import os
import struct
import zipfile
import zlib

import openpyxl
import pytest
from docx import Document

from laaeval.report import charts, raster, svg
from laaeval.scoring.batch import score_all

from ..conftest import EXAMPLES, MINI_EVIDENCE, MINI_FRAMEWORK
from ..office_dump import docx_text

# hostile and in_repo are test_report's fixtures, used here by name (hence the noqa: F811).
from .test_report import (  # noqa: F401
    BAD_LINK,
    FORMULA,
    GOOD_LINK,
    MINI,
    NUMBER_CASES,
    hostile,
    in_repo,
    score_json,
)

# -- reading the dumps back (shared with tests/report/test_golden_numbers.py) -------------


def xlsx_sheets(text: str) -> dict[str, list[list]]:
    sheets: dict[str, list[list]] = {}
    current: list[list] = []
    for line in text.splitlines():
        if line.startswith("== "):
            current = sheets.setdefault(line[3:].split(" (frozen")[0], [])
        elif line:
            current.append([v["value"] if isinstance(v, dict) else v for v in json.loads(line)])
    return sheets


def _records(rows: list[list]) -> list[dict]:
    return [dict(zip(rows[0], row + [None] * (len(rows[0]) - len(row)), strict=True))
            for row in rows[1:]]  # fmt: skip


def band_words(x: dict) -> str:
    if x["band"]:
        return x["band"]["label"]
    if x.get("provisional"):
        return "provisional"
    verdict = x.get("verdict")
    return verdict["label"] if verdict else "–"


def groups_in_order(assessment: dict) -> list[dict]:
    out = [assessment["overall"]]
    for aspect in assessment["aspects"]:
        out.append(aspect)
        out += aspect.get("levels", [])
    return out


def check_xlsx_numbers(text: str, document: dict) -> None:
    sheets = xlsx_sheets(text)
    summary, criteria = _records(sheets["Summary"]), _records(sheets["Criteria"])
    indicators = _records(sheets["Indicators"])
    expected_groups = [g for a in document["assessments"] for g in groups_in_order(a)]
    assert [(r["Score"], r["Indicators judged"], r["Indicators applicable"], r["Coverage %"])
            for r in summary] == [(g["score"], g["judged"], g["applicable"], g["coverage"])
                                  for g in expected_groups]  # fmt: skip
    assert [r["Band"] for r in summary] == [band_words(g) for g in expected_groups]
    expected = [c for a in document["assessments"] for c in a["criteria"]]
    assert [r["ID"] for r in criteria] == [c["id"] for c in expected]
    for row, c in zip(criteria, expected, strict=True):
        assert row["Score"] == c["score"], c["id"]
        if c["applicable"]:
            assert row["Band"] == band_words(c), c["id"]
            assert (row["Indicators judged"], row["Indicators applicable"]) == (
                c["judged"], c["applicable_indicators"])  # fmt: skip
            assert row["Evidence items"] == len(c["evidence_items"]), c["id"]
    flat = [i for c in expected for i in c["indicators"]]
    assert [(r["ID"], r["Rating"], r["Score"], r["Evidence items"]) for r in indicators] == [
        (i["id"], i["rating"], i["score"], len(i["evidence"])) for i in flat]


def docx_tables(text: str) -> list[list[list[str]]]:
    tables: list[list[list[str]]] = []
    for line in text.splitlines():
        if line == "[table]":
            tables.append([])
        elif line.startswith("| ") and tables:
            tables[-1].append(line[2:-2].split(" | "))
    return tables


def check_docx_numbers(text: str, document: dict) -> None:
    tables = docx_tables(text)
    summaries = [t for t in tables if t[0][0] == "Part of the framework"]
    glances = [t for t in tables if t[0][:2] == ["ID", "Criterion"]]
    assert len(summaries) == len(glances) == len(document["assessments"])
    for assessment, summary, glance in zip(document["assessments"], summaries, glances,
                                           strict=True):  # fmt: skip
        groups = groups_in_order(assessment)
        shown = [[r[1], r[2], r[4]] for r in summary[1:]]
        assert shown == [["–" if g["score"] is None else f"{g['score']:.1f}", band_words(g),
                          f"{g['judged']}/{g['applicable']}"] for g in groups]  # fmt: skip
        rows = {r[0]: r for r in glance[1:]}
        for c in assessment["criteria"]:
            row = rows[c["id"]]
            if not c["applicable"]:
                assert row[2] == "not applicable"
                continue
            assert row[3] == ("–" if c["score"] is None else f"{c['score']:.1f}"), c["id"]
            assert row[4] == band_words(c), c["id"]


# -- the report, in Excel -------------------------------------------------------------------


def report(cli, tmp_path, files, extra, suffix: str):
    out = tmp_path / f"report.{suffix}"
    result = cli("report", *files, *extra, "--output", out)
    assert result.exit_code == 0, result.stderr
    return out


@pytest.mark.parametrize("case", sorted(NUMBER_CASES))
def test_excel_and_word_show_the_numbers_of_score_json(cli, tmp_path, in_repo, case):  # noqa: F811
    files, extra = NUMBER_CASES[case]
    document = score_json(cli, files, extra)
    from ..office_dump import xlsx_text

    check_xlsx_numbers(xlsx_text(report(cli, tmp_path, files, extra, "xlsx").read_bytes()),
                       document)  # fmt: skip
    check_docx_numbers(docx_text(report(cli, tmp_path, files, extra, "docx").read_bytes()),
                       document)  # fmt: skip


def test_the_workbook_has_a_sheet_per_view_each_frozen_and_filtered(cli, tmp_path, in_repo):  # noqa: F811
    out = report(cli, tmp_path, ["examples/ashbridge-final.yaml"], (), "xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Summary", "Criteria", "Indicators", "Evidence"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref.startswith("A1:")
    (a,) = score_all([EXAMPLES / "ashbridge-final.yaml"])
    pn1 = a.criterion("PN1")
    criteria = wb["Criteria"]
    headers = [c.value for c in criteria[1]]
    score, band = headers.index("Score") + 1, headers.index("Band") + 1
    row = next(r for r in range(2, criteria.max_row + 1) if criteria.cell(r, 5).value == "PN1")
    assert criteria.cell(row, score).value == pn1.score
    assert criteria.cell(row, score).data_type == "n"
    assert criteria.cell(row, band).value == pn1.band.label
    tint = svg.tint(svg.band_colour(pn1.band), 0.35)[1:].upper()
    assert criteria.cell(row, band).fill.fgColor.rgb == "FF" + tint  # the band's colour
    assert wb["Evidence"].max_row == len(a.record.evidence) + 1  # and the header


def test_no_cell_of_the_workbook_can_run_as_a_formula(cli, tmp_path, hostile):  # noqa: F811
    evidence, framework = hostile
    out = tmp_path / "hostile.xlsx"
    assert cli("report", evidence, "--framework", framework, "-o", out).exit_code == 0
    wb = openpyxl.load_workbook(out)
    found = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                    assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
                    found += 1
                if isinstance(cell.value, str):
                    assert not any(ch in cell.value for ch in "\x1b\x07\u202e\u2066")
    assert found >= 3  # the assessor, a summary, a source type label
    with zipfile.ZipFile(out) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)
    assert FORMULA in {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row}


# -- the report, in Word ---------------------------------------------------------------------


def test_the_word_report_has_real_headings_a4_pages_and_page_numbers(cli, tmp_path, in_repo):  # noqa: F811
    out = report(cli, tmp_path, ["examples/ashbridge-final.yaml"], (), "docx")
    doc = Document(out)
    styles = [p.style.name for p in doc.paragraphs]
    assert styles[0] == "Title"
    headings = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Head")]
    assert headings[0] == ("Heading 1", "Summary")
    assert ("Heading 1", "The process") in headings
    assert ("Heading 2", "National") in headings
    assert any(s == "Heading 3" and t.startswith("PN3 ") for s, t in headings)
    assert any(s == "Heading 4" and t == "Evidence, by perspective" for s, t in headings)
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    xml = section.footer._element.xml
    assert " PAGE " in xml and " NUMPAGES " in xml
    body = doc.element.xml
    assert 'TOC \\o "1-2"' in body
    descriptions = [s._inline.docPr.get("descr") for s in doc.inline_shapes]
    assert descriptions[0].startswith("Score by criterion, Ashbridge")
    assert len(descriptions) == 3


def test_each_evidence_item_is_set_out_once(cli, tmp_path, in_repo):  # noqa: F811
    out = report(cli, tmp_path, ["examples/ashbridge-final.yaml"], (), "docx")
    text = docx_text(out.read_bytes())
    (a,) = score_all([EXAMPLES / "ashbridge-final.yaml"])
    ids = {e.id for e in a.record.evidence}
    items = [line.split()[2] for line in text.splitlines()
             if line.startswith("[List Bullet] ") and line.split()[2] in ids
             and "set out in full under" not in line]  # fmt: skip
    shown = {e for c in a.criteria for e in c.evidence_items}  # those bearing on something
    assert len(items) == len(set(items)) == len(shown)


def test_the_word_report_shows_hostile_text_as_text(cli, tmp_path, hostile):  # noqa: F811
    evidence, framework = hostile
    out = tmp_path / "hostile.docx"
    assert cli("report", evidence, "--framework", framework, "-o", out).exit_code == 0
    with zipfile.ZipFile(out) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        links = archive.read("word/_rels/document.xml.rels").decode("utf-8")
    for bad in ("\x1b", "\x07", "\u202e", "\u2066"):
        assert bad not in body
    assert GOOD_LINK.replace("&", "&amp;") in links
    assert "javascript:" not in links
    assert f"{BAD_LINK} (not a web address, so not made a link)" in body


# -- the comparison, in Excel ------------------------------------------------------------------


def test_the_comparison_workbook_holds_the_matrix_and_the_long_form(cli, tmp_path):
    out = tmp_path / "m.xlsx"
    result = cli("compare", EXAMPLES, "--by", "level", "--output", out)
    assert result.exit_code == 0, result.stderr
    data = json.loads(cli("compare", EXAMPLES, "--by", "level", "--format", "json").stdout)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Matrix", "Long form", "Notes"]
    matrix = wb["Matrix"]
    headers = [c.value for c in matrix[1]]
    assert headers[:4] == ["Pilot", "Round", "Overall", "Coverage %"]
    columns = [col["id"] for col in data["columns"]]
    assert headers[4:] == columns
    rows = [row for group in data["groups"] for row in group["rows"]]
    for r, row in enumerate(rows, start=2):
        assert matrix.cell(r, 1).value == row["pilot"]
        for n, key in enumerate(columns, start=5):
            cell, want = matrix.cell(r, n), row["cells"][key]
            if want["score"] is None:
                assert cell.value in ("–", "n/a")
                continue
            assert cell.value == want["score"] and cell.data_type == "n"
            label = want["band"] or "provisional"
            assert cell.number_format == f'0.0" {label}"'
    assert matrix.freeze_panes == "C2"
    long_form = list(wb["Long form"].iter_rows(values_only=True))
    assert len(long_form) == 1 + len(rows) * (len(columns) + 1)
    notes = [row[0] for row in wb["Notes"].iter_rows(values_only=True) if row[0]]
    assert "Bands across pilots" in notes


def test_a_workbook_needs_a_file_to_go_to(cli):
    result = cli("compare", MINI_EVIDENCE, *MINI, "--format", "xlsx")
    assert result.exit_code == 2
    assert "add --output NAME.xlsx" in result.stderr


@pytest.mark.parametrize("suffix", ["xlsx", "docx"])
def test_a_workbook_or_word_report_sent_to_a_program_is_the_file_itself(cli, tmp_path, suffix):
    # --output - with a pipe: the same file, part for part, as one saved under a name
    # (this once ended in a traceback: a workbook is bytes, not text)
    example = EXAMPLES / "wealdshire-final.yaml"
    piped = cli("report", example, "--format", suffix, "--output", "-")
    assert piped.exit_code == 0, piped.stderr
    (tmp_path / f"piped.{suffix}").write_bytes(piped.stdout_bytes)
    saved = report(cli, tmp_path, [example], (), suffix)
    assert _parts(tmp_path / f"piped.{suffix}") == _parts(saved)


def test_a_workbook_is_not_poured_onto_a_screen():
    pexpect = pytest.importorskip("pexpect")
    import sys

    child = pexpect.spawn(sys.executable, ["-m", "laaeval", "report",
                                           str(EXAMPLES / "wealdshire-final.yaml"),
                                           "--format", "xlsx", "--output", "-"],
                          env={**os.environ, "COLUMNS": "200", "NO_COLOR": "1"},
                          encoding="utf-8", timeout=60)  # fmt: skip
    child.expect(pexpect.EOF)
    child.close()
    said = " ".join(child.before.split())
    assert said == ("Error: the Excel report cannot be shown on the screen: give a file name "
                    "with --output (report.xlsx), or pass it on to another program with a "
                    "pipe (|)")
    assert child.exitstatus == 2


# -- the charts, drawn without an imaging library ----------------------------------------------


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """The width, height and RGB pixels of a PNG laaeval wrote (filter 0 on every row)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, chunks = 8, {}
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind = data[at + 4:at + 8]
        body = data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        chunks[kind] = chunks.get(kind, b"") + body
        at += 12 + length
    width, height = struct.unpack(">II", chunks[b"IHDR"][:8])
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = width * 3 + 1
    assert all(raw[r * stride] == 0 for r in range(height))
    return width, height, b"".join(raw[r * stride + 1:(r + 1) * stride] for r in range(height))


def test_a_bar_is_as_long_as_its_score(tmp_path):
    from laaeval.model.framework import load_framework

    (a,) = score_all([MINI_EVIDENCE], load_framework(MINI_FRAMEWORK))
    chart = charts.score_by_criterion(a)
    width, height, pixels = png_pixels(chart.png)
    assert (width, height) == (chart.width, chart.height)
    # X1 scores 50.0 (Amber, #b7791f): its bar starts at unit 66 and is 200 units long.
    amber = bytes(raster.rgb("#b7791f"))
    rows = [pixels[r * width * 3:(r + 1) * width * 3] for r in range(height)]
    bar_rows = [row for row in rows if amber in row]
    assert bar_rows
    row = bar_rows[len(bar_rows) // 2]
    run = [n for n in range(width) if row[n * 3:n * 3 + 3] == amber]
    assert (run[0], run[-1] - run[0] + 1) == (66 * charts.S, 200 * charts.S)


def test_text_is_drawn_and_measured_with_the_stored_letters():
    canvas = raster.Canvas(200, 40)
    width = canvas.text(10, 30, "PN3 50.0 Amber")
    assert width == pytest.approx(raster.faces()["regular"].width("PN3 50.0 Amber"))
    assert b"\x1b\x1b\x1b" in bytes(canvas.pixels) or min(canvas.pixels) < 60
    assert raster.faces()["regular"].fit("A long aspect title", 60).endswith("…")
    io.BytesIO(canvas.png())  # a whole file


def _parts(path) -> dict[str, bytes]:
    """A workbook's parts but the one that records when it was made."""
    with zipfile.ZipFile(path) as archive:
        return {n: archive.read(n) for n in archive.namelist() if n != "docProps/core.xml"}


@pytest.mark.parametrize("command", ["report", "compare"])
def test_styles_worked_out_once_give_the_workbook_styling_each_cell_gives(
        cli, tmp_path, hostile, monkeypatch, command):  # noqa: F811
    # files.xlsx.styled copies the style of the first cell given it onto every later one; set
    # on each cell instead (as openpyxl would), every part of the workbook is the same bytes:
    # bands, provisional and n/a cells, numbers, wrapped text and quote-prefixed hostile text
    from laaeval.files import xlsx

    evidence, framework = hostile
    files = [EXAMPLES / "ashbridge-final.yaml", EXAMPLES / "wealdshire-mid-way.yaml"]
    args = (evidence, "--framework", framework) if command == "report" else files
    out = {}
    for reuse in (True, False):
        monkeypatch.setattr(xlsx, "REUSE_STYLES", reuse)
        out[reuse] = tmp_path / f"{reuse}.xlsx"
        assert cli(command, *args, "-o", out[reuse]).exit_code == 0
    assert _parts(out[True]) == _parts(out[False])
    styles = _parts(out[True])["xl/styles.xml"]
    if command == "report":
        assert b'quotePrefix="1"' in styles  # the hostile text's, kept apart from plain text
    else:
        assert b"provisional" in styles and b"Amber/Green" in styles  # beside the bands
