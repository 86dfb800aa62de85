"""What CI refuses (see conftest.py): under LAAEVAL_CI a skip fails the run, and so do too
few tests, or a test file in which no test passed. Each case is a pytest run of its own;
those whose counts the main process must add up run also over two pytest-xdist workers, as
the README's test command runs the suite."""

from __future__ import annotations

import json

import pytest

from .conftest import CI_COUNTS_VARIABLE, CI_MIN_TESTS, CI_VARIABLE, ROOT

pytest_plugins = ["pytester"]

SKIPS = """
import pytest

def test_passes():
    assert 1 + 1 == 2

def test_skips():
    pytest.skip("no browser here")
"""


def _runner(pytester, monkeypatch, *options: str):
    """Run pytest on the files given, with this suite's conftest.py, in or out of CI."""
    pytester.makeconftest((ROOT / "tests" / "conftest.py").read_text(encoding="utf-8"))

    def go(ci: bool, **files: str):
        pytester.makepyfile(**files)
        if ci:
            monkeypatch.setenv(CI_VARIABLE, "1")
        else:
            monkeypatch.delenv(CI_VARIABLE, raising=False)
        monkeypatch.setenv(CI_COUNTS_VARIABLE, str(pytester.path / "counts.json"))
        result = pytester.runpytest_subprocess("-p", "no:cacheprovider", *options)
        counts = pytester.path / "counts.json"
        return result, json.loads(counts.read_text()) if counts.exists() else None

    return go


@pytest.fixture
def run(pytester, monkeypatch):
    return _runner(pytester, monkeypatch)


@pytest.fixture(params=[(), ("-n", "2")], ids=["one process", "two workers"])
def run_both(pytester, monkeypatch, request):
    """As ``run``, and again over two workers, for what the main process must add up."""
    return _runner(pytester, monkeypatch, *request.param)


def test_outside_ci_a_skip_is_a_skip(run):
    result, counts = run(False, test_one=SKIPS)
    assert result.ret == 0
    result.assert_outcomes(passed=1, skipped=1)
    assert counts is None  # nothing is counted for CI outside it


def test_under_ci_a_skip_fails_the_run_and_says_why(run_both):
    result, counts = run_both(True, test_one=SKIPS)
    assert result.ret == 1
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*skipped, but under LAAEVAL_CI every test must run*"])
    assert (counts["passed"], counts["skipped"], counts["exitstatus"]) == (1, 1, 1)


def test_under_ci_a_run_where_every_test_skips_fails(run):
    result, counts = run(True, test_one='import pytest\n\ndef test_a():\n    pytest.skip("x")\n')
    assert result.ret == 1
    assert (counts["passed"], counts["skipped"]) == (0, 1)


def test_under_ci_too_few_tests_fail_the_run(run):
    result, counts = run(True, test_one="def test_a():\n    assert True\n")
    assert result.ret == 1
    result.assert_outcomes(passed=1)
    expected = f"only 1 test passed; CI expects at least {CI_MIN_TESTS}"
    assert counts["problems"] == [expected]
    result.stdout.fnmatch_lines(["*LAAEVAL_CI: this run does not count as a pass*", expected])


def test_under_ci_a_file_skipped_whole_fails_the_run(run_both):
    result, counts = run_both(True, test_one="def test_a():\n    assert True\n",
                              test_two='import pytest\n\npytest.importorskip("no_such_module")\n'
                              "def test_b():\n    assert True\n")  # fmt: skip
    assert result.ret == 1
    assert "no test passed in test_two.py" in counts["problems"]
    assert counts["skipped"] == 1


def test_under_ci_the_counts_are_those_of_every_test_file(run_both):
    three = "".join(f"def test_{n}():\n    assert True\n\n" for n in "abc")
    result, counts = run_both(True, test_one=three, test_two=three, test_three=three)
    result.assert_outcomes(passed=9)
    assert counts["passed"] == 9
    assert not any("no test passed" in problem for problem in counts["problems"])


def test_ci_run_sets_the_variable_and_checks_the_counts_itself():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"export {CI_VARIABLE}=1" in ci
    assert CI_COUNTS_VARIABLE in ci
    assert ci.count("check_counts") >= 3  # defined, then called after each of the two runs
