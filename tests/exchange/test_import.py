"""`laaeval import` of a workbook or CSV sheets: round trips, every problem in one pass at its
sheet, row and column, updates that say what changed, and bad files refused in one line."""

from __future__ import annotations

import csv
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from laaeval.exchange import layout as L
from laaeval.files import zipcheck
from laaeval.files.yamlio import load_path
from laaeval.model.evidence import to_data
from laaeval.model.store import load_evidence

from ..conftest import DATA, EXAMPLES, MINI_EVIDENCE, MINI_FRAMEWORK

MINI = ("--framework", str(MINI_FRAMEWORK))
CASES = [*sorted(EXAMPLES.glob("*.yaml")), MINI_EVIDENCE]


def template(cli, tmp_path, *args, name="book.xlsx") -> Path:
    out = tmp_path / name
    result = cli("template", *args, "--output", out)
    assert result.exit_code == 0, result.stderr
    return out


def run_import(cli, *args):
    return cli("import", *[str(a) for a in args])


def framework_args(path: Path) -> tuple[str, ...]:
    return MINI if path == MINI_EVIDENCE else ()


def template_from(cli, tmp_path, path: Path) -> Path:
    framework = [MINI_FRAMEWORK] if path == MINI_EVIDENCE else []
    return template(cli, tmp_path, *framework, "--from", path)


def evidence_of(path: Path):
    """The evidence file as laaeval reads it (the mini one against its own framework)."""
    from laaeval.model.framework import load_framework

    mini = path.read_text(encoding="utf-8").find("id: mini") >= 0
    return load_evidence(path, load_framework(MINI_FRAMEWORK) if mini else None)[0]


def comparable(record, original) -> dict:
    """The imported file's data, less what laaeval adds on saving a file that had none:
    the framework's fingerprint, and when it was started and updated."""
    data = to_data(record)
    if not original.framework_hash:
        data["framework"].pop("hash")
    for stamp in ("created", "updated"):
        if getattr(original, stamp) is None:
            data.pop(stamp)
    return data


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_template_from_a_file_then_import_gives_the_same_evidence(cli, tmp_path, path):
    book = template_from(cli, tmp_path, path)
    out = tmp_path / "back.yaml"
    result = run_import(cli, book, "--output", out, *framework_args(path))
    assert result.exit_code == 0, result.stderr
    assert comparable(evidence_of(out), evidence_of(path)) == to_data(evidence_of(path))


def sheet_to_csv(book: Path, sheet: str, out: Path) -> Path:
    ws = openpyxl.load_workbook(book)[sheet]
    with open(out, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for row in ws.iter_rows(values_only=True):
            writer.writerow(["" if v is None else v for v in row])
    return out


@pytest.mark.parametrize("path", [EXAMPLES / "wealdshire-final.yaml", MINI_EVIDENCE],
                         ids=lambda p: p.name)  # fmt: skip
def test_csv_copies_of_the_sheets_import_the_same(cli, tmp_path, path):
    book = template_from(cli, tmp_path, path)
    csvs = [sheet_to_csv(book, s, tmp_path / f"{s.lower()}.csv") for s in L.READ]
    out = tmp_path / "back.yaml"
    result = run_import(cli, *csvs, "--output", out, *framework_args(path))
    assert result.exit_code == 0, result.stderr
    assert comparable(evidence_of(out), evidence_of(path)) == to_data(evidence_of(path))


# -- filling in a blank workbook ---------------------------------------------------------


def fill(book: Path, sheet: str, rows: list[dict[str, object]]) -> None:
    """Write rows into a sheet by column heading, after the rows already there."""
    wb = openpyxl.load_workbook(book)
    ws = wb[sheet]
    headers = {c.value: n for n, c in enumerate(ws[1], start=1)}
    start = ws.max_row + 1 if sheet == L.EVIDENCE else None
    for offset, row in enumerate(rows):
        target = start + offset if start else _row_of(ws, row.pop("ID"))
        for header, value in row.items():
            ws.cell(target, headers[header]).value = value
    wb.save(book)


def _row_of(ws, ident) -> int:
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == ident)


