"""Frameworks of other shapes, each scored against numbers worked by hand from that
framework's own published rule (issue 15).

**OWASP SAMM v2, Governance** (frameworks/owasp-samm-2-governance.yaml,
other-examples/samm-governance-northgate.yaml). SAMM's rule: each question is answered 0,
0.25, 0.5 or 1; a stream scores the sum of its three maturity levels' answers (0-3); a
practice the mean of its two streams; the business function the mean of its practices. An unanswered
question counts as 0. Percentages are of 3.

    Strategy and Metrics    stream A 1 + 0.5 + 0 = 1.5    stream B 0.5 + 0.25 + 0 = 0.75
                            practice (1.5 + 0.75) / 2 = 1.125 → 1.13 of 3, 37.5%
    Policy and Compliance   stream A 1 + 1 + 0.25 = 2.25  stream B 0.25 + 0 + 0 = 0.25
                            practice (2.25 + 0.25) / 2 = 1.25 of 3, 41.666…% → 41.7
    Education and Guidance  stream A 0 + 0 + 0 = 0        stream B 1 + 0 + 0 = 1 (33.3%)
                            practice 0.5 of 3, 16.666…% → 16.7
    Governance              (1.125 + 1.25 + 0.5) / 3 = 0.958333… → 0.96 of 3
                            0.958333… / 3 = 31.944…% → 31.9
    (Averaging the practices' rounded percentages instead would give
    (37.5 + 41.7 + 16.7) / 3 = 31.97 → 32.0: the rule works on unrounded values.)

**PfPP** (frameworks/pfpp-place-2024.yaml,
other-examples/pfpp-eastmoor-self-assessment.yaml).
The guidance publishes no scoring rule; the framework file states its working one: 1-3,
floor 1 (1 → 0%, 2 → 50%, 3 → 100%), each barrier the mean of its tips, the whole the mean
of the barriers; n/a and unjudged left out.

    B1 1a 3, 1b 2, 1c 1, 1d unjudged → (100 + 50 + 0) / 3 = 50.0
    B2 2a 2 → 50.0;  B3 3a 1, 3b 1, 3c n/a → 0.0;  B4 4a 3, 4b 2 → 75.0
    B5 5a 2, 5b unjudged → 50.0
    Overall (50 + 50 + 0 + 75 + 50) / 5 = 45.0 (the mean of all nine tips would be 44.4)

**The Best Practices badge** (tests/data/badge-mini.yaml, seven criteria). The badge's
rule: enough ÷ criteria, where Met, N/A where allowed, unmet SUGGESTED and justified unmet
SHOULD are enough; any MUST unmet means no badge.

    P: Met, N/A (allowed), Met, Met, SHOULD unmet with a justification, SUGGESTED unmet,
       Met → 7 enough of 7 = 100.0, passes
    Q as written: Met without the required URL and N/A where forbidden: validate refuses both
    Q put right (the URL given, the licence Met) still has a MUST unmet:
       6 enough of 7 = 85.714…% → 85.7, and no badge
"""

from __future__ import annotations

from pathlib import Path

import pytest

from laaeval.model.framework import load_framework
from laaeval.model.store import load_evidence
from laaeval.scoring.score import score

from ..conftest import DATA, ROOT

FRAMEWORKS = ROOT / "frameworks"
BADGE = DATA / "badge-mini.yaml"
OTHER = ROOT / "other-examples"  # apart from examples/, which is the ODPM set


def scored(framework_path: Path, evidence_path: Path):
    framework = load_framework(framework_path)
    record, _ = load_evidence(evidence_path, framework)
    return score(framework, record)


def groups(a):
    """Every group in the assessment by id, at any depth."""
    found = {}

    def walk(g):
        found[g.id] = g
        for inner in g.levels:
            walk(inner)

    for aspect in a.aspects:
        walk(aspect)
    return found


@pytest.fixture(scope="module")
def samm():
    return scored(FRAMEWORKS / "owasp-samm-2-governance.yaml",
                  OTHER / "samm-governance-northgate.yaml")


