"""``laaeval diff``: what changed between two versions of a framework, in words an evaluator
reads: criteria renamed, split, merged, dropped and new; wording changed (quoted before and
after, word for word); indicators added and removed; criteria moved to another level; and
changes to the scale, bands, verdicts and the other lists a framework keeps.

Through the newer version's crosswalk where it revises the older one; otherwise criteria
and indicators are matched by id, and the first line says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .model.framework import Criterion, Framework, ScalePoint, nested
from .model.revision import (
    DROPPED,
    MERGED,
    RENAMED,
    SAME,
    SPLIT,
    Revision,
    revises,
    revision,
)
from .text import plural

Line = tuple[int, str]  # indent (levels of two spaces), text


def diff_frameworks(a: Framework, b: Framework) -> list[Line]:
    """The differences, older first: if ``a`` revises ``b``, ``b`` is taken as the older."""
    old, new = (b, a) if revises(a, b) else (a, b)
    if old.hash == new.hash:
        return [(0, f"{_name(old)} ({old.origin}) and {_name(new)} ({new.origin}) have the "
                    "same fingerprint: no differences.")]
    rev = revision(old, new)
    out: list[Line] = [(0, f"{_name(old)} → {_name(new)}")]
    out.append((0, _how(rev)))
    sections = [(title, lines) for title, lines in _sections(rev) if lines]
    if len(sections) == 1:  # only the count of what is unchanged
        return [*out, (0, ""), (0, "No differences: the two say the same.")]
    for title, lines in sections:
        out += [(0, ""), (0, title), *lines]
    return out


def _name(f: Framework) -> str:
    return f"{f.id} version {f.version}"


def _how(rev: Revision) -> str:
    old, new = rev.old, rev.new
    if rev.declared:
        return (f"Version {new.version} revises version {old.version}"
                + (f" ({old.id})" if old.id != new.id else "")
                + f", and its crosswalk has {plural(len(new.crosswalk), 'entry', 'entries')}; "
                "criteria and indicators it does not name keep their ids.")  # fmt: skip
    return (f"{_name(new)} does not say it revises {_name(old)}, so criteria and indicators "
            "are matched by id: one that was renamed shows as dropped and new.")


def _sections(rev: Revision) -> Iterator[tuple[str, list[Line]]]:
    old, new = rev.old, rev.new
    crit = [c.id for c in old.criteria]
    of = rev.fates
    yield "Criteria renamed", [
        line for i in crit if of[i].kind == RENAMED
        for line in _renamed(i, of[i].new[0], old, new, of[i].note)
    ]  # fmt: skip
    yield "Criteria split", [
        line for i in crit if of[i].kind == SPLIT for line in _split(i, rev)
    ]  # fmt: skip
    merged = {of[i].new[0]: of[i] for i in crit if of[i].kind == MERGED}
    yield "Criteria merged", [line for into, fate in merged.items()
                              for line in _merged(fate.together, into, rev)]  # fmt: skip
    yield "Criteria dropped", [
        line for i in crit if of[i].kind == DROPPED
        for line in [(1, f"{i}  {old.criteria_by_id[i].text}"), *_note(of[i].note)]
    ]  # fmt: skip
    added = [i for i in rev.added if i in new.criteria_by_id]
    yield "New criteria", [
        line for i in added for line in [(1, f"{i}  {new.criteria_by_id[i].text}"),
                                          *_note(rev.notes.get(i)),
                                          *((2, f"{ind.id}  {ind.text}")
                                            for ind in new.criteria_by_id[i].indicators)]
    ]  # fmt: skip
    pairs = [(i, of[i].new[0]) for i in crit if of[i].kind in (SAME, RENAMED)]
    yield "Wording changed", [
        line for o, n in pairs for line in _wording(o, n, old.criteria_by_id[o].text,
                                                     new.criteria_by_id[n].text)
    ]  # fmt: skip
    yield "Indicators", list(_indicators(rev))
    yield "Moved", [line for o, n in pairs for line in _moved(o, n, old, new)]
    yield "Weights, whom it applies to, how it is judged", [
        line for o, n in pairs
        for line in _settings(old.criteria_by_id[o], new.criteria_by_id[n], rev)
    ]  # fmt: skip
    yield "How it is scored", [*_rule(old, new), *_answers(old, new), *_importance(old, new),
                               *(line for o, n in pairs for line in _rules_of(o, n, rev)),
                               *_groups(old, new)]  # fmt: skip
    yield "Scale, bands and other lists", list(_lists(old, new))
    kept = sum(1 for o, n in pairs if o == n and _same_criterion(old.criteria_by_id[o],
                                                                 new.criteria_by_id[n]))
    yield "Unchanged", [(1, f"{plural(kept, 'criterion', 'criteria')} of "
                            f"{len(old.criteria)} in version {old.version}, with their "
                            "indicators.")]  # fmt: skip


def _note(note: str | None) -> list[Line]:
    return [(2, f"Why: “{note}”")] if note else []


def _renamed(o: str, n: str, old: Framework, new: Framework, note: str | None) -> list[Line]:
    out = [(1, f"{o} → {n}  {new.criteria_by_id[n].text}")]
    followed = [f"{i.id} → {i.id.replace(o + '.', n + '.', 1)}"
                for i in old.criteria_by_id[o].indicators if i.id.startswith(o + ".")]
    if followed:
        out.append((2, "Its indicators follow: " + ", ".join(followed)))
    return out + _note(note)


def _split(ident: str, rev: Revision) -> list[Line]:
    fate = rev.fates[ident]
    out = [(1, f"{ident} → {', '.join(fate.new)}"),
           (2, f"Was: “{rev.old.criteria_by_id[ident].text}”")]  # fmt: skip
    out += [(2, f"Now {n}: “{_text(rev.new, n)}”") for n in fate.new]
    return out + _note(fate.note)


def _merged(together: tuple[str, ...], into: str, rev: Revision) -> list[Line]:
    out = [(1, f"{' + '.join(together)} → {into}")]
    out += [(2, f"Was {o}: “{_text(rev.old, o)}”") for o in together]
    out.append((2, f"Now {into}: “{_text(rev.new, into)}”"))
    return out + _note(rev.fates[together[0]].note)


def _text(f: Framework, ident: str) -> str:
    found = f.criteria_by_id.get(ident) or f.units_by_id.get(ident)
    return found.text if found is not None else ident


def _wording(o: str, n: str, before: str, after: str) -> list[Line]:
    if before == after:
        return []
    label = o if o == n else f"{o} (now {n})"
    return [(1, label), (2, f"Before: “{before}”"), (2, f"After:  “{after}”")]


def _indicators(rev: Revision) -> Iterator[Line]:
    """Per criterion of the newer version: indicators added, removed, renamed, reworded."""
    old, new, of = rev.old, rev.new, rev.fates
    arrived: dict[str, list[str]] = {}
    for i in rev.added:
        unit = new.units_by_id.get(i)
        if unit is not None and not unit.direct and unit.criterion_id not in rev.added:
            arrived.setdefault(unit.criterion_id, []).append(i)
    for c in old.criteria:
        for ind in c.indicators:
            fate = of[ind.id]
            if fate.kind == DROPPED and of[c.id].kind != DROPPED:
                yield (1, f"{ind.id} removed: “{ind.text}”")
                yield from _note(fate.note if not fate.implied else None)
            elif fate.kind == MERGED and ind.id == fate.together[0]:
                yield from _merged(fate.together, fate.new[0], rev)
            elif fate.kind in (RENAMED, SPLIT) and not fate.implied:
                targets = ", ".join(fate.new)
                verb = {RENAMED: "is now", SPLIT: "was split into"}
                yield (1, f"{ind.id} {verb[fate.kind]} {targets}: “{ind.text}”")
                yield from _note(fate.note)
            if fate.kind in (SAME, RENAMED) and fate.new[0] in new.units_by_id:
                now = new.units_by_id[fate.new[0]].text
                if now != ind.text:
                    yield (1, f"{ind.id} reworded")
                    yield (2, f"Before: “{ind.text}”")
                    yield (2, f"After:  “{now}”")
    for criterion, ids in arrived.items():
        for i in ids:
            yield (1, f"{i} added to {criterion}: “{new.units_by_id[i].text}”")


def _moved(o: str, n: str, old: Framework, new: Framework) -> list[Line]:
    was, now = _place(old, old.criteria_by_id[o]), _place(new, new.criteria_by_id[n])
    if was == now:
        return []
    return [(1, f"{n} moved from {was} to {now}")]


def _settings(a: Criterion, b: Criterion, rev: Revision) -> Iterator[Line]:
    """A criterion's (and its indicators') weight, applies_to and judge, where they changed."""
    for was, now in _owners(a, b, rev):
        if was.weight != now.weight:
            yield (1, f"{now.id} weight {was.weight:g} → {now.weight:g}")
        if dict(was.applies_to) != dict(now.applies_to):
            yield (1, f"{now.id} applies to {_applies(was.applies_to)} → "
                      f"{_applies(now.applies_to)}")
    if a.judge != b.judge:
        yield (1, f"{b.id} judged {_JUDGE[a.judge]} → {_JUDGE[b.judge]}")


def _owners(a: Criterion, b: Criterion, rev: Revision) -> list[tuple[Any, Any]]:
    """The criterion before and after, and each of its indicators kept (the same or
    renamed) before and after: what carries a criterion's settings."""
    return [(a, b)] + [(i, rev.new.units_by_id[rev.fates[i.id].new[0]]) for i in a.indicators
                       if rev.fates[i.id].kind in (SAME, RENAMED)]  # fmt: skip


