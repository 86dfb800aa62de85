"""laaeval assess in a real pseudo-terminal: the prompts a person sees, and Ctrl-C."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sys
import time
from pathlib import Path

import pytest

from laaeval.model.framework import load_framework
from laaeval.model.store import load_evidence

from ..conftest import MINI_EVIDENCE, MINI_FRAMEWORK

pexpect = pytest.importorskip("pexpect")


def _as_a_terminal_would() -> None:
    # A child inherits ignored signals: run from a background job (``pytest &``), this
    # suite starts with SIGINT ignored, and Python then never raises KeyboardInterrupt in
    # the child, so Ctrl-C would do nothing. A person's terminal delivers it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def spawn(*args: str, timeout: int = 60):
    # LAAEVAL_FRAMEWORKS lets a resumed file find the test framework by its id.
    env = dict(os.environ, NO_COLOR="1", COLUMNS="120", LINES="50", TERM="xterm",
               LAAEVAL_FRAMEWORKS=str(MINI_FRAMEWORK.parent))  # fmt: skip
    child = pexpect.spawn(sys.executable, ["-m", "laaeval", "assess", *args], env=env,
                          encoding="utf-8", timeout=timeout,
                          preexec_fn=_as_a_terminal_would)  # fmt: skip
    return child


def expect_words(child, text: str) -> None:
    """Wait for ``text``, wherever the terminal broke its lines (a long temporary path
    earlier on the line moves the break) and whatever bold ends and starts again there."""
    child.expect(r"(?:\s|\x1b\[[0-9;]*m)+".join(map(re.escape, text.split())))


def answer(child, prompt: str, text: str) -> None:
    child.expect_exact(prompt)
    child.sendline(text)


def test_ctrl_c_mid_question_loses_nothing_and_resume_carries_on(tmp_path):
    path = str(tmp_path / "pty.yaml")
    framework = load_framework(MINI_FRAMEWORK)
    child = spawn(path, "--framework", str(MINI_FRAMEWORK))
    answer(child, "Pilot (the area or partnership)", "Ptyville")
    answer(child, "Round (such as mid-way or final)", "mid-way")
    answer(child, "Region (optional; Enter for none)", "")
    answer(child, "Tier:", "2")
    answer(child, "Your name, as assessor (optional; Enter for none)", "Tester")
    child.expect_exact("X1 — indicator 1 of 2")
    answer(child, "? for help)", "3")
    answer(child, "Why fully met?", "Everyone agreed")
    child.expect_exact("X1 — indicator 2 of 2")
    answer(child, "? for help)", "e")
    answer(child, "Source (one or more numbers):", "1")
    child.expect_exact("Whose view does it give?")
    child.sendintr()  # Ctrl-C half-way through recording a piece of evidence
    expect_words(child, "Stopped. Every answer you finished is saved in")
    expect_words(child, "the evidence item you were part-way through (for X1.2) is kept")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    record, _ = load_evidence(path, framework)  # the file is whole and valid
    assert record.judgements["X1.1"].rating == 3
    assert record.evidence == ()  # the half-recorded item is not in the file: in a draft

    child = spawn(path)
    child.expect(r"Resuming\S*\s+\S*pty\.yaml")
    answer(child, "part-way through an evidence item for X1.2: carry on with it? (y/n)", "n")
    child.expect_exact("The draft is forgotten.")
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


# -- issue 14, item 15: every way a sitting can be told to end ----------------------------


def _resume(tmp_path, name: str = "sitting.yaml"):
    """A sitting resumed on a copy of the mini evidence file, at its first question."""
    path = tmp_path / name
    path.write_text(MINI_EVIDENCE.read_text().replace("  X2: {rating: 0}\n", ""))
    child = spawn(str(path), "--framework", str(MINI_FRAMEWORK))
    child.expect_exact("X2 — judged directly")
    child.expect_exact("? for help)")
    return path, child


def _rated_x2(path) -> object:
    return load_evidence(path, load_framework(MINI_FRAMEWORK))[0].judgements.get("X2")


@pytest.mark.parametrize(("signum", "words", "code"), [
    (signal.SIGTERM, "Stopped: laaeval was asked to end.", 143),
    (signal.SIGHUP, "Stopped: the terminal was closed.", 129),
])  # fmt: skip
def test_sigterm_and_sighup_end_the_sitting_with_a_message_and_keep_the_answers(
    tmp_path, signum, words, code
):
    path, child = _resume(tmp_path)
    child.sendline("2")
    answer(child, "Why largely met?", "On the evidence")
    child.expect_exact("Saved: X2 rated 2")
    child.expect_exact("? for help)")
    child.kill(signum)
    child.expect_exact(words)
    child.expect_exact("Everything you answered is saved in")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == code and child.signalstatus is None
    assert "Traceback" not in child.before
    assert _rated_x2(path).rating == 2


def test_ctrl_c_twice_never_dies_by_the_signal_nor_shows_a_traceback(tmp_path):
    _, child = _resume(tmp_path)
    child.delaybeforesend = None  # back to back, as an impatient finger presses them
    child.send("\x03\x03")
    child.sendintr()
    child.expect(pexpect.EOF)
    seen = child.before
    child.close()
    assert child.signalstatus is None and child.exitstatus == 130
    assert "Traceback" not in seen and "Stopped." in seen


def _running_laaeval(pid: int, patience: float = 10.0) -> None:
    """Wait until the spawned child has become laaeval (its terminal is then its own): a
    Ctrl-C typed before that reaches no one, however long the machine takes to get there."""
    import time

    cmdline = Path(f"/proc/{pid}/cmdline")
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if b"laaeval" in cmdline.read_bytes():
                return
        time.sleep(0.002)


# Counted from the moment the child runs laaeval, not from the fork: on a busy machine the
# fork alone can take longer than these delays.
@pytest.mark.parametrize("delay", [0.03, 0.06, 0.1, 0.15, 0.25])
def test_ctrl_c_while_laaeval_is_still_starting_shows_no_traceback(tmp_path, delay):
    import time

    path = tmp_path / "early.yaml"
    path.write_text(MINI_EVIDENCE.read_text())
    child = spawn(str(path), "--framework", str(MINI_FRAMEWORK))
    _running_laaeval(child.pid)
    time.sleep(delay)
    child.sendintr()
    child.expect(pexpect.EOF)
    seen = child.before
    child.close()
    frames = [line for line in seen.splitlines() if line.strip().startswith("File ")]
    python_alone = "Traceback" in seen and frames and not any("laaeval" in f for f in frames)
    if "init_import_site" in seen or "Could not import runpy module" in seen or python_alone:
        # Python itself was still starting (importing its own site or runpy module, or
        # finding laaeval's, before a line of laaeval had run: no frame of laaeval in the
        # traceback): its words, which no program can prevent. Only a machine
        # slowed to a crawl gets here; then nothing may have been done to the file.
        assert path.read_text() == MINI_EVIDENCE.read_text()
        return
    assert "Traceback" not in seen, seen
    if child.signalstatus is not None:
        # Only before Python has started to run anything (it has not yet taken over
        # Ctrl-C from the system); then nothing has been said or done at all.
        assert child.signalstatus == signal.SIGINT and seen.strip() in ("", "^C"), seen
    else:
        assert child.exitstatus in (0, 130)
    assert path.read_text() == MINI_EVIDENCE.read_text()


def test_ctrl_d_at_a_question_ends_with_a_message_that_fits(tmp_path):
    _, child = _resume(tmp_path)
    child.sendeof()
    expect_words(child, "Finished (Ctrl-D). Everything you answered is saved in")
    child.expect(pexpect.EOF)
    child.close()
    assert "ran out" not in child.before
    assert child.exitstatus == 0


def test_an_edit_in_a_text_editor_mid_sitting_is_kept_with_the_next_answer(tmp_path):
    """Item 10 in a real terminal: the file is edited while assess waits for an answer."""
    path, child = _resume(tmp_path)
    path.write_text(path.read_text().replace("The council challenges Y1.1",
                                             "The council, in writing, challenges Y1.1"))
    child.sendline("2")
    answer(child, "Why largely met?", "On the evidence")
    child.expect_exact("kept those changes and added yours")
    child.expect_exact("? for help)")
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "The council, in writing, challenges Y1.1" in path.read_text()
    assert _rated_x2(path).rating == 2


# -- issue 10: the whole walk at 80 columns, backing out of every question -------------------


def spawn_80(*args: str):
    env = dict(os.environ, NO_COLOR="1", COLUMNS="80", LINES="40", TERM="xterm",
               LAAEVAL_FRAMEWORKS=str(MINI_FRAMEWORK.parent))  # fmt: skip
    return pexpect.spawn(sys.executable, ["-m", "laaeval", "assess", *args], env=env,
                         encoding="utf-8", timeout=60, dimensions=(40, 80),
                         preexec_fn=_as_a_terminal_would)  # fmt: skip


MENU = "(? for help): "
LEFT = "nothing was changed."


def leave(child, *answers: str) -> None:
    """Open a question from the menu, answer ``answers`` (the last one backs out), and be
    back at the menu with nothing changed."""
    child.expect_exact(MENU)
    for text in answers:
        child.sendline(text)
    child.expect_exact(LEFT)


def test_the_whole_walk_at_80_columns_backing_out_and_ctrl_c_then_the_draft_back(tmp_path):
    path = tmp_path / "walk.yaml"
    framework = load_framework(MINI_FRAMEWORK)
    child = spawn_80(str(path), "--framework", str(MINI_FRAMEWORK))
    answer(child, "Pilot (the area or partnership)", "Smallvile")
    answer(child, "Round (such as mid-way or final)", "b")  # back: the pilot again
    answer(child, "Pilot (the area or partnership)", "Smallville")
    answer(child, "Round (such as mid-way or final)", "final")
    answer(child, "Region (optional; Enter for none)", "")
    answer(child, "Tier:", "1")
    answer(child, "Your name, as assessor (optional; Enter for none)", "")
    child.expect_exact("X1 — indicator 1 of 2")
    # Every question the menu leads to, backed out of by q, b or Enter.
    leave(child, "e", "q")
    leave(child, "e", "1", "2", "b", "b", "")  # whose view, back to the source, back out
    leave(child, "e", "1", "2", '"Exact words"', "q")
    leave(child, "j", "q")
    leave(child, "j", "")
    leave(child, "v", "1", "b", "b")
    leave(child, "w", "v", "q")
    leave(child, "n", "b")
    leave(child, "3", "")
    leave(child, "3", "q")
    # Then a real item and a rating: the item in five questions, the rating in one.
    answer(child, MENU, "e")
    answer(child, "Source (one or more numbers)", "1")
    answer(child, "Whose view does it give?", "2")
    answer(child, "What was said or found?", "The GO said the targets were agreed")
    answer(child, "Where is it, and when?", "Interview 4, 2005-01-19")
    answer(child, "s/c/n for X1.1", "s X1.2")
    child.expect_exact("Saved evidence E1, bearing on 2 indicators.")
    answer(child, MENU, "3 Everyone agreed")
    child.expect_exact("Saved: X1.1 rated 3 (Fully met).")
    child.expect_exact("X1 — indicator 2 of 2")
    leave(child, "u", "q")
    leave(child, "u", "E1", "b", "b")
    leave(child, "u", "GO", "E1", "q")
    answer(child, MENU, "1 Only the GO's account")
    child.expect_exact("X2 — judged directly")
    answer(child, MENU, "e")
    answer(child, "Source (one or more numbers)", "3")
    answer(child, "Whose view does it give?", "1")
    answer(child, "What was said or found?", "“Signed off in March”")
    answer(child, "And a summary, in your words", "The agreement was signed in March")
    child.expect_exact("Where is it, and when?")
    child.sendintr()  # Ctrl-C in the middle of the item
    expect_words(child, "Stopped. Every answer you finished is saved in")
    child.expect_exact("is kept as a draft in")
    child.expect(pexpect.EOF)
    seen = child.before
    child.close()
    assert child.exitstatus == 130 and "Traceback" not in seen
    assert "Everything you answered is saved" not in seen
    record, _ = load_evidence(path, framework)
    assert [e.id for e in record.evidence] == ["E1"]  # the file holds whole items only

    child = spawn_80(str(path))
    answer(child, "part-way through an evidence item for X2: carry on with it? (y/n)", "y")
    child.expect_exact("X2 — judged directly")
    answer(child, "Where is it, and when?", "Agreement, p. 4, 2005-03-21")
    answer(child, "s/c/n for X2", "s")
    child.expect_exact("Saved evidence E2, bearing on 1 indicator.")
    answer(child, MENU, "p")
    child.expect_exact("Overall: 2 of 6 judged; 2 evidence items")
    answer(child, MENU, "q")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    record, _ = load_evidence(path, framework)
    item = record.evidence[-1]
    assert (item.sources, item.perspective, item.quote, item.summary, item.reference,
            item.date) == (("doc",), "cg", "Signed off in March",
                           "The agreement was signed in March", "Agreement, p. 4",
                           "2005-03-21")  # fmt: skip
    assert record.evidence[0].bears_on == {"X1.1": "supports", "X1.2": "supports"}
    assert {k: j.rating for k, j in record.judgements.items()} == {"X1.1": 3, "X1.2": 1}
    assert not Path(f"{path}.draft").exists()


def test_the_first_signal_of_a_sitting_has_every_later_one_ignored():
    # Ctrl-C pressed twice at once: the second, raised while the first still was, made
    # Python show a SystemError with its traceback (one run in forty, under load). The
    # first now has the rest ignored before anything is raised.
    from laaeval.assess.signals import Signals

    before = signal.getsignal(signal.SIGINT)
    with Signals():
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(5)  # the handler runs here, at once
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN
        os.kill(os.getpid(), signal.SIGINT)  # a second Ctrl-C: ignored, nothing raised
        time.sleep(0.05)
    assert signal.getsignal(signal.SIGINT) == before  # given back as it was
