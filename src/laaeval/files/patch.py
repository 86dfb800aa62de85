"""Saving a file a person also edits by hand: re-write only what changed.

A user keeps evidence files in version control and edits them in a text editor, with
comments, their own key order and their own quoting. Writing the whole file afresh after
every answer would undo all of that, and make a one-answer sitting a diff of hundreds of
lines. :func:`patch` takes the file's old text, the data it was read as (with the line and
column of every key, from :mod:`laaeval.files.yamlio`) and the new data, and re-writes
only the mapping entries and list items whose value changed, each at its old place and
indentation, with the same writer as a whole file (:func:`yamlio.dumps`). Entries that
are new go after their nearest sibling that was already there.

It works on plain data, not on what the data means, so it keeps working when the evidence
file's format grows. And it checks itself: the patched text is read back and must give
exactly the new data (types included), or the whole file is written afresh instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import yamlio
from .yamlio import Map, Seq


class _Rewrite(Exception):
    """This change cannot be patched in place: write the whole file instead."""


@dataclass
class _Edits:
    lines: list[str]  # the old text, one entry per line, with line ends
    todo: list[tuple[int, int, int, list[str]]] = field(default_factory=list)

    def replace(self, first: int, last: int, new: list[str]) -> None:
        """Lines ``first``..``last`` (1-based, inclusive) become ``new``; ``last`` =
        ``first`` - 1 inserts before ``first``."""
        self.todo.append((first, last, len(self.todo), new))

    def apply(self) -> str:
        out: list[str] = []
        done = 0  # lines of the old text already copied or replaced (1-based)
        for first, last, _, new in sorted(self.todo):
            if first <= done:  # overlapping edits: something we did not foresee
                raise _Rewrite
            out.extend(self.lines[done : first - 1])
            out.extend(new)
            done = last
        out.extend(self.lines[done:])
        return "".join(out)


def patch(old_text: str, old: Any, new: Any) -> tuple[str, Any]:
    """The new text for ``new``, changing ``old_text`` only where ``new`` differs from
    ``old`` (the data ``old_text`` was read as, by :func:`yamlio.loads`); and the new text
    read back (with its lines, for the next patch)."""
    if isinstance(old, Map) and not old.flow and isinstance(new, dict) and old:
        lines = old_text.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        edits = _Edits(lines)
        try:
            _patch_map(edits, old, new)
            text = edits.apply()
            back = yamlio.loads(text)
        except (_Rewrite, yamlio.YamlSyntaxError, RecursionError):
            pass
        else:
            if same(back, new):
                return text, back
    text = yamlio.dumps(new)
    return text, yamlio.loads(text)


def same(a: Any, b: Any) -> bool:
    """Equal as data, types included (``1`` is not ``1.0`` nor ``True``); key order aside."""
    if isinstance(a, dict):
        return (isinstance(b, dict) and len(a) == len(b)
                and all(k in b and same(v, b[k]) for k, v in a.items()))  # fmt: skip
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(same, a, b))
    return type(a) is type(b) and a == b


# -- mappings -----------------------------------------------------------------------------


def _patch_map(edits: _Edits, old: Map, new: dict[str, Any]) -> None:
    """Re-write the changed entries of a block mapping, drop the removed ones, and add
    the new ones after the nearest earlier sibling (or before the first entry)."""
    before: str | None = None  # the last key of ``new`` already in ``old``
    waiting: list[str] = []  # new keys, to go after ``before``
    for key, value in new.items():
        if key not in old:
            waiting.append(key)
            continue
        _insert(edits, old, new, before, waiting)
        before, waiting = key, []
        if old[key] != value:  # ``==`` is quick; the read-back check at the end is strict
            _patch_entry(edits, old, key, value)
    _insert(edits, old, new, before, waiting)
    for key in old:
        if key not in new:
            edits.replace(old.lines[key], _last(edits, old.ends[key]), [])


def _patch_entry(edits: _Edits, old: Map, key: str, value: Any) -> None:
    was = old[key]
    if _block(was) and was and value and isinstance(value, dict) and isinstance(was, Map):
        _patch_map(edits, was, value)
    elif _block(was) and was and value and isinstance(value, list) and isinstance(was, Seq):
        _patch_seq(edits, was, value)
    else:
        flow = isinstance(was, Map) and was.flow and old.lines[key] == was.end
        first, last = old.lines[key], _last(edits, old.ends[key])
        edits.replace(first, last, _entry(edits, first, old.col, key, value, flow))


def _insert(edits: _Edits, old: Map, new: dict[str, Any], before: str | None,
            keys: list[str]) -> None:  # fmt: skip
    if not keys:
        return
    if before is None:  # before the first entry, unless it follows a list item's "- "
        first = min(old.lines.values())
        if edits.lines[first - 1][: old.col].strip():
            raise _Rewrite
        at = first - 1
    else:
        at = _last(edits, old.ends[before])
    flow = before is not None and _flat_flow(old[before], old.lines[before])
    lines: list[str] = []
    for key in keys:
        lines += _entry(edits, None, old.col, key, new[key], flow and _flat(new[key]))
    edits.replace(at + 1, at, lines)


def _entry(edits: _Edits, line: int | None, col: int, key: str, value: Any,
           flow: bool) -> list[str]:  # fmt: skip
    """``key: value`` as lines at column ``col``; on ``line`` (the entry it replaces) the
    text before the column is kept, such as the "- " of a list item's first key."""
    if flow:
        lines = [f"{' ' * col}{yamlio.scalar(key)}: {_flow(value)}\n"]
    else:
        out: list[str] = []
        yamlio.emit({key: value}, col, out)
        lines = "".join(out).splitlines(keepends=True)
    if line is not None:
        prefix = edits.lines[line - 1][:col]
        if len(prefix) < col or not lines[0].startswith(" " * col):
            raise _Rewrite
        lines[0] = prefix + lines[0][col:]
    return lines


