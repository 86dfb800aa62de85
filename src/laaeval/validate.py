"""``laaeval validate``: check any laaeval file and list every problem found in it."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from .errors import LaaevalError, SchemaError, UnknownIdError
from .files import schema, yamlio
from .model.catalogue import resolve, resolve_recorded
from .model.checks import check_evidence
from .model.evidence import FORMATS, evidence_from_data
from .model.framework import Framework, build_framework, check_framework
from .model.revision import check_revision
from .model.store import schema_kind
from .text import one_line, plural

MAX_PROBLEMS = 20


def validate_files(
    paths: Iterable[str | os.PathLike[str]], framework: str | None = None
) -> Iterator[tuple[str, str, list[LaaevalError]]]:
    """For each file: its name, a one-line summary if it is valid, and its problems."""
    chosen = resolve(framework) if framework else None
    for path in paths:
        summary, problems = validate_file(path, chosen)
        yield str(path), summary, problems


def validate_file(
    path: str | os.PathLike[str], framework: Framework | None = None
) -> tuple[str, list[LaaevalError]]:
    """A one-line summary of a valid file, or the problems with an invalid one."""
    name = str(path)
    try:
        data = yamlio.load_path(name)
        kind = data.get("laaeval") if isinstance(data, dict) else None
        if kind == "framework/1":
            return _framework(data, name)
        if kind in FORMATS:
            return _evidence(data, name, framework)
        raise SchemaError(
            'this is not a laaeval file: its first line should be "laaeval: evidence/2" '
            '(or evidence/1) or "laaeval: framework/1"',
            file=name,
            line=yamlio.line_of(data, "laaeval") if isinstance(data, dict) else None,
        )
    except LaaevalError as exc:
        return "", [exc]


def _shown(problems: list[LaaevalError], name: str) -> list[LaaevalError]:
    """The first problems, and a line saying how many more there are."""
    total = getattr(problems, "total", len(problems))
    shown = list(problems[:MAX_PROBLEMS])
    if total > len(shown):
        rest = total - len(shown)
        shown.append(UnknownIdError(f"and {rest:,} more problem{'s' if rest > 1 else ''} "
                                    "like these", file=name))  # fmt: skip
    return shown


def _framework(data: object, name: str) -> tuple[str, list[LaaevalError]]:
    if not schema.fast_check("framework")(data):
        found: list[LaaevalError] = list(schema.explain_all(data, "framework", name))
        if found:
            return "", _shown(_with_checks(found, data, name), name)
    problems = check_framework(data, name)
    if problems:
        # What revises says is wrong already: the crosswalk cannot be read against it.
        if not any((p.path or "").startswith("revises") for p in problems):
            problems = _in_order(problems + _crosswalk_problems(data, name))
        return "", _shown(problems, name)
    f = build_framework(data, name)
    problems = check_revision(f)
    if problems:
        return "", _shown(problems, name)
    revises = (f"; revises version {one_line(f.revises.version)}, "
               f"{plural(len(f.crosswalk), 'crosswalk entry', 'crosswalk entries')}"
               if f.revises else "")  # fmt: skip
    return (
        f"framework {f.id} version {one_line(f.version)}: {len(f.criteria)} criteria, "
        f"{f.indicator_count} indicators{revises}",
        [],
    )


def _crosswalk_problems(data: object, name: str) -> list[LaaevalError]:
    """What is wrong with the crosswalk as seen from the older version, where the framework
    can be built despite its other problems (an id used twice, say): so that those do not
    hide these until the next run."""
    try:
        return check_revision(build_framework(data, name))
    except Exception:  # too far out to be built: its other problems are what to fix first
        return []


def _in_order(problems: list[LaaevalError]) -> list[LaaevalError]:
    """Each problem once, in the order of the file's lines."""
    seen: set[tuple[object, object, str]] = set()
    out = []
    for p in sorted(problems, key=lambda p: p.line or 0):
        key = (p.line, p.path, p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def _with_checks(found: list[LaaevalError], data: object,
                 name: str) -> list[LaaevalError]:  # fmt: skip
    """The shape's problems and, as far as they can be worked out on a file of the wrong
    shape, the others (an id used twice, an answer set that is not there), in the order of
    the file's lines: every problem in one run, not one run per fault."""
    try:
        more = check_framework(data, name)
    except Exception:  # the shape is too far out for the rest to be read: its problems only
        return found
    said = {(p.line, p.path) for p in found}
    merged = found + [p for p in more if (p.line, p.path) not in said]
    return sorted(merged, key=lambda p: p.line or 0)


def _evidence(
    data: object, name: str, framework: Framework | None
) -> tuple[str, list[LaaevalError]]:
    assert isinstance(data, dict)
    kind = schema_kind(data)
    if not schema.fast_check(kind)(data):  # every place of the wrong shape, not the first
        found: list[LaaevalError] = list(schema.explain_all(data, kind, name))
        if found:
            return "", _shown(found, name)
        schema.validate(data, kind, name)  # the two checkers disagree: say what we can
    if framework is None:
        framework = resolve_recorded(data["framework"], name)
    problems = check_evidence(data, framework, name)
    if problems:
        return "", _shown(problems, name)
    record = evidence_from_data(data, name)
    judged = sum(1 for j in record.judgements.values() if j.judged)
    pilot = f"{one_line(record.pilot.name)} ({one_line(record.pilot.round)})"
    older = "; evidence format 1 (laaeval upgrade rewrites it as format 2)" if (
        record.format == 1) else ""  # fmt: skip
    return (
        f"evidence for {pilot} against {framework.id} version {one_line(framework.version)}: "
        f"{plural(len(record.evidence), 'evidence item')}, "
        f"{plural(judged, 'judgement')}{older}",
        [],
    )