def test_samm_streams_sum_their_answers_counting_the_unanswered_as_zero(samm):
    g = groups(samm)
    assert (g["G-SM-A"].value, g["G-SM-B"].value) == (1.5, 0.75)
    assert (g["G-PC-A"].value, g["G-PC-B"].value) == (2.25, 0.25)
    # 1 + skipped + skipped is 1.0 of 3, not 100
    assert (g["G-EG-B"].value, g["G-EG-B"].maximum, g["G-EG-B"].score) == (1, 3, 33.3)


def test_samm_counts_a_question_met_only_at_its_top_answer(samm):
    # Answered 1 (SAMM's top): G-SM-1-A, G-PC-1-A, G-PC-2-A, G-EG-1-B. Every other answer
    # (0, 0.25, 0.5) falls short, and an unanswered question counts as 0.
    assert {c.id for c in samm.criteria if c.met} == {"G-SM-1-A", "G-PC-1-A", "G-PC-2-A",
                                                      "G-EG-1-B"}  # fmt: skip
    assert {c.met for c in samm.criteria} == {True, False}


def test_samm_practices_and_the_function_are_means_in_samm_units(samm):
    g = groups(samm)
    assert [(g[p].value, g[p].maximum, g[p].score) for p in ("G-SM", "G-PC", "G-EG")] == [
        (1.13, 3, 37.5), (1.25, 3, 41.7), (0.5, 3, 16.7)]
    assert (g["G"].value, g["G"].score) == (0.96, 31.9)  # not 32.0: no rounding on the way
    assert (samm.overall.value, samm.overall.score) == (0.96, 31.9)


def _northgate(tmp_path):
    """A copy of the SAMM example (Northgate) to work on."""
    path = tmp_path / "samm.yaml"
    path.write_text((OTHER / "samm-governance-northgate.yaml").read_text())
    return path


def test_samm_refuses_answers_it_does_not_offer_and_n_a(cli, tmp_path):
    text = (OTHER / "samm-governance-northgate.yaml").read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("rating: 0.25\n", "rating: 0.3\n", 1)
                   .replace("rating: 0.5\n", "rating: n/a\n", 1))
    result = cli("validate", bad)
    assert result.exit_code == 1
    assert "0.3 is not one of its answers (0 No, 0.25 " in result.output
    assert "one of the applications; or n/a)" not in result.output  # SAMM has no n/a
    assert "does not allow n/a for G-SM-2-A" in result.output


def test_a_rating_not_among_an_item_s_answers_is_told_with_its_answers(cli, tmp_path):
    # Each line names what the item offers: its own answers (not "a whole number, such as
    # 2", which is no answer here either), its words taken for its value, n/a only where
    # the item allows it.
    text = (DATA / "badge-p.yaml").read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("license_location: {rating: 1}", "license_location: {rating: 0.5}")
                   .replace("warnings_strict: {rating: 1}", "warnings_strict: {rating: Met}")
                   .replace("vulnerability_report_process: {rating: 1}",
                            "vulnerability_report_process: {rating: too-soon}"))  # fmt: skip
    result = cli("validate", "-f", DATA / "badge-mini.yaml", bad)
    assert result.exit_code == 1
    out = " ".join(result.output.split())
    assert "license_location › rating: 0.5 is not one of its answers (0 Unmet, 1 Met)" in out
    assert 'warnings_strict › rating: "Met": write the answer\'s value, 1, not its words' in out
    assert ('vulnerability_report_process › rating: unknown verdict "too-soon" (a rating is '
            "one of its answers, n/a, or one of: too-early, insufficient-evidence)") in out


def test_samm_table_shows_samm_units_and_every_level(cli):
    result = cli("score", OTHER / "samm-governance-northgate.yaml")
    assert result.exit_code == 0, result.output
    assert "1.13 of 3" in result.stdout and "0.96 of 3" in result.stdout
    assert "Stream B: Measure and Improve subtotal" in result.stdout
    assert "G-SM-1-A" in result.stdout


