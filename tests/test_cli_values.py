"""The quick conversion of command-line words changes nothing but the speed, and the
commands load only what they use."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from laaeval import cli_values

from .conftest import EXAMPLES, MINI_EVIDENCE, MINI_FRAMEWORK

MINI = ("--framework", str(MINI_FRAMEWORK))
ARGUMENTS = [
    ("score", MINI_EVIDENCE, *MINI, "--format", "json"),
    ("score", MINI_EVIDENCE, *MINI, "--format", "csv"),
    ("score", MINI_EVIDENCE, *MINI, "--format", "PDF"),
    ("score", MINI_EVIDENCE, *MINI, "--format", "Markdown"),
    ("score",),
    ("score", "no-such-file.yaml"),
    ("schema", "framework"),
    ("schema", "nonsense"),
    ("show", "odpm-laa-2005", "pn3"),
    ("validate", MINI_EVIDENCE, MINI_FRAMEWORK, *MINI),
    ("compare", MINI_EVIDENCE, *MINI, "--where", "tier=single-tier", "--format", "md"),
    ("compare", MINI_EVIDENCE, *MINI, "--where", "tier", "--by", "level"),
    ("compare", MINI_EVIDENCE, *MINI, "--skip-invalid", "--format", "csv"),
    ("assess", MINI_EVIDENCE, *MINI, "--criterion", "X9", "--answers", "-"),
    ("--debug", "frameworks"),
    ("score", MINI_EVIDENCE, *MINI, "--bogus"),
]


@pytest.mark.parametrize("args", ARGUMENTS, ids=lambda a: " ".join(map(str, a))[-60:])
def test_quick_and_typers_own_conversion_agree(cli, monkeypatch, args):
    quick = cli(*args, input="q\n")
    monkeypatch.setattr(cli_values, "_quicken", lambda params: None)  # typer's own, always
    slow = cli(*args, input="q\n")
    assert (quick.exit_code, quick.stdout, quick.stderr) == (
        slow.exit_code, slow.stdout, slow.stderr
    )


HEAVY = ("pydantic", "jinja2", "jsonschema", "yaml", "multiprocessing", "markdown_it",
         "typer.rich_utils", "openpyxl", "docx", "lxml", "defusedxml")  # fmt: skip
LOADED = """
import json, sys
from laaeval.cli import main
sys.argv = ["laaeval", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
heavy = %r
sys.stderr.write(json.dumps([m for m in heavy if m in sys.modules]))
"""


def heavy_modules(*args: str) -> list[str]:
    run = subprocess.run([sys.executable, "-c", LOADED % (HEAVY,), *args],
                         capture_output=True, text=True, check=True)  # fmt: skip
    return json.loads(run.stderr.splitlines()[-1])


def test_a_score_of_a_file_read_before_loads_nothing_heavy():
    example = str(EXAMPLES / "wealdshire-final.yaml")
    heavy_modules("score", example)  # the first run fills the cache (and parses YAML)
    # pydantic: if this fails after a typer upgrade, see laaeval/cli_values.py
    assert heavy_modules("score", example) == []


def test_help_loads_rich_help_only():
    assert heavy_modules("--help") == ["markdown_it", "typer.rich_utils"]


@pytest.mark.parametrize("args", [
    ["score", str(EXAMPLES / "wealdshire-final.yaml"), "--format", "json"],
    ["score", "--help"], ["score", "--bogus"], ["score"], ["--debug", "score", "--format", "x"],
    ["--help"], ["scroe", "x"], ["compare", "--help"], ["validate", str(EXAMPLES / "nothere")],
], ids=" ".join)  # fmt: skip
def test_building_only_the_command_asked_for_changes_nothing(args, monkeypatch, capsys):
    """main() has typer build only the command named (issue 13): every case must print
    and exit exactly as with all the commands built."""
    import contextlib

    from laaeval import cli

    def run() -> tuple[object, str, str]:
        monkeypatch.setattr(sys, "argv", ["laaeval", *args])
        try:
            cli.main()
            code: object = 0
        except SystemExit as exc:
            code = exc.code
        out = capsys.readouterr()
        return code, out.out, out.err

    monkeypatch.setenv("COLUMNS", "80")
    quick = run()
    monkeypatch.setattr(cli, "_only_the_command_asked_for", lambda _: contextlib.nullcontext())
    assert quick == run()
    assert len(cli.app.registered_commands) > 5  # put back as it was
