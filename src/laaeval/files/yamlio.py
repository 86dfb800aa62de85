"""The one place laaeval reads and writes YAML.

Files come from users and from other people's machines, so loading is deliberately
narrower than YAML: one document, mappings with text keys, lists, and plain values.
Anchors, aliases, merge keys, tags and deep nesting are refused, which is what makes
alias bombs and object-construction tricks impossible rather than merely unlikely.

We build values from the parser's event stream (libyaml's C parser when present)
instead of using a PyYAML constructor: that keeps a line number for every key, lets
us refuse duplicate keys, and resolves plain values by the small YAML 1.2 core rules
(``no`` stays text; a date stays text; ``1.0`` is a number).
"""

from __future__ import annotations

import errno
import gc
import json
import math
import os
import re
import stat
from collections.abc import Iterator
from typing import Any

from ..errors import UnreadableFileError, YamlSyntaxError, shorten

MAX_BYTES = 16 * 1024 * 1024
MAX_DEPTH = 32
TOO_DEEP = f"the file is nested more than {MAX_DEPTH} levels deep"

_INT = re.compile(r"[-+]?[0-9]+")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_SPECIAL = {
    "": None, "~": None, "null": None, "Null": None, "NULL": None,
    "true": True, "True": True, "TRUE": True,
    "false": False, "False": False, "FALSE": False,
}  # fmt: skip
_FLOAT_WORDS = re.compile(r"[-+]?\.(inf|Inf|INF|nan|NaN|NAN)")


class Map(dict):
    """A mapping that remembers where it was written: the line of each key (1-based), the
    last line of each value, the column of its keys, and whether it was written in flow
    style ``{…}``. The ends and columns are what lets a save re-write only what changed."""

    __slots__ = ("col", "end", "ends", "flow", "line", "lines")

    def __init__(self, line: int, col: int = 0, flow: bool = False) -> None:
        super().__init__()
        self.line = line
        self.lines: dict[str, int] = {}
        self.ends: dict[str, int] = {}
        self.col, self.flow, self.end = col, flow, line


class Seq(list):
    """A list that remembers the line of each of its items (1-based), and as :class:`Map`
    where each ends, its column and its style."""

    __slots__ = ("col", "end", "ends", "flow", "line", "lines")

    def __init__(self, line: int, col: int = 0, flow: bool = False) -> None:
        super().__init__()
        self.line = line
        self.lines: list[int] = []
        self.ends: list[int] = []
        self.col, self.flow, self.end = col, flow, line


def line_of(container: Any, key: str | int | None = None) -> int | None:
    """The line a value (or one of its keys or items) was written on, if known."""
    if key is not None:
        lines = getattr(container, "lines", None)
        if isinstance(lines, dict):
            return lines.get(key)  # type: ignore[arg-type]
        if isinstance(lines, list) and isinstance(key, int) and 0 <= key < len(lines):
            return lines[key]
    return getattr(container, "line", None)


def resolve_plain(text: str) -> Any:
    """A plain (unquoted) scalar under the YAML 1.2 core schema."""
    if text in _SPECIAL:
        return _SPECIAL[text]
    if text[0] in _NUMBER_START:
        try:
            if _INT.fullmatch(text):
                return int(text)
            if _FLOAT.fullmatch(text) or _FLOAT_WORDS.fullmatch(text):
                return float(text.replace(".", "", 1) if _FLOAT_WORDS.fullmatch(text) else text)
        except ValueError:  # thousands of digits: left as text, for the schema to refuse
            return text
    return text


def _not_finite(text: str) -> str:
    what = "not-a-number" if "n" in text.lower().replace("inf", "") else "infinity"
    return f"{shorten(text)} ({what}) is not allowed: laaeval values must be ordinary numbers"


