"""The JSON Schemas that describe laaeval's files, and validation against them.

The schemas are data files shipped in the package. Every file is checked against its
schema at the edge, before any other code looks at it. The check runs in two speeds:
the schema compiled to closures (:mod:`laaeval.files.fastcheck`) answers "valid?" quickly for
the files that are, and only when it says no do we ask jsonschema for a precise error.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from ..errors import SchemaError, UnknownIdError, checking, shorten
from .yamlio import line_of

KINDS = ("framework", "evidence", "score", "report")

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "object": "a set of named fields",
    "array": "a list",
    "boolean": "true or false",
    "null": "empty",
}


@cache
def schema_text(kind: str) -> str:
    # The package is always installed as files (never zipped), so a path is enough;
    # importlib.resources would cost more to import than the whole lookup.
    return (Path(__file__).parent / "schemas" / f"{kind}.schema.json").read_text("utf-8")


@cache
def schema_names(kind: str) -> tuple[str, ...]:
    """``kind`` and the older formats of it that are still read (``evidence-1``)."""
    folder = Path(__file__).parent / "schemas"
    older = sorted(p.name[: -len(".schema.json")] for p in folder.glob(f"{kind}-*.schema.json"))
    return (kind, *older)


@cache
def load_schema(kind: str) -> dict[str, Any]:
    return json.loads(schema_text(kind))


@cache
def fast_check(kind: str) -> Callable[[Any], bool]:
    """A quick yes/no: is ``data`` a valid ``kind`` document?"""
    from .fastcheck import compile_schema

    return compile_schema(load_schema(kind))


def validate(data: Any, kind: str, file: str) -> None:
    """Raise :class:`SchemaError` naming file, line and key path if ``data`` is not a
    valid ``kind`` document."""
    if fast_check(kind)(data):
        return
    error = explain(data, kind, file)
    if error is not None:
        raise error
    # The two validators disagree; trust the stricter one, but say what we can.
    raise SchemaError(f"this is not a valid laaeval {kind} file", file=file)


def explain(data: Any, kind: str, file: str) -> SchemaError | None:
    """The most useful single error jsonschema finds, in words, or None if valid."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema(kind))
    errors = list(validator.iter_errors(data))
    if not errors:
        return None
    for error in sorted(errors, key=lambda e: list(map(str, e.absolute_path))):
        typo = _misspelt_key(load_schema(kind), data, list(error.absolute_path), file)
        if typo is not None:
            return typo
    return _to_user_error(max(errors, key=_relevance), data, file)


