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
    assert raised.value.message == ('unknown pilot "Smalville"; did you mean "Smallville"? '
                                    "(pilots with more than one round: Smallville)")
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


# -- columns and cells ----------------------------------------------------------------------


def test_columns_by_level_and_by_aspect_carry_their_titles(framework):
    from laaeval.compare.matrix import Column, columns_for

    # Aspect Y has no levels, so it stands as a column of its own among the levels; each
    # says how deep it sits (2 a level, 1 an aspect) and in what.
    assert columns_for(framework, "level") == (
        Column("XA", "Level A", depth=2, within="X"), Column("XB", "Level B", depth=2,
                                                             within="X"),
        Column("Y", "Agreement", depth=1))  # fmt: skip
    assert columns_for(framework, "aspect") == (Column("X", "Process"),
                                                Column("Y", "Agreement"))  # fmt: skip


def test_rows_by_aspect_have_a_cell_per_aspect(framework, files):
    by_aspect = comparison(framework, [files["final"]], by="aspect").rows[0]
    assert {k: v.score for k, v in by_aspect.cells.items()} == {"X": 33.3, "Y": 100.0}
    by_level = comparison(framework, [files["final"]], by="level").rows[0]
    assert {k: v.score for k, v in by_level.cells.items()} == {"XA": 33.3, "XB": None,
                                                               "Y": 100.0}  # fmt: skip


def test_provisional_scores_and_verdicts_are_counted_once_per_pilot(framework, tmp_path):
    # Y1.1 = 3 alone (Y1.2's "not applicable" removed): 1 of 3 indicators, under half, so
    # provisional; X2 too early to say: a verdict.
    thin = [write(tmp_path, f"{name}.yaml", pilot=("Smallville", name),
                  y12=("  Y1.2: {rating: n/a, rationale: Does not arise here}\n", ""),
                  x2=("X2: {rating: 0}", "X2: {rating: too-early, rationale: Too soon}"))
            for name in ("Ayton", "Beeton")]  # fmt: skip
    c = comparison(framework, thin)
    assert [r.cells["Y1"].provisional for r in c.rows] == [True, True]
    assert [r.cells["X2"].verdict for r in c.rows] == ["Too early to say"] * 2
    assert (c.summaries["Y1"].provisional, c.summaries["Y1"].bands) == (2, {})
    assert (c.summaries["X2"].verdicts, c.summaries["X2"].scored) == (2, 0)
    # The same by level: aspect Y, which has no levels, rests on Y1 alone.
    by_level = comparison(framework, thin, by="level")
    assert [r.cells["Y"].provisional for r in by_level.rows] == [True, True]
    assert by_level.summaries["Y"].provisional == 2


# -- rounds ---------------------------------------------------------------------------------


def test_three_rounds_changes_between_each_and_overall_from_first_to_last(framework, files,
                                                                           tmp_path):  # fmt: skip
    # Mid-way: X1.1 = 2, X1.2 = 1 → (2 + 3) / 4 = 1.25 of 3 → 41.7 (41.666…).
    mid = write(tmp_path, "smallville-mid.yaml", round=("round: final", "round: mid-way"),
                created=("assessor: Test Assessor", 'assessor: A\ncreated: "2004-11-01"'),
                x11=("X1.1: {rating: 3, rationale: Fully met on the interviews}",
                     "X1.1: {rating: 2}"))  # fmt: skip
    # Given out of order: put in order by when each was started.
    c = comparison(framework, [files["final"], files["baseline"], mid])
    trend = trend_for(c.rows, "Smallville")
    assert [r.round for r in trend.rows] == ["baseline", "mid-way", "final"]
    # Baseline → mid-way: X1 33.3 → 41.7 (+8.4: worked on the shown scores); mid-way →
    # final: 41.7 → 50.0 (+8.3).
    assert [[(ch.column, ch.delta) for ch in step if ch.column == "X1"]
            for step in trend.changes] == [[("X1", 8.4)], [("X1", 8.3)]]  # fmt: skip
    overall = {ch.column: ch.delta for ch in trend.overall_changes()}
    assert overall["X1"] == 16.7  # 33.3 → 50.0, first to last
    assert [ch.column for ch in trend.most_improved()] == ["X1"]


