"""Starting a new evidence file in ``laaeval assess``: the pilot's details, from the
command line or asked for, and where to save it."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text

from ..errors import UsageError, unknown
from ..model import evidence as ev
from ..model.framework import Framework
from ..text import one_line
from .prompts import KEYS, Prompter, ask_choice, ask_text, ask_until
from .steps import Answers, Step, run_steps


@dataclass(frozen=True)
class Start:
    """What the evaluator told us on the command line before any question was asked."""

    pilot: str | None = None
    round: str | None = None
    region: str | None = None
    assessor: str | None = None
    details: tuple[tuple[str, str], ...] = ()


def check_details(framework: Framework, start: Start) -> dict[str, str]:
    """The pilot details given with --detail, checked before any question is asked."""
    known = {a.id: a for a in framework.pilot_attributes}
    details = {}
    for name, value in start.details:
        attribute = known.get(name)
        if attribute is None:
            raise UsageError(unknown("pilot detail", name, list(known)) + " (in --detail)")
        if value not in attribute.values:
            raise UsageError(unknown(f"{attribute.label.lower()}", value, attribute.values)
                             + f" (in --detail {name}=…)")  # fmt: skip
        details[name] = value
    return details


def new_record(framework: Framework, prompter: Prompter, start: Start,
               where: Callable[[ev.EvidenceFile], str] | None = None,
               ) -> tuple[ev.EvidenceFile, str | None]:  # fmt: skip
    """Ask for the pilot's details (those not given on the command line), then, with
    ``where``, where to save the file; b goes back a question, and b or q at the first
    leaves before anything is made. The record, and the path ``where`` gave."""
    given = check_details(framework, start)
    prompter.say(Text(f"A new assessment against {one_line(framework.title)} "
                      f"({framework.id} version {one_line(framework.version)}).",
                      style="bold"))  # fmt: skip
    prompter.say(Text(KEYS, style="dim"))
    a: Answers = {"pilot": start.pilot, "round": start.round, "region": start.region,
                  "assessor": start.assessor, **{f"detail:{k}": v for k, v in given.items()}}
    a = {k: v for k, v in a.items() if v}

    def text(key: str, question: str, required: bool) -> Step:
        def ask(answers: Answers) -> None:
            answers[key] = ask_text(prompter, question, required=required, limit=2000,
                                    explain=START_HELP) or None  # fmt: skip
        return Step((key,), ask)

    def detail(attribute_id: str, label: str, values: tuple[str, ...]) -> Step:
        def ask(answers: Answers) -> None:
            options = [(v, v) for v in values] + [("", "not known yet")]
            value = ask_choice(prompter, label, options, explain=START_HELP)
            answers[f"detail:{attribute_id}"] = value or None
        return Step((f"detail:{attribute_id}",), ask)

    steps = [text("pilot", "Pilot (the area or partnership)", True),
             text("round", "Round (such as mid-way or final)", True),
             text("region", "Region (optional; Enter for none)", False),
             *(detail(x.id, x.label, tuple(x.values)) for x in framework.pilot_attributes),
             text("assessor", "Your name, as assessor (optional; Enter for none)", False)]
    steps = [step for step in steps if step.keys[0] not in a]  # not those given
    if where is not None:
        def path(answers: Answers) -> None:
            answers["path"] = where(_record(framework, answers))
        steps.append(Step(("path",), path))
    a = run_steps(steps, a)
    return _record(framework, a), a.get("path")


def _record(framework: Framework, a: Answers) -> ev.EvidenceFile:
    details = {x.id: a[f"detail:{x.id}"] for x in framework.pilot_attributes
               if a.get(f"detail:{x.id}")}  # fmt: skip
    pilot = ev.Pilot(a["pilot"], a["round"], a.get("region"), details)
    return ev.new_evidence_file(framework, pilot, a.get("assessor"))


START_HELP = ("The pilot's details are written at the top of the evidence file, and shown "
              "in every report and comparison.")


def default_file_name(record: ev.EvidenceFile) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", f"{record.pilot.name} {record.pilot.round}".lower())
    return (slug.strip("-")[:60] or "assessment") + ".yaml"


def ask_save_path(prompter: Prompter, record: ev.EvidenceFile) -> str:
    def parse(answer: str) -> str:
        if not answer.endswith((".yaml", ".yml")):
            raise ValueError("Please give a file name ending in .yaml.")
        if os.path.exists(answer):
            raise ValueError(f"{answer} already exists; to carry on with it, run: "
                             f"laaeval assess {answer}")  # fmt: skip
        folder = os.path.dirname(answer) or "."
        if not os.path.isdir(folder):
            raise ValueError(f"There is no folder {folder}.")
        return answer

    return ask_until(prompter, "Save as", parse, default_file_name(record),
                     explain="The file every answer is saved in, as you go.")  # fmt: skip
