"""The YAML layer's places and refusals, exactly as a user reads them, against values
written out by hand. Added where mutation testing (tests/MUTATION.md) showed a changed
rule going unnoticed."""

from __future__ import annotations

import os

import pytest

from laaeval.errors import LaaevalError
from laaeval.files.yamlio import line_of, loads, read_text


def test_the_line_of_each_key_and_item_and_of_a_container():
    m = loads("a: 1\nb:\n  - x\n  - y\n")
    assert (line_of(m, "a"), line_of(m, "b"), line_of(m)) == (1, 2, 1)
    items = m["b"]
    assert (line_of(items, 0), line_of(items, 1)) == (3, 4)
    # Past either end of the list, or a key not there: the list's own line, or none.
    assert (line_of(items, 2), line_of(items, -1), line_of(items)) == (3, 3, 3)
    assert line_of(m, "zzz") is None
    assert line_of({"a": 1}, "a") is None  # plain data carries no lines


def test_the_line_of_a_lists_first_item_when_the_list_opens_on_another_line():
    # "[" on line 1, x on line 2, y on line 3: item 0 has a line of its own, not the list's.
    items = loads("b: [\n  x,\n  y]\n")["b"]
    assert (line_of(items), line_of(items, 0), line_of(items, 1)) == (1, 2, 3)


@pytest.mark.parametrize(("text", "what"), [
    (".nan", "not-a-number"), (".NaN", "not-a-number"), ("-.nan", "not-a-number"),
    (".inf", "infinity"), ("-.Inf", "infinity"), ("+.INF", "infinity"),
])  # fmt: skip
def test_not_a_number_and_infinity_are_named_as_such(text, what):
    with pytest.raises(LaaevalError) as raised:
        loads(f"weight: {text}\n", "f.yaml")
    assert raised.value.message == (
        f'"{text}" ({what}) is not allowed: laaeval values must be ordinary numbers')
    assert (raised.value.file, raised.value.line) == ("f.yaml", 1)


def test_files_that_cannot_be_read_are_told_apart(tmp_path):
    loop = tmp_path / "loop.yaml"
    os.symlink(loop, loop)
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    utf16 = tmp_path / "utf16.yaml"
    utf16.write_bytes("a: 1\n".encode("utf-16"))
    for path, message in [
        (tmp_path / "missing.yaml", "no such file"),
        (tmp_path, "this is a folder, not a file"),
        (loop, "the links in this path lead round in a circle (a symbolic link loop)"),
        (fifo, "this is not a regular file"),
        (utf16, "the file is saved as UTF-16; save it as UTF-8 and try again"),
    ]:
        with pytest.raises(LaaevalError) as raised:
            read_text(path)
        assert (raised.value.message, raised.value.file) == (message, str(path))


def test_text_that_is_not_utf8_is_refused_in_words():
    from laaeval.files.yamlio import MAX_BYTES, decode

    cases = [
        (b"\xfe\xff\x00a", "the file is saved as UTF-16; save it as UTF-8 and try again", None),
        (b"a: 1\nb: \x00\n", "the file contains NUL bytes, so it is not a text file", 2),
        (b"a: 1\n\nb: \xff\n", "the file is not valid UTF-8 text; save it as UTF-8 and try again",
         3),
        (b"a" * (MAX_BYTES + 1), "the file is larger than laaeval reads", None),
    ]  # fmt: skip
    for data, message, line in cases:
        with pytest.raises(LaaevalError) as raised:
            decode(data, "f.yaml")
        assert (raised.value.message, raised.value.file, raised.value.line) == (message,
                                                                                "f.yaml", line)
    assert decode(b"a" * MAX_BYTES, "f.yaml") == "a" * MAX_BYTES  # the cap itself is allowed


def test_a_file_read_and_parsed_names_itself_in_its_mistakes(tmp_path):
    from laaeval.files.yamlio import load_path

    path = tmp_path / "anchors.yaml"
    path.write_text("a: &x 1\nb: !!str 2\n", encoding="utf-8")
    with pytest.raises(LaaevalError) as raised:
        load_path(path)
    assert (raised.value.message, raised.value.file, raised.value.line) == (
        "anchors (&name) are not allowed in laaeval files", str(path), 1)  # fmt: skip
    with pytest.raises(LaaevalError) as raised:
        loads("b: !!str 2\n")
    assert raised.value.message == (
        'tags such as "tag:yaml.org,2002:str" are not allowed in laaeval files')  # fmt: skip
