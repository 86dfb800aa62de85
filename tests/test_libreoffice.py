"""The Word and Excel files laaeval writes, opened in LibreOffice (headless), turned into PDF,
and read back: every page rendered, A4, numbered, and saying what laaeval wrote.

Skipped when LibreOffice or poppler-utils is missing, except under .ci/run (which installs
them and sets LAAEVAL_CI): there a missing program is a failure, not a skip. Set
LAAEVAL_OFFICE_PAGES=folder to keep a PNG of every page for a person to look at.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from laaeval.cli import app
from laaeval.scoring.batch import score_all

from .conftest import EXAMPLES, ROOT, require_program

ASHBRIDGE = EXAMPLES / "ashbridge-final.yaml"
FILES = {
    "template.xlsx": ("template", "--from", str(ASHBRIDGE)),
    "report.docx": ("report", str(ASHBRIDGE)),
    "programme.xlsx": ("report", *(str(p) for p in sorted(EXAMPLES.glob("*.yaml")))),
    "matrix.xlsx": ("compare", str(EXAMPLES), "--by", "level"),
}  # fmt: skip


def run(command: list[str], timeout: int = 300) -> str:
    # A session of its own, so that on a hang LibreOffice and its helpers can be stopped.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)  # fmt: skip
    try:
        out, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"{command[0]} did not finish within {timeout} seconds")
    assert process.returncode == 0, out
    return out


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    soffice = require_program("soffice", "libreoffice")
    require_program("pdftoppm")
    require_program("pdftotext")
    folder = tmp_path_factory.mktemp("office")
    runner = CliRunner()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LAAEVAL_REPORT_DATE", "2005-04-01")
        for name, args in FILES.items():
            result = runner.invoke(app, [*args, "--output", str(folder / name)])
            assert result.exit_code == 0, result.output
    profile = folder / "profile"  # a profile of its own: no clash with a LibreOffice open
    run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(folder), *(str(folder / n) for n in FILES)])
    return {name: folder / (Path(name).stem + ".pdf") for name in FILES}


def pages(pdf: Path) -> int:
    info = run(["pdfinfo", str(pdf)], 60)
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


def text_of(pdf: Path) -> str:
    return run(["pdftotext", "-layout", str(pdf), "-"], 60)


def rendered(pdf: Path, folder: Path) -> list[Path]:
    """Every page as a small greyscale picture (PGM: easy to read without a library)."""
    stem = folder / pdf.stem
    run(["pdftoppm", "-gray", "-r", "30", str(pdf), str(stem)], 120)
    found = sorted(folder.glob(f"{pdf.stem}-*.pgm"))
    keep = os.environ.get("LAAEVAL_OFFICE_PAGES")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        run(["pdftoppm", "-png", "-r", "60", str(pdf), str(Path(keep) / pdf.stem)], 120)
    return found


def ink(pgm: Path) -> float:
    """The share of a page that is not white."""
    data = pgm.read_bytes()
    fields = data.split(maxsplit=4)
    assert fields[0] == b"P5"
    pixels = fields[4]
    return sum(1 for value in pixels if value < 200) / len(pixels)


def test_every_file_becomes_a_pdf_every_page_drawn(pdfs, tmp_path):
    for name, pdf in pdfs.items():
        assert pdf.exists(), name
        images = rendered(pdf, tmp_path)
        assert len(images) == pages(pdf), name
        blank = [p.name for p in images if ink(p) < 0.002]
        assert not blank, f"{name}: blank pages {blank}"


def test_the_word_report_is_a4_numbered_and_says_what_the_report_says(pdfs):
    pdf = pdfs["report.docx"]
    info = run(["pdfinfo", str(pdf)], 60)
    size = re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.MULTILINE)
    assert (round(float(size.group(1))), round(float(size.group(2)))) == (595, 842)  # A4
    count = pages(pdf)
    assert 20 <= count <= 60, count
    text = text_of(pdf)
    assert f"page 1 of {count}" in text  # the footer's fields, worked out by LibreOffice
    assert f"page {count} of {count}" in text
    for words in ("Summary", "All criteria at a glance", "Strength of evidence",
                  "Evidence, by perspective", "Amber/Green", "PN3 CG has effective"):
        assert words in text, words
    listing = run(["pdfimages", "-list", str(pdf)], 60)
    assert len(listing.strip().splitlines()) - 2 >= 3  # the three charts


def test_the_workbooks_read_as_laaeval_wrote_them(pdfs):
    template = text_of(pdfs["template.xlsx"])
    for words in ("Evidence workbook", "Ashbridge Metropolitan Borough Council", "PN3.2",
                  "Bears on (supports)", "2 Largely met"):
        assert words in template, words
    (a,) = score_all([ASHBRIDGE])
    report = text_of(pdfs["programme.xlsx"])
    assert f"{a.overall.score:.1f}" in report and a.overall.band.label in report
    matrix = text_of(pdfs["matrix.xlsx"])
    level = a.aspects[0].levels[0]  # a number, shown with its band's name
    assert f"{level.score:.1f} {level.band.label}" in matrix


def test_libreoffice_is_installed_by_ci():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for package in ("libreoffice-writer-nogui", "libreoffice-calc-nogui", "poppler-utils"):
        assert package in ci, package


def test_a_workbook_saved_again_by_libreoffice_imports_the_same_evidence(pdfs, tmp_path):
    """What an evaluator does: open the workbook, edit it, save it. Saved as LibreOffice
    writes .xlsx, it still gives back exactly the evidence it was made from."""
    from laaeval.model.evidence import to_data
    from laaeval.model.store import load_evidence

    soffice = require_program("soffice", "libreoffice")
    book = next(iter(pdfs.values())).parent / "template.xlsx"
    saved = tmp_path / "saved"
    profile = tmp_path / "profile"
    run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(saved), str(book)])
    out = tmp_path / "back.yaml"
    result = CliRunner().invoke(app, ["import", str(saved / "template.xlsx"), "--output",
                                      str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert to_data(load_evidence(out)[0]) == to_data(load_evidence(ASHBRIDGE)[0])
