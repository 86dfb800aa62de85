"""The kinds of mistake a user can make, each mapped to one exit code.

The CLI catches :class:`LaaevalError` once and prints :meth:`LaaevalError.one_line`;
nothing else in the package prints an error.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence, Sized

EXIT_OK = 0
EXIT_INVALID = 1  # the input was read but fails validation
EXIT_UNUSABLE = 2  # usage error, or input that cannot be read at all

_MAX_SHOWN = 60  # characters of a user's value we are willing to echo back


def shorten(value: object, limit: int = _MAX_SHOWN) -> str:
    """Quote a user's value for an error message without echoing a huge one back."""
    text = value if isinstance(value, str) else repr(value)
    text = text.replace("\n", " ").replace("\r", " ")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f'"{text}"' if isinstance(value, str) else text


SUGGESTIONS = 5  # "did you mean" for the first few problems of one check, not every one


class _Check:
    """The check in progress (a file being checked), for :func:`unknown` to see how many
    problems it has found: only the first few are worth a "did you mean", and working
    them out for all of half a million unknown ids took longer than anyone would wait."""

    current: Callable[[], Sized | None] = staticmethod(lambda: None)
    quiet = False  # a check whose messages will not be read: no "did you mean" at all


@contextlib.contextmanager
def without_suggestions() -> Iterator[None]:
    """A check only to learn whether there are problems (its messages are let go, and the
    file checked again with line numbers to tell them): no "did you mean" is worked out."""
    before, _Check.quiet = _Check.quiet, True
    try:
        yield
    finally:
        _Check.quiet = before


def checking(problems: Sized) -> None:
    """``problems`` (a list that will grow) is the check now in progress; a weak reference,
    so that a check long finished limits nothing."""
    import weakref

    _Check.current = weakref.ref(problems)  # type: ignore[assignment]


def unknown(what: str, value: object, known: object) -> str:
    """'unknown source type "cg-interveiw"; did you mean "cg-interview"?'"""
    return f"unknown {what} {shorten(value)}{did_you_mean(value, known)}"


def did_you_mean(value: object, known: object) -> str:
    """'; did you mean "cg-interview"?' for the known name nearest one mistyped, or nothing
    where none is near (or where the message will not be read)."""
    check = _Check.current()
    if _Check.quiet or (check is not None and len(check) >= SUGGESTIONS):
        return ""
    import difflib

    names = [str(k) for k in known]  # type: ignore[attr-defined]
    guess = difflib.get_close_matches(str(value), names, n=1, cutoff=0.5)
    return f"; did you mean {shorten(guess[0])}?" if guess else ""


def sentence(message: str) -> str:
    """``message`` ended with a full stop, unless it already ends as a sentence does (a
    suggestion ends with a question mark: 'did you mean "PR3"?', never '"PR3"?.')."""
    return message if message.endswith((".", "?", "!")) else message + "."


class LaaevalError(Exception):
    """A mistake in the user's input, told in one line."""

    exit_code = EXIT_INVALID

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        path: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line
        self.path = path

    def __reduce__(self) -> tuple[object, ...]:
        # Keep file, line and path when an error crosses from a worker process.
        return (_rebuild, (type(self), self.message, self.file, self.line, self.path))

    def one_line(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.line:
            where.append(f"line {self.line}")
        if self.path:
            where.append(f"at {self.path}")
        prefix = ", ".join(where)
        text = f"{prefix}: {self.message}" if prefix else self.message
        # File names and quoted values come from users: never let them move the cursor.
        from .text import terminal_safe

        return " ".join(terminal_safe(text).split())

    def lines(self) -> list[str]:
        """What the user is shown: one line per mistake."""
        return [self.one_line()]

    def __str__(self) -> str:
        return self.one_line()


def _rebuild(
    kind: type[LaaevalError], message: str, file: str | None, line: int | None, path: str | None
) -> LaaevalError:
    return kind(message, file=file, line=line, path=path)


class UnreadableFileError(LaaevalError):
    """The file cannot be read or is not a YAML text file at all."""

    exit_code = EXIT_UNUSABLE


class UsageError(LaaevalError):
    """The command was asked for something it cannot do (unknown framework, bad option)."""

    exit_code = EXIT_UNUSABLE


class YamlSyntaxError(LaaevalError):
    """The file is text but not YAML that laaeval accepts."""


class SchemaError(LaaevalError):
    """The YAML is well formed but does not have the shape of a laaeval file."""


class UnknownIdError(LaaevalError):
    """A value names something that does not exist (an id, a source type, a scale point)."""


class FrameworkMismatchError(LaaevalError):
    """An evidence file was recorded against another framework, version or content."""


class SeveralErrors(LaaevalError):
    """Mistakes in several files at once, each told in its own line. The exit code is the
    last one's, as if the files had been read one by one and the last had stopped us."""

    def __init__(self, errors: Sequence[LaaevalError]) -> None:
        last = errors[-1]
        super().__init__(last.message, file=last.file, line=last.line, path=last.path)
        self.errors = tuple(errors)
        self.exit_code = last.exit_code

    def __reduce__(self) -> tuple[object, ...]:
        return (SeveralErrors, (self.errors,))

    def lines(self) -> list[str]:
        return [line for error in self.errors for line in error.lines()]
