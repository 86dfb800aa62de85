"""Evidence files: every kind of mistake is one line naming file, line and key path."""

from __future__ import annotations

import pytest

from laaeval.errors import LaaevalError
from laaeval.files import yamlio
from laaeval.model.evidence import EvidenceItem, Judgement, Pilot, new_evidence_file
from laaeval.model.framework import load_framework
from laaeval.model.store import load_evidence, save

from .. import oracle
from ..conftest import EXAMPLES, MINI_EVIDENCE, MINI_FRAMEWORK, ROOT
from ..oracle import fingerprint


@pytest.fixture(scope="module")
def framework():
    return load_framework(MINI_FRAMEWORK)


def broken(tmp_path, old: str, new: str):
    text = MINI_EVIDENCE.read_text()
    assert old in text, old
    path = tmp_path / "evidence.yaml"
    path.write_text(text.replace(old, new, 1))
    return path


RATING = "judgements › X1.2 › rating"
MISTAKES = [
    # (replace this, with this, the message says, at this key path)
    ("X1.2: {rating: 1}", "X1.2: {rating: 4}", "4 is not on the scale", RATING),
    ("X1.2: {rating: 1}", "X1.2: {rating: 4.0}", "as a whole number (4, not 4.0)",
     RATING),
    ("X1.2: {rating: 1}", "X1.2: {rating: 3.0}", "as a whole number (3, not 3.0)",
     RATING),
    ("X1.2: {rating: 1}", "X1.2: {rating: .nan}", "not-a-number", None),
    ("X1.2: {rating: 1}", "X1.2: {rating: true}", "is not allowed here", RATING),
    ("X1.2: {rating: 1}", "X1.2: {rating: '2'}", "is not allowed here", RATING),
    ("X1.2: {rating: 1}", "X1.2: {rating: NA}", '"NA": write "not applicable" as n/a', RATING),
    ("X1.2: {rating: 1}", "X1.2: {ratign: 1}", 'unknown field "ratign"; did you mean "rating"?',
     "judgements › X1.2 › ratign"),
    ("X1.2: {rating: 1}", "X9.9: {rating: 1}", 'unknown criterion or indicator "X9.9"',
     "judgements › X9.9"),
    ("X1.2: {rating: 1}", "Y1: {rating: 1}", "the framework judges Y1 through its indicators only",
     "judgements › Y1"),
    ("X1.2: {rating: 1}", "X1.2: {rating: too-late}", 'unknown verdict "too-late"', RATING),
    ("X1.2: {rating: 1}", "X1.2: {rating: 1, contested: false}",
     "contested is the assessor's finding on a criterion as a whole; record it under X1",
     "judgements › X1.2 › contested"),
    ("X2: {rating: 0}", "X2: {rating: 0, contested: false}",
     "say why you find X2 not contested", "judgements › X2 › contested"),
    ("sources: [int-b]", "sources: [int-c]", 'unknown source type "int-c"; did you mean "int-b"?',
     "evidence › E3 › sources › item 1"),
    ("    sources: [int-b]\n", "", "primary evidence needs its kind of source",
     "evidence › E3 › sources"),
    ("    perspective: la\n", "", "primary evidence needs the perspective it speaks for",
     "evidence › E3 › perspective"),
    ("    perspective: la\n", "    perspective: la\n    prevalence: lots\n",
     'unknown prevalence word "lots"', "evidence › E3 › prevalence"),
    ("    perspective: la\n", "    perspective: la\n    count: 22\n    out_of: 21\n",
     "count 22 is more than out_of 21", "evidence › E3 › count"),
    ("  tier: single-tier", "  tier: mixed", "mixed describes a group of pilots", "pilot › tier"),
    ("assessor: Test Assessor", "assessor: Test Assessor\nnarrative: {X1.1: Words}",
     "not an indicator; write about X1.1 under its criterion, X1", "narrative › X1.1"),
    ("X1.2: {rating: 1}", "X1.2: {rating: too_early}", 'unknown verdict "too_early"; did you mean '
     '"too-early"?', RATING),
    ("sources: [int-b]", "sources: int-b", "should be a list, not the text \"int-b\": list the "
     "source types in square brackets, such as sources: [go-interview]",
     "evidence › E3 › sources"),
    ("X1.1: {rating: 3, rationale: Fully met on the interviews}", "X1.1: {rating: 3}",
     "needs a rationale", "judgements › X1.1 › rating"),
    ("X2: {rating: 0}", "X2: {rating: 0}\n  X3.1: {rating: 2}", "applies only where tier",
     "judgements › X3.1 › rating"),
    ("perspective: la", "perspective: LA", "is not allowed here", "evidence › E3 › perspective"),
    ("perspective: la", "perspective: ls", 'unknown perspective "ls"; did you mean "la"?',
     "evidence › E3 › perspective"),
    ("    summary: The council challenges Y1.1\n", "    summary: The council challenges Y1.1\n"
     "    date: 19/01/2005\n", 'write a date as "YYYY-MM-DD"', "evidence › E3 › date"),
    ("    summary: The council challenges Y1.1\n", "    summary: The council challenges Y1.1\n"
     "    date: 2005-02-30\n", "is not a real date", "evidence › E3 › date"),
    ("bears_on: {Y1.1: challenges}", "bears_on: {Y1.1: challenge}",
     'did you mean "challenges"?', "evidence › E3 › bears_on › Y1.1"),
    ("bears_on: {Y1.1: challenges}", "bears_on: {}", "should not be empty",
     "evidence › E3 › bears_on"),
    ("  - id: E3\n", "  - id: E2\n", 'the evidence id "E2" is used twice', "evidence › E2 › id"),
    ("  tier: single-tier", "  tier: three-tier", "unknown tier", "pilot › tier"),
    ("  tier: single-tier", "  teir: single-tier", 'unknown pilot detail "teir"', "pilot › teir"),
    ("  round: final\n", "", 'the required field "round" is missing', "pilot"),
    ("  name: Smallville", "  name: [Smallville]", "should be text, not a list", "pilot › name"),
    ('  version: "2"', "  version: 2", "should be text, not the number 2", "framework › version"),
    ('  version: "2"', '  version: "1"', 'recorded against version "1" of mini',
     "framework › version"),
    ("laaeval: evidence/2", "laaeval: evidence/9", "not a laaeval evidence file", None),
    ("assessor: Test Assessor", "assessor: Test\nnotes: [a, b]", "should be text, not a list",
     "notes"),
]  # fmt: skip


