"""A cache of evidence files already read and checked against the schema.

Reading YAML is most of the time laaeval spends on a large batch. The cache keeps each
file's parsed content as JSON (which Python reads many times faster than YAML), keyed by
a digest of the file's exact bytes and of this laaeval's version, so an edited file, or
an upgrade, is simply a miss. The files users edit are never touched.

Where: ``$LAAEVAL_CACHE``, else ``$XDG_CACHE_HOME/laaeval``, else ``~/.cache/laaeval``.
``LAAEVAL_CACHE=off`` turns it off. A cache that cannot be written is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import __version__
from . import yamlio
from .output import write_atomic
from .schema import schema_text

_SALTS: dict[str, bytes] = {}


def directory() -> Path | None:
    setting = os.environ.get("LAAEVAL_CACHE", "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "laaeval"


def _salt(kind: str) -> bytes:
    if kind not in _SALTS:
        # Any change to laaeval or to the schema invalidates every entry of that kind, and
        # the same bytes read as a framework and as an evidence file are different entries.
        text = f"{__version__}\0{kind}\0{schema_text(kind)}".encode()
        _SALTS[kind] = hashlib.blake2b(text).digest()
    return _SALTS[kind]


def key(content: bytes, kind: str) -> str:
    return hashlib.blake2b(content, key=_salt(kind)).hexdigest()


def _entry(content: bytes, kind: str) -> Path | None:
    """Where the entry for these bytes, read as ``kind``, lives; None with the cache off."""
    root = directory()
    if root is None:
        return None
    digest = key(content, kind)
    return root / digest[:2] / f"{digest}.json"


def get_text(content: bytes, kind: str) -> str | None:
    """The JSON text cached for a file with exactly these bytes, read as ``kind``."""
    entry = _entry(content, kind)
    if entry is None:
        return None
    try:
        with open(entry, "rb") as handle:
            seal, _, text = handle.read().partition(b"\n")
        # An entry damaged on disk, or edited, no longer matches its seal: a miss.
        if seal.decode("ascii") != hashlib.blake2b(text, digest_size=16).hexdigest():
            return None
        return text.decode("utf-8")
    except (OSError, ValueError):
        return None


def get(content: bytes, kind: str) -> Any | None:
    """The data cached for a file with exactly these bytes, read as ``kind``, or None."""
    text = get_text(content, kind)
    try:
        return None if text is None else json.loads(text)
    except ValueError:
        return None


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


def put(content: bytes, kind: str, data: Any) -> None:
    """Remember a file's data; call only once the data has passed every check."""
    try:
        text = dumps(data)
    except ValueError:
        return
    put_text(content, kind, text)


def put_text(content: bytes, kind: str, text: str) -> None:
    """Remember a file's data, already written as JSON text."""
    entry = _entry(content, kind)
    if entry is None:
        return
    seal = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
    try:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        write_atomic(entry, f"{seal}\n{text}", durable=False)
    except OSError:
        pass


def read_through(
    name: str, kind: str, parse: Callable[[bytes, str], Any], content: bytes | None = None
) -> Any:
    """A file's checked data: from the cache if these exact bytes were read before, else
    from ``parse`` (which reads and checks them, raising on any mistake), then cached."""
    content = yamlio.read_bytes(name) if content is None else content
    cached = get(content, kind)
    if cached is not None:
        return cached
    data = parse(content, name)
    put(content, kind, data)
    return data
