"""Reports as other programs take them (issue 10): the Markdown report through pandoc into
Word and LibreOffice's rendering of it, and the CSV report opened by LibreOffice Calc.

Skipped where pandoc or LibreOffice is not installed, except under .ci/run, which installs
them (a missing program is then a failure)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from laaeval.cli import app
from laaeval.model.catalogue import resolve

from ..conftest import EXAMPLES, require_program
from ..test_libreoffice import run

ASHBRIDGE = EXAMPLES / "ashbridge-final.yaml"


def report(tmp_path: Path, name: str, evidence: Path = ASHBRIDGE) -> Path:
    out = tmp_path / name
    result = CliRunner().invoke(app, ["report", str(evidence), "--output", str(out)])
    assert result.exit_code == 0, result.output
    return out


def soffice(tmp_path: Path, *args: str) -> None:
    program = require_program("soffice", "libreoffice")
    profile = tmp_path / "profile"  # a profile of its own: no clash with a LibreOffice open
    run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         *args])  # fmt: skip


def test_the_markdown_reads_at_100_columns(tmp_path):
    lines = report(tmp_path, "r.md").read_text(encoding="utf-8").splitlines()
    prose = [x for x in lines if not x.startswith(("|", "#"))]  # tables and headings
    assert len(prose) > 1000
    assert max(len(x) for x in prose) <= 100


def test_line_breaks_in_the_users_text_are_kept(tmp_path):
    pandoc = require_program("pandoc")
    text = ASHBRIDGE.read_text(encoding="utf-8")
    marker = "    summary: >-\n      The GO lead negotiator (Area Director)"
    assert marker in text
    text = text.replace(marker, "    summary: |-\n      First of two lines.\n      Second line.\n"
                        "      The GO lead negotiator (Area Director)", 1)  # fmt: skip
    evidence = tmp_path / "broken.yaml"
    evidence.write_text(text, encoding="utf-8")
    md = report(tmp_path, "r.md", evidence)
    assert "First of two lines.\\\n" in md.read_text(encoding="utf-8")
    plain = subprocess.run([pandoc, str(md), "-t", "plain", "--wrap=none"], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    lines = [x.strip() for x in plain.splitlines()]
    at = lines.index("First of two lines.")
    assert lines[at + 1] == "Second line."


def test_the_markdown_report_converts_to_a_word_document_that_lays_out(tmp_path):
    pandoc = require_program("pandoc")
    require_program("pdftotext")
    md = report(tmp_path, "r.md")
    docx = tmp_path / "r.docx"
    subprocess.run([pandoc, str(md), "-o", str(docx)], check=True, timeout=120)
    soffice(tmp_path, "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx))
    pdf = tmp_path / "r.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    # The report as laaeval's own Word document prints on 46 pages; as Markdown it had
    # printed on 114, its table columns split letter by letter.
    assert 30 <= pages <= 80, pages
    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout.split()  # fmt: skip
    # No column split letter by letter: every criterion id and the table headings whole.
    for c in resolve("odpm-laa-2005").criteria:
        assert c.id in words, c.id
    for word in ("Score", "Band", "Criterion", "Judged", "Contested", "Indicators"):
        assert word in words, word
    for broken in ("Scor", "Sco", "Amb", "corrobor", "triangula", "indicat"):
        assert broken not in words, broken
    assert words.count("Amber/Red") >= 10


def test_a_spreadsheet_keeps_text_that_looks_like_a_number(tmp_path):
    csv = report(tmp_path, "r.csv")
    header = csv.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    soffice(tmp_path, "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir",
            str(tmp_path), str(csv))  # fmt: skip
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "r.xlsx", read_only=True).active
    rows = sheet.iter_rows(values_only=True)
    assert list(next(rows)) == header
    first = dict(zip(header, next(rows), strict=True))
    # The framework's version stays the text 1.0 (it had become the number 1); a score
    # stays a number that adds up (PN1.1 rated 2 of 3: 66.7).
    assert isinstance(first["framework_version"], str)
    assert first["framework_version"].strip("\u200b") == "1.0"
    assert first["score"] == pytest.approx(66.7)
    assert first["criterion_id"] == "PN1"