def test_most_improved_and_declined_best_first_five_at_most(tmp_path):
    from laaeval.compare.matrix import Cell, PilotRow
    from laaeval.compare.rounds import trends

    def row(round_: str, created: str, scores: dict[str, float]) -> PilotRow:
        cells = {k: Cell(v, None, 1, 1, 0) for k, v in scores.items()}
        return PilotRow("f", "Ayton", round_, "A", {}, created, cells, Cell(50.0, None, 1, 1, 0),
                        {})  # fmt: skip

    before = {f"C{n}": 50.0 for n in range(1, 16)}
    # C1-C7 rise by 1 to 7 points; C8-C14 fall by 1 to 7 points; C15 rises by half a point.
    after = {**{f"C{n}": 50.0 + n for n in range(1, 8)},
             **{f"C{n}": 50.0 - (n - 7) for n in range(8, 15)}, "C15": 50.5}  # fmt: skip
    (trend,) = trends([row("final", "2005", after), row("baseline", "2004", before)])
    assert [ch.column for ch in trend.most_improved()] == ["C7", "C6", "C5", "C4", "C3"]
    assert [ch.column for ch in trend.most_declined()] == ["C14", "C13", "C12", "C11", "C10"]
    assert [ch.delta for ch in trend.most_improved(limit=2)] == [7.0, 6.0]
    assert [ch.delta for ch in trend.most_declined(limit=2)] == [-7.0, -6.0]
    assert [ch.column for ch in trend.most_improved(limit=20)][-2:] == ["C1", "C15"]


def test_trends_are_found_after_a_pilot_seen_once_and_listed_alphabetically(framework, files,
                                                                            tmp_path):  # fmt: skip
    bigtown_again = write(tmp_path, "bigtown-final.yaml", pilot=("Smallville", "bigtown"),
                          created=("assessor: Test Assessor",
                                   'assessor: Test Assessor\ncreated: "2005-01-01"'))  # fmt: skip
    # Ayton, in one round only, first; Bigtown's "Year 2"; Smallville's two rounds; then
    # a second Bigtown round, spelt in small letters.
    ayton = write(tmp_path, "ayton.yaml", pilot=("Smallville", "Ayton"))
    c = comparison(framework, [ayton, files["year2"], files["final"], files["baseline"],
                               bigtown_again])  # fmt: skip
    found = [(t.pilot, [r.round for r in t.rows]) for t in trends_of(c)]
    # "Year 2" does not say when it was started: taken as the earlier. The trend is
    # named as the earliest file spells the pilot.
    assert found == [("Bigtown", ["Year 2", "final"]), ("Smallville", ["baseline", "final"])]


def trends_of(c):
    from laaeval.compare.rounds import trends

    return trends(c.rows)


def test_agreement_is_found_after_a_pilot_with_one_assessor(framework, files, tmp_path):
    second = write(tmp_path, "smallville-b.yaml", who=("assessor: Test Assessor", "assessor: B"))
    c = comparison(framework, [files["year2"], files["final"], second])
    assert [(a.pilot, a.assessors) for a in agreements(c.rows, [0, 1, 2, 3])] == [
        ("Smallville", ("A", "B"))]  # fmt: skip


def test_alpha_counts_values_given_even_when_the_scale_is_not(tmp_path):
    import krippendorff

    from laaeval.compare.agreement import krippendorff_alpha

    units = [[0, 1], [2, 2], [3, 2], [1, 1]]
    expected = krippendorff.alpha(reliability_data=list(zip(*units, strict=True)),
                                  level_of_measurement="ordinal")  # fmt: skip
    assert krippendorff_alpha(units, (), "ordinal") == pytest.approx(expected)
    assert krippendorff_alpha(units, (0, 1, 2, 3), "ordinal") == pytest.approx(expected)


# -- gathering the rows ---------------------------------------------------------------------


def test_a_level_cell_counts_the_evidence_on_its_own_criteria(framework, files):
    # Smallville final: E1, E2 on X1.1 and E4, E5 on X2 (level XA); nothing applicable in
    # XB; E1 and E3 on Y1.1 (aspect Y, no levels).
    row = comparison(framework, [files["final"]], by="level").rows[0]
    assert {k: v.evidence for k, v in row.cells.items()} == {"XA": 4, "XB": 0, "Y": 2}
    assert row.overall.evidence == 5