def set_pilot(book: Path, key: str, value: object) -> None:
    wb = openpyxl.load_workbook(book)
    ws = wb[L.PILOT]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 4).value == key)
    ws.cell(row, 2).value = value
    wb.save(book)


GOOD_ITEMS = [
    {"ID": "E1", "Sources": "int-a", "Perspective": "Central government",
     "Summary": "CG said it was fine", "Bears on (supports)": "x1.1 Y1.1", "Count": 3,
     "Out of": 4.0, "Date": "2005-01-19", "Page": "12-13"},
    {"ID": "E2", "Sources": "doc int-b", "Perspective": "go", "Summary": "A GO paper",
     "Bears on (challenges)": "X1.1", "Bears on (neutral)": "X2"},
    {"ID": "S1", "Basis": "synthesis", "Summary": "Taken together", "Bears on (supports)": "Y1"},
]  # fmt: skip


def test_a_filled_in_blank_workbook_becomes_an_evidence_file(cli, tmp_path):
    book = template(cli, tmp_path, MINI_FRAMEWORK, "--pilot", "Smallville", "--round", "final",
                    "--detail", "tier=single-tier")  # fmt: skip
    fill(book, L.EVIDENCE, [dict(r) for r in GOOD_ITEMS])
    fill(book, L.CRITERIA, [{"ID": "X1.1", "Rating": "3 Fully met", "Rationale": "Clear"},
                            {"ID": "X2", "Rating": "Too early to say"},
                            {"ID": "Y1.2", "Rating": "Not applicable"},
                            {"ID": "X1", "Narrative": "Mostly there"}])  # fmt: skip
    out = tmp_path / "new.yaml"
    result = run_import(cli, book, "--output", out, *MINI)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"Wrote {out} from {book}: 3 evidence items and 3 judgements")
    data = load_path(out)
    assert data["pilot"] == {"name": "Smallville", "round": "final", "tier": "single-tier"}
    e1, e2, s1 = data["evidence"]
    assert e1 == {"id": "E1", "sources": ["int-a"], "perspective": "cg",
                  "summary": "CG said it was fine", "page": "12-13", "date": "2005-01-19",
                  "count": 3, "out_of": 4, "bears_on": {"X1.1": "supports", "Y1.1": "supports"}}
    assert e2["sources"] == ["doc", "int-b"]
    assert e2["bears_on"] == {"X1.1": "challenges", "X2": "neutral"}
    assert s1 == {"id": "S1", "basis": "synthesis", "summary": "Taken together",
                  "bears_on": {"Y1": "supports"}}  # fmt: skip
    assert data["judgements"] == {"X1.1": {"rating": 3, "rationale": "Clear"},
                                  "X2": {"rating": "too-early"}, "Y1.2": {"rating": "n/a"}}
    assert data["narrative"] == {"X1": "Mostly there"}
    assert cli("validate", out, *MINI).exit_code == 0


BAD_ITEMS = [
    {"ID": "E1", "Sources": "int-x", "Perspective": "Central government", "Summary": "One",
     "Bears on (supports)": "X1.1"},
    {"ID": "E2", "Sources": "int-a", "Perspective": "Local Authorities", "Summary": "Two",
     "Bears on (supports)": "X1.1", "Bears on (challenges)": "X1.1"},
    {"ID": "E3", "Sources": "int-a", "Perspective": "la", "Summary": "Three", "Count": "three",
     "Bears on (supports)": "X9"},
    {"ID": "E1", "Summary": "Four, with no source", "Bears on (neutral)": "X2"},
    {"Summary": "No id", "Bears on (supports)": "X2"},
    {"ID": "E6", "Sources": "doc", "Perspective": "go", "Summary": "Six", "Date": "19/01/2005",
     "Bears on (supports)": "X2"},
]  # fmt: skip


