"""Record what `laaeval score` and `laaeval compare` print today, as SHA-256 digests, so a
change meant to make them faster (issue 13) can be checked to print exactly the same bytes.

Run it with the Python of an install of the code to record (main, before the change):

    OTHER/bin/python tools/record_outputs.py > tests/data/scale/outputs.json
    OTHER/bin/python tools/record_outputs.py --workbooks > tests/data/scale/workbooks.json

The second records the workbooks of `report` and `compare` (.xlsx) part by part: the SHA-256
of each part of the zip but docProps/core.xml (which holds the moment it was made).

It reads the shipped examples and the small generated files in tests/data/scale/ (made
once by tools/record_outputs.py --generate, with the generator in benchmarks/run.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCALE = ROOT / "tests" / "data" / "scale"

# Each case: a name, then the arguments after `laaeval`; paths are relative to ROOT.
EXAMPLES = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "examples").glob("*.yaml"))
ODPM = [e for e in EXAMPLES if "programme" not in e]  # one framework, comparable
GENERATED = sorted(str(p.relative_to(ROOT)) for p in SCALE.glob("*.yaml"))


def cases() -> list[tuple[str, list[str]]]:
    out = []
    for fmt in ("json", "csv", "markdown", "table"):
        for example in EXAMPLES:
            out.append((f"score {fmt} {Path(example).stem}", ["score", example, "--format", fmt]))
        out.append((f"score {fmt} examples", ["score", *ODPM, "--format", fmt]))
        out.append((f"score {fmt} generated", ["score", *GENERATED, "--format", fmt]))
        out.append(
            (
                f"score {fmt} a missing file",
                ["score", *GENERATED[:2], "missing.yaml", "--format", fmt],
            )
        )
    for fmt in ("json", "csv", "md", "html", "table"):
        for by in ("criterion", "level", "aspect"):
            out.append(
                (
                    f"compare {fmt} {by} generated",
                    ["compare", *GENERATED, *ODPM, "--format", fmt, "--by", by],
                )
            )
    out.append(
        (
            "compare json trend",
            [
                "compare",
                *ODPM,
                "--format",
                "json",
                "--trend",
                "Wealdshire County Council and partners",
            ],
        )
    )
    return out


BADGE = ["-f", "tests/data/badge-mini.yaml", "tests/data/badge-p.yaml", "tests/data/badge-q.yaml"]
SECOND_ASSESSOR = "tests/data/pilot-1-final-second-assessor.yaml"  # GENERATED[1], assessed again
OTHERS = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "other-examples").glob("*.yaml"))


def workbook_cases() -> list[tuple[str, list[str]]]:
    """Workbooks of every shape the two renderers draw: one pilot and many, every shipped
    framework, deep levels (SAMM), a framework without bands and with pass or fail (the
    badge), assessors compared, groups, rounds, a file left out."""
    out = [(f"report {Path(e).stem}", ["report", e]) for e in [*EXAMPLES, *OTHERS]]
    out += [
        ("report examples", ["report", *ODPM]),
        ("report generated", ["report", *GENERATED]),
        ("report badge", ["report", *BADGE[:3]]),
    ]
    for by in ("criterion", "level", "aspect"):
        out.append((f"compare {by} generated", ["compare", *GENERATED, *ODPM, "--by", by]))
    out += [
        ("compare grouped", ["compare", *GENERATED, "--group-by", "tier", "--sort", "overall"]),
        ("compare trend", ["compare", *ODPM, "--trend", "Wealdshire County Council and partners"]),
        ("compare left out", ["compare", *GENERATED[:3], "README.md", "--skip-invalid"]),
        ("compare provisional out", ["compare", *ODPM, "--leave-out-provisional"]),
        ("compare badge", ["compare", *BADGE, "--skip-invalid"]),  # Q is left out
        ("compare assessors", ["compare", *GENERATED[:2], SECOND_ASSESSOR]),
        *((f"compare {Path(o).stem} by {by}", ["compare", o, o, "--by", by])
          for o in OTHERS for by in ("criterion", "level")),
    ]  # fmt: skip
    return out


def workbook_parts(path: Path) -> dict[str, str]:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return {
            name: hashlib.sha256(archive.read(name)).hexdigest()
            for name in sorted(archive.namelist())
            if name != "docProps/core.xml"
        }


def main() -> int:
    if sys.argv[1:] not in ([], ["--generate"], ["--workbooks"]):
        raise SystemExit("record_outputs.py takes no argument, --generate or --workbooks, "
                         f"not {' '.join(sys.argv[1:])}")  # fmt: skip
    if sys.argv[1:] == ["--generate"]:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from run import generate

        generate(SCALE, 6, 25, seed=13, rounds=2)
        return 0
    laaeval = [sys.executable, "-m", "laaeval"]
    env = dict(
        os.environ,
        LAAEVAL_CACHE=tempfile.mkdtemp(),
        COLUMNS="100",
        LAAEVAL_REPORT_DATE="2026-01-01",
        NO_COLOR="1",
    )
    digests = {}
    if sys.argv[1:] == ["--workbooks"]:
        with tempfile.TemporaryDirectory() as tmp:
            for name, args in workbook_cases():
                out = Path(tmp) / "out.xlsx"
                done = subprocess.run([*laaeval, *args, "-o", str(out)], capture_output=True,
                                      cwd=ROOT, env=env)  # fmt: skip
                if done.returncode:
                    raise SystemExit(f"{name}: {done.stderr.decode()}")
                digests[name] = workbook_parts(out)
                out.unlink()
    else:
        for name, args in cases():
            done = subprocess.run([*laaeval, *args], capture_output=True, cwd=ROOT, env=env)
            digests[name] = {"exit": done.returncode,
                             "stdout": hashlib.sha256(done.stdout).hexdigest()}  # fmt: skip
    print(json.dumps(digests, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