def test_a_row_keeps_the_file_region_and_every_judged_rating(framework, files, tmp_path):
    north = write(tmp_path, "north.yaml", region=("tier: single-tier",
                                                  "tier: single-tier\n  region: North West"))
    (row,) = comparison(framework, [north]).rows
    assert row.file == north
    assert row.details == {"tier": "single-tier", "region": "North West"}
    # Y1.3 has no judgement yet, so no rating; not applicable (X3.1 by the framework's
    # rule, Y1.2 by the assessor) is kept as None.
    assert dict(row.ratings) == {"X1.1": 3, "X1.2": 1, "X2": 0, "X3.1": None, "Y1.1": 3,
                                 "Y1.2": None}  # fmt: skip
    assert [name for name, _ in groups([row], "region")] == ["North West"]


def test_by_criterion_unless_asked_otherwise(framework, files):
    c = compare(scored_rows([files["final"]], "criterion", framework))
    assert c.by == "criterion"
    assert [col.id for col in c.columns] == ["X1", "X2", "X3", "Y1"]


def test_an_invalid_file_stops_the_comparison_unless_skipped(framework, files):
    mistake = LaaevalError("a mistake", file="bad.yaml")
    good = list(scored_rows([files["final"], files["year2"]], "criterion", framework))
    with pytest.raises(LaaevalError) as raised:
        compare([mistake, *good])
    assert raised.value is mistake
    c = compare([mistake, *good], skip_invalid=True)
    assert (len(c.rows), c.skipped) == (2, (mistake,))


def test_nothing_to_compare_and_an_unknown_by_are_refused_in_words():
    with pytest.raises(LaaevalError) as raised:
        compare([])
    assert raised.value.message == (
        "there is nothing to compare: no valid evidence files were given")  # fmt: skip
    with pytest.raises(LaaevalError) as raised:
        compare([], by="pilot")
    assert raised.value.message == "--by \"pilot\" is not one of: criterion, level, aspect"


def test_where_conditions_are_read_as_name_equals_value():
    from laaeval.compare.matrix import parse_where

    assert parse_where(["tier=two-tier", " round = final ", "note=a=b"]) == [
        ("tier", "two-tier"), ("round", "final"), ("note", "a=b")]  # fmt: skip
    for wrong in ("tier", "=two-tier", "tier=", " = "):
        with pytest.raises(LaaevalError) as raised:
            parse_where([wrong])
        assert raised.value.message == ("--where takes NAME=VALUE, such as tier=two-tier or "
                                        f"round=final (not {wrong!r})")  # fmt: skip


def test_a_score_below_one_still_sorts_above_nought():
    from laaeval.compare.matrix import Cell, PilotRow

    def row(pilot: str, score: float | None) -> PilotRow:
        cell = Cell(score, None, 1, 1, 0)
        return PilotRow("f", pilot, "final", None, {}, None, {"X1": cell}, cell, {})

    rows = [row("Nought", 0.0), row("None", None), row("Half", 0.5), row("Ten", 10.0)]
    assert [r.pilot for r in sort_rows(rows, "X1")] == ["Ten", "Half", "Nought", "None"]


def test_the_least_evidenced_columns_largest_share_first_ten_at_most(framework):
    from laaeval.compare.matrix import Column, ColumnSummary, Comparison, least_evidenced

    # B: 1 of 2 pilots without evidence; A: 2 of 4 (the same share, more pilots, so
    # first); C1-C10: 1 of 4 each; D: every pilot has evidence, so not listed.
    shares = {"B": (2, 1), "A": (4, 2), **{f"C{n}": (4, 3) for n in range(1, 11)},
              "D": (4, 4)}  # fmt: skip
    columns = tuple(Column(k, k) for k in shares)
    summaries = {k: ColumnSummary(None, 0, applicable, evidenced, {})
                 for k, (applicable, evidenced) in shares.items()}  # fmt: skip
    c = Comparison(framework, "criterion", columns, (), summaries)
    found = least_evidenced(c)
    assert [(s.column, s.unevidenced, s.applicable) for s in found[:3]] == [
        ("A", 2, 4), ("B", 1, 2), ("C1", 1, 4)]  # fmt: skip
    assert len(found) == 10
    assert len(least_evidenced(c, limit=20)) == 12
