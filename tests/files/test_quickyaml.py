"""The quick reader against the careful one: for any text, it either says "read it
carefully" (None) or gives exactly the careful reader's data, and never data where the
careful reader refuses. Over every YAML file shipped or kept for tests, over each of them
changed line by line in the ways that trip readers up, over hostile snippets, and over
files written by laaeval's own writer (which the quick reader must read itself)."""

from __future__ import annotations

import json
import random

import pytest

from laaeval.errors import LaaevalError
from laaeval.files import quickyaml, yamlio

from ..conftest import ROOT
from .test_yamlio import REFUSED

CORPUS = sorted(p for folder in ("tests", "examples", "frameworks", "other-examples")
                for p in (ROOT / folder).rglob("*.yaml"))  # fmt: skip


def _same(text: str) -> object:
    """Assert the two readers agree on ``text``; the quick reader's answer."""
    quick = quickyaml.loads(text)
    try:
        careful = yamlio.loads(text)
    except LaaevalError:
        assert quick is None, repr(text)
        return None
    if quick is not None:  # the same data, and the same kinds of values (1 is not 1.0)
        assert json.dumps(quick, ensure_ascii=False) == json.dumps(careful, ensure_ascii=False)
    return quick


SNIPPETS = [text for text, _, _ in REFUSED] + [
    "a: 1\n", "a: 1.0\n", "a: 1e3\n", "a: 1E+3\n", "a: .5\n", "a: +1\n", "a: -1\n", "a: 010\n",
    "a: 0o17\n", "a: 0x1F\n", "a: 1_000\n", "a: .inf\n", "a: .NaN\n", "a: 1e999\n",
    "a: 00\n", "a: -0\n", "a: 0.\n", "a: 1.2.3\n", "a: 9" + "9" * 400 + "\n",
    "a: yes\n", "a: No\n", "a: ~\n", "a: null\n", "a: NULL\n", "a: True\n", "a:\n", "a: ''\n",
    'a: ""\n', "a: 'it''s'\n", "a: 'x' # c\n", "a: 'x'y\n", 'a: "x"y\n', 'a: "x" # c\n',
    'a: "\\u00e9\\n\\t\\"\\\\"\n', 'a: "\\/"\n', 'a: "\\x41"\n', 'a: "\\ud83d\\ude00"\n',
    'a: "\\u0000"\n', 'a: "\\N"\n', 'a: "\\e"\n', 'a: "bad \\q"\n', 'a: "\\u12"\n',
    "a: x #c\n", "a: x#c\n", "a: x:y\n", "a: x: y\n", "a: x:\n", "a: http://e.org/x?a=1\n",
    "a: [x]\n", "a: []\n", "a: {}\n", "a: [] # c\n", "a: {b: 1}\n", "a: - x\n", "a: -x\n",
    "a: ?x\n", "a: :x\n", "a: &x 1\n", "a: *x\n", "a: !x 1\n", "a: |\n  x\n", "a: >-\n  x\n",
    "a: b\n  c\n", "a: b\n\n  c\n", "a: b\n# c\n  d\n", "a:\n  b\n", "a:\n  - 1\n  - 2\n",
    "a:\n- 1\n- 2\nb: 3\n", "- 1\n- 2\n", "a:\n  - - 1\n", "a:\n  -\n    b: 1\n",
    "a:\n  - b: 1\n    c: 2\n  - d\n", "a:\n  - b: 1\n   c: 2\n", "a:\n  - b: 1\n      c: 2\n",
    "a:\n  -   b: 1\n      c: 2\n", "a:\n  b: 1\n c: 2\n", "a:\n    b: 1\n  c: 2\n",
    "  a: 1\n  b: 2\n", "a: 1\n  b: 2\n", "a: 1\na: 2\n", '"a": 1\na: 2\n', '"<<": 1\n',
    '"": 1\n', "<<: 1\n", "null: 1\n", "true: 1\n", "1: a\n", "a b: 1\n", "a : 1\n",
    "a:1\n", "é: 1\n", '"é": 1\n', "---\na: 1\n", "a: 1\n...\n", "%YAML 1.1\n---\na: 1\n",
    "a: 1\r\nb: 2\r\n", "a: 1\rb: 2\n", "a: x\u00a0\n", "a: \u00a0x\n", "a: x\u2028y\n",
    "a: x\x85y\n", "a: x\ufeffy\n", "a: x\x7fy\n", "a: x\ty\n", "a:\t1\n", "a: 😀\n",
    "a: ‘quoted’ — text\n", "# only a comment\n", "", "\n\n", "a: 1 \n", "a: x  \n",
    "a:   spaced   out  \n", "a: '  kept  '\n", "a: x ' y\n", 'a: x " y\n', "a: x, y\n",
    "a: x [y]\n", "a: x {y}\n", "a: x | y\n", "a: x > y\n", "a: 'a'\n  b: 1\n",
    "a:\n  b:\n    c:\n      d: 1\n", "a: " + "b" * 10_000 + "\n",
    "a:\n" + "".join("  " * n + f"k{n}:\n" for n in range(1, 40)),
]


