"""Issue 13 made `score` and `compare` stream and keep less: they must print exactly the
bytes they printed before. tests/data/scale/outputs.json holds the SHA-256 of every output
as main printed it before the change (recorded by tools/record_outputs.py with main's code,
last at commit b97fbca, never from the code under test), over the shipped examples and small
generated files."""

from __future__ import annotations

import hashlib
import json
import sys

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from record_outputs import cases

RECORDED = json.loads((ROOT / "tests" / "data" / "scale" / "outputs.json").read_text())
CASES = dict(cases())


def test_every_case_was_recorded():
    assert sorted(CASES) == sorted(RECORDED)


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_is_byte_for_byte_as_before(name, cli, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("LAAEVAL_REPORT_DATE", "2026-01-01")
    result = cli(*CASES[name])
    recorded = RECORDED[name]
    assert result.exit_code == recorded["exit"], result.stderr
    assert hashlib.sha256(result.stdout_bytes).hexdigest() == recorded["stdout"]
