"""The shipped ODPM framework, encoded faithfully, and the framework loader's checks."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from laaeval.errors import LaaevalError
from laaeval.model import catalogue
from laaeval.model import framework as fw

from ..conftest import DATA, MINI_FRAMEWORK, ROOT

# The published appendix, kept in the repository so that this check always runs.
APPENDIX = DATA / "odpm-2005-appendix-3.txt"


@pytest.fixture(scope="module")
def odpm() -> fw.Framework:
    return catalogue.resolve("odpm-laa-2005")


def test_shipped_framework_has_41_criteria_in_the_published_structure(odpm):
    shape = {
        a.title: [(lv.title, len(lv.criteria)) for lv in a.levels] or len(a.criteria)
        for a in odpm.aspects
    }
    assert shape == {
        "The process": [("National", 9), ("Regional", 5), ("Local", 6), ("All levels", 5)],
        "The agreement": 9,
        "Longer term impacts and outcomes": 7,
    }
    assert len(odpm.criteria) == 41


def test_ids_are_short_unique_and_typable(odpm):
    ids = odpm.all_ids()
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Z]{1,2}[0-9]*(\.[0-9]+)?", i) for i in ids)
    assert odpm.find("pn3") is odpm.criteria_by_id["PN3"]
    assert odpm.find("PN3.2").text.startswith("Regular meetings of programme board")


def test_the_guidance_criterion_has_no_indicators_and_is_judged_directly(odpm):
    criterion = odpm.criteria_by_id["PN9"]
    assert criterion.text.startswith("CG produces clear, timely and consistent guidance")
    assert criterion.indicators == ()
    assert [u.id for u in criterion.units] == ["PN9"]
    assert criterion.units[0].direct


def test_see_above_indicators_record_what_they_refer_to(odpm):
    see_above = [i for c in odpm.criteria for i in c.indicators if i.text == "See above"]
    assert {i.id: i.refers_to for i in see_above} == {"PR1.1": ("PN7",), "PR2.1": ("PR1",)}


def test_criteria_that_apply_to_some_pilots_only_say_so(odpm):
    assert odpm.criteria_by_id["PL5"].applies_to == {"tier": ("two-tier",)}
    telford = odpm.find("A5.3")
    assert telford.text.startswith("Evidence that Telford, with a single pot")
    assert telford.applies_to == {"funding": ("single-pot",)}


def test_every_source_maps_to_the_catalogue_of_views_and_documentation(odpm):
    kinds = Counter(s.kind for s in odpm.source_types)
    assert set(kinds) == {"views", "documentation"}
    used = {t for c in odpm.criteria for s in c.sources for t in s.types}
    assert used <= set(odpm.source_types_by_id)
    assert all(c.sources for c in odpm.criteria)


def test_scale_and_bands_are_the_four_point_scale_and_five_delivery_bands(odpm):
    assert [(p.value, p.label) for p in odpm.scale] == [
        (0, "Not met"), (1, "Partly met"), (2, "Largely met"), (3, "Fully met")
    ]  # fmt: skip
    assert [b.label for b in odpm.bands] == ["Green", "Amber/Green", "Amber", "Amber/Red", "Red"]
    assert odpm.provenance["year"] == 2005
    assert "Appendix 3" in odpm.provenance["part"]


def _words(text: str) -> list[str]:
    return re.sub(r"</?p>", " ", text).split()


def test_every_word_of_appendix_3_is_in_the_framework_in_order(odpm):
    """Criteria, indicators and sources are verbatim: each table row of the appendix, read
    word by word, equals the framework's texts for that criterion read in order."""
    lines = APPENDIX.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("# Appendix 3 (Evaluation framework) of ODPM (June 2005)")
    start = next(n for n, line in enumerate(lines) if line.startswith("Appendix 3 Evaluation"))
    assert start == 1  # the copy starts at the appendix: nothing else can be matched
    rows = [
        line.split("\t") for line in lines[start:]
        if line.count("\t") == 2 and line.split("\t")[2] and not line.startswith("SUCCESS")
    ]  # fmt: skip
    assert len(rows) == 41
    for row, criterion in zip(rows, odpm.criteria, strict=True):
        assert _words(row[0]) == criterion.text.split(), criterion.id
        assert _words(row[1]) == " ".join(i.text for i in criterion.indicators).split(), (
            criterion.id
        )
        assert _words(row[2]) == " ".join(s.text for s in criterion.sources).split(), criterion.id


