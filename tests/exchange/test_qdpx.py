"""`laaeval import project.qdpx`: coded transcripts from NVivo, ATLAS.ti or MAXQDA, as
REFI-QDA projects built here to the published schema, and hostile ones refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from laaeval.files.yamlio import load_path

from ..conftest import MINI_EVIDENCE, MINI_FRAMEWORK
from .qdpx_builder import Code, Document, Project, Selection, guid, validate

ODPM = ("--framework", "odpm-laa-2005")
NEW = ("--pilot", "Wealdshire", "--round", "final")

INTERVIEW = ("We met the programme board every month. Attendance from DfES was poor.\n"
             "Funding was late. The GO helped us through it.")  # fmt: skip
GO = {"Perspective": "Government Office", "Source type": "go-interview",
      "Organisation": "GO South East", "Date": "2005-01-19"}  # fmt: skip


def framework_tree() -> list[Code]:
    """A code tree that mirrors the framework, as an evaluator builds one in NVivo."""
    board = Code("PN3.2 Regular meetings of programme board",
                 [Code("supports"), Code("challenges")])  # fmt: skip
    return [
        Code("P The process", [Code("PN National", [
            Code("PN3 CG has effective and timely systems for liaison", [board]),
            Code("PN9: CG produces clear guidance")])]),
        Code("challenges"), Code("supports"), Code("Funding worries"), Code("PN3x not an id"),
    ]  # fmt: skip


BOARD = "P The process/PN National/PN3 CG has effective and timely systems for liaison/" \
        "PN3.2 Regular meetings of programme board"  # fmt: skip
PN9 = "P The process/PN National/PN9: CG produces clear guidance"


def sample() -> Project:
    return Project(
        codes=framework_tree(),
        documents=[
            Document("Interview GO-SE-02", INTERVIEW, GO, [
                Selection("We met the programme board every month.", [f"{BOARD}/supports"]),
                Selection("Attendance from DfES was poor.", [f"{BOARD}/challenges", PN9,
                                                              "challenges"],
                          memo="DfES rarely came to the board"),
                Selection("Funding was late.", ["Funding worries"]),
                Selection("The GO helped us through it.", [PN9, "PN3x not an id"]),
            ]),
            Document("Programme board minutes, March", "The board agreed the timetable.",
                     {}, [Selection("The board agreed the timetable.", [BOARD])], inline=True),
            Document("Observation notes", "Everyone came.", {"Basis": "synthesis"},
                     whole=[PN9]),
        ],
        cases={"Central government": ({"Perspective": "cg", "Source type": "minutes"},
                                      ["Programme board minutes, March"])},
    )  # fmt: skip


def write(project: Project, tmp_path: Path, name: str = "project.qdpx", **extra) -> Path:
    validate(project.xml())
    return project.write(tmp_path / name, **extra)


def test_the_test_projects_follow_the_published_schema():
    validate(sample().xml())
    with pytest.raises(AssertionError, match="not a valid REFI-QDA project"):
        validate(b'<Project xmlns="urn:QDA-XML:project:1.0"><Sources/></Project>')


def test_coded_passages_become_evidence_items(cli, tmp_path):
    project = write(sample(), tmp_path)
    out = tmp_path / "wealdshire.yaml"
    result = cli("import", project, "--output", out, *ODPM, *NEW)
    assert result.exit_code == 0, result.stderr
    items = load_path(out)["evidence"]
    first = "Q-" + guid("selection", "Interview GO-SE-02", "0").replace("-", "")[:12]
    assert items[0] == {
        "id": first, "sources": ["go-interview"], "perspective": "go",
        "organisation": "GO South East",
        "summary": "A passage from Interview GO-SE-02, coded PN3.2.",
        "quote": "We met the programme board every month.",
        "reference": "Interview GO-SE-02", "date": "2005-01-19",
        "bears_on": {"PN3.2": "supports"},
    }  # fmt: skip
    second = items[1]
    assert second["summary"] == "DfES rarely came to the board"
    assert second["bears_on"] == {"PN3.2": "challenges", "PN9": "challenges"}
    assert items[2]["bears_on"] == {"PN9": "neutral"}  # coded PN9 and a code that is no id
    minutes = items[3]  # its variables from its case
    assert (minutes["perspective"], minutes["sources"]) == ("cg", ["minutes"])
    assert minutes["quote"] == "The board agreed the timetable."
    whole = items[4]
    assert whole["basis"] == "synthesis" and "quote" not in whole
    assert whole["summary"] == "The whole document from Observation notes, coded PN9."
    assert len(items) == 5
    lines = result.stderr.splitlines()
    assert lines[0] == ('Left out: 2 codes named after no criterion or indicator of odpm-laa-2005: '
                        '"Funding worries" (1 passage), "PN3x not an id" (1 passage). To import '
                        "what a code holds, name it after an id, such as PN3 or PN3.2.")
    assert lines[1] == ("3 passages had no supports, challenges or neutral code, so they bear "
                        "on their points as neutral.")  # fmt: skip
    assert lines[2] == f"Wrote {out} from {project}: 5 evidence items and 0 judgements."
    assert cli("validate", out).exit_code == 0


def test_importing_a_project_again_updates_its_own_items_and_keeps_the_rest(cli, tmp_path):
    out = tmp_path / "e.yaml"
    out.write_text(MINI_EVIDENCE.read_text())
    doc = Document("Interview", "The council agreed. The GO did not.",
                   {"Perspective": "la", "Source type": "int-a"},
                   [Selection("The council agreed.", ["X1.1", "supports"]),
                    Selection("The GO did not.", ["X2", "challenges"])])  # fmt: skip
    project = Project([Code("X1.1"), Code("X2"), Code("supports"), Code("challenges")], [doc])
    path = write(project, tmp_path)
    mini = ("--framework", str(MINI_FRAMEWORK))
    result = cli("import", path, "--output", out, *mini)
    assert result.exit_code == 0, result.stderr
    assert "Evidence items added 2" in result.stderr
    again = cli("import", path, "--output", out, *mini)
    assert "nothing changed, nothing written" in again.stderr
    doc.selections.pop()
    write(project, tmp_path)
    third = cli("import", path, "--output", out, *mini)
    assert "Evidence items removed 1" in third.stderr
    ids = [e["id"] for e in load_path(out)["evidence"]]
    assert ids[:5] == ["E1", "E2", "E3", "E4", "E5"] and len(ids) == 6
    assert load_path(out)["judgements"]["X1.1"]["rating"] == 3  # kept


def one_doc(variables: dict[str, str], codes: list[str], text: str = "Said so.",
            start_text: str = "Said so.") -> Project:
    selection = Selection(start_text, codes)
    return Project([Code("PN3"), Code("PN3.1"), Code("supports"), Code("challenges")],
                   [Document("Interview 7", text, variables, [selection])])  # fmt: skip


def test_a_document_without_perspective_or_source_type_is_named_once(cli, tmp_path):
    project = Project([Code("PN3")], [Document("Interview 7", "One. Two.", {}, [
        Selection("One.", ["PN3"]), Selection("Two.", ["PN3"])])])  # fmt: skip
    out = tmp_path / "o.yaml"
    result = cli("import", write(project, tmp_path), "--output", out, *ODPM, *NEW)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f'Error: {tmp_path / "project.qdpx"}: document "Interview 7": '
                               "its coded passages say whose view they are only through the "
                               "document's variables: give the document, or its case, Source "
                               "type (one of: cg-interview")  # fmt: skip
    assert not out.exists()


def test_an_unknown_perspective_is_named_at_its_document(cli, tmp_path):
    project = one_doc({"Perspective": "Goverment Office", "Source type": "go-interview"},
                      ["PN3"])  # fmt: skip
    result = cli("import", write(project, tmp_path), "--output", tmp_path / "o.yaml", *ODPM,
                 *NEW)  # fmt: skip
    assert result.exit_code == 1
    assert ('document "Interview 7": its variable Perspective: unknown perspective '
            '"Goverment Office"') in result.stderr


def test_a_passage_coded_both_ways_is_refused(cli, tmp_path):
    project = one_doc(GO, ["PN3", "supports", "challenges"])
    result = cli("import", write(project, tmp_path), "--output", tmp_path / "o.yaml", *ODPM,
                 *NEW)  # fmt: skip
    assert result.exit_code == 1
    assert ('document "Interview 7", passage at characters 0–8: it is coded with more than one '
            "of supports, challenges and neutral") in result.stderr


def test_a_passage_outside_its_document_is_refused(cli, tmp_path):
    project = one_doc(GO, ["PN3"])
    xml = project.xml().replace(b'endPosition="8"', b'endPosition="800"')
    path = tmp_path / "p.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", xml)
        archive.writestr(f"sources/{guid('doc', 'Interview 7')}.txt", "Said so.")
    result = cli("import", path, "--output", tmp_path / "o.yaml", *ODPM, *NEW)
    assert result.exit_code == 1
    assert "lies outside the document's text, which is 8 characters long" in result.stderr


def test_a_new_file_from_a_project_needs_the_framework_and_the_pilot(cli, tmp_path):
    path = write(one_doc(GO, ["PN3"]), tmp_path)
    no_framework = cli("import", path, "--output", tmp_path / "o.yaml", *NEW)
    assert no_framework.exit_code == 2 and "give --framework" in no_framework.stderr
    no_pilot = cli("import", path, "--output", tmp_path / "o.yaml", *ODPM)
    assert no_pilot.exit_code == 2 and "--pilot NAME and --round LABEL" in no_pilot.stderr


# -- hostile projects ---------------------------------------------------------------------


LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa">'
          b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
          b'<Project xmlns="urn:QDA-XML:project:1.0" name="&c;"/>')  # fmt: skip
EXTERNAL = (b'<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<Project xmlns="urn:QDA-XML:project:1.0" name="&x;"/>')  # fmt: skip


def zipped(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def hostile(tmp_path: Path, case: str) -> tuple[Path, str]:
    ok = one_doc(GO, ["PN3"]).xml()
    traversal_text = ok.replace(f"internal://{guid('doc', 'Interview 7')}.txt".encode(),
                                b"internal://../../../etc/passwd")  # fmt: skip
    p = tmp_path / "hostile.qdpx"
    cases = {
        "entity expansion": ({"project.qde": LAUGHS}, "declares a DOCTYPE or XML entities"),
        "an external entity": ({"project.qde": EXTERNAL}, "declares a DOCTYPE or XML entities"),
        "a zip bomb": ({"project.qde": ok, "sources/big.txt": b" " * 8_000_000}, "(a zip bomb)"),
        "path traversal in a member": ({"project.qde": ok, "../outside.txt": b"x"},
                                       "(path traversal)"),
        "path traversal in a source": ({"project.qde": traversal_text}, "(path traversal)"),
        "no project.qde": ({"sources/a.txt": b"x"}, "there is no project.qde in it"),
        "not a project": ({"project.qde": b"<html/>"}, "not a Project of the namespace"),
        "broken XML": ({"project.qde": b"<Project"}, "is not well-formed XML"),
    }  # fmt: skip
    if case == "not a zip":
        p.write_text("<Project/>")
        return p, "it is not a zip file"
    members, words = cases[case]
    return zipped(p, members), words


HOSTILE = ["entity expansion", "an external entity", "a zip bomb", "path traversal in a member",
           "path traversal in a source", "no project.qde", "not a project", "broken XML",
           "not a zip"]  # fmt: skip


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_or_broken_project_is_refused_in_one_line(cli, tmp_path, case):
    path, words = hostile(tmp_path, case)
    out = tmp_path / "o.yaml"
    result = cli("import", path, "--output", out, *ODPM, *NEW)
    assert result.exit_code == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert result.stderr.startswith("Error: ") and words in result.stderr
    assert not out.exists()
