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