def test_pfpp_scores_from_the_floor_and_groups_from_their_children():
    a = scored(FRAMEWORKS / "pfpp-place-2024.yaml", OTHER / "pfpp-eastmoor-self-assessment.yaml")
    assert [x.score for x in a.aspects] == [50.0, 50.0, 0.0, 75.0, 50.0]
    assert a.overall.score == 45.0
    assert a.criterion("1c").score == 0.0  # the lowest answer, at the floor
    assert a.aspects[0].description.startswith("• Organisational structures can be overly")
    assert a.overall.passed is None  # no importance levels: no pass to give


def test_badge_project_p_passes_at_100():
    a = scored(BADGE, DATA / "badge-p.yaml")
    assert (a.overall.score, a.overall.passed, a.overall.unmet_required) == (100.0, True, ())


def test_badge_project_q_is_refused_by_validate_with_both_faults_in_one_run(cli):
    result = cli("validate", "-f", BADGE, DATA / "badge-q.yaml")
    assert result.exit_code == 1
    assert "line 5, at judgements › homepage_url › rating: homepage_url answered 1 (Met) " \
        "needs a web link" in result.output
    assert "line 7, at judgements › license_location › rating: the framework does not " \
        "allow n/a for license_location" in result.output


def test_badge_project_q_put_right_still_gets_no_badge(cli, tmp_path):
    fixed = tmp_path / "q.yaml"
    fixed.write_text((DATA / "badge-q.yaml").read_text()
                     .replace("rationale: Described on the home page",
                              "rationale: Described at https://q.example.org")
                     .replace("license_location: {rating: n/a}",
                              "license_location: {rating: 1}"))  # fmt: skip
    a = scored(BADGE, fixed)
    assert (a.overall.score, a.overall.passed) == (85.7, False)
    assert a.overall.unmet_required == ("crypto_published",)
    assert scored(BADGE, DATA / "badge-p.yaml").overall.score > a.overall.score
    result = cli("score", "-f", BADGE, fixed)
    assert "Does not pass: not met, and required: crypto_published (MUST)." in result.stdout


def test_badge_unjudged_must_is_unmet_and_counts_as_zero(tmp_path):
    text = (DATA / "badge-p.yaml").read_text()
    partial = tmp_path / "p.yaml"
    partial.write_text(text.replace("  license_location: {rating: 1}\n", ""))
    a = scored(BADGE, partial)
    assert (a.overall.score, a.overall.passed) == (85.7, False)  # 6 of 7


def test_samm_json_carries_samm_units_and_validates(cli):
    import json

    import jsonschema

    result = cli("score", "--format", "json", OTHER / "samm-governance-northgate.yaml")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    jsonschema.validate(document, json.loads(cli("schema", "score").stdout))
    a = document["assessments"][0]
    assert (a["overall"]["score"], a["overall"]["value"], a["overall"]["maximum"]) == (
        31.9, 0.96, 3)
    stream = a["aspects"][0]["levels"][0]["levels"][1]  # G-SM-B, nested two deep
    assert (stream["id"], stream["value"]) == ("G-SM-B", 0.75)
    assert a["criteria"][1]["indicators"][0]["rating"] == 0.5


def test_badge_json_says_whether_it_passes(cli):
    import json

    result = cli("score", "--format", "json", "-f", BADGE, DATA / "badge-p.yaml")
    overall = json.loads(result.stdout)["assessments"][0]["overall"]
    assert overall["passed"] is True and "unmet_required" not in overall


def test_reports_show_group_descriptions_guidance_and_the_groups_within(cli, tmp_path):
    out = tmp_path / "samm.md"
    result = cli("report", OTHER / "samm-governance-northgate.yaml", "-o", out,
                 "--format", "md")  # fmt: skip
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "Governance focuses on the processes and activities" in text  # the description
    assert "**Stream B: Measure and Improve:** Score 25.0 (0.75 of 3)." in text
    assert "Score 31.9 (0.96 of 3)" in text
    pfpp = tmp_path / "pfpp.html"
    cli("report", OTHER / "pfpp-eastmoor-self-assessment.yaml", "-o", pfpp, "--format", "html")
    page = pfpp.read_text()
    assert "<strong>Guidance:</strong> Central government and local authorities are made up" \
        in page


