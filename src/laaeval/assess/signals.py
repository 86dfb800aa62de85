"""How a sitting ends when it is told to: Ctrl-C, the terminal closing (SIGHUP), or being
asked to end (SIGTERM, as a shutdown does).

Each becomes an exception the sitting catches, so every ending says what is saved. A
signal that arrives while a save is being written waits until the save is done, so a save
is never cut short by one; and once the sitting is ending, further signals (a second
Ctrl-C) are ignored, so the ending message is never interrupted by a traceback.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any


class Ended(BaseException):
    """The sitting was told to end by a signal (not Ctrl-C); ``signum`` says which.

    A BaseException, as KeyboardInterrupt is, so that no ``except Exception`` swallows it."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def reason(self) -> str:
        if self.signum == getattr(signal, "SIGHUP", None):
            return "Stopped: the terminal was closed."
        return "Stopped: laaeval was asked to end."


_HANDLED = tuple(s for s in (signal.SIGINT, getattr(signal, "SIGTERM", None),
                             getattr(signal, "SIGHUP", None)) if s is not None)  # fmt: skip


class Signals:
    """Signal handling for one sitting: install with ``with Signals() as signals``."""

    def __init__(self) -> None:
        self._old: dict[int, Any] = {}
        self._holding = 0
        self._pending: int | None = None

    def __enter__(self) -> Signals:
        if threading.current_thread() is threading.main_thread():
            for signum in _HANDLED:
                self._old[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        for signum, old in self._old.items():
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(signum, old)
        self._old.clear()

    def _handle(self, signum: int, frame: Any) -> None:
        # The sitting ends on the first signal: every later one (a second Ctrl-C pressed at
        # once) is ignored from here, before anything is raised. Raised again while the first
        # was still being raised, Python showed a SystemError and its traceback.
        self.ending()
        if self._holding:
            self._pending = self._pending or signum
            return
        _raise(signum)

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Hold every signal until the block is done (a save in progress)."""
        self._holding += 1
        try:
            yield
        finally:
            self._holding -= 1
        if not self._holding and self._pending is not None:
            signum, self._pending = self._pending, None
            _raise(signum)

    def ending(self) -> None:
        """The sitting is ending: ignore further signals while it says so."""
        for signum in self._old:
            with contextlib.suppress(ValueError, TypeError):
                signal.signal(signum, signal.SIG_IGN)


def _raise(signum: int) -> None:
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Ended(signum)
