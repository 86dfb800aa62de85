"""laaeval assess in a real pseudo-terminal: the prompts a person sees, and Ctrl-C."""

from __future__ import annotations

import os
import signal
import sys

import pytest

from laaeval.model.framework import load_framework
from laaeval.model.store import load_evidence

from ..conftest import MINI_FRAMEWORK

pexpect = pytest.importorskip("pexpect")


def _as_a_terminal_would() -> None:
    # A child inherits ignored signals: run from a background job (``pytest &``), this
    # suite starts with SIGINT ignored, and Python then never raises KeyboardInterrupt in
    # the child, so Ctrl-C would do nothing. A person's terminal delivers it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def spawn(*args: str, timeout: int = 20):
    # LAAEVAL_FRAMEWORKS lets a resumed file find the test framework by its id.
    env = dict(os.environ, NO_COLOR="1", COLUMNS="120", LINES="50", TERM="xterm",
               LAAEVAL_FRAMEWORKS=str(MINI_FRAMEWORK.parent))  # fmt: skip
    child = pexpect.spawn(sys.executable, ["-m", "laaeval", "assess", *args], env=env,
                          encoding="utf-8", timeout=timeout,
                          preexec_fn=_as_a_terminal_would)  # fmt: skip
    return child


def answer(child, prompt: str, text: str) -> None:
    child.expect_exact(prompt)
    child.sendline(text)


def test_ctrl_c_mid_question_loses_nothing_and_resume_carries_on(tmp_path):
    path = str(tmp_path / "pty.yaml")
    framework = load_framework(MINI_FRAMEWORK)
    child = spawn(path, "--framework", str(MINI_FRAMEWORK))
    answer(child, "Pilot (the area or partnership)", "Ptyville")
    answer(child, "Round (such as mid-way or final)", "mid-way")
    answer(child, "Region (optional)", "")
    answer(child, "Tier:", "2")
    answer(child, "Your name, as assessor (optional)", "Tester")
    child.expect_exact("X1 — indicator 1 of 2")
    answer(child, "? for help)", "3")
    answer(child, "Why fully met?", "Everyone agreed")
    child.expect_exact("X1 — indicator 2 of 2")
    answer(child, "? for help)", "e")
    answer(child, "Source:", "1")
    child.expect_exact("Whose view does it give?")
    child.sendintr()  # Ctrl-C half-way through recording a piece of evidence
    child.expect_exact("Stopped. Everything you answered is saved in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    record, _ = load_evidence(path, framework)  # the file is whole and valid
    assert record.judgements["X1.1"].rating == 3
    assert record.evidence == ()  # the half-recorded item was not saved

    child = spawn(path)
    child.expect(r"Resuming\S*\s+\S*pty\.yaml")
    child.expect_exact("X1 — indicator 2 of 2")  # where we stopped
    answer(child, "? for help)", "1")
    answer(child, "Why partly met?", "Only partly")
    child.expect_exact("X2 — judged directly")
    answer(child, "? for help)", "q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    record, _ = load_evidence(path, framework)
    assert {k: j.rating for k, j in record.judgements.items()} == {"X1.1": 3, "X1.2": 1}
    assert record.pilot.attributes == {"tier": "two-tier"}


def test_ctrl_c_works_even_when_the_test_run_itself_ignores_it(tmp_path):
    """As under ``python -m pytest &``: the suite's own SIGINT is ignored."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        child = spawn(str(tmp_path / "bg.yaml"), "--framework", str(MINI_FRAMEWORK), timeout=10)
        child.expect_exact("Pilot (the area or partnership)")
        child.sendintr()
        child.expect_exact("Stopped. Nothing was saved.")
        child.expect(pexpect.EOF)
        child.close()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert child.exitstatus == 130
    assert not (tmp_path / "bg.yaml").exists()