def test_assess_shows_where_a_question_sits_and_its_groups_description(cli, tmp_path):
    path = _northgate(tmp_path)
    result = cli("assess", path, "--answers", "-", input="0.25\n\nq\n")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Governance › Strategy and Metrics › Stream B: Measure and Improve › Maturity " \
        "level 3" in out
    assert "G-SM-3-B: rate 0/0.25/0.5/1" in out
    assert "Quality criteria:" in out
    assert "Saved: G-SM-3-B rated 0.25 (" in out


def test_samm_counts_a_verdict_as_unanswered_that_is_zero(cli, tmp_path):
    # SAMM counts whatever is not answered as 0; a verdict (too early to say) is no answer
    # either. The five unanswered questions of Northgate given verdicts leave every figure
    # as worked by hand in tests/report/test_deep_summary.py: Governance 0.96 of 3 (31.9%),
    # Education and Guidance's stream B 1 of 3 (33.3%), not 100% of what was answered.
    text = (OTHER / "samm-governance-northgate.yaml").read_text()
    verdicts = "".join(f"  {q}:\n    rating: {v}\n" for q, v in [
        ("G-SM-3-B", "too-early"), ("G-EG-2-A", "too-early"), ("G-EG-3-A", "too-early"),
        ("G-EG-2-B", "insufficient-evidence"), ("G-EG-3-B", "too-early")])  # fmt: skip
    path = tmp_path / "verdicts.yaml"
    assert text.rstrip().endswith("G-EG-1-B:\n    rating: 1")  # judgements end the file
    path.write_text(text.rstrip("\n") + "\n" + verdicts)
    assert cli("validate", path).exit_code == 0
    a = scored(FRAMEWORKS / "owasp-samm-2-governance.yaml", path)
    g = groups(a)
    assert (g["G"].value, g["G"].maximum, g["G"].score) == (0.96, 3, 31.9)
    assert (g["G-EG-B"].value, g["G-EG-B"].maximum, g["G-EG-B"].score) == (1, 3, 33.3)
    assert a.criterion("G-EG-2-B").status == "verdict"  # still shown as the verdict


def test_a_framework_may_have_no_verdicts_and_assess_then_offers_none(cli, tmp_path):
    own = tmp_path / "samm-no-verdicts.yaml"
    own.write_text((FRAMEWORKS / "owasp-samm-2-governance.yaml").read_text()
                   .replace("id: owasp-samm-2-governance", "id: samm-no-verdicts", 1)
                   .replace("\nscoring:\n", "\nverdicts: []\nscoring:\n", 1))  # fmt: skip
    assert cli("validate", own).exit_code == 0
    path = tmp_path / "samm.yaml"
    text = (OTHER / "samm-governance-northgate.yaml").read_text()
    path.write_text("\n".join(line for line in text.replace(
        "id: owasp-samm-2-governance", "id: samm-no-verdicts").split("\n")
        if not line.startswith("  hash:")))  # fmt: skip
    result = cli("assess", path, "-f", own, "--answers", "-", input="v\n0.25\n\nq\n")
    out = " ".join(result.output.split())
    assert "G-SM-3-B: rate 0/0.25/0.5/1, or e u s b j p t q (? for help)" in out
    assert "Please type a rating (0, 0.25, 0.5, 1) or a letter" in out  # v is not one


