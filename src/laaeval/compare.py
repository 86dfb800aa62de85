"""Many pilots side by side, one pilot across rounds, and assessors compared.

Each evidence file is scored by :mod:`laaeval.scoring` and boiled down at once to a small
:class:`PilotRow` (its scores, bands and coverage per column, and its ratings), so that
memory stays flat however many files a programme has. Every number in a row is read from
the scoring result; what this module adds is arithmetic *across* pilots: column
summaries, changes between rounds, and agreement between assessors.
"""

from __future__ import annotations

import itertools
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path
from typing import Any

from .batch import in_workers, iter_scored, worker_count
from .errors import FrameworkMismatchError, LaaevalError, UsageError
from .evidence import load_evidence
from .framework import Band, Framework, load_framework
from .scoring import Assessment, CriterionScore, GroupScore, score
from .text import exact, round1

BY = ("criterion", "level", "aspect")


@dataclass(frozen=True, slots=True)  # thousands of these are kept: no __dict__ each
class Cell:
    """One pilot's result for one column (a criterion, level or aspect)."""

    score: float | None
    band: Band | None
    judged: int
    total: int  # applicable indicators; 0 when nothing in the column applies
    evidence: int  # evidence items bearing on it

    @property
    def applicable(self) -> bool:
        return self.total > 0


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

    def get(self, key: str) -> str | None:
        return {"pilot": self.pilot, "name": self.pilot, "round": self.round,
                "assessor": self.assessor}.get(key, self.details.get(key))  # fmt: skip


@dataclass(frozen=True)
class Column:
    id: str
    title: str


@dataclass(frozen=True)
class ColumnSummary:
    """A column across the pilots compared."""

    mean: float | None  # mean of the pilots' scores, where scored
    scored: int
    applicable: int  # pilots to which the column applies
    evidenced: int  # pilots with any evidence for it
    bands: Mapping[str, int]  # band label → number of pilots


@dataclass(frozen=True)
class Comparison:
    framework: Framework
    by: str
    columns: tuple[Column, ...]
    rows: tuple[PilotRow, ...]
    summaries: Mapping[str, ColumnSummary]
    skipped: tuple[LaaevalError, ...] = ()


# -- building ----------------------------------------------------------------------------


