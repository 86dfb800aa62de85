"""The comparison's sorting, grouping, filtering, trends and agreement at their edges, through
the library (laaeval.compare), against orders and values worked out by hand. Added where
mutation testing (tests/MUTATION.md) showed a changed rule going unnoticed.

Files (mini framework, scale 0-3, as in test_compare.py): Smallville final (X1 50.0,
overall 50.0), Smallville baseline (X1.1 = 1 → X1 (1·1 + 1·3) / 4 = 1 of 3 = 33.3; Y1
nothing rated), Bigtown "Year 2" (X1.1 = X1.2 = 2 → X1 66.7).
"""

from __future__ import annotations

import pytest

from laaeval.compare.agreement import agreements
from laaeval.compare.matrix import compare, groups, sort_rows, summarise, with_rows
from laaeval.compare.read import scored_rows
from laaeval.compare.rounds import trend_for
from laaeval.errors import LaaevalError
from laaeval.model.framework import load_framework

from ..conftest import MINI_EVIDENCE, MINI_FRAMEWORK


@pytest.fixture(scope="module")
def framework():
    return load_framework(MINI_FRAMEWORK)


def write(folder, name: str, **changes: str):
    text = MINI_EVIDENCE.read_text(encoding="utf-8")
    for old, new in changes.values():
        assert old in text, old
        text = text.replace(old, new)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return str(path)


@pytest.fixture
def files(tmp_path):
    final = write(tmp_path, "smallville-final.yaml",
                  created=("assessor: Test Assessor", 'assessor: A\ncreated: "2005-03-01"'))
    baseline = write(tmp_path, "smallville-baseline.yaml",
                     round=("round: final", "round: baseline"),
                     created=("assessor: Test Assessor", 'assessor: A\ncreated: "2004-06-01"'),
                     x11=("X1.1: {rating: 3, rationale: Fully met on the interviews}",
                          "X1.1: {rating: 1}"),
                     y11=("  Y1.1: {rating: 3, rationale: Agreed by all}\n", ""))
    year2 = write(tmp_path, "bigtown.yaml", pilot=("Smallville", "Bigtown"),
                  round=("round: final", "round: Year 2"),
                  x11=("X1.1: {rating: 3, rationale: Fully met on the interviews}",
                       "X1.1: {rating: 2}"),
                  x12=("X1.2: {rating: 1}", "X1.2: {rating: 2}"))  # fmt: skip
    return {"final": final, "baseline": baseline, "year2": year2}


def comparison(framework, paths, by="criterion", where=()):
    return compare(scored_rows(list(paths), by, framework), by, where)


def names(rows):
    return [(r.pilot, r.round) for r in rows]


def test_sorted_by_pilot_by_name_and_by_round(framework, files):
    c = comparison(framework, files.values())
    by_pilot = [("Bigtown", "Year 2"), ("Smallville", "baseline"), ("Smallville", "final")]
    assert names(sort_rows(c.rows, "pilot")) == by_pilot
    assert names(sort_rows(c.rows, "name")) == by_pilot
    # By round, ignoring capitals: baseline, final, Year 2.
    assert names(sort_rows(c.rows, "round")) == [("Smallville", "baseline"),
                                                 ("Smallville", "final"), ("Bigtown", "Year 2")]


def test_sorted_by_a_column_best_first_and_unscored_last(framework, files):
    c = comparison(framework, files.values())
    # X1: Bigtown 66.7, Smallville final 50.0, baseline 33.3.
    assert names(sort_rows(c.rows, "X1")) == [("Bigtown", "Year 2"), ("Smallville", "final"),
                                              ("Smallville", "baseline")]  # fmt: skip
    # Y1: Smallville final 100.0, Bigtown 100.0 (Y1.1 = 3 in both); baseline has none: last.
    assert names(sort_rows(c.rows, "Y1"))[-1] == ("Smallville", "baseline")


