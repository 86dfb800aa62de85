"""Issue 13 is to make `report` and `compare` write their workbooks (.xlsx) as they go, rather
than build them whole in memory: each workbook must come out as it did before. Each case's
parts (every file in the .xlsx zip but docProps/core.xml, which holds the moment it was made)
were recorded as SHA-256 digests in tests/data/scale/workbooks.json by
`tools/record_outputs.py --workbooks` with main's code at commit 071ed10, never from the code
under test."""

from __future__ import annotations

import json
import sys

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
from record_outputs import workbook_cases, workbook_parts

RECORDED = json.loads((ROOT / "tests" / "data" / "scale" / "workbooks.json").read_text())
CASES = dict(workbook_cases())


def test_every_workbook_case_was_recorded():
    assert sorted(CASES) == sorted(RECORDED)


@pytest.mark.parametrize("name", sorted(CASES))
def test_workbook_is_part_for_part_as_before(name, cli, monkeypatch, tmp_path):
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("LAAEVAL_REPORT_DATE", "2026-01-01")
    out = tmp_path / "out.xlsx"
    result = cli(*CASES[name], "-o", str(out))
    assert result.exit_code == 0, result.stderr
    parts = workbook_parts(out)
    recorded = RECORDED[name]
    assert sorted(parts) == sorted(recorded)
    changed = [part for part in recorded if parts[part] != recorded[part]]
    assert changed == []
