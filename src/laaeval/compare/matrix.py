"""The pilots × columns matrix: each scored evidence file boiled down at once to a small
:class:`PilotRow` (its score, band, coverage and evidence per column, and its ratings), so
memory stays flat however many files a programme has; then the rows gathered, filtered,
sorted, grouped and summarised per column.

Every number in a row is read from the scoring result; what is added here is arithmetic
*across* pilots. Changes between rounds are in :mod:`.rounds`, assessors compared in
:mod:`.agreement`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

from ..errors import FrameworkMismatchError, LaaevalError, UsageError, did_you_mean, shorten
from ..model.framework import Band, Framework, G, nested
from ..scoring.result import Assessment, CriterionScore, GroupScore
from ..text import exact, round1
from .compact import compact_cells, compact_ratings

BY = ("criterion", "level", "aspect")


@dataclass(frozen=True, slots=True)  # thousands of these are kept: no __dict__ each
class Cell:
    """One pilot's result for one column (a criterion, level or aspect)."""

    score: float | None
    band: Band | None  # None when there is no score, or it is provisional
    judged: int
    total: int  # applicable indicators; 0 when nothing in the column applies
    evidence: int  # evidence items bearing on it
    verdict: str | None = None  # a verdict given instead of a score, such as too early to say
    provisional: bool = False  # a score over too little of the column for a band
    absent: bool = False  # the file's framework version has no like-for-like column

    @property
    def applicable(self) -> bool:
        return self.total > 0


# A cell for a column the version a file was recorded against does not have (.versions).
ABSENT = Cell(None, None, 0, 0, 0, absent=True)


@dataclass(frozen=True, slots=True)
class PilotRow:
    file: str
    pilot: str
    round: str
    assessor: str | None
    details: Mapping[str, str]  # region and the framework's pilot attributes
    created: str | None
    cells: Mapping[str, Cell]
    overall: Cell
    ratings: Mapping[str, int | None]  # indicator id → rating; None for not applicable
    # Whether it passes, where the framework has a required importance (the badge's MUST);
    # None where it has no pass to give.
    passed: bool | None = None

    def get(self, key: str) -> str | None:
        return {"pilot": self.pilot, "name": self.pilot, "round": self.round,
                "assessor": self.assessor}.get(key, self.details.get(key))  # fmt: skip


@dataclass(frozen=True)
class Column:
    id: str
    title: str
    mark: str | None = None  # across framework versions: new, moved, changed or dropped
    note: str | None = None  # what the mark means for this column, in words
    # A level's depth, as the report's summary counts it (1 an aspect standing as a column,
    # 2 a level, 3 a group within a level…), and the id of the group it sits in.
    depth: int = 0
    within: str | None = None


@dataclass(frozen=True)
class ColumnSummary:
    """A column across the pilots compared."""

    mean: float | None  # mean of the pilots' scores, where scored
    scored: int
    applicable: int  # pilots to which the column applies
    evidenced: int  # pilots with any evidence for it
    bands: Mapping[str, int]  # band label → number of pilots
    provisional: int = 0  # pilots whose score here is provisional (no band)
    verdicts: int = 0  # pilots given a verdict here, such as too early to say
    left_out: int = 0  # scores left out of the mean as provisional (when asked)

    @property
    def in_mean(self) -> int:
        """How many assessments' scores the mean rests on."""
        return self.scored - self.left_out


@dataclass(frozen=True)
class Comparison:
    framework: Framework
    by: str
    columns: tuple[Column, ...]
    rows: tuple[PilotRow, ...]
    summaries: Mapping[str, ColumnSummary]
    skipped: tuple[LaaevalError, ...] = ()
    older: tuple[Framework, ...] = ()  # older versions of the framework, through a crosswalk
    # Means leave out provisional scores, and every score of an assessment whose overall
    # score is provisional.
    leave_out_provisional: bool = False

    @property
    def gated(self) -> bool:
        """Whether some pilot compared has a pass to give (its framework has a required
        importance): then every format shows whether each passes, beside its score."""
        return any(r.passed is not None for r in self.rows)


# -- building ----------------------------------------------------------------------------


def check_by(by: str) -> None:
    """Refuse a --by that is none of the kinds of column, suggesting the nearest."""
    if by not in BY:
        raise UsageError(f"--by {shorten(by)} is not one of: {', '.join(BY)}"
                         f"{did_you_mean(by, BY)}")  # fmt: skip


def columns_for(framework: Framework, by: str) -> tuple[Column, ...]:
    if by == "criterion":
        return tuple(Column(c.id, c.text) for c in framework.criteria)
    if by == "level":
        return tuple(Column(g.id, g.title, depth=depth, within=within.id if within else None)
                     for depth, g, within in level_groups(framework.aspects))  # fmt: skip
    return tuple(Column(a.id, a.title) for a in framework.aspects)


