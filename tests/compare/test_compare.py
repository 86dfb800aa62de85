"""laaeval compare against matrices, trends and agreement worked out by hand.

Files (mini framework, scale 0-3; see tests/test_scoring.py for Smallville final):

Smallville final (assessor A)  X1 50.0 Amber · X2 0.0 Red · X3 n/a · Y1 100.0 Green · overall 50.0
Smallville mid-way             X1.1 = 1, X1.2 = 1 → X1 33.3 Red; X2 = 0 → 0.0; Y1 nothing rated;
                               overall (33.3·2 + 0) / 3 = 22.2 Red
Bigtown final (two-tier)       X1.1 = 2, X1.2 = 2 → 66.7 Amber; X2 = 3 → 100.0 Green;
                               X3.1 = 3 → 100.0 Green; Y1.1 = 0 → 0.0 Red;
                               overall (66.7·2 + 100 + 100 + 0) / 5 = 66.7 Amber
Smallville final (assessor B)  as A, but X1.1 = 2
"""

from __future__ import annotations

import csv
import io
import json
import random

import krippendorff
import pytest

from laaeval.compare.agreement import krippendorff_alpha

from ..conftest import EXAMPLES, MINI_EVIDENCE, MINI_FRAMEWORK, ROOT

MINI = ("--framework", str(MINI_FRAMEWORK))


@pytest.fixture
def programme(tmp_path):
    base = MINI_EVIDENCE.read_text()
    final = tmp_path / "smallville-final.yaml"
    final.write_text(base.replace("assessor: Test Assessor", 'assessor: A\ncreated: "2005-03-01"'))
    mid = tmp_path / "smallville-mid.yaml"
    mid.write_text(
        base.replace("round: final", "round: mid-way")
        .replace("assessor: Test Assessor", 'assessor: A\ncreated: "2005-01-10"')
        .replace("X1.1: {rating: 3, rationale: Fully met on the interviews}", "X1.1: {rating: 1}")
        .replace("  Y1.1: {rating: 3, rationale: Agreed by all}\n", "")
    )  # fmt: skip
    # Mid-way, only the first three evidence items had been recorded.
    mid.write_text(mid.read_text().split("  - id: E4")[0] + "judgements:" +
                   mid.read_text().split("judgements:")[1])  # fmt: skip
    big = tmp_path / "bigtown-final.yaml"
    big.write_text(
        base.replace("Smallville", "Bigtown").replace("single-tier", "two-tier")
        .replace("assessor: Test Assessor", 'assessor: A\ncreated: "2005-03-02"')
        .replace("X1.1: {rating: 3, rationale: Fully met on the interviews}", "X1.1: {rating: 2}")
        .replace("X1.2: {rating: 1}", "X1.2: {rating: 2}")
        .replace("X2: {rating: 0}", "X2: {rating: 3, rationale: Clearly}\n  X3.1: {rating: 3, "
                 "rationale: Yes}")
        .replace("Y1.1: {rating: 3, rationale: Agreed by all}", "Y1.1: {rating: 0}")
    )  # fmt: skip
    return {"final": final, "mid": mid, "big": big}