def test_assess_does_not_offer_n_a_where_the_framework_forbids_it(cli, tmp_path):
    # SAMM has no n/a: the menu leaves n out, and an n typed is refused, the sitting going
    # on (it used to be taken, asked why, and then refused on saving, ending the sitting).
    path = _northgate(tmp_path)
    result = cli("assess", path, "--answers", "-", input="n\n0.25\n\nq\n")
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "G-SM-3-B: rate 0/0.25/0.5/1, or v e u s b j p t q (? for help)" in out
    assert ("The framework does not allow n/a for G-SM-3-B: type one of its answers (0, 0.25, "
            "0.5, 1).") in out  # fmt: skip
    assert "Saved: G-SM-3-B rated 0.25 (" in out
    assert cli("validate", path).exit_code == 0


def test_assess_lists_a_question_s_answers_and_helps_with_what_it_offers(cli, tmp_path):
    # SAMM: each answer's words before the rating, and help that names the answers and no
    # letter the menu does not offer (n: no n/a in SAMM; w: a question has no indicators).
    from laaeval.assess.session import HELP

    path = _northgate(tmp_path)
    result = cli("assess", path, "--answers", "-", input="?\nq\n")
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert ("Answers: 0 No · 0.25 Yes, but review is ad-hoc · 0.5 Yes, we review it regularly "
            "· 1 Yes, we review it continuously") in out  # G-SM-3-B, the first unanswered
    assert "0/0.25/0.5/1 answer it with one of its own answers" in out
    lines = result.output.splitlines()
    assert not any(line.startswith(("  n     ", "  w     ", "  0-3   ")) for line in lines)
    assert any(line.startswith("  v     give a verdict") for line in lines)
    odpm_file = tmp_path / "odpm.yaml"
    odpm_file.write_text((ROOT / "examples" / "wealdshire-mid-way.yaml").read_text())
    odpm = cli("assess", odpm_file, "--answers", "-", input="?\nq\n")
    assert HELP in odpm.output  # the framework's scale, every letter: as before


def test_hints_name_a_framework_file_that_is_not_installed(cli, tmp_path):
    own = tmp_path / "our-own.yaml"
    own.write_text((FRAMEWORKS / "pfpp-place-2024.yaml").read_text()
                   .replace("id: pfpp-place-2024", "id: our-own"))  # fmt: skip
    shown = cli("show", own)
    assert f"laaeval show {own} 1a" in shown.stdout
    assert cli("show", own, "1a").exit_code == 0  # the hint resolves
    record = tmp_path / "ours.yaml"
    record.write_text((OTHER / "pfpp-eastmoor-self-assessment.yaml").read_text()
                      .replace("id: pfpp-place-2024", "id: our-own")
                      .replace("  hash:", "  old_hash:").replace("  old_hash: ", "#"))
    scored_without = cli("score", record)
    assert scored_without.exit_code == 2
    assert "pass it with --framework PATH" in scored_without.output
    assert cli("score", record, "-f", own).exit_code == 0
    sitting = cli("assess", record, "-f", own, "--answers", "-", input="q\n")
    said = " ".join(sitting.stdout.split())  # the terminal wraps a long line
    assert f"To carry on: laaeval assess {record} --framework {own}" in said


def test_the_framework_schema_documents_every_new_field(cli):
    import json

    schema = json.loads(cli("schema", "framework").stdout)
    top = schema["properties"]
    for name in ("id_pattern", "answer_sets", "importance", "scoring"):
        assert top[name]["description"], name
    assert set(schema["required"]) == {"laaeval", "id", "version", "title", "aspects"}
    level = schema["$defs"]["level"]["properties"]
    assert {"levels", "description", "guidance", "aggregate", "weight"} <= set(level)
    item = schema["$defs"]["criteria"]["items"]["properties"]
    assert {"importance", "answers", "not_applicable", "requires_link", "guidance"} <= set(item)
    assert "short" in top["bands"]["items"]["properties"]
    assert set(top["scoring"]["properties"]) == {
        "aggregate", "criteria", "unjudged", "not_applicable", "floor", "units", "decimals"}