def test_every_problem_is_one_line_naming_sheet_row_and_column(cli, tmp_path):
    book = template(cli, tmp_path, MINI_FRAMEWORK, "--pilot", "Smallville", "--round", "final")
    fill(book, L.EVIDENCE, [dict(r) for r in BAD_ITEMS])
    fill(book, L.CRITERIA, [{"ID": "X1.1", "Rating": "3 Fully met"},
                            {"ID": "X1.2", "Rating": "2 Fully met"},
                            {"ID": "X2", "Rating": "Very good"}])  # fmt: skip
    set_pilot(book, "pilot:tier", "three-tier")
    out = tmp_path / "new.yaml"
    result = run_import(cli, book, "--output", out, *MINI)
    assert result.exit_code == 1
    assert not out.exists()
    lines = result.stderr.splitlines()
    b = f"Error: {book}"
    assert lines == [
        f'{b}: Pilot, row 10, column Value: unknown tier "three-tier"; did you mean "two-tier"? '
        "(expected one of: single-tier, two-tier)",
        f"{b}: Criteria, row 5, column Rating: a rating of 3 (Fully met) needs a rationale: say "
        "why",
        f"{b}: Criteria, row 6, column Rating: says 2 but 'Fully met' is not what 2 means on "
        "the scale (2 is Largely met); choose from the list",
        f'{b}: Criteria, row 7, column Rating: unknown rating "Very good" (choose from the '
        "list: 0 Not met, 1 Partly met, 2 Largely met, 3 Fully met, Not applicable, Too early "
        "to say, Insufficient evidence)",
        f'{b}: Evidence, row 2, column Sources: unknown source type "int-x"; did you mean '
        '"int-b"?',
        f'{b}: Evidence, row 3, column Perspective: unknown perspective "Local Authorities"; '
        'did you mean "Local authority"? (one of: Central government, Government Office, '
        "Local authority)",
        f"{b}: Evidence, row 3, column Bears on (challenges): X1.1 is also in Bears on "
        "(supports): an item supports, challenges or is neutral on each point, not two of these",
        f'{b}: Evidence, row 4, column Count: "three" is not a whole number',
        f'{b}: Evidence, row 4, column Bears on (supports): unknown criterion or indicator '
        '"X9"; did you mean "X2"?',
        f"{b}: Evidence, row 5, column ID: the id E1 is used twice (first in row 2); give each "
        "piece of evidence its own",
        f"{b}: Evidence, row 5, column Sources: primary evidence needs its kind of source, from "
        "the list (such as int-a); or write synthesis in Basis",
        f"{b}: Evidence, row 5, column Perspective: primary evidence needs the perspective it "
        "speaks for, from the list; or write synthesis in Basis",
        f"{b}: Evidence, row 6, column ID: this row has no ID: give every piece of evidence an "
        "id, such as E12, different from the others",
        f'{b}: Evidence, row 7, column Date: "19/01/2005" is not a date written YYYY-MM-DD '
        "(such as 2005-01-19)",
        f"{b}: 14 problems found; nothing was written",
    ]


def test_problems_beyond_forty_are_counted_not_listed(cli, tmp_path):
    book = template(cli, tmp_path, MINI_FRAMEWORK, "--pilot", "P", "--round", "r")
    fill(book, L.EVIDENCE, [{"ID": f"E{n}", "Sources": "nope", "Perspective": "cg",
                             "Summary": "S", "Bears on (supports)": "X2"} for n in range(60)])
    result = run_import(cli, book, "--output", tmp_path / "out.yaml", *MINI)
    lines = result.stderr.splitlines()
    assert len(lines) == 42
    assert lines[-2] == (f"Error: {book}: and 20 more problems (put these right, then import "
                         "again to see the rest)")  # fmt: skip
    assert lines[-1] == f"Error: {book}: 60 problems found; nothing was written"


