"""A programme's comparison on paper: 21 pilots × 41 criteria, printed by a real browser
(Debian's chromium, headless) to PDF, read back with poppler's pdftotext. Every criterion
column must reach paper, in type no smaller than 8 points, every pilot named in full with
its round, and two assessors of one pilot and round told apart."""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from laaeval.cli import app
from laaeval.model.catalogue import resolve

from ..conftest import EXAMPLES, require_program
from ..report.test_browser import browse, console_messages

PILOTS = 21


@pytest.fixture(scope="module")
def programme(tmp_path_factory) -> Path:
    """21 pilots' final-round files (Ashbridge's evidence under 21 names), and a second
    assessor's file for the first pilot."""
    folder = tmp_path_factory.mktemp("programme")
    text = (EXAMPLES / "ashbridge-final.yaml").read_text(encoding="utf-8")
    assert "name: Ashbridge Metropolitan Borough Council" in text
    for n in range(1, PILOTS + 1):
        named = text.replace("name: Ashbridge Metropolitan Borough Council",
                             f"name: Pilot {n:02d} Metropolitan Borough Council and partners")
        (folder / f"pilot-{n:02d}.yaml").write_text(named, encoding="utf-8")
    second = (folder / "pilot-01.yaml").read_text(encoding="utf-8")
    second = second.replace("assessor: Dr Helen Okafor (OPM)", "assessor: Dr A. Second (UWE)")
    (folder / "pilot-01-second.yaml").write_text(second, encoding="utf-8")
    return folder


def test_every_column_of_21_pilots_by_41_criteria_reaches_paper(programme, tmp_path):
    chromium = require_program("chromium", "chromium-browser")
    pdftotext = require_program("pdftotext")
    page = tmp_path / "programme.html"
    result = CliRunner().invoke(app, ["compare", str(programme), "--output", str(page)])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "programme.pdf"
    status, log = browse(chromium, tmp_path, page, "--no-pdf-header-footer",
                         f"--print-to-pdf={pdf}")  # fmt: skip
    assert status == 0, log
    assert console_messages(log) == []
    text = subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    words = Counter(text.split())
    criteria = [c.id for c in resolve("odpm-laa-2005").criteria]
    assert len(criteria) == 41
    for ident in criteria:
        # Its heading over its part of the heatmap and over its part of the table.
        assert words[ident] >= 2, f"{ident} never reached paper"
    # Every pilot named in full, with its round, in each part of the table.
    flat = " ".join(text.split())
    for n in range(1, PILOTS + 1):
        assert f"Pilot {n:02d} Metropolitan Borough Council and partners" in flat, n
    # The two assessors of pilot 01 are told apart, not shown as two identical rows: in
    # each part of the heatmap and of the table.
    parts = flat.count("Scores by pilot and criterion, part ")
    assert parts >= 5
    for assessor in ("(Dr Helen Okafor (OPM))", "(Dr A. Second (UWE))"):
        assert flat.count(assessor) >= 2 * parts, assessor
    # Readable type: no word on paper smaller than 8 points (a word's box is about 1.15
    # times its type's size, so 8-point type stands at least 9 points high).
    boxes = subprocess.run([pdftotext, "-bbox", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    heights = [float(b) - float(a) for a, b in
               re.findall(r'<word [^>]*yMin="([\d.]+)"[^>]*yMax="([\d.]+)"', boxes)]
    assert len(heights) > 2000
    assert min(heights) >= 9.0, sorted(heights)[:5]
