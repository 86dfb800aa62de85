"""Reading and saving evidence files: the one way in (checked against the schema, then
against the framework) and the one way out (checked, then written atomically)."""

from __future__ import annotations

import os
from dataclasses import replace
from typing import Any

from ..errors import SchemaError, without_suggestions
from ..files import cache, schema, yamlio
from .catalogue import resolve_recorded
from .checks import check_evidence
from .evidence import FORMAT, FORMATS, EvidenceFile, evidence_from_data, to_data
from .framework import Framework


def read_data(
    path: str | os.PathLike[str],
    use_cache: bool = True,
    content: bytes | None = None,
    lines: bool | None = None,
) -> Any:
    """Parse an evidence file and check it has the shape of one (no framework needed).

    A file read before, byte for byte the same, comes from the cache; otherwise it is read
    quickly where it can be (:mod:`laaeval.files.quickyaml`). Neither keeps line numbers:
    callers that find a problem read it again with ``use_cache=False``, which reads it
    carefully, with a line number for every key (``lines=False``: without the cache, and
    without line numbers, as a worker process reading for the cache does)."""
    name = str(path)
    if use_cache:
        return cache.read_through(name, "evidence", _parse_quickly, content)
    content = yamlio.read_bytes(name) if content is None else content
    return _parse(content, name) if lines or lines is None else _parse_quickly(content, name)


def _parse_quickly(content: bytes, name: str) -> Any:
    """The quick reader's data when it can read the file and the data is a valid evidence
    file; anything else is read carefully, which says what is wrong and where."""
    from ..files import quickyaml

    text = yamlio.decode(content, name)
    data = quickyaml.loads(text)
    if data is not None and data.get("laaeval") in FORMATS and schema.fast_check(
            schema_kind(data))(data):  # fmt: skip
        return data
    return _parse(content, name, text)


def _parse(content: bytes, name: str, text: str | None = None) -> Any:
    data = yamlio.loads(yamlio.decode(content, name) if text is None else text, name)
    kind = data.get("laaeval") if isinstance(data, dict) else None
    if kind not in FORMATS:
        raise SchemaError(
            f'this is not a laaeval evidence file (it should start with "laaeval: {FORMAT}")',
            file=name,
            line=yamlio.line_of(data, "laaeval") if isinstance(data, dict) else None,
        )
    schema.validate(data, schema_kind(data), name)
    return data


def schema_kind(data: Any) -> str:
    """The schema an evidence file's format is checked against."""
    return "evidence" if data.get("laaeval") == FORMAT else "evidence-1"


def load_evidence(
    path: str | os.PathLike[str],
    framework: Framework | None = None,
    frameworks: dict[tuple[str, str], Framework] | None = None,
    data: Any = None,
) -> tuple[EvidenceFile, Framework]:
    """Read, validate and build an evidence file, with the framework it was recorded against.

    Without ``framework`` it is found from the id and version the file names (and kept in
    ``frameworks``, if given, for the next file). ``data``, if given, is the file's content
    already read and checked against the schema (by a worker process, say).
    """
    name = str(path)
    if data is None:
        data = read_data(name)
    if framework is None:
        key = (data["framework"]["id"], data["framework"]["version"])
        framework = frameworks.get(key) if frameworks is not None else None
        if framework is None:
            framework = resolve_recorded(data["framework"], name)
            if frameworks is not None:
                frameworks[key] = framework
    if hasattr(data, "lines"):
        problems = check_evidence(data, framework, name)
    else:  # read without line numbers: any problem is told from a careful reading, below
        with without_suggestions():
            problems = check_evidence(data, framework, name)
    if problems and not hasattr(data, "lines"):  # read without line numbers: again, to say which
        data = read_data(name, use_cache=False)
        problems = check_evidence(data, framework, name)
    if problems:
        raise problems[0]
    return evidence_from_data(data, name), framework


def save(record: EvidenceFile, path: str | os.PathLike[str], framework: Framework) -> None:
    """Write atomically, after checking that what we write is a valid evidence file.

    Stamps the framework's fingerprint, so a later edit to the framework is noticed.
    The data is checked before it is turned into YAML; tests check that the YAML reads
    back as exactly the same data."""
    data = to_data(replace(record, framework_hash=framework.hash))
    schema.validate(data, "evidence", str(path))  # format 2: what laaeval writes
    problems = check_evidence(data, framework, str(path))
    if problems:
        raise problems[0]
    from ..files.output import write_output  # only when saving: score never needs it

    write_output(path, yamlio.dumps(data), "evidence file")