WEIGHTED = """\
laaeval: framework/1
id: weighted
version: "1"
title: Weights by importance and by group
scale:
  - {value: 0, label: No}
  - {value: 1, label: Partly}
  - {value: 2, label: Yes}
importance:
  - {id: high, label: High, weight: 3}
  - {id: low, label: Low, weight: 1}
scoring: {aggregate: weighted-mean}
aspects:
  - id: A
    title: First
    weight: 3
    criteria:
      - {id: A1, text: One, importance: high, indicators: []}
      - {id: A2, text: Two, importance: low, indicators: []}
  - id: B
    title: Second
    aggregate: sum
    criteria:
      - {id: B1, text: Three, indicators: []}
      - {id: B2, text: Four, indicators: []}
"""


def test_importance_weights_group_weights_and_a_summed_group(tmp_path):
    """A1 Yes (100%, weight 3), A2 No (0%, weight 1): A = (2·3 + 0·1) / 4 = 1.5 of 2 = 75.0.
    B sums: B1 Partly + B2 Yes = 3 of 4 = 75.0; so the whole, weighted 3 to 1, is
    (1.5/2 · 3 + 3/4 · 1) / 4 — in percentages (75·3 + 75·1) / 4 = 75.0, and with A2 Partly
    instead: A = (2·3 + 1·1) / 4 = 1.75 → 87.5; whole (87.5·3 + 75) / 4 = 84.375 → 84.4."""
    framework = tmp_path / "weighted.yaml"
    framework.write_text(WEIGHTED)
    record = tmp_path / "e.yaml"
    record.write_text("laaeval: evidence/2\nframework: {id: weighted, version: '1'}\n"
                      "pilot: {name: P, round: one}\n"
                      "judgements: {A1: {rating: 2}, A2: {rating: 1}, B1: {rating: 1},"
                      " B2: {rating: 2}}\n")  # fmt: skip
    a = scored(framework, record)
    assert [x.score for x in a.aspects] == [87.5, 75.0]
    assert a.overall.score == 84.4


SCORECARD = """\
laaeval: framework/1
id: scorecard
version: "1"
title: A civic scorecard whose section weights depend on the council type
pilot_attributes:
  - {id: council, label: Council type, values: [county, district, unitary]}
scale:
  - {value: 0, label: No}
  - {value: 1, label: Yes}
aspects:
  - id: H
    title: Housing
    weights_by: {council: {district: 3, county: 1}}
    criteria:
      - {id: H1, text: A housing plan, indicators: []}
      - {id: H2, text: Homes built, indicators: []}
  - id: T
    title: Transport
    weights_by: {council: {county: 3}}
    criteria:
      - {id: T1, text: A transport plan, indicators: [], applies_to: {council: [county, unitary]}}
      - {id: T2, text: Buses, indicators: []}
"""


@pytest.mark.parametrize(("council", "overall"), [
    # Housing (H1 Yes, H2 No) = 50.0; Transport (T1 Yes, T2 Yes) = 100.0, or, for a district,
    # whom T1 does not apply to, T2 alone = 100.0.
    ("county", 87.5),     # (50·1 + 100·3) / 4
    ("district", 62.5),   # (50·3 + 100·1) / 4
    ("unitary", 75.0),    # neither listed: weight 1 each, (50 + 100) / 2
])  # fmt: skip
def test_section_weights_depend_on_the_council_type(tmp_path, council, overall):
    framework = tmp_path / "scorecard.yaml"
    framework.write_text(SCORECARD)
    record = tmp_path / "e.yaml"
    judged = "T1: {rating: 1}, " if council != "district" else ""
    record.write_text("laaeval: evidence/2\nframework: {id: scorecard, version: '1'}\n"
                      f"pilot: {{name: P, round: one, council: {council}}}\n"
                      f"judgements: {{H1: {{rating: 1}}, H2: {{rating: 0}}, {judged}"
                      "T2: {rating: 1}}\n")  # fmt: skip
    a = scored(framework, record)
    assert [x.score for x in a.aspects] == [50.0, 100.0]
    assert a.overall.score == overall