def test_groups_in_alphabetical_order_ignoring_capitals(framework, files):
    c = comparison(framework, files.values())
    assert [(name, len(rows)) for name, rows in groups(c.rows, "round")] == [
        ("baseline", 1), ("final", 1), ("Year 2", 1)]  # fmt: skip
    # No file gives a region: one group, so named.
    assert [(name, len(rows)) for name, rows in groups(c.rows, "region")] == [
        ("not recorded", 3)]  # fmt: skip


def test_where_matches_the_pilots_name_and_assessor_ignoring_capitals(framework, files):
    everyone = list(files.values())
    assert names(comparison(framework, everyone, where=[("name", "BIGTOWN")]).rows) == [
        ("Bigtown", "Year 2")]  # fmt: skip
    assert len(comparison(framework, everyone, where=[("assessor", "a")]).rows) == 2
    assert len(comparison(framework, everyone, where=[("pilot", "smallville")]).rows) == 2
    assert comparison(framework, everyone, where=[("assessor", "Nobody")]).rows == ()


def test_fewer_rows_have_their_summaries_worked_out_again(framework, files):
    c = comparison(framework, files.values())
    assert c.summaries["X1"].mean == 50.0  # (66.7 + 50.0 + 33.3) / 3
    fewer = with_rows(c, [r for r in c.rows if r.pilot == "Smallville"])
    assert (fewer.summaries["X1"].mean, fewer.summaries["X1"].scored) == (41.7, 2)  # 83.3 / 2
    assert summarise(fewer.rows, "overall").scored == 2


def test_files_against_another_framework_are_refused_naming_both(framework, files, tmp_path):
    text = MINI_FRAMEWORK.read_text(encoding="utf-8")
    newer = tmp_path / "mini-3.yaml"
    newer.write_text(text.replace('version: "2"', 'version: "3"'), encoding="utf-8")
    edited = tmp_path / "mini-edited.yaml"
    edited.write_text(text.replace("First criterion", "First criterion, edited"),
                      encoding="utf-8")  # fmt: skip
    rows = list(scored_rows([files["final"], files["year2"]], "criterion", framework))
    (first, _), (second, _) = rows
    for other, what in ((newer, "framework mini version 3"),
                        (edited, f"a changed copy of mini version 2 (from {edited})")):  # fmt: skip
        with pytest.raises(LaaevalError) as raised:
            compare([(first, framework), (second, load_framework(other))])
        error = raised.value
        assert error.file == files["year2"]
        assert error.message.startswith(f"was recorded against {what}, but ")
        assert f"{files['final']} against mini version 2" in error.message


def test_a_trend_for_a_pilot_not_compared_is_refused_with_a_suggestion(framework, files):
    c = comparison(framework, files.values())
    assert [r.round for r in trend_for(c.rows, "SMALLVILLE").rows] == ["baseline", "final"]
    with pytest.raises(LaaevalError) as raised:
        trend_for(c.rows, "Smalville")
    assert raised.value.message == 'unknown pilot "Smalville"; did you mean "Smallville"?'
    with pytest.raises(LaaevalError) as raised:
        trend_for(c.rows, "Bigtown")
    assert raised.value.message == "Bigtown appears in only one round among the files given"


def test_agreement_is_named_after_the_first_file_and_an_unnamed_assessor_is_said(
    framework, tmp_path
):
    a = write(tmp_path, "a.yaml", who=("assessor: Test Assessor", "assessor: A"))
    b = write(tmp_path, "b.yaml", who=("assessor: Test Assessor\n", ""),
              pilot=("Smallville", "SMALLVILLE"), round=("round: final", "round: Final"),
              x11=("X1.1: {rating: 3, rationale: Fully met on the interviews}",
                   "X1.1: {rating: 2}"))  # fmt: skip
    c = comparison(framework, [a, b])
    (agreement,) = agreements(c.rows, [s.value for s in framework.scale])
    assert (agreement.pilot, agreement.round) == ("Smallville", "final")
    assert agreement.assessors == ("A", "(no name)")
    # Rated by both: X1.1 (3, 2), X1.2 (1, 1), X2 (0, 0), Y1.1 (3, 3): three of four agree.
    assert (agreement.units, agreement.agreed) == (4, 3)
    assert agreement.disagreements == (("X1.1", (3, 2)),)