def test_content_hash_ignores_layout_but_not_content(tmp_path):
    text = MINI_FRAMEWORK.read_text()
    original = fw.load_framework(MINI_FRAMEWORK).hash
    relaid = tmp_path / "relaid.yaml"
    relaid.write_text("# a comment\n" + text.replace("title: A miniature", "title:   A miniature"))
    assert fw.load_framework(relaid).hash == original
    changed = tmp_path / "changed.yaml"
    changed.write_text(text.replace("First indicator", "First indicator revised"))
    assert fw.load_framework(changed).hash != original


BROKEN = [
    ("      - id: XB", "      - id: X1", 'the id "X1" is used twice'),
    ("types: [doc]}", "types: [docs]}", 'unknown source type "docs"; did you mean "doc"?'),
    ("applies_to: {tier: [two-tier]}", "applies_to: {tier: [three-tier]}", "unknown value of tier"),
    ("applies_to: {tier: [two-tier]}", "applies_to: {tear: [two-tier]}", "unknown pilot attribute"),
    ("  - {id: red, label: Red, min: 0", "  - {id: red, label: Red, min: 10", "min: 0"),
    ("text: First criterion", "txt: First criterion", 'unknown field "txt"; did you mean "text"?'),
    ("weight: 2", "weight: -1", "should be more than 0"),
    ("weight: 2", "weight: .nan", "not-a-number"),
    ("weight: 2", "weight: .inf", "infinity"),
    ("  - {value: 0, label: Not met}", "  - {value: -1, label: Not met}", "at least 0"),
    # Ids are laaeval's own form unless the framework gives an id_pattern.
    ("      - id: XB", "      - id: X-B", '"X-B" is not in the expected form: ids are a letter'),
]


@pytest.mark.parametrize(("old", "new", "words"), BROKEN)
def test_framework_mistakes_are_named_with_file_line_and_path(tmp_path, old, new, words):
    text = MINI_FRAMEWORK.read_text()
    assert old in text
    path = tmp_path / "broken.yaml"
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(LaaevalError) as caught:
        fw.load_framework(path)
    message = caught.value.one_line()
    assert words in message
    assert message.startswith(f"{path}, line ")
    assert caught.value.exit_code == 1


def test_resolve_finds_local_frameworks_and_suggests_names(tmp_path, monkeypatch):
    monkeypatch.setenv("LAAEVAL_FRAMEWORKS", str(MINI_FRAMEWORK.parent))
    assert catalogue.resolve("mini").id == "mini"
    assert catalogue.resolve(str(MINI_FRAMEWORK)).id == "mini"
    with pytest.raises(LaaevalError, match='did you mean "mini"'):
        catalogue.resolve("minu")
    with pytest.raises(LaaevalError, match='version "9" is not installed'):
        catalogue.resolve("mini", "9")


def test_resolve_by_id_reads_only_the_frameworks_that_name_it(tmp_path, monkeypatch):
    # Among a folder of a user's own frameworks (one of them broken), finding one by its id
    # reads the files that name it, however they are called, in the folders' order.
    own = tmp_path / "ours"
    own.mkdir()
    monkeypatch.chdir(tmp_path)  # no ./frameworks folder (as a source checkout has)
    odpm = (ROOT / "frameworks" / "odpm-laa-2005.yaml").read_text(encoding="utf-8")
    (own / "ours.yaml").write_text(odpm.replace('version: "1.0"', 'version: "1.0-ours"', 1))
    (own / "broken.yaml").write_text("laaeval: framework/1\nid: [\n")
    shutil.copyfile(MINI_FRAMEWORK, own / "mini.yaml")
    monkeypatch.setenv("LAAEVAL_FRAMEWORKS", str(own))
    read: list[str] = []
    real = catalogue.load_framework
    monkeypatch.setattr(catalogue, "load_framework", lambda p: read.append(Path(p).name)
                        or real(p))  # fmt: skip
    found = catalogue.resolve("odpm-laa-2005")
    assert (found.version, Path(found.origin).name) == ("1.0-ours", "ours.yaml")  # local first
    assert read == ["ours.yaml", "odpm-laa-2005.yaml"]  # not broken.yaml, nor mini.yaml
    shipped = catalogue.resolve("odpm-laa-2005", "1.0")
    assert Path(shipped.origin) == catalogue.shipped_dir() / "odpm-laa-2005.yaml"
    assert catalogue.resolve("mini").id == "mini"
    listed = {Path(e.path).name: e.error is not None for e in catalogue.available()}
    assert listed["broken.yaml"] and not listed["mini.yaml"]  # listing still reads them all


