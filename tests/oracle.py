"""Second implementations for the tests to check laaeval against, written from the README's
rules with PyYAML and fractions.Fraction, and sharing no code with laaeval."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import yaml


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def fingerprint(path: Path) -> str:
    """A framework's fingerprint as the README defines it: SHA-256 of its content as JSON
    with sorted keys, so blind to comments, layout and key order."""
    canonical = json.dumps(load(path), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()
