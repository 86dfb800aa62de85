"""compare across framework versions: Wealdshire's mid-way file (version 1.0) beside its
final file carried across to the revised version 1.1 (see tests/test_migrate.py), on 1.1's
columns through the crosswalk."""

from __future__ import annotations

import io
import json
import os

import pytest

from laaeval.migrate import migrate_file
from laaeval.model.catalogue import resolve

from ..conftest import DATA, EXAMPLES, ROOT

REVISED_DIR = DATA / "revised"
MID_WAY = EXAMPLES / "wealdshire-mid-way.yaml"


@pytest.fixture
def final(tmp_path, monkeypatch):
    monkeypatch.setenv("LAAEVAL_FRAMEWORKS", str(REVISED_DIR))
    monkeypatch.setenv("COLUMNS", "1000")  # wide enough for pilots down, columns across
    path = tmp_path / "wealdshire-final.yaml"
    migrate_file(EXAMPLES / "wealdshire-final.yaml", resolve("odpm-laa-2005", "1.1"), str(path))
    return path


def _table(cli, *args):
    result = cli("compare", MID_WAY, *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _cells(line: str) -> list[str]:
    return [part.strip() for part in line.split("│")]


def test_older_scores_go_onto_the_newer_columns_and_the_marks_are_explained(cli, final):
    out = _table(cli, final)
    lines = out.splitlines()
    assert lines[0] == "2 evidence files compared against odpm-laa-2005 version 1.1, by criterion"
    assert lines[2].endswith("; · no score to compare (see Across versions)")
    header = _cells(lines[4])
    mid, fin = _cells(lines[6]), _cells(lines[7])
    col = {name: n for n, name in enumerate(header)}
    assert [h for h in header if not h.isalnum()] == ["PR1~", "PR6~", "PL7+", "PA6←", "I2~",
                                                      "PA5×"]  # fmt: skip
    # PA4 at mid-way was too early to say: it is shown as PA6's verdict. At the final round
    # PA4 (now PA6) was judged 0 as a whole: 0.0, Red.
    assert (mid[col["PA6←"]], fin[col["PA6←"]]) == ("v", "0.0 R")
    # Split and merged criteria, and new ones, have no like-for-like score at version 1.0.
    assert [mid[col[k]] for k in ("PR1~", "PR6~", "PL7+", "I2~")] == ["·"] * 4
    # PR1 at the final round, from PR1.1 1, PR1.2 2, PR1.4 1: 4/9 = 44.4, Amber/Red.
    assert fin[col["PR1~"]] == "44.4 A/R"
    # PA5 was dropped: only the mid-way file has it (not judged there: –).
    assert (mid[col["PA5×"]], fin[col["PA5×"]]) == ("–", "·")
    # An unchanged criterion is compared as before: PN1 50.0 at both rounds.
    assert (mid[col["PN1"]], fin[col["PN1"]]) == ("50.0 A", "50.0 A")
    means = _cells(next(line for line in lines if line.startswith("Mean score")))
    # The PR1 mean is the final file's alone (the mid-way file has no score to compare).
    assert means[col["PR1~"] - 1] == "44.4"
    legend = out[out.index("\nAcross versions\n"):out.index("Bands across pilots")].splitlines()
    assert legend[3:] == [
        "PR1~ split from PR1 of version 1.0: files recorded against version 1.0 have no "
        "like-for-like score for it",
        "PR6~ split from PR1 of version 1.0: files recorded against version 1.0 have no "
        "like-for-like score for it",
        "PL7+ new in version 1.1: files recorded against version 1.0 have no score for it",
        "PA6← was PA4 in version 1.0: files recorded against version 1.0 show their PA4 score "
        "here",
        "I2~ merged from I2 and I3 of version 1.0: files recorded against version 1.0 have no "
        "like-for-like score for it",
        "PA5× dropped in version 1.1: only files recorded against version 1.0 have it",
        "PN3, PN4, PL3: the same criteria, with their wording or indicators changed (laaeval "
        "diff shows how); both versions' scores shown",
        "· no score to compare: the version the file was recorded against has no such column, "
        "or none like for like", ""]
    # Between the rounds: PA6 newly scored (a verdict, then 0.0); nothing said of PR1.
    changes = out[out.index("Changes between rounds"):]
    assert "newly scored: PN6, PN8, PA6," in changes and "PR1" not in changes


def test_levels_whose_criteria_changed_show_no_older_score(cli, final):
    lines = _table(cli, final, "--by", "level").splitlines()
    header, mid = _cells(lines[4]), _cells(lines[6])
    assert header[3:] == ["PN", "PR~", "PL~", "PA~", "A", "I~"]
    assert mid[3:] == ["37.3 prov", "·", "·", "·", "63.3 prov", "·"]


def test_json_csv_markdown_html_and_excel_mark_the_columns(cli, final, tmp_path):
    document = json.loads(_table(cli, final, "--format", "json"))
    assert document["older_versions"][0]["version"] == "1.0"
    changes = {c["id"]: c["change"] for c in document["columns"] if "change" in c}
    assert changes == {"PR1": "changed", "PR6": "changed", "PL7": "new", "PA6": "moved",
                       "I2": "changed", "PA5": "dropped"}  # fmt: skip
    mid = document["groups"][0]["rows"][0]
    assert mid["cells"]["PL7"]["absent"] is True and "absent" not in mid["cells"]["PN1"]

    csv_lines = _table(cli, final, "--format", "csv").splitlines()
    assert csv_lines[0].endswith(",file,across versions")
    pl7 = next(line for line in csv_lines if ",mid-way," in line and ",PL7," in line)
    assert pl7.endswith(",no score to compare here; new in version 1.1: files recorded "
                        "against version 1.0 have no score for it")

    markdown = _table(cli, final, "--format", "md")
    assert "| PR1\\~ |" in markdown and "| PA6← |" in markdown and "### Across versions" in markdown

    html = tmp_path / "c.html"
    assert cli("compare", MID_WAY, final, "--output", html).exit_code == 0
    page = html.read_text()
    assert '<th scope="col" class="num">PL7+</th>' in page
    assert "<h2>Across versions</h2>" in page
    assert "<td>was PA4 in version 1.0: files recorded against version 1.0 show their PA4 score " \
           "here</td>" in page

    import openpyxl

    book = tmp_path / "c.xlsx"
    assert cli("compare", MID_WAY, final, "--output", book).exit_code == 0
    wb = openpyxl.load_workbook(io.BytesIO(book.read_bytes()))
    headers = [cell.value for cell in wb["Matrix"][1]]
    assert "PA5×" in headers and "PA6←" in headers
    notes = [row[0] for row in wb["Notes"].iter_rows(values_only=True) if row[0]]
    assert "Across versions" in notes


def test_unrelated_versions_are_still_refused(cli, final, tmp_path, monkeypatch):
    text = (REVISED_DIR / "odpm-laa-2005-1.1.yaml").read_text()
    bare = text[:text.index("revises:")] + text[text.index("title:"):]
    folder = tmp_path / "bare"
    folder.mkdir()
    (folder / "bare.yaml").write_text(bare.replace('version: "1.1"', 'version: "1.1-bare"'))
    other = tmp_path / "other.yaml"
    other.write_text(final.read_text().replace('version: "1.1"', 'version: "1.1-bare"')
                     .replace("  hash:", "  # hash:"))
    monkeypatch.setenv("LAAEVAL_FRAMEWORKS", f"{REVISED_DIR}{os.pathsep}{folder}")
    result = cli("compare", MID_WAY, other)
    assert result.exit_code == 1
    assert "compare files recorded against the same framework, or against a version and the " \
           "version it revises (see laaeval diff)" in " ".join(result.stderr.split())


def test_a_deep_level_whose_questions_moved_is_marked_at_its_own_depth(cli, tmp_path,
                                                                        monkeypatch):  # fmt: skip
    # A revision of SAMM Governance made for this test: its crosswalk says the third
    # maturity level's questions of the two Education and Guidance streams swapped ids, so
    # maturity level G-EG-A-3 now holds what was stream B's question, and G-EG-B-3 stream
    # A's: those two levels and the two streams hold other questions than before, and the
    # practice G-EG the same ones. Only the Northgate file of version 2.0 shows nothing
    # (·) in the four changed columns.
    from laaeval.model.framework import load_framework

    samm = ROOT / "frameworks" / "owasp-samm-2-governance.yaml"
    old = load_framework(samm)
    folder = tmp_path / "frameworks"
    folder.mkdir()
    revised = folder / "samm-2.1.yaml"
    revised.write_text(samm.read_text(encoding="utf-8").replace(
        f"version: {old.version}\n", f"version: 2.1-test\nrevises:\n  version: {old.version}\n"
        f"  fingerprint: \"{old.hash}\"\ncrosswalk:\n  - renamed: G-EG-3-A\n    to: G-EG-3-B\n"
        "  - renamed: G-EG-3-B\n    to: G-EG-3-A\n", 1), encoding="utf-8")  # fmt: skip
    monkeypatch.setenv("LAAEVAL_FRAMEWORKS", str(folder))
    northgate = (ROOT / "other-examples" / "samm-governance-northgate.yaml").read_text(
        encoding="utf-8")  # fmt: skip
    newer = tmp_path / "newer.yaml"
    newer.write_text(northgate.replace(f"version: {old.version}", "version: 2.1-test")
                     .replace(old.hash, load_framework(revised).hash), encoding="utf-8")
    older = tmp_path / "older.yaml"
    older.write_text(northgate, encoding="utf-8")
    result = cli("compare", older, newer, "--by", "level", "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    changed = ["G-EG-A", "G-EG-A-3", "G-EG-B", "G-EG-B-3"]
    assert [c["id"] for c in doc["columns"] if c.get("change")] == changed
    assert {c["change"] for c in doc["columns"] if c.get("change")} == {"changed"}
    first = doc["groups"][0]["rows"][0]
    assert first["file"].endswith("older.yaml")
    assert [k for k, cell in first["cells"].items() if cell.get("absent")] == changed
