"""Issue 13 made `score` and `compare` stream and keep less: they must print exactly the
bytes they printed before. tests/data/scale/outputs.json holds the SHA-256 of every output
as main printed it before the change (recorded by tools/record_outputs.py with main's code,
last at commit b97fbca, never from the code under test), over the shipped examples and small
generated files.

The workbooks (.xlsx) of `report` and `compare`, to be written row by row rather than built
whole in memory, must come out as before too: each case's parts (every file in the zip but
docProps/core.xml, which holds the moment it was made) were recorded as SHA-256 digests in
tests/data/scale/workbooks.json by `tools/record_outputs.py --workbooks` with main's code at
commit 071ed10."""

from __future__ import annotations

import hashlib
import json
import sys

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from record_outputs import cases, workbook_cases, workbook_parts

SCALE = ROOT / "tests" / "data" / "scale"
RECORDED = json.loads((SCALE / "outputs.json").read_text())
CASES = dict(cases())
RECORDED_WORKBOOKS = json.loads((SCALE / "workbooks.json").read_text())
WORKBOOK_CASES = dict(workbook_cases())


@pytest.mark.parametrize("made, recorded", [(CASES, RECORDED),
                                            (WORKBOOK_CASES, RECORDED_WORKBOOKS)])  # fmt: skip
def test_every_case_was_recorded(made, recorded):
    assert sorted(made) == sorted(recorded)


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


@pytest.mark.parametrize("name", sorted(WORKBOOK_CASES))
def test_workbook_is_part_for_part_as_before(name, cli, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("LAAEVAL_REPORT_DATE", "2026-01-01")
    out = tmp_path / "out.xlsx"
    result = cli(*WORKBOOK_CASES[name], "-o", str(out))
    assert result.exit_code == 0, result.stderr
    parts = workbook_parts(out)
    recorded = RECORDED_WORKBOOKS[name]
    assert sorted(parts) == sorted(recorded)
    assert [part for part in recorded if parts[part] != recorded[part]] == []
