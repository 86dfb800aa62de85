"""A criterion counted as met though its answer is not (the Best Practices badge's rule: a
justified unmet SHOULD and an unmet SUGGESTED are "enough") says so wherever its 100 is
shown: the score table, the score JSON, and every written report (issue 15).

Project P (tests/data/badge-p.yaml) by the badge's own rule, worked by hand: homepage_url
Met, crypto_published N/A (allowed), license_location Met, vulnerability_report_process Met,
test_policy a SHOULD answered Unmet with a rationale (justified: enough), enhancement_responses
a SUGGESTED answered Unmet (enough whatever), warnings_strict Met: 7 enough of 7 = 100.0. Only
test_policy rests on a justification, and only enhancement_responses on its importance alone.
Without its rationale, test_policy is not enough: 6 of 7 = 85.714…% → 85.7.
"""

from __future__ import annotations

import io
import json

import openpyxl
from docx import Document

from ..conftest import DATA

BADGE = ("-f", DATA / "badge-mini.yaml")
P = DATA / "badge-p.yaml"


def _json(cli, path) -> dict:
    result = cli("score", path, *BADGE, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["assessments"][0]


def test_score_json_says_which_criteria_rest_on_the_rule_not_the_answer(cli, tmp_path):
    import jsonschema

    result = cli("score", P, *BADGE, "--format", "json")
    jsonschema.validate(json.loads(result.stdout), json.loads(cli("schema", "score").stdout))
    out = tmp_path / "p.json"
    assert cli("report", P, *BADGE, "--output", out).exit_code == 0
    jsonschema.validate(json.loads(out.read_text()), json.loads(cli("schema", "report").stdout))
    a = _json(cli, P)
    assert a["overall"]["score"] == 100.0
    met_by = {c["id"]: c.get("met_by") for c in a["criteria"]}
    assert met_by == {"homepage_url": None, "crypto_published": "not_applicable",
                      "license_location": None,
                      "vulnerability_report_process": None, "test_policy": "justified",
                      "enhancement_responses": "always", "warnings_strict": None}  # fmt: skip


def test_an_unjustified_unmet_should_is_not_met_and_not_flagged(cli, tmp_path):
    path = tmp_path / "p.yaml"
    path.write_text(P.read_text().replace(
        "test_policy: {rating: 0, rationale: Tests are written by the one maintainer as they go}",
        "test_policy: {rating: 0}"))  # fmt: skip
    a = _json(cli, path)
    assert a["overall"]["score"] == 85.7
    test_policy = next(c for c in a["criteria"] if c["id"] == "test_policy")
    assert (test_policy["score"], test_policy["met"], "met_by" in test_policy) == (0.0, False,
                                                                                   False)
    table = cli("score", path, *BADGE).stdout
    assert "met on justification" not in table
    assert "counts though unmet" in table  # the SUGGESTED still counts, and says so


def test_the_score_table_flags_both_and_lists_them(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    result = cli("score", P, *BADGE)
    lines = result.stdout.splitlines()
    row = next(line for line in lines if line.startswith("test_policy "))
    assert "met on justification" in row and "100.0" in row
    row = next(line for line in lines if line.startswith("enhancement_responses "))
    assert "counts though unmet" in row
    assert "Not met but counted as met, on a justification: test_policy." in lines
    assert "Not met but counted as met, as its importance allows: enhancement_responses." in lines
    for other in ("homepage_url ", "warnings_strict ", "license_location "):
        row = next(line for line in lines if line.startswith(other))
        assert "justification" not in row and "unmet" not in row


def _report(cli, tmp_path, suffix: str) -> bytes:
    out = tmp_path / f"p.{suffix}"
    result = cli("report", P, *BADGE, "--output", out)
    assert result.exit_code == 0, result.stderr
    return out.read_bytes()


def test_every_written_report_says_the_score_rests_on_a_justification(cli, tmp_path):
    sentence = ("Not met, but counted as met because the judgement is justified, as its "
                "importance allows (SHOULD).")  # fmt: skip
    md = _report(cli, tmp_path, "md").decode("utf-8")
    assert "- **test\\_policy** The project SHOULD have a policy that new tests are added. — met " \
        "on justification" in md
    assert sentence in " ".join(md.split())
    html = _report(cli, tmp_path, "html").decode("utf-8")
    assert "<li><strong>test_policy</strong> The project SHOULD have a policy that new tests " \
        "are added. — met on justification</li>" in html
    assert sentence in html
    doc = Document(io.BytesIO(_report(cli, tmp_path, "docx")))
    paragraphs = [p.text for p in doc.paragraphs]
    assert "test_policy The project SHOULD have a policy that new tests are added. — met on " \
        "justification" in paragraphs
    assert any(sentence in p for p in paragraphs)
    wb = openpyxl.load_workbook(io.BytesIO(_report(cli, tmp_path, "xlsx")))
    ws = wb["Criteria"]
    header = [c.value for c in ws[1]]
    flags = {row[header.index("ID")]: row[header.index("Flags")]
             for row in ws.iter_rows(min_row=2, values_only=True)}  # fmt: skip
    assert "met on justification" in flags["test_policy"]
    assert "counts though unmet" in flags["enhancement_responses"]
    assert "unmet" not in (flags["warnings_strict"] or "")


# An allowed N/A counts as met under the badge's rule (not_applicable: met). Project P's
# crypto_published is one: it is shown with the 100 it adds and counted, so that the rows
# add up to the total (7 criteria, 7 judged, 7 enough of 7 = 100.0), says why, and is not
# listed as wanting evidence (an n/a needs none).


def test_an_n_a_counted_as_met_is_shown_and_counted_in_the_table(cli, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    lines = cli("score", P, *BADGE).stdout.splitlines()
    row = next(line for line in lines if line.startswith("crypto_published "))
    assert [cell.strip() for cell in row.split("│")][1:3] == ["1/1", "100.0"]
    assert row.rstrip().endswith("n/a, counted as met")
    totals = [line for line in lines if line.lstrip().startswith("│")]
    assert len(totals) == 2 and all("7/7" in line and "100.0" in line for line in totals)
    assert "Not applicable, and counted as met by the framework's scoring rule: " \
        "crypto_published." in lines
    bare = next(line for line in lines if line.startswith("No evidence yet for"))
    assert bare.startswith("No evidence yet for 6 of 7 criteria:") and "crypto" not in bare


def test_an_n_a_counted_as_met_in_json_csv_and_the_reports(cli, tmp_path):
    a = _json(cli, P)
    c = next(c for c in a["criteria"] if c["id"] == "crypto_published")
    assert (c["status"], c["applicable"], c["score"], c["met"], c["judged"],
            c["applicable_indicators"]) == ("not applicable", True, 100.0, True, 1, 1)
    assert (c["not_applicable_reason"], c["rationale"]) == (
        "marked not applicable by the assessor", "P uses no cryptography")
    assert (a["overall"]["judged"], a["overall"]["applicable"]) == (7, 7)
    # no evidence bears on it: said so, not "not yet judged" (the strength chart's remainder)
    assert c["strength"] == "none" and a["overall"]["strength"]["none"] == 7
    rows = cli("score", P, *BADGE, "--format", "csv").stdout.splitlines()
    header = rows[0].split(",")
    row = dict(zip(header, next(r for r in rows if ",crypto_published," in r).split(","),
                   strict=True))  # fmt: skip
    assert (row["status"], row["score"], row["judged"], row["applicable"]) == (
        "not applicable", "100.0", "1", "1")
    md = " ".join(_report(cli, tmp_path, "md").decode("utf-8").split())
    assert "- **crypto\\_published** The software MUST use only published cryptographic " \
        "protocols. — n/a, counted as met" in md
    assert "Score 100.0. Not applicable, and counted as met, as the framework's scoring rule " \
        "says (MUST)." in md
    assert "**Rationale:** P uses no cryptography" in md
    html = _report(cli, tmp_path, "html").decode("utf-8")
    assert "<li><strong>crypto_published</strong> The software MUST use only published " \
        "cryptographic protocols. — n/a, counted as met</li>" in html
