"""Reading the files to compare: folders expanded, each file scored and boiled down to
its small row at once, in worker processes when the batch is large."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import LaaevalError
from ..model.framework import Framework, load_framework
from ..model.store import load_evidence
from ..scoring.batch import iter_scored
from ..scoring.score import score
from ..scoring.workers import in_workers, worker_count
from .compact import shared
from .matrix import PilotRow, row_of


def evidence_files(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Files as given, and every .yaml file in any folder given, in a stable order."""
    found: list[str] = []
    for path in paths:
        if Path(path).is_dir():
            found.extend(str(p) for p in sorted(Path(path).rglob("*.yaml")))
        else:
            found.append(str(path))
    return found


_job: dict[str, Any] = {}  # what every worker needs, set before the workers start


def scored_rows(
    paths: Sequence[str], by: str, framework: Framework | None = None
) -> Iterator[tuple[PilotRow, Framework] | LaaevalError]:
    """Each file scored and boiled down to its row, in the order given.

    Rows are small, so on a machine with several cores a large batch is read in worker
    processes (reading YAML is most of the work), and only the rows come back.
    """
    workers = worker_count(len(paths))
    if not workers:
        for outcome in iter_scored(paths, framework):
            yield outcome if isinstance(outcome, LaaevalError) else (
                row_of(outcome, by), outcome.framework)  # fmt: skip
        return
    _job.update(by=by, framework=framework, frameworks={})
    loaded: dict[str, Framework] = {}
    for outcome in in_workers(_row_in_worker, paths, workers, chunksize=8):
        if isinstance(outcome, LaaevalError):
            yield outcome
            continue
        row, fingerprint, origin = outcome
        if fingerprint not in loaded:
            loaded[fingerprint] = framework or load_framework(origin)
        yield shared(row), loaded[fingerprint]


def _row_in_worker(path: str) -> tuple[PilotRow, str, str] | LaaevalError:
    try:
        record, used = load_evidence(path, _job["framework"], _job["frameworks"])
    except LaaevalError as exc:
        return exc
    return row_of(score(used, record), _job["by"]), used.hash, used.origin
