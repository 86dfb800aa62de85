"""Instructions spent scoring: a count that does not change with the load on the machine.

    python benchmarks/callgrind.py [--files 20] [--evidence FILE] [--framework FILE]
                                   [--python OTHER/bin/python ...] [--shapes]

Runs ``valgrind --tool=callgrind`` twice for each Python given (by default the one running
this): once loading N copies of the evidence file (the ODPM programme example unless told
otherwise), once loading them and scoring each once; the difference is what scoring them
took. ``--shapes`` counts instead the files of ``run.py --only shapes`` (the ODPM framework
and the generated 500-question one, N files each), per item. Needs valgrind; takes a minute
or two per Python and file set.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import sys
from pathlib import Path
from laaeval.model.framework import load_framework
from laaeval.model.store import load_evidence
from laaeval.scoring.score import score

framework = load_framework(sys.argv[1])
records = [load_evidence(p, framework)[0] for p in sorted(Path(sys.argv[2]).glob("*.yaml"))]
for _ in range(int(sys.argv[3])):
    for record in records:
        score(framework, record)
"""


def instructions(python: str, framework: Path, folder: Path, times: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out", python,
             "-c", SCRIPT, str(framework), str(folder), str(times)],
            capture_output=True, text=True, check=True)  # fmt: skip
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind gave no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def shapes(files: int, pythons: list[str]) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import deep_framework, shaped_files

    from laaeval.model.framework import load_framework

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        deep = work / "deep.json"
        deep_framework(deep)
        odpm_path = ROOT / "frameworks" / "odpm-laa-2005.yaml"
        odpm = load_framework(odpm_path)
        odpm_units = [u.id for c in odpm.criteria for u in c.units]
        shaped_files(work / "odpm", odpm.id, odpm.version, odpm_units, [0, 1, 2, 3], files)
        deep_units = [c.id for c in load_framework(deep).criteria]
        shaped_files(work / "deep", "deep", "1", deep_units, [0, 0.25, 0.5, 1], files)
        sets = [("ODPM framework", odpm_path, work / "odpm", len(odpm_units)),
                ("generated framework (500 questions, 5 levels)", deep, work / "deep", 500)]
        print(f"Instructions (callgrind) to score {files} files once, per item judged on")
        for python in pythons:
            per_item = []
            for label, framework, folder, units in sets:
                loaded = instructions(python, framework, folder, 0)
                scored = instructions(python, framework, folder, 1) - loaded
                per_item.append(scored / (units * files))
                print(f"  {python}: {label:<48} {scored:>15,} ({per_item[-1]:,.0f} per item)")
            print(f"  {python}: per item, the generated framework takes "
                  f"{per_item[1] / per_item[0]:.2f} × the instructions of the ODPM framework")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20, help="copies of the evidence file")
    parser.add_argument("--evidence", type=Path,
                        default=ROOT / "examples" / "odpm-2005-programme.yaml")
    parser.add_argument("--framework", type=Path,
                        default=ROOT / "frameworks" / "odpm-laa-2005.yaml")
    parser.add_argument("--python", action="append", help="the Python to measure (repeat)")
    parser.add_argument("--shapes", action="store_true",
                        help="the generated files of run.py --only shapes, per item")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed")
    if args.shapes:
        shapes(args.files, args.python or [sys.executable])
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        if args.evidence.is_dir():
            for path in sorted(args.evidence.glob("*.yaml")):
                shutil.copy(path, folder / path.name)
        else:
            for n in range(args.files):
                shutil.copy(args.evidence, folder / f"copy-{n:04}.yaml")
        count = len(list(folder.glob("*.yaml")))
        print(f"Instructions (callgrind) to score {count} files of {args.evidence.name} once")
        for python in args.python or [sys.executable]:
            loaded = instructions(python, args.framework, folder, 0)
            scored = instructions(python, args.framework, folder, 1) - loaded
            print(f"  {python}: {scored:,} ({scored // count:,} per file)")


if __name__ == "__main__":
    main()
