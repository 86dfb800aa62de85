"""The interactive assessment: walk an evaluator through the framework, one indicator at a
time, saving every answer at once so that nothing is ever lost.

The walk goes aspect › level › criterion › indicator. At each indicator the evaluator can
rate it, mark it not applicable, record evidence (new, or already recorded for another
indicator), skip, go back, jump, see progress or the scores, and quit.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from rich.text import Text

from ..errors import LaaevalError, sentence, unknown
from ..files import schema, yamlio
from ..files.held import ChangedOnDisk, HeldFile
from ..files.merge import Clash, merge
from ..files.output import WriteError
from ..model import evidence as ev
from ..model.checks import check_evidence
from ..model.framework import Criterion, Framework, Indicator
from ..model.store import read_data
from ..scoring.counts import counts, evidence_items, judged_of
from ..scoring.score import score
from ..text import one_line, shorten_text, terminal_safe
from .focus import Focus, walk_order
from .items import (
    hanging,
    item_lines,
)
from .prompts import (
    KEYS,
    Back,
    EndOfAnswers,
    Leave,
    Prompter,
    ask_choice,
    ask_text,
    ask_until,
    ask_yes_no,
)
from .recording import Recording
from .signals import Signals
from .steps import Answers, Step, run_steps

HELP = """\
  0-3   rate this indicator on the framework's scale (you are asked why; or
        type the reason after the number: 2 the GO said so)
  v     give a verdict instead, such as "too early to say" (not scored)
  w     judge the whole criterion at once (a rating or verdict for it)
  n     mark it not applicable to this pilot
  e     add a new piece of evidence (an interview, a document, an observation)
  u     use evidence already recorded (one interview often bears on many)
  s     skip for now (it stays 'no judgement yet')
  b     go back to the previous indicator
  j     jump to any criterion or indicator by its id (such as PN3 or PN3.2)
  p     show progress          t   show the scores so far
  q     quit (everything is already saved)