def test_an_unknown_column_is_named_with_its_likely_meaning(cli, tmp_path):
    book = template(cli, tmp_path, MINI_FRAMEWORK, "--pilot", "P", "--round", "r")
    wb = openpyxl.load_workbook(book)
    wb[L.EVIDENCE].cell(1, 3).value = "Sorces"
    wb.save(book)
    result = run_import(cli, book, "--output", tmp_path / "out.yaml", *MINI)
    assert result.exit_code == 1
    assert (f'Error: {book}: Evidence, row 1, column Sorces: unknown column "Sorces"; did you '
            'mean "Sources"?') in result.stderr


# -- bringing a file up to date ----------------------------------------------------------


def mini_copy(tmp_path) -> Path:
    path = tmp_path / "smallville.yaml"
    path.write_text(MINI_EVIDENCE.read_text(encoding="utf-8").replace(
        "laaeval: evidence/2", "laaeval: evidence/2"), encoding="utf-8")  # fmt: skip
    return path


def test_importing_what_the_file_already_says_changes_nothing(cli, tmp_path):
    evidence = mini_copy(tmp_path)
    book = template(cli, tmp_path, MINI_FRAMEWORK, "--from", evidence)
    before = evidence.read_bytes()
    result = run_import(cli, book, "--output", evidence, *MINI)
    assert result.exit_code == 0, result.stderr
    assert "nothing changed, nothing written" in result.stderr
    assert evidence.read_bytes() == before


def test_reimporting_updates_the_file_and_says_what_changed(cli, tmp_path):
    evidence = mini_copy(tmp_path)
    book = template(cli, tmp_path, MINI_FRAMEWORK, "--from", evidence)
    wb = openpyxl.load_workbook(book)
    ws = wb[L.EVIDENCE]
    ws.cell(3, 7).value = "A document from the GO, read again"  # E2's summary
    ws.delete_rows(5)  # E4
    wb.save(book)
    fill(book, L.EVIDENCE, [{"ID": "E9", "Sources": "doc", "Perspective": "la",
                             "Summary": "New", "Bears on (supports)": "Y1.3"}])
    fill(book, L.CRITERIA, [{"ID": "X1.2", "Rating": "2 Largely met"},
                            {"ID": "Y1.3", "Rating": "1 Partly met"}])  # fmt: skip
    result = run_import(cli, book, "--output", evidence, *MINI)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"Updated {evidence} from {book} (it now has 5 evidence items and 6 judgements).",
        "  Evidence items added 1 (E9); changed 1 (E2); removed 1 (E4).",
        "  Judgements added 1 (Y1.3); changed 1 (X1.2).",
    ]
    data = load_path(evidence)
    assert [e["id"] for e in data["evidence"]] == ["E1", "E2", "E3", "E5", "E9"]
    assert data["judgements"]["X1.2"] == {"rating": 2}
    assert data["updated"]  # stamped now
    assert cli("validate", evidence, *MINI).exit_code == 0


def test_a_workbook_about_another_pilot_is_not_imported_over_a_file(cli, tmp_path):
    evidence = mini_copy(tmp_path)
    before = evidence.read_bytes()
    book = template(cli, tmp_path, MINI_FRAMEWORK, "--pilot", "Bigtown", "--round", "mid-way")
    result = run_import(cli, book, "--output", evidence, *MINI)
    assert result.exit_code == 2
    assert "is about Bigtown (mid-way), but" in result.stderr
    assert "is about Smallville (final)" in result.stderr
    assert evidence.read_bytes() == before


def test_a_dry_run_says_what_would_change_and_writes_nothing(cli, tmp_path):
    evidence = mini_copy(tmp_path)
    book = template(cli, tmp_path, MINI_FRAMEWORK, "--from", evidence)
    fill(book, L.CRITERIA, [{"ID": "X1.2", "Rating": "2 Largely met"}])
    before = evidence.read_bytes()
    result = run_import(cli, book, "--output", evidence, "--dry-run", *MINI)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"Would update {evidence}")
    assert evidence.read_bytes() == before


