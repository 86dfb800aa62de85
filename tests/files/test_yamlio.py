"""The one YAML loader: what it accepts, what it refuses, and that it never hangs."""

from __future__ import annotations

import errno
import os

import pytest

from laaeval.errors import EXIT_INVALID, EXIT_UNUSABLE, LaaevalError
from laaeval.files import yamlio


def test_keeps_a_line_for_every_key_and_item():
    data = yamlio.loads("a: 1\nb:\n  - x: 2\n  - y\n")
    assert data == {"a": 1, "b": [{"x": 2}, "y"]}
    assert data.lines == {"a": 1, "b": 2}
    assert data["b"].lines == [3, 4]
    assert data["b"][0].lines == {"x": 3}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no", "no"),  # YAML 1.1 would say False: the Norway problem
        ("yes", "yes"),
        ("2005-01-19", "2005-01-19"),  # dates stay as written; never a date object
        ("2005-01-19T10:00:00Z", "2005-01-19T10:00:00Z"),
        ("1.0", 1.0),
        ("3", 3),
        ("-2", -2),
        ("true", True),
        ("~", None),
        ("", None),
        ("0x1F", "0x1F"),
        ("1_000", "1_000"),
        ("'3'", "3"),
    ],
)
def test_plain_values_follow_the_yaml_1_2_core_rules(text, value):
    assert yamlio.loads(f"k: {text}\n")["k"] == value


@pytest.mark.parametrize("text", [".nan", ".NaN", ".inf", "-.inf", "1e999"])
def test_not_a_number_and_infinity_are_refused(text):
    with pytest.raises(LaaevalError, match="not allowed") as caught:
        yamlio.loads(f"a: 1\nk: {text}\n")
    assert caught.value.line == 2


REFUSED = [
    ("a: &x 1\nb: *x\n", 1, "anchors"),
    ("a: [1]\nb: *x\n", 2, "aliases"),
    ("a: 1\na: 2\n", 2, "appears twice"),
    ("base: {a: 1}\nother:\n  <<: {b: 1}\n", 3, "merge keys"),
    ("1: a\n", 1, "keys must be text"),
    ("? [a, b]\n: 1\n", 1, "keys must be plain text"),
    ("a: !!python/object/apply:os.system [echo hi]\n", 1, "tags"),
    ("a: !custom 1\n", 1, "tags"),
    ("a: 1\n---\nb: 2\n", 2, "more than one YAML document"),
    ("a: [1,\n", 2, "not valid YAML"),
    ("a: b: c\n", 1, "not valid YAML"),
    ("\t- a\n", 1, "not valid YAML"),
]


@pytest.mark.parametrize(("text", "line", "words"), REFUSED)
def test_refuses_unsafe_or_ambiguous_yaml_naming_the_line(text, line, words):
    with pytest.raises(LaaevalError) as caught:
        yamlio.loads(text, "f.yaml")
    assert caught.value.line == line
    assert words in caught.value.one_line()
    assert caught.value.one_line().startswith(f"f.yaml, line {line}")


@pytest.mark.parametrize("depth", [33, 999, 1001, 100_000])
def test_refuses_deep_nesting_with_one_message_whichever_layer_refuses(depth):
    # Up to about 1,000 levels our own limit refuses; beyond it, newer libyaml refuses
    # first. The reader is told the same thing, with the line, either way.
    with pytest.raises(LaaevalError) as caught:
        yamlio.loads("[" * depth + "]" * depth, "deep.yaml")
    expected = "deep.yaml, line 1: the file is nested more than 32 levels deep"
    assert caught.value.one_line() == expected


def test_refuses_deep_block_nesting_on_the_line_it_goes_too_deep():
    text = "".join(" " * n + f"k{n}:\n" for n in range(40)) + " " * 40 + "v: 1\n"
    with pytest.raises(LaaevalError) as caught:
        yamlio.loads(text, "deep.yaml")
    assert caught.value.line == 33
    assert "nested more than 32 levels" in caught.value.message


def test_alias_bomb_is_refused_at_the_first_alias():
    bomb = "a: &a [x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(20)
    )
    with pytest.raises(LaaevalError, match=r"anchors|aliases"):
        yamlio.loads(bomb)


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"a: 1\x00\n", "NUL"),
        ("a: é\n".encode("utf-16"), "UTF-16"),
        (b"a: \xff\xfe\xfa\n", "not valid UTF-8"),
    ],
)
def test_refuses_files_that_are_not_utf8_text(tmp_path, content, words):
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(LaaevalError, match=words):
        yamlio.load_path(path)


