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


# -- added for the survivors of the yaml area's mutation run (tests/MUTATION.md) ------------

MB = 1024 * 1024


def _sparse(path, size):
    """A file of ``size`` bytes (all NUL) that takes no room on the disk."""
    with open(path, "wb") as handle:
        handle.truncate(size)
    return path


def _claiming(monkeypatch, size):
    """Regular files report ``size`` bytes, as a file that grew after its size was looked
    at (a log still being written, say) would."""
    import stat

    real = os.fstat

    def fstat(fd):
        info = real(fd)
        if not stat.S_ISREG(info.st_mode):
            return info
        fields = list(info)
        fields[stat.ST_SIZE] = size
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", fstat)


def test_a_file_of_exactly_the_cap_is_read_and_a_bigger_one_is_refused_in_whole_megabytes(
    tmp_path,
):
    from laaeval.files.yamlio import MAX_BYTES, read_bytes

    assert MAX_BYTES == 16 * MB
    assert len(read_bytes(_sparse(tmp_path / "exact.yaml", 16 * MB))) == 16 * MB
    big = _sparse(tmp_path / "big.yaml", 20 * MB + 5)  # 20 MB and 5 bytes: "20 MB"
    with pytest.raises(LaaevalError) as raised:
        read_bytes(big)
    assert (raised.value.message, raised.value.file) == (
        "the file is 20 MB; laaeval reads files of up to 16 MB", str(big))  # fmt: skip


def test_a_read_that_fails_part_way_gives_the_systems_reason_and_the_file(tmp_path, monkeypatch):
    import errno

    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    def failing(fd, size):  # as a failing disk, or /proc/self/mem, answers
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "read", failing)
    with pytest.raises(LaaevalError) as raised:
        read_text(path)
    assert (raised.value.message, raised.value.file) == (
        "cannot be read (Input/output error)", str(path))  # fmt: skip


def test_the_file_is_opened_without_waiting_and_is_not_handed_to_other_programs(
    tmp_path, monkeypatch
):
    path = tmp_path / "f.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    seen = []
    real = os.fstat

    def fstat(fd):
        seen.append((os.get_blocking(fd), os.get_inheritable(fd)))
        return real(fd)

    monkeypatch.setattr(os, "fstat", fstat)
    assert read_text(path) == "a: 1\n"
    assert seen == [(False, False)]


def test_a_file_that_grew_after_its_size_was_looked_at_is_read_to_its_end(tmp_path, monkeypatch):
    from laaeval.files.yamlio import read_bytes

    content = b"a: 1\n" * 20_000  # 100,000 bytes: read in two pieces of 65,546 and 34,454
    path = tmp_path / "grew.yaml"
    path.write_bytes(content)
    _claiming(monkeypatch, 10)
    assert read_bytes(path) == content


def test_a_file_that_grew_past_the_cap_is_refused_and_never_read_far_past_it(
    tmp_path, monkeypatch
):
    from laaeval.files.yamlio import MAX_BYTES, read_bytes

    # Said to be 64 KB under the cap, but one byte over it: the first read takes exactly
    # the cap, so only a second read sees the byte that makes it too large.
    over = _sparse(tmp_path / "over.yaml", MAX_BYTES + 1)
    _claiming(monkeypatch, MAX_BYTES - 65536)
    with pytest.raises(LaaevalError) as raised:
        read_text(over)
    assert raised.value.message == "the file is larger than laaeval reads"
    # Said to be empty, but three times the cap: read 64 KB at a time, the reading stops
    # with the first read past the cap, not at the end of the file.
    endless = _sparse(tmp_path / "endless.yaml", 3 * MAX_BYTES)
    _claiming(monkeypatch, 0)
    assert MAX_BYTES < len(read_bytes(endless)) <= MAX_BYTES + 65536


@pytest.mark.parametrize(("data", "line"), [
    (b"\nb\nc\x00\n", 3),  # the newlines before the NUL, from the very first byte
    (b"a\x00\nb\x00\n", 1),  # the first NUL, not the last
])  # fmt: skip
def test_the_line_of_a_nul_byte_counts_the_lines_before_it(data, line):
    from laaeval.files.yamlio import decode

    with pytest.raises(LaaevalError) as raised:
        decode(data, "f.yaml")
    assert raised.value.line == line


