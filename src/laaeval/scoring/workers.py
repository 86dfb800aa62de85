"""Worker processes for a large batch of files, shared by ``score`` and ``compare``.

One place decides whether a batch is worth worker processes, and runs them, so the two
commands cannot drift apart; :mod:`multiprocessing` is imported only when it is used.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

PARALLEL_FROM = 64  # files; fewer are read faster than worker processes can start
T = TypeVar("T")


def worker_count(files: int) -> int:
    """How many worker processes to read ``files`` files with: 0 when it is not worth it
    (a small batch, one core, or a system that cannot fork)."""
    workers = min(os.cpu_count() or 1, 8)
    if files < PARALLEL_FROM or workers < 2:
        return 0
    import multiprocessing  # only now: it costs several milliseconds to import

    return workers if "fork" in multiprocessing.get_all_start_methods() else 0


def in_workers(work: Callable[[str], T], paths: Sequence[str], workers: int,
               chunksize: int) -> Iterator[T]:  # fmt: skip
    """``work`` done on each path in worker processes; the results come back in order.

    At most a few chunks per worker are in hand at once (``Pool.imap`` would run ahead
    and keep every result the caller has not taken yet: all of them, when the caller is
    slower), so memory stays flat however many paths there are.
    """
    import multiprocessing
    from collections import deque

    ahead = deque()
    chunks = (paths[n:n + chunksize] for n in range(0, len(paths), chunksize))
    # Fork shares the code already imported (and anything set up for the job) with them.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for chunk in chunks:
            ahead.append(pool.apply_async(_each, (work, chunk)))
            if len(ahead) >= AHEAD * workers:
                yield from ahead.popleft().get()
        while ahead:
            yield from ahead.popleft().get()


AHEAD = 4  # chunks in hand per worker


def _each(work: Callable[[str], T], chunk: Sequence[str]) -> list[T]:
    return [work(path) for path in chunk]
