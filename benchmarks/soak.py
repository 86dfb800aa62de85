"""Kill `laaeval assess` while it saves, over and over, and check nothing is lost or damaged.

    python benchmarks/soak.py            # 300 runs, each killed at a random moment
    python benchmarks/soak.py --runs 1200 --signal TERM

Each run resumes one evidence file (200 items, as benchmarks/run.py generates) and rates
indicators one after another as fast as answers can be read, then is sent the signal
(KILL by default) at a random moment, most often in the middle of a save. After each run
the file must read and check as a valid evidence file, and every answer the run said
"Saved:" for must be in it. At the end: how many temporary files killed runs left beside
the file, and that the next run clears them once they are stale.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import generate  # benchmarks/run.py, beside this file

SAVED = re.compile(r"Saved: (\S+) rated (\d)")


def one_run(path: Path, units: list[str], rating: int, sig: int, rng: random.Random
            ) -> tuple[dict[str, int], bool]:  # fmt: skip
    """The answers this run said it saved, and whether it was killed before it ended."""
    answers = "".join(f"j\n{u}\n{rating}\nSoak run.\n" for u in units) + "q\n"
    # Unbuffered, so that each "Saved:" reaches us the moment it is printed, as on a screen.
    env = dict(os.environ, LAAEVAL_CACHE="off", COLUMNS="200", PYTHONUNBUFFERED="1")
    child = subprocess.Popen([sys.executable, "-m", "laaeval", "assess", str(path),
                              "--answers", "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env, text=True)  # fmt: skip
    assert child.stdin is not None and child.stdout is not None
    child.stdin.write(answers)
    child.stdin.close()
    time.sleep(rng.uniform(0.25, 0.9))  # start-up is about 0.2 s; then a save every few ms
    child.send_signal(sig)
    out = child.stdout.read()
    child.wait()
    saved = {unit: int(r) for unit, r in SAVED.findall(out)}
    return saved, child.returncode != 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--signal", default="KILL", help="KILL, TERM, HUP or INT")
    args = parser.parse_args()
    sig = getattr(signal, f"SIG{args.signal.upper()}")
    from laaeval.model.store import load_evidence

    rng = random.Random(14)
    with tempfile.TemporaryDirectory(prefix="laaeval-soak-") as tmp:
        folder = Path(tmp)
        generate(folder, 1, 200)
        path = next(folder.glob("*.yaml"))
        from laaeval.upgrade import upgrade_file

        upgrade_file(path)  # assess carries on only with the current format
        for backup in folder.glob("*.v1-backup"):
            backup.unlink()
        record, framework = load_evidence(path)
        units = [u for u in framework.units_by_id if u in record.judgements][:40]
        corrupt = lost = killed = acknowledged = 0
        for n in range(args.runs):
            saved, was_killed = one_run(path, units, n % 4, sig, rng)
            killed += was_killed
            acknowledged += len(saved)
            try:
                record, _ = load_evidence(path, framework)
            except Exception as exc:  # any failure to read back is damage
                corrupt += 1
                print(f"run {n}: the file does not read back: {exc}")
                continue
            for unit, rating in saved.items():
                if record.judgements[unit].rating != rating:
                    lost += 1
                    print(f"run {n}: {unit} was saved as {rating}, the file says "
                          f"{record.judgements[unit].rating}")  # fmt: skip
        temps = list(folder.glob(".*.laaeval-tmp-*"))
        print(f"{args.runs} runs sent SIG{args.signal.upper()}, {killed} ended by it; "
              f"{acknowledged} answers acknowledged as saved")
        print(f"  corrupt files: {corrupt}; saved answers lost: {lost}")
        print(f"  temporary files left by killed runs: {len(temps)}")
        old = time.time() - 600
        for temp in temps:
            os.utime(temp, (old, old))
        one_run(path, units[:1], 0, signal.SIGTERM, rng)
        left = list(folder.glob(".*.laaeval-tmp-*"))
        print(f"  left after the next run, once they are stale: {len(left)}")
        if corrupt or lost or left:
            sys.exit(1)


if __name__ == "__main__":
    main()