def test_shipped_dir_holds_the_odpm_framework():
    assert (Path(catalogue.shipped_dir()) / "odpm-laa-2005.yaml").is_file()


SIX_FAULTS = """\
laaeval: framework/1
id: Bad Framework
version: "1"
title: A framework with six faults
scale:
  - {value: 0, label: No}
  - {value: 1, lable: Yes}
aspects:
  - id: A
    title: First
    descripton: About the first
    criteria:
      - {id: A1, txt: One, indicators: []}
      - {id: A2, text: Two, weight: -1, indicators: []}
  - id: B
    criteria: []
"""


def test_validate_lists_every_framework_problem_in_one_run(cli, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(SIX_FAULTS)
    result = cli("validate", path)
    assert result.exit_code == 1
    lines = [line.split(": ", 1)[1] for line in result.output.splitlines() if "Error" in line]
    assert lines == [
        f'{path}, line 2, at id: "Bad Framework" is not allowed here: use lower-case '
        "letters, digits and hyphens, such as cg-interview",
        f'{path}, line 7, at scale › item 2 › lable: unknown field "lable"; did you mean '
        '"label"?',
        f'{path}, line 11, at aspects › A › descripton: unknown field "descripton"; did you '
        'mean "description"?',
        f'{path}, line 13, at aspects › A › criteria › A1 › txt: unknown field "txt"; did you '
        'mean "text"?',
        f"{path}, line 14, at aspects › A › criteria › A2 › weight: -1 should be more than 0",
        f'{path}, line 15, at aspects › B: the required field "title" is missing',
        f"{path}, line 16, at aspects › B › criteria: should not be empty",
    ]


def test_validate_lists_every_unknown_field_of_a_mapping(cli, tmp_path):
    # Two misspelt fields under scoring: and two on one level: four lines, not one a run.
    path = tmp_path / "typos.yaml"
    path.write_text(
        'laaeval: framework/1\nid: typos\nversion: "1"\ntitle: Typos\n'
        "scoring:\n  agregate: mean\n  na: dropped\n"
        "answer_sets:\n  s: [{value: 0, label: No}, {value: 1, label: Yes}]\n"
        "aspects:\n  - id: A\n    title: Aspect\n    levels:\n      - id: L\n"
        "        title: Level\n        guidence: Some\n        weight_by: {x: {y: 1}}\n"
        "        criteria:\n          - {id: C1, text: A criterion, answers: s, indicators: []}\n")
    result = cli("validate", path)
    assert result.exit_code == 1
    lines = [line.split(", ", 2)[2] for line in result.output.splitlines() if "Error" in line]
    assert lines == [
        'at scoring › agregate: unknown field "agregate"; did you mean "aggregate"?',
        'at scoring › na: unknown field "na"; the fields allowed here are: aggregate, '
        "criteria, decimals, floor, not_applicable, units, unjudged",
        'at aspects › A › levels › L › guidence: unknown field "guidence"; did you mean '
        '"guidance"?',
        'at aspects › A › levels › L › weight_by: unknown field "weight_by"; did you mean '
        '"weights_by"?',
    ]


def test_an_importance_level_listed_twice_is_refused(cli, tmp_path):
    path = tmp_path / "twice.yaml"
    path.write_text(
        'laaeval: framework/1\nid: twice\nversion: "1"\ntitle: Twice\n'
        "answer_sets:\n  s: [{value: 0, label: No}, {value: 1, label: Yes}]\n"
        "importance:\n  - {id: hi, label: High, weight: 3}\n"
        "  - {id: hi, label: High again, weight: 5}\n"
        "aspects:\n  - id: A\n    title: Aspect\n    criteria:\n"
        "      - {id: C1, text: A criterion, answers: s, importance: hi, indicators: []}\n")
    result = cli("validate", path)
    assert result.exit_code == 1
    assert f'{path}, line 9, at importance › hi › id: "hi" is listed twice' in result.output


def test_answers_needing_a_link_written_as_text_are_told_once(cli, tmp_path):
    path = tmp_path / "links.yaml"
    path.write_text(
        'laaeval: framework/1\nid: links\nversion: "1"\ntitle: Links\n'
        "answer_sets:\n  s: [{value: 0, label: No}, {value: 1, label: Yes}]\n"
        "aspects:\n  - id: A\n    title: Aspect\n    criteria:\n      - {id: C1, text: A "
        'criterion, answers: s, requires_link: "1", indicators: []}\n')  # fmt: skip
    result = cli("validate", path)
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"Error: {path}, line 11, at aspects › A › criteria › C1 › requires_link: should be a "
        'list, not the text "1"')