def read_text(path: str | os.PathLike[str]) -> str:
    """Read a file as UTF-8 text, refusing anything that is not a modest text file."""
    name = str(path)
    return decode(read_bytes(name), name)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes, refusing folders, devices, pipes and files over the size cap.

    The file is opened first (without waiting, so a pipe cannot make us hang) and only
    then checked: checking a name and then opening it would let the file be swapped, for
    a pipe say, in between."""
    return read_bytes_and_stat(path)[0]


def read_bytes_and_stat(
    path: str | os.PathLike[str], name: str | None = None
) -> tuple[bytes, os.stat_result]:
    """:func:`read_bytes`, and what the file opened was (its size, time and inode);
    ``name`` is the file as the user wrote it, for messages."""
    name = name or str(path)
    try:
        # (Python opens every descriptor close-on-exec already: a program laaeval starts,
        # such as LibreOffice, never inherits it.)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise UnreadableFileError(_why_unreadable(exc), file=name) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise UnreadableFileError("this is a folder, not a file", file=name)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFileError("this is not a regular file", file=name)
        if info.st_size > MAX_BYTES:
            raise UnreadableFileError(
                f"the file is {info.st_size // (1024 * 1024)} MB; laaeval reads files of up "
                f"to {MAX_BYTES // (1024 * 1024)} MB",
                file=name,
            )
        return _read_all(fd, info.st_size), info
    except OSError as exc:
        raise UnreadableFileError(_why_unreadable(exc), file=name) from None
    finally:
        os.close(fd)


def _read_all(fd: int, size: int) -> bytes:
    """Up to one byte past the cap (so a file that grew while read is still refused)."""
    chunks, total = [], 0
    while total <= MAX_BYTES:
        chunk = os.read(fd, max(size - total, 0) + 65536)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _why_unreadable(exc: OSError) -> str:
    if exc.errno == errno.ENOENT:
        return "no such file"
    if exc.errno == errno.ELOOP:
        return "the links in this path lead round in a circle (a symbolic link loop)"
    if exc.errno == errno.EACCES:
        return "you do not have permission to read this file"
    return f"cannot be read ({exc.strerror})"


def decode(data: bytes, name: str) -> str:
    if len(data) > MAX_BYTES:
        raise UnreadableFileError("the file is larger than laaeval reads", file=name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFileError(
            "the file is saved as UTF-16; save it as UTF-8 and try again", file=name
        )
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise UnreadableFileError(
            "the file contains NUL bytes, so it is not a text file", file=name, line=line
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnreadableFileError(
            "the file is not valid UTF-8 text; save it as UTF-8 and try again",
            file=name,
            line=line,
        ) from None


def load_path(path: str | os.PathLike[str]) -> Any:
    """Read and parse one YAML file; see :func:`loads`."""
    return loads(read_text(path), str(path))


def loads(text: str, name: str = "<text>") -> Any:
    """Parse one YAML document into :class:`Map`, :class:`Seq` and plain values.

    Raises :class:`YamlSyntaxError` (naming file and line) for anything we refuse.
    """
    if not text.strip():
        raise YamlSyntaxError("the file is empty", file=name)
    # Building many small containers triggers the cyclic garbage collector over and
    # over; nothing we build here can form a cycle, so pause it for the duration.
    import yaml  # here, not at the top: a run that finds every file cached never needs it

    enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(_events(text), name)
    except yaml.MarkedYAMLError as exc:
        # PyYAML's parsers always give a problem and its place; should one not, the reader
        # is still told in one line (tests/files/test_yamlio_edges.py makes them fail so).
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context
        if problem and "nesting depth" in problem:
            # Newer libyaml refuses deep nesting itself, before our own limit is reached:
            # the reader is told the same thing whichever layer refused.
            message = TOO_DEEP
        else:
            message = f"this is not valid YAML ({problem})" if problem else "this is not valid YAML"
        raise YamlSyntaxError(
            message,
            file=name,
            line=mark.line + 1 if mark else None,
        ) from None
    except yaml.reader.ReaderError as exc:
        # A character YAML cannot hold, such as a control character pasted from elsewhere.
        # libyaml gives its place in bytes, PyYAML's own reader in characters: find the
        # character itself instead, the first of its kind in the text (it is the first
        # character refused).
        line = text.count("\n", 0, text.find(chr(exc.character))) + 1
        raise YamlSyntaxError(
            f"this line holds a character YAML does not allow (U+{exc.character:04X}, which most "
            "editors do not show): delete it and save again",
            file=name,
            line=line,
        ) from None
    except yaml.YAMLError as exc:  # none other is raised by PyYAML's parsers, as above
        raise YamlSyntaxError(f"this is not valid YAML ({exc})", file=name) from None
    finally:
        if enabled:
            gc.enable()


def _events(text: str) -> Iterator[Any]:
    import yaml

    try:  # libyaml is much faster; fall back to the pure-Python parser where it is missing
        parser = yaml.CSafeLoader(text)
    except AttributeError:  # (tests/files/test_yamlio_edges.py runs it without libyaml)
        parser = yaml.SafeLoader(text)
    try:
        while parser.check_event():
            yield parser.get_event()
    finally:
        parser.dispose()


def _build(events: Iterator[Any], name: str) -> Any:
    # Hot loop: one pass over the parser's events, with attribute lookups hoisted.
    stack: list[Any] = []  # open containers, innermost last
    keys: list[_Key | None] = []  # per open container: a mapping's key awaiting its value
    root: Any = None
    documents = 0
    import yaml

    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    special, first_chars = _SPECIAL, _NUMBER_START

    def refuse(message: str, event: Any) -> YamlSyntaxError:
        return YamlSyntaxError(message, file=name, line=event.start_mark.line + 1)

    for event in events:
        kind = type(event)
        if kind is scalar_event:
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                raise refuse(_refusal(event), event)
            value: Any = event.value
            if not event.style and event.implicit[0]:
                if value in special:
                    value = special[value]
                elif value[0] in first_chars:
                    value = resolve_plain(value)
                    if value.__class__ is float and not math.isfinite(value):
                        raise refuse(_not_finite(event.value), event)
            if not stack:
                root = value
                continue
            parent = stack[-1]
            mark = event.end_mark
            # The last line the value is on (1-based): a mark at the start of a line means
            # the value ended on the line before (a block scalar takes its line break).
            end = mark.line + 1 if mark.column else mark.line
            if type(parent) is Seq:
                parent.append(value)
                parent.lines.append(event.start_mark.line + 1)
                parent.ends.append(end)
                continue
            pending = keys[-1]
            if pending is not None:
                parent[pending.text] = value
                parent.lines[pending.text] = pending.line
                parent.ends[pending.text] = end
                keys[-1] = None
            else:
                keys[-1] = _new_key(parent, value, event.start_mark.line + 1, name)
        elif kind is map_start or kind is seq_start:
            if event.anchor is not None or (event.tag is not None and event.tag != "!"):
                raise refuse(_refusal(event), event)
            if len(stack) >= MAX_DEPTH:
                raise refuse(TOO_DEEP, event)
            if stack and keys[-1] is None and type(stack[-1]) is Map:
                raise refuse("keys must be plain text, not lists or mappings", event)
            start = event.start_mark
            container = (Map if kind is map_start else Seq)(start.line + 1, start.column,
                                                             bool(event.flow_style))  # fmt: skip
            stack.append(container)
            keys.append(None)
        elif kind is map_end or kind is seq_end:
            value = stack.pop()
            keys.pop()
            if value.flow or not value:  # (an empty container is always in flow style)
                # just after its closing bracket, so never at the start of a line
                value.end = event.end_mark.line + 1
            else:  # a block container ends with its last value
                value.end = value.ends[-1] if kind is seq_end else value.ends[next(reversed(value))]
            if not stack:
                root = value
                continue
            parent = stack[-1]
            if type(parent) is Seq:
                parent.append(value)
                parent.lines.append(value.line)
                parent.ends.append(value.end)
            else:
                pending = keys[-1]
                parent[pending.text] = value  # type: ignore[union-attr]
                parent.lines[pending.text] = pending.line  # type: ignore[union-attr]
                parent.ends[pending.text] = value.end  # type: ignore[union-attr]
                keys[-1] = None
        elif kind is alias_event:
            raise refuse("aliases (*name) are not allowed in laaeval files", event)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise refuse("the file holds more than one YAML document (---)", event)
    return root


_NUMBER_START = frozenset("0123456789-+.")


def _refusal(event: Any) -> str:
    if event.anchor is not None:
        return "anchors (&name) are not allowed in laaeval files"
    return f"tags such as {shorten(event.tag)} are not allowed in laaeval files"


class _Key:
    """A mapping key waiting for its value, with the line it was written on."""

    __slots__ = ("line", "text")

    def __init__(self, text: str, line: int) -> None:
        self.text = text
        self.line = line


def _new_key(parent: Map, value: Any, line: int, name: str) -> _Key:
    if value == "<<":
        raise YamlSyntaxError(
            "merge keys (<<) are not allowed in laaeval files", file=name, line=line
        )
    if not isinstance(value, str) or value == "":
        raise YamlSyntaxError(
            f"keys must be text; {shorten(value)} is not (put it in quotes)", file=name, line=line
        )
    if value in parent:
        raise YamlSyntaxError(
            f"the key {shorten(value)} appears twice in the same mapping "
            f"(first on line {parent.lines[value]})",
            file=name,
            line=line,
        )
    return _Key(value, line)


# -- writing -------------------------------------------------------------------------


_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .,;()'/&%?!+_@*=-]*")
_YAML11_WORDS = {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}
# Characters JSON leaves raw but a YAML double-quoted scalar must not hold raw, and
# characters YAML cannot hold at all (lone surrogates, the non-characters U+FFFE/U+FFFF).
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")
_NOT_YAML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def scalar(value: Any, quote: bool = False) -> str:
    """One value as YAML writes it on a line; ``quote`` always quotes text."""
    if quote and isinstance(value, str):
        return _quoted(value)
    return _scalar(value)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("laaeval never writes not-a-number or infinity")
        return repr(value)
    text = str(value)
    if (
        _PLAIN.fullmatch(text)
        and not text.endswith(" ")  # _PLAIN has no ":" or "#", so no ": " or " #" either
        and text.lower() not in _YAML11_WORDS
    ):
        return text
    return _quoted(text)


def _quoted(text: str) -> str:
    # A JSON string is a valid YAML double-quoted scalar, once the few characters YAML
    # treats as line breaks or non-printable are escaped too.
    quoted = json.dumps(_NOT_YAML.sub("\ufffd", text), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def emit(value: Any, indent: int, out: list[str]) -> None:
    """Append the block-style lines of a mapping or list, indented by ``indent``."""
    _emit(value, indent, out)


def _emit(value: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            out.append(f"{pad}{_scalar(key)}:")
            _emit_child(item, indent, out)
    else:
        for item in value:
            if isinstance(item, dict) and item:
                # "- first: value" then the other keys lined up under "first"
                inner: list[str] = []
                _emit(item, indent + 2, inner)
                inner[0] = f"{pad}- {inner[0][indent + 2 :]}"
                out.extend(inner)
            elif isinstance(item, (dict, list)) and item:
                out.append(f"{pad}-\n")  # a list in a list: its items on the lines below
                _emit(item, indent + 2, out)
            else:
                out.append(f"{pad}- {_inline(item)}\n")


def _emit_child(item: Any, indent: int, out: list[str]) -> None:
    if isinstance(item, (dict, list)) and item:
        out.append("\n")
        _emit(item, indent + 2, out)
    else:
        out.append(f" {_inline(item)}\n")


def _inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _scalar(value)


def dumps(data: Any) -> str:
    """YAML text for plain data (mappings, lists, text, numbers, true/false, null), in
    block style, one line per value: stable and easy to read in a diff.

    We write it ourselves because PyYAML's representer is pure Python and took most of
    the time of every save in ``laaeval assess``; :func:`loads` reads it back exactly.
    """
    out: list[str] = []
    _emit(data, 0, out)
    return "".join(out)
