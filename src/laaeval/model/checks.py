"""What an evidence file's schema cannot see: that it was recorded against this framework,
and that every id, source type, perspective, rating, verdict and word in it is one the
framework knows. Each problem names its line and key path."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from ..errors import FrameworkMismatchError, LaaevalError, shorten, unknown
from ..files import schema, yamlio
from .evidence import PRIMARY, Pilot, excluded_by, exclusions
from .framework import MIXED, NOT_APPLICABLE, RESERVED_PILOT_FIELDS, Framework

_WEB = re.compile(r"https?://\S", re.IGNORECASE)
Problem = Callable[[str, Any, Any, list[Any]], None]  # message, container, key, key path


def check_evidence(data: Any, framework: Framework, name: str) -> list[LaaevalError]:
    """Every problem found, in the order they stand in the file."""
    problems = schema.Problems(data, name)
    mismatch = _framework_mismatch(data["framework"], framework, name)
    if mismatch is not None:
        return [mismatch]
    _check_pilot(data["pilot"], framework, problems.add)
    _check_items(data.get("evidence") or (), framework, problems.add)
    _check_judgements(data, framework, problems.add)
    _check_narrative(data.get("narrative") or {}, framework, problems.add)
    return problems


def _check_pilot(pilot: Any, framework: Framework, problem: Problem) -> None:
    for key, value in pilot.items():
        if key in RESERVED_PILOT_FIELDS:
            continue
        attribute = framework.attributes_by_id.get(key)
        if attribute is None:
            known = [*RESERVED_PILOT_FIELDS, *framework.attributes_by_id]
            problem(unknown("pilot detail", key, known), pilot, key, ["pilot", key])
        elif value == MIXED and "group" not in pilot:
            problem(f"{key}: mixed describes a group of pilots; say how many with group "
                    "(such as group: 21), or give this pilot's own value", pilot, key,
                    ["pilot", key])  # fmt: skip
        elif value not in attribute.values and value != MIXED:
            expected = ", ".join(attribute.values) + (", or mixed" if "group" in pilot else "")
            problem(unknown(f"{attribute.label.lower()}", value, attribute.values)
                    + f" (expected one of: {expected})", pilot, key, ["pilot", key])  # fmt: skip


def _check_items(items: Any, framework: Framework, problem: Problem) -> None:
    seen: dict[str, int] = {}
    words = {w.casefold() for w in framework.prevalence}
    for n, item in enumerate(items):
        ident = str(item["id"])
        if ident in seen:
            problem(f"the evidence id {shorten(ident)} is used twice (first as item {seen[ident]})",
                    item, "id", ["evidence", n, "id"])  # fmt: skip
        seen.setdefault(ident, n + 1)
        _check_sources(item, n, framework, problem)
        if "prevalence" in item or "count" in item or "out_of" in item:
            _check_counts(item, n, framework, words, problem)
        if "date" in item:
            _check_date(item, n, problem)
        units, criteria = framework.units_by_id, framework.criteria_by_id
        for target in item["bears_on"]:
            if target not in units and target not in criteria:
                problem(unknown("criterion or indicator", target, framework.units_by_id),
                        item["bears_on"], target, ["evidence", n, "bears_on", target])  # fmt: skip


def _check_sources(item: Any, n: int, framework: Framework, problem: Problem) -> None:
    """Source types and perspective: known ones, and both given for primary evidence."""
    sources = framework.source_types_by_id
    where = ["evidence", n]
    if "source" in item and item["source"] not in sources:  # format 1: one source type
        problem(unknown("source type", item["source"], sources), item, "source",
                [*where, "source"])  # fmt: skip
    for m, source in enumerate(item.get("sources") or ()):
        if source not in sources:
            problem(unknown("source type", source, sources), item["sources"], m,
                    [*where, "sources", m])  # fmt: skip
    primary = item.get("basis", PRIMARY) == PRIMARY
    if primary and not item.get("sources") and "source" not in item:
        problem("primary evidence needs its kind of source (sources: [...], such as "
                f"{next(iter(sources))}); or mark it basis: synthesis", item, "id",
                [*where, "sources"])  # fmt: skip
    if "perspective" in item:
        if item["perspective"] not in framework.perspectives_by_id:
            problem(unknown("perspective", item["perspective"], framework.perspectives_by_id),
                    item, "perspective", [*where, "perspective"])  # fmt: skip
    elif primary:
        problem("primary evidence needs the perspective it speaks for (perspective: ...); "
                "or mark it basis: synthesis", item, "id", [*where, "perspective"])  # fmt: skip


def _check_counts(item: Any, n: int, framework: Framework, words: set[str],
                  problem: Problem) -> None:  # fmt: skip
    where = ["evidence", n]
    word = item.get("prevalence")
    if word is not None and word.casefold() not in words:
        problem(unknown("prevalence word", word, framework.prevalence)
                + f" (the framework's words: {', '.join(framework.prevalence)})",
                item, "prevalence", [*where, "prevalence"])  # fmt: skip
    count, out_of = item.get("count"), item.get("out_of")
    if count is not None and out_of is not None and count > out_of:
        problem(f"count {count} is more than out_of {out_of}", item, "count", [*where, "count"])
    if out_of is not None and count is None and word is None:
        problem("out_of needs a count or a prevalence word (how many of the "
                f"{out_of})", item, "out_of", [*where, "out_of"])  # fmt: skip


def _check_judgements(data: Any, framework: Framework, problem: Problem) -> None:
    pilot = data["pilot"]
    # What the framework rules out for a pilot with these details, worked out once.
    details = {k: v for k, v in pilot.items() if k not in RESERVED_PILOT_FIELDS}
    ruled_out = exclusions(framework, Pilot(str(pilot["name"]), str(pilot["round"]),
                                            attributes=details))  # fmt: skip
    for ident, judgement in (data.get("judgements") or {}).items():
        path = ["judgements", ident]
        message = _unjudgeable(ident, framework)
        if message:
            problem(message, data["judgements"], ident, path)
            continue
        rating = judgement.get("rating")
        if "contested" in judgement:
            _check_finding(ident, judgement, path, framework, problem)
        if rating == NOT_APPLICABLE:
            _check_not_applicable(ident, judgement, path, framework, problem)
        if rating is None or rating == NOT_APPLICABLE:
            continue
        if not _check_rating(rating, judgement, path, framework, problem, ident):
            continue
        _check_link(ident, rating, judgement, path, framework, problem, data)
        excluded = excluded_by(framework, ident, pilot) if ident in ruled_out else None
        if excluded:
            problem(f"{ident} is judged, but {excluded}; remove the judgement or mark it n/a",
                    judgement, "rating", [*path, "rating"])  # fmt: skip


def _check_finding(ident: str, judgement: Mapping[str, Any], path: list[Any],
                   framework: Framework, problem: Problem) -> None:  # fmt: skip
    """The assessor's own finding on a dispute: on a criterion, and with its reason."""
    where = [*path, "contested"]
    if ident not in framework.criteria_by_id:
        problem(f"contested is the assessor's finding on a criterion as a whole; record it "
                f"under {framework.units_by_id[ident].criterion_id}", judgement, "contested",
                where)  # fmt: skip
    elif not (judgement.get("rationale") or "").strip():
        problem(f"say why you find {ident} {'' if judgement['contested'] else 'not '}"
                "contested (a rationale), since it overrides what the evidence shows",
                judgement, "contested", where)  # fmt: skip


