"""The README documents every command, and CI runs the README's test command."""

from __future__ import annotations

import re

import typer

from laaeval.cli import app

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    commands = [c.name for c in typer.main.get_command(app).commands.values()]
    assert len(commands) >= 6
    for name in commands:
        assert f"`laaeval {name}" in README, name


def test_every_exit_code_is_documented():
    for code in ("0", "1", "2", "130"):
        assert re.search(rf"^\| {code} \|", README, re.MULTILINE), code


def test_ci_runs_the_test_command_the_readme_gives():
    ci = (ROOT / ".ci" / "run").read_text()
    commands = re.findall(r"^python3 -m venv \.venv && .*$", README, re.MULTILINE)
    assert len(commands) == 2, commands  # the main job on an example, and the tests
    test_command = next(c for c in commands if "pytest" in c)
    assert "-c constraints.txt" in test_command
    assert re.search(rf"^{re.escape(test_command)}$", ci, re.MULTILINE)


def test_ci_also_tests_the_newest_releases():
    """With the same pytest command as the README's (the same workers, the same options)."""
    ci = (ROOT / ".ci" / "run").read_text()
    readme = re.search(r"^python3 -m venv \.venv && .*(\.venv/bin/python -m pytest.*)$", README,
                       re.MULTILINE)  # fmt: skip
    newest = r"pip install --upgrade --upgrade-strategy eager '\.\[test\]' && "
    assert re.search(newest + re.escape(readme.group(1)) + "$", ci, re.MULTILINE)