_JUDGE = {"either": "as a whole or through its indicators", "criterion": "as a whole",
          "indicators": "through its indicators only"}  # fmt: skip


# The framework's scoring rule in words: (field, what it is, its values in words).
_RULE = (
    ("aggregate", "A group is worked as", {"mean": "the mean of its parts", "sum":
     "the sum of its parts", "weighted-mean": "the weighted mean of its parts"}),
    ("criteria", "A criterion is worked from its indicators as", {"mean": "their mean",
     "sum": "their sum", "weighted-mean": "their weighted mean"}),
    ("unjudged", "What is not yet judged is", {"leave-out": "left out", "zero": "counted as 0"}),
    ("not_applicable", "An assessor's n/a is", {"dropped": "left out", "met":
     "counted as met", "forbidden": "not allowed"}),
    ("floor", "The answer that scores 0% is", {}),
    ("units", "Scores are shown", {"percent": "as percentages", "scale":
     "in the framework's own units"}),
    ("decimals", "Decimals shown in the framework's units:", {}),
)  # fmt: skip


def _rule(old: Framework, new: Framework) -> Iterator[Line]:
    """The framework's own scoring rule (``scoring:``), where it changed."""
    if old.scoring.legacy != new.scoring.legacy:
        which = {True: "laaeval's first rule (groups as the mean of the criterion scores "
                 "beneath them)", False: "a rule of the framework's own"}  # fmt: skip
        yield (1, f"Scored by {which[old.scoring.legacy]} → {which[new.scoring.legacy]}")
    for name, what, words in _RULE:
        before, after = getattr(old.scoring, name), getattr(new.scoring, name)
        if before != after:
            yield (1, f"{what} {words.get(before, before)} → {words.get(after, after)}")