def level_groups(aspects: Iterable[G]) -> Iterator[tuple[int, G, G | None]]:
    """The groups compared by level: every level, and every group within one to any depth
    (SAMM's practices, streams and maturity levels), in reading order; an aspect without
    levels stands as a column of its own. For the framework's groups and their scores."""
    return ((depth, g, within) for depth, g, within in nested(aspects)
            if depth > 1 or not g.levels)  # fmt: skip


def is_deep(columns: Iterable[Column]) -> bool:
    """Whether some column is a group within a level: the comparison of a framework grouped
    deeper than aspects and levels, which says where each column sits."""
    return any(col.depth > 2 for col in columns)


def row_of(a: Assessment, by: str) -> PilotRow:
    """The compact row for one scored evidence file."""
    if by == "criterion":
        cells = {c.id: _criterion_cell(c) for c in a.criteria}
    else:
        groups = a.aspects if by == "aspect" else [g for _, g, _ in level_groups(a.aspects)]
        cells = {g.id: _group_cell(g, a) for g in groups}
    record = a.record
    details = dict(record.pilot.attributes)
    if record.pilot.region:
        details["region"] = record.pilot.region
    ratings = {
        i.id: i.rating for c in a.criteria for i in c.indicators if i.status != "no judgement yet"
    }
    indicators = tuple(i.id for c in a.criteria for i in c.indicators)
    return PilotRow(
        file=record.path or "", pilot=record.pilot.name, round=record.pilot.round,
        assessor=record.assessor, details=details, created=record.created,
        cells=compact_cells(cells, tuple(a.framework.bands)),
        overall=_group_cell(a.overall, a), ratings=compact_ratings(indicators, ratings),
        passed=a.overall.passed,
    )  # fmt: skip


def _criterion_cell(c: CriterionScore) -> Cell:
    verdict = c.verdict.label if c.verdict is not None and c.score is None else None
    return Cell(c.score, c.band, c.judged, c.total, len(c.evidence_items), verdict,
                c.provisional)  # fmt: skip


def _group_cell(g: GroupScore, a: Assessment) -> Cell:
    members = set(g.criteria)
    items = {i for c in a.criteria if c.id in members and c.applicable for i in c.evidence_items}
    return Cell(g.score, g.band, g.judged, g.total, len(items), None, g.provisional)


# Given files of several versions (each row with its framework; each framework, in the order
# first seen, with the first file recorded against it; the column grouping): the framework
# to compare on, its columns, the rows on them, and the older versions; or a refusal.
Versions = Callable[
    [Sequence[tuple[PilotRow, Framework]], Sequence[tuple[Framework, str]], str],
    tuple[Framework, tuple[Column, ...], list[PilotRow], tuple[Framework, ...]],
]


def compare(
    rows: Iterable[tuple[PilotRow, Framework] | LaaevalError],
    by: str = "criterion",
    where: Sequence[tuple[str, str]] = (),
    skip_invalid: bool = False,
    versions: Versions | None = None,
) -> Comparison:
    """Gather the rows (from :func:`scored_rows`) that match ``where``.

    Files recorded against different frameworks or versions are refused, unless
    ``versions`` can put them on one version's columns. An invalid file stops the
    comparison, unless ``skip_invalid``: it is then left out and listed.
    """
    check_by(by)
    framework: Framework | None = None
    first_file = ""
    kept: list[tuple[PilotRow, Framework]] = []
    used_by: dict[str, tuple[Framework, str]] = {}
    skipped: list[LaaevalError] = []
    for outcome in rows:
        if isinstance(outcome, LaaevalError):
            if not skip_invalid:
                raise outcome
            skipped.append(outcome)
            continue
        row, used = outcome
        if framework is None:
            framework, first_file = used, row.file
        elif used.hash != framework.hash and versions is None:
            raise _mismatch(framework, first_file, used, row.file)
        used_by.setdefault(used.hash, (used, row.file))
        if all(_matches(row, key, value) for key, value in where):
            kept.append((row, used))
    if framework is None:
        raise UsageError("there is nothing to compare: no valid evidence files were given")
    older: tuple[Framework, ...] = ()
    if len(used_by) > 1 and versions is not None:
        framework, columns, matched, older = versions(kept, list(used_by.values()), by)
    else:
        columns, matched = columns_for(framework, by), [row for row, _ in kept]
    return Comparison(framework, by, columns, tuple(matched), _summaries(columns, matched),
                      tuple(skipped), older)  # fmt: skip


def mismatch(framework: Framework, first: str, other: Framework,
             file: str) -> FrameworkMismatchError:  # fmt: skip
    """Files that cannot be compared: another framework, or an unrelated version."""
    return _mismatch(framework, first, other, file)


