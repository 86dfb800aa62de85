"""Writing files atomically: the old file survives any failure, and no temporary file is left."""

from __future__ import annotations

import os
import stat

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


def test_write_atomic_syncs_the_file_then_the_folder_after_the_rename(tmp_path, monkeypatch):
    """A rename is only durable once the folder holding it is synced too (POSIX)."""
    path = tmp_path / "file.yaml"
    path.write_text("old\n")
    events: list[tuple[str, str]] = []
    opened: dict[int, str] = {}
    real_open, real_fsync, real_replace = os.open, os.fsync, os.replace

    def opening(name, flags, *args, **kwargs):
        fd = real_open(name, flags, *args, **kwargs)
        opened[fd] = os.fspath(name)
        return fd

    def syncing(fd):
        kind = "folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file"
        events.append((f"fsync {kind}", opened.get(fd, "?")))
        real_fsync(fd)

    def replacing(source, target):
        events.append(("replace", os.fspath(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "open", opening)
    monkeypatch.setattr(os, "fsync", syncing)
    monkeypatch.setattr(os, "replace", replacing)
    output.write_atomic(path, "new\n")
    assert [kind for kind, _ in events] == ["fsync file", "replace", "fsync folder"]
    assert events[1:] == [("replace", str(path)), ("fsync folder", str(tmp_path))]
    assert os.path.dirname(events[0][1]) == str(tmp_path)  # the temporary file, beside it
    assert path.read_text() == "new\n"
    # The cache (durable=False) is rebuilt if lost, so it skips both syncs.
    events.clear()
    output.write_atomic(tmp_path / "cache.json", "{}", durable=False)
    assert [kind for kind, _ in events] == ["replace"]


def test_a_binary_file_is_saved_straight_into_the_file_that_replaces_the_old_one(tmp_path):
    # A workbook is zipped into the temporary file beside its name, not built in memory
    # first; the old file stays until the new one is whole, and a full disk is one line.
    path = tmp_path / "report.xlsx"
    path.write_bytes(b"the old report")
    beside: list[tuple[str, int]] = []

    def fails_half_way(handle):
        handle.write(b"half a workbook")
        handle.flush()
        beside.extend((p.name, p.stat().st_size) for p in tmp_path.iterdir()
                      if p.name != "report.xlsx")  # fmt: skip
        raise OSError(28, "No space left on device")

    with pytest.raises(output.WriteError, match="the disk is full"):
        output.write_output(path, output.Binary(fails_half_way), "report")
    assert path.read_bytes() == b"the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xlsx"]
    [(name, size)] = beside
    assert name.startswith(".report.xlsx.laaeval-tmp-") and size == len(b"half a workbook")

    output.write_output(path, output.Binary(lambda handle: handle.write(b"new")), "report")
    assert path.read_bytes() == b"new"
    assert output.Binary(lambda handle: handle.write(b"whole")).whole() == b"whole"