def run_json(cli, *args):
    result = cli("compare", *args, *MINI, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def matrix(document):
    return {
        (r["pilot"], r["round"]): {k: (c["score"], c["band"]) for k, c in
                                   [*r["cells"].items(), ("overall", r["overall"])]}
        for g in document["groups"] for r in g["rows"]
    }  # fmt: skip


def test_matrix_by_criterion(cli, programme):
    doc = run_json(cli, *programme.values())
    assert matrix(doc) == {
        ("Smallville", "final"): {"X1": (50.0, "Amber"), "X2": (0.0, "Red"), "X3": (None, None),
                                  "Y1": (100.0, "Green"), "overall": (50.0, "Amber")},
        ("Smallville", "mid-way"): {"X1": (33.3, "Red"), "X2": (0.0, "Red"), "X3": (None, None),
                                    "Y1": (None, None), "overall": (22.2, "Red")},
        ("Bigtown", "final"): {"X1": (66.7, "Amber"), "X2": (100.0, "Green"),
                               "X3": (100.0, "Green"), "Y1": (0.0, "Red"),
                               "overall": (66.7, "Amber")},
    }  # fmt: skip
    # Column summaries: X1 mean of 50.0, 33.3, 66.7 = 50.0; X3 applies to Bigtown only.
    summaries = doc["summaries"]
    assert summaries["X1"] == {"mean": 50.0, "scored": 3, "applicable": 3, "evidenced": 3,
                               "bands": {"Amber": 2, "Red": 1}, "provisional": 0,
                               "verdicts": 0, "in_mean": 3, "left_out": 0}  # fmt: skip
    assert summaries["X3"]["applicable"] == 1 and summaries["X3"]["evidenced"] == 0
    assert summaries["overall"]["mean"] == 46.3  # (50.0 + 22.2 + 66.7) / 3 = 138.9 / 3


def test_matrix_by_level_includes_aspects_without_levels(cli, programme):
    doc = run_json(cli, programme["big"], "--by", "level")
    assert [c["id"] for c in doc["columns"]] == ["XA", "XB", "Y"]
    # XA = (66.7·2 + 100) / 3 = 77.8; XB = X3 = 100.0; Y = Y1 = 0.0
    assert matrix(doc)[("Bigtown", "final")] == {
        "XA": (77.8, "Amber"), "XB": (100.0, "Green"), "Y": (0.0, "Red"),
        "overall": (66.7, "Amber"),
    }  # fmt: skip


def test_where_group_and_sort(cli, programme):
    doc = run_json(cli, *programme.values(), "--where", "round=final", "--sort", "overall")
    rows = [(r["pilot"], r["round"]) for g in doc["groups"] for r in g["rows"]]
    assert rows == [("Bigtown", "final"), ("Smallville", "final")]
    doc = run_json(cli, *programme.values(), "--group-by", "tier", "--sort", "pilot")
    assert [(g["group"], [r["pilot"] for r in g["rows"]]) for g in doc["groups"]] == [
        ("tier: single-tier", ["Smallville", "Smallville"]), ("tier: two-tier", ["Bigtown"])
    ]  # fmt: skip


def test_rounds_show_what_changed(cli, programme):
    doc = run_json(cli, *programme.values())
    (trend,) = doc["trends"]
    assert trend["pilot"] == "Smallville"
    assert trend["rounds"] == ["mid-way", "final"]  # ordered by when each was started
    assert trend["overall"] == [22.2, 50.0]
    changes = {c["id"]: (c["delta"], c["kinds"]) for c in trend["changes"]}
    # X1 33.3 → 50.0 up; Y1 newly judged; X2 new evidence (E4, E5 were not there mid-way)
    assert changes == {"X1": (16.7, ["up"]), "X2": (0.0, ["new evidence"]),
                       "Y1": (None, ["newly judged"])}  # fmt: skip
    assert trend["most_improved"] == ["X1"] and trend["most_declined"] == []


def test_trend_option_shows_one_pilot(cli, programme):
    result = cli("compare", *programme.values(), *MINI, "--trend", "smallville")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("mid-way") < out.index("final")
    assert "Bigtown" not in out
    assert "Smallville: mid-way → final; overall 22.2 → 50.0 (+27.8)" in out
    assert "most improved: X1 +16.7" in out
    bad = cli("compare", *programme.values(), *MINI, "--trend", "Bigtown")
    assert bad.exit_code == 2 and "only one round" in bad.stderr


def test_assessors_agreement(cli, programme, tmp_path):
    second = tmp_path / "smallville-final-b.yaml"
    second.write_text(programme["final"].read_text().replace("assessor: A", "assessor: B")
                      .replace("X1.1: {rating: 3", "X1.1: {rating: 2"))  # fmt: skip
    doc = run_json(cli, programme["final"], second)
    (agreement,) = doc["agreement"]
    assert agreement["assessors"] == ["A", "B"]
    assert (agreement["indicators_rated_by_several"], agreement["agreed"]) == (4, 3)
    assert agreement["disagreements"] == [{"id": "X1.1", "ratings": [3, 2]}]
    # By hand (see test_alpha_by_hand): 1 - 8 / (624 / 7) = 0.910
    assert agreement["krippendorff_alpha_ordinal"] == 0.910


def test_alpha_by_hand():
    # Units (3,2) (1,1) (0,0) (3,3): D_o = 8, D_e = 624 / 7 with the ordinal metric.
    assert krippendorff_alpha([[3, 2], [1, 1], [0, 0], [3, 3]], [0, 1, 2, 3]) == pytest.approx(
        1 - 8 / (624 / 7)
    )
    assert krippendorff_alpha([[2, 2], [2, 2]], [0, 1, 2, 3]) is None  # all the same


def test_alpha_matches_krippendorffs_published_example():
    """Krippendorff (2011), Computing Krippendorff's alpha-reliability: 4 coders, 12 units."""
    rows = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    units = [[v for v in col if v is not None] for col in zip(*rows, strict=True)]
    assert round(krippendorff_alpha(units, [1, 2, 3, 4, 5], "nominal"), 3) == 0.743
    assert round(krippendorff_alpha(units, [1, 2, 3, 4, 5], "interval"), 3) == 0.849


def test_different_frameworks_are_refused(cli, programme, monkeypatch):
    monkeypatch.setenv("LAAEVAL_FRAMEWORKS", str(MINI_FRAMEWORK.parent))
    result = cli("compare", programme["final"], ROOT / "examples" / "ashbridge-final.yaml")
    assert result.exit_code == 1
    assert "compare files recorded against the same framework" in result.stderr


def test_a_broken_file_is_named_and_skipped_only_when_asked(cli, programme, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        programme["final"].read_text().replace("X1.2: {rating: 1}", "X1.2: {rating: 9}")
    )
    stopped = cli("compare", *programme.values(), broken, *MINI)
    assert stopped.exit_code == 1
    assert f"{broken}, line" in stopped.stderr and "not on the scale" in stopped.stderr
    skipped = cli(
        "compare", *programme.values(), broken, *MINI, "--skip-invalid", "--format", "json"
    )
    assert skipped.exit_code == 0
    assert f"Left out: {broken}, line" in skipped.stderr
    document = json.loads(skipped.stdout)
    assert len(document["skipped"]) == 1 and len(document["groups"][0]["rows"]) == 3


def test_folders_csv_markdown_and_output_file(cli, programme, tmp_path):
    folder = programme["final"].parent
    result = cli("compare", folder, *MINI, "--format", "csv")
    assert result.stdout.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    x1 = {(r["pilot"], r["round"]): r["score"] for r in rows if r["column"] == "X1"}
    assert x1 == {("Smallville", "final"): "50.0", ("Smallville", "mid-way"): "33.3",
                  ("Bigtown", "final"): "66.7"}  # fmt: skip
    md = cli("compare", folder, *MINI, "--format", "md").stdout
    # Bigtown: 5 of 6 applicable indicators judged (Y1.2 n/a, Y1.3 not yet) = 83.3%
    # Y1: only Y1.1 of its two applicable indicators judged, so its band is marked "~".
    assert "| Bigtown | final | 66.7 A | 83.3% | 66.7 A | 100.0 G | 100.0 G | 0.0 R~ |" in md
    out = tmp_path / "matrix.md"
    written = cli("compare", folder, *MINI, "--output", out)
    assert written.exit_code == 0 and out.read_text() == md


def test_least_evidenced_is_the_programme_view(cli, programme):
    doc = run_json(cli, *programme.values())
    assert doc["least_evidenced"] == [
        {"id": "X3", "title": "Only for two-tier pilots", "unevidenced": 1, "applicable": 1},
        {"id": "X2", "title": "Judged directly", "unevidenced": 1, "applicable": 3},
    ]


def test_html_is_self_contained_escaped_and_has_a_heatmap(cli, programme, tmp_path):
    hostile = tmp_path / "hostile.yaml"
    hostile.write_text(programme["big"].read_text().replace(
        "name: Bigtown", 'name: "<script>alert(1)</script> & Co"'))  # fmt: skip
    out = tmp_path / "matrix.html"
    result = cli("compare", programme["final"], hostile, *MINI, "--output", out)
    assert result.exit_code == 0, result.output
    page = out.read_text()
    assert "<script" not in page.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in page
    assert "<svg" in page and "Scores by pilot and criterion, X1 to Y1" in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")


def test_worker_processes_give_exactly_the_serial_result(cli, programme, tmp_path, monkeypatch):
    from laaeval.scoring import workers

    folder = programme["final"].parent
    for n in range(6):  # more files, so that each worker gets several
        (folder / f"copy-{n}.yaml").write_text(
            programme["big"].read_text().replace("Bigtown", f"Town {n}"))  # fmt: skip
    broken = folder / "zz-broken.yaml"
    broken.write_text("laaeval: evidence/1\n")
    args = ("compare", folder, *MINI, "--format", "json", "--skip-invalid")
    serial = cli(*args)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    parallel = cli(*args)
    assert parallel.exit_code == serial.exit_code == 0
    assert parallel.stdout == serial.stdout
    assert f"Left out: {broken}" in parallel.stderr


def test_where_and_group_by_refuse_an_unknown_detail_and_say_when_nothing_matches(cli, programme):
    result = cli("compare", *programme.values(), *MINI, "--where", "teir=two-tier")
    assert (
        result.exit_code == 2
        and 'unknown pilot detail "teir"; did you mean "tier"?' in result.stderr
    )
    result = cli("compare", *programme.values(), *MINI, "--group-by", "regoin")
    assert result.exit_code == 2 and 'did you mean "region"?' in result.stderr
    result = cli("compare", *programme.values(), *MINI, "--where", "round=baseline")
    assert result.exit_code == 2 and "no evidence file matches round=baseline" in result.stderr


def test_sort_ignores_case_and_output_to_a_missing_folder_is_one_line(cli, programme, tmp_path):
    doc = run_json(cli, *programme.values(), "--sort", "x2")
    assert doc["groups"][0]["rows"][0]["pilot"] == "Bigtown"
    result = cli("compare", *programme.values(), *MINI, "--output", tmp_path / "no" / "x.html")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "there is no folder" in result.stderr


def test_every_format_has_a_renderer_and_each_extension_a_format():
    from laaeval.compare.formats import EXTENSIONS, CompareFormat, renderer

    for fmt in CompareFormat:
        assert callable(renderer(fmt)), fmt
    assert set(EXTENSIONS.values()) == set(CompareFormat)


def test_output_never_overwrites_an_input(cli, programme):
    before = programme["final"].read_text()
    result = cli("compare", *programme.values(), *MINI, "--format", "html",
                 "--output", programme["final"])  # fmt: skip
    assert result.exit_code == 2
    assert "would overwrite an evidence file" in result.stderr
    assert programme["final"].read_text() == before
    folder = programme["final"].parent  # an input found in a folder is an input too
    result = cli("compare", folder, *MINI, "--output", programme["mid"], "--format", "json")
    assert result.exit_code == 2
# -- column means leave out what is not scored ---------------------------------------------


def test_a_column_mean_leaves_out_pilots_not_yet_scored(cli, programme):
    doc = run_json(cli, *programme.values())
    summaries = doc["summaries"]
    # Y1: final 100.0, mid-way not yet scored, Bigtown 0.0 → (100.0 + 0.0) / 2 = 50.0
    # (counting the unscored pilot as 0 would give 33.3).
    assert summaries["Y1"] == {"mean": 50.0, "scored": 2, "applicable": 3, "evidenced": 3,
                               "bands": {"Green": 1, "Red": 1}, "provisional": 0,
                               "verdicts": 0, "in_mean": 2, "left_out": 0}  # fmt: skip
    # X3 applies to Bigtown only, scored 100.0: the mean is 100.0, not 100.0 / 3.
    assert (summaries["X3"]["mean"], summaries["X3"]["scored"]) == (100.0, 1)
    # Overall: (50.0 + 22.2 + 66.7) / 3 = 138.9 / 3 = 46.3
    assert summaries["overall"]["mean"] == 46.3
    table = cli("compare", *programme.values(), *MINI).stdout
    mean_line = next(line for line in table.splitlines() if line.startswith("Mean score"))
    # Overall, X1 (50.0 + 33.3 + 66.7) / 3, X2 (0.0 + 0.0 + 100.0) / 3, X3, Y1
    assert [cell.strip() for cell in mean_line.split("│")[1:]] == [
        "46.3", "50.0", "33.3", "100.0", "50.0"
    ]  # fmt: skip


# -- rounds and assessors are told apart -----------------------------------------------------


def assessed_by(path, name: str, tmp_path, *changes: tuple[str, str]):
    """A copy of an evidence file from another assessor, with some ratings changed."""
    text = path.read_text().replace("assessor: A", f"assessor: {name}")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    copy = tmp_path / f"{path.stem}-{name}.yaml"
    copy.write_text(text)
    return copy


def test_two_assessors_of_one_round_are_not_a_trend(cli, programme, tmp_path):
    second = assessed_by(programme["final"], "B", tmp_path,
                         ("X1.1: {rating: 3", "X1.1: {rating: 2"))  # fmt: skip
    doc = run_json(cli, programme["final"], second)
    assert doc["trends"] == []
    assert [a["assessors"] for a in doc["agreement"]] == [["A", "B"]]
    table = cli("compare", programme["final"], second, *MINI).stdout
    assert "Changes between rounds" not in table and "Agreement between assessors" in table
    result = cli("compare", programme["final"], second, *MINI, "--trend", "Smallville")
    assert result.exit_code == 2 and "appears in only one round" in result.stderr


def test_assessors_are_compared_within_a_round_never_across_rounds(cli, programme, tmp_path):
    # Final: A and B differ on X1.1 (3, 2). Mid-way: A and C differ on X1.2 (1, 0) and
    # X2 (0, 2). Each round's agreement uses that round's ratings only.
    final_b = assessed_by(programme["final"], "B", tmp_path,
                          ("X1.1: {rating: 3", "X1.1: {rating: 2"))  # fmt: skip
    mid_c = assessed_by(programme["mid"], "C", tmp_path, ("X1.2: {rating: 1}", "X1.2: {rating: 0}"),
                        ("X2: {rating: 0}", "X2: {rating: 2}"))  # fmt: skip
    doc = run_json(cli, programme["final"], final_b, programme["mid"], mid_c)
    by_round = {a["round"]: a for a in doc["agreement"]}
    assert sorted(by_round) == ["final", "mid-way"]
    final, mid = by_round["final"], by_round["mid-way"]
    assert (final["assessors"], final["indicators_rated_by_several"], final["agreed"]) == (
        ["A", "B"], 4, 3
    )  # fmt: skip
    # Mid-way, X1.1, X1.2 and X2 are rated by both (Y1.2 is n/a, Y1.1 and Y1.3 unrated).
    assert (mid["assessors"], mid["indicators_rated_by_several"], mid["agreed"]) == (
        ["A", "C"], 3, 1
    )  # fmt: skip
    assert mid["disagreements"] == [{"id": "X1.2", "ratings": [1, 0]},
                                    {"id": "X2", "ratings": [0, 2]}]  # fmt: skip
    # Alpha from the krippendorff package, on each round's ratings alone.
    assert final["krippendorff_alpha_ordinal"] == round(package_alpha([[3, 1, 0, 3],
                                                                        [2, 1, 0, 3]]), 3)
    assert mid["krippendorff_alpha_ordinal"] == round(package_alpha([[1, 1, 0], [1, 0, 2]]), 3)
    # One round each from two assessors, or one assessor's two files of a round: nothing
    # to agree on.
    assert run_json(cli, programme["final"], mid_c)["agreement"] == []
    again = assessed_by(programme["final"], "A", tmp_path, ("X1.1: {rating: 3", "X1.1: {rating: 2"))
    assert run_json(cli, programme["final"], again)["agreement"] == []


def package_alpha(ratings, metric: str = "ordinal", domain=(0, 1, 2, 3)) -> float:
    """Krippendorff's alpha from the krippendorff package: one row per assessor."""
    import numpy as np

    data = np.array([[np.nan if v is None else v for v in row] for row in ratings], dtype=float)
    return krippendorff.alpha(reliability_data=data, level_of_measurement=metric,
                              value_domain=list(domain))  # fmt: skip


@pytest.mark.parametrize("metric", ["ordinal", "nominal", "interval"])
def test_alpha_agrees_with_the_krippendorff_package(metric):
    rng = random.Random(metric)
    checked = 0
    for _ in range(300):
        raters, units = rng.randint(2, 5), rng.randint(2, 12)
        ratings = [[rng.choice([0, 1, 2, 3, None]) for _ in range(units)] for _ in range(raters)]
        by_unit = [[r[u] for r in ratings if r[u] is not None] for u in range(units)]
        ours = krippendorff_alpha(by_unit, [0, 1, 2, 3], metric)
        pairable = [v for unit in by_unit if len(unit) >= 2 for v in unit]
        if len(set(pairable)) < 2:  # not defined: every pairable value the same, or none
            assert ours is None, ratings
            continue
        assert ours == pytest.approx(package_alpha(ratings, metric), abs=1e-9), ratings
        checked += 1
    assert checked > 250


def test_a_verdict_then_a_score_is_newly_scored_and_verdicts_are_shown(cli):
    # Wealdshire's mid-way file says PN6 is too early to say; the final file scores it
    # (worked in tests/report: 41.7). A verdict is a judgement, so it is not "newly judged".
    files = [EXAMPLES / "wealdshire-mid-way.yaml", EXAMPLES / "wealdshire-final.yaml"]
    doc = json.loads(cli("compare", *files, "--format", "json").stdout)
    mid, final = (r for g in doc["groups"] for r in g["rows"])
    assert (mid["cells"]["PN6"]["score"], mid["cells"]["PN6"]["verdict"]) == (
        None, "Too early to say")  # fmt: skip
    assert (final["cells"]["PN6"]["verdict"], final["cells"]["PN6"]["score"] is not None) == (
        None, True)  # fmt: skip
    (trend,) = doc["trends"]
    kinds = {ch["id"]: ch["kinds"] for ch in trend["changes"]}
    assert "newly scored" in kinds["PN6"] and "newly judged" not in kinds["PN6"]
    table = cli("compare", *files).stdout
    assert "newly scored: " in table and "PN6" in table.split("newly scored: ")[1].split("\n")[0]
    assert "v a verdict such as too early to say" in " ".join(table.split())  # the legend wraps


# -- provisional scores in the means (issue 10) ------------------------------------------


@pytest.fixture
def with_thin(programme, tmp_path):
    """The programme and Thinford, final, with only X2 judged (rated 3): 1 of its 5
    applicable indicators (X1.1, X1.2, X2, Y1.1, Y1.3) is 20%, under the 50% a band needs,
    so its overall 100.0 is provisional; X2 itself, rated directly, is 100.0 Green."""
    text = programme["final"].read_text().replace("Smallville", "Thinford")
    head, _ = text.split("judgements:")
    thin = tmp_path / "thinford-final.yaml"
    thin.write_text(head + "judgements:\n  X2: {rating: 3, rationale: Clearly}\n")
    return [*programme.values(), thin]


def test_means_say_how_many_scores_they_rest_on(cli, with_thin, tmp_path):
    doc = run_json(cli, *with_thin)
    thin = next(r for g in doc["groups"] for r in g["rows"] if r["pilot"] == "Thinford")
    assert (thin["overall"]["score"], thin["overall"]["band"], thin["overall"]["provisional"]) \
        == (100.0, None, True)  # fmt: skip
    s = doc["summaries"]
    # X2: 0.0 (Smallville final), 0.0 (mid-way), 100.0 (Bigtown), 100.0 (Thinford) → 50.0
    assert (s["X2"]["mean"], s["X2"]["in_mean"], s["X2"]["left_out"]) == (50.0, 4, 0)
    # Overall: (50.0 + 22.2 + 66.7 + 100.0) / 4 = 238.9 / 4 = 59.725 → 59.7, one provisional
    assert (s["overall"]["mean"], s["overall"]["in_mean"], s["overall"]["provisional"]) == (
        59.7, 4, 1)  # fmt: skip
    table = cli("compare", *with_thin, *MINI, "--by", "aspect").stdout
    assert "Scores in the mean" in table and "of which provisional" in table
    assert "100.0 prov" in table  # Thinford's overall: a number, labelled, with no band
    assert "prov provisional: too little judged for a band (under 50% of the" in table
    assert "of which provisional" in first_column(cli, tmp_path, *with_thin)
    assert "of which provisional" not in first_column(cli, tmp_path, *with_thin[:-1])


def first_column(cli, tmp_path, *files) -> list:
    """The labels down the first column of compare's Excel matrix."""
    from openpyxl import load_workbook

    out = tmp_path / "compare.xlsx"
    assert cli("compare", *files, *MINI, "--output", out).exit_code == 0
    return [row[0] for row in load_workbook(out).worksheets[0].iter_rows(values_only=True)]


def test_leave_out_provisional(cli, with_thin):
    doc = run_json(cli, *with_thin, "--leave-out-provisional")
    s = doc["summaries"]
    # Thinford's overall is provisional, so none of its scores is in any mean:
    # X2: (0.0 + 0.0 + 100.0) / 3 = 33.3; overall: (50.0 + 22.2 + 66.7) / 3 = 46.3.
    assert (s["X2"]["mean"], s["X2"]["in_mean"], s["X2"]["left_out"]) == (33.3, 3, 1)
    assert (s["overall"]["mean"], s["overall"]["in_mean"], s["overall"]["left_out"]) == (
        46.3, 3, 1)  # fmt: skip
    assert doc["leave_out_provisional"] is True
    table = " ".join(cli("compare", *with_thin, *MINI, "--leave-out-provisional").stdout.split())
    assert ("The means leave out provisional scores, and every score of an assessment whose "
            "overall score is provisional (1 assessment;") in table
    assert "of which provisional" not in table


def test_a_band_on_part_of_a_criterion_is_marked(cli, programme):
    # Smallville final, Y1: Y1.1 rated 3, Y1.2 not applicable, Y1.3 not yet judged: 100.0
    # Green on 1 of 2 applicable indicators. Enough for a band, but marked as not settled.
    table = cli("compare", programme["final"], *MINI, "--format", "md").stdout
    assert "| 50.0 A | 0.0 R | n/a | 100.0 G~ |" in table
    assert "~ a band on only some of the criterion" in table


# -- the terminal matrix fits the screen (issue 10) ----------------------------------------


def _screen(columns, *args):
    from typer.testing import CliRunner

    from laaeval.cli import app

    result = CliRunner().invoke(app, ["compare", *map(str, args)],
                                env={"COLUMNS": str(columns), "NO_COLOR": "1"})  # fmt: skip
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("columns", [80, 100])
def test_a_wide_matrix_is_turned_to_fit(columns):
    files = sorted(EXAMPLES.glob("*-final.yaml")) + sorted(EXAMPLES.glob("*-mid-way.yaml"))
    out = _screen(columns, *files)
    lines = out.splitlines()
    matrix = lines[: next(n for n, x in enumerate(lines) if x.startswith("Bands across"))]
    assert max(len(x) for x in matrix if "│" in x or "━" in x) <= columns
    assert "Too wide for" in out and "--output comparison.html" in out
    # The key names every pilot in full, with round and assessor.
    flat = " ".join(out.split())
    assert "P1 Ashbridge Metropolitan Borough Council — final — Dr Helen Okafor (OPM)" in flat
    assert "Wealdshire County Council and partners — mid-way — Dr Priya Ramsay" in flat
    # Every criterion is a row.
    ids = [x.split(" ")[0] for x in matrix if "│" in x]
    for criterion in ("PN1", "PR5", "PL6", "PA5", "A9", "I7"):
        assert criterion in ids


def test_a_matrix_that_fits_keeps_pilots_down():
    out = _screen(200, EXAMPLES / "ashbridge-final.yaml", "--by", "aspect")
    assert "Too wide" not in out
    assert "Ashbridge Metropolitan Borough Council │ final" in out


def test_two_assessors_of_one_pilot_are_told_apart(tmp_path):
    text = (EXAMPLES / "ashbridge-final.yaml").read_text(encoding="utf-8")
    second = tmp_path / "second.yaml"
    second.write_text(text.replace("assessor: Dr Helen Okafor (OPM)", "assessor: Dr B"),
                      encoding="utf-8")  # fmt: skip
    out = _screen(200, EXAMPLES / "ashbridge-final.yaml", second, "--by", "aspect")
    assert "Ashbridge Metropolitan Borough Council (Dr Helen Okafor (OPM))" in out
    assert "Ashbridge Metropolitan Borough Council (Dr B)" in out


def test_a_framework_without_bands_shows_scores_not_provisional_marks(cli, monkeypatch):
    # SAMM Governance has no bands; the Northgate example judges 72.2% of its questions
    # (13 of 18), well over the 50% below which a score is provisional.
    monkeypatch.setenv("COLUMNS", "200")
    result = cli("compare", ROOT / "other-examples" / "samm-governance-northgate.yaml",
                 "--by", "level")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1] == "Cells: score (this framework has no bands)"
    # Every level is a row of the turned matrix (too many to go across), P1 the file.
    cells = {parts[0]: parts[1] for line in lines if "│" in line
             for parts in [[part.strip() for part in line.split("│")]]}  # fmt: skip
    assert [cells[k] for k in ("Overall", "Coverage", "G-SM", "G-PC", "G-EG")] == [
        "31.9", "72.2%", "37.5", "41.7", "16.7"]  # fmt: skip


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_a_comparison_written_a_piece_at_a_time_is_what_is_printed(cli, programme, tmp_path,
                                                                   fmt):  # fmt: skip
    folder = programme["final"].parent
    printed = cli("compare", folder, *MINI, "--format", fmt)
    out = tmp_path / f"matrix.{fmt}"
    written = cli("compare", folder, *MINI, "--output", out)
    assert printed.exit_code == written.exit_code == 0, written.output
    assert out.read_bytes() == printed.stdout_bytes
    if fmt == "json":
        assert json.loads(out.read_text())["laaeval"] == "compare/1"