def _unjudgeable(ident: str, framework: Framework) -> str | None:
    """Why ``ident`` cannot carry a judgement, or None if it can."""
    if ident in framework.units_by_id:
        return None
    criterion = framework.criteria_by_id.get(ident)
    if criterion is None:
        return unknown("criterion or indicator", ident, framework.units_by_id)
    if criterion.judge == "indicators":
        return (f"the framework judges {ident} through its indicators only; judge an "
                f"indicator instead (such as {criterion.indicators[0].id})")
    return None


def _item(framework: Framework, ident: str) -> Any:
    return framework.criteria_by_id.get(ident) or framework.units_by_id.get(ident)


def _check_not_applicable(ident: str, judgement: Mapping[str, Any], path: list[Any],
                          framework: Framework, problem: Problem) -> None:  # fmt: skip
    """n/a only where the framework allows it."""
    if not framework.allows_not_applicable(ident):
        problem(f"the framework does not allow n/a for {ident}; give one of its answers "
                f"({_answers(framework, ident)}) or leave the rating empty",
                judgement, "rating", [*path, "rating"])  # fmt: skip


def _answers(framework: Framework, ident: str) -> str:
    return ", ".join(f"{p.value} {p.label}" for p in framework.points_for(ident))


def _check_link(ident: str, rating: Any, judgement: Mapping[str, Any], path: list[Any],
                framework: Framework, problem: Problem, data: Any) -> None:  # fmt: skip
    """A link where the framework requires one for this answer: in the rationale, or on an
    evidence item bearing on the point."""
    if isinstance(rating, str):
        return
    item = _item(framework, ident)
    point = framework.point_for(ident, rating)
    wanted = rating in getattr(item, "requires_link", ()) or bool(point and point.requires_link)
    if not wanted or _WEB.search(judgement.get("rationale") or ""):
        return
    for entry in data.get("evidence") or ():
        if ident in (entry.get("bears_on") or {}) and entry.get("link"):
            return
    label = point.label if point is not None else str(rating)
    problem(f"{ident} answered {rating} ({label}) needs a web link: put the address "
            "(https://…) in the rationale, or add link: to an evidence item bearing on it",
            judgement, "rating", [*path, "rating"])  # fmt: skip


