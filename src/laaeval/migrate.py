"""``laaeval migrate``: carry an evidence file across to a revised version of its framework,
through the crosswalk the revised version gives (:mod:`.model.revision`).

What carries as it is: judgements and evidence on a criterion or indicator that kept its id
or was renamed, and merged ones whose judgements agree. What does not: a judgement of a
split criterion or indicator (which part did it judge?), merged ones whose judgements
differ, and anything dropped. Those are listed; a judgement that needs a person's eye is
left unjudged in the new file, with the old judgement quoted in its rationale, so that
``laaeval assess --unjudged`` brings it back. The file as it was is kept beside it (or
left alone, with ``--output``), and the new file is checked against the new version
before anything is written. Comments and layout are kept where the lines did not change.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .errors import FrameworkMismatchError, LaaevalError, UsageError
from .files import yamlio
from .files.held import HeldFile
from .files.output import backup_name, same_file, write_output
from .model.catalogue import resolve
from .model.checks import check_evidence
from .model.evidence import TO_REVIEW, EvidenceFile, EvidenceItem, Judgement, now_stamp, to_data
from .model.framework import Framework
from .model.revision import DROPPED, MERGED, RENAMED, SAME, SPLIT, Fate, Revision, revision
from .model.revision import revises as does_revise
from .model.store import load_evidence, read_data
from .text import plural

REVIEW = TO_REVIEW  # how a rationale that awaits a person's judgement begins


@dataclass(frozen=True)
class Migrated:
    """What a migration did, for the user to read."""

    path: str
    written: str | None  # the migrated file; None when there was nothing to do
    backup: str | None  # the file as it was, kept beside it (in place only)
    old: str  # "id version" before
    new: str  # and after
    judgements: tuple[int, int] = (0, 0)  # carried, of
    items: tuple[int, int] = (0, 0)
    renamed: tuple[str, ...] = ()
    merged: tuple[str, ...] = ()
    to_review: tuple[str, ...] = ()
    not_carried: tuple[str, ...] = ()
    repointed: tuple[str, ...] = ()
    added: tuple[str, ...] = ()
    kept_layout: bool = True
    unfound: str | None = None  # the new version's file, when laaeval cannot find it by id
    upgraded: bool = False  # the file was in format 1, and is written in format 2
    answered: tuple[str, ...] = ()  # judged as the evaluator answered, where not carried

    def next_steps(self) -> list[str]:
        """What to type next, each hint a command that works as it stands."""
        framework = f" --framework {self.unfound}" if self.unfound else ""
        out = []
        judge = self.to_review or self.added
        if self.unfound:
            version = self.new.split(" version ")[-1]
            how = (" as below" if judge else
                   f" to each command, as in laaeval score {self.written}{framework}")
            out.append(f"laaeval finds version {version} only when told where it is: put "
                       f"{self.unfound} in a frameworks folder or in LAAEVAL_FRAMEWORKS, or "
                       f"add --framework{how}.")  # fmt: skip
        if judge:
            out.append(f"To judge what is new or to review: laaeval assess {self.written} "
                       f"--unjudged{framework}")  # fmt: skip
        return out

    def lines(self) -> list[str]:
        """The report, in plain words, one line each."""
        if self.written is None:
            return [f"{self.path} is already recorded against {self.new}: nothing to do."]
        kept = (f"; the file as it was is kept as {self.backup}" if self.backup
                else f"; {self.path} is left as it was")  # fmt: skip
        new = self.new.split(" version ")[1] if self.old.split(" version ")[0] == \
            self.new.split(" version ")[0] else self.new
        out = [f"Migrated {self.path} from {self.old} to {'version ' if new != self.new else ''}"
               f"{new}, written to {self.written}{kept}."]  # fmt: skip
        carried_j, all_j = self.judgements
        carried_i, all_i = self.items
        layout = "" if self.kept_layout else " (written afresh: its comments could not be kept)"
        if self.upgraded:
            layout += "; it is now in evidence format 2, as laaeval upgrade writes it"
        out.append(f"Carried across: {carried_j} of {plural(all_j, 'judgement')} and "
                   f"{carried_i} of {plural(all_i, 'evidence item')}{layout}.")  # fmt: skip
        renamed = (", ".join(self.renamed),) if self.renamed else ()
        for title, entries in (("Renamed, judgements carried", renamed), ("Merged", self.merged),
                               ("Judged as you answered", self.answered),
                               ("To review (left unjudged, the old judgement quoted in its "
                                "rationale)", self.to_review),
                               ("Not carried (the file as it was keeps them)", self.not_carried),
                               ("Evidence re-pointed: check it", self.repointed),
                               ("New in this version, not yet judged", self.added)):  # fmt: skip
            if entries:
                out.append(f"{title}:")
                out.extend(f"  {entry}" for entry in entries)
        return out + self.next_steps()


@dataclass(frozen=True)
class Question:
    """A judgement that cannot be carried blindly, put to the evaluator."""

    new_id: str
    text: str  # the criterion or indicator, as the new version words it
    why: str  # what it was, in words
    before: Mapping[str, Judgement]  # the old judgements it comes from, by old id
    new: Framework
    old: Framework


Decide = Callable[[Question], Judgement | None]  # None: leave it to review


def asking(prompt: Callable[[str], str], say: Callable[[str], None],
           show: Callable[[list[tuple[int, str]]], None]) -> Decide:  # fmt: skip
    """Put each judgement that cannot be carried to the evaluator: ``show`` the criterion
    and the old judgements, ``prompt`` for a rating (Enter leaves it to review) and why.
    ``prompt`` raises EOFError at the end of the answers: then the rest is left to review."""
    ended = {"now": False}

    def read(text: str) -> str | None:
        try:
            return prompt(text).strip()
        except EOFError:
            ended["now"] = True
            return None

    def ask(q: Question) -> Judgement | None:
        if ended["now"]:
            return None
        old = [(2, f"{i}'s rationale: “{j.rationale}”") for i, j in q.before.items()
               if j.rationale]  # fmt: skip
        na = ["n/a"] if q.new.allows_not_applicable(q.new_id) else []
        choices = " · ".join([*(f"{p.value} {p.label}" for p in q.new.points_for(q.new_id)),
                              *na, *(v.id for v in q.new.verdicts),
                              "Enter: leave it to review"])  # fmt: skip
        show([(0, ""), (0, f"{q.new_id}  {q.text}"), (2, f"{q.why}."), *old, (0, choices)])
        while True:
            typed = read(f"Judge {q.new_id}")
            if not typed:
                return None
            answer = typed_judgement(typed, q.new, q.new_id)
            if answer is not None:
                break
            say(f"{typed!r} is not one of those; type one of its answers"
                + (", n/a" if na else "") + " or a verdict")
        point = q.new.point_for(q.new_id, answer.rating)
        while True:
            why = read("Why")
            if why is None:
                return None
            if why or point is None or not point.requires_rationale:
                return replace(answer, rationale=why or None)
            say(f"A rating of {point.value} ({point.label}) needs a rationale: say why")

    return ask


def typed_judgement(typed: str, framework: Framework, ident: str) -> Judgement | None:
    """What the evaluator typed, as a judgement: one of the item's answers (2, 0.25), n/a
    where the framework allows it, or a verdict."""
    point = framework.point_typed(ident, typed)
    if point is not None:
        return Judgement(ident, rating=point.value)
    if typed.casefold() in ("n/a", "na", "n"):
        return Judgement(ident, not_applicable=True) if framework.allows_not_applicable(
            ident) else None  # fmt: skip
    if typed in framework.verdicts_by_id:
        return Judgement(ident, verdict=typed)
    return None


@dataclass
class _Work:
    """What the migration found, as it goes."""

    rev: Revision
    decide: Decide | None = None
    answered: list[str] = field(default_factory=list)
    judgements: dict[str, Judgement] = field(default_factory=dict)
    renamed: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    to_review: list[str] = field(default_factory=list)
    not_carried: list[str] = field(default_factory=list)
    repointed: list[str] = field(default_factory=list)
    carried: int = 0
    gone: dict[tuple[str, ...], list[str]] = field(default_factory=dict)  # by what was dropped
    lost_on: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    split_on: dict[tuple[str, ...], list[str]] = field(default_factory=dict)


def migrate_file(path: str | os.PathLike[str], target: Framework, output: str | None = None,
                 recorded_against: Framework | None = None,
                 decide: Decide | None = None) -> Migrated:  # fmt: skip
    """Carry the evidence file at ``path`` across to ``target``; write it to ``output``, or
    in place (keeping the file as it was beside it). ``recorded_against`` is the version
    the file names, where laaeval cannot find it by its id and version."""
    name = str(path)
    text = yamlio.read_text(name)  # what the file was, for the check before writing
    data = read_data(name)
    recorded = data["framework"]
    now = f"{target.id} version {target.version}"
    if recorded["id"] == target.id and recorded["version"] == target.version:
        load_evidence(name, target)  # every check, as any command makes: it must be valid
        return Migrated(name, None, None, now, now)
    record, used = load_evidence(name, recorded_against)
    before = f"{used.id} version {used.version}"
    if not does_revise(target, used):
        raise FrameworkMismatchError(_not_revised(target, used), file=name, path="framework")
    in_place = output is None or same_file(output, name)
    if not in_place and os.path.lexists(output):  # type: ignore[arg-type]
        raise UsageError("already exists; choose another --output (laaeval never writes over "
                         "a file it was not asked to change)", file=output)  # fmt: skip
    rev = revision(used, target)
    work = _Work(rev, decide)
    new_record = _migrated(record, work, target)
    new_data = to_data(new_record)
    problems = check_evidence(new_data, target, name)
    if problems:
        raise UsageError(f"the migrated file would not be valid against {now}: "
                         f"{problems[0].message}; nothing was written", file=name)  # fmt: skip
    new_text, kept = _rewritten(text, name, new_data, {i.id for i in new_record.evidence})
    held = HeldFile(name)
    backup = None
    if in_place:
        held.check_writable()
        held.lock()  # no sitting of assess may have it open meanwhile
        try:
            if yamlio.read_text(name) != text:
                raise UsageError("changed while it was being migrated; run the command again",
                                 file=name)  # fmt: skip
            backup = _backup_name(name, used.version)
            write_output(backup, text, "copy of the file as it was")
            write_output(name, new_text, "evidence file")
        finally:
            held.unlock()
        written = name
    else:
        write_output(output, new_text, "evidence file")  # type: ignore[arg-type]
        written = str(output)
    return Migrated(
        name, written, backup, before, now,
        judgements=(work.carried, len(record.judgements)),
        items=(len(new_record.evidence), len(record.evidence)),
        renamed=tuple(work.renamed), merged=tuple(work.merged),
        to_review=tuple(work.to_review), not_carried=tuple(work.not_carried),
        repointed=tuple(work.repointed), added=_added(rev), kept_layout=kept,
        answered=tuple(work.answered),
        unfound=None if _findable(target) else target.origin, upgraded=record.format == 1,
    )  # fmt: skip


def _findable(target: Framework) -> bool:
    """Whether a command reading the new file will find its framework by id and version."""
    try:
        return resolve(target.id, target.version).hash == target.hash
    except LaaevalError:
        return False


def _rewritten(text: str, name: str, new_data: Any, kept_ids: set[str]) -> tuple[str, bool]:
    """The new file's text, changing only the lines that must change: evidence items not
    carried are cut out first (the patch works item by item, in order), then the rest is
    patched. If that does not read back as exactly the new data, the file is written afresh."""
    data = yamlio.loads(text, name)
    items = data.get("evidence") or []
    lines = text.splitlines(keepends=True)
    for n in reversed(range(len(items))):
        if str(items[n].get("id")) not in kept_ids:
            del lines[items.lines[n] - 1 : items.ends[n]]
    with contextlib.suppress(LaaevalError, AttributeError, IndexError, TypeError):
        cut = "".join(lines)
        held = HeldFile(name)
        held.remember(cut, yamlio.loads(cut, name))
        patched, _ = held.render(new_data)
        if yamlio.loads(patched, name) == new_data:
            return patched, True
    return yamlio.dumps(new_data), False


def _not_revised(target: Framework, used: Framework) -> str:
    r = target.revises
    said = (f"it revises {r.id} version {r.version}" if r is not None
            else "it does not say which version it revises")  # fmt: skip
    if r is not None and (r.id, r.version) == (used.id, used.version):
        said = (f"it revises {r.id} version {r.version} with fingerprint {r.fingerprint[7:19]} "
                f"(this file's has {used.hash[7:19]})")  # fmt: skip
    first = (f"; migrate it to version {r.version} first" if r is not None and r.id == used.id
             and r.version != used.version else "")  # fmt: skip
    return (f"recorded against {used.id} version {used.version}, but {target.id} version "
            f"{target.version} cannot take it: {said}{first}")


def _migrated(record: EvidenceFile, work: _Work, target: Framework) -> EvidenceFile:
    _judgements(record, work, target)
    evidence = tuple(item for item in (_item(i, work) for i in record.evidence) if item)
    _evidence_lines(work)
    narrative = _narrative(record.narrative, work, target)
    return replace(record, framework_id=target.id, framework_version=target.version,
                   framework_hash=target.hash, updated=now_stamp(), evidence=evidence,
                   judgements=work.judgements, narrative=narrative)  # fmt: skip


# -- judgements --------------------------------------------------------------------------


def _judgements(record: EvidenceFile, work: _Work, target: Framework) -> None:
    rev = work.rev
    done_merges: set[str] = set()
    for old_id, judgement in record.judgements.items():
        fate = rev.fates[old_id]
        if fate.kind in (SAME, RENAMED):
            _carry(old_id, judgement, fate.new[0], work, target)
        elif fate.kind == SPLIT:
            _split(old_id, judgement, fate, work, target)
        elif fate.kind == MERGED:
            if fate.new[0] not in done_merges:
                done_merges.add(fate.new[0])
                _merge(record.judgements, fate, work, target)
        else:
            why = f" The crosswalk says: “{fate.note}”" if fate.note and not fate.implied else ""
            unit = rev.old.units_by_id.get(old_id)
            with_it = f" with {unit.criterion_id}" if fate.implied and unit is not None else ""
            work.not_carried.append(f"{old_id} was dropped{with_it}, so its judgement "
                                    f"({describe(judgement, rev.old)}) is not carried.{why}")


def _carry(old_id: str, j: Judgement, new_id: str, work: _Work, target: Framework) -> None:
    problem = _unfit(j, new_id, target)
    if problem:
        _review(new_id, f"{old_id} was judged: {describe(j, work.rev.old)}, but {problem}",
                {old_id: j}, work, target)
        return
    work.judgements[new_id] = replace(j, unit_id=new_id)
    work.carried += 1
    if new_id != old_id:
        work.renamed.append(f"{old_id} → {new_id}")


def _split(old_id: str, j: Judgement, fate: Fate, work: _Work, target: Framework) -> None:
    into = _and(fate.new)
    said = describe(j, work.rev.old)
    left = [new_id for new_id in fate.new
            if not _placeholder(new_id, f"{old_id}, now split into {into}, was judged: {said}",
                                {old_id: j}, work, target)]  # fmt: skip
    if left:
        work.to_review.append(f"{old_id} was split into {into}: its judgement ({said}) is "
                              f"not carried; judge {_and(left)} afresh.")  # fmt: skip


def _merge(judgements: Mapping[str, Judgement], fate: Fate, work: _Work,
           target: Framework) -> None:  # fmt: skip
    new_id, old = fate.new[0], work.rev.old
    given = {i: judgements[i] for i in fate.together if i in judgements and judgements[i].judged}
    together = _and(fate.together)
    if not given:
        return
    answers = {_answer(j) for j in given.values()}
    if len(answers) == 1:
        first = next(iter(given.values()))
        reasons = [f"{i}: {j.rationale}" for i, j in given.items() if j.rationale]
        rationale = reasons[0].split(": ", 1)[1] if len(reasons) == 1 else " / ".join(reasons)
        problem = _unfit(first, new_id, target)
        if problem is None:
            work.judgements[new_id] = Judgement(new_id, first.rating, first.not_applicable,
                                                rationale or None, first.verdict)
            work.carried += len(given)
            unjudged = [i for i in fate.together if i not in given]
            tail = f"; {_and(unjudged)} not judged" if unjudged else ""
            work.merged.append(f"{together} → {new_id}: {describe(first, old)}, carried{tail}.")
            return
    said = "; ".join(f"{i} {describe(j, old)}" for i, j in given.items())
    if not _placeholder(new_id, f"{together}, now merged into {new_id}, were judged: {said}",
                        given, work, target):
        work.to_review.append(f"{together} were merged into {new_id}, and their judgements "
                              f"differ ({said}); judge {new_id} afresh.")  # fmt: skip


def _review(new_id: str, why: str, before: Mapping[str, Judgement], work: _Work,
            target: Framework) -> None:  # fmt: skip
    if not _placeholder(new_id, why, before, work, target):
        work.to_review.append(f"{why}; judge {new_id} afresh.")


def _placeholder(new_id: str, why: str, before: Mapping[str, Judgement], work: _Work,
                 target: Framework) -> bool:  # fmt: skip
    """Ask for a judgement of ``new_id`` where there is someone to ask; else leave it
    unjudged, the old judgement quoted, where a judgement may stand. True if answered."""
    if not _judgeable(new_id, target):
        return False
    if work.decide is not None:
        found = target.criteria_by_id.get(new_id) or target.units_by_id[new_id]
        answer = work.decide(Question(new_id, found.text, why, dict(before), target,
                                      work.rev.old))  # fmt: skip
        if answer is not None:
            work.judgements[new_id] = replace(answer, unit_id=new_id)
            work.answered.append(f"{new_id}: {describe(answer, target)}")
            return True
    reasons = [j.rationale for j in before.values() if j.rationale]
    said = f" ({' / '.join(reasons)})" if reasons else ""
    text = f"{REVIEW} after the move to version {target.version}: {why}{said}."
    work.judgements[new_id] = Judgement(new_id, rationale=text)
    return False


def _unfit(j: Judgement, new_id: str, target: Framework) -> str | None:
    """Why a judgement cannot stand as it is on ``new_id`` of the new version, or None."""
    if not _judgeable(new_id, target):
        return f"version {target.version} judges {new_id} through its indicators only"
    if j.rating is not None and target.point_for(new_id, j.rating) is None:
        answers = ", ".join(str(p.value) for p in target.points_for(new_id))
        return f"version {target.version} answers {new_id} with {answers}, not {j.rating}"
    if j.not_applicable and not target.allows_not_applicable(new_id):
        return f"version {target.version} does not allow n/a for {new_id}"
    if j.verdict is not None and j.verdict not in target.verdicts_by_id:
        return f"version {target.version} has no verdict {j.verdict}"
    if j.contested is not None and new_id not in target.criteria_by_id:
        return f"{new_id} is an indicator, and a finding on a dispute is made on a criterion"
    return None


def _judgeable(ident: str, target: Framework) -> bool:
    if ident in target.units_by_id:
        return True
    criterion = target.criteria_by_id.get(ident)
    return criterion is not None and criterion.judge != "indicators"


def _answer(j: Judgement) -> tuple[object, ...]:
    return (j.rating, j.not_applicable, j.verdict)


def describe(j: Judgement, framework: Framework) -> str:
    """A judgement in words: "rated 1 (Partly met)", "too early to say"."""
    if j.rating is not None:
        point = framework.point_for(j.unit_id, j.rating)
        return f"rated {j.rating}, {point.label}" if point else f"rated {j.rating}"
    if j.not_applicable:
        return "not applicable"
    if j.verdict is not None:
        verdict = framework.verdicts_by_id.get(j.verdict)
        return verdict.label.lower() if verdict else j.verdict
    if j.contested is not None:
        return f"{'' if j.contested else 'not '}contested, in the assessor's finding"
    return "not yet judged, with a rationale"


# -- evidence and narrative --------------------------------------------------------------


def _item(item: EvidenceItem, work: _Work) -> EvidenceItem | None:
    fates = work.rev.fates
    bears: dict[str, str] = {}
    dropped: list[str] = []
    split: list[str] = []
    for old_id, stance in item.bears_on.items():
        fate = fates[old_id]
        if fate.kind == DROPPED:
            dropped.append(old_id)
            continue
        if fate.kind == SPLIT:
            split.append(old_id)
        for new_id in fate.new:
            if bears.setdefault(new_id, stance) != stance:
                work.repointed.append(f"{item.id} bore both ways on what is now {new_id}: "
                                      f"it is kept as {bears[new_id]}.")  # fmt: skip
    key = tuple(dropped)
    if not bears:
        work.gone.setdefault(key, []).append(item.id)
        return None
    if split:
        work.split_on.setdefault(tuple(split), []).append(item.id)
    if dropped:
        work.lost_on.setdefault(key, []).append(item.id)
    return replace(item, bears_on=bears)


def _evidence_lines(work: _Work) -> None:
    """What happened to evidence, one line per kind of thing that happened to it."""
    for ids, items in work.gone.items():
        work.not_carried.append(f"{_items(items)} bore only on {_and(ids)}, dropped, so "
                                f"{'it is' if len(items) == 1 else 'they are'} not carried.")
    for ids, items in work.lost_on.items():
        work.not_carried.append(f"{_items(items)} no longer {_verb(items, 'bears', 'bear')} "
                                f"on {_and(ids)}, dropped; carried for the rest.")
    fates = work.rev.fates
    for ids, items in work.split_on.items():
        parts = "; ".join(f"{i} into {_and(fates[i].new)}" for i in ids)
        work.repointed.append(f"{_items(items)} bore on what was split ({parts}): "
                              f"{'it now bears' if len(items) == 1 else 'they now bear'} "
                              "on each part.")  # fmt: skip


def _items(items: list[str]) -> str:
    return f"{'Item' if len(items) == 1 else 'Items'} {_and(items)}"


def _verb(items: list[str], one: str, many: str) -> str:
    return one if len(items) == 1 else many


def _narrative(narrative: Mapping[str, str], work: _Work, target: Framework) -> dict[str, str]:
    groups = {"overall", *(a.id for a in target.aspects),
              *(lv.id for a in target.aspects for lv in a.levels)}  # fmt: skip
    out: dict[str, str] = {}
    for key, text in narrative.items():
        fate = work.rev.fates.get(key)
        if fate is None:
            if key in groups:
                out[key] = text
            else:
                work.not_carried.append(f"The narrative on {key}: version {target.version} "
                                        f"has no {key}.")  # fmt: skip
            continue
        if fate.kind == DROPPED:
            work.not_carried.append(f"The narrative on {key} ({key} was dropped).")
            continue
        if fate.kind == SPLIT:
            work.to_review.append(f"The narrative on {key} now stands under each of "
                                  f"{_and(fate.new)}; edit it to fit each.")  # fmt: skip
        for new_id in fate.new:
            out[new_id] = f"{out[new_id]}\n\n{text}" if new_id in out else text
    return out


def _added(rev: Revision) -> tuple[str, ...]:
    out = []
    for ident in rev.added:
        why = rev.notes.get(ident)
        out.append(f"{ident}{f' ({why})' if why else ''}")
    return (", ".join(out),) if out else ()


def _and(ids: list[str] | tuple[str, ...]) -> str:
    ids = list(ids)
    return ids[0] if len(ids) == 1 else ", ".join(ids[:-1]) + " and " + ids[-1]


def _backup_name(name: str, version: str) -> str:
    """``NAME.v1.0-backup`` (no command reads it as an evidence file: it is not .yaml)."""
    return backup_name(name, f".v{re.sub(r'[^A-Za-z0-9._-]', '-', version)}-backup")
