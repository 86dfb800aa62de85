"""The cache of checked files: an edit anywhere in a file is read afresh, never stale."""

from __future__ import annotations

import json
import os

import pytest

from ..conftest import MINI_EVIDENCE, MINI_FRAMEWORK

MINI = ("--framework", str(MINI_FRAMEWORK))


def x1_and_overall(cli, path) -> tuple[float, float]:
    result = cli("score", path, *MINI, "--format", "json")
    assert result.exit_code == 0, result.output
    (a,) = json.loads(result.stdout)["assessments"]
    x1 = next(c for c in a["criteria"] if c["id"] == "X1")
    return x1["score"], a["overall"]["score"]


def neutral_items(count: int) -> str:
    """Evidence items that change no score: neutral, on an indicator that is not rated."""
    return "".join(
        f"  - id: N{n}\n    sources: [int-a]\n    perspective: cg\n"
        f"    summary: Background interview {n}, noted for the record and nothing more\n"
        "    bears_on: {Y1.3: neutral}\n"
        for n in range(count)
    )


@pytest.mark.parametrize("items", [0, 40, 800])  # the ratings start past 0.6, 7 and 120 KB
def test_an_edit_far_down_a_long_file_gives_the_new_scores(cli, tmp_path, monkeypatch, items):
    cache = tmp_path / "cache"
    monkeypatch.setenv("LAAEVAL_CACHE", str(cache))
    text = MINI_EVIDENCE.read_text()
    text = text.replace("judgements:\n", neutral_items(items) + "judgements:\n")
    assert text.index("X1.2: {rating: 1}") > 150 * items
    path = tmp_path / "long.yaml"
    path.write_text(text)
    # X1 = (3·1 + 1·3) / 4 = 1.5 of 3 → 50.0; overall (50.0·2 + 0.0 + 100.0) / 4 = 50.0
    assert x1_and_overall(cli, path) == (50.0, 50.0)
    assert x1_and_overall(cli, path) == (50.0, 50.0)  # the second read is from the cache
    assert list(cache.rglob("*.json"))
    stamp = os.stat(path)
    # The same size and modification time, one byte different, near the end of the file.
    path.write_text(text.replace("X1.2: {rating: 1}", "X1.2: {rating: 2}"))
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert os.stat(path).st_size == stamp.st_size
    # X1 = (3·1 + 2·3) / 4 = 2.25 of 3 → 75.0; overall (75.0·2 + 0.0 + 100.0) / 4 = 62.5
    assert x1_and_overall(cli, path) == (75.0, 62.5)


def test_an_entry_is_written_whole_private_and_leaves_nothing_beside_it(tmp_path, monkeypatch):
    from laaeval.files import cache

    monkeypatch.setenv("LAAEVAL_CACHE", str(tmp_path / "cache"))
    content = MINI_EVIDENCE.read_bytes()
    assert cache.get(content, "evidence") is None
    data = {"laaeval": "evidence/2"}
    cache.put_text(content, "evidence", json.dumps(data))  # into a folder not made yet
    entries = [p for p in (tmp_path / "cache").rglob("*") if p.is_file() and p.name != "secret"]
    assert [p.suffix for p in entries] == [".json"]  # no temporary file left beside it
    assert entries[0].stat().st_mode & 0o777 == 0o600
    assert entries[0].parent.stat().st_mode & 0o777 == 0o700
    # A part-written entry, as a killed run leaves, is never read as an entry.
    part = entries[0].with_name(f".{entries[0].name}.abc{cache.TEMP_SUFFIX}")
    part.write_text("garbage")
    entries[0].unlink()
    assert cache.get(content, "evidence") is None


@pytest.mark.parametrize(("name", "expected"), [("mini-evidence-v1.yaml", "evidence-1"),
                                                ("mini-evidence.yaml", "evidence")])  # fmt: skip
def test_a_cached_file_is_checked_against_the_schema_of_its_own_format(
        cli, tmp_path, monkeypatch, name, expected):  # fmt: skip
    from laaeval.files import cache

    monkeypatch.setenv("LAAEVAL_CACHE", str(tmp_path / "cache"))
    path = tmp_path / name
    path.write_bytes((MINI_EVIDENCE.parent / name).read_bytes())
    first = x1_and_overall(cli, path)  # fills the cache
    tried: list[str] = []
    real = cache.fast_check

    def recorded(kind: str):
        tried.append(kind)
        return real(kind)

    monkeypatch.setattr(cache, "fast_check", recorded)
    assert x1_and_overall(cli, path) == first  # read from the cache, and the same
    assert [kind for kind in tried if kind.startswith("evidence")] == [expected]
