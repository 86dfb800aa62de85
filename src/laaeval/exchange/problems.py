"""Problems found in a workbook, a CSV sheet or a coded project: each one line naming the file
and the place in it (sheet, row and column; or document and passage) and what is wrong, all
of them found in one pass and told together, up to a limit."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import EXIT_INVALID, LaaevalError
from ..text import one_line

SHOWN = 40  # problems told one by one; the rest are counted


@dataclass(frozen=True)
class Found:
    """One problem, and where it is."""

    file: str
    message: str
    where: str | None = None  # a sheet ("Evidence"), or a document in a coded project
    row: int | None = None
    column: str | None = None
    order: tuple[int, int, int] = (0, 0, 0)  # the order in which problems are told

    def line(self) -> str:
        place = [p for p in (self.where,
                             f"row {self.row}" if self.row is not None else None,
                             f"column {self.column}" if self.column else None) if p]  # fmt: skip
        head = f"{self.file}: {', '.join(place)}" if place else self.file
        return one_line(f"{head}: {self.message}")


class ImportProblems(LaaevalError):
    """Everything wrong with what was to be imported; nothing has been written."""

    exit_code = EXIT_INVALID

    def __init__(self, found: Sequence[Found], shown: int = SHOWN) -> None:
        ordered = sorted(dict.fromkeys(found), key=lambda f: f.order)
        super().__init__(ordered[0].message, file=ordered[0].file)
        self.found = tuple(ordered)
        self.shown = shown

    def __reduce__(self) -> tuple[object, ...]:
        return (ImportProblems, (self.found, self.shown))

    def lines(self) -> list[str]:
        lines = [f.line() for f in self.found[: self.shown]]
        rest = len(self.found) - self.shown
        if rest > 0:
            lines.append(f"{self.found[0].file}: and {rest} more "
                         f"{'problem' if rest == 1 else 'problems'} (put these right, then "
                         "import again to see the rest)")  # fmt: skip
        total = len(self.found)
        lines.append(f"{self.found[0].file}: {total} {'problem' if total == 1 else 'problems'} "
                     "found; nothing was written")  # fmt: skip
        return lines

    def one_line(self) -> str:
        return self.lines()[0]
