"""The fast schema check must agree with jsonschema on every document, valid or not."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest

from laaeval.files import yamlio
from laaeval.files.fastcheck import UnsupportedSchema, compile_schema
from laaeval.files.schema import load_schema

from ..conftest import EXAMPLES, MINI_EVIDENCE, MINI_FRAMEWORK, ROOT

ODPM = ROOT / "frameworks" / "odpm-laa-2005.yaml"
REPLACEMENTS = [None, True, 3, 3.0, 2.5, -1, "", "x", "PN1.1", "n/a", "2005-01-19", [], {}, ["a"]]


def _plain(data: Any) -> Any:
    return json.loads(json.dumps(data))


def mutations(data: Any) -> Iterator[Any]:
    """Every document one small change away: each value replaced, each key dropped or
    renamed, one unknown key added to each mapping."""
    paths: list[tuple[Any, ...]] = []

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        paths.append(path)
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node[:3]):
                walk(value, (*path, index))

    walk(data, ())
    for path in paths:
        parent_path, last = path[:-1], path[-1] if path else None
        for replacement in REPLACEMENTS:
            doc = copy.deepcopy(data)
            if not path:
                yield replacement
                continue
            _at(doc, parent_path)[last] = replacement
            yield doc
        node = _at(data, path)
        if isinstance(node, dict):
            for key in list(node)[:6]:
                doc = copy.deepcopy(data)
                del _at(doc, path)[key]
                yield doc
            doc = copy.deepcopy(data)
            _at(doc, path)["unexpected"] = 1
            yield doc


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        doc = doc[step]
    return doc


CASES = [("evidence", MINI_EVIDENCE), ("framework", MINI_FRAMEWORK)] + [
    ("evidence", p) for p in sorted(EXAMPLES.glob("*.yaml"))[:1]
]


@pytest.mark.parametrize(("kind", "path"), CASES, ids=lambda v: getattr(v, "name", v))
def test_agrees_with_jsonschema_on_every_nearby_document(kind, path):
    schema = load_schema(kind)
    fast = compile_schema(schema)
    reference = jsonschema.Draft202012Validator(schema)
    data = _plain(yamlio.load_path(path))
    if kind == "evidence":  # keep the walk small: a few items and judgements
        data["evidence"] = data.get("evidence", [])[:3]
        data["judgements"] = dict(list(data.get("judgements", {}).items())[:3])
    checked = disagreements = 0
    for doc in mutations(data):
        checked += 1
        if fast(doc) != reference.is_valid(doc):
            disagreements += 1
            pytest.fail(f"disagree on {json.dumps(doc)[:300]}")
    assert checked > 200
    assert disagreements == 0


def test_the_shipped_framework_passes_both():
    data = _plain(yamlio.load_path(ODPM))
    assert compile_schema(load_schema("framework"))(data)
    assert jsonschema.Draft202012Validator(load_schema("framework")).is_valid(data)


def test_a_schema_keyword_it_does_not_know_is_refused():
    with pytest.raises(UnsupportedSchema, match="anyOf"):
        compile_schema({"anyOf": [{"type": "string"}]})
