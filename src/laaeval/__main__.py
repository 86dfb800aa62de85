"""``python -m laaeval`` and the ``laaeval`` command.

A Ctrl-C always ends laaeval with "Stopped." and exit code 130, never a traceback nor a
death by the signal itself, even in its first moments while typer and rich are imported.
Python itself would otherwise kill the process with SIGINT at exit if the Ctrl-C had
landed inside code run by ``exec`` (as dataclasses and typer do while being imported),
whatever laaeval did with it; so an interrupted run leaves by ``os._exit`` once its
output is flushed (nothing else is open for writing by then: saves are whole or not at all).
"""

import contextlib
import os
import sys

INTERRUPTED = 130


def main() -> None:
    try:  # laaeval score FILE…, the command run most, without typer when it can be
        from .cli_quick import main as quick

        code = quick(sys.argv[1:])
    except (KeyboardInterrupt, RuntimeError) as exc:
        _stopped(exc)
    if code is not None:
        sys.exit(code)
    try:
        from .cli import main as run
    except (KeyboardInterrupt, RuntimeError) as exc:
        _stopped(exc)
    try:
        run()
    except (KeyboardInterrupt, RuntimeError) as exc:
        _stopped(exc)
    except SystemExit as exc:
        if exc.code == INTERRUPTED:
            _leave(INTERRUPTED)
        raise


def _stopped(exc: BaseException) -> None:
    """A Ctrl-C that no command caught (one pressed while laaeval starts, or a second one
    while the first is being told): say so, and leave with 130."""
    _unless_interrupted(exc)
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write("\nStopped.\n")
    _leave(INTERRUPTED)


def _unless_interrupted(exc: BaseException) -> None:
    """Raise ``exc`` again unless it is a Ctrl-C: Python hands a Ctrl-C that lands while a
    class is being made (in ``__set_name__``, as importing the standard library does) on as
    a RuntimeError caused by it."""
    seen: BaseException | None = exc
    for _ in range(8):
        if seen is None:
            break
        if isinstance(seen, KeyboardInterrupt):
            return
        seen = seen.__cause__ or seen.__context__
    raise exc


def _leave(code: int) -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


if __name__ == "__main__":
    main()
