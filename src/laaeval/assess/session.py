"""The interactive assessment: walk an evaluator through the framework, one indicator at a
time, saving every answer at once so that nothing is ever lost.

The walk goes aspect › level › criterion › indicator. At each indicator the evaluator can
rate it, mark it not applicable, record evidence (new, or already recorded for another
indicator), skip, go back, jump, see progress or the scores, and quit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from rich.text import Text

from ..errors import LaaevalError, unknown
from ..files import schema, yamlio
from ..files.held import ChangedOnDisk, HeldFile
from ..files.merge import Clash, merge
from ..files.output import WriteError
from ..model import evidence as ev
from ..model.checks import check_evidence
from ..model.framework import Criterion, Framework, Indicator
from ..model.store import read_data
from ..scoring.score import score
from ..text import one_line, plural, shorten_text, terminal_safe
from .focus import Focus, walk_order
from .prompts import (
    EndOfAnswers,
    Prompter,
    ask_choice,
    ask_choices,
    ask_date,
    ask_text,
    ask_until,
    ask_yes_no,
)
from .signals import Signals

STANCE_WORDS = {"s": "supports", "c": "challenges", "n": "neutral"}
HELP = """\
  0-3   rate this indicator on the framework's scale (you will be asked why)
  v     give a verdict instead, such as "too early to say" (left out of the score)
  w     judge the whole criterion at once (a rating or verdict for the criterion itself)
  n     mark it not applicable to this pilot
  e     add a new piece of evidence (an interview, a document, an observation…)
  u     use evidence you have already recorded (one interview often bears on many)
  s     skip for now (it stays 'no judgement yet')
  b     go back to the previous indicator
  j     jump to any criterion or indicator by its id (such as PN3 or PN3.2)
  p     show progress          t   show the scores so far
  q     quit (everything is already saved)"""


def next_evidence_id(record: ev.EvidenceFile) -> str:
    numbers = [int(m.group(1)) for e in record.evidence if (m := re.fullmatch(r"E(\d+)", e.id))]
    return f"E{max(numbers, default=0) + 1}"


class SittingStopped(LaaevalError):
    """The sitting cannot go on (its file changed elsewhere, or could not be saved); the
    message says what is saved where."""


_WEB_LINK = re.compile(r"https?://\S", re.IGNORECASE)


class Session:
    """One sitting: the framework, the evidence file as saved so far, and where we are."""

    def __init__(self, framework: Framework, record: ev.EvidenceFile, store: HeldFile,
                 prompter: Prompter, order: list[str],
                 signals: Signals | None = None) -> None:  # fmt: skip
        self.framework = framework
        self.record = record
        self.store = store
        self.path = store.name
        self.prompter = prompter
        self.order = order
        self.signals = signals or Signals()
        self.base = ev.to_data(record)  # what the file meant when last read or written
        self.index = self._first_unjudged()
        self.show_table: Callable[[], None] = lambda: None
        self.groups_shown: set[str] = set()  # groups whose description has been shown

    # -- saving ---------------------------------------------------------------------------

    def save(self, record: ev.EvidenceFile, what: str = "this answer",
             unsaved: Callable[[dict[str, Any]], Any] | None = None) -> None:  # fmt: skip
        """Save at once; the file on disk is always complete and valid, and never written
        over a change someone else made to it. ``what`` and ``unsaved`` say, if the save
        fails, what was not saved (and pick it out of the data, to show it).

        Only what this sitting changed is applied to the file as it was read: the record
        before and after, as plain data, give the change; the file's own data takes it.
        So whatever the file says that the sitting did not touch stays as written, such as
        a default spelt out (``basis: primary``) that laaeval itself would leave out."""
        record = replace(record, updated=ev.now_stamp())
        ours = self._checked(record)
        data = self._onto(ours, self.store.data)
        try:
            with self.signals.held():  # a signal now waits until the file is whole
                self.store.save(data)
        except ChangedOnDisk:
            record = self._merge(ours)
            ours = ev.to_data(record)
        except WriteError as exc:
            self._retry(data, what, exc, unsaved)
        self.record, self.base = record, ours

    def _checked(self, record: ev.EvidenceFile) -> dict[str, Any]:
        """The record as plain data, checked as a file read from disk would be, before any
        of it is written; stamped with the framework's fingerprint."""
        data = ev.to_data(replace(record, framework_hash=self.framework.hash))
        self._check(data)
        return data

    def _check(self, data: dict[str, Any]) -> None:
        schema.validate(data, "evidence", self.path)
        problems = check_evidence(data, self.framework, self.path)
        if problems:
            raise problems[0]

    def _onto(self, ours: dict[str, Any], file: Any) -> dict[str, Any]:
        """This sitting's change (from ``self.base`` to ``ours``) applied to ``file``, the
        data as the file has it; just ``ours`` if that cannot be done cleanly."""
        if file is None:
            return ours
        try:
            merged = merge(self.base, ours, file)
            if merged != ours:  # the file says more than laaeval would: check it all again
                self._check(merged)
        except (Clash, LaaevalError):
            return ours
        return merged

    def _merge(self, ours: dict[str, Any]) -> ev.EvidenceFile:
        """The file changed on disk since we last read or wrote it: keep both sets of
        changes where they touch different places, else keep both versions, apart."""
        try:
            content = self.store.read()
            theirs = read_data(self.path, use_cache=False, content=content)
            merged = merge(self.base, ours, theirs, ignore=frozenset({"updated"}))
            self._check(merged)
        except (Clash, LaaevalError) as exc:
            where = exc.where if isinstance(exc, Clash) else None
            raise self._kept_apart(ours, where) from None
        self.store.remember(yamlio.decode(content, self.path), theirs)
        try:
            with self.signals.held():
                self.store.save(merged)
        except ChangedOnDisk:  # changed yet again, as we merged: keep ours apart after all
            raise self._kept_apart(ours, None) from None
        self.prompter.explain(f"{terminal_safe(self.path)} was changed by another program "
                              "while this sitting was open; laaeval kept those changes and "
                              "added yours.")  # fmt: skip
        return ev.evidence_from_data(merged, self.path)

    def _kept_apart(self, ours: dict[str, Any], where: str | None) -> SittingStopped:
        name = terminal_safe(self.path)
        place = f" (at {where}, which this sitting changed too)" if where else ""
        try:
            mine = terminal_safe(str(self.store.keep_beside(ours)))
        except (OSError, LaaevalError):
            return SittingStopped(
                f"{name} was changed by another program while this sitting was open"
                f"{place}, and your version could not be kept beside it; the other version "
                f"is in {name}. Nothing was written over it.")  # fmt: skip
        return SittingStopped(
            f"{name} was changed by another program while this sitting was open{place}, so "
            f"laaeval did not save over it. The other version is still in {name}; yours, "
            f"with everything this sitting answered, is in {mine}. Keep the one you want "
            "(or copy across what you need), then run laaeval assess again.")  # fmt: skip

    def _retry(self, data: dict[str, Any], what: str, failure: WriteError,
               unsaved: Callable[[dict[str, Any]], Any] | None) -> None:  # fmt: skip
        """A save failed (a full disk, say): the earlier answers are safe in the file; offer
        to try again, else keep this one beside it as a draft, or show it to copy."""
        name = terminal_safe(self.path)
        while True:
            self.prompter.explain(f"Could not save: {failure.message}. Your earlier answers "
                                  f"are safe in {name}; {what} was not saved.")  # fmt: skip
            try:
                again = ask_yes_no(self.prompter, "Try saving again (free some space first)?",
                                   True)  # fmt: skip
            except EndOfAnswers:
                again = False
            if not again:
                break
            try:
                with self.signals.held():
                    self.store.save(data)
                return
            except WriteError as exc:
                failure = exc
        raise self._draft(data, what, unsaved)

    def _draft(self, data: dict[str, Any], what: str,
               unsaved: Callable[[dict[str, Any]], Any] | None) -> SittingStopped:  # fmt: skip
        name = terminal_safe(self.path)
        try:
            draft = terminal_safe(str(self.store.keep_beside(data, "draft")))
        except (OSError, LaaevalError):
            if unsaved is not None:
                self.prompter.say(Text("Here is what was not saved, to copy:", style="bold"))
                self.prompter.say(Text(yamlio.dumps(unsaved(data)).rstrip()))
            return SittingStopped(f"your earlier answers are safe in {name}; {what} was not "
                                  "saved, and could not be kept as a draft either")  # fmt: skip
        return SittingStopped(f"your earlier answers are safe in {name}; {what} was not "
                              f"saved there, but is kept, with the rest of the file, in "
                              f"{draft}")  # fmt: skip

    def judge(self, unit_id: str, judgement: ev.Judgement) -> None:
        judgements = dict(self.record.judgements)
        judgements[unit_id] = judgement
        self.save(replace(self.record, judgements=judgements), f"the judgement of {unit_id}",
                  lambda data: {"judgements": {unit_id: data["judgements"][unit_id]}})

    def add_item(self, item: ev.EvidenceItem) -> None:
        self.save(replace(self.record, evidence=(*self.record.evidence, item)),
                  f"this evidence item ({item.id})",
                  lambda data: {"evidence": [data["evidence"][-1]]})  # fmt: skip

    def link_item(self, item_id: str, unit_id: str, stance: str) -> None:
        items = tuple(
            replace(e, bears_on={**e.bears_on, unit_id: stance}) if e.id == item_id else e
            for e in self.record.evidence
        )
        self.save(replace(self.record, evidence=items), f"the link from {item_id} to {unit_id}",
                  lambda data: {"evidence": [e for e in data["evidence"] if e["id"] == item_id]})

    # -- the walk -------------------------------------------------------------------------

    def _first_unjudged(self) -> int:
        for n, unit_id in enumerate(self.order):
            if not self.covered(unit_id):
                return n
        return len(self.order)

    def covered(self, unit_id: str) -> bool:
        """Judged itself, or through a judgement of its criterion as a whole."""
        return ev.covered(self.framework, self.record, unit_id)

    def run(self) -> bool:
        """Walk until the end of the order (True) or until the evaluator quits (False)."""
        while 0 <= self.index < len(self.order):
            unit_id = self.order[self.index]
            self.show(unit_id)
            if not self.act(unit_id):
                return False
        return True

    def act(self, unit_id: str) -> bool:
        """Ask what to do at this indicator and do it; False means quit."""
        scale = "/".join(str(p.value) for p in self.framework.points_for(unit_id))
        letters = " ".join(self._letters())
        answer = ask_until(self.prompter, f"Rate {scale}, or {letters} (? for help)",
                           self._parse_action)  # fmt: skip
        if answer == "q":
            return False
        handlers: dict[str, Callable[[str], None]] = {
            "v": self.give_verdict, "w": self.judge_whole,
            "n": self.not_applicable, "e": self.add_evidence, "u": self.use_evidence,
            "s": self.skip, "b": self.back, "j": self.jump, "p": lambda _: self.progress(),
            "t": lambda _: self.show_table(), "?": lambda _: self.prompter.say(HELP),
        }  # fmt: skip
        value = self._value(unit_id, answer)
        if value is not None:
            self.rate(unit_id, value)
        else:
            handlers[answer](unit_id)
        return True

    def _letters(self) -> list[str]:
        unit = self.framework.units_by_id[self.order[self.index]]
        whole = self.framework.criteria_by_id[unit.criterion_id].judged_as_whole
        return ["v", *(["w"] if whole else []), "n", "e", "u", "s", "b", "j", "p", "t", "q"]

    def _value(self, unit_id: str, answer: str) -> int | float | None:
        """The answer typed as one of this point's values (2, 0.5, .25), or None."""
        try:
            number = float(answer)
        except ValueError:
            return None
        point = self.framework.point_for(unit_id, number)
        return point.value if point is not None else None

    def _parse_action(self, answer: str) -> str:
        answer = answer.lower()
        unit_id = self.order[self.index]
        if self._value(unit_id, answer) is not None:
            return answer
        if answer in (*self._letters(), "?"):
            return answer
        values = ", ".join(str(p.value) for p in self.framework.points_for(unit_id))
        raise ValueError(f"Please type a rating ({values}) or a letter; ? shows what each does.")

    # -- showing where we are -------------------------------------------------------------

    def show(self, unit_id: str) -> None:
        unit = self.framework.units_by_id[unit_id]
        criterion = self.framework.criteria_by_id[unit.criterion_id]
        say = self.prompter.say
        say(Text(""))
        say(Text.assemble((self._where(criterion, unit), "bold cyan"), "   ",
                          (self._progress_line(), "dim")))  # fmt: skip
        say(Text.assemble(("Criterion: ", "bold"), one_line(criterion.text)))
        if not unit.direct:
            say(Text.assemble((f"Indicator {unit.id}: ", "bold"), one_line(unit.text)))
            if unit.refers_to:
                refs = ", ".join(unit.refers_to)
                say(Text(f"  (This refers to the criteria above: {refs}.)", style="dim"))
        else:
            say(Text("  This criterion has no indicators: judge it directly.", style="dim"))
        self._show_groups(criterion)
        self._show_sources(criterion)
        self._show_evidence(unit_id)
        whole = self.record.judgements.get(criterion.id) if criterion.judged_as_whole else None
        if whole is not None and whole.judged:
            say(Text.assemble((f"{criterion.id} as a whole: ", "bold"), self._describe(whole)))
        judgement = self.record.judgements.get(unit_id)
        if judgement is not None and judgement.judged:
            say(Text.assemble(("Current judgement: ", "bold"), self._describe(judgement)))

    def _show_groups(self, criterion: Criterion) -> None:
        """The description and guidance of each group the criterion sits in, and its own,
        the first time the walk reaches them."""
        shown = self.groups_shown
        for group in self.framework.path_of(criterion):
            if group.id in shown:
                continue
            shown.add(group.id)
            for label, text in (("About", group.description), ("Guidance", group.guidance)):
                if text:
                    self.prompter.say(Text.assemble((f"{label} {one_line(group.title)}: ",
                                                     "bold"), one_line(text)))  # fmt: skip
        if criterion.guidance:
            self.prompter.say(Text.assemble(("Guidance: ", "bold"), criterion.guidance.strip()))
        if criterion.importance:
            level = self.framework.importance_by_id[criterion.importance]
            self.prompter.say(Text.assemble(("Importance: ", "bold"), one_line(level.label)))

    def _where(self, criterion: Criterion, unit: Indicator) -> str:
        parts = [one_line(g.title) for g in self.framework.path_of(criterion)]
        place = f"{criterion.id} — judged directly"
        if not unit.direct:
            number = [i.id for i in criterion.indicators].index(unit.id) + 1
            place = f"{criterion.id} — indicator {number} of {len(criterion.indicators)}"
        return " › ".join([*parts, place])

    def _progress_line(self) -> str:
        # The same count as the scores, the reports and `p` give: one way of counting.
        overall = score(self.framework, self.record).overall
        items = plural(len(self.record.evidence), "evidence item")
        return f"[{overall.judged} of {overall.total} judged · {items}]"

    def _show_sources(self, criterion: Criterion) -> None:
        points = {criterion.id, *(u.id for u in criterion.units)}
        consulted = {
            t for e in self.record.evidence if points & set(e.bears_on) for t in e.sources
        }  # fmt: skip
        if not criterion.sources:  # a framework may name none (SAMM, the badge)
            return
        self.prompter.say(Text("Sources of evidence the framework expects:", style="bold"))
        for source in criterion.sources:
            seen = consulted & set(source.types)
            mark, style = ("✓", "green") if seen else ("·", "")
            note = "  (consulted)" if seen else ""
            self.prompter.say(Text.assemble(f"  {mark} ", (one_line(source.text), style),
                                            (note, "dim")))  # fmt: skip

    def _show_evidence(self, unit_id: str) -> None:
        criterion_id = self.framework.units_by_id[unit_id].criterion_id
        points = [unit_id] if criterion_id == unit_id else [unit_id, criterion_id]
        items = [(e, p) for e in self.record.evidence for p in points if p in e.bears_on]
        if not items:
            self.prompter.say(Text("No evidence recorded for this yet.", style="dim"))
            return
        self.prompter.say(Text("Evidence recorded for this:", style="bold"))
        for e, point in items:
            on = "" if point == unit_id else f" ({point} as a whole)"
            self.prompter.say(self._item_line(e, e.bears_on[point] + on))

    def _item_line(self, e: ev.EvidenceItem, stance: str | None = None) -> Text:
        types = self.framework.source_types_by_id
        source = one_line("; ".join(types[s].label for s in e.sources) or "synthesis")
        who = one_line(self.framework.perspectives_by_id[e.perspective].label
                       if e.perspective else "the evaluators")  # fmt: skip
        line = Text.assemble(f"  {e.id:<5}", (f"{source} · {who}", "dim"))
        if stance:
            line.append(f" · {stance}", style="red" if stance == "challenges" else "green")
        line.append(f": {shorten_text(e.summary, 70)}")
        return line

    def _describe(self, judgement: ev.Judgement) -> str:
        if judgement.not_applicable:
            text = "not applicable"
        elif judgement.verdict is not None:
            text = self.framework.verdicts_by_id[judgement.verdict].label
        else:
            point = self.framework.point_for(judgement.unit_id, judgement.rating)
            text = f"{judgement.rating} {point.label if point else ''}".rstrip()
        if judgement.rationale:
            text += f" — {shorten_text(judgement.rationale, 80)}"
        return text

    # -- actions --------------------------------------------------------------------------

    def rate(self, unit_id: str, rating: int | float) -> None:
        point = self.framework.point_for(unit_id, rating)
        assert point is not None
        old = self.record.judgements.get(unit_id)
        unit = self.framework.units_by_id[unit_id]
        linked = any(e.link for e in self.record.evidence if unit_id in e.bears_on)
        link = (point.requires_link or rating in unit.requires_link) and not linked
        if link:
            self.prompter.say(Text("This answer needs a web link: put it (https://…) in the "
                                   "rationale.", style="yellow"))  # fmt: skip
        while True:
            why = ask_text(self.prompter, f"Why {point.label.lower()}? (your rationale)",
                           required=point.requires_rationale or link
                           or rating in unit.requires_rationale,
                           default=old.rationale if old and old.rationale else None)  # fmt: skip
            if not link or _WEB_LINK.search(why or ""):
                break
            self.prompter.say(Text("Please include the web link (starting https://).",
                                   style="yellow"))  # fmt: skip
        self.judge(unit_id, ev.Judgement(unit_id, rating=rating, rationale=why or None))
        self.prompter.say(Text(f"Saved: {unit_id} rated {rating} ({point.label}).", style="green"))
        self.index += 1

    def give_verdict(self, unit_id: str) -> None:
        """A verdict beside the scale, such as "too early to say", for this indicator."""
        verdict = self._ask_verdict()
        why = ask_text(self.prompter, "Why? (optional)", required=False)
        self.judge(unit_id, ev.Judgement(unit_id, verdict=verdict, rationale=why or None))
        label = self.framework.verdicts_by_id[verdict].label
        self.prompter.say(Text(f"Saved: {unit_id}: {label}.", style="green"))
        self.index += 1

    def _ask_verdict(self) -> str:
        options = [(v.id, v.label) for v in self.framework.verdicts]
        return ask_choice(self.prompter, "Which verdict", options)

    def judge_whole(self, unit_id: str) -> None:
        """A judgement of the criterion as a whole; its indicators then count as judged,
        and the walk moves on to the next criterion."""
        criterion = self.framework.criteria_by_id[self.framework.units_by_id[unit_id].criterion_id]
        scale = "/".join(str(p.value) for p in self.framework.points_for(criterion.id))

        def parse(answer: str) -> str:
            answer = answer.lower()
            if answer in ("v", "n") or self._value(criterion.id, answer) is not None:
                return answer
            raise ValueError(f"Please type a rating ({scale}), v for a verdict, or n.")

        answer = ask_until(self.prompter, f"Judge {criterion.id} as a whole: rate {scale}, "
                           "v for a verdict, or n for not applicable", parse)  # fmt: skip
        if answer == "v":
            judgement = ev.Judgement(criterion.id, verdict=self._ask_verdict())
        elif answer == "n":
            judgement = ev.Judgement(criterion.id, not_applicable=True)
        else:
            judgement = ev.Judgement(criterion.id, rating=self._value(criterion.id, answer))
        point = self.framework.point_for(criterion.id, judgement.rating)
        why = ask_text(self.prompter, f"Why? (your rationale for {criterion.id} as a whole)",
                       required=bool(point and point.requires_rationale))  # fmt: skip
        self.judge(criterion.id, replace(judgement, rationale=why or None))
        self.prompter.say(Text(f"Saved: {criterion.id} as a whole: "
                               f"{self._describe(judgement)}.", style="green"))  # fmt: skip
        while self.index < len(self.order) and self.covered(self.order[self.index]):
            self.index += 1

    def not_applicable(self, unit_id: str) -> None:
        why = ask_text(self.prompter, "Why does it not apply? (optional)", required=False)
        self.judge(unit_id, ev.Judgement(unit_id, not_applicable=True, rationale=why or None))
        self.prompter.say(Text(f"Saved: {unit_id} marked not applicable.", style="green"))
        self.index += 1

    def add_evidence(self, unit_id: str) -> None:
        p, f = self.prompter, self.framework
        if not f.source_types:
            p.say(Text("This framework names no source types, so evidence items cannot be "
                       "recorded against it; give your reasons in the rationale instead.",
                       style="yellow"))  # fmt: skip
            return
        criterion = f.criteria_by_id[f.units_by_id[unit_id].criterion_id]
        p.say(Text("New evidence. Which kind of source is it? (one or more numbers)",
                   style="bold"))  # fmt: skip
        sources = [(s.id, s.label + (" (expected here)" if s.id in criterion.expected_types
                                     else "")) for s in f.source_types]  # fmt: skip
        chosen = ask_choices(p, "Source", sources)
        perspective = ask_choice(p, "Whose view does it give?",
                                 [(x.id, x.label) for x in f.perspectives])  # fmt: skip
        summary = ask_text(p, "What was said or found (summary)", required=True)
        quote = ask_text(p, "Exact quote, if any (optional)", required=False)
        reference = ask_text(p, "Where is it: interview, document, page (optional)",
                             required=False, limit=2000)  # fmt: skip
        when = ask_date(p, "Date, as YYYY-MM-DD (optional)")
        stance = self._ask_stance(unit_id)
        bears_on = {unit_id: stance, **self._ask_other_units(unit_id, stance)}
        item = ev.EvidenceItem(
            id=next_evidence_id(self.record), sources=chosen, perspective=perspective,
            summary=summary, bears_on=bears_on, quote=quote or None,
            reference=reference or None, date=when,
        )  # fmt: skip
        self.add_item(item)
        bears = plural(len(bears_on), "indicator")
        p.say(Text(f"Saved evidence {item.id}, bearing on {bears}.", style="green"))

    def _ask_stance(self, unit_id: str) -> str:
        def parse(answer: str) -> str:
            key = answer.lower()[:1]
            if key in STANCE_WORDS:
                return STANCE_WORDS[key]
            raise ValueError("Please type s (supports), c (challenges) or n (neutral).")

        return ask_until(self.prompter, f"Does it support or challenge {unit_id}? s/c/n", parse)

    def _ask_other_units(self, unit_id: str, stance: str) -> dict[str, str]:
        def parse(answer: str) -> dict[str, str]:
            found = {}
            for word in answer.replace(",", " ").split():
                unit = self.framework.units_by_id.get(word.upper())
                unit = unit or self.framework.units_by_id.get(word)
                if unit is None:
                    raise ValueError(unknown("indicator", word, self.framework.units_by_id) + ".")
                if unit.id != unit_id:
                    found[unit.id] = stance
            return found

        return ask_until(self.prompter, f"Other indicators it bears on, also {stance} "
                         "(ids separated by spaces; optional)", parse)  # fmt: skip

    def use_evidence(self, unit_id: str) -> None:
        items = self.record.evidence
        if not items:
            self.prompter.explain("No evidence has been recorded yet: use e to add some.")
            return
        for e in items[-15:]:
            self.prompter.say(self._item_line(e))
        by_id = {e.id.upper(): e.id for e in items}

        def parse(answer: str) -> str:
            key = answer.upper()
            key = f"E{key}" if key.isdigit() else key
            if key not in by_id:
                raise ValueError(unknown("evidence id", answer, list(by_id.values())) + ".")
            return by_id[key]

        item_id = ask_until(self.prompter, "Which evidence (its id, such as E3)", parse)
        stance = self._ask_stance(unit_id)
        self.link_item(item_id, unit_id, stance)
        self.prompter.say(Text(f"Saved: {item_id} {stance} {unit_id}.", style="green"))

    def skip(self, unit_id: str) -> None:
        self.index += 1

    def back(self, unit_id: str) -> None:
        if self.index == 0:
            self.prompter.explain("This is the first one in this sitting.")
            return
        self.index -= 1

    def jump(self, unit_id: str) -> None:
        def parse(answer: str) -> str:
            found = self.framework.find(answer)
            if isinstance(found, Criterion):
                found = found.units[0]
            if not isinstance(found, Indicator):
                ids = [c.id for c in self.framework.criteria]
                raise ValueError(unknown("criterion or indicator", answer, ids) + ".")
            reason = ev.excluded_by(self.framework, found.id, self.record.pilot)
            if reason:
                raise ValueError(f"That does not apply here: {reason}.")
            return found.id

        target = ask_until(self.prompter, "Jump to (a criterion or indicator id)", parse)
        if target not in self.order:
            self.prompter.say(Text("That is outside this sitting's focus; showing everything.",
                                   style="dim"))  # fmt: skip
            self.order = walk_order(self.framework, self.record, Focus())
        self.index = self.order.index(target)

    def progress(self) -> None:
        result = score(self.framework, self.record)
        say = self.prompter.say
        say(Text("Progress (judged of applicable):", style="bold"))
        for aspect in result.aspects:
            say(Text(f"  {one_line(aspect.title)}: {aspect.judged} of {aspect.total}"))
            for level in aspect.levels:
                done = f"{level.judged} of {level.total}" if level.total else "not applicable"
                tail = "" if level.total else " to this pilot"
                say(Text(f"    {one_line(level.title)}: {done}{tail}"))
        overall = result.overall
        items = plural(len(self.record.evidence), "evidence item")
        say(Text(f"  Overall: {overall.judged} of {overall.total}; {items}", style="bold"))
        left = len(self.order) - self.index
        say(Text(f"  In this sitting: {max(left, 0)} still to go.", style="dim"))