def test_one_csv_sheet_updates_only_its_part(cli, tmp_path):
    evidence = mini_copy(tmp_path)
    book = template(cli, tmp_path, MINI_FRAMEWORK, "--from", evidence)
    fill(book, L.EVIDENCE, [{"ID": "E9", "Sources": "doc", "Perspective": "la",
                             "Summary": "New", "Bears on (supports)": "Y1.3"}])
    fill(book, L.CRITERIA, [{"ID": "X1.2", "Rating": "2 Largely met"}])  # not imported
    sheet = sheet_to_csv(book, L.EVIDENCE, tmp_path / "evidence.csv")
    result = run_import(cli, sheet, "--output", evidence, *MINI)
    assert result.exit_code == 0, result.stderr
    data = load_path(evidence)
    assert data["evidence"][-1]["id"] == "E9"
    assert data["judgements"]["X1.2"] == {"rating": 1}


def test_a_csv_with_problems_names_the_file_and_row(cli, tmp_path):
    sheet = tmp_path / "evidence.csv"
    sheet.write_text("ID,Sources,Perspective,Summary,Bears on (supports)\n"
                     "E1,int-a,cg,Fine,X2\nE2,int-q,cg,Not,X2\n", encoding="utf-8")
    result = run_import(cli, sheet, "--output", tmp_path / "o.yaml", *MINI, "--pilot", "P",
                        "--round", "final")  # fmt: skip
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f'Error: {sheet}: row 3, column Sources: unknown source type "int-q"; did you mean '
        '"int-b"?')  # fmt: skip


def test_a_new_file_from_a_csv_needs_the_pilot(cli, tmp_path):
    sheet = tmp_path / "evidence.csv"
    sheet.write_text("ID,Sources,Perspective,Summary,Bears on (supports)\nE1,int-a,cg,F,X2\n")
    result = run_import(cli, sheet, "--output", tmp_path / "o.yaml", *MINI)
    assert result.exit_code == 2
    assert "--pilot NAME and --round LABEL" in result.stderr


def test_a_format_1_file_is_upgraded_first(cli, tmp_path):
    old = tmp_path / "old.yaml"
    shutil.copy(DATA / "ashbridge-final-format-1.yaml", old)
    book = template(cli, tmp_path, "--from", old)
    before = old.read_bytes()
    result = run_import(cli, book, "--output", old)
    assert result.exit_code == 2
    assert f"run laaeval upgrade {old} first" in result.stderr
    assert old.read_bytes() == before


def test_a_workbook_from_a_changed_framework_is_refused(cli, tmp_path):
    book = template(cli, tmp_path, MINI_FRAMEWORK, "--pilot", "P", "--round", "r")
    set_pilot(book, L.FRAMEWORK_HASH, "sha256:" + "0" * 64)
    result = run_import(cli, book, "--output", tmp_path / "o.yaml", *MINI)
    assert result.exit_code == 1
    assert "fingerprint 000000000000, but the framework in" in result.stderr
    assert "Pilot, row 5, column Value" in result.stderr


# -- bad files ------------------------------------------------------------------------------


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _rewritten(book: Path, path: Path, member: str, change) -> Path:
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info)
            out.writestr(info.filename, change(data) if info.filename == member else data)
    return path


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')


