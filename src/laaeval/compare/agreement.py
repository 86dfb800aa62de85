"""Assessors compared: where those who rated the same pilot in the same round agree, and
Krippendorff's alpha for how far they do."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .matrix import PilotRow


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
