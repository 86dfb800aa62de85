"""The HTML report in a real browser: Debian's chromium package, run headless.

Skipped when chromium is not installed, except under .ci/run (which installs it and sets
LAAEVAL_CI): there a missing browser is a failure, not a skip.
Set LAAEVAL_SCREENSHOT=path/to/shot.png to keep the screenshot of the first page.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import struct
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from laaeval.cli import app
from laaeval.model.framework import load_framework
from laaeval.report import views
from laaeval.report.formats import ReportFormat
from laaeval.report.run import write_report
from laaeval.scoring.batch import iter_scored

from ..conftest import MINI_EVIDENCE, MINI_FRAMEWORK, ROOT, require_program
from .test_report import example_files

A4_POINTS = (595, 842)  # the page size a PDF gives A4 in, to the nearest point
WINDOW = (1240, 1754)  # A4 at 150 dots per inch
CONSOLE = re.compile(r":CONSOLE[(:]|Uncaught", re.IGNORECASE)


@pytest.fixture(scope="module")
def chromium() -> str:
    return require_program("chromium", "chromium-browser")


def browse(chromium: str, folder: Path, page: Path, *actions: str) -> tuple[int, str]:
    """Open ``page`` headless with ``actions`` (screenshot, PDF, DOM dump); return the exit
    status and everything chromium wrote, console messages included."""
    command = [
        chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--no-default-browser-check", f"--user-data-dir={folder / 'profile'}",
        "--enable-logging=stderr", "--v=0", *actions, page.as_uri(),
    ]  # fmt: skip
    # A session of its own, so that on a hang we can stop chromium and all its helpers.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)  # fmt: skip
    try:
        out, err = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail("chromium did not finish within two minutes")
    return process.returncode, out + err


def console_messages(log: str) -> list[str]:
    return [line for line in log.splitlines() if CONSOLE.search(line)]


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    return struct.unpack(">II", data[16:24])


def write_html(folder: Path, evidence: list[Path], framework: Path | None = None) -> Path:
    frame = load_framework(framework) if framework else None
    assessments = list(iter_scored(evidence, frame))
    assert all(not isinstance(a, Exception) for a in assessments), assessments
    page = folder / "report.html"
    write_report(assessments, page, ReportFormat.html)
    return page


@pytest.fixture
def example_page(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv(views.DATE_VARIABLE, "2005-04-01")
    examples = example_files()
    if examples:
        return write_html(tmp_path, [ROOT / examples[0]])
    return write_html(tmp_path, [MINI_EVIDENCE], MINI_FRAMEWORK)


def test_the_harness_sees_console_errors(chromium, tmp_path):
    """If chromium ever stops logging console messages this way, the checks below would
    pass without looking; this page must be caught."""
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><title>x</title><script>throw new Error('boom')</script>")
    status, log = browse(chromium, tmp_path, page, "--dump-dom")
    assert status == 0, log
    assert any("boom" in line for line in console_messages(log)), log


def test_report_renders_with_no_console_errors_and_a_first_page_screenshot(
    chromium, tmp_path, example_page
):
    shot = tmp_path / "first-page.png"
    width, height = WINDOW
    status, log = browse(chromium, tmp_path, example_page, "--hide-scrollbars",
                         f"--screenshot={shot}", f"--window-size={width},{height}")  # fmt: skip
    assert status == 0, log
    assert console_messages(log) == []
    assert png_size(shot) == WINDOW
    assert shot.stat().st_size > 20_000, "the screenshot looks blank"
    keep = os.environ.get("LAAEVAL_SCREENSHOT")
    if keep:
        shutil.copyfile(shot, keep)


def test_report_prints_on_a4_with_each_aspect_on_a_new_page(chromium, tmp_path, example_page):
    pdf = tmp_path / "report.pdf"
    status, log = browse(chromium, tmp_path, example_page, "--no-pdf-header-footer",
                         f"--print-to-pdf={pdf}")  # fmt: skip
    assert status == 0, log
    assert console_messages(log) == []
    data = pdf.read_bytes()
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    aspects = example_page.read_text(encoding="utf-8").count('class="aspect-section"')
    assert pages >= aspects + 1  # the opening pages, then every aspect starts a page
    for box in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data):
        assert (round(float(box[0])), round(float(box[1]))) == A4_POINTS


def test_hostile_evidence_runs_nothing_in_the_browser(chromium, tmp_path, monkeypatch):
    hostile = "<script>console.error('ran')</script><img src=x onerror=\"console.error('img')\">"
    text = MINI_EVIDENCE.read_text(encoding="utf-8")
    text = text.replace("name: Smallville", f"name: {json.dumps(hostile)}")
    text = text.replace("summary: CG supports X1.1 and Y1.1", f"summary: {json.dumps(hostile)}\n"
                        "    link: \"javascript:console.error('link')\"")  # fmt: skip
    evidence = tmp_path / "hostile.yaml"
    evidence.write_text(text, encoding="utf-8")
    page = write_html(tmp_path, [evidence], MINI_FRAMEWORK)
    status, log = browse(chromium, tmp_path, page, "--dump-dom")
    assert status == 0, log
    assert console_messages(log) == []
    dom = log.lower()
    assert "<script" not in dom and "<img" not in dom
    assert "&lt;script&gt;" in dom  # shown to the reader as the text it is


def test_comparison_page_renders_with_its_heatmap(chromium, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    page = tmp_path / "compare.html"
    result = CliRunner().invoke(app, ["compare", "examples", "--output", str(page)])
    assert result.exit_code == 0, result.output
    shot = tmp_path / "compare.png"
    status, log = browse(chromium, tmp_path, page, "--hide-scrollbars", f"--screenshot={shot}",
                         "--window-size=1400,1000")  # fmt: skip
    assert status == 0, log
    assert console_messages(log) == []
    assert shot.stat().st_size > 20_000, "the screenshot looks blank"