def test_reads_utf8_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffa: café\n".encode())
    assert yamlio.load_path(path) == {"a": "café"}


def test_invalid_utf8_names_its_line(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"a: 1\nb: 2\nc: \xc3\x28\n")
    with pytest.raises(LaaevalError) as caught:
        yamlio.load_path(path)
    assert caught.value.line == 3


def test_unreadable_inputs_exit_2(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    big = tmp_path / "big.yaml"
    with open(big, "wb") as handle:
        handle.truncate(yamlio.MAX_BYTES + 1)
    for path, words in [
        (tmp_path / "missing.yaml", "no such file"),
        (tmp_path, "folder"),
        (fifo, "not a regular file"),  # would block for ever if we opened it
        (big, "MB"),
    ]:
        with pytest.raises(LaaevalError, match=words) as caught:
            yamlio.load_path(path)
        assert caught.value.exit_code == EXIT_UNUSABLE


def test_unreadable_permissions_exit_2(tmp_path, monkeypatch):
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n")
    path.chmod(0)
    if os.geteuid() == 0:
        # Root (as in CI) reads a file whatever its permissions: refuse the opening as the
        # kernel would refuse anyone else.
        real_open = os.open

        def refuse(name, *args, **kwargs):
            if os.fspath(name) == str(path):
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(name))
            return real_open(name, *args, **kwargs)

        monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(LaaevalError) as caught:
        yamlio.load_path(path)
    assert caught.value.one_line() == f"{path}: you do not have permission to read this file"
    assert caught.value.exit_code == EXIT_UNUSABLE


def test_syntax_errors_exit_1():
    with pytest.raises(LaaevalError) as caught:
        yamlio.loads("a: [\n")
    assert caught.value.exit_code == EXIT_INVALID


def test_error_messages_never_echo_a_huge_value():
    key = "k" * 10_000
    with pytest.raises(LaaevalError) as caught:
        yamlio.loads(f"{key}: 1\n{key}: 2\n")
    assert len(caught.value.one_line()) < 200


def test_dump_then_load_round_trips_awkward_text():
    data = {
        "a": "line one\nline two",
        "b": "2005-01-19",
        "c": "no",
        "d": "=SUM(A1)",
        "e": 'He said "fine": it\'s done',
        "f": ["- dash", "# hash", "&amp", "*star"],
        "g": "",
    }
    assert yamlio.loads(yamlio.dumps(data)) == data


def test_dump_round_trips_random_awkward_text_through_both_loaders():
    import random

    import yaml

    rng = random.Random(7)
    alphabet = (
        "abcXYZ019 :#-?&*!|>'\"%@`,[]{}=+\t\n\r\\/."
        "\x00\x07\x1b\x7f\x85\u00a0\u2028\u2029"
        "\ufeff\u202eé€😀"
    )
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        data = {"key": text, "list": [text, {"inner": text}], text or "empty": 1}
        dumped = yamlio.dumps(data)
        assert yamlio.loads(dumped) == data, repr(text)
        assert yaml.load(dumped, Loader=yaml.SafeLoader) == data, repr(text)


def test_characters_yaml_cannot_hold_are_replaced_when_writing():
    data = {"a": "x\ud800y\ufffez\uffff"}
    assert yamlio.loads(yamlio.dumps(data)) == {"a": "x\ufffdy\ufffdz\ufffd"}


def test_a_number_with_thousands_of_digits_stays_text_for_the_schema_to_refuse():
    assert yamlio.loads("k: " + "9" * 5000 + "\n")["k"] == "9" * 5000


# Words that YAML 1.1 readers (PyYAML, and many other tools) take for true, false or null.
YAML11_WORDS = ["yes", "no", "Yes", "NO", "on", "Off", "ON", "y", "n", "Y", "N", "true",
                "False", "null", "Null", "~"]  # fmt: skip


@pytest.mark.parametrize("word", YAML11_WORDS)
def test_words_other_readers_take_for_true_or_false_are_written_quoted(word):
    import yaml

    data = {"rationale": word, word: "key", "list": [word]}
    dumped = yamlio.dumps(data)
    assert dumped == f'rationale: "{word}"\n"{word}": key\nlist:\n  - "{word}"\n'
    assert yaml.safe_load(dumped) == data  # PyYAML reads YAML 1.1: unquoted, yes is True
    assert yamlio.loads(dumped) == data


def test_words_that_are_only_text_stay_unquoted():
    assert yamlio.dumps({"a": "yesterday", "b": "Norway", "c": "none"}) == (
        "a: yesterday\nb: Norway\nc: none\n"
    )
