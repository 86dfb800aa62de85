"""Mutation testing, one area of the code at a time (tests/MUTATION.md says what it found).

    pip install -e '.[test,dev]'
    nice -n 19 python tools/mutation.py scoring      # or: compare evidence yaml text; none: all

mutmut changes the code in small ways (a ``<`` for a ``<=``, ``and`` for ``or``, a number
off by one) and runs the tests that reach the changed function; a change no test notices
"survives". Each area is listed in pyproject.toml under [tool.laaeval.mutation], with the
code it mutates and the tests that should catch a change there: running one area against
its own tests takes minutes, where the whole suite against everything takes hours.

Each area is worked in its own copy, ``mutants/<area>/``, so its results are kept apart and
a second run carries on where the first stopped (``--fresh`` starts again; ``--recheck``
tests the last run's survivors again, after tests were added). The summary
(mutants, killed, survived, score) is printed, and the survivors are listed one a line.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("src", "tests", "frameworks", "examples", "other-examples")
# The statuses `mutmut results --all true` prints, and which of them count as caught.
KILLED = {"killed", "timeout", "segfault", "caught by type check"}


def areas() -> dict[str, dict[str, list[str]]]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return data["tool"]["laaeval"]["mutation"]


def prepare(name: str, area: dict[str, list[str]], fresh: bool) -> Path:
    """The area's own copy of the project, its pyproject.toml telling mutmut what to do."""
    work = ROOT / "mutants" / name
    if fresh and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    for folder in COPIED:
        shutil.copytree(ROOT / folder, work / folder, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))  # fmt: skip
    # mutmut copies a file that is not Python into its tree only once, and keeps results
    # for the functions whose code is unchanged: drop the other files, so that a schema or
    # a data file changed since the last run is copied afresh.
    for path in (work / "mutants" / "src").rglob("*"):
        if path.is_file() and not path.name.endswith((".py", ".py.meta", ".py.spans")):
            path.unlink()
    mutate = ", ".join(f'"{p}"' for p in area["mutate"])
    tests = ", ".join(f'"{p}"' for p in area["tests"])
    kept, inside = [], False  # the project's pyproject.toml less its own [tool.mutmut]
    for line in (ROOT / "pyproject.toml").read_text(encoding="utf-8").splitlines(True):
        if line.startswith("["):
            inside = line.strip() == "[tool.mutmut]"
        if not inside:
            kept.append(line)
    (work / "pyproject.toml").write_text(
        "".join(kept) + "\n[tool.mutmut]\n"
        + 'source_paths = ["src/laaeval"]\n'
        + f"only_mutate = [{mutate}]\n"
        + f"pytest_add_cli_args_test_selection = [{tests}]\n"
        + 'also_copy = ["frameworks", "examples", "other-examples"]\n',
        encoding="utf-8",
    )
    return work


def run(name: str, work: Path, children: int, recheck: bool) -> Counter[str]:
    mutmut = [sys.executable, "-m", "mutmut"]
    again: list[str] = []  # by default mutmut keeps a result once it has one
    if recheck and (work / "survivors.txt").exists():
        # Which tests reach which function is worked out again too: tests changed since.
        (work / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
        again = [line.split(": ", 1)[1] for line in
                 (work / "survivors.txt").read_text(encoding="utf-8").splitlines()]  # fmt: skip
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    print(f"== {name}: mutmut run in {work.relative_to(ROOT)} (progress in run.log there)",
          flush=True)  # fmt: skip
    with open(work / "run.log", "wb") as log:
        subprocess.run([*mutmut, "run", "--max-children", str(children), *again], cwd=work,
                       env=env, stdout=log, stderr=subprocess.STDOUT, check=False)  # fmt: skip
    listed = subprocess.run([*mutmut, "results", "--all", "true"], cwd=work, env=env,
                            capture_output=True, text=True, check=True).stdout  # fmt: skip
    statuses: Counter[str] = Counter()
    survivors = []
    for line in listed.splitlines():
        mutant, sep, status = line.strip().rpartition(": ")
        if not sep:
            continue
        statuses[status] += 1
        if status not in KILLED:
            survivors.append(f"{status}: {mutant}")
    (work / "survivors.txt").write_text("".join(s + "\n" for s in survivors), encoding="utf-8")
    return statuses


def main() -> int:
    known = areas()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("area", nargs="*", help=f"of {', '.join(known)} (default: all)")
    parser.add_argument("--fresh", action="store_true", help="start the area again")
    parser.add_argument("--recheck", action="store_true",
                        help="test the last run's survivors again (after adding tests)")
    parser.add_argument("--children", type=int, default=2, help="tests run at once")
    args = parser.parse_args()
    unknown = [name for name in args.area if name not in known]
    if unknown:
        parser.error(f"no area {', '.join(unknown)}: the areas are {', '.join(known)}")
    totals = []
    for name in args.area or list(known):
        work = prepare(name, known[name], args.fresh)
        statuses = run(name, work, args.children, args.recheck)
        totals.append((name, statuses))
    print(f"\n{'area':<10} {'mutants':>8} {'killed':>8} {'survived':>9} {'no tests':>9} "
          f"{'score':>7}")  # fmt: skip
    for name, s in totals:
        total, killed = sum(s.values()), sum(s[k] for k in KILLED)
        score = f"{100 * killed / total:.1f}%" if total else "–"
        print(f"{name:<10} {total:>8} {killed:>8} {s['survived']:>9} {s['no tests']:>9} "
              f"{score:>7}")  # fmt: skip
    print("\nSurvivors: mutants/<area>/survivors.txt; see one with "
          "`cd mutants/<area> && mutmut show NAME`.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