In the questions these lead to: b goes back a step (so does Enter, where an
answer is needed), q leaves the question for this menu, ? explains it."""


def help_for(answers: str | None, letters: Sequence[str]) -> str:
    """The help at the menu, for an item with answers of its own (``answers``: "0/0.25/0.5/1",
    None for the framework's scale) and the letters offered there: no line for a letter
    that is not (n where n/a is forbidden, w for a question with no indicators)."""
    lines = HELP.splitlines()
    if answers is not None:
        lines[:2] = [f"  {answers}", "        answer it with one of its own answers (you are asked "
                     "why; or type", "        the reason after the answer)"]  # fmt: skip
    return "\n".join(line for line in lines
                     if not (len(line) > 3 and line[2].isalpha() and line[3] == " "
                             and line[2] not in letters))  # fmt: skip


RATIONALE_HELP = "Why you judge it so: a sentence others can check against the evidence."
VERDICT_HELP = "A verdict beside the scale, left out of the score: type its number."
WHOLE_HELP = ("Judge the criterion as a whole: a rating on the scale, v for a verdict "
              "(such as too early to say), or n if it does not apply to this pilot.")
JUMP_HELP = "The id of any criterion or indicator, such as PN3 or PN3.2, to go straight to it."


def no_na_here(ident: str, values: str) -> str:
    """What to say when n/a is typed where the framework does not allow it."""
    return f"The framework does not allow n/a for {ident}: type one of its answers ({values})."


class SittingStopped(LaaevalError):
    """The sitting cannot go on (its file changed elsewhere, or could not be saved); the
    message says what is saved where."""


_WEB_LINK = re.compile(r"https?://\S", re.IGNORECASE)


class Session(Recording):
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
        self.keys_shown = False
        self.quiet = False  # the last answer asked for something to read: do not show again
        self.sources_listed = False  # in full, once a sitting; then those expected here
        # For the goodbye: what a stop now would lose, or has kept as a draft.
        self.pending: str | None = None
        self.kept: str | None = None

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

    def link_items(self, item_ids: Sequence[str], bearing: dict[str, str]) -> None:
        chosen = set(item_ids)
        items = tuple(
            replace(e, bears_on={**e.bears_on, **bearing}) if e.id in chosen else e
            for e in self.record.evidence
        )
        what = f"the links from {' '.join(item_ids)}"
        self.save(replace(self.record, evidence=items), what,
                  lambda data: {"evidence": [e for e in data["evidence"] if e["id"] in chosen]})

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
        self._offer_draft()
        shown = None
        while 0 <= self.index < len(self.order):
            unit_id = self.order[self.index]
            if not self.quiet or shown != unit_id:
                self.show(unit_id)
            shown, self.quiet = unit_id, False
            if not self.act(unit_id):
                return False
        return True

    def act(self, unit_id: str) -> bool:
        """Ask what to do at this indicator and do it; False means quit."""
        scale = "/".join(str(p.value) for p in self.framework.points_for(unit_id))
        letters = " ".join(self._letters())
        answer = ask_until(self.prompter, f"{unit_id}: rate {scale}, or {letters} (? for help)",
                           self._parse_action)  # fmt: skip
        if answer == "q":
            return False
        # Progress, the scores and the help are read where they are printed: the indicator
        # is not shown again under them, only the question (which names it).
        self.quiet = answer in ("p", "t", "?")
        handlers: dict[str, Callable[[str], None]] = {
            "v": self.give_verdict, "w": self.judge_whole,
            "n": self.not_applicable, "e": self.add_evidence, "u": self.use_evidence,
            "s": self.skip, "b": self.back, "j": self.jump, "p": lambda _: self.progress(),
            "t": lambda _: self.show_table(), "?": lambda _: self.prompter.say(self._help()),
        }  # fmt: skip
        first, _, rest = answer.partition(" ")
        value = self._value(unit_id, first)
        try:
            if value is not None:
                self.rate(unit_id, value, rest.strip() or None)
            else:
                handlers[answer](unit_id)
        except (Back, Leave):
            self.prompter.say(Text(f"Back at {unit_id}; nothing was changed.", style="dim"))
            self.quiet = True  # still on screen just above; the question names it
        return True

    def _letters(self) -> list[str]:
        unit = self.framework.units_by_id[self.order[self.index]]
        whole = self.framework.criteria_by_id[unit.criterion_id].judged_as_whole
        v, n = self._judging(unit.id)
        return [*v, *(["w"] if whole else []), *n, "e", "u", "s", "b", "j", "p", "t", "q"]

    def _judging(self, ident: str) -> tuple[list[str], list[str]]:
        """The letters for judging ``ident`` other than rating it: v where the framework has
        verdicts, n where it allows n/a there."""
        return (["v"] if self.framework.verdicts else [],
                ["n"] if self.framework.allows_not_applicable(ident) else [])  # fmt: skip

    def _help(self) -> str:
        unit_id = self.order[self.index]
        points = self.framework.points_for(unit_id)
        own = None if points is self.framework.scale else "/".join(f"{p.value:g}" for p in points)
        return help_for(own, self._letters())

    def _value(self, unit_id: str, answer: str) -> int | float | None:
        """The answer typed as one of this point's values (2, 0.5, .25), or None."""
        point = self.framework.point_typed(unit_id, answer)
        return point.value if point is not None else None

    def _parse_action(self, answer: str) -> str:
        first, _, rest = answer.partition(" ")
        unit_id = self.order[self.index]
        if self._value(unit_id, first) is not None:
            return f"{first} {rest.strip()}".strip()
        answer = answer.lower()
        if answer in (*self._letters(), "?"):
            return answer
        values = ", ".join(str(p.value) for p in self.framework.points_for(unit_id))
        if answer == "n":
            raise ValueError(no_na_here(unit_id, values))
        raise ValueError(f"Please type a rating ({values}) or a letter; ? shows what each does.")

    # -- showing where we are -------------------------------------------------------------

    def show(self, unit_id: str) -> None:
        unit = self.framework.units_by_id[unit_id]
        criterion = self.framework.criteria_by_id[unit.criterion_id]
        say = self.prompter.say
        say(Text(""))
        where, counts = self._where(criterion, unit), self._progress_line()
        if len(where) + 3 + len(counts) <= self.prompter.console.width:
            say(Text.assemble((where, "bold cyan"), "   ", (counts, "dim")))
        else:  # at 80 columns: the counts on a line of their own, never broken in two
            say(Text(where, style="bold cyan"))
            say(Text(counts, style="dim"))
        self._say_labelled("Criterion: ", criterion.text)
        if not unit.direct:
            self._say_labelled(f"Indicator {unit.id}: ", unit.text)
            if unit.refers_to:
                refs = ", ".join(unit.refers_to)
                say(Text(f"  (This refers to the criteria above: {refs}.)", style="dim"))
        else:
            say(Text("  This criterion has no indicators: judge it directly.", style="dim"))
        self._show_groups(criterion)
        points = self.framework.points_for(unit_id)
        if points is not self.framework.scale:  # answers of its own: say what each means
            self._say_labelled("Answers: ", " · ".join(f"{p.value:g} {p.label}" for p in points))
        self._show_sources(criterion)
        self._show_evidence(unit_id)
        whole = self.record.judgements.get(criterion.id) if criterion.judged_as_whole else None
        if whole is not None and whole.judged:
            say(Text.assemble((f"{criterion.id} as a whole: ", "bold"), self._describe(whole)))
        judgement = self.record.judgements.get(unit_id)
        if judgement is not None and judgement.judged:
            say(Text.assemble(("Current judgement: ", "bold"), self._describe(judgement)))

    def _say_labelled(self, label: str, text: str) -> None:
        lines = hanging(label, text, self.prompter.console.width)
        lines[0].stylize("bold", 0, len(label))
        for line in lines:
            self.prompter.say(line)

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
                    self._say_labelled(f"{label} {one_line(group.title)}: ", one_line(text))
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
        counted = counts(self.framework, self.record)
        return f"[{judged_of(counted)} · {evidence_items(counted.evidence)}]"

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
            width = self.prompter.console.width - len(note)
            lines = hanging(f"  {mark} ", source.text, width, style)
            lines[-1].append(note, style="dim")
            for line in lines:
                self.prompter.say(line)

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
            lines = item_lines(self.framework, e, self.prompter.console.width,
                               e.bears_on[point] + on, lines=1)  # fmt: skip
            for line in lines:
                self.prompter.say(line)

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

    def rate(self, unit_id: str, rating: int | float, why: str | None = None) -> None:
        """A rating; its reason typed after it ("2 the GO said so") or asked for."""
        point = self.framework.point_for(unit_id, rating)
        assert point is not None
        old = self.record.judgements.get(unit_id)
        unit = self.framework.units_by_id[unit_id]
        linked = any(e.link for e in self.record.evidence if unit_id in e.bears_on)
        link = (point.requires_link or rating in unit.requires_link) and not linked
        default = old.rationale if old and old.rationale else None
        if default and default.startswith(ev.TO_REVIEW) and why is None:
            # migrate's note on the judgement it could not carry: shown whole, never kept
            self.prompter.say(Text(default, style="dim"))
            default = None
        if link and not _WEB_LINK.search(why or ""):
            self.prompter.say(Text("This answer needs a web link: put it (https://…) in the "
                                   "rationale.", style="yellow"))  # fmt: skip
            why = None
        while why is None:
            self._keys_once()
            with self.waiting(f"the rating of {unit_id} ({rating} {point.label}), which was "
                              "waiting for its reason"):  # fmt: skip
                why = ask_text(self.prompter, f"Why {point.label.lower()}? (your rationale)",
                               required=point.requires_rationale or link
                               or rating in unit.requires_rationale,
                               default=default, explain=RATIONALE_HELP)  # fmt: skip
            if link and not _WEB_LINK.search(why or ""):
                self.prompter.say(Text("Please include the web link (starting https://).",
                                       style="yellow"))  # fmt: skip
                why = None
        self.judge(unit_id, ev.Judgement(unit_id, rating=rating, rationale=why or None))
        self.prompter.say(Text(f"Saved: {unit_id} rated {rating} ({point.label}).", style="green"))
        self.index += 1

    @contextlib.contextmanager
    def waiting(self, what: str) -> Iterator[None]:
        """While a question is asked, ``what`` a stop now would leave unsaved, for the
        goodbye to say; forgotten once the question is answered or left."""
        self.pending = what
        try:
            yield
        except (Back, Leave):
            self.pending = None
            raise
        self.pending = None

    def _keys_once(self) -> None:
        """The keys every question shares, said the first time a question is asked."""
        if not self.keys_shown:
            self.prompter.say(Text(KEYS, style="dim"))
            self.keys_shown = True

    def _why(self, a: Answers, question: str = "Why? (optional; Enter for none)") -> None:
        a["why"] = ask_text(self.prompter, question, required=False,
                            explain=RATIONALE_HELP) or None  # fmt: skip

    def give_verdict(self, unit_id: str) -> None:
        """A verdict beside the scale, such as "too early to say", for this indicator."""
        self._keys_once()
        a = run_steps([Step(("verdict",), self._ask_verdict), Step(("why",), self._why)], {})
        self.judge(unit_id, ev.Judgement(unit_id, verdict=a["verdict"], rationale=a["why"]))
        label = self.framework.verdicts_by_id[a["verdict"]].label
        self.prompter.say(Text(f"Saved: {unit_id}: {label}.", style="green"))
        self.index += 1

    def _ask_verdict(self, a: Answers) -> None:
        options = [(v.id, v.label) for v in self.framework.verdicts]
        a["verdict"] = ask_choice(self.prompter, "Which verdict", options,
                                  explain=VERDICT_HELP)  # fmt: skip

    def judge_whole(self, unit_id: str) -> None:
        """A judgement of the criterion as a whole; its indicators then count as judged,
        and the walk moves on to the next criterion."""
        criterion = self.framework.criteria_by_id[self.framework.units_by_id[unit_id].criterion_id]
        scale = "/".join(str(p.value) for p in self.framework.points_for(criterion.id))
        v, n = self._judging(criterion.id)
        letters = [*v, *n]
        offered = [f"rate {scale}", *(["v for a verdict"] if v else []),
                   *(["n for not applicable"] if n else [])]  # fmt: skip
        choices = ", ".join(offered[:-1]) + f", or {offered[-1]}" if len(offered) > 1 \
            else offered[0]  # fmt: skip

        def parse(answer: str) -> tuple[str, str | None]:
            first, _, reason = answer.partition(" ")  # "2 the reason", as at the menu
            first = first.lower()
            if first in letters and not reason:
                return first, None
            if self._value(criterion.id, first) is not None:
                return first, reason.strip() or None
            if first == "n":
                raise ValueError(no_na_here(criterion.id, scale))
            raise ValueError(f"Please {choices.replace('rate', 'type a rating', 1)}.")

        def how(a: Answers) -> None:
            a["how"], reason = ask_until(self.prompter, f"Judge {criterion.id} as a whole: "
                                         f"{choices}", parse, explain=WHOLE_HELP)  # fmt: skip
            if reason:
                a["why"] = reason

        def verdict(a: Answers) -> bool:
            if a["how"] != "v":
                a["verdict"] = None
                return False
            self._ask_verdict(a)
            return True

        def why(a: Answers) -> None:
            rating = self._value(criterion.id, a["how"])
            point = self.framework.point_for(criterion.id, rating)
            a["why"] = ask_text(self.prompter, f"Why? (your rationale for {criterion.id} as a "
                                "whole)", required=bool(point and point.requires_rationale),
                                explain=RATIONALE_HELP) or None  # fmt: skip

        self._keys_once()
        a = run_steps([Step(("how",), how), Step(("verdict",), verdict),
                       Step(("why",), why)], {})  # fmt: skip
        if a["how"] == "v":
            judgement = ev.Judgement(criterion.id, verdict=a["verdict"])
        elif a["how"] == "n":
            judgement = ev.Judgement(criterion.id, not_applicable=True)
        else:
            judgement = ev.Judgement(criterion.id, rating=self._value(criterion.id, a["how"]))
        self.judge(criterion.id, replace(judgement, rationale=a["why"]))
        self.prompter.say(Text(f"Saved: {criterion.id} as a whole: "
                               f"{self._describe(judgement)}.", style="green"))  # fmt: skip
        while self.index < len(self.order) and self.covered(self.order[self.index]):
            self.index += 1

    def not_applicable(self, unit_id: str) -> None:
        self._keys_once()
        a: Answers = {}
        self._why(a, "Why does it not apply? (optional; Enter for none)")
        self.judge(unit_id, ev.Judgement(unit_id, not_applicable=True, rationale=a["why"]))
        self.prompter.say(Text(f"Saved: {unit_id} marked not applicable.", style="green"))
        self.index += 1

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
                raise ValueError(sentence(unknown("criterion or indicator", answer, ids)))
            reason = ev.excluded_by(self.framework, found.id, self.record.pilot)
            if reason:
                raise ValueError(f"That does not apply here: {reason}.")
            return found.id

        self._keys_once()
        target = ask_until(self.prompter, "Jump to (a criterion or indicator id)", parse,
                           explain=JUMP_HELP)  # fmt: skip
        if target not in self.order:
            self.prompter.say(Text("That is outside this sitting's focus; showing everything.",
                                   style="dim"))  # fmt: skip
            self.order = walk_order(self.framework, self.record, Focus())
        self.index = self.order.index(target)

    def progress(self) -> None:
        result = score(self.framework, self.record)
        say = self.prompter.say
        say(Text("Progress (judged of applicable indicators):", style="bold"))
        for aspect in result.aspects:
            say(Text(f"  {one_line(aspect.title)}: {judged_of(aspect)}"))
            for level in aspect.levels:
                done = judged_of(level) if level.total else "not applicable to this pilot"
                say(Text(f"    {one_line(level.title)}: {done}"))
        items = evidence_items(len(self.record.evidence))
        say(Text(f"  Overall: {judged_of(result.overall)}; {items}", style="bold"))
        left = len(self.order) - self.index
        say(Text(f"  In this sitting: {max(left, 0)} still to go.", style="dim"))


