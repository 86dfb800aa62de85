"""``laaeval score FILE...`` without typer, when the command line is a plain one.

Scoring one pilot is the command people run most, and importing typer and building the
command line cost about a third of its time. When the words after ``score`` are only files
and the options ``--format`` and ``--framework`` (each once, with a value typer would take
as it is; the format is checked by the command itself either way), this runs the score
command's own code and prints exactly what it prints; anything else (help, an option it
does not know, a file name that looks like an option) goes to typer as before. A test runs
each case both ways.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

    from .errors import LaaevalError

_OPTIONS = {"--format": "format", "--framework": "framework", "-f": "framework"}


def parse(args: list[str]) -> tuple[list[str], str, str | None] | None:
    """The files, format and framework of a plain ``score`` command line, or None to have
    typer read it."""
    if len(args) < 2 or args[0] != "score":
        return None
    files: list[str] = []
    given: dict[str, str] = {}
    words = iter(args[1:])
    for word in words:
        if word.startswith("-"):
            name = _OPTIONS.get(word)
            value = next(words, None)
            if name is None or name in given or value is None or value.startswith("-") or not value:
                return None
            given[name] = value
        elif word:
            files.append(word)
        else:  # an empty name: typer reads it as the current folder
            return None
    if not files:
        return None
    return files, given.get("format", "table"), given.get("framework")


def main(args: list[str]) -> int | None:
    """Run a plain ``score`` command line, as ``laaeval.cli.main`` would; its exit code,
    or None (having done nothing) when typer should read the command line."""
    import os

    parsed = parse(args)
    if parsed is None or any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):
        return None  # typer's shell completion answers a _LAAEVAL_COMPLETE request
    try:
        return run(*parsed)
    except OSError as exc:
        import errno

        if exc.errno == errno.EPIPE:  # as typer does: a reader gone is not worth a message
            _quiet_output()
            return 1
        say(f"Error: {plainly(exc)}")
        return EXIT_UNUSABLE
    except (RecursionError, MemoryError) as exc:
        say(f"Error: {plainly(exc)}")
        return EXIT_UNUSABLE


EXIT_UNUSABLE = 2  # laaeval.errors.EXIT_UNUSABLE, unimported


def _quiet_output() -> None:
    """Standard output and error to nowhere, so that flushing them at exit, into a pipe
    no one reads, raises nothing."""
    import contextlib
    import os

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def run(files: list[str], fmt: str, framework: str | None) -> int:
    """The score command, as ``laaeval.cli.score_command`` runs it; the exit code."""
    from pathlib import Path

    from .errors import LaaevalError
    from .report.formats import ScoreFormat
    from .report.run import run_score

    try:
        chosen = ScoreFormat.named(fmt)  # any of a format's usual names, as typer's path reads
        output = run_score([Path(f) for f in files], chosen, framework)
        if chosen is ScoreFormat.table:
            out().print(output)
            return 0
        with output:
            while block := output.read(1 << 20):
                print_document(block)
    except LaaevalError as exc:
        tell(exc)
        return exc.exit_code
    return 0


# -- printing: shared with laaeval.cli, which has these under its own names ---------------


def out() -> Console:
    import os

    from .text import safe_console

    console = safe_console(highlight=False, soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        # Piped to a file or another program: no screen to fit, so keep texts readable.
        console = safe_console(highlight=False, soft_wrap=False, width=140)
    return console


def err() -> Console:
    from .text import safe_console

    return safe_console(stderr=True, highlight=False)


def print_document(text: str) -> None:
    """JSON, CSV or Markdown on standard output: exactly as it is for a program or a file,
    and with any terminal controls from the files made harmless on a screen."""
    from .text import screen_text

    sys.stdout.write(screen_text(text) if sys.stdout.isatty() else text)


def say(text: str) -> None:
    """A line for the user on standard error, printed as it is (never read as markup)."""
    err().print(text, markup=False, soft_wrap=True)


def tell(exc: LaaevalError) -> None:
    """The one way a mistake reaches the user: a line per mistake, on standard error."""
    for line in exc.lines():
        say(f"Error: {line}")


def plainly(exc: BaseException) -> str:
    """What went wrong outside laaeval's own checks, in words (a MemoryError has none)."""
    if isinstance(exc, MemoryError):
        return "there was not enough memory to finish; try fewer or smaller files"
    if isinstance(exc, BrokenPipeError):
        return "the program reading laaeval's output stopped reading"
    from .text import terminal_safe

    detail = getattr(exc, "strerror", None) or str(exc)
    return terminal_safe(f"{type(exc).__name__}: {detail}")
