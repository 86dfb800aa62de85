"""``laaeval new framework NAME``: a commented starting file that validates (issue 15)."""

from __future__ import annotations

from laaeval.model.framework import load_framework


def test_new_framework_writes_a_commented_file_that_validates(cli, tmp_path):
    path = tmp_path / "ours.yaml"
    result = cli("new", "framework", "our-place", "--output", path)
    assert result.exit_code == 0, result.output
    assert f"Wrote {path}: fill it in, then run laaeval validate {path}" in result.stderr
    text = path.read_text()
    assert text.startswith("# A laaeval framework: our-place.")
    assert "# Optional. Bands" in text
    checked = cli("validate", path)
    assert checked.exit_code == 0, checked.output
    framework = load_framework(path)
    assert (framework.id, framework.version, len(framework.criteria)) == ("our-place", "0.1", 2)
    assert framework.aspects[0].guidance == "Advice for the assessor judging it."


def test_new_framework_never_replaces_a_file_and_refuses_a_bad_name(cli, tmp_path):
    path = tmp_path / "ours.yaml"
    path.write_text("ours\n")
    result = cli("new", "framework", "our-place", "-o", path)
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert path.read_text() == "ours\n"
    result = cli("new", "framework", "Our Place", "-o", tmp_path / "x.yaml")
    assert result.exit_code == 2
    assert "use lower-case letters, digits and hyphens" in result.stderr
    assert not (tmp_path / "x.yaml").exists()