@pytest.mark.parametrize(("old", "new", "words", "path"), MISTAKES)
def test_mistakes_name_file_line_and_key_path(tmp_path, framework, old, new, words, path):
    target = broken(tmp_path, old, new)
    with pytest.raises(LaaevalError) as caught:
        load_evidence(target, framework)
    error = caught.value
    assert words in error.one_line()
    assert error.exit_code == 1
    assert error.file == str(target)
    assert error.line is not None
    assert error.path == path


def test_unquoted_dates_are_read_as_written(tmp_path, framework):
    target = broken(tmp_path, "    summary: The council challenges Y1.1\n",
                    "    summary: The council challenges Y1.1\n    date: 2005-01-19\n")  # fmt: skip
    record, _ = load_evidence(target, framework)
    assert record.evidence[2].date == "2005-01-19"


def test_a_changed_framework_is_detected_by_its_fingerprint(tmp_path, framework):
    record, _ = load_evidence(MINI_EVIDENCE, framework)
    path = tmp_path / "evidence.yaml"
    save(record, path, framework)  # save records the framework's fingerprint
    changed = tmp_path / "framework.yaml"
    changed.write_text(MINI_FRAMEWORK.read_text().replace("First indicator", "First one"))
    with pytest.raises(LaaevalError, match="changed without a new version number") as caught:
        load_evidence(path, load_framework(changed))
    assert caught.value.path == "framework › hash"


def test_a_file_for_another_framework_is_refused(tmp_path, framework):
    target = broken(tmp_path, "  id: mini", "  id: other")
    with pytest.raises(LaaevalError, match='recorded against framework "other"'):
        load_evidence(target, framework)


def test_save_round_trips_and_validates(tmp_path, framework):
    record = new_evidence_file(
        framework, Pilot("Hill & Dale", "mid-way", "North", {}), "A. N. Other"
    )
    record = record.__class__(
        **{**record.__dict__,
           "evidence": (EvidenceItem("E1", ("doc",), "go", 'He said "no": =1+1', {"X2": "supports"},
                                     quote="- a dash\nand a newline", date="2005-01-19"),),
           "judgements": {"X2": Judgement("X2", rating=2), "Y1.2": Judgement("Y1.2", None, True)}}
    )  # fmt: skip
    path = tmp_path / "new.yaml"
    save(record, path, framework)
    again, _ = load_evidence(path, framework)
    assert again.evidence == record.evidence
    assert again.judgements == record.judgements
    assert again.pilot == record.pilot
    assert yamlio.load_path(path)["framework"]["hash"] == framework.hash


def test_save_refuses_to_write_an_invalid_file_and_keeps_the_old_one(tmp_path, framework):
    record, _ = load_evidence(MINI_EVIDENCE, framework)
    path = tmp_path / "evidence.yaml"
    path.write_text("precious\n")
    bad = record.__class__(**{**record.__dict__, "judgements": {"X2": Judgement("X2", rating=7)}})
    with pytest.raises(LaaevalError, match="not on the scale"):
        save(bad, path, framework)
    assert path.read_text() == "precious\n"


def test_cache_gives_the_same_result_and_never_confuses_kinds(tmp_path, framework, monkeypatch):
    from laaeval.files import cache
    from laaeval.model.framework import load_framework as load

    monkeypatch.setenv("LAAEVAL_CACHE", str(tmp_path / "cache"))
    first, _ = load_evidence(MINI_EVIDENCE, framework)
    assert list((tmp_path / "cache").rglob("*.json"))
    second, _ = load_evidence(MINI_EVIDENCE, framework)  # from the cache
    assert first == second
    content = MINI_EVIDENCE.read_bytes()
    assert cache.get(content, "evidence") is not None
    assert cache.get(content, "framework") is None
    with pytest.raises(LaaevalError, match="not a laaeval framework file"):
        load(MINI_EVIDENCE)