SHAPE_AND_SENSE = """\
laaeval: framework/1
id: bad-one
version: 1
title: Faults of shape and faults a schema cannot see, together
scale:
  - {value: 0, label: No}
  - {value: 1, label: "Yes"}
bands:
  - {id: g, label: Good, min: 50}
  - {id: g, label: Poor, min: 0}
aspects:
  - id: A
    title: All
    descripton: A typo
    criteria:
      - {id: A1, text: One, indicators: [], answers: nope}
      - {id: A1, text: Two, indicators: []}
      - {id: A4, indicators: []}
"""


def test_faults_of_shape_do_not_hide_the_others(cli, tmp_path):
    """A band id twice, an answer set that is not there and a criterion id twice are told in
    the same run as a number where text belongs, a misspelt field and a missing text, in the
    order of the file's lines."""
    path = tmp_path / "bad.yaml"
    path.write_text(SHAPE_AND_SENSE)
    result = cli("validate", path)
    assert result.exit_code == 1
    lines = [line.split(": ", 1)[1] for line in result.output.splitlines() if "Error" in line]
    assert lines == [
        f"{path}, line 3, at version: should be text, not the number 1",
        f'{path}, line 10, at bands › g › id: "g" is listed twice',
        f'{path}, line 14, at aspects › A › descripton: unknown field "descripton"; did you '
        'mean "description"?',
        f'{path}, line 16, at aspects › A › criteria › A1 › answers: "nope" is not one of the '
        "framework's answer_sets (none yet); add it under answer_sets: or remove answers:",
        f'{path}, line 17, at aspects › A › criteria › A1 › id: the id "A1" is used twice',
        f'{path}, line 18, at aspects › A › criteria › A4: the required field "text" is missing',
    ]


def test_a_file_too_far_out_of_shape_gives_its_shapes_problems(cli, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(SHAPE_AND_SENSE.replace("bands:\n", "bands: 7\nnotbands:\n"))
    result = cli("validate", path)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "at bands: should be a list" in result.output


def test_a_field_that_is_not_a_near_miss_gets_the_list_not_a_guess(cli, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(MINI_FRAMEWORK.read_text().replace(
        "      - id: XB\n", "      - id: XB\n        summary: An overview\n", 1))
    result = cli("validate", path)
    assert "did you mean" not in result.output
    assert 'unknown field "summary"; the fields allowed here are: aggregate, criteria, ' \
        "description, guidance, id, levels, title, weight" in result.output


def test_every_word_of_the_pfpp_framework_is_the_guidances_own():
    """frameworks/pfpp-place-2024.yaml quotes the PfPP guidance (DLUHC, 2024; Crown copyright,
    Open Government Licence v3.0; tests/data/pfpp-2024-guidance.txt is the published text):
    each barrier's title and findings, each tip and the paragraphs under it, word for word,
    and the tips in the guidance's order."""
    from laaeval.files.yamlio import load_path

    guidance = " ".join((DATA / "pfpp-2024-guidance.txt").read_text(encoding="utf-8").split())
    data = load_path(ROOT / "frameworks" / "pfpp-place-2024.yaml")

    def paragraphs(text: str) -> list[str]:
        return [" ".join(p.lstrip("• ").split()) for p in text.split("\n") if p.strip()]

    at = 0
    for aspect in data["aspects"]:
        for quoted in paragraphs(aspect["title"]) + paragraphs(aspect.get("description", "")):
            assert quoted in guidance, quoted
        for criterion in aspect["criteria"]:
            text = " ".join(criterion["text"].split())
            found = guidance.find(text, at)
            assert found >= 0, (criterion["id"], text)  # there, and after the tip before it
            at = found
            for quoted in paragraphs(criterion.get("guidance", "")):
                assert quoted in guidance, quoted
    assert len([c for a in data["aspects"] for c in a["criteria"]]) == 12
