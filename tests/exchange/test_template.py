"""`laaeval template`: the workbook an evaluator fills in."""

from __future__ import annotations

import openpyxl
import pytest

from laaeval.exchange import layout as L
from laaeval.exchange.template import build
from laaeval.model.catalogue import resolve
from laaeval.model.framework import load_framework
from laaeval.model.store import load_evidence

from ..conftest import EXAMPLES, MINI_EVIDENCE, MINI_FRAMEWORK

ASHBRIDGE = EXAMPLES / "ashbridge-final.yaml"


def workbook(cli, tmp_path, *args):
    out = tmp_path / "book.xlsx"
    result = cli("template", *args, "--output", out)
    assert result.exit_code == 0, result.stderr
    return openpyxl.load_workbook(out), result


def rows(ws):
    return [[c.value for c in row] for row in ws.iter_rows()]


def column(ws, header):
    headers = [c.value for c in ws[1]]
    return headers.index(header) + 1


def test_a_blank_workbook_has_its_sheets_and_says_what_to_do(cli, tmp_path):
    wb, result = workbook(cli, tmp_path, "odpm-laa-2005", "--pilot", "Northmoor", "--round",
                          "mid-way", "--detail", "tier=two-tier")  # fmt: skip
    assert wb.sheetnames == ["About", "Pilot", "Criteria", "Evidence", "Lists"]
    assert "laaeval import" in result.stderr
    about = "\n".join(str(v) for row in rows(wb["About"]) for v in row if v)
    assert "Evaluation framework for the pilot Local Area Agreements" in about
    assert "never a zero" in about
    pilot = {row[3]: row[1] for row in rows(wb["Pilot"])[1:]}
    assert pilot["pilot:name"] == "Northmoor"
    assert pilot["pilot:round"] == "mid-way"
    assert pilot["pilot:tier"] == "two-tier"
    assert pilot[L.FRAMEWORK_ID] == "odpm-laa-2005"
    assert pilot[L.MARKER] == L.WORKBOOK_FORMAT


def test_criteria_sheet_lists_every_part_of_the_framework_in_order(cli, tmp_path):
    wb, _ = workbook(cli, tmp_path, "odpm-laa-2005")
    framework = resolve("odpm-laa-2005")
    ids = [row[0] for row in rows(wb["Criteria"])[1:]]
    expected = []
    for aspect in framework.aspects:
        expected.append(aspect.id)
        for level in aspect.levels or (aspect,):
            if level is not aspect:
                expected.append(level.id)
            for c in level.criteria:
                expected += [c.id, *(i.id for i in c.indicators)]
    assert ids == expected
    assert ids[:4] == ["P", "PN", "PN1", "PN1.1"]
    ws = wb["Criteria"]
    text = {row[0]: row[1] for row in rows(ws)[1:]}
    assert text["PN3.2"] == framework.units_by_id["PN3.2"].text


def test_the_framework_text_is_locked_and_the_judgements_are_not(cli, tmp_path):
    wb, _ = workbook(cli, tmp_path, "odpm-laa-2005")
    ws = wb["Criteria"]
    assert ws.protection.sheet
    by_id = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    rating, rationale, text = column(ws, "Rating"), column(ws, "Rationale"), column(ws, "Text")
    for ident in ("PN3.2", "PN9"):  # an indicator; a criterion judged directly
        row = by_id[ident]
        assert ws.cell(row, text).protection.locked
        assert not ws.cell(row, rating).protection.locked
        assert not ws.cell(row, rationale).protection.locked
    assert ws.cell(by_id["PN"], rating).protection.locked  # a level is not judged
    assert ws.freeze_panes == "B2"
    assert wb["Evidence"].freeze_panes == "B2"
    assert not wb["Evidence"].protection.sheet  # rows can be added and sorted


def test_a_criterion_judged_only_through_its_indicators_has_no_rating_cell(cli, tmp_path):
    wb, _ = workbook(cli, tmp_path, MINI_FRAMEWORK)
    ws = wb["Criteria"]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "Y1")
    assert ws.cell(row, 3).value == "judged through its indicators"
    assert ws.cell(row, 3).protection.locked


def validations(ws):
    out = {}
    for check in ws.data_validations.dataValidation:
        for cells in check.sqref.ranges:
            out.setdefault(check.formula1, []).append(str(cells))
    return out


def list_values(wb, formula):
    sheet, cells = formula.split("!")
    ws = wb[sheet]
    return [c.value for row in ws[cells.replace("$", "")] for c in row]


