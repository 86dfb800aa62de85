"""``score`` renders each assessment as it is scored and lets it go (issue 13): the text is
the same as the whole document's, and no assessment is kept once printed."""

from __future__ import annotations

import gc
import json
import weakref

import pytest

from laaeval.report import formats
from laaeval.report.formats import ScoreFormat
from laaeval.report.json import FORMAT, to_dict
from laaeval.scoring import batch, workers

from ..conftest import EXAMPLES

ODPM = sorted(p for p in EXAMPLES.glob("*.yaml") if "programme" not in p.name)


def test_json_in_pieces_is_json_dumps_of_the_whole_document():
    assessments = batch.score_all(ODPM)
    document = {"laaeval": FORMAT, "assessments": [to_dict(a) for a in assessments]}
    whole = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    assert "".join(formats.chunker(ScoreFormat.json)(assessments)) == whole
    empty = json.dumps({"laaeval": FORMAT, "assessments": []}, indent=2) + "\n"
    assert "".join(formats.chunker(ScoreFormat.json)([])) == empty


@pytest.mark.parametrize("fmt", [ScoreFormat.json, ScoreFormat.csv, ScoreFormat.markdown])
def test_pieces_join_to_the_whole_rendering(fmt):
    assessments = batch.score_all(ODPM)
    assert "".join(formats.chunker(fmt)(assessments)) == formats.renderer(fmt)(assessments)


@pytest.mark.parametrize("fmt", [ScoreFormat.json, ScoreFormat.csv, ScoreFormat.markdown])
def test_an_assessment_printed_is_let_go(fmt):
    seen: list[weakref.ref] = []

    def scored():
        for a in batch.each_scored(ODPM * 2):
            seen.append(weakref.ref(a))
            yield a

    pieces = formats.chunker(fmt)(scored())
    next(pieces)  # the header, or the first assessment
    for _ in range(len(ODPM) * 2 - 1):
        next(pieces)
        gc.collect()
        alive = [r for r in seen[:-1] if r() is not None]
        assert not alive, f"{len(alive)} of the {len(seen)} assessments printed are still kept"


def test_a_mistake_anywhere_prints_nothing(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("laaeval: evidence/1\nframework: []\n")
    result = cli("score", ODPM[0], bad, ODPM[1], "--format", "json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "bad.yaml, line 2" in result.stderr


def test_workers_keep_only_a_few_chunks_in_hand(monkeypatch):
    monkeypatch.setattr(workers, "AHEAD", 1)
    paths = [f"file-{n}" for n in range(23)]
    assert list(workers.in_workers(str.upper, paths, 2, chunksize=3)) == [
        p.upper() for p in paths
    ]


def test_the_fast_encoder_writes_what_json_dumps_writes():
    """orjson writes some floats differently; each such document must be caught and written
    by json.dumps instead. Floats of every size, and the shapes the documents have."""
    import random
    import struct

    from laaeval.report.json import dumps_indented

    rng = random.Random(13)
    floats = [struct.unpack("d", rng.randbytes(8))[0] for _ in range(3000)]
    floats += [rng.uniform(-1, 1) * 10 ** rng.randint(-30, 30) for _ in range(3000)]
    floats += [round(rng.uniform(0, 100), rng.randint(0, 3)) for _ in range(3000)]
    floats += [1e-05, 0.0001, 1e16, 1e22, -0.0, 5e-324, 2.5e-7]
    floats = [f for f in floats if f == f and abs(f) != float("inf")]
    for value in floats:
        data = {"score": value, "list": [value, {"x": []}], "empty": {}}
        assert dumps_indented(data) == json.dumps(data, indent=2, ensure_ascii=False), value
    text = {"a": "é\u2028\x1f\x7f\"\\ e-5 0.00001", "big": 2**70, "odd": "\ud800", "n": None}
    assert dumps_indented(text) == json.dumps(text, indent=2, ensure_ascii=False)