def test_a_comparison_that_fails_half_way_leaves_the_old_file(cli, programme, tmp_path,
                                                              monkeypatch):  # fmt: skip
    """JSON is written to the file a row at a time: a failure after the first rows must
    leave the file as it was, and no temporary file beside it."""
    from laaeval.compare.render import json as render_json

    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "matrix.json"
    out.write_text("the comparison from last week\n")
    real = render_json._row
    calls = []

    def failing(row):
        calls.append(row)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(row)

    monkeypatch.setattr(render_json, "_row", failing)
    result = cli("compare", programme["final"].parent, *MINI, "--output", out)
    assert result.exit_code != 0 and len(calls) == 2
    assert "disk is full" in result.stderr or "cannot write" in result.stderr, result.stderr
    assert out.read_text() == "the comparison from last week\n"
    assert [p.name for p in folder.iterdir()] == ["matrix.json"]


def test_a_framework_without_bands_counts_its_scores_and_agrees_in_number(cli):
    """PfPP has no bands: a scored question is counted as scored, not said to apply to no
    pilot; and one assessment without evidence "has", several "have"."""
    eastmoor = ROOT / "other-examples" / "pfpp-eastmoor-self-assessment.yaml"
    lines = cli("compare", eastmoor, "--format", "md").stdout.splitlines()
    assert "- 4a: scored 1" in lines  # rated 3, with E2 in support
    assert "- 3c: applies to no pilot" in lines  # rated n/a
    assert any(line.startswith("- 4b: 1 of 1 assessment has no evidence yet — ") for line in lines)
    assert not any("assessment have" in line for line in lines)
    assert not any("provisional" in line or "a band on" in line for line in lines)