def test_an_error_in_a_cached_file_still_names_its_line(tmp_path, monkeypatch):
    monkeypatch.setenv("LAAEVAL_CACHE", str(tmp_path / "cache"))
    load_evidence(MINI_EVIDENCE, load_framework(MINI_FRAMEWORK))  # now cached
    other = load_framework(MINI_FRAMEWORK)
    # A framework with one scale point fewer makes a cached rating invalid.
    changed = tmp_path / "framework.yaml"
    changed.write_text(MINI_FRAMEWORK.read_text().replace(
        "  - {value: 3, label: Fully met, requires_rationale: true}\n", ""))  # fmt: skip
    with pytest.raises(LaaevalError) as caught:
        load_evidence(MINI_EVIDENCE, load_framework(changed))
    assert caught.value.line is not None
    assert other.hash != load_framework(changed).hash


def test_a_huge_rating_is_one_line(tmp_path, framework):
    target = broken(tmp_path, "X1.2: {rating: 1}", "X1.2: {rating: " + "9" * 5000 + "}")
    with pytest.raises(LaaevalError) as caught:
        load_evidence(target, framework)
    assert caught.value.line is not None
    assert "9" * 100 not in caught.value.one_line()  # a huge value is never echoed back


def test_a_damaged_cache_entry_is_ignored(tmp_path, monkeypatch):
    from laaeval.files import cache

    monkeypatch.setenv("LAAEVAL_CACHE", str(tmp_path / "cache"))
    framework = load_framework(MINI_FRAMEWORK)
    expected, _ = load_evidence(MINI_EVIDENCE, framework)
    entries = list((tmp_path / "cache").rglob("*.json"))
    assert entries
    for entry in entries:  # damage every entry: evidence and framework alike
        entry.write_text("0" * 32 + '\n{"a": 1}')
    assert cache.get(MINI_EVIDENCE.read_bytes(), "evidence") is None
    again, _ = load_evidence(MINI_EVIDENCE, load_framework(MINI_FRAMEWORK))
    assert again == expected


# -- the framework's fingerprint -------------------------------------------------------


ODPM = ROOT / "frameworks" / "odpm-laa-2005.yaml"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: p.name)
def test_every_example_records_the_shipped_frameworks_fingerprint(example):
    recorded = oracle.load(example)["framework"]
    assert recorded == {"id": "odpm-laa-2005", "version": "1.0", "hash": fingerprint(ODPM)}


def test_examples_are_refused_against_a_framework_edited_without_a_new_version(
    cli, tmp_path, monkeypatch
):
    local = tmp_path / "frameworks"
    local.mkdir()
    text = ODPM.read_text(encoding="utf-8")
    assert text.count("Relevant officials in CG") == 1
    (local / "odpm-laa-2005.yaml").write_text(text.replace("Relevant officials in CG",
                                                           "Relevant civil servants in CG"))
    monkeypatch.setenv("LAAEVAL_FRAMEWORKS", str(local))
    for example in EXAMPLE_FILES:
        result = cli("score", example)
        assert result.exit_code == 1, (example, result.output)
        assert "changed without a new version number" in result.stderr
        # The message quotes twelve hex digits of each fingerprint: the recorded one first.
        recorded = fingerprint(ODPM)[7:19]
        edited = fingerprint(local / "odpm-laa-2005.yaml")[7:19]
        assert f"fingerprint {recorded}, but the framework in {local}" in result.stderr
        assert f"now has fingerprint {edited}" in result.stderr


def _flip(digit: str) -> str:
    return "0" if digit != "0" else "1"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        # Same length, differing only after the twelve digits an error message quotes.
        (lambda h: h[:-1] + _flip(h[-1]), "changed without a new version number"),
        (lambda h: h[:20] + _flip(h[20]) + h[21:], "changed without a new version number"),
        (lambda h: h[:19], "is not in the expected form"),  # a prefix of the real one
        (lambda h: h + "0", "is not in the expected form"),
        (lambda h: h.upper(), "is not in the expected form"),
    ],
    ids=["last-digit", "thirteenth-digit", "prefix", "longer", "upper-case"],
)
def test_a_fingerprint_must_match_in_full(cli, tmp_path, change, words):
    real = fingerprint(MINI_FRAMEWORK)

    def with_hash(name: str, value: str):
        path = tmp_path / name
        text = MINI_EVIDENCE.read_text()
        path.write_text(text.replace('  version: "2"\n', f'  version: "2"\n  hash: "{value}"\n'))
        return path

    changed = cli("validate", with_hash("new.yaml", change(real)), "--framework", MINI_FRAMEWORK)
    assert changed.exit_code == 1, changed.output
    assert words in changed.output
    same = cli("validate", with_hash("same.yaml", real), "--framework", MINI_FRAMEWORK)
    assert same.exit_code == 0, same.output
