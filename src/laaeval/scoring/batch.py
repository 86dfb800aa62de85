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
from collections.abc import Iterable, Iterator, Sequence

from ..errors import LaaevalError, SeveralErrors
from ..files import cache, yamlio
from ..model.framework import Framework
from ..model.store import load_evidence, read_data
from .result import Assessment
from .score import score
from .workers import in_workers, worker_count


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


def score_all(
    paths: Iterable[str | os.PathLike[str]], framework: Framework | None = None
) -> list[Assessment]:
    """Every file's Assessment, in the order given; if any file has a mistake, every
    mistake is raised at once (so a user fixes them all in one go, not one per run)."""
    return list(each_scored(paths, framework))


def each_scored(
    paths: Iterable[str | os.PathLike[str]], framework: Framework | None = None
) -> Iterator[Assessment]:
    """Each file's Assessment as it is scored, in the order given, keeping none; once all
    are read, every mistake met on the way is raised at once, as :func:`score_all` does."""
    errors = []
    for outcome in iter_scored(paths, framework):
        if isinstance(outcome, LaaevalError):
            errors.append(outcome)
        else:
            yield outcome
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise SeveralErrors(errors)


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
            text = cache.dumps(read_data(path, use_cache=False, content=content, lines=False))
            cache.put_text(content, "evidence", text)
    except LaaevalError as exc:
        return exc
    return text
