"""Starting a new evidence file in ``laaeval assess``: the pilot's details, from the
command line or asked for, and where to save it."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from rich.text import Text

from ..errors import UsageError, unknown
from ..model import evidence as ev
from ..model.framework import Framework
from ..text import one_line
from .prompts import Prompter, ask_choice, ask_text, ask_until


@dataclass(frozen=True)
class Start:
    """What the evaluator told us on the command line before any question was asked."""

    pilot: str | None = None
    round: str | None = None
    region: str | None = None
    assessor: str | None = None
    details: tuple[tuple[str, str], ...] = ()


def new_record(framework: Framework, prompter: Prompter, start: Start) -> ev.EvidenceFile:
    """Ask for the pilot's details (those not given on the command line)."""
    prompter.say(Text(f"A new assessment against {one_line(framework.title)} "
                      f"({framework.id} version {one_line(framework.version)}).",
                      style="bold"))  # fmt: skip
    name = start.pilot or ask_text(prompter, "Pilot (the area or partnership)", required=True,
                                   limit=2000)  # fmt: skip
    rnd = start.round or ask_text(prompter, "Round (such as mid-way or final)", required=True,
                                  limit=2000)  # fmt: skip
    region = start.region or ask_text(prompter, "Region (optional)", required=False, limit=2000)
    given = dict(start.details)
    details = {}
    for attribute in framework.pilot_attributes:
        if attribute.id in given:
            value = given.pop(attribute.id)
            if value not in attribute.values:
                raise UsageError(unknown(f"{attribute.label.lower()}", value, attribute.values))
            details[attribute.id] = value
            continue
        options = [(v, v) for v in attribute.values] + [("", "not known yet")]
        value = ask_choice(prompter, attribute.label, options)
        if value:
            details[attribute.id] = value
    if given:
        known = [a.id for a in framework.pilot_attributes]
        raise UsageError(unknown("pilot detail", next(iter(given)), known))
    assessor = start.assessor or ask_text(prompter, "Your name, as assessor (optional)",
                                          required=False, limit=2000)  # fmt: skip
    pilot = ev.Pilot(name, rnd, region or None, details)
    return ev.new_evidence_file(framework, pilot, assessor or None)


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

    return ask_until(prompter, "Save as", parse, default_file_name(record))
