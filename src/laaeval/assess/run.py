"""``laaeval assess``: start or resume a sitting, and make sure it always ends saved."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from typing import IO

from rich.console import Console
from rich.text import Text

from ..errors import LaaevalError, UsageError
from ..files.held import HeldFile
from ..files.output import resolved
from ..files.yamlio import decode
from ..model.catalogue import available, command_name, resolve
from ..model.evidence import EvidenceFile
from ..model.framework import Framework
from ..model.store import load_evidence
from ..model.store import read_data as load_data
from ..scoring.counts import counts, evidence_items, judged_of
from ..scoring.score import score
from ..text import one_line, terminal_safe
from .focus import Focus, walk_order
from .prompts import Back, EndOfAnswers, Leave, Prompter, ask_choice
from .session import Session
from .signals import Ended, Signals
from .start import Start, ask_save_path, default_file_name, new_record

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
        signals = stack.enter_context(Signals())
        store: HeldFile | None = None
        session: Session | None = None
        try:
            focus = Focus(options.aspect, options.level, options.criterion, options.unjudged,
                          options.source)  # fmt: skip
            framework, record, store = _open(options, prompter, focus, stack, signals)
            focus = focus.check(framework)
            session = Session(framework, record, store, prompter,
                              walk_order(framework, record, focus), signals)  # fmt: skip
            session.show_table = lambda: _table(console, framework, session.record)
            finished = session.run()
        except (Back, Leave):  # at the first question of a new file: nothing to keep
            return _ended(console, store, "Left before the file was made.", 0)
        except EndOfAnswers as end:
            signals.ending()
            reason = "Finished (Ctrl-D)." if end.keyboard else "The answers ran out."
            return _ended(console, store, reason, 0, session)
        except KeyboardInterrupt:
            signals.ending()
            _quietly(console.print)
            return _ended(console, store, "Stopped.", 130, session)
        except Ended as ended:
            signals.ending()
            return _ended(console, store, ended.reason, 128 + ended.signum, session)
        if finished:
            console.print(Text("\nThat is everything in this sitting.", style="bold"))
            _table(console, framework, session.record)
        return _ended(console, store, "", 0, framework=framework)


def _ended(console: Console, store: HeldFile | None, reason: str, code: int,
           session: Session | None = None, framework: Framework | None = None) -> int:
    """Say how the sitting ended and what is saved where; the exit code. The terminal may
    be gone (it was closed), so nothing said here may fail the ending."""
    _quietly(_saved, console, store, reason, session, framework)
    return code


def _framework_option(framework: Framework | None) -> str:
    """What the "To carry on" command needs to find the framework again: one laaeval does
    not find by its id (a file of the user's own) is named by its path."""
    if framework is None:
        return ""
    name = command_name(framework)
    return "" if name == framework.id else f" --framework {terminal_safe(name)}"


def _quietly(say: Callable[..., None], *args: object) -> None:
    # The terminal may have gone (it was closed); the answers are saved anyway.
    with contextlib.suppress(OSError, ValueError):
        say(*args)


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


def _open(options: Options, prompter: Prompter, focus: Focus, stack: ExitStack,
          signals: Signals) -> tuple[Framework, EvidenceFile, HeldFile]:  # fmt: skip
    """Resume the file, or ask for the pilot's details and create it. Before any question:
    the focus options make sense, and the file can be saved (so that a mistyped option
    creates nothing, and no answer is asked for that could not be kept)."""
    chosen = resolve(options.framework) if options.framework else None
    if options.file and os.path.exists(options.file):
        return _resume(options.file, chosen, prompter, stack)
    if options.file:
        if not resolved(options.file).parent.is_dir():
            raise UsageError("there is no folder to save this file in", file=options.file)
        HeldFile(options.file).check_writable()
    framework = chosen or _choose_framework(prompter)
    focus.check(framework)
    start = Start(options.pilot, options.round, options.region, options.assessor,
                  tuple(_detail(d) for d in options.details))  # fmt: skip
    where = None if options.file else (lambda record: _ask_where(prompter, record))
    record, asked = new_record(framework, prompter, start, where)
    path = options.file or asked or default_file_name(record)
    store = _held(HeldFile(path), stack)
    Session(framework, record, store, prompter, [], signals).save(record, "the new file")
    prompter.say(Text(f"Created {terminal_safe(path)}. Every answer is saved there as you go.",
                      style="green"))  # fmt: skip
    return framework, record, store


def _resume(path: str, chosen: Framework | None, prompter: Prompter,
            stack: ExitStack) -> tuple[Framework, EvidenceFile, HeldFile]:  # fmt: skip
    """Open an existing file for this sitting: locked, read from disk itself (never from
    the cache: what is written back must be what the file holds), and checked."""
    store = HeldFile(path)
    store.check_writable()
    _held(store, stack)
    content = store.read()
    data = load_data(path, use_cache=False, content=content)
    record, framework = load_evidence(path, chosen, data=data)
    if record.format == 1:
        raise UsageError(
            "this file is in evidence format 1; to carry on with it, first run: laaeval "
            f"upgrade {path} (it keeps a copy of the file as it was)",
            file=path,
        )
    store.remember(decode(content, path), data)
    counted = counts(framework, record)
    prompter.say(Text.assemble(
        ("Resuming ", "bold"), (terminal_safe(path), "bold"),
        f": {one_line(record.pilot.name)} — {one_line(record.pilot.round)}; "
        f"{judged_of(counted)}, {evidence_items(counted.evidence)} so far.",
    ))  # fmt: skip
    return framework, record, store


def _held(store: HeldFile, stack: ExitStack) -> HeldFile:
    """The store, locked for as long as the sitting lasts."""
    store.lock()
    stack.callback(store.unlock)
    return store


def _ask_where(prompter: Prompter, record: EvidenceFile) -> str:
    """Where to save a new file: asked again until it is somewhere a file can be saved."""
    while True:
        path = ask_save_path(prompter, record)
        try:
            HeldFile(path).check_writable()
            return path
        except LaaevalError as exc:
            prompter.explain(exc.one_line())


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
    return by_key[ask_choice(prompter, "Which framework", options,
                             explain="The framework this pilot is judged against.")]


def _table(console: Console, framework: Framework, record: EvidenceFile) -> None:
    from ..report.table import render

    console.print(render([score(framework, record)]))


def _saved(console: Console, store: HeldFile | None, reason: str,
           session: Session | None = None, framework: Framework | None = None) -> None:
    """Only what is true: what is saved, what is kept as a draft, what was not finished."""
    if store is not None and store.seen is not None:
        path = terminal_safe(store.name)
        kept = session.kept if session is not None else None
        pending = session.pending if session is not None else None
        if kept:
            message = f"{reason} Every answer you finished is saved in {path}; {kept}."
        elif pending:
            message = (f"{reason} Everything you answered is saved in {path}, except "
                       f"{pending}.")  # fmt: skip
        else:
            message = f"{reason} Everything you answered is saved in {path}."
        again = _framework_option(session.framework if session is not None else framework)
        console.print(Text(f"{message} To carry on: laaeval assess {path}{again}".strip(),
                           style="bold"))  # fmt: skip
    elif reason:
        console.print(Text(f"{reason} Nothing was saved.", style="bold"))