def evidence_files(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Files as given, and every .yaml file in any folder given, in a stable order."""
    found: list[str] = []
    for path in paths:
        if Path(path).is_dir():
            found.extend(str(p) for p in sorted(Path(path).rglob("*.yaml")))
        else:
            found.append(str(path))
    return found


def columns_for(framework: Framework, by: str) -> tuple[Column, ...]:
    if by == "criterion":
        return tuple(Column(c.id, c.text) for c in framework.criteria)
    if by == "level":  # an aspect without levels stands as a column of its own
        return tuple(
            Column(lv.id, lv.title) for a in framework.aspects
            for lv in (a.levels or (a,))  # type: ignore[attr-defined]
        )  # fmt: skip
    return tuple(Column(a.id, a.title) for a in framework.aspects)


def row_of(a: Assessment, by: str) -> PilotRow:
    """The compact row for one scored evidence file."""
    if by == "criterion":
        cells = {c.id: _criterion_cell(c) for c in a.criteria}
    else:
        groups = a.aspects if by == "aspect" else [lv for g in a.aspects for lv in g.levels or (g,)]
        cells = {g.id: _group_cell(g, a) for g in groups}
    record = a.record
    details = dict(record.pilot.attributes)
    if record.pilot.region:
        details["region"] = record.pilot.region
    ratings = {
        i.id: i.rating for c in a.criteria for i in c.indicators if i.status != "no judgement yet"
    }
    return PilotRow(
        file=record.path or "", pilot=record.pilot.name, round=record.pilot.round,
        assessor=record.assessor, details=details, created=record.created, cells=cells,
        overall=_group_cell(a.overall, a), ratings=ratings,
    )  # fmt: skip


def _criterion_cell(c: CriterionScore) -> Cell:
    return Cell(c.score, c.band, c.judged, c.total, len(c.evidence_items))


def _group_cell(g: GroupScore, a: Assessment) -> Cell:
    members = set(g.criteria)
    items = {i for c in a.criteria if c.id in members and c.applicable for i in c.evidence_items}
    return Cell(g.score, g.band, g.judged, g.total, len(items))


def compare(
    rows: Iterable[tuple[PilotRow, Framework] | LaaevalError],
    by: str = "criterion",
    where: Sequence[tuple[str, str]] = (),
    skip_invalid: bool = False,
) -> Comparison:
    """Gather the rows (from :func:`scored_rows`) that match ``where``.

    Files recorded against different frameworks or versions are refused. An invalid file
    stops the comparison, unless ``skip_invalid``: it is then left out and listed.
    """
    if by not in BY:
        raise UsageError(f"--by takes one of: {', '.join(BY)}")
    framework: Framework | None = None
    first_file = ""
    kept: list[PilotRow] = []
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
        elif used.hash != framework.hash:
            raise _mismatch(framework, first_file, used, row.file)
        if all(_matches(row, key, value) for key, value in where):
            kept.append(row)
    if framework is None:
        raise UsageError("there is nothing to compare: no valid evidence files were given")
    columns = columns_for(framework, by)
    return Comparison(framework, by, columns, tuple(kept), _summaries(columns, kept),
                      tuple(skipped))  # fmt: skip


# -- reading many files -------------------------------------------------------------------

_job: dict[str, Any] = {}  # what every worker needs, set before the workers start


def scored_rows(
    paths: Sequence[str], by: str, framework: Framework | None = None
) -> Iterator[tuple[PilotRow, Framework] | LaaevalError]:
    """Each file scored and boiled down to its row, in the order given.

    Rows are small, so on a machine with several cores a large batch is read in worker
    processes (reading YAML is most of the work), and only the rows come back.
    """
    workers = worker_count(len(paths))
    if not workers:
        for outcome in iter_scored(paths, framework):
            yield outcome if isinstance(outcome, LaaevalError) else (
                row_of(outcome, by), outcome.framework)  # fmt: skip
        return
    _job.update(by=by, framework=framework, frameworks={})
    loaded: dict[str, Framework] = {}
    for outcome in in_workers(_row_in_worker, paths, workers, chunksize=8):
        if isinstance(outcome, LaaevalError):
            yield outcome
            continue
        row, fingerprint, origin = outcome
        if fingerprint not in loaded:
            loaded[fingerprint] = framework or load_framework(origin)
        yield row, loaded[fingerprint]


def _row_in_worker(path: str) -> tuple[PilotRow, str, str] | LaaevalError:
    try:
        record, used = load_evidence(path, _job["framework"], _job["frameworks"])
    except LaaevalError as exc:
        return exc
    return row_of(score(used, record), _job["by"]), used.hash, used.origin


def with_rows(c: Comparison, rows: Sequence[PilotRow]) -> Comparison:
    """The same comparison over fewer rows, its summaries worked out again."""
    return replace(c, rows=tuple(rows), summaries=_summaries(c.columns, rows))


def _summaries(columns: Sequence[Column], rows: Sequence[PilotRow]) -> dict[str, ColumnSummary]:
    summaries = {col.id: summarise(rows, col.id) for col in columns}
    summaries["overall"] = summarise(rows, "overall")
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
        f"{framework.version}; compare files recorded against the same framework",
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


def summarise(rows: Sequence[PilotRow], column: str) -> ColumnSummary:
    cells = [cell_of(r, column) for r in rows]
    scores = [c.score for c in cells if c.score is not None]
    bands = Counter(c.band.label for c in cells if c.band is not None)
    return ColumnSummary(
        mean=round1(Fraction(sum(exact(s) for s in scores), len(scores))) if scores else None,
        scored=len(scores),
        applicable=sum(1 for c in cells if c.applicable),
        evidenced=sum(1 for c in cells if c.evidence),
        bands=dict(bands),
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


# -- rounds ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    column: str
    before: Cell
    after: Cell

    @property
    def delta(self) -> float | None:
        if self.before.score is None or self.after.score is None:
            return None
        return round1(exact(self.after.score) - exact(self.before.score))

    @property
    def kinds(self) -> list[str]:
        """What changed: up, down, newly judged, new evidence (any that apply)."""
        out = []
        delta = self.delta
        if delta is not None and delta > 0:
            out.append("up")
        if delta is not None and delta < 0:
            out.append("down")
        if self.before.judged == 0 and self.after.judged > 0:
            out.append("newly judged")
        if self.after.evidence > self.before.evidence:
            out.append("new evidence")
        return out


@dataclass(frozen=True)
class Trend:
    pilot: str
    rows: tuple[PilotRow, ...]  # the pilot's rounds, earliest first
    changes: tuple[tuple[Change, ...], ...]  # between each round and the next

    @property
    def overall_delta(self) -> float | None:
        """The overall score's change from the first round to the last."""
        return Change("overall", self.rows[0].overall, self.rows[-1].overall).delta

    def overall_changes(self) -> list[Change]:
        """From the first round to the last, per column."""
        first, last = self.rows[0], self.rows[-1]
        return [Change(col, first.cells[col], last.cells[col]) for col in first.cells]

    def most_improved(self, limit: int = 5) -> list[Change]:
        moved = [ch for ch in self.overall_changes() if ch.delta is not None and ch.delta > 0]
        return sorted(moved, key=lambda ch: -(ch.delta or 0))[:limit]

    def most_declined(self, limit: int = 5) -> list[Change]:
        moved = [ch for ch in self.overall_changes() if ch.delta is not None and ch.delta < 0]
        return sorted(moved, key=lambda ch: ch.delta or 0)[:limit]


def trends(rows: Sequence[PilotRow]) -> list[Trend]:
    """Every pilot that appears in more than one round, its rounds in order.

    Rounds are ordered by when each file was started (its ``created`` time), and otherwise
    in the order the files were given.
    """
    by_pilot: dict[str, list[tuple[int, PilotRow]]] = {}
    for n, row in enumerate(rows):
        by_pilot.setdefault(row.pilot.casefold(), []).append((n, row))
    out = []
    for entries in by_pilot.values():
        rounds = {r.round.casefold() for _, r in entries}
        if len(rounds) < 2:
            continue
        ordered = [r for _, r in sorted(entries, key=lambda e: (e[1].created or "", e[0]))]
        changes = tuple(
            tuple(Change(col, a.cells[col], b.cells[col]) for col in a.cells)
            for a, b in itertools.pairwise(ordered)
        )
        out.append(Trend(ordered[0].pilot, tuple(ordered), changes))
    return sorted(out, key=lambda t: t.pilot.casefold())


def trend_for(rows: Sequence[PilotRow], pilot: str) -> Trend:
    for trend in trends(rows):
        if trend.pilot.casefold() == pilot.casefold():
            return trend
    names = sorted({r.pilot for r in rows})
    if pilot.casefold() in {n.casefold() for n in names}:
        raise UsageError(f"{pilot} appears in only one round among the files given")
    from .errors import unknown

    raise UsageError(unknown("pilot", pilot, names))


# -- assessors ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Agreement:
    """Several assessors' ratings of the same pilot in the same round."""

    pilot: str
    round: str
    assessors: tuple[str, ...]
    units: int  # indicators rated by at least two of them
    agreed: int  # of those, rated the same by all who rated them
    disagreements: tuple[tuple[str, tuple[int | None, ...]], ...]  # indicator, ratings
    alpha: float | None  # Krippendorff's alpha, ordinal; None when not defined


def agreements(rows: Sequence[PilotRow], scale: Sequence[int]) -> list[Agreement]:
    by_key: dict[tuple[str, str], list[PilotRow]] = {}
    for row in rows:
        by_key.setdefault((row.pilot.casefold(), row.round.casefold()), []).append(row)
    out = []
    for group in by_key.values():
        if len({r.assessor for r in group}) < 2:
            continue
        out.append(_agreement(group, scale))
    return out


def _agreement(group: Sequence[PilotRow], scale: Sequence[int]) -> Agreement:
    units = sorted({u for r in group for u, v in r.ratings.items() if v is not None})
    table = {u: [r.ratings.get(u) for r in group] for u in units}
    pairable = {u: [v for v in vals if v is not None] for u, vals in table.items()}
    pairable = {u: vals for u, vals in pairable.items() if len(vals) >= 2}
    agreed = sum(1 for vals in pairable.values() if len(set(vals)) == 1)
    disagreements = tuple(
        (u, tuple(table[u])) for u, vals in pairable.items() if len(set(vals)) > 1
    )
    return Agreement(
        pilot=group[0].pilot, round=group[0].round,
        assessors=tuple(r.assessor or "(no name)" for r in group), units=len(pairable),
        agreed=agreed, disagreements=disagreements,
        alpha=krippendorff_alpha(list(pairable.values()), scale, "ordinal"),
    )  # fmt: skip


def krippendorff_alpha(
    units: Sequence[Sequence[float]], scale: Sequence[float], metric: str = "ordinal"
) -> float | None:
    """Krippendorff's alpha for the values each unit received from its raters.

    Chosen over Cohen's or Fleiss' kappa because ratings on the scale are ordinal (a 3
    against a 2 is a smaller disagreement than a 3 against a 0), any number of assessors
    may rate, and an assessor may leave an indicator unrated. Units with fewer than two
    values carry no information and are ignored. None when it is not defined (fewer than
    two values in all, or every value the same).
    """
    values = sorted(set(scale) | {v for u in units for v in u})
    index = {v: n for n, v in enumerate(values)}
    size = len(values)
    coincidence = [[0.0] * size for _ in range(size)]
    for unit in units:
        m = len(unit)
        if m < 2:
            continue
        for i, a in enumerate(unit):
            for j, b in enumerate(unit):
                if i != j:
                    coincidence[index[a]][index[b]] += 1 / (m - 1)
    marginals = [sum(row) for row in coincidence]
    n = sum(marginals)
    if n < 2:
        return None
    delta = _distances(values, marginals, metric)
    observed = sum(coincidence[c][k] * delta[c][k] for c in range(size) for k in range(size))
    expected = sum(marginals[c] * marginals[k] * delta[c][k]
                   for c in range(size) for k in range(size)) / (n - 1)  # fmt: skip
    if expected == 0:
        return None
    return 1 - observed / expected


def _distances(
    values: Sequence[float], marginals: Sequence[float], metric: str
) -> list[list[float]]:
    size = len(values)
    if metric == "nominal":
        return [[0.0 if c == k else 1.0 for k in range(size)] for c in range(size)]
    if metric == "interval":
        return [[(values[c] - values[k]) ** 2 for k in range(size)] for c in range(size)]
    # ordinal: the squared count of values between two ranks, halving the end ranks
    out = [[0.0] * size for _ in range(size)]
    for c in range(size):
        for k in range(size):
            low, high = min(c, k), max(c, k)
            between = sum(marginals[low : high + 1]) - (marginals[low] + marginals[high]) / 2
            out[c][k] = between**2
    return out
