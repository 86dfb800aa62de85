"""The workbook for a framework whose questions have answers of their own (OWASP SAMM v2:
thirteen answer sets, each 0 / 0.25 / 0.5 / 1 in words of its own, and no not applicable):
each row's Rating drop-down offers that question's answers, and import reads them back
(issue 15)."""

from __future__ import annotations

import openpyxl

from laaeval.exchange import layout as L
from laaeval.files.yamlio import load_path

from ..conftest import ROOT
from .test_import import fill, run_import, template

SAMM = ROOT / "frameworks" / "owasp-samm-2-governance.yaml"
NORTHGATE = ROOT / "other-examples" / "samm-governance-northgate.yaml"


def _drop_down(wb, row: int) -> list[str]:
    """The words the Rating cell of a Criteria row offers (its data validation's list)."""
    ws = wb[L.CRITERIA]
    cell = f"C{row}"
    (check,) = [c for c in ws.data_validations.dataValidation if cell in c.sqref]
    sheet, cells = check.formula1.split("!")
    return [c.value for line in wb[sheet][cells.replace("$", "")] for c in line]


def _row(wb, ident: str) -> int:
    ws = wb[L.CRITERIA]
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == ident)


def test_each_question_offers_its_own_answers_in_words(cli, tmp_path):
    book = template(cli, tmp_path, SAMM, "--pilot", "Northgate", "--round", "baseline")
    wb = openpyxl.load_workbook(book)
    verdicts = ["Too early to say", "Insufficient evidence"]
    # G-SM-1-A is answered on set N, G-SM-2-A on set O (frameworks/owasp-samm-2-governance.yaml)
    assert _drop_down(wb, _row(wb, "G-SM-1-A")) == [
        "0 No", "0.25 Yes, it covers general risks",
        "0.5 Yes, it covers organization-specific risks",
        "1 Yes, it covers risks and opportunities", *verdicts]  # fmt: skip
    assert _drop_down(wb, _row(wb, "G-SM-2-A")) == [
        "0 No", "0.25 Yes, we have a plan that can be used for decision making",
        "0.5 Yes, we consult the plan before making significant decisions",
        "1 Yes, we consult the plan often, and it is aligned with our application security "
        "strategy", *verdicts]  # fmt: skip
    # Not applicable is not an answer in SAMM, so no drop-down offers it.
    ws = wb[L.CRITERIA]
    rated = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 7).value == "criterion"]
    assert len(rated) == 18
    assert all(L.NOT_APPLICABLE_TEXT not in _drop_down(wb, r) for r in rated)
    # Thirteen sets, a list each, each headed by its name.
    headers = [c.value for c in wb[L.LISTS][1]]
    assert sum(1 for h in headers if h and h.startswith("Answer set ")) == 13
    # The groups within a practice have rows of their own: a stream, a maturity level.
    assert ws.cell(_row(wb, "G-SM-A"), 7).value == "level"
    assert ws.cell(_row(wb, "G-SM-A-1"), 7).value == "level"
    about = " ".join(c.value or "" for c in wb[L.ABOUT]["A"])
    assert "Each row's Rating drop-down offers that row's own answers (there are 13 sets" in about
    assert ". A criterion's score" not in about  # no scale to describe: not an empty sentence


def test_answers_chosen_from_each_drop_down_import_as_their_values(cli, tmp_path):
    book = template(cli, tmp_path, SAMM, "--pilot", "Northgate", "--round", "baseline")
    wb = openpyxl.load_workbook(book)
    choose = {"G-SM-1-A": 3, "G-SM-2-A": 2, "G-PC-1-B": 1, "G-EG-3-B": 0}  # index in its list
    rows = [{"ID": ident, "Rating": _drop_down(wb, _row(wb, ident))[n]}
            for ident, n in choose.items()]  # fmt: skip
    fill(book, L.CRITERIA, rows)
    out = tmp_path / "northgate.yaml"
    result = run_import(cli, book, "--output", out, "--framework", SAMM)
    assert result.exit_code == 0, result.stderr
    assert load_path(out)["judgements"] == {
        "G-SM-1-A": {"rating": 1}, "G-SM-2-A": {"rating": 0.5}, "G-PC-1-B": {"rating": 0.25},
        "G-EG-3-B": {"rating": 0}}  # fmt: skip


def test_the_example_goes_to_a_workbook_and_back_unchanged(cli, tmp_path):
    book = template(cli, tmp_path, "--from", NORTHGATE)
    wb = openpyxl.load_workbook(book)
    ws = wb[L.CRITERIA]
    assert ws.cell(_row(wb, "G-SM-2-B"), 3).value == "0.25 Yes, for some of the metrics"
    out = tmp_path / "back.yaml"
    result = run_import(cli, book, "--output", out)
    assert result.exit_code == 0, result.stderr
    original = load_path(NORTHGATE)
    back = load_path(out)
    assert back["judgements"] == original["judgements"]
    assert cli("score", out, "--format", "json").stdout.count('"score": 31.9') >= 1


def test_another_questions_words_are_refused_in_one_line_at_the_cell(cli, tmp_path):
    book = template(cli, tmp_path, SAMM, "--pilot", "Northgate", "--round", "baseline")
    # Set O's words on G-SM-1-A (set N), a word no set has, and not applicable.
    fill(book, L.CRITERIA, [
        {"ID": "G-SM-1-A", "Rating": "0.5 Yes, we consult the plan before making significant "
                                     "decisions"},
        {"ID": "G-SM-2-A", "Rating": "Mostly"},
        {"ID": "G-SM-3-A", "Rating": "Not applicable"}])  # fmt: skip
    wb = openpyxl.load_workbook(book)
    rows = [_row(wb, i) for i in ("G-SM-1-A", "G-SM-2-A", "G-SM-3-A")]
    out = tmp_path / "northgate.yaml"
    result = run_import(cli, book, "--output", out, "--framework", SAMM)
    assert result.exit_code == 1
    assert not out.exists()
    b = f"Error: {book}: Criteria"
    lines = result.stderr.splitlines()
    assert lines[0] == (
        f"{b}, row {rows[0]}, column Rating: says 0.5 but 'Yes, we consult the plan before "
        "making significant decisions' is not what 0.5 means for G-SM-1-A (0.5 is Yes, it "
        "covers organization-specific risks); choose from the list")
    assert lines[1].startswith(f'{b}, row {rows[1]}, column Rating: unknown rating "Mostly"')
    assert "0.25 Yes, we have a plan that can be used for decision making" in lines[1]
    assert "Not applicable" not in lines[1]
    assert lines[2].startswith(f"{b}, row {rows[2]}, column Rating: ")
    assert "does not allow n/a for G-SM-3-A; give one of its answers (0 No" in lines[2]
    assert "Traceback" not in result.stderr
