"""The golden files in tests/golden/: which evidence makes each one, and how it is made.

tests/test_report.py renders every case and compares it with its file; after a deliberate
change to a report, ``python tests/regenerate_golden.py`` rewrites them (review the
difference before committing it). The test run itself never writes a golden file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from typer.testing import CliRunner

from laaeval.cli import app

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
MINI_FRAMEWORK = ROOT / "tests" / "data" / "mini-framework.yaml"
MINI_EVIDENCE = ROOT / "tests" / "data" / "mini-evidence.yaml"
REPORT_DATE = "2005-04-01"  # what LAAEVAL_REPORT_DATE fixes, so the reports are reproducible
SUFFIXES = ("html", "md", "json", "csv", "docx.txt", "xlsx.txt")  # Word, Excel: their text
TWO_PILOTS = "two-pilots"

# Case → (evidence files relative to the repository, extra arguments). One realistic
# example is enough for golden files (they are large); tests/test_report.py still renders
# every example in every format and checks its numbers.
CASES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "mini": (("tests/data/mini-evidence.yaml",), ("--framework", "tests/data/mini-framework.yaml")),
    # Ashbridge as it was first recorded, in evidence format 1: the golden files also show
    # that an older file still reads and reports as it should.
    "ashbridge-format-1": (("tests/data/ashbridge-final-format-1.yaml",), ()),
}


def write_two_pilots(folder: Path) -> tuple[str, str]:
    """Smallville (the mini evidence) and Bigtown (two-tier, X2 rated 2, X3.1 rated 1) in
    ``folder``, named relatively so that no temporary path reaches a report."""
    text = MINI_EVIDENCE.read_text(encoding="utf-8")
    (folder / "smallville.yaml").write_text(text, encoding="utf-8")
    bigtown = (
        text.replace("Smallville", "Bigtown")
        .replace("tier: single-tier", "tier: two-tier")
        .replace("X2: {rating: 0}", "X2: {rating: 2}\n  X3.1: {rating: 1}")
    )
    (folder / "bigtown.yaml").write_text(bigtown, encoding="utf-8")
    return "smallville.yaml", "bigtown.yaml"


def _dump(path: Path) -> str:
    try:  # imported as tests.golden_cases by pytest, as golden_cases by the regenerator
        from .office_dump import dump
    except ImportError:
        from office_dump import dump  # type: ignore[no-redef]
    return dump(path)


def names() -> list[str]:
    return [f"{case}.{suffix}" for case in [*CASES, TWO_PILOTS] for suffix in SUFFIXES]


@contextlib.contextmanager
def _setting(name: str, value: str) -> Iterator[None]:
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            del os.environ[name]
        else:
            os.environ[name] = old


def render(name: str) -> str:
    """The report a golden file holds, made afresh by ``laaeval report``."""
    case, suffix = name.split(".", 1)
    office = suffix.endswith(".txt")
    suffix = suffix.removesuffix(".txt")
    with tempfile.TemporaryDirectory() as folder, contextlib.ExitStack() as stack:
        stack.enter_context(_setting("LAAEVAL_REPORT_DATE", REPORT_DATE))
        stack.enter_context(_setting("LAAEVAL_CACHE", "off"))
        if case == TWO_PILOTS:
            files, extra = write_two_pilots(Path(folder)), ("--framework", str(MINI_FRAMEWORK))
            stack.enter_context(contextlib.chdir(folder))
        else:
            files, extra = CASES[case]
            stack.enter_context(contextlib.chdir(ROOT))
        out = Path(folder) / f"report.{suffix}"
        result = CliRunner().invoke(app, ["report", *files, *extra, "--output", str(out)])
        if result.exit_code != 0:
            raise RuntimeError(f"laaeval report failed for {name}: {result.output}")
        if office:  # a zip whose bytes change with every save: compare what it says
            return _dump(out)
        return out.read_bytes().decode("utf-8")
