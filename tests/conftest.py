from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from laaeval.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
MINI_FRAMEWORK = DATA / "mini-framework.yaml"
MINI_EVIDENCE = DATA / "mini-evidence.yaml"

# .ci/run sets this. There every test must run: a skip is a failure, whatever its reason,
# so that CI cannot pass by leaving out what it claims to check (a browser that failed to
# install, a file that is missing).
CI_VARIABLE = "LAAEVAL_CI"
# Under CI at least this many tests must pass, and every test file must have had a test
# pass, so that a test file no longer collected, or a test quietly deselected, is noticed.
# Raise it when tests are added.
CI_MIN_TESTS = 1589
# Where .ci/run asks for the counts, to check them again itself (and to see that this file
# was read at all).
CI_COUNTS_VARIABLE = "LAAEVAL_CI_COUNTS"


def in_ci() -> bool:
    return bool(os.environ.get(CI_VARIABLE))


def require_program(*names: str) -> str:
    """The path of the first of ``names`` installed; skips without it, but fails in CI."""
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    wanted = " or ".join(names)
    if in_ci():
        pytest.fail(f"{wanted} is not installed, and under {CI_VARIABLE} this test must run "
                    "(.ci/run installs it with apt-get)")  # fmt: skip
    pytest.skip(f"{wanted} is not installed (apt-get install {names[0]})")


@pytest.fixture
def cli():
    """Run laaeval as a user would; returns click's Result (stdout and stderr apart)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return invoke


@pytest.fixture
def mini_evidence_text() -> str:
    return MINI_EVIDENCE.read_text(encoding="utf-8")


@pytest.fixture(autouse=True, scope="session")
def _test_environment(tmp_path_factory):
    """Keep the tests' cache of parsed evidence files out of the user's home, and the
    width of the caller's terminal out of the output (pytest-xdist's workers, and some
    shells, set ``COLUMNS``; a test that wants a width sets it itself)."""
    os.environ["LAAEVAL_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    for name in ("COLUMNS", "LINES"):
        os.environ.pop(name, None)


# -- what CI refuses -----------------------------------------------------------------------

_passed: dict[str, int] = {}  # test file → tests passed in it
_skipped: list[str] = []
# Marks a skip that CI turned into a failure, so that it is still counted as a skip. It
# travels with the report, as pytest-xdist's workers send their reports to the main process.
_CI_SKIP = "laaeval-ci-skip"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail") and in_ci():
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped, but under {CI_VARIABLE} every test must run: {reason}"
        report.user_properties.append((_CI_SKIP, True))


def pytest_runtest_logreport(report):
    """Counts each test's outcome. Under pytest-xdist this runs in the main process for the
    reports of every worker (and for a test file a worker skipped whole), so the counts are
    those of the whole run, not of one worker."""
    if report.passed and report.when == "call":
        module = _test_file(report.nodeid)
        _passed[module] = _passed.get(module, 0) + 1
    ci_skip = any(name == _CI_SKIP for name, _ in getattr(report, "user_properties", ()))
    if ci_skip or (report.skipped and not hasattr(report, "wasxfail")):
        _skipped.append(report.nodeid)


def pytest_collectreport(report):
    if report.skipped:  # a whole file left out, as pytest.importorskip does
        _skipped.append(report.nodeid)


def pytest_configure(config):
    global _rootpath
    _rootpath = config.rootpath


_rootpath = Path.cwd()


def _is_worker(config) -> bool:
    """Whether this process is one of pytest-xdist's workers (which count nothing)."""
    return hasattr(config, "workerinput")


def _test_file(place: Path | str) -> str:
    """A test file, given by its path or a test's node id (``tests/x.py::test_y``), as a
    path within the folder of this conftest.py (tests/, say)."""
    path = Path(_rootpath, str(place).split("::")[0])
    return path.resolve().relative_to(Path(__file__).resolve().parent).as_posix()


def ci_problems(passed: dict[str, int], skipped: list[str], files: list[str]) -> list[str]:
    """Why a CI run that may have had no failure still does not count as a pass."""
    problems = []
    total = sum(passed.values())
    if total < CI_MIN_TESTS:
        done = f"{total} test" if total == 1 else f"{total} tests"
        problems.append(f"only {done} passed; CI expects at least {CI_MIN_TESTS}")
    silent = sorted(set(files) - set(passed))
    if silent:
        problems.append("no test passed in " + ", ".join(silent))
    if skipped:
        problems.append(f"{len(skipped)} skipped: " + ", ".join(skipped[:5]))
    return problems


def pytest_sessionfinish(session, exitstatus):
    if not in_ci() or _is_worker(session.config):
        return
    files = sorted(_test_file(p) for p in Path(__file__).parent.rglob("test_*.py"))
    problems = ci_problems(_passed, _skipped, files)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if problems and reporter is not None:
        reporter.write("\n")  # the progress line is not yet ended
        reporter.write_sep("=", f"{CI_VARIABLE}: this run does not count as a pass", red=True)
        for problem in problems:
            reporter.write_line(problem, red=True, bold=True)
    if problems and session.exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    counts_file = os.environ.get(CI_COUNTS_VARIABLE)
    if counts_file:
        counts = {"passed": sum(_passed.values()), "skipped": len(_skipped),
                  "expected": CI_MIN_TESTS, "problems": problems,
                  "exitstatus": int(session.exitstatus)}  # fmt: skip
        Path(counts_file).write_text(json.dumps(counts), encoding="utf-8")
