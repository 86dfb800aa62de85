"""``laaeval upgrade``: rewrite an evidence file of format 1 as format 2, saying the same thing.

Format 2 lists an item's source types (``sources: [go-interview]``) where format 1 named one
(``source: go-interview``); nothing else has to change. The rewrite touches only those lines
and the first one, so the user's comments, layout and quoting stay as they were; should the
result not read back as exactly the upgraded data, the whole file is written afresh instead.
The file as it was is kept beside it first, as ``NAME.v1-backup`` (which no command reads as
an evidence file, since it does not end in .yaml).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Any

from .errors import LaaevalError
from .files import yamlio
from .files.output import backup_name, write_output
from .model.checks import check_evidence
from .model.evidence import FORMAT, upgraded
from .model.framework import Framework
from .model.store import load_evidence

BACKUP = ".v1-backup"
_FIRST = re.compile(r"^(laaeval:\s*)(['\"]?)evidence/1\2(\s*(#.*)?)$")
_SOURCE = re.compile(r"^(\s*(?:-\s+)?)source(\s*:\s*)([^#]*?)(\s*(#.*)?)$")


@dataclass(frozen=True)
class Upgraded:
    path: str
    backup: str | None  # None when the file was already format 2
    kept_layout: bool  # the rewrite kept the file's own comments and layout


def upgrade_file(path: str | os.PathLike[str], framework: Framework | None = None) -> Upgraded:
    """Check the file, keep a copy, then rewrite it as format 2 (atomically)."""
    name = str(path)
    record, used = load_evidence(name, framework)  # every check, as any command makes
    if record.format == 2:
        return Upgraded(name, None, True)
    text = yamlio.read_text(name)
    data = yamlio.loads(text, name)
    new_data = upgraded(data)
    problems = check_evidence(new_data, used, name)
    if problems:
        raise problems[0]
    new_text, kept = _rewritten(text, data, new_data)
    backup = backup_name(name, BACKUP)
    write_output(backup, text, "copy of the file as it was")
    write_output(name, new_text, "evidence file")
    return Upgraded(name, backup, kept)


def _rewritten(text: str, data: Any, new_data: Any) -> tuple[str, bool]:
    """The upgraded text, changing only the lines that must change where that is enough."""
    lines = text.split("\n")
    targets = [yamlio.line_of(data, "laaeval")]
    targets += [yamlio.line_of(item, "source") for item in data.get("evidence") or ()]
    try:
        for number in targets:
            lines[number - 1] = _line(lines[number - 1])  # type: ignore[operator]
        patched = "\n".join(lines)
        if yamlio.loads(patched, "upgraded") == new_data:
            return patched, True
    except (TypeError, ValueError, LaaevalError):
        pass
    return yamlio.dumps(new_data), False


def _line(line: str) -> str:
    first = _FIRST.match(line)
    if first:
        return f"{first.group(1)}{FORMAT}{first.group(3)}"
    source = _SOURCE.match(line)
    if not source or not source.group(3):
        raise ValueError("not a line this rewrite understands")
    return f"{source.group(1)}sources{source.group(2)}[{source.group(3)}]{source.group(4)}"