def _check_rating(rating: Any, judgement: Mapping[str, Any], path: list[Any],
                  framework: Framework, problem: Problem, ident: str = "") -> bool:  # fmt: skip
    """Whether the rating (or verdict) is one the framework offers, with a rationale where
    the framework asks for one."""
    where = [*path, "rating"]
    if isinstance(rating, str):
        squashed = "".join(ch for ch in rating.casefold() if ch.isalpha())
        if rating != "n/a" and squashed in ("na", "notapplicable"):  # N/A, N.A., NA
            said = "N/A" if "/" in rating else "not applicable"
            problem(f'{shorten(rating)}: write "{said}" as n/a', judgement, "rating", where)
            return False
        if rating not in framework.verdicts_by_id:
            points = framework.points_for(ident) if ident else framework.scale
            named = next((p for p in points if p.label.casefold() == rating.casefold()), None)
            if named is not None:  # "Met" for 1 (Met)
                problem(f"{shorten(rating)}: write the answer's value, {named.value:g}, not "
                        "its words", judgement, "rating", where)  # fmt: skip
                return False
            verdicts = ", ".join(v.id for v in framework.verdicts)
            kind, _, na = _offered(framework, ident)
            problem(unknown("verdict", rating, framework.verdicts_by_id)
                    + f" (a rating is {kind}{', n/a' if na else ''}"
                    + (f", or one of: {verdicts})" if verdicts else ")"),
                    judgement, "rating", where)  # fmt: skip
            return False
        return True
    points = framework.points_for(ident) if ident else framework.scale
    if isinstance(rating, float) and rating.is_integer():
        # JSON Schema counts 3.0 as an integer; we do not
        problem(f"write a rating as a whole number ({int(rating)}, not {rating})", judgement,
                "rating", where)  # fmt: skip
        return False
    point = next((p for p in points if p.value == rating), None)
    if point is None:
        problem(f"{rating:g} is not {_one_of(framework, ident)}", judgement, "rating", where)
        return False
    item = _item(framework, ident) if ident else None
    needs = point.requires_rationale or rating in getattr(item, "requires_rationale", ())
    if needs and not (judgement.get("rationale") or "").strip():
        problem(f"a rating of {rating} ({point.label}) needs a rationale: say why",
                judgement, "rating", where)  # fmt: skip
    return True


