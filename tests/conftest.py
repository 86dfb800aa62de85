from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from laaeval.cli import app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DATA = Path(__file__).resolve().parent / "data"
MINI_FRAMEWORK = DATA / "mini-framework.yaml"
MINI_EVIDENCE = DATA / "mini-evidence.yaml"


@pytest.fixture
def cli():
    """Run laaeval as a user would; returns click's Result (stdout and stderr apart)."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input)

    return invoke


@pytest.fixture
def mini_evidence_text() -> str:
    return MINI_EVIDENCE.read_text(encoding="utf-8")


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Keep the tests' cache of parsed evidence files out of the user's home."""
    import os

    os.environ["LAAEVAL_CACHE"] = str(tmp_path_factory.mktemp("cache"))
