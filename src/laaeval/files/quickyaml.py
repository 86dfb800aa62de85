"""A quick reader for the YAML most laaeval files are: block mappings and lists, one value a
line, as :func:`laaeval.files.yamlio.dumps` writes them (and as people write them by hand).

It gives the same data as the careful reader (:func:`laaeval.files.yamlio.loads`), without
line numbers, or None whenever the text holds anything it cannot prove it reads exactly
as the careful reader would: anchors, aliases, tags, merge keys, duplicate keys, flow
collections other than ``[]`` and ``{}``, block scalars (``|``, ``>``), values over several
lines, escapes beyond JSON's, tabs, unusual characters, several documents, deep nesting,
and any line it does not recognise. The caller then reads the text carefully, which refuses
what laaeval refuses, naming the line. Values are resolved by the careful reader's own
rules (:func:`~laaeval.files.yamlio.resolve_plain`), so ``no`` stays text and ``1.0`` is a
number either way. Tests compare the two readers over the hostile corpus and generated files.

Why: libyaml hands every event to Python as an object, which is most of the time of a
first read of a large batch; this reads a line with a regular expression or two.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .yamlio import _NUMBER_START, _SPECIAL, MAX_DEPTH, resolve_plain

# Characters read as they are: YAML's printable ones, less tab, carriage return (handled
# before), NEL, the line and paragraph separators (YAML 1.1 line breaks) and the byte-order
# mark. Anything else sends the text to the careful reader.
_UNUSUAL = re.compile("[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"
                      "\U00010000-\U0010ffff]")  # fmt: skip
# A key as laaeval writes one plain (a letter, then the writer's safe characters, not ending
# in a space), or double-quoted; then the colon, and a space or the end of the line.
_KEY = re.compile(r"([A-Za-z_](?:[A-Za-z0-9 .,;()'/&%?!+_@*=\-]*[A-Za-z0-9.,;()'/&%?!+_@*=\-])?"
                  r'|"(?:[^"\\]|\\.)*"):(?: +|$)')
_DOUBLE = re.compile(r'"(?:[^"\\]|\\.)*"')
_SINGLE = re.compile(r"'((?:[^']|'')*)'")
_TAIL = re.compile(r" +(?:#.*)?")  # after a quoted value: spaces, then perhaps a comment
# Escapes JSON and YAML read alike (not \/, which YAML 1.1 lacks; no surrogate halves,
# which libyaml refuses).
_JSON_LIKE = re.compile(r'"(?:[^"\\]|\\["\\bfnrt]|\\u(?![dD][89a-fA-F])[0-9a-fA-F]{4})*"')
_NOT_FIRST = frozenset("-?:,[]{}#&*!|>'\"%@` ")  # YAML indicators: cannot start a plain value
_MAX_DEPTH = MAX_DEPTH - 2


class _Refused(Exception):
    """This text is for the careful reader."""


def loads(text: str) -> Any | None:
    """The data of ``text``, read quickly, or None to have it read carefully."""
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    if _UNUSUAL.search(text):
        return None
    lines: list[tuple[int, str]] = []
    for line in text.split("\n"):
        content = line.lstrip(" ")
        if content and content[0] != "#":
            lines.append((len(line) - len(content), content))
    if not lines:
        return None
    try:
        value, end = _block(lines, 0, lines[0][0], 0)
    except (_Refused, RecursionError):
        return None
    return value if end == len(lines) and isinstance(value, dict) else None


def _block(lines: list[tuple[int, str]], i: int, indent: int, depth: int) -> tuple[Any, int]:
    if depth > _MAX_DEPTH:
        raise _Refused
    content = lines[i][1]
    if content == "-" or content.startswith("- "):
        return _sequence(lines, content, i + 1, indent, depth)
    return _mapping(lines, content, i + 1, indent, depth)


def _mapping(lines: list[tuple[int, str]], content: str, i: int, indent: int,
             depth: int) -> tuple[dict[str, Any], int]:  # fmt: skip
    """A block mapping whose first key line is ``content`` (at ``indent``); ``i`` is the
    line after it."""
    out: dict[str, Any] = {}
    n = len(lines)
    while True:
        match = _KEY.match(content)
        if match is None:
            raise _Refused
        key = match.group(1)
        if key[0] == '"':
            key = _double(key)
            if key in ("", "<<"):
                raise _Refused
        elif key in _SPECIAL:  # null, true…: not text, which the careful reader refuses
            raise _Refused
        if key in out:
            raise _Refused
        rest = content[match.end():]
        deeper = i < n and lines[i][0] > indent
        if rest:
            if deeper:  # a value over several lines
                raise _Refused
            out[key] = _scalar(rest)
        elif deeper:
            out[key], i = _block(lines, i, lines[i][0], depth + 1)
        elif i < n and lines[i][0] == indent and (lines[i][1] == "-"
                                                  or lines[i][1].startswith("- ")):  # fmt: skip
            out[key], i = _sequence(lines, lines[i][1], i + 1, indent, depth + 1)  # level with key
        else:
            out[key] = None
        if i >= n or lines[i][0] < indent:
            return out, i
        if lines[i][0] > indent:
            raise _Refused
        content = lines[i][1]
        i += 1


def _sequence(lines: list[tuple[int, str]], content: str, i: int, indent: int,
              depth: int) -> tuple[list[Any], int]:  # fmt: skip
    """A block list whose first item line is ``content`` (at ``indent``); ``i`` is the
    line after it."""
    out: list[Any] = []
    n = len(lines)
    while True:
        rest = "" if content == "-" else content[2:].lstrip(" ")
        inner = indent + len(content) - len(rest)  # where the item's own lines stand
        deeper = i < n and lines[i][0] > indent
        if not rest:
            value = None
            if deeper:
                value, i = _block(lines, i, lines[i][0], depth + 1)
            out.append(value)
        elif rest == "-" or rest.startswith("- "):  # a list begun on its parent's line
            if depth > _MAX_DEPTH:
                raise _Refused
            value, i = _sequence(lines, rest, i, inner, depth + 1)
            out.append(value)
        elif _KEY.match(rest):
            value, i = _mapping(lines, rest, i, inner, depth + 1)
            out.append(value)
        else:
            if deeper:
                raise _Refused
            out.append(_scalar(rest))
        if i >= n or lines[i][0] < indent:
            return out, i
        if lines[i][0] > indent:
            raise _Refused
        content = lines[i][1]
        if content != "-" and not content.startswith("- "):
            return out, i
        i += 1


def _scalar(rest: str) -> Any:
    first = rest[0]
    if first == '"':
        match = _DOUBLE.match(rest)
        if match is None or (match.end() < len(rest)
                             and not _TAIL.fullmatch(rest, match.end())):  # fmt: skip
            raise _Refused
        return _double(match.group())
    if first == "'":
        match = _SINGLE.match(rest)
        if match is None or (match.end() < len(rest)
                             and not _TAIL.fullmatch(rest, match.end())):  # fmt: skip
            raise _Refused
        return match.group(1).replace("''", "'")
    cut = rest.find(" #")
    text = (rest if cut < 0 else rest[:cut]).rstrip(" ")
    if text in ("[]", "{}"):
        return [] if text == "[]" else {}
    if (first in _NOT_FIRST and not (first == "-" and text[1:2] not in ("", " "))) or (
            ": " in text or text.endswith(":")):  # fmt: skip
        raise _Refused
    if text in _SPECIAL:
        return _SPECIAL[text]
    if first in _NUMBER_START:
        value = resolve_plain(text)
        if value.__class__ is float and not math.isfinite(value):
            raise _Refused
        return value
    return text


def _double(quoted: str) -> str:
    if "\\" not in quoted:
        return quoted[1:-1]
    if not _JSON_LIKE.fullmatch(quoted):
        raise _Refused
    try:
        return json.loads(quoted)
    except ValueError:
        raise _Refused from None
