"""Scoring many evidence files, one at a time, so memory stays flat however many there are.

Most of the time goes on reading YAML; files read before come from the cache
(:mod:`laaeval.cache`). We tried worker processes: on two cores they gained 40% on a first
read but lost it again on repeated runs, where copying each result back between
processes cost more than scoring it; see benchmarks/README.md.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from .errors import LaaevalError
from .evidence import load_evidence
from .framework import Framework
from .scoring import Assessment, score


def iter_scored(
    paths: Iterable[str | os.PathLike[str]], framework: Framework | None = None
) -> Iterator[Assessment | LaaevalError]:
    """Yield each file's Assessment, or the mistake that stopped it, in the order given.

    Frameworks are loaded once per (id, version), however many files name them.
    """
    frameworks: dict[tuple[str, str], Framework] = {}
    for path in paths:
        try:
            record, used = load_evidence(path, framework, frameworks)
            yield score(used, record)
        except LaaevalError as exc:
            yield exc
