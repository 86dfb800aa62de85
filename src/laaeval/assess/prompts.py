"""Small question-and-answer helpers that a terminal, a script or a test can answer.

Every question goes through one :class:`Prompter`; the helpers below re-ask, with a
one-line explanation, until the answer is usable. Answers come from the keyboard or,
with ``--answers FILE``, one line per answer from a file (``-`` for standard input).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Sequence
from typing import IO, TypeVar

from rich.console import Console
from rich.text import Text

from ..errors import UsageError
from ..text import one_line

T = TypeVar("T")

MAX_ATTEMPTS = 20  # a script that keeps giving bad answers stops rather than loops
_UNUSABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


class EndOfAnswers(Exception):
    """The answers file ran out, or the keyboard closed (end of file: Ctrl-D)."""

    def __init__(self, keyboard: bool = False) -> None:
        super().__init__()
        self.keyboard = keyboard


class Back(Exception):
    """``b``, or Enter on an empty answer where one is needed: go back one step."""


class Leave(Exception):
    """``q``: leave this question (and the steps after it) for the indicator's menu."""


KEYS = ("At every question: b goes back a step (so does Enter, where an answer is "
        "needed), q leaves the question, ? explains it.")  # fmt: skip
BACK, LEAVE, EXPLAIN = ("b", "back"), ("q", "quit", "leave"), ("?", "help")
NONE = "Enter for none"


class Prompter:
    """Asks a question and returns the answer as typed (without the newline)."""

    def __init__(self, console: Console, source: IO[str] | None = None) -> None:
        self.console = console
        self.source = source  # None: the keyboard

    def ask(self, question: str, default: str | None = None) -> str:
        prompt = Text(question, style="bold")
        if default:
            prompt.append(f" [{one_line(default)[:60]}]", style="dim")
        prompt.append(" " if question.endswith("?") else ": ")
        if self.source is None:
            try:
                answer = self.console.input(prompt)
            except EOFError:
                raise EndOfAnswers(keyboard=True) from None
        else:
            self.console.print(prompt, end="")
            try:
                line = self.source.readline()
            except UnicodeDecodeError:
                name = getattr(self.source, "name", "the answers")
                raise UsageError("the answers are not UTF-8 text", file=str(name)) from None
            if not line:
                self.console.print()
                raise EndOfAnswers
            answer = line.rstrip("\r\n")
            self.console.print(Text(one_line(answer)), highlight=False)
        # Bytes that were not valid UTF-8 arrive as lone surrogates; keep them out of files.
        answer = _UNUSABLE.sub("\ufffd", answer).strip()
        return answer if answer or default is None else default

    def say(self, message: str | Text, style: str | None = None) -> None:
        self.console.print(message if isinstance(message, Text) else Text(message, style=style))

    def explain(self, message: str) -> None:
        self.console.print(Text(message, style="yellow"))


def ask_until(prompter: Prompter, question: str, parse: Callable[[str], T],
              default: str | None = None, *, explain: str | None = None,
              optional: bool = False) -> T:  # fmt: skip
    """Ask until ``parse`` accepts the answer; ``parse`` raises ValueError with a reason.

    With ``explain`` (what the question is for), the keys every question of a sitting
    shares work here too: ``b`` (or Enter on an empty answer, unless the question is
    ``optional``, when Enter means "none") raises :class:`Back`, ``q`` :class:`Leave`, and
    ``?`` shows the explanation and the keys."""
    for _ in range(MAX_ATTEMPTS):
        answer = prompter.ask(question, default)
        if explain is not None:
            word = answer.lower()
            if word in BACK or (not answer and not optional):
                raise Back
            if word in LEAVE:
                raise Leave
            if word in EXPLAIN:
                prompter.say(Text(explain))
                prompter.say(Text(KEYS, style="dim"))
                continue
        try:
            return parse(answer)
        except ValueError as exc:
            prompter.explain(str(exc))
    raise EndOfAnswers


def ask_text(prompter: Prompter, question: str, *, required: bool, default: str | None = None,
             limit: int = 20_000, explain: str | None = None) -> str:  # fmt: skip
    def parse(answer: str) -> str:
        if required and not answer:
            raise ValueError("This needs an answer; please type something.")
        if len(answer) > limit:
            raise ValueError(f"That is too long ({len(answer)} characters; at most {limit}).")
        return answer

    return ask_until(prompter, question, parse, default, explain=explain,
                     optional=not required)  # fmt: skip


def ask_choice(prompter: Prompter, question: str, options: Sequence[tuple[str, str]],
               explain: str | None = None, inline: bool = False) -> str:  # fmt: skip
    """A numbered list of (value, label); the answer is a number or the value itself.
    ``inline``: the options run on in a line or two, for a short list asked often."""
    if inline:
        _inline(prompter, options)
    else:
        _list(prompter, options)
    return ask_until(prompter, question, lambda answer: _chosen(answer, options),
                     explain=explain)  # fmt: skip


def ask_choices(prompter: Prompter, question: str, options: Sequence[tuple[str, str]],
                explain: str | None = None, listed: bool = True) -> tuple[str, ...]:  # fmt: skip
    """The same list, where several may be chosen: numbers or values separated by spaces.
    (Not ``listed`` where the caller has shown the options its own way.)"""
    if listed:
        _list(prompter, options)

    def parse(answer: str) -> tuple[str, ...]:
        words = answer.replace(",", " ").split()
        if not words:
            raise ValueError(f"Please type one or more numbers from 1 to {len(options)}.")
        return tuple(dict.fromkeys(_chosen(word, options) for word in words))

    return ask_until(prompter, question, parse, explain=explain)


def _list(prompter: Prompter, options: Sequence[tuple[str, str]]) -> None:
    """Numbered, one option a line; a label too long for the terminal goes on under
    itself (the id beside it left out), never back at the left edge."""
    width = max(prompter.console.width - 6, 20)
    for n, (value, label) in enumerate(options, start=1):
        label = one_line(label)
        hint = f"  ({value})" if value and value != label else ""
        if len(label) + len(hint) > width:
            hint = ""
        lines = textwrap.wrap(label, width) or [""]
        prompter.say(Text.assemble(f"  {n:>2}. ", (lines[0], "bold"), (hint, "dim")))
        for more in lines[1:]:
            prompter.say(Text(f"      {more}", style="bold"))


def _inline(prompter: Prompter, options: Sequence[tuple[str, str]]) -> None:
    # Each option held together (no-break spaces), so a line never parts a number from it.
    words = " · ".join(f"{n} {one_line(label)}".replace(" ", "\u00a0")
                       for n, (_, label) in enumerate(options, 1))  # fmt: skip
    width = max(prompter.console.width - 3, 20)
    for line in textwrap.wrap(words, width):
        prompter.say(Text(f"  {line}".replace("\u00a0", " ")))


def _chosen(answer: str, options: Sequence[tuple[str, str]]) -> str:
    values = [value for value, _ in options]
    if answer.isdigit() and 1 <= int(answer) <= len(options):
        return values[int(answer) - 1]
    if answer in values:
        return answer
    raise ValueError(f"Please type a number from 1 to {len(options)} (b goes back, q leaves).")


def ask_yes_no(prompter: Prompter, question: str, default: bool) -> bool:
    def parse(answer: str) -> bool:
        if answer.lower() in ("y", "yes"):
            return True
        if answer.lower() in ("n", "no"):
            return False
        raise ValueError("Please answer y or n.")

    return ask_until(prompter, f"{question} (y/n)", parse, "y" if default else "n")