# -- lists --------------------------------------------------------------------------------


def _patch_seq(edits: _Edits, old: Seq, new: list[Any]) -> None:
    """Re-write the changed items of a block list, and add or drop items at its end."""
    for n, (was, value) in enumerate(zip(old, new, strict=False)):
        if was == value:
            continue
        if isinstance(was, Map) and not was.flow and was and isinstance(value, dict) and value:
            if old.lines[n] != _dash_line(edits, old, n):
                raise _Rewrite  # "-" alone on its line: rare; not worth patching
            _patch_map(edits, was, value)
        else:
            first = _dash_line(edits, old, n)
            edits.replace(first, _last(edits, old.ends[n]), _item(edits, first, old.col, value))
    if len(new) > len(old):
        at = _last(edits, old.ends[-1])
        lines = [line for value in new[len(old) :] for line in _item(edits, None, old.col, value)]
        edits.replace(at + 1, at, lines)
    for n in range(len(new), len(old)):
        edits.replace(_dash_line(edits, old, n), _last(edits, old.ends[n]), [])


def _dash_line(edits: _Edits, old: Seq, n: int) -> int:
    """The line of item ``n``'s "-" (its value may start on a later line)."""
    line = old.lines[n]
    stop = old.ends[n - 1] if n else old.line - 1
    while line > stop:
        text = edits.lines[line - 1]
        if len(text) > old.col and text[old.col] == "-" and not text[: old.col].strip():
            return line
        line -= 1
    raise _Rewrite


def _item(edits: _Edits, line: int | None, col: int, value: Any) -> list[str]:
    out: list[str] = []
    yamlio.emit([value], col, out)
    lines = "".join(out).splitlines(keepends=True)
    if line is not None:
        prefix = edits.lines[line - 1][:col]
        if prefix.strip():
            raise _Rewrite
        lines[0] = prefix + lines[0][col:]
    return lines


# -- small helpers -------------------------------------------------------------------------


def _block(value: Any) -> bool:
    return isinstance(value, (Map, Seq)) and not value.flow


def _last(edits: _Edits, end: int) -> int:
    """The last line of a value that has content: a block scalar also takes the blank lines
    after it, which belong between entries and stay where they are."""
    while end > 1 and not edits.lines[end - 1].strip():
        end -= 1
    return end


def _flat(value: Any) -> bool:
    return isinstance(value, dict) and all(not isinstance(v, (dict, list)) for v in value.values())


def _flat_flow(value: Any, line: int) -> bool:
    """A one-line ``{a: 1, b: text}``, as a neighbour to a new entry written the same way."""
    return isinstance(value, Map) and value.flow and value.end == line and _flat(value)


def _flow(value: dict[str, Any]) -> str:
    """A flat mapping in flow style; text that flow style would misread is quoted."""
    parts = []
    for key, item in value.items():
        text = yamlio.scalar(item)
        if isinstance(item, str) and not text.startswith('"') and "," in text:
            text = yamlio.scalar(item, quote=True)
        parts.append(f"{yamlio.scalar(key)}: {text}")
    return "{" + ", ".join(parts) + "}"