def test_drop_downs_offer_the_frameworks_own_words(cli, tmp_path):
    wb, _ = workbook(cli, tmp_path, "odpm-laa-2005")
    criteria = validations(wb["Criteria"])
    ratings = next(f for f in criteria if f and list_values(wb, f)[0] == "0 Not met")
    assert list_values(wb, ratings) == ["0 Not met", "1 Partly met", "2 Largely met",
                                        "3 Fully met", "Not applicable", "Too early to say",
                                        "Insufficient evidence"]  # fmt: skip
    evidence = validations(wb["Evidence"])
    lists = {tuple(list_values(wb, f)): cells for f, cells in evidence.items() if f}
    sources = next(k for k in lists if "cg-interview" in k)
    assert lists[sources] == ["C2:C1048576"]
    assert next(k for k in lists if "Government Office" in k)
    assert next(k for k in lists if k == ("primary", "synthesis"))


def test_filled_from_an_evidence_file_it_holds_every_item_and_judgement(cli, tmp_path):
    wb, _ = workbook(cli, tmp_path, "--from", ASHBRIDGE)
    record, framework = load_evidence(ASHBRIDGE)
    evidence = rows(wb["Evidence"])
    assert [row[0] for row in evidence[1:]] == [e.id for e in record.evidence]
    e3 = next(row for row in evidence if row[0] == "E3")
    headers = evidence[0]
    assert e3[headers.index("Perspective")] == "Central government"
    assert e3[headers.index("Bears on (challenges)")] == "PR2.3 PR1.4 PR1.2"
    criteria = {row[0]: row for row in rows(wb["Criteria"])[1:]}
    assert criteria["PN1.1"][2] == L.rating_text(record.judgements["PN1.1"], framework)


def test_text_that_looks_like_a_formula_is_kept_as_text(tmp_path):
    framework = load_framework(MINI_FRAMEWORK)
    record, _ = load_evidence(MINI_EVIDENCE, framework)
    from dataclasses import replace

    item = replace(record.evidence[0], summary="=HYPERLINK(\"http://x\",\"click\")",
                   quote="+44 1234", reference="@SUM(A1)")  # fmt: skip
    record = replace(record, evidence=(item, *record.evidence[1:]))
    path = tmp_path / "b.xlsx"
    path.write_bytes(build(framework, record))
    ws = openpyxl.load_workbook(path)["Evidence"]
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate
    summary = ws.cell(2, column(ws, "Summary"))
    assert summary.value == "=HYPERLINK(\"http://x\",\"click\")"
    assert summary.quotePrefix


@pytest.mark.parametrize("args", [
    ("odpm-laa-2005", "--output", "book.csv"),
    ("--output", "book.xlsx"),
    ("odpm-laa-2005", "--output", "book.xlsx", "--detail", "tier=three-tier"),
    ("odpm-laa-2005", "--output", "book.xlsx", "--detail", "size=big"),
    ("--from", "missing.yaml", "--output", "book.xlsx"),
])  # fmt: skip
def test_a_mistake_is_one_line_and_writes_nothing(cli, tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = cli("template", *args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert result.stderr.startswith("Error: ")
    assert not list(tmp_path.iterdir())


def test_the_template_never_replaces_the_evidence_file_it_is_filled_from(cli, tmp_path):
    evidence = tmp_path / "e.xlsx"
    evidence.write_text(MINI_EVIDENCE.read_text())
    result = cli("template", MINI_FRAMEWORK, "--from", evidence, "-o", evidence)
    assert result.exit_code == 2
    assert evidence.read_text() == MINI_EVIDENCE.read_text()


def test_the_import_hint_names_a_framework_file_of_ones_own(cli, tmp_path, monkeypatch):
    """Issue 15: every hint laaeval prints names something that resolves. A workbook for a
    framework that is not installed says to import it with that framework's file."""
    monkeypatch.chdir(tmp_path)
    own = tmp_path / "own.yaml"
    own.write_text(MINI_FRAMEWORK.read_text())
    result = cli("template", own, "--pilot", "P", "--round", "r", "-o", "book.xlsx")
    assert result.exit_code == 0, result.stderr
    hint = result.stderr.strip().split("Fill it in, then: ")[1]
    assert hint == f"laaeval import book.xlsx --output evidence.yaml --framework {own}"
    done = cli(*hint.split()[1:])
    assert done.exit_code == 0, done.stderr
    # --from a file recorded against it: the framework by --framework, as other commands take it
    result = cli("template", "--from", "evidence.yaml", "-f", own, "-o", "again.xlsx")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip().endswith(
        f"laaeval import again.xlsx --output evidence.yaml --framework {own}")
    shipped = cli("template", "odpm-laa-2005", "-o", "odpm.xlsx")
    assert shipped.stderr.strip().endswith("--output evidence.yaml")  # found by its id
    both = cli("template", "odpm-laa-2005", "-f", own, "-o", "x.xlsx")
    assert both.exit_code == 2 and "give one" in both.stderr
