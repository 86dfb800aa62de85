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
    assert ".venv/bin/python -m pytest" in README
    assert re.search(r"^python -m pytest$", ci, re.MULTILINE)
    assert 'pip install --quiet --disable-pip-version-check ".[test]"' in ci
