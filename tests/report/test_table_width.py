"""The score table at the widths people's terminals have: no criterion cut short, no line
wider than the screen."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from laaeval.cli import app
from laaeval.model.catalogue import resolve

from ..conftest import EXAMPLES


@pytest.mark.parametrize("columns", [80, 100, 200])
def test_every_criterion_reads_in_full(columns):
    result = CliRunner().invoke(app, ["score", str(EXAMPLES / "ashbridge-final.yaml")],
                                env={"COLUMNS": str(columns), "NO_COLOR": "1"})  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= columns
    table = lines[: next(n for n, x in enumerate(lines) if x.startswith("No evidence yet"))]
    # The text of each row, read down the criterion column (or below the figures).
    words = " ".join(
        (x.split(" │ ")[1] if columns > 150 and " │ " in x else x).strip() for x in table
    )
    words = " ".join(words.split())
    for criterion in resolve("odpm-laa-2005").criteria:
        assert " ".join(criterion.text.split()) in words, criterion.id
    assert "…" not in "\n".join(table)


def test_narrow_rows_keep_figures_with_their_id():
    result = CliRunner().invoke(app, ["score", str(EXAMPLES / "ashbridge-final.yaml")],
                                env={"COLUMNS": "80", "NO_COLOR": "1"})  # fmt: skip
    lines = result.stdout.splitlines()
    pn1 = next(n for n, x in enumerate(lines) if x.startswith("PN1 "))
    # PN1: 2 of 2 judged; PN1.1 = 2, PN1.2 = 1 → (2 + 1) / 2 / 3 = 50.0, Amber.
    assert lines[pn1].split() == ["PN1", "│", "2/2", "│", "50.0", "│", "Amber", "│",
                                  "corroborated", "│", "mixed"]  # fmt: skip
    assert lines[pn1 + 1].startswith("     Relevant officials in CG departments")


def test_at_60_columns_no_flag_is_lost():
    result = CliRunner().invoke(app, ["score", str(EXAMPLES / "wealdshire-final.yaml")],
                                env={"COLUMNS": "60", "NO_COLOR": "1"})  # fmt: skip
    lines = result.stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= 60
    assert "…" not in result.stdout
    # No room for a Flags column: PN1's flag (mixed: its evidence both supports and
    # challenges) goes below its text, as a line of its own.
    pn1 = next(n for n, x in enumerate(lines) if x.startswith("PN1 "))
    assert lines[pn1].split()[-1] == "corroborated"
    assert "     mixed" in lines[pn1 + 1:pn1 + 5]