def _points(points: tuple[ScalePoint, ...]) -> str:
    return " · ".join(f"{p.value:g} {p.label}" for p in points) or "none"


def _answers(old: Framework, new: Framework) -> Iterator[Line]:
    """Answer sets (their values and words), where they changed."""
    for name in sorted(set(old.answer_sets) | set(new.answer_sets)):
        before, after = old.answer_sets.get(name, ()), new.answer_sets.get(name, ())
        if [(p.value, p.label) for p in before] != [(p.value, p.label) for p in after]:
            yield (1, f"Answers {name} before: {_points(before)}")
            yield (1, f"Answers {name} after:  {_points(after)}")


def _importance(old: Framework, new: Framework) -> Iterator[Line]:
    """Importance levels (MUST, SHOULD…): added, removed, or weighed or gated otherwise."""
    before, after = old.importance_by_id, new.importance_by_id
    for ident in [*before, *(i for i in after if i not in before)]:
        was, now = before.get(ident), after.get(ident)
        if was is None or now is None:
            level = now or was
            yield (1, f"Importance {level.label} {'added' if was is None else 'removed'}")
            continue
        for what, a, b in (("weight", f"{was.weight:g}", f"{now.weight:g}"),
                           ("unmet means no pass", _yes(was.required), _yes(now.required)),
                           ("unmet counts as met", _UNMET[was.unmet_counts],
                            _UNMET[now.unmet_counts]),
                           ("label", was.label, now.label)):  # fmt: skip
            if a != b:
                yield (1, f"Importance {now.label}: {what} {a} → {b}")