@pytest.mark.parametrize("text", SNIPPETS)
def test_snippets_read_alike_or_go_to_the_careful_reader(text):
    _same(text)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_file_reads_alike(path):
    _same(path.read_text(encoding="utf-8"))


MUTATIONS = [
    lambda line: line + "  # a comment",
    lambda line: line.replace(": ", ": &a ", 1),
    lambda line: line.replace(": ", ": *a ", 1),
    lambda line: line.replace(": ", ": !!str ", 1),
    lambda line: line.replace(": ", ":  ", 1),
    lambda line: line.replace(": ", ":\t", 1),
    lambda line: " " + line,
    lambda line: line[1:],
    lambda line: line + ":",
    lambda line: line + ": x",
    lambda line: line.replace("- ", "-  ", 1),
    lambda line: line.replace("- ", "- - ", 1),
    lambda line: line.replace('"', "'"),
    lambda line: line.replace("'", "''"),
    lambda line: line.replace(": ", ": '", 1),
    lambda line: line + "\n" + line,
    lambda line: line + "\n  more",
    lambda line: line.replace(" ", "\u00a0", 1),
    lambda line: line.replace("1", "1.0").replace("2", "0x2").replace("3", ".inf"),
    lambda line: line.replace(":", "::", 1),
    lambda line: line.replace("e", "\\"),
]


def test_files_changed_line_by_line_read_alike():
    rng = random.Random(13)
    texts = [p.read_text(encoding="utf-8") for p in CORPUS]
    quick = 0
    for _ in range(1000):  # each reads a whole file twice: 1,000 keep the suite in 2 minutes
        lines = rng.choice(texts).split("\n")
        at = rng.randrange(len(lines))
        lines[at] = rng.choice(MUTATIONS)(lines[at])
        quick += _same("\n".join(lines)) is not None
    assert quick > 100  # the test is not only of texts the quick reader declines


def _value(rng: random.Random, depth: int = 0) -> object:
    kind = rng.randrange(9 if depth < 4 else 6)
    if kind == 0:
        return rng.choice([None, True, False, 0, 3, -7, 2.5, 1e-05, 66.7, 10**20])
    if kind in (1, 2, 3, 4, 5):
        alphabet = "abcXYZ019 :#-?&*!|>'\"%@`,[]{}=+\\/.\u00a0é€😀"
        words = ["yes", "no", "null", "~", "1.0", "0x1F", "010", "2005-01-19", "E1", "PN2.2"]
        if rng.random() < 0.3:
            return rng.choice(words)
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
    if kind in (6, 7):
        return {_key(rng): _value(rng, depth + 1) for _ in range(rng.randint(0, 4))}
    return [_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]


def _key(rng: random.Random) -> str:
    return rng.choice(["id", "bears_on", "PN2.2", "I4.6", "summary", "x y", "1a", "é", "no",
                       "a:b", "<<x", "-k", "k-", "_k"]) + str(rng.randrange(5))  # fmt: skip


def test_what_laaeval_writes_is_read_quickly_and_alike():
    rng = random.Random(2005)
    for _ in range(1500):
        data = {_key(rng): _value(rng) for _ in range(rng.randint(1, 6))}
        text = yamlio.dumps(data)
        assert _same(text) is not None, text
        assert quickyaml.loads(text) == data


def test_a_mistake_found_on_a_quick_read_is_told_with_its_line(cli, tmp_path):
    """A file laaeval wrote is read quickly, without line numbers; a problem in it is still
    told with its line, from a careful reading."""
    from ..conftest import MINI_EVIDENCE, MINI_FRAMEWORK

    data = yamlio.load_path(MINI_EVIDENCE)
    text = yamlio.dumps(data).replace("bears_on:\n      X1.1:", "bears_on:\n      X9.9:", 1)
    assert "X9.9" in text and quickyaml.loads(text) is not None
    path = tmp_path / "evidence.yaml"
    path.write_text(text)
    line = text.split("\n").index(next(x for x in text.split("\n") if "X9.9" in x)) + 1
    result = cli("score", path, "--framework", MINI_FRAMEWORK)
    assert result.exit_code == 1
    assert f"line {line}," in result.stderr and "X9.9" in result.stderr, result.stderr
