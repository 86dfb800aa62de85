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
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from typer.core import TyperCommand, TyperGroup


class QuickCommand(TyperCommand):
    """A typer command whose plain parameters are converted without pydantic."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _quicken(self.get_params(ctx))
        return super().parse_args(ctx, args)


class QuickGroup(TyperGroup):
    """The same for the options before the command (--debug, --help, completion)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _quicken(self.get_params(ctx))
        return super().parse_args(ctx, args)


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
        return _path(value)
    if isinstance(annotation, type) and issubclass(annotation, Enum) and info.case_sensitive:
        if isinstance(value, annotation):
            return value
        for member in annotation:
            if isinstance(value, str) and value == str(member.value):
                return member
    raise Unplain


def _plain_path(info: Any) -> bool:
    """A path typer checks only for being readable if it exists (its defaults)."""
    return (info.file_okay and info.dir_okay and info.readable and not info.exists
            and not info.writable and not info.resolve_path and not info.allow_dash
            and info.path_type is None)  # fmt: skip


def _path(value: str) -> Path:
    # typer refuses an existing path it cannot read, with a message of its own.
    if os.path.exists(value) and not os.access(value, os.R_OK):
        raise Unplain
    return Path(value)


def _typers_own(param: Any) -> Any:
    """typer's converter for this parameter, built as typer builds it, kept from now on."""
    param._runtime_param = None
    return param.get_runtime_param()
