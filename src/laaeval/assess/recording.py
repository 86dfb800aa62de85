"""The evidence actions of a sitting (``e`` and ``u``): a new item step by step, kept
as a draft if the sitting is stopped part-way and offered back on resuming; and items
recorded already, found by id or by words typed, linked with a stance per indicator.

A part of :class:`.session.Session`, apart only to keep each module short: it uses the
session's framework, record, prompter and saving."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager

from rich.text import Text

from ..errors import LaaevalError
from ..model import evidence as ev
from ..model.framework import Framework
from ..text import one_line, plural, terminal_safe
from . import draft
from .focus import Focus, walk_order
from .items import (
    BEARING_HELP,
    SHOWN,
    USE_HELP,
    bearing_question,
    item_from,
    item_lines,
    matching,
    new_item_steps,
    next_evidence_id,
    parse_bearing,
    parse_ids,
    recap,
)
from .prompts import Back, EndOfAnswers, Leave, Prompter, ask_until, ask_yes_no
from .signals import Ended
from .steps import Answers, Step, run_steps


class Recording:
    """``e`` and ``u`` for :class:`.session.Session`, whose state and saving they use."""

    framework: Framework
    record: ev.EvidenceFile
    prompter: Prompter
    path: str
    order: list[str]
    index: int
    pending: str | None
    kept: str | None
    sources_listed: bool
    show: Callable[[str], None]
    add_item: Callable[[ev.EvidenceItem], None]
    link_items: Callable[[Sequence[str], dict[str, str]], None]
    _keys_once: Callable[[], None]
    waiting: Callable[[str], AbstractContextManager[None]]

    def add_evidence(self, unit_id: str, answers: Answers | None = None) -> None:
        """A new evidence item, step by step; kept as a draft if the sitting is stopped
        part-way, and the draft forgotten once the item is saved or left."""
        f = self.framework
        criterion = f.criteria_by_id[f.units_by_id[unit_id].criterion_id]
        if not f.source_types:
            self.prompter.say(Text("This framework names no source types, so evidence items "
                                   "cannot be recorded against it; give your reasons in the "
                                   "rationale instead.", style="yellow"))  # fmt: skip
            return
        self._keys_once()
        answers = answers if answers is not None else {}
        steps = new_item_steps(self.prompter, f, unit_id, criterion.expected_types,
                               self.sources_listed)  # fmt: skip
        self.sources_listed = True
        try:
            run_steps(steps, answers)
        except Leave:
            draft.forget(self.path)
            raise
        except (KeyboardInterrupt, Ended):
            self._keep_draft(unit_id, answers)
            raise
        except EndOfAnswers as end:
            if end.keyboard:  # Ctrl-D: the evaluator's own ending, as Ctrl-C is
                self._keep_draft(unit_id, answers)
            raise
        item = item_from(answers, next_evidence_id(self.record))
        self.add_item(item)
        draft.forget(self.path)
        bears = plural(len(item.bears_on), "indicator")
        self.prompter.say(Text(f"Saved evidence {item.id}, bearing on {bears}.", style="green"))

    def _keep_draft(self, unit_id: str, answers: Answers) -> None:
        if not any(k in answers for k in ("sources", "summary", "quote")):
            return  # nothing typed yet that would be missed
        what = f"the evidence item you were part-way through (for {unit_id})"
        try:
            kept = draft.keep(self.path, draft.Draft(unit_id, answers))
        except (OSError, LaaevalError):
            self.pending = f"{what}, which could not be kept as a draft"
            return
        self.kept = (f"{what} is kept as a draft in {terminal_safe(str(kept))}, and offered "
                     "back when you carry on")  # fmt: skip

    def _offer_draft(self) -> None:
        found = draft.read(self.path, self.framework)
        if found is None:
            return
        unit_id = found.unit_id
        carry_on = ask_yes_no(self.prompter, "You were part-way through an evidence item for "
                              f"{unit_id}: carry on with it?", True)  # fmt: skip
        if not carry_on:
            draft.forget(self.path)
            self.prompter.say(Text("The draft is forgotten.", style="dim"))
            return
        if unit_id not in self.order:
            self.order = walk_order(self.framework, self.record, Focus())
        if unit_id in self.order:
            self.index = self.order.index(unit_id)
        self.show(unit_id)
        for line in recap(self.framework, found.answers, self.prompter.console.width):
            self.prompter.say(line)
        try:
            self.add_evidence(unit_id, dict(found.answers))
        except (Back, Leave):
            self.prompter.say(Text(f"Back at {unit_id}; the draft is forgotten.", style="dim"))

    def use_evidence(self, unit_id: str) -> None:
        """Link items recorded already: found by id (several at once) or by words typed."""
        items = self.record.evidence
        if not items:
            self.prompter.explain("No evidence has been recorded yet: use e to add some.")
            return
        self._keys_once()
        width = self.prompter.console.width
        shown, note = self._likely(unit_id, items)
        for e in shown:
            for line in item_lines(self.framework, e, width):
                self.prompter.say(line)
        if note:
            self.prompter.say(Text(note, style="dim"))

        def choose(a: Answers) -> None:
            while True:
                found = ask_until(self.prompter, "Which evidence? ids (E3, or E1 E2), or words "
                                  "to find it", lambda t: (parse_ids(t, items), t),
                                  explain=USE_HELP)  # fmt: skip
                if found[0] is not None:
                    a["ids"] = found[0]
                    return
                self._show_matches(items, found[1].split(), width)

        def bearing(a: Answers) -> None:
            ids = " ".join(a["ids"])
            question = f"{ids}: {bearing_question(unit_id)}"
            with self.waiting(f"the link from {ids} to {unit_id}, which was waiting for its "
                              "stance"):  # fmt: skip
                a["bears_on"] = ask_until(self.prompter, question,
                                          lambda t: parse_bearing(self.framework, unit_id, t),
                                          explain=BEARING_HELP)  # fmt: skip

        a = run_steps([Step(("ids",), choose), Step(("bears_on",), bearing)], {})
        self.link_items(a["ids"], a["bears_on"])
        said = ", ".join(f"{stance} {point}" for point, stance in a["bears_on"].items())
        self.prompter.say(Text(f"Saved: {' '.join(a['ids'])} {said}.", style="green"))

    def _likely(self, unit_id: str, items: Sequence[ev.EvidenceItem],
                ) -> tuple[Sequence[ev.EvidenceItem], str | None]:  # fmt: skip
        """What to list first: everything in a short file; in a long one, the items on
        this criterion's other indicators (the likeliest to bear here too), else the last
        few recorded."""
        if len(items) <= SHOWN:
            return items, None
        criterion = self.framework.units_by_id[unit_id].criterion_id
        points = {criterion, *(u.id for u in self.framework.criteria_by_id[criterion].units)}
        near = [e for e in items if unit_id not in e.bears_on and points & set(e.bears_on)]
        find = f"type words to find any of the {len(items)}"
        if near:
            return near[-8:], f"  (on {criterion}'s other indicators; {find})"
        return items[-8:], f"  (the last 8 recorded; {find})"

    def _show_matches(self, items: Sequence[ev.EvidenceItem], words: list[str],
                      width: int) -> None:  # fmt: skip
        found = matching(self.framework, items, words)
        if not found:
            typed = one_line(" ".join(words))
            self.prompter.explain(f'No evidence recorded matches "{typed}".')
            return
        for e in found[:SHOWN]:
            for line in item_lines(self.framework, e, width):
                self.prompter.say(line)
        more = len(found) - SHOWN
        if more > 0:
            self.prompter.say(Text(f"  (and {more} more: add a word to narrow it)",
                                   style="dim"))  # fmt: skip