def _offered(framework: Framework, ident: str) -> tuple[str, str, bool]:
    """What a rating may be here: "a value on the scale" or "one of its answers" (an item
    with answers of its own), those answers listed, and whether n/a may be given."""
    points = framework.points_for(ident) if ident else framework.scale
    kind = "a value on the scale" if points is framework.scale else "one of its answers"
    listed = ", ".join(f"{p.value:g} {p.label}" for p in points)
    return kind, listed, not ident or framework.allows_not_applicable(ident)


def _one_of(framework: Framework, ident: str) -> str:
    """What a rating may be here, in words: "on the scale (0 Not met, …; or n/a)", or
    "one of its answers (0 No, 0.25 …)" for an item with answers of its own."""
    kind, listed, na = _offered(framework, ident)
    return f"{kind.removeprefix('a value ')} ({listed}{'; or n/a' if na else ''})"


def _check_narrative(narrative: Mapping[str, Any], framework: Framework,
                     problem: Problem) -> None:  # fmt: skip
    known = {"overall", *(a.id for a in framework.aspects),
             *(lv.id for a in framework.aspects for lv in a.levels), *framework.criteria_by_id}
    for key in narrative:
        if key in known:
            continue
        if key in framework.units_by_id:
            criterion = framework.units_by_id[key].criterion_id
            message = (f"narrative is kept for a criterion, a level, an aspect or overall, not "
                       f"an indicator; write about {key} under its criterion, {criterion}")
        else:
            message = (unknown("part of the framework", key, known)
                       + " (narrative is for overall, an aspect, a level or a criterion)")
        problem(message, narrative, key, ["narrative", key])


def _check_date(item: Any, n: int, problem: Problem) -> None:
    try:
        date.fromisoformat(item["date"])
    except ValueError:
        problem(f"{shorten(item['date'])} is not a real date", item, "date",
                ["evidence", n, "date"])  # fmt: skip


def _older_given(ident: str, version: str) -> str:
    """How migrate is to find the version a file was recorded against, when laaeval cannot
    find it itself (a framework file of the user's own, not in a frameworks folder)."""
    from .catalogue import resolve

    try:
        resolve(ident, version)
    except LaaevalError:
        return (f", giving the file of version {shorten(version)} with --framework (laaeval "
                "cannot find that version itself)")
    return ""


def _framework_mismatch(
    recorded: Mapping[str, Any], framework: Framework, name: str
) -> FrameworkMismatchError | None:
    line = yamlio.line_of(recorded)
    if recorded["id"] != framework.id:
        return FrameworkMismatchError(
            f"recorded against framework {shorten(recorded['id'])}, "
            f"but scored against {shorten(framework.id)}",
            file=name, line=line, path="framework",
        )  # fmt: skip
    if recorded["version"] != framework.version:
        # Where this version revises the file's, say how to carry the file across to it.
        revises = framework.revises is not None and framework.revises.version == (
            recorded["version"])  # fmt: skip
        carry = (f"; it revises version {shorten(recorded['version'])}: carry the file across "
                 f"with laaeval migrate {shlex.quote(name)} --to {shlex.quote(framework.origin)}"
                 + _older_given(framework.id, recorded["version"])
                 if revises else "")  # fmt: skip
        return FrameworkMismatchError(
            f"recorded against version {shorten(recorded['version'])} of {framework.id}, "
            f"but the framework in {framework.origin} is version {shorten(framework.version)}"
            + carry,
            file=name, line=line, path="framework › version",
        )  # fmt: skip
    recorded_hash = recorded.get("hash")
    if recorded_hash is not None and recorded_hash != framework.hash:
        return FrameworkMismatchError(
            f"recorded against {framework.id} version {framework.version} with fingerprint "
            f"{recorded_hash[7:19]}, but the framework in {framework.origin} now has "
            f"fingerprint {framework.hash[7:19]}: its text, scale or weights changed without "
            "a new version number",
            file=name, line=line, path="framework › hash",
        )  # fmt: skip
    return None
