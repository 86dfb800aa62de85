"""The mutation-testing command (tools/mutation.py, tests/MUTATION.md) mutates the code the
tests are meant to protect: scoring, evidence, the YAML layer, text safety and compare."""

from __future__ import annotations

import fnmatch
import tomllib

from .conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
AREAS = PYPROJECT["tool"]["laaeval"]["mutation"]
# What issue 12 asks to be mutated, file by file.
MUST_BE_MUTATED = [
    "src/laaeval/scoring/score.py",
    "src/laaeval/scoring/weighing.py",
    "src/laaeval/scoring/result.py",
    "src/laaeval/scoring/batch.py",
    "src/laaeval/model/evidence.py",
    "src/laaeval/model/checks.py",
    "src/laaeval/files/yamlio.py",
    "src/laaeval/text.py",
    "src/laaeval/compare/matrix.py",
    "src/laaeval/compare/rounds.py",
    "src/laaeval/compare/agreement.py",
]


def test_every_file_the_issue_names_is_in_one_area_and_in_the_whole_run():
    whole = PYPROJECT["tool"]["mutmut"]["only_mutate"]
    for path in MUST_BE_MUTATED:
        assert (ROOT / path).is_file(), path
        owners = [name for name, area in AREAS.items()
                  if any(fnmatch.fnmatch(path, p) for p in area["mutate"])]  # fmt: skip
        assert len(owners) == 1, (path, owners)
        assert any(fnmatch.fnmatch(path, p) for p in whole), path


def test_each_area_names_tests_that_exist_and_the_whole_run_has_them_all():
    whole = PYPROJECT["tool"]["mutmut"]["pytest_add_cli_args_test_selection"]
    for name, area in AREAS.items():
        assert area["tests"], name
        for tests in area["tests"]:
            assert (ROOT / tests).exists(), (name, tests)
            assert any(tests == t or tests.startswith(t.rstrip("/") + "/") for t in whole), tests


def test_mutmut_is_a_dev_extra_and_the_readme_gives_the_command():
    dev = PYPROJECT["project"]["optional-dependencies"]["dev"]
    assert any(d.startswith("mutmut") for d in dev)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "python tools/mutation.py" in readme
    measured = (ROOT / "tests" / "MUTATION.md").read_text(encoding="utf-8")
    assert "python tools/mutation.py" in measured
    for name in AREAS:
        assert f"| {name} |" in measured, name
