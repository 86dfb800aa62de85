"""laaeval upgrade: a format 1 evidence file rewritten as format 2, saying the same thing,
keeping the user's comments and a copy of the file as it was."""

from __future__ import annotations

from laaeval.files import yamlio
from laaeval.model.framework import load_framework
from laaeval.model.store import load_evidence
from laaeval.scoring.score import score

from .conftest import DATA, MINI_FRAMEWORK

V1 = DATA / "mini-evidence-v1.yaml"
MINI = ("--framework", str(MINI_FRAMEWORK))


def test_a_format_1_file_is_still_read_as_it_is():
    record, framework = load_evidence(V1, load_framework(MINI_FRAMEWORK))
    assert record.format == 1
    assert record.evidence[0].sources == ("int-a",)
    assert score(framework, record).overall.score == 50.0  # as before: tests/scoring


def test_upgrade_rewrites_only_what_changes_and_keeps_a_copy(cli, tmp_path):
    path = tmp_path / "smallville.yaml"
    original = "# Kept by the team in git\n" + V1.read_text().replace(
        "  - id: E2\n", "  # the GO's own note\n  - id: E2\n")  # fmt: skip
    path.write_text(original)
    result = cli("upgrade", path, *MINI)
    assert result.exit_code == 0, result.stderr
    assert f"Upgraded {path} to format 2" in result.stderr
    backup = tmp_path / "smallville.yaml.v1-backup"
    assert backup.read_text() == original
    new = path.read_text()
    assert new.startswith("# Kept by the team in git\nlaaeval: evidence/2\n")
    assert "  # the GO's own note\n" in new
    # Every line is as it was but the first and each item's source type.
    changed = [(a, b) for a, b in zip(original.splitlines(), new.splitlines(), strict=True)
               if a != b]  # fmt: skip
    assert changed[0] == ("laaeval: evidence/1", "laaeval: evidence/2")
    assert changed[1:] == [(f"    source: {t}", f"    sources: [{t}]")
                           for t in ("int-a", "doc", "int-b", "int-a", "doc")]  # fmt: skip
    # The upgraded file scores exactly as the old one did.
    framework = load_framework(MINI_FRAMEWORK)
    before = score(framework, load_evidence(V1, framework)[0])
    after = score(framework, load_evidence(path, framework)[0])
    assert (after.overall.score, after.overall.judged) == (before.overall.score,
                                                          before.overall.judged)  # fmt: skip


def test_a_file_upgraded_twice_is_left_alone(cli, tmp_path):
    path = tmp_path / "smallville.yaml"
    path.write_text(V1.read_text())
    assert cli("upgrade", path, *MINI).exit_code == 0
    text = path.read_text()
    result = cli("upgrade", path, *MINI)
    assert result.exit_code == 0
    assert "already in format 2: nothing to do" in result.stdout
    assert path.read_text() == text
    assert not (tmp_path / "smallville.yaml.v1-backup-2").exists()


def test_an_unusual_layout_is_written_afresh_with_the_same_data(cli, tmp_path):
    path = tmp_path / "flow.yaml"
    text = V1.read_text().replace(
        "  - id: E1\n    source: int-a\n    perspective: cg\n",
        "  - {id: E1, source: int-a, perspective: cg,\n     summary: CG supports X1.1 and Y1.1,"
        " bears_on: {X1.1: supports, Y1.1: supports}}\n  - id: E1b\n    source: int-a\n"
        "    perspective: cg\n",
    ).replace("    summary: CG supports X1.1 and Y1.1\n", "    summary: Again\n", 1)
    path.write_text(text)
    result = cli("upgrade", path, *MINI)
    assert result.exit_code == 0, result.stderr
    assert "written afresh" in result.stderr
    data = yamlio.loads(path.read_text())
    assert data["evidence"][0]["sources"] == ["int-a"]
    assert data["laaeval"] == "evidence/2"


def test_an_invalid_file_is_refused_and_left_untouched(cli, tmp_path):
    path = tmp_path / "bad.yaml"
    bad = V1.read_text().replace("source: int-b", "source: int-c")
    path.write_text(bad)
    result = cli("upgrade", path, *MINI)
    assert result.exit_code == 1
    assert 'unknown source type "int-c"' in result.stderr
    assert path.read_text() == bad
    assert not (tmp_path / "bad.yaml.v1-backup").exists()


def test_assess_asks_for_an_upgrade_before_it_writes_a_format_1_file(cli, tmp_path):
    path = tmp_path / "smallville.yaml"
    path.write_text(V1.read_text())
    result = cli("assess", path, *MINI, "--answers", "-", input="q\n")
    assert result.exit_code == 2
    assert f"first run: laaeval upgrade {path}" in result.stderr
    assert path.read_text() == V1.read_text()