def with_rows(c: Comparison, rows: Sequence[PilotRow]) -> Comparison:
    """The same comparison over fewer rows, its summaries worked out again."""
    return replace(c, rows=tuple(rows),
                   summaries=_summaries(c.columns, rows, c.leave_out_provisional))  # fmt: skip


def leaving_out_provisional(c: Comparison) -> Comparison:
    """The same comparison, its means worked without provisional scores."""
    return replace(c, leave_out_provisional=True,
                   summaries=_summaries(c.columns, c.rows, True))  # fmt: skip


def _summaries(columns: Sequence[Column], rows: Sequence[PilotRow],
               leave_out: bool = False) -> dict[str, ColumnSummary]:  # fmt: skip
    summaries = {col.id: summarise(rows, col.id, leave_out) for col in columns}
    summaries["overall"] = summarise(rows, "overall", leave_out)
    return summaries


def _mismatch(
    framework: Framework, first: str, other: Framework, file: str
) -> FrameworkMismatchError:
    what = (
        f"framework {other.id} version {other.version}"
        if (other.id, other.version) != (framework.id, framework.version)
        else f"a changed copy of {other.id} version {other.version} (from {other.origin})"
    )
    return FrameworkMismatchError(
        f"was recorded against {what}, but {first} against {framework.id} version "
        f"{framework.version}; compare files recorded against the same framework, or against "
        "a version and the version it revises (see laaeval diff)",
        file=file,
    )


def _matches(row: PilotRow, key: str, value: str) -> bool:
    actual = row.get(key)
    return actual is not None and actual.casefold() == value.casefold()


def parse_where(conditions: Sequence[str]) -> list[tuple[str, str]]:
    out = []
    for text in conditions:
        key, sep, value = text.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UsageError(f"--where takes NAME=VALUE, such as tier=two-tier or round=final "
                             f"(not {text!r})")  # fmt: skip
        out.append((key.strip(), value.strip()))
    return out


def cell_of(row: PilotRow, column: str) -> Cell:
    return row.overall if column == "overall" else row.cells[column]


def summarise(rows: Sequence[PilotRow], column: str, leave_out: bool = False) -> ColumnSummary:
    """A column across the pilots. With ``leave_out``, its mean leaves out provisional
    scores, and the scores of an assessment whose overall score is provisional."""
    cells = [cell_of(r, column) for r in rows]
    every = [c.score for c in cells if c.score is not None]
    scores = [c.score for r, c in zip(rows, cells, strict=True) if c.score is not None
              and not (leave_out and (c.provisional or r.overall.provisional))]  # fmt: skip
    bands = Counter(c.band.label for c in cells if c.band is not None)
    return ColumnSummary(
        mean=round1(Fraction(sum(exact(s) for s in scores), len(scores))) if scores else None,
        scored=len(every),
        applicable=sum(1 for c in cells if c.applicable),
        evidenced=sum(1 for c in cells if c.evidence),
        bands=dict(bands),
        provisional=sum(1 for c in cells if c.provisional),
        verdicts=sum(1 for c in cells if c.verdict),
        left_out=len(every) - len(scores),
    )


def sort_rows(rows: Sequence[PilotRow], key: str) -> list[PilotRow]:
    """By pilot (then round) for "pilot", otherwise by a column's score, best first;
    rows with no score in that column go last."""
    if key in ("pilot", "name"):
        return sorted(rows, key=lambda r: (r.pilot.casefold(), r.round.casefold()))
    if key == "round":
        return sorted(rows, key=lambda r: (r.round.casefold(), r.pilot.casefold()))
    return sorted(rows, key=lambda r: (cell_of(r, key).score is None,
                                       -(cell_of(r, key).score or 0.0)))  # fmt: skip


def groups(rows: Sequence[PilotRow], key: str) -> list[tuple[str, list[PilotRow]]]:
    """Rows grouped by a detail (tier, region, round…), groups in alphabetical order."""
    grouped: dict[str, list[PilotRow]] = {}
    for row in rows:
        grouped.setdefault(row.get(key) or "not recorded", []).append(row)
    return sorted(grouped.items(), key=lambda kv: kv[0].casefold())


# -- programme view ----------------------------------------------------------------------


@dataclass(frozen=True)
class Shortfall:
    """A column that many pilots have not evidenced."""

    column: str
    title: str
    unevidenced: int
    applicable: int


def least_evidenced(c: Comparison, limit: int = 10) -> list[Shortfall]:
    """The columns most pilots have no evidence for: the first question of a programme."""
    out = [
        Shortfall(col.id, col.title, s.applicable - s.evidenced, s.applicable)
        for col in c.columns
        if (s := c.summaries[col.id]).applicable and s.evidenced < s.applicable
    ]
    out.sort(key=lambda s: (-s.unevidenced / s.applicable, -s.unevidenced))
    return out[:limit]