_UNMET = {"never": "never", "justified": "when justified", "always": "always"}


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _rules_of(o: str, n: str, rev: Revision) -> Iterator[Line]:
    """A criterion's (and its kept indicators') own answers, importance, n/a rule, the
    answers that need a link or a rationale, and its weights by a pilot's details."""
    for was, now in _owners(rev.old.criteria_by_id[o], rev.new.criteria_by_id[n], rev):
        for what, a, b in (
            ("answers", was.answers or "the scale", now.answers or "the scale"),
            ("importance", was.importance or "none", now.importance or "none"),
            ("n/a", was.not_applicable or "as the framework says",
             now.not_applicable or "as the framework says"),
            ("answers needing a link", _values(was.requires_link), _values(now.requires_link)),
            ("answers needing a rationale", _values(was.requires_rationale),
             _values(now.requires_rationale)),
            ("weights by a pilot's details", _weights(was.weights_by),
             _weights(now.weights_by)),
        ):  # fmt: skip
            if a != b:
                yield (1, f"{now.id} {what}: {a} → {b}")


def _values(values: tuple[float, ...]) -> str:
    return ", ".join(f"{v:g}" for v in values) or "none"


def _weights(by: object) -> str:
    if not by:
        return "none"
    return "; ".join(f"{k}: " + ", ".join(f"{v} {w:g}" for v, w in rule.items())
                     for k, rule in by.items())  # type: ignore[attr-defined]  # fmt: skip


def _groups(old: Framework, new: Framework) -> Iterator[Line]:
    """The weight, the way of working and the weights by details of each aspect and level
    that both versions have."""
    before = {g.id: g for _, g, _ in nested(old.aspects)}
    for _, now, _ in nested(new.aspects):
        was = before.get(now.id)
        if was is None:
            continue
        for what, a, b in (
            ("weight", f"{was.weight:g}", f"{now.weight:g}"),
            ("worked as", was.aggregate or "the framework says", now.aggregate
             or "the framework says"),
            ("weights by a pilot's details", _weights(was.weights_by),
             _weights(now.weights_by)),
        ):  # fmt: skip
            if a != b:
                yield (1, f"{now.title} ({now.id}) {what}: {a} → {b}")


def _applies(rule: object) -> str:
    if not rule:
        return "every pilot"
    return "; ".join(f"{k}: {' or '.join(v)}" for k, v in rule.items())  # type: ignore[attr-defined]


def _place(f: Framework, c: Criterion) -> str:
    aspect = next(a for a in f.aspects if a.id == c.aspect_id)
    level = next((lv for lv in aspect.levels if lv.id == c.level_id), None)
    return f"{aspect.title} › {level.title}" if level else aspect.title


def _same_criterion(a: Criterion, b: Criterion) -> bool:
    return (a.text == b.text and [(i.id, i.text) for i in a.indicators]
            == [(i.id, i.text) for i in b.indicators])  # fmt: skip


def _lists(old: Framework, new: Framework) -> Iterator[Line]:
    if old.id != new.id:
        yield (1, f"Framework id {old.id} → {new.id}")
    scale_a = {p.value: p.label for p in old.scale}
    scale_b = {p.value: p.label for p in new.scale}
    if scale_a != scale_b:
        yield (1, "Scale before: " + " · ".join(f"{v} {lab}" for v, lab in scale_a.items()))
        yield (1, "Scale after:  " + " · ".join(f"{v} {lab}" for v, lab in scale_b.items()))
    bands_a = {b.id: b for b in old.bands}
    bands_b = {b.id: b for b in new.bands}
    for ident, band in bands_b.items():
        was = bands_a.get(ident)
        if was is None:
            yield (1, f"Band {band.label} added, from {band.min:g}")
        elif was.label != band.label:
            yield (1, f"Band {was.label} (from {was.min:g}) is now {band.label} (from "
                      f"{band.min:g})")
        elif was.min != band.min:
            yield (1, f"Band {band.label} now starts at {band.min:g} (was {was.min:g})")
    for ident, band in bands_a.items():
        if ident not in bands_b:
            yield (1, f"Band {band.label} (from {band.min:g}) removed")
    for what, before, after in (
        ("Verdicts", [v.label for v in old.verdicts], [v.label for v in new.verdicts]),
        ("Source types", [s.label for s in old.source_types],
         [s.label for s in new.source_types]),
        ("Perspectives", [p.label for p in old.perspectives],
         [p.label for p in new.perspectives]),
        ("Pilot details", [a.label for a in old.pilot_attributes],
         [a.label for a in new.pilot_attributes]),
    ):  # fmt: skip
        gone = [x for x in before if x not in after]
        came = [x for x in after if x not in before]
        if gone:
            yield (1, f"{what} removed: {'; '.join(gone)}")
        if came:
            yield (1, f"{what} added: {'; '.join(came)}")
    if old.provisional_below != new.provisional_below:
        yield (1, f"Provisional below {old.provisional_below:g}% → "
                  f"{new.provisional_below:g}% of applicable indicators")