def explain_all(data: Any, kind: str, file: str) -> list[SchemaError]:
    """Every place jsonschema finds wrong, the most useful error for each, in file order:
    a framework author fixes them all in one go rather than one per run."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(load_schema(kind))
    errors = list(validator.iter_errors(data))
    paths = {tuple(e.absolute_path) for e in errors}
    best: dict[tuple[Any, ...], Any] = {}
    for error in errors:
        where = tuple(error.absolute_path)
        # "Not one of the shapes allowed" on a block says less than the problems inside it.
        if error.validator in ("oneOf", "anyOf") and any(
                len(o) > len(where) and o[: len(where)] == where for o in paths):
            continue
        if where not in best or _relevance(error) > _relevance(best[where]):
            best[where] = error
    found: dict[tuple[Any, ...], SchemaError] = {}
    for e in best.values():
        # A misspelt key on the way to an error is the mistake to tell, as explain() does.
        typo = _misspelt_key(load_schema(kind), data, list(e.absolute_path), file)
        for error in [typo] if typo is not None else _to_user_errors(e, data, file):
            found.setdefault((error.line, error.path, error.message), error)
    return sorted(found.values(), key=lambda e: (e.line or 0, e.path or ""))


def _misspelt_key(root: dict[str, Any], data: Any, path: list[Any],
                  file: str) -> SchemaError | None:  # fmt: skip
    """On the way to an error, a key the schema does not name but that is close to one it
    does (``rond`` for ``round``): that typo is the mistake to tell, not what follows from
    it (a value refused as a pilot detail, or "round" missing)."""
    import difflib

    node, value = root, data
    for depth, step in enumerate([*path, None]):
        node = _resolved(root, node)
        named = node.get("properties", {}) if isinstance(node, dict) else {}
        if isinstance(value, dict) and named and node.get("additionalProperties") is not False:
            keys = [step] if step is not None else list(value)
            for key in keys:
                if isinstance(key, str) and key not in named:
                    guess = difflib.get_close_matches(key, list(named), n=1, cutoff=0.75)
                    if guess and guess[0] not in value:
                        return SchemaError(
                            f"unknown field {shorten(key)}; did you mean {shorten(guess[0])}?",
                            file=file, line=line_of(value, key),
                            path=describe_path(data, [*path[:depth], key]),
                        )  # fmt: skip
        if step is None:
            return None
        try:
            value = value[step]
        except (KeyError, IndexError, TypeError):
            return None
        if isinstance(step, int):
            node = node.get("items", {}) if isinstance(node, dict) else {}
        elif step in named:
            node = named[step]
        else:
            extra = node.get("additionalProperties", {}) if isinstance(node, dict) else {}
            node = extra if isinstance(extra, dict) else {}
    return None


def _resolved(root: dict[str, Any], node: Any) -> Any:
    """A schema node with its local ``$ref`` followed (``#/$defs/pilot``)."""
    for _ in range(10):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not isinstance(ref, str) or not ref.startswith("#/"):
            return node
        target: Any = root
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node = target
    return node


def _relevance(error: Any) -> tuple[int, bool, bool]:
    # The deepest error is the most specific. On one mapping, an unknown field explains a
    # "missing" one better than the reverse (a misspelt name is both).
    return (len(error.absolute_path), error.validator == "additionalProperties",
            error.validator != "required")  # fmt: skip


def _to_user_error(error: Any, data: Any, file: str) -> SchemaError:
    return _to_user_errors(error, data, file)[0]


def _to_user_errors(error: Any, data: Any, file: str) -> list[SchemaError]:
    """An error in words; an unknown field, one for each unknown field of the mapping."""
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = sorted(error.schema.get("properties", {}))
        extra = [k for k in error.instance if k not in allowed]
        if extra:
            return [_unknown_field(error.instance, name, allowed, data, [*path, name], file)
                    for name in extra]  # fmt: skip
    container, key = _locate(data, path)
    line = line_of(container, key) if container is not None else None
    return [SchemaError(_describe(error), file=file, line=line,
                        path=describe_path(data, path) or None)]  # fmt: skip


def _unknown_field(container: Any, name: str, allowed: list[str], data: Any,
                   path: list[Any], file: str) -> SchemaError:  # fmt: skip
    import difflib

    message = f"unknown field {shorten(name)}"
    # Only a near miss is worth a guess: "description" is not a misspelt "criteria".
    guess = difflib.get_close_matches(name, allowed, n=1, cutoff=0.75)
    message += (f"; did you mean {shorten(guess[0])}?" if guess
                else f"; the fields allowed here are: {', '.join(allowed)}")  # fmt: skip
    return SchemaError(message, file=file, line=line_of(container, name),
                       path=describe_path(data, path) or None)  # fmt: skip


def _locate(data: Any, path: Sequence[Any]) -> tuple[Any, Any]:
    """The container holding the value at ``path``, and its key there."""
    container, key = None, None
    node = data
    for step in path:
        container, key = node, step
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
    return container, key


def describe_path(data: Any, path: Sequence[Any]) -> str:
    """A key path a person can follow: ``evidence › E4 › bears_on``."""
    parts: list[str] = []
    node = data
    for step in path:
        if isinstance(step, int):
            item = node[step] if isinstance(node, list) and step < len(node) else None
            ident = item.get("id") if isinstance(item, dict) else None
            parts.append(
                ident if isinstance(ident, str) and len(ident) <= 40 else f"item {step + 1}"
            )
        else:
            parts.append(shorten(step, 40).strip('"'))
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            node = None
    return " › ".join(parts)


def _describe(error: Any) -> str:
    hint = error.schema.get("x-hint") if isinstance(error.schema, dict) else None
    value = error.instance
    kind = error.validator
    if kind == "type":
        wanted = error.validator_value
        wanted = [wanted] if isinstance(wanted, str) else wanted
        words = " or ".join(_TYPE_WORDS.get(w, w) for w in wanted)
        return f"should be {words}, not {_what(value)}" + (f": {hint}" if hint else "")
    if kind == "required" and isinstance(value, dict):  # a block's hint is about its shape
        missing = [r for r in error.validator_value if r not in value]
        return f"the required field {shorten(missing[0] if missing else '?')} is missing"
    if isinstance(value, str) and (meant := _same_but_for_case(value, error.schema)):
        return f"write {shorten(value)} as {meant}"  # "N/A" for the n/a the file format says
    if hint:
        if isinstance(value, (dict, list)):  # a whole block: the hint says it better
            return hint
        return f"{shorten(value)} is not allowed here: {hint}"
    if kind in ("enum", "const"):
        import difflib

        options = error.validator_value if kind == "enum" else [error.validator_value]
        listed = ", ".join(str(o) for o in options)
        guess = difflib.get_close_matches(str(value), [str(o) for o in options], n=1, cutoff=0.5)
        tail = f"; did you mean {shorten(guess[0])}?" if guess else ""
        return f"{shorten(value)} is not one of: {listed}{tail}"
    if kind == "required":
        missing = [r for r in error.validator_value if r not in (value or {})]
        return f"the required field {shorten(missing[0] if missing else '?')} is missing"
    if kind == "minLength":
        return "should not be empty"
    if kind == "maxLength":
        return f"is too long ({len(value)} characters; at most {error.validator_value})"
    if kind in ("minItems", "minProperties"):
        return (
            "should not be empty"
            if error.validator_value == 1
            else (f"needs at least {error.validator_value} entries")
        )
    if kind in ("maxItems", "maxProperties"):
        return f"has too many entries (at most {error.validator_value})"
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        words = {"minimum": "at least", "exclusiveMinimum": "more than",
                 "maximum": "at most", "exclusiveMaximum": "less than"}[kind]  # fmt: skip
        return f"{shorten(value)} should be {words} {error.validator_value}"
    if kind == "pattern":
        return f"{shorten(value)} is not in the expected form"
    if kind == "propertyNames":
        return f"{shorten(value)} is not allowed as a name here"
    if kind == "oneOf":
        return f"{shorten(value)} is not one of the values allowed here"
    return error.message if len(error.message) < 200 else "is not valid here"


def _same_but_for_case(value: str, schema: Any) -> str | None:
    """The fixed word the schema allows here that ``value`` differs from only in case and
    spaces ("N/A", " n/a " for n/a), if there is one."""
    if not isinstance(schema, dict):
        return None
    allowed = [schema.get("const"), *(schema.get("enum") or ()),
               *(option.get("const") for option in schema.get("oneOf") or ()
                 if isinstance(option, dict))]  # fmt: skip
    typed = value.strip().casefold()
    return next((word for word in allowed
                 if isinstance(word, str) and word != value and word.casefold() == typed),
                None)  # fmt: skip


def _what(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return "not-a-number" if value != value else f"the number {value}"
    if isinstance(value, str):
        return f"the text {shorten(value)}"
    if isinstance(value, dict):
        return "a set of named fields"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


KEPT = 100  # problems kept in full per document; the rest are only counted


class Problems(list):  # type: ignore[type-arg]
    """The problems found in one document, each naming its line and key path.

    A valid-looking file can hold half a million mistakes; the first :data:`KEPT` are
    kept in full and the rest only counted (``more``), so the work stays in proportion
    to what anyone will read. Only the first few are given a "did you mean"."""

    def __init__(self, data: Any, file: str) -> None:
        super().__init__()
        self.data, self.file = data, file
        self.more = 0
        checking(self)

    def add(self, message: str, container: Any, key: Any, path: list[Any]) -> None:
        if len(self) >= KEPT:
            self.more += 1
            return
        self.append(UnknownIdError(message, file=self.file, line=line_of(container, key),
                                   path=describe_path(self.data, path)))  # fmt: skip

    @property
    def total(self) -> int:
        return len(self) + self.more