def test_a_mistyped_by_says_what_it_takes_and_suggests_the_nearest(cli, programme):
    result = cli("compare", programme["final"], *MINI, "--by", "levle")
    assert result.exit_code == 2
    assert result.stderr == ('Error: --by "levle" is not one of: criterion, level, aspect; '
                             'did you mean "level"?\n')  # fmt: skip
    result = cli("compare", programme["final"], *MINI, "--by", "pilot")
    assert result.stderr == 'Error: --by "pilot" is not one of: criterion, level, aspect\n'


def test_the_workbook_tells_apart_files_of_one_pilot_round_and_assessor(cli, tmp_path):
    # Two files of Ashbridge's final round by Dr Okafor: the Matrix names each as the other
    # formats do, with the assessor and then the file, where the name alone is not enough.
    from openpyxl import load_workbook

    text = (EXAMPLES / "ashbridge-final.yaml").read_text(encoding="utf-8")
    for name in ("first.yaml", "second.yaml"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out" / "compare.xlsx"
    out.parent.mkdir()
    assert cli("compare", tmp_path / "first.yaml", tmp_path / "second.yaml", "--by", "aspect",
               "--output", out).exit_code == 0  # fmt: skip
    pilots = [row[0] for row in load_workbook(out)["Matrix"].iter_rows(min_row=2, max_row=3,
                                                                        values_only=True)]
    named = "Ashbridge Metropolitan Borough Council (Dr Helen Okafor (OPM))"
    assert pilots == [f"{named} [first.yaml]", f"{named} [second.yaml]"]
    table = cli("compare", tmp_path / "first.yaml", tmp_path / "second.yaml", "--by", "aspect",
                "--format", "md").stdout  # fmt: skip
    assert f"| {named} \\[first.yaml\\] | final |" in table  # the same name, escaped