def test_weights_by_names_attributes_and_values_the_framework_has(cli, tmp_path):
    framework = tmp_path / "scorecard.yaml"
    framework.write_text(SCORECARD.replace("district: 3, county: 1", "distric: 3, county: 1")
                         .replace("{council: {county: 3}}", "{tier: {county: 3}}"))
    result = cli("validate", framework)
    assert result.exit_code == 1
    assert 'aspects › H › weights_by › council › distric: unknown value of council "distric"' \
        in result.output
    assert 'aspects › T › weights_by › tier: unknown pilot attribute "tier"' in result.output


def test_assess_asks_again_until_a_required_link_is_given(cli, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text((DATA / "badge-p.yaml").read_text()
                    .replace("  homepage_url: {rating: 1, rationale: \"https://p.example.org "
                             "says what it does\"}\n", ""))  # fmt: skip
    assert "homepage_url" not in path.read_text()
    result = cli("assess", path, "-f", BADGE, "--answers", "-",
                 input="1\nOn the home page\nhttps://p.example.org/about\nq\n")
    assert result.exit_code == 0, result.output
    assert "This answer needs a web link" in result.stdout
    assert "Please include the web link (starting https://)." in result.stdout
    assert 'homepage_url: {rating: 1, rationale: "https://p.example.org/about"}' in path.read_text()
    assert cli("validate", "-f", BADGE, path).exit_code == 0


def test_show_says_how_much_each_part_counts(cli, tmp_path):
    # Weights, weights by a pilot's details, importance and a group's way of working are
    # what a reader needs to check a weighted score by hand.
    own = tmp_path / "civic.yaml"
    own.write_text(
        'laaeval: framework/1\nid: civic\nversion: "1"\ntitle: Civic scorecard\n'
        "pilot_attributes:\n  - {id: council, label: Council type, values: [district, county]}\n"
        "answer_sets:\n  s: [{value: 0, label: No}, {value: 1, label: Yes}]\n"
        "importance:\n  - {id: high, label: High, weight: 3}\n"
        "aspects:\n  - id: H\n    title: Housing\n    weights_by: {council: {district: 3}}\n"
        "    criteria:\n      - {id: H1, text: Housing one, answers: s, weight: 2, importance: "
        "high, indicators: []}\n"
        "  - id: T\n    title: Transport\n    aggregate: sum\n    criteria:\n"
        "      - {id: T1, text: Transport one, answers: s, indicators: []}\n")  # fmt: skip
    result = cli("show", own)
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert "H Housing (1 criterion; weight by council: district 3)" in out
    assert "T Transport (1 criterion; the sum of its parts)" in out
    assert "H1 Housing one (judged directly; weight 2; high)" in out
    assert "T1 Transport one (judged directly)" in out


def test_a_weight_in_a_group_worked_as_a_sum_is_refused_not_ignored(cli, tmp_path):
    # A sum adds its parts as they are: P1's weight of 3 would count for nothing, and the
    # group score 50% where its author meant (3 × 1 + 0) / 4 = 75%.
    own = tmp_path / "sum.yaml"
    own.write_text(
        'laaeval: framework/1\nid: sumw\nversion: "1"\ntitle: Sum with weights\n'
        "answer_sets:\n  s: [{value: 0, label: No}, {value: 1, label: Yes}]\n"
        "aspects:\n  - id: P\n    title: Practice\n    aggregate: sum\n    criteria:\n"
        "      - {id: P1, text: One, answers: s, weight: 3, indicators: []}\n"
        "      - {id: P2, text: Two, answers: s, indicators: []}\n")  # fmt: skip
    result = cli("validate", own)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f'Error: {own}, line 12, at aspects › P › criteria › P1 › weight: "P1" is given a '
        'weight, but "P" is worked as the sum of its parts, which weighs none of them: remove '
        'it, or work "P" as a mean (which weighs them)')
    own.write_text(own.read_text().replace("aggregate: sum", "aggregate: mean"))
    assert cli("validate", own).exit_code == 0
