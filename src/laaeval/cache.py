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
from pathlib import Path
from typing import Any

from . import __version__, yamlio
from .schema import schema_text

_SALT = None


def directory() -> Path | None:
    setting = os.environ.get("LAAEVAL_CACHE", "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "laaeval"


def _salt() -> bytes:
    global _SALT
    if _SALT is None:
        # Any change to laaeval or to the evidence schema invalidates every entry.
        _SALT = f"{__version__}\0{schema_text('evidence')}".encode()
    return _SALT


def key(content: bytes) -> str:
    return hashlib.blake2b(content, key=hashlib.blake2b(_salt()).digest()[:64]).hexdigest()


def get(content: bytes) -> Any | None:
    root = directory()
    if root is None:
        return None
    digest = key(content)
    try:
        with open(root / digest[:2] / f"{digest}.json", "rb") as handle:
            return json.load(handle)
    except (OSError, ValueError):
        return None


def put(content: bytes, data: Any) -> None:
    root = directory()
    if root is None:
        return
    digest = key(content)
    folder = root / digest[:2]
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        yamlio.write_atomic(folder / f"{digest}.json", text)
    except (OSError, ValueError):
        pass
