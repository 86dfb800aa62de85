"""How the words on the command line become the values the commands take, quickly.

typer (0.29) converts every parameter of the command being run, given or not, through a
pydantic TypeAdapter that it builds on the spot; importing pydantic and building them is
most of what ``laaeval score`` spends before it reads a file (about 70 ms of 190). The
values laaeval takes are plain: text, paths, lists of them, and choices from an enum, and
this module converts those directly. Anything else, and every value it would refuse, goes
to typer's own conversion, so typer's messages stay exactly typer's.

It relies on two things typer does today: a parameter keeps its converter in
``_runtime_param`` and builds one only while that is None, and the converter has a
``coerce(value, param, ctx)`` method. Should either change, typer simply converts as it
would have without this module: correct, only slower.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from typer.core import TyperCommand, TyperGroup


class QuickCommand(TyperCommand):
    """A typer command whose plain parameters are converted without pydantic."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        params = self.get_params(ctx)
        _quicken(params)
        _one_dash(args, params)
        return super().parse_args(ctx, args)


class OptionMistake(Exception):
    """A word on the command line that is almost an option; told as one line."""

    exit_code = 2

    def format_message(self) -> str:
        return str(self.args[0])


def _one_dash(args: list[str], params: list[Any]) -> None:
    """``-format csv`` is a long option typed with one dash: click would read it as ``-f``
    with the value ``ormat``, and the user would be told of a framework "ormat"."""
    names = {name for p in params for name in getattr(p, "opts", ()) if name.startswith("--")}
    for arg in args:
        if arg == "--":
            return
        word = arg.split("=", 1)[0]
        if len(word) > 2 and word[0] == "-" and word[1] != "-" and word[1:2].isalpha():
            if "-" + word in names:
                raise OptionMistake(f"{arg} needs two dashes: -{arg}")
            import difflib

            close = difflib.get_close_matches("-" + word, sorted(names), n=1, cutoff=0.8)
            if close and word[1:].replace("-", "").isalpha():
                raise OptionMistake(f"unknown option {word}; did you mean {sorted(close)[0]}?")


class QuickGroup(TyperGroup):
    """The same for the options before the command (--debug, --help, completion); and the
    one place a mistake in the command line itself becomes one laaeval line.

    Left to itself, typer prints such a mistake in a box of usage text. Run with
    ``standalone_mode=False``, it raises the mistake instead, and returns the exit code of
    a ``typer.Exit``; this turns the mistake into "Error: …" and exit code 2, as every
    other mistake is told. Used by ``laaeval`` itself and by click's test runner alike."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _quicken(self.get_params(ctx))
        return super().parse_args(ctx, args)

    def main(self, args: Any = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:  # fmt: skip
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except Exception as exc:
            code = _told(exc)
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


def _told(exc: Exception) -> int:
    """A mistake typer (click) found in the command line, told as one line; its exit code.

    Recognised by what it can do rather than by its class, which typer has moved from
    click into a copy of its own."""
    if type(exc).__name__ == "Abort" or type(exc).__name__ == "EOFError":
        sys.stderr.write("Stopped.\n")
        return 1
    if not (hasattr(exc, "format_message") and hasattr(exc, "exit_code")):
        raise exc
    if type(exc).__name__ == "NoArgsIsHelpError":  # plain "laaeval": the help, as asked
        exc.show()  # type: ignore[attr-defined]
        return int(exc.exit_code)  # type: ignore[attr-defined]
    import re

    from .text import one_line

    message = one_line(exc.format_message()).rstrip(".").replace("Value error, ", "")
    message = re.sub(r" \(Possible options: ([^,)]+)[^)]*\)", r"; did you mean \1?", message)
    message = message.replace(". Did you mean", "; did you mean")
    ctx = getattr(exc, "ctx", None)
    where = getattr(ctx, "command_path", None) if ctx is not None else None
    hint = f" (see: {where} --help)" if where else ""
    sys.stderr.write(f"Error: {message[:1].lower()}{message[1:]}{hint}\n")
    return 2


def _quicken(params: list[Any]) -> None:
    for param in params:
        if getattr(param, "_runtime_param", False) is None:
            param._runtime_param = QuickValue()


class Unplain(Exception):
    """A value this module leaves to typer."""


class QuickValue:
    """Stands in for typer's converter of one parameter."""

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        several = param.multiple or param.nargs == -1
        if value is None:
            return () if several else None  # as typer gives a parameter not given
        if getattr(ctx, "token_normalize_func", None) is not None:
            return _typers_own(param).coerce(value, param, ctx)
        try:
            info = param.type_descriptor.parameter_info
            annotation = param.type_descriptor.annotation
            if not several:
                return convert(value, annotation, info)
            if isinstance(value, str) or get_origin(annotation) is not list:
                raise Unplain
            (item,) = get_args(annotation)
            return [convert(v, item, info) for v in value]
        except (Unplain, AttributeError, ValueError):
            return _typers_own(param).coerce(value, param, ctx)


def convert(value: Any, annotation: Any, info: Any) -> Any:
    """One plain value, converted as typer would; Unplain for anything else."""
    if info.parser is not None:
        raise Unplain
    if (annotation is str and isinstance(value, str)) or (
        annotation is bool and isinstance(value, bool)
    ):
        return value
    if annotation is Path and isinstance(value, str) and _plain_path(info):
        return _path(value, info.readable)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        if isinstance(value, annotation):
            return value
        same = (lambda a, b: a == b) if info.case_sensitive else _same_word
        for member in annotation:
            if isinstance(value, str) and same(value, str(member.value)):
                return member
    raise Unplain


def _same_word(a: str, b: str) -> bool:
    return a.strip().casefold() == b.casefold()


def _plain_path(info: Any) -> bool:
    """A path typer checks, at most, for being readable if it exists."""
    return (info.file_okay and info.dir_okay and not info.exists
            and not info.writable and not info.resolve_path and not info.allow_dash
            and info.path_type is None)  # fmt: skip


def _path(value: str, readable: bool = True) -> Path:
    # typer refuses an existing path it cannot read, with a message of its own.
    if readable and os.path.exists(value) and not os.access(value, os.R_OK):
        raise Unplain
    return Path(value)


def _typers_own(param: Any) -> Any:
    """typer's converter for this parameter, built as typer builds it, kept from now on."""
    param._runtime_param = None
    return param.get_runtime_param()
