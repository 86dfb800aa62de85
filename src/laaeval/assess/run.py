"""``laaeval assess``: start or resume a sitting, and make sure it always ends saved."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from rich.console import Console
from rich.text import Text

from ..errors import UsageError
from ..model.catalogue import available, resolve
from ..model.evidence import EvidenceFile
from ..model.framework import Framework
from ..model.store import load_evidence
from ..scoring.score import score
from ..text import one_line, plural
from .focus import Focus, walk_order
from .prompts import EndOfAnswers, Prompter, ask_choice
from .session import Session
from .start import Start, ask_save_path, new_record

NEEDS_TERMINAL = (
    "laaeval assess asks questions, so it needs a terminal. To run it from a script, put "
    "one answer per line in a file and add --answers FILE (or --answers - to read them "
    "from standard input)."
)


@dataclass(frozen=True)
class Options:
    file: str | None = None
    framework: str | None = None
    pilot: str | None = None
    round: str | None = None
    region: str | None = None
    assessor: str | None = None
    details: tuple[str, ...] = ()
    aspect: str | None = None
    level: str | None = None
    criterion: str | None = None
    unjudged: bool = False
    source: str | None = None
    answers: str | None = None


def run_assess(options: Options, console: Console) -> int:
    """Run one sitting; returns the exit code."""
    with ExitStack() as stack:
        prompter = Prompter(console, _answers(options, stack))
        path = options.file
        try:
            focus = Focus(options.aspect, options.level, options.criterion, options.unjudged,
                          options.source)  # fmt: skip
            framework, record, path = _open(options, prompter, focus)
            focus = focus.check(framework)
            session = Session(
                framework, record, path, prompter, walk_order(framework, record, focus)
            )
            session.show_table = lambda: _table(console, framework, session.record)
            finished = session.run()
        except EndOfAnswers:
            _saved(console, path, "The answers ran out.")
            return 0
        except KeyboardInterrupt:
            console.print()
            _saved(console, path, "Stopped.")
            return 130
        if finished:
            console.print(Text("\nThat is everything in this sitting.", style="bold"))
            _table(console, framework, session.record)
        _saved(console, path, "")
        return 0


def _answers(options: Options, stack: ExitStack) -> IO[str] | None:
    if options.answers == "-":
        return sys.stdin
    if options.answers:
        try:
            return stack.enter_context(open(options.answers, encoding="utf-8"))
        except OSError as exc:
            raise UsageError(
                f"cannot read the answers ({exc.strerror})", file=options.answers
            ) from None
    if not sys.stdin.isatty():
        raise UsageError(NEEDS_TERMINAL)
    return None


def _open(
    options: Options, prompter: Prompter, focus: Focus
) -> tuple[Framework, EvidenceFile, str]:
    """Resume the file, or ask for the pilot's details and create it (checking first that
    the focus options make sense, so that a mistyped option creates nothing)."""
    chosen = resolve(options.framework) if options.framework else None
    if options.file and Path(options.file).exists():
        record, framework = load_evidence(options.file, chosen)
        if record.format == 1:
            raise UsageError(
                "this file is in evidence format 1; to carry on with it, first run: laaeval "
                f"upgrade {options.file} (it keeps a copy of the file as it was)",
                file=options.file,
            )
        overall = score(framework, record).overall
        prompter.say(Text.assemble(
            ("Resuming ", "bold"), (options.file, "bold"),
            f": {one_line(record.pilot.name)} — {one_line(record.pilot.round)}; "
            f"{overall.judged} of {overall.total} judged, "
            f"{plural(len(record.evidence), 'evidence item')} so far.",
        ))  # fmt: skip
        return framework, record, options.file
    if options.file and not Path(options.file).resolve().parent.is_dir():
        raise UsageError("there is no folder to save this file in", file=options.file)
    framework = chosen or _choose_framework(prompter)
    focus.check(framework)
    start = Start(options.pilot, options.round, options.region, options.assessor,
                  tuple(_detail(d) for d in options.details))  # fmt: skip
    record = new_record(framework, prompter, start)
    path = options.file or ask_save_path(prompter, record)
    Session(framework, record, path, prompter, []).save(record)
    prompter.say(Text(f"Created {path}. Every answer is saved there as you go.", style="green"))
    return framework, record, path


def _detail(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip() or not value.strip():
        raise UsageError(f"--detail takes NAME=VALUE, such as tier=two-tier (not {text!r})")
    return name.strip(), value.strip()


def _choose_framework(prompter: Prompter) -> Framework:
    usable = [e.framework for e in available() if e.framework is not None]
    if len(usable) == 1:
        return usable[0]
    by_key = {f"{f.id} {f.version}": f for f in usable}
    options = [(key, f"{f.title} ({f.id} version {f.version})") for key, f in by_key.items()]
    return by_key[ask_choice(prompter, "Which framework", options)]


def _table(console: Console, framework: Framework, record: EvidenceFile) -> None:
    from ..report.table import render

    console.print(render([score(framework, record)]))


def _saved(console: Console, path: str | None, reason: str) -> None:
    if path and Path(path).exists():
        message = f"{reason} Everything you answered is saved in {path}. To carry on: "
        console.print(Text(f"{message}laaeval assess {path}".strip(), style="bold"))
    elif reason:
        console.print(Text(f"{reason} Nothing was saved.", style="bold"))
