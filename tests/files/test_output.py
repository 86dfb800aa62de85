"""Writing files atomically: the old file survives any failure, and no temporary file is left."""

from __future__ import annotations

import os

import pytest

from laaeval.files import output


def test_write_atomic_keeps_permissions_and_leaves_no_temp_files(tmp_path):
    path = tmp_path / "file.yaml"
    path.write_text("old\n")
    path.chmod(0o640)
    output.write_atomic(path, "new\n")
    assert path.read_text() == "new\n"
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["file.yaml"]


def test_write_atomic_leaves_the_old_file_when_writing_fails(tmp_path, monkeypatch):
    path = tmp_path / "file.yaml"
    path.write_text("precious\n")

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        output.write_atomic(path, "new\n")
    assert path.read_text() == "precious\n"
    assert [p.name for p in tmp_path.iterdir()] == ["file.yaml"]
