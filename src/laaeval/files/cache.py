"""A cache of evidence files already read and checked against the schema.

Reading YAML is most of the time laaeval spends on a large batch. The cache keeps each
file's parsed content as JSON (which Python reads many times faster than YAML), keyed by
a digest of the file's exact bytes and of this laaeval's version, so an edited file, or
an upgrade, is simply a miss. The files users edit are never touched.

Where: ``$LAAEVAL_CACHE``, else ``$XDG_CACHE_HOME/laaeval``, else ``~/.cache/laaeval``.
``LAAEVAL_CACHE=off`` turns it off. A cache that cannot be written is ignored.

The cache is not trusted: each entry is sealed with a keyed hash (BLAKE2b in its MAC mode)
under a random secret kept in the cache folder, readable by its owner only, so an entry
edited and then simply re-hashed is a miss; and an entry is checked against the schema
before use, so one that is malformed however it came to be is a miss too. Nothing read
from the cache is ever written back into a user's file (``assess`` reads the file itself).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import __version__
from . import yamlio
from .schema import fast_check, schema_names, schema_text

_SALTS: dict[str, bytes] = {}
_SECRETS: dict[str, bytes | None] = {}
SECRET_NAME = "secret"


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


def secret(root: Path) -> bytes | None:
    """The cache folder's sealing key, made on first use (32 random bytes, mode 0600);
    None if it can be neither read nor made, which turns the cache off."""
    if str(root) in _SECRETS:
        return _SECRETS[str(root)]
    path = root / SECRET_NAME
    value: bytes | None = None
    try:
        root.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            with open(path, "rb") as handle:
                value = handle.read(64)
        else:
            with os.fdopen(fd, "wb") as handle:
                value = os.urandom(32)  # what secrets.token_bytes does, unimported
                handle.write(value)
    except OSError:
        value = None
    if value is not None and len(value) < 32:  # a damaged key: better no cache than a weak one
        value = None
    _SECRETS[str(root)] = value
    return value


def _seal(key_: bytes, entry: Path, text: bytes) -> str:
    # The entry's own name is sealed too, so an entry cannot be moved to stand for another file.
    return hashlib.blake2b(entry.name.encode() + b"\0" + text, key=key_, digest_size=32).hexdigest()


def _valid(data: Any, kind: str) -> bool:
    """A valid document of ``kind`` in any format laaeval reads: its schema, or an older
    format's (``evidence-1.schema.json`` beside ``evidence.schema.json``). The schema of the
    format the document says it is in (``laaeval: evidence/1``) is tried first, so a file
    in an older format is not first checked, in vain, against the newest schema."""
    declared = data.get("laaeval") if isinstance(data, dict) else None
    first = declared.replace("/", "-", 1) if isinstance(declared, str) else None
    names = sorted(schema_names(kind), key=lambda name: name != first)  # stable: else as listed
    return any(fast_check(name)(data) for name in names)


def get_text(content: bytes, kind: str) -> str | None:
    """The JSON text cached for a file with exactly these bytes, read as ``kind``, once its
    seal and its shape are both checked; anything else is a miss."""
    found = _lookup(content, kind)
    return None if found is None else found[0]


def get(content: bytes, kind: str) -> Any | None:
    """The data cached for a file with exactly these bytes, read as ``kind``, or None."""
    found = _lookup(content, kind)
    return None if found is None else found[1]


def _lookup(content: bytes, kind: str) -> tuple[str, Any] | None:
    """An entry's text and data (read once: the check needs the data anyway)."""
    entry = _entry(content, kind)
    if entry is None:
        return None
    key_ = secret(entry.parent.parent)
    if key_ is None:
        return None
    try:
        with open(entry, "rb") as handle:
            seal, _, text = handle.read().partition(b"\n")
        if seal.decode("ascii") != _seal(key_, entry, text):
            return None
        decoded = text.decode("utf-8")
        data = json.loads(decoded)
        if not _valid(data, kind):
            return None
        return decoded, data
    except (OSError, ValueError, RecursionError):
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
    key_ = secret(entry.parent.parent)
    if key_ is None:
        return
    body = text.encode("utf-8")
    with contextlib.suppress(OSError):
        _write_entry(entry, _seal(key_, entry, body).encode("ascii") + b"\n" + body)


def _write_entry(entry: Path, data: bytes) -> None:
    """Put an entry in place whole (a temporary file, then renamed), as cheaply as that
    can be done: a cache needs neither the disk to have it at once (fsync) nor the
    permissions and owner of a file it replaces, which :func:`write_atomic` keeps for a
    user's files, and which cost more than reading the YAML saved (issue 13). Its folder
    is made only when the first write into it finds none."""
    tmp = entry.with_name(f".{entry.name}.{os.urandom(6).hex()}{TEMP_SUFFIX}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(tmp, flags, 0o600)
    except FileNotFoundError:
        entry.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(tmp, flags, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, entry)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


TEMP_SUFFIX = ".part"  # an entry being written; one left by a killed run is never read


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
