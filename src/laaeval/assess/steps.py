"""A question in several steps (a new evidence item, a verdict and its reason): each step
asks one thing, ``b`` goes back to the step before, and what is answered so far is kept
in one dictionary, so that a sitting stopped half-way can keep it as a draft."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from .prompts import Back, Leave

Answers = dict[str, Any]


@dataclass(frozen=True)
class Step:
    """One step: ``ask`` fills ``keys`` in the answers (asking, or working them out, when
    it returns False: nothing was asked, so going back passes it by)."""

    keys: tuple[str, ...]
    ask: Callable[[Answers], bool | None]


def run_steps(steps: Sequence[Step], answers: Answers) -> Answers:
    """Ask every step whose keys are not answered yet, in order. ``b`` at a step goes back
    to the last step that asked something; at the first, the whole question is left
    (:class:`Leave`). Steps answered already (a draft carried on with) count as asked."""
    asked: list[int] = [n for n, step in enumerate(steps) if _done(step, answers)
                        and n not in answers.get("_worked_out", ())]  # fmt: skip
    n = 0
    while n < len(steps):
        step = steps[n]
        if _done(step, answers):
            n += 1
            continue
        try:
            if step.ask(answers) is False:
                answers.setdefault("_worked_out", []).append(n)
            else:
                asked.append(n)
            n += 1
        except Back:
            if not asked:
                raise Leave from None
            n = asked.pop()
            for later in steps[n:]:
                for key in later.keys:
                    answers.pop(key, None)
            answers["_worked_out"] = [m for m in answers.get("_worked_out", ()) if m < n]
    answers.pop("_worked_out", None)
    return answers


def _done(step: Step, answers: Answers) -> bool:
    return all(key in answers for key in step.keys)