def bad_files(tmp_path: Path, book: Path) -> dict[str, tuple[Path, str]]:
    text = tmp_path / "text.xlsx"
    text.write_text("ID,Summary\n")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    latin = tmp_path / "latin.csv"
    latin.write_bytes("ID,Summary\nE1,Caf\xe9\n".encode("latin-1"))
    odd = tmp_path / "odd.csv"
    odd.write_text("Name,Thing\nx,y\n")
    def after_prolog(data: bytes) -> bytes:
        return LAUGHS.replace(b"lolz", b"worksheet") + data.replace(b"<c ", b"<c x='&lol2;' ", 1)

    def padded(data: bytes) -> bytes:  # a DOCTYPE past where the first check looks
        doctype = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'
        return b'<?xml version="1.0"?><!--' + b" " * 9000 + b"-->" + doctype + data

    return {
        "not a zip": (text, "it is not a zip file"),
        "an old .xls": (old, "laaeval reads .xlsx workbooks"),
        "a zip bomb": (_zip(tmp_path / "bomb.xlsx",
                            {"xl/worksheets/sheet1.xml": b"\0" * 5_000_000}), "(a zip bomb)"),
        "path traversal": (_zip(tmp_path / "escape.xlsx", {"../../evil.xml": b"<x/>"}),
                           "outside its own folder (path traversal)"),
        "entities": (_rewritten(book, tmp_path / "laughs.xlsx", "xl/worksheets/sheet2.xml",
                                after_prolog), "declares XML entities"),
        "entities later on": (_rewritten(book, tmp_path / "later.xlsx",
                                         "xl/worksheets/sheet2.xml", padded),
                              "declares XML entities"),
        "a damaged part": (_rewritten(book, tmp_path / "cut.xlsx", "xl/workbook.xml",
                                      lambda d: d[: len(d) // 2]), "or it is damaged"),
        "not UTF-8": (latin, "this is not UTF-8 text"),
        "an unknown CSV": (odd, "cannot tell which sheet this CSV file is"),
        "a folder": (tmp_path, "cannot tell what"),
    }  # fmt: skip


CASE_NAMES = ["not a zip", "an old .xls", "a zip bomb", "path traversal", "entities",
              "entities later on", "a damaged part", "not UTF-8", "an unknown CSV", "a folder"]


@pytest.mark.parametrize("case", CASE_NAMES)
def test_a_bad_file_is_refused_in_one_line_and_nothing_is_written(cli, tmp_path, case):
    evidence = mini_copy(tmp_path)
    before = evidence.read_bytes()
    book = template(cli, tmp_path, MINI_FRAMEWORK, "--from", evidence)
    path, words = bad_files(tmp_path, book)[case]
    result = run_import(cli, path, "--output", evidence, *MINI)
    assert result.exit_code == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("Error: ") and words in result.stderr, result.stderr
    assert "Traceback" not in result.output
    assert evidence.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".smallville")]


def test_the_zip_limits_are_checked_before_unpacking(tmp_path):
    path = _zip(tmp_path / "big.xlsx", {f"m{n}.xml": b"x" * 1000 for n in range(5)})
    with pytest.raises(Exception, match="would unpack to more than"):
        zipcheck.open_zip(path, "a workbook", zipcheck.Limits(max_unpacked=4000))
    with pytest.raises(Exception, match="holds 5 files"):
        zipcheck.open_zip(path, "a workbook", zipcheck.Limits(max_members=4))
    zipcheck.open_zip(path, "a workbook").close()


@pytest.mark.parametrize("name", ["/etc/passwd", "a/../../b", "C:\\x", "..\\x", "ok\x00.txt"])
def test_member_names_that_leave_the_folder_are_refused(name):
    with pytest.raises(Exception, match="path traversal"):
        zipcheck.refuse_member_name(name, "p.zip")


def test_csv_text_is_read_as_utf8_with_or_without_a_bom(cli, tmp_path):
    sheet = tmp_path / "evidence.csv"
    body = "ID,Sources,Perspective,Summary,Bears on (supports)\nE1,int-a,cg,Café,X2\n"
    sheet.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    out = tmp_path / "o.yaml"
    result = run_import(cli, sheet, "--output", out, *MINI, "--pilot", "P", "--round", "r")
    assert result.exit_code == 0, result.stderr
    assert load_path(out)["evidence"][0]["summary"] == "Café"
