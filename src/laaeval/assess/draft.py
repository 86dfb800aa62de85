"""A half-entered evidence item, kept beside the evidence file when a sitting is stopped
part-way through it (Ctrl-C, the terminal closing), and offered back on resuming.

It is a small YAML file of its own (``NAME.yaml.draft``): the evidence file itself only
ever holds complete items, so every other command reads it as before; the name does not
end in ``.yaml``, so ``laaeval validate *.yaml`` passes it by."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import LaaevalError
from ..files import yamlio
from ..files.output import write_atomic
from ..model.framework import Framework
from .steps import Answers

_KEYS = ("sources", "perspective", "quote", "summary", "reference", "date", "bears_on")
_HEADER = ("# A half-entered evidence item, kept when laaeval assess was stopped part-way\n"
           "# through it. Resume the sitting (laaeval assess on the evidence file) to carry\n"
           "# on with it; delete this file to forget it.\n")  # fmt: skip


@dataclass(frozen=True)
class Draft:
    unit_id: str
    answers: Answers


def draft_path(evidence_path: str | os.PathLike[str]) -> Path:
    path = Path(evidence_path)
    return path.with_name(path.name + ".draft")


def keep(evidence_path: str, draft: Draft) -> Path:
    """Write the draft beside the evidence file, whole or not at all."""
    answers = {k: draft.answers[k] for k in _KEYS if k in draft.answers}
    data = {"draft": "evidence item", "for": draft.unit_id, "answers": answers}
    path = draft_path(evidence_path)
    write_atomic(path, _HEADER + yamlio.dumps(data))
    return path


def read(evidence_path: str, framework: Framework) -> Draft | None:
    """The draft kept beside the file, if there is one that still makes sense for this
    framework; answers that no longer do are dropped (they are asked again)."""
    path = draft_path(evidence_path)
    if not path.exists():
        return None
    try:
        data = yamlio.load_path(path)
    except (LaaevalError, OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("answers"), dict):
        return None
    unit_id = data.get("for")
    if unit_id not in framework.units_by_id:
        return None
    return Draft(unit_id, _sensible(data["answers"], framework))


def _sensible(answers: dict[str, Any], framework: Framework) -> Answers:
    out: Answers = {}
    sources = answers.get("sources")
    if isinstance(sources, list) and sources and all(
        s in framework.source_types_by_id for s in sources
    ):
        out["sources"] = sources
    else:
        return out  # later answers depend on the source: ask them all again
    if answers.get("perspective") in framework.perspectives_by_id:
        out["perspective"] = answers["perspective"]
    else:
        return out
    for key in ("quote", "summary", "reference", "date"):
        if key in answers and (answers[key] is None or isinstance(answers[key], str)):
            out[key] = answers[key]
    if "quote" in out and "summary" not in out and out["quote"] is None:
        del out["quote"]
    if ("reference" in out) != ("date" in out):
        out.pop("reference", None)
        out.pop("date", None)
    return out


def forget(evidence_path: str) -> None:
    with contextlib.suppress(OSError):
        draft_path(evidence_path).unlink()
