"""One pilot across rounds: what changed per column between one round and the next."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import UsageError, shorten, unknown
from ..text import exact, round1
from .matrix import Cell, PilotRow


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
        """What changed: up, down, newly judged, newly scored (a verdict such as too early
        to say, or no score, then a score), new evidence (any that apply)."""
        if self.before.absent or self.after.absent:  # not the same column in both versions
            return []
        out = []
        delta = self.delta
        if delta is not None and delta > 0:
            out.append("up")
        if delta is not None and delta < 0:
            out.append("down")
        if self.before.judged == 0 and self.after.judged > 0:
            out.append("newly judged")
        elif self.before.score is None and self.after.score is not None:
            out.append("newly scored")
        if self.after.evidence > self.before.evidence:
            out.append("new evidence")
        return out


@dataclass(frozen=True)
class Trend:
    pilot: str
    rows: tuple[PilotRow, ...]  # the pilot's rounds, earliest first

    @property
    def changes(self) -> tuple[tuple[Change, ...], ...]:
        """Between each round and the next, per column: worked out when asked for, not
        kept (a programme has thousands of trends, each of dozens of columns)."""
        return tuple(
            tuple(Change(col, a.cells[col], b.cells[col]) for col in a.cells)
            for a, b in itertools.pairwise(self.rows)
        )

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
        out.append(Trend(ordered[0].pilot, tuple(ordered)))
    return sorted(out, key=lambda t: t.pilot.casefold())


def trend_for(rows: Sequence[PilotRow], pilot: str) -> Trend:
    for trend in trends(rows):
        if trend.pilot.casefold() == pilot.casefold():
            return trend
    names = sorted({r.pilot for r in rows})
    if pilot.casefold() in {n.casefold() for n in names}:
        raise UsageError(f"{pilot} appears in only one round among the files given")
    several = [t.pilot for t in trends(rows)]
    starts = [n for n in several if n.casefold().startswith(pilot.strip().casefold())]
    message = (f"unknown pilot {shorten(pilot)}; did you mean {shorten(starts[0])}?"
               if len(starts) == 1 else unknown("pilot", pilot, names))  # fmt: skip
    if several:
        raise UsageError(f"{message} (pilots with more than one round: {', '.join(several)})")
    raise UsageError(f"{message} (no pilot among the files given has more than one round; "
                     f"pilots: {', '.join(names)})")  # fmt: skip
