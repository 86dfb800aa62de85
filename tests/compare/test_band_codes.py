"""Bands whose names start alike get short labels that tell them apart in a comparison's
narrow cells (issue 15: every band shortened to "M"); a band's own short: label wins, and
the ODPM bands keep their initials."""

from __future__ import annotations

from laaeval.model.framework import build_framework

from ..conftest import ROOT

BANDS = """\
laaeval: framework/1
id: bands-test
version: "1"
title: Bands that start alike
scale:
  - {value: 0, label: No}
  - {value: 1, label: Partly}
  - {value: 2, label: "Yes"}
bands:
  - {id: met, label: Met, min: 75}
  - {id: mostly, label: Mostly met, min: 40}
  - {id: missing, label: Missing, min: 0}
aspects:
  - id: A
    title: All
    criteria:
      - {id: A1, text: One, indicators: []}
      - {id: A2, text: Two, indicators: []}
"""


def _compare(cli, tmp_path, framework_text: str, monkeypatch) -> str:
    framework = tmp_path / "bands.yaml"
    framework.write_text(framework_text)
    files = []
    for n in (1, 2):  # P1: A1 Partly (50.0), A2 No (0.0); P2: A1 Yes (100.0), A2 Partly (50.0)
        path = tmp_path / f"p{n}.yaml"
        path.write_text("laaeval: evidence/2\nframework: {id: bands-test, version: '1'}\n"
                        f"pilot: {{name: P{n}, round: one}}\n"
                        f"judgements: {{A1: {{rating: {n}}}, A2: {{rating: {n - 1}}}}}\n")
        files.append(path)
    monkeypatch.setenv("COLUMNS", "100")
    result = cli("compare", *files, "-f", framework)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_bands_that_start_alike_are_told_apart(cli, tmp_path, monkeypatch):
    out = _compare(cli, tmp_path, BANDS, monkeypatch)
    assert "Cells: score and band (Me Met · MM Mostly met · Mi Missing)" in out
    p1 = next(line for line in out.splitlines() if line.startswith("P1 "))
    p2 = next(line for line in out.splitlines() if line.startswith("P2 "))
    # P1 overall (50 + 0) / 2 = 25.0 Missing; A1 50.0 Mostly met; A2 0.0 Missing
    assert [c.strip() for c in p1.split("│")][2:] == ["25.0 Mi 100.0%", "50.0 MM", "0.0 Mi"]
    # P2 overall (100 + 50) / 2 = 75.0 Met; A1 100.0 Met; A2 50.0 Mostly met
    assert [c.strip() for c in p2.split("│")][2:] == ["75.0 Me 100.0%", "100.0 Me", "50.0 MM"]


def test_a_bands_own_short_label_is_kept(cli, tmp_path, monkeypatch):
    text = BANDS.replace("label: Missing, min: 0}", "label: Missing, min: 0, short: X}")
    out = _compare(cli, tmp_path, text, monkeypatch)
    assert "Cells: score and band (Me Met · MM Mostly met · X Missing)" in out


def test_bands_that_differ_keep_their_initials():
    from laaeval.files.yamlio import load_path

    odpm = build_framework(load_path(ROOT / "frameworks" / "odpm-laa-2005.yaml"), "odpm")
    assert [(b.label, b.short) for b in odpm.bands] == [
        ("Green", None), ("Amber/Green", None), ("Amber", None), ("Amber/Red", None),
        ("Red", None)]  # fmt: skip


def test_a_framework_without_bands_never_says_a_scored_column_applies_to_no_pilot(
        cli, tmp_path, monkeypatch):  # fmt: skip
    """SAMM has no bands: the comparison counts its scores, at every grouping, and never
    says that a practice every pilot is scored on "applies to no pilot"."""
    samm = ROOT / "other-examples" / "samm-governance-northgate.yaml"
    later = tmp_path / "later.yaml"
    later.write_text(samm.read_text().replace("round: baseline", "round: later"))
    monkeypatch.setenv("COLUMNS", "120")
    for by in ("criterion", "level", "aspect"):
        result = cli("compare", samm, later, "--by", by)
        assert result.exit_code == 0, result.stderr
        assert "applies to no pilot" not in result.stdout
        assert "Cells: score (this framework has no bands)" in result.stdout
