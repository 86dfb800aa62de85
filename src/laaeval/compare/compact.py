"""A pilot's row held compactly: ``compare`` keeps one per file, so a programme of 15,000
files must not keep 15,000 dictionaries of cell objects.

A row's cells are kept as a few arrays (scores, counts, bands as small numbers) beside a
:class:`Layout` shared by every row of one framework (the column ids in order, and the
framework's bands); a :class:`Cell` is made only when a renderer asks for one. Ratings are
kept the same way, one small number per indicator. Both read exactly like the dictionaries
they replace (same keys, same order, same values); a row whose shape is unusual (a score
that is not a float, a rating that does not fit) is kept as a plain dictionary instead.
"""

from __future__ import annotations

import math
import sys
from array import array
from collections.abc import Iterator, Mapping
from typing import Any

from ..model.framework import Band

Cell = Any  # compare.matrix.Cell, handed in (this module sits beneath the matrix)

_LAYOUTS: dict[tuple[tuple[str, ...], tuple[Band, ...]], Layout] = {}


class Layout:
    """What every row of one comparison shares: its keys in order, and the bands."""

    __slots__ = ("bands", "index", "keys")

    def __init__(self, keys: tuple[str, ...], bands: tuple[Band, ...]) -> None:
        self.keys = keys
        self.bands = bands
        self.index = {key: n for n, key in enumerate(keys)}

    def __reduce__(self) -> tuple[Any, ...]:
        # Rows come back from worker processes pickled: each unpickles to the one layout.
        return layout, (self.keys, self.bands)


def layout(keys: tuple[str, ...], bands: tuple[Band, ...]) -> Layout:
    """The one shared layout for these keys and bands."""
    found = _LAYOUTS.get((keys, bands))
    if found is None:
        if len(_LAYOUTS) > 64:  # many frameworks in one process: a test suite, say
            _LAYOUTS.clear()
        found = _LAYOUTS[keys, bands] = Layout(keys, bands)
    return found


class Cells(Mapping[str, Cell]):
    """Column id → :class:`Cell`, from arrays."""

    __slots__ = ("_bands", "_cell", "_counts", "_layout", "_scores", "_verdicts")

    def __init__(self, cell: type, shape: Layout, scores: array, counts: array, bands: bytes,
                 verdicts: dict[int, str] | None) -> None:  # fmt: skip
        self._cell, self._layout, self._scores, self._counts = cell, shape, scores, counts
        self._bands, self._verdicts = bands, verdicts

    def __getitem__(self, key: str) -> Cell:
        n = self._layout.index[key]
        score = self._scores[n]
        code = self._bands[n]
        c = self._counts
        verdict = self._verdicts.get(n) if self._verdicts else None
        return self._cell(None if math.isnan(score) else score,
                    self._layout.bands[(code >> 1) - 1] if code >> 1 else None,
                    c[3 * n], c[3 * n + 1], c[3 * n + 2], verdict, bool(code & 1))  # fmt: skip

    def __iter__(self) -> Iterator[str]:
        return iter(self._layout.keys)

    def __len__(self) -> int:
        return len(self._layout.keys)


def compact_cells(cells: dict[str, Cell], bands: tuple[Band, ...]) -> Mapping[str, Cell]:
    """``cells`` (of one class) kept compactly, or as they are when they do not fit."""
    if not cells:
        return cells
    kind = type(next(iter(cells.values())))
    band_code = {band: n + 1 for n, band in enumerate(bands)}
    scores, counts, codes, verdicts = array("d"), array("q"), bytearray(), {}
    try:
        for n, cell in enumerate(cells.values()):
            if cell.score is not None and type(cell.score) is not float:
                return cells
            if (cell.band is not None and cell.band not in band_code) or len(bands) > 126:
                return cells
            scores.append(math.nan if cell.score is None else cell.score)
            counts.extend((cell.judged, cell.total, cell.evidence))
            codes.append((band_code[cell.band] << 1 if cell.band else 0) | bool(cell.provisional))
            if cell.verdict is not None:
                verdicts[n] = cell.verdict
    except (OverflowError, TypeError):
        return cells
    if any(type(c.provisional) is not bool for c in cells.values()):
        return cells
    if max(counts) < 1 << 16:  # as nearly always: two bytes a count, not eight
        counts = array("H", counts)
    shape = layout(tuple(cells), bands)
    return Cells(kind, shape, scores, counts, bytes(codes), verdicts or None)


_ABSENT, _NONE = -128, -127  # in the ratings: not in the row; not applicable (None)


class Ratings(Mapping[str, "int | None"]):
    """Indicator id → rating (None for not applicable), for the indicators judged."""

    __slots__ = ("_codes", "_layout")

    def __init__(self, shape: Layout, codes: array) -> None:
        self._layout, self._codes = shape, codes

    def __getitem__(self, key: str) -> int | None:
        code = self._codes[self._layout.index[key]]
        if code == _ABSENT:
            raise KeyError(key)
        return None if code == _NONE else code

    def __iter__(self) -> Iterator[str]:
        codes = self._codes
        return (k for n, k in enumerate(self._layout.keys) if codes[n] != _ABSENT)

    def __len__(self) -> int:
        return sum(1 for code in self._codes if code != _ABSENT)


def shared(row: Any) -> Any:
    """A row come back from a worker process, its band and repeated words shared with
    the rows before it rather than each row keeping copies of its own."""
    from dataclasses import replace

    overall = row.overall
    if overall.band is not None and isinstance(row.cells, Cells):
        bands = row.cells._layout.bands
        if overall.band in bands:
            overall = replace(overall, band=bands[bands.index(overall.band)])
    details = {sys.intern(k): sys.intern(v) if type(v) is str else v
               for k, v in row.details.items()}  # fmt: skip
    words = {f: sys.intern(v) for f in ("round", "assessor") if type(v := getattr(row, f)) is str}
    return replace(row, overall=overall, details=details, **words)


def compact_ratings(all_ids: tuple[str, ...], ratings: dict[str, int | None]
                    ) -> Mapping[str, int | None]:  # fmt: skip
    """``ratings`` (a subset of ``all_ids``, in their order) kept compactly, or as they
    are when they do not fit."""
    if len(set(all_ids)) != len(all_ids) or any(
            v is not None and (type(v) is not int or not -126 <= v <= 127)
            for v in ratings.values()):  # fmt: skip
        return ratings
    codes = array("b", (_NONE if (v := ratings.get(k, _ABSENT)) is None else v
                        for k in all_ids))  # fmt: skip
    return Ratings(layout(all_ids, ()), codes)
