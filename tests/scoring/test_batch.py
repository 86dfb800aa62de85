"""Scoring many files: worker processes change nothing but the speed."""

from __future__ import annotations

import pytest

from laaeval.errors import LaaevalError
from laaeval.model.framework import load_framework
from laaeval.report.json import to_dict
from laaeval.scoring import batch, workers

from ..conftest import MINI_EVIDENCE, MINI_FRAMEWORK


@pytest.fixture
def files(tmp_path):
    text = MINI_EVIDENCE.read_text()
    paths = []
    for n in range(10):
        path = tmp_path / f"pilot-{n}.yaml"
        varied = text.replace("Smallville", f"Town {n}")
        path.write_text(varied.replace("X2: {rating: 0}", f"X2: {{rating: {n % 3}}}"))
        paths.append(path)
    (tmp_path / "pilot-3.yaml").write_text(text.replace("X1.2: {rating: 1}", "X1.2: {rating: 8}"))
    (tmp_path / "pilot-6.yaml").write_text("laaeval: evidence/1\nframework: []\n")
    return paths


def outcomes(paths, framework):
    out = []
    for outcome in batch.iter_scored(paths, framework):
        out.append(outcome.one_line() if isinstance(outcome, LaaevalError) else to_dict(outcome))
    return out


@pytest.mark.parametrize("cache", ["off", "on"])
def test_workers_give_exactly_the_serial_results(files, monkeypatch, tmp_path, cache):
    monkeypatch.setenv("LAAEVAL_CACHE", "off" if cache == "off" else str(tmp_path / "c"))
    framework = load_framework(MINI_FRAMEWORK)
    serial = outcomes(files, framework)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 2)
    parallel = outcomes(files, framework)
    again = outcomes(files, framework)  # with the cache on, now every file is cached
    assert parallel == serial == again
    errors = [o for o in serial if isinstance(o, str)]
    assert len(errors) == 2
    assert "pilot-3.yaml, line" in errors[0] and "not on the scale" in errors[0]
    assert "pilot-6.yaml, line 2" in errors[1]


# What a worker does, done here in the test's own process (mutation testing cannot follow
# a worker process, so these are what catch a change in them).


def test_a_worker_hands_back_a_files_checked_content_as_json(files, monkeypatch, tmp_path):
    import json

    import yaml

    from laaeval.files import cache

    monkeypatch.setenv("LAAEVAL_CACHE", str(tmp_path / "c"))
    path = str(files[0])
    content = files[0].read_bytes()
    assert cache.get_text(content, "evidence") is None
    text = batch._prepare(path)
    assert json.loads(text) == yaml.safe_load(content)  # the file's own data, as JSON
    assert cache.get_text(content, "evidence") == text  # and kept for next time
    # A file read before is not read again: it comes from the cache.
    monkeypatch.setattr(batch, "read_data", lambda *a, **k: pytest.fail("read again"))
    assert batch._prepare(path) == text


def test_a_worker_hands_back_a_files_mistake_rather_than_raising_it(files, monkeypatch):
    monkeypatch.setenv("LAAEVAL_CACHE", "off")
    shape = batch._prepare(str(files[6]))
    assert isinstance(shape, LaaevalError)
    assert "pilot-6.yaml, line 2" in shape.one_line()
    missing = batch._prepare(str(files[0].with_name("nowhere.yaml")))
    assert isinstance(missing, LaaevalError) and "nowhere.yaml" in missing.one_line()


def test_a_worker_does_the_work_on_each_path_of_its_chunk_in_order():
    assert workers._each(str.upper, ["b", "a", "c"]) == ["B", "A", "C"]
    assert workers._each(str.upper, []) == []