def test_the_line_of_text_that_is_not_utf8_counts_from_the_first_byte():
    from laaeval.files.yamlio import decode

    with pytest.raises(LaaevalError) as raised:
        decode(b"\n\nb: \xff\n", "f.yaml")
    assert raised.value.line == 3


def test_the_byte_order_mark_is_not_part_of_the_text_read(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: caf\xc3\xa9\n")
    assert read_text(path) == "a: café\n"


REFUSED_IN_WORDS = [
    ("  \n\t\n", "the file is empty", None),
    ("a: 1\na: 2\n", 'the key "a" appears twice in the same mapping (first on line 1)', 2),
    ('x: 1\n"": 1\n', 'keys must be text; "" is not (put it in quotes)', 2),
    ("x: 1\n1: a\n", "keys must be text; 1 is not (put it in quotes)", 2),
    ("x: 1\n<<: {b: 1}\n", "merge keys (<<) are not allowed in laaeval files", 2),
    ("x: 1\n? [a, b]\n: 1\n", "keys must be plain text, not lists or mappings", 2),
    ("a: [1]\nb: *x\n", "aliases (*name) are not allowed in laaeval files", 2),
    ("a: 1\n---\nb: 2\n", "the file holds more than one YAML document (---)", 2),
]


@pytest.mark.parametrize(("text", "message", "line"), REFUSED_IN_WORDS)
def test_refusals_are_told_in_these_words_with_the_file_and_line(text, message, line):
    with pytest.raises(LaaevalError) as raised:
        loads(text, "f.yaml")
    assert (raised.value.message, raised.value.file, raised.value.line) == (
        message, "f.yaml", line)  # fmt: skip


def test_text_given_without_a_name_is_called_text_in_messages():
    with pytest.raises(LaaevalError) as raised:
        loads("a: 1\na: 2\n")
    assert raised.value.one_line() == (
        '<text>, line 2: the key "a" appears twice in the same mapping (first on line 1)')


CONTROL = ("this line holds a character YAML does not allow (U+{:04X}, which most editors do "
           "not show): delete it and save again")  # fmt: skip


@pytest.mark.parametrize(("text", "code", "line"), [
    ("a: 1\nb: x\x1by\n", 0x1B, 2),  # an escape pasted from a terminal
    ("é€😀: 1\n\nnote: \x07\nc: \x07\n", 0x07, 3),  # letters of 2, 3, 4 bytes before it
    ("a: \ufffe\n", 0xFFFE, 1),
    ("\na: \x7f\n", 0x7F, 2),  # the line break at the very start counts
])  # fmt: skip
def test_a_character_yaml_does_not_allow_is_named_with_its_line(text, code, line):
    # It used to be "not valid YAML (unacceptable character #x001b: ... position 9)",
    # with no line.
    with pytest.raises(LaaevalError) as raised:
        loads(text, "f.yaml")
    assert (raised.value.message, raised.value.file, raised.value.line) == (
        CONTROL.format(code), "f.yaml", line)  # fmt: skip


def _failing_parser(monkeypatch, error):
    from laaeval.files import yamlio

    def events(text):
        raise error
        yield  # a generator, as the real one is

    monkeypatch.setattr(yamlio, "_events", events)


def test_a_parser_error_without_its_usual_details_is_still_one_line_naming_the_file(
    monkeypatch,
):
    import yaml

    mark = yaml.Mark("f.yaml", 0, 4, 0, None, None)  # line 5, counted from 0
    for error, message, line in [
        (yaml.MarkedYAMLError("while scanning a thing", mark), "this is not valid YAML "
         "(while scanning a thing)", 5),
        (yaml.MarkedYAMLError(), "this is not valid YAML", None),
        (yaml.YAMLError("something unforeseen"), "this is not valid YAML (something "
         "unforeseen)", None),
    ]:  # fmt: skip
        _failing_parser(monkeypatch, error)
        with pytest.raises(LaaevalError) as raised:
            loads("a: 1\n", "f.yaml")
        assert (raised.value.message, raised.value.file, raised.value.line) == (
            message, "f.yaml", line)  # fmt: skip


def test_without_libyaml_the_python_parser_gives_the_same_values_lines_and_refusals(
    monkeypatch,
):
    import yaml

    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    data = loads("a: 1\nb:\n  - x\n  - {c: 2.5}\n")
    assert data == {"a": 1, "b": ["x", {"c": 2.5}]}
    assert (data.lines, data["b"].lines, data["b"].ends) == ({"a": 1, "b": 2}, [3, 4], [3, 4])
    with pytest.raises(LaaevalError) as raised:
        loads("a: 1\na: 2\n", "f.yaml")
    assert raised.value.line == 2
    with pytest.raises(LaaevalError) as raised:
        loads("é: 1\nb: x\x1by\n", "f.yaml")
    assert (raised.value.message, raised.value.line) == (CONTROL.format(0x1B), 2)


def test_loading_leaves_the_garbage_collector_as_it_found_it():
    import gc

    assert gc.isenabled()
    loads("a: 1\n")
    assert gc.isenabled()
    with pytest.raises(LaaevalError):
        loads("a: [\n")
    assert gc.isenabled()
    gc.disable()
    try:
        loads("a: 1\n")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_document_that_is_one_value_or_only_a_comment():
    assert (loads("hello\n"), loads("7\n"), loads("'7'\n")) == ("hello", 7, "7")
    assert loads("# nothing but a comment\n") is None


def test_the_non_specific_tag_is_allowed_and_quoted_text_under_it_stays_text():
    # "!" alone is YAML's "no particular type". A plain 12 under it is read as PyYAML
    # reads it, a number; a quoted '12' stays text.
    data = loads("a: ! 12\nb: ! '12'\nc: ! [1]\nd: ! {e: true}\n")
    assert data == {"a": 12, "b": "12", "c": [1], "d": {"e": True}}


def test_where_a_block_text_and_a_list_closed_on_a_later_line_end():
    m = loads("a: |\n  x\n  y\nb: [\n  x,\n  y\n  ]\nc: 1\n")
    # "a" ends on line 3 (the block takes its line break), "b" with its bracket on line 7
    assert (m.ends, m["b"].ends, m["b"].end, m.end) == ({"a": 3, "b": 7, "c": 8}, [5, 6], 7, 8)


def test_containers_made_by_hand_are_block_style_at_the_first_column():
    # The spreadsheet and passage imports make them with a line only.
    from laaeval.files.yamlio import Map, Seq

    for made in (Map(7), Seq(7)):
        assert (made.line, made.col, made.flow, made.end, len(made.lines)) == (7, 0, False, 7, 0)


def test_null_true_false_and_empty_containers_are_written_as_yaml_reads_them():
    from laaeval.files.yamlio import dumps

    data = {"a": None, "b": True, "c": False, "d": {}, "e": [], "f": [None, True, False, {}]}
    dumped = dumps(data)
    assert dumped == (
        "a: null\nb: true\nc: false\nd: {}\ne: []\nf:\n  - null\n  - true\n  - false\n  - {}\n")
    assert loads(dumped) == data


def test_lists_inside_lists_are_written_one_level_deeper_each():
    # A list in a list was written "  -    - 1", which no YAML reader can read back.
    from laaeval.files.yamlio import dumps

    data = {"m": [[1, 2], [], [["x"]]]}
    dumped = dumps(data)
    assert dumped == "m:\n  -\n    - 1\n    - 2\n  - []\n  -\n    -\n      - x\n"
    assert loads(dumped) == data
    assert dumps([[1]]) == "-\n  - 1\n"


def test_text_with_a_colon_or_a_hash_is_written_quoted():
    from laaeval.files.yamlio import dumps

    assert dumps({"a": "note: this", "b": "x #y", "c": "a:b", "d": "a#b"}) == (
        'a: "note: this"\nb: "x #y"\nc: "a:b"\nd: "a#b"\n')


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_not_a_number_and_infinity_are_never_written(value):
    from laaeval.files.yamlio import dumps

    with pytest.raises(ValueError, match=r"^laaeval never writes not-a-number or infinity$"):
        dumps({"a": value})
