"""`laaeval score` run without typer (laaeval.cli_quick) prints exactly what it prints
through typer: each command line is run both ways through the real entry point."""

from __future__ import annotations

import subprocess
import sys

import pytest

from laaeval import __main__, cli_quick

from .conftest import EXAMPLES, MINI_EVIDENCE, MINI_FRAMEWORK, ROOT

EXAMPLE = str(EXAMPLES / "odpm-2005-programme.yaml")
OTHER = str(EXAMPLES / "ashbridge-final.yaml")
ODPM = str(ROOT / "frameworks" / "odpm-laa-2005.yaml")

QUICK = [
    ["score", EXAMPLE],
    ["score", EXAMPLE, OTHER],
    ["score", EXAMPLE, "--format", "json"],
    ["score", "--format", "JSON", EXAMPLE],
    ["score", EXAMPLE, "--format", "csv"],
    ["score", EXAMPLE, "--format", "markdown"],
    ["score", EXAMPLE, "--format", "md"],
    ["score", EXAMPLE, "--format", " Text "],
    ["score", EXAMPLE, "--format", "xml"],
    ["score", EXAMPLE, "--framework", "odpm-laa-2005"],
    ["score", EXAMPLE, "-f", ODPM, "--format", "csv"],
    ["score", "no-such-file.yaml"],
    ["score", EXAMPLE, "no-such-file.yaml", "--format", "json"],
    ["score", str(MINI_EVIDENCE), "--framework", "odpm-laa-2005"],
    ["score", str(MINI_EVIDENCE), "--framework", str(MINI_FRAMEWORK)],
    ["score", str(ROOT / "frameworks")],
]
TYPER = [
    ["score"],
    ["score", "--help"],
    ["score", EXAMPLE, "-h"],
    ["score", EXAMPLE, "--format"],
    ["score", EXAMPLE, "--format", "json", "--format", "csv"],
    ["score", EXAMPLE, "--debug"],
    ["score", EXAMPLE, "--framework=odpm-laa-2005"],
    ["score", EXAMPLE, "-"],
    ["score", ""],
    ["--debug", "score", EXAMPLE],
    ["validate", EXAMPLE],
]


def _run(args, monkeypatch, capfd, quick: bool):
    monkeypatch.setattr(sys, "argv", ["laaeval", *args])
    if not quick:
        monkeypatch.setattr(cli_quick, "parse", lambda _: None)
    with pytest.raises(SystemExit) as ended:
        __main__.main()
    out, err = capfd.readouterr()
    return ended.value.code or 0, out, err


@pytest.mark.parametrize("args", QUICK + TYPER, ids=" ".join)
def test_the_quick_lane_prints_what_typer_prints(args, monkeypatch, capfd):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "100")
    assert (cli_quick.parse(args) is not None) == (args in QUICK)
    quick = _run(args, monkeypatch, capfd, quick=True)
    with monkeypatch.context() as m:
        typer = _run(args, m, capfd, quick=False)
    assert quick == typer
    assert quick[1] or quick[2]  # something was said, either way


def test_the_quick_lane_imports_neither_typer_nor_rich_for_json():
    code = ("import sys; sys.argv = ['laaeval', 'score', sys.argv[1], '--format', 'json']\n"
            "from laaeval.__main__ import main\n"
            "try:\n    main()\nexcept SystemExit as e:\n"
            "    sys.stderr.write(repr([e.code, 'typer' in sys.modules, 'rich' in sys.modules]))")
    done = subprocess.run([sys.executable, "-c", code, EXAMPLE], capture_output=True,
                          text=True, check=True)  # fmt: skip
    assert done.stderr == "[0, False, False]"
    assert '"laaeval": "score/2"' in done.stdout


def _stopped(code):
    raise SystemExit(code)


def test_a_ctrl_c_python_hands_on_as_a_runtime_error_still_stops_quietly(monkeypatch):
    """A Ctrl-C landing while a class is made (``__set_name__``, as importing the standard
    library does) reaches laaeval as a RuntimeError caused by it: still "stopped", 130."""

    def interrupted(args):
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as exc:
            raise RuntimeError("Error calling __set_name__ on 'cached_property'") from exc

    monkeypatch.setattr(cli_quick, "main", interrupted)
    monkeypatch.setattr(__main__, "_leave", _stopped)
    with pytest.raises(SystemExit) as ended:
        __main__.main()
    assert ended.value.code == 130


def test_a_runtime_error_of_another_cause_is_not_taken_for_a_ctrl_c(monkeypatch):
    def broken(args):
        raise RuntimeError("something else")

    monkeypatch.setattr(cli_quick, "main", broken)
    monkeypatch.setattr(__main__, "_leave", _stopped)
    with pytest.raises(RuntimeError, match="something else"):
        __main__.main()


@pytest.mark.parametrize("where", ["starting", "a command"])
def test_a_ctrl_c_no_command_caught_says_stopped(monkeypatch, capsys, where):
    # One pressed as laaeval starts, or a second one while a command tells of the first:
    # never a silent 130, always "Stopped." as well.
    from laaeval import cli

    def interrupted(*args):
        raise KeyboardInterrupt

    if where == "starting":
        monkeypatch.setattr(cli_quick, "main", interrupted)
    else:
        monkeypatch.setattr(cli_quick, "main", lambda args: None)  # not the quick lane
        monkeypatch.setattr(cli, "main", interrupted)
    monkeypatch.setattr(__main__, "_leave", _stopped)
    with pytest.raises(SystemExit) as ended:
        __main__.main()
    assert ended.value.code == 130
    assert capsys.readouterr().err == "\nStopped.\n"
