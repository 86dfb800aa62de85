"""Scoring many evidence files, one at a time, so memory stays flat however many there are.

Most of the time goes on reading YAML. Files read before come from the cache
(:mod:`laaeval.files.cache`). For a large batch on a machine with several cores, worker
processes read and check the files not yet cached, and hand each back as JSON text, which
this process reads many times faster than YAML; it then checks, builds and scores each
file in order. (Sending the scored results back from the workers instead cost more than
it saved: each is large; see benchmarks/README.md.)
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from .errors import LaaevalError
from .files import cache, yamlio
from .model.evidence import load_evidence, read_data
from .model.framework import Framework
from .scoring import Assessment, score

PARALLEL_FROM = 64  # files; fewer are read faster than worker processes can start
T = TypeVar("T")


def iter_scored(
    paths: Iterable[str | os.PathLike[str]], framework: Framework | None = None
) -> Iterator[Assessment | LaaevalError]:
    """Yield each file's Assessment, or the mistake that stopped it, in the order given.

    Frameworks are loaded once per (id, version), however many files name them.
    """
    paths = [str(p) for p in paths]
    frameworks: dict[tuple[str, str], Framework] = {}
    for path, prepared in zip(paths, _prepare_all(paths), strict=True):
        if isinstance(prepared, LaaevalError):
            yield prepared
            continue
        try:
            data = None if prepared is None else json.loads(prepared)
            record, used = load_evidence(path, framework, frameworks, data)
            yield score(used, record)
        except LaaevalError as exc:
            yield exc


def worker_count(files: int) -> int:
    """How many worker processes to read ``files`` files with: 0 when it is not worth it
    (a small batch, one core, or a system that cannot fork)."""
    import multiprocessing

    workers = min(os.cpu_count() or 1, 8)
    if files < PARALLEL_FROM or workers < 2:
        return 0
    return workers if "fork" in multiprocessing.get_all_start_methods() else 0


def in_workers(work: Callable[[str], T], paths: Sequence[str], workers: int,
               chunksize: int) -> Iterator[T]:  # fmt: skip
    """``work`` done on each path in worker processes; the results come back in order."""
    import multiprocessing

    # Fork shares the code already imported (and anything set up for the job) with them.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(work, paths, chunksize=chunksize)


def _prepare_all(paths: Sequence[str]) -> Iterator[str | LaaevalError | None]:
    """For each path: its checked content as JSON text, its mistake, or None when this
    process should read it itself (a small batch, or one core)."""
    workers = worker_count(len(paths))
    if not workers:
        yield from (None for _ in paths)
        return
    yield from in_workers(_prepare, paths, workers, chunksize=4)


def _prepare(path: str) -> str | LaaevalError:
    """In a worker: one file's checked content as JSON text, from the cache or by reading
    and checking the file (and then caching it)."""
    try:
        content = yamlio.read_bytes(path)
        text = cache.get_text(content, "evidence")
        if text is None:
            text = cache.dumps(read_data(path, use_cache=False, content=content))
            cache.put_text(content, "evidence", text)
    except LaaevalError as exc:
        return exc
    return text
