"""Rows held compactly (issue 13) read exactly as the dictionaries of cells they replace."""

from __future__ import annotations

import pickle
import sys
import tracemalloc

from laaeval.compare import compact
from laaeval.compare.matrix import Cell, row_of
from laaeval.scoring.batch import score_all

from ..conftest import EXAMPLES, ROOT

FILES = sorted((ROOT / "tests" / "data" / "scale").glob("*.yaml"))


def _plain(a, by):
    """The row's cells and ratings as the dictionaries they were before."""
    if by == "criterion":
        cells = {c.id: Cell(c.score, c.band, c.judged, c.total, len(c.evidence_items),
                            c.verdict.label if c.verdict is not None and c.score is None
                            else None, c.provisional) for c in a.criteria}  # fmt: skip
    else:
        cells = None
    ratings = {i.id: i.rating for c in a.criteria for i in c.indicators
               if i.status != "no judgement yet"}  # fmt: skip
    return cells, ratings


def test_cells_and_ratings_read_as_the_dictionaries_they_replace():
    for a in score_all([*FILES, EXAMPLES / "wealdshire-mid-way.yaml"]):
        cells, ratings = _plain(a, "criterion")
        row = row_of(a, "criterion")
        assert isinstance(row.cells, compact.Cells)
        assert isinstance(row.ratings, compact.Ratings)
        assert list(row.cells.items()) == list(cells.items())
        assert list(row.ratings.items()) == list(ratings.items())
        assert len(row.ratings) == len(ratings) and "nonsense" not in row.ratings
        back = compact.shared(pickle.loads(pickle.dumps(row)))
        assert list(back.cells.items()) == list(cells.items())
        assert back.cells._layout is row.cells._layout  # one layout, however many rows
        assert back.overall == row.overall


def test_a_row_is_small():
    """About 2 KB (it was about 21 KB as dictionaries of cells), its path included."""
    (a,) = score_all(FILES[:1])
    rows = []
    tracemalloc.start()
    for _ in range(50):
        rows.append(compact.shared(pickle.loads(pickle.dumps(row_of(a, "criterion")))))
    size, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert size / len(rows) < 3000, f"{size / len(rows):.0f} bytes a row"


def test_what_does_not_fit_is_kept_as_it_is():
    band = None
    odd = {"A": Cell(50, band, 1, 1, 0)}  # a score that is an int, not a float
    assert compact.compact_cells(odd, ()) is odd
    ratings = {"A.1": 1000}
    assert compact.compact_ratings(("A.1",), ratings) is ratings
    assert compact.compact_ratings(("A.1", "A.2"), {"A.2": None}) == {"A.2": None}
    assert sys.getsizeof(compact.compact_cells({}, ())) < 100
