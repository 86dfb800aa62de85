"""Measure laaeval's speed in one run, as ratios to `python -c pass` on the same machine.

    python benchmarks/run.py            # everything (about ten minutes)
    python benchmarks/run.py --quick    # smaller batches
    python benchmarks/run.py --baseline OTHER/bin/python   # and another install beside it

Prints:
  * start-up: `laaeval --help` and `laaeval score <largest example>` wall time, each as a
    ratio to `python -c pass` (medians of several runs, measured side by side);
  * saving one answer in `laaeval assess`;
  * batch throughput: load + validate + score of generated evidence files (150 pilots ×
    200 evidence items, then ten times as many files), in evidence items per second, with
    the peak memory of the process that did it;
  * `laaeval compare` end to end;
  * `laaeval import` of a workbook of 10,000 evidence rows (made by `laaeval template
    --from`), into a new file and again into the file it wrote;
  * hostile shapes of valid-looking files (issue 14, item 4), each at two sizes, with time
    and peak memory: items bearing on hundreds of unknown ids, thousands of unknown
    judgement ids, and items bearing on every indicator (the report's size too).

The laaeval measured is the one installed for the Python running this script. With
--baseline, the same is measured for the laaeval installed for that Python too (an older
commit, say), interleaved with this one, so that before and after come from one run on
one machine: compare ratios from one run, not seconds across runs.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


class Target:
    """An installed laaeval to measure: the Python it is installed for, and a label."""

    def __init__(self, label: str, python: str) -> None:
        self.label = label
        self.python = python
        script = Path(python).parent / "laaeval"
        self.laaeval = [str(script)] if script.exists() else [python, "-m", "laaeval"]

    def run(self, code: str, *args: str, env: dict[str, str] | None = None) -> str:
        """Run Python ``code`` with this target's interpreter; its standard output."""
        done = subprocess.run([self.python, "-c", code, *args], capture_output=True,
                              text=True, check=True, env=env)  # fmt: skip
        return done.stdout


# Module paths moved in the restructuring of issue 8; workers import from either layout,
# so that a commit from before it can be measured beside one from after.
IMPORTS = """
try:
    from laaeval.scoring.batch import iter_scored
    from laaeval.model.evidence import Judgement
    try:
        from laaeval.model.store import load_evidence, save
    except ImportError:
        from laaeval.model.evidence import load_evidence, save
except ImportError:
    from laaeval.batch import iter_scored
    from laaeval.evidence import Judgement, load_evidence, save
"""


def wall(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    """Median wall time of a command, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True,
                       env=env)  # fmt: skip
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else path.name


def largest_example() -> Path:
    return max(EXAMPLES.glob("*.yaml"), key=lambda p: p.stat().st_size)


def _with_bytecode() -> dict[str, str]:
    """The environment, but with Python free to write and read its compiled bytecode, as it
    is for a user (``pip install`` compiles it): with PYTHONDONTWRITEBYTECODE set, an
    editable install compiles laaeval's source again on every run, a fifth of a score."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def startup(targets: list[Target], runs: int,
            example: Path | None = None) -> list[tuple[str, float, float]]:  # fmt: skip
    example = example or largest_example()
    commands = [("python -c pass", [sys.executable, "-c", "pass"], _with_bytecode())]
    for t in targets:
        env = dict(_with_bytecode(), LAAEVAL_CACHE=tempfile.mkdtemp(prefix="laaeval-bench-"))
        name = f"{t.label + ': ' if len(targets) > 1 else ''}laaeval"
        plain = dict(env, TYPER_USE_RICH="0")  # typer's switch for plain help
        commands += [
            (f"{name} --help", [*t.laaeval, "--help"], env),
            (f"{name} --help (TYPER_USE_RICH=0)", [*t.laaeval, "--help"], plain),
            (f"{name} score {_shown(example)}", [*t.laaeval, "score", str(example)], env),
        ]  # fmt: skip
    for _, cmd, env in commands:  # once each first: fills each target's cache
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    # Interleave the commands so that a burst of load on the machine hits all of them.
    samples: dict[str, list[float]] = {name: [] for name, _, _ in commands}
    for _ in range(runs):
        for name, cmd, env in commands:
            samples[name].append(wall(cmd, 1, env))
    base = statistics.median(samples["python -c pass"])
    return [
        (name, statistics.median(s), statistics.median(s) / base) for name, s in samples.items()
    ]


# -- generated evidence -------------------------------------------------------------------


ROUNDS = ("mid-way", "final")


def generate(directory: Path, files: int, items: int, seed: int = 2005, rounds: int = 1) -> int:
    """Write `files` evidence files of `items` evidence items each; return the item count.
    With ``rounds=2``, consecutive files are the same pilot at the mid-way and final rounds."""
    sys.path.insert(0, str(ROOT / "src"))
    from laaeval.files import yamlio
    from laaeval.model.catalogue import resolve
    from laaeval.model.evidence import excluded_by

    framework = resolve("odpm-laa-2005")
    rng = random.Random(seed)
    units = list(framework.units_by_id)
    sources = [s.id for s in framework.source_types]
    perspectives = [p.id for p in framework.perspectives]
    words = [
        "the", "GO", "negotiating", "team", "said", "partners", "were", "clear", "about", "the",
        "timetable", "but", "guidance", "arrived", "late", "and", "the", "three", "blocks", "were",
        "not", "joined", "up", "in", "the", "final", "agreement",
    ]  # fmt: skip
    for n in range(files):
        evidence = []
        for i in range(items):
            stances = ("supports", "challenges", "neutral")
            bears = {u: rng.choice(stances) for u in rng.sample(units, rng.randint(1, 4))}
            evidence.append({
                "id": f"E{i + 1}",
                "source": rng.choice(sources),
                "perspective": rng.choice(perspectives),
                "summary": " ".join(rng.choices(words, k=rng.randint(12, 30))).capitalize() + ".",
                "quote": " ".join(rng.choices(words, k=8)),
                "reference": f"Interview {rng.randint(1, 60):02d}",
                "date": f"2005-0{rng.randint(1, 3)}-{rng.randint(10, 28)}",
                "bears_on": bears,
            })  # fmt: skip
        judgements = {}
        pilot = {"tier": "single-tier", "funding": "three-blocks"}
        for unit in units:
            if excluded_by(framework, unit, pilot):
                continue  # e.g. the two-tier criterion, for a single-tier pilot
            if rng.random() < 0.8:
                judgements[unit] = {"rating": rng.randint(0, 3), "rationale": "Seen in interviews."}
        data = {
            "laaeval": "evidence/1",
            "framework": {"id": framework.id, "version": framework.version, "hash": framework.hash},
            "pilot": {
                "name": f"Pilot {n // rounds + 1}",
                "round": ROUNDS[n % rounds],
                "region": "North West",
                **pilot,
            },
            "assessor": "Benchmark",
            "evidence": evidence,
            "judgements": judgements,
        }
        (directory / f"pilot-{n + 1:05d}.yaml").write_text(yamlio.dumps(data), encoding="utf-8")
    return files * items


WORKER = IMPORTS + """
import json, resource, sys, time
from pathlib import Path
paths = sorted(Path(sys.argv[1]).glob("*.yaml"))
start = time.perf_counter()
items = errors = 0
for outcome in iter_scored(paths):
    if isinstance(outcome, Exception):
        errors += 1
    else:
        items += len(outcome.record.evidence)
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"files": len(paths), "items": items, "errors": errors,
                  "seconds": elapsed, "peak_mb": peak}))
"""


def batch(target: Target, directory: Path, cache: Path | None) -> dict[str, float]:
    """Score every file in a fresh process, so peak memory is this batch's alone."""
    env = dict(_with_bytecode(), LAAEVAL_CACHE=str(cache) if cache else "off")
    return json.loads(target.run(WORKER, str(directory), env=env))


SAVE_WORKER = IMPORTS + """
import os, statistics, sys, time
from dataclasses import replace
path = sys.argv[1]
try:  # assess carries on only with the current format (since format 2)
    from laaeval.upgrade import upgrade_file
    upgrade_file(path)
except ImportError:
    pass
record, framework = load_evidence(path)
unit = next(iter(framework.units_by_id))
try:  # as assess saves since issue 14: checked, then only the changed lines re-written
    from rich.console import Console
    from laaeval.assess.prompts import Prompter
    from laaeval.assess.session import Session
    from laaeval.files.held import HeldFile
    from laaeval.files.yamlio import decode
    try:
        from laaeval.model.store import read_data
    except ImportError:
        from laaeval.model.evidence import read_data
    store = HeldFile(path)
    content = store.read()
    store.remember(decode(content, path), read_data(path, use_cache=False, content=content))
    session = Session(framework, record, store, Prompter(Console(file=open(os.devnull, "w"))), [])
    def save_one(n):
        session.judge(unit, Judgement(unit, rating=n % 4, rationale="Timing a save."))
except ImportError:
    def save_one(n):
        save(replace(record, judgements={**record.judgements,
             unit: Judgement(unit, rating=n % 4, rationale="Timing a save.")}), path, framework)
times = []
for n in range(int(sys.argv[2])):
    start = time.perf_counter()
    save_one(n)
    times.append(time.perf_counter() - start)
print(f"{statistics.median(times) * 1000:.1f} {max(times) * 1000:.1f}")
"""


def save_time(target: Target, path: Path, runs: int) -> tuple[float, float]:
    """Median and worst time to save one answer in assess, for the file at ``path``."""
    median, worst = (float(x) for x in target.run(SAVE_WORKER, str(path), str(runs)).split())
    return median, worst


COMPARE = """
import resource, sys
from laaeval.cli import main
sys.argv = sys.argv[1:]
try:
    main()
except SystemExit:
    pass
sys.stderr.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
"""


def compare_run(target: Target, directory: Path, cache: Path | None) -> tuple[float, float]:
    """Wall time of `laaeval compare DIR --format json`, end to end, and its peak memory."""
    env = dict(_with_bytecode(), LAAEVAL_CACHE=str(cache) if cache else "off")
    start = time.perf_counter()
    out = subprocess.run(
        [target.python, "-c", COMPARE, "laaeval", "compare", str(directory), "--format", "json"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, check=True,
    )  # fmt: skip
    return time.perf_counter() - start, float(out.stderr.strip().splitlines()[-1])


def _who(target: Target, targets: list[Target]) -> str:
    return f"{target.label:<6} " if len(targets) > 1 else ""


def save_benchmark(targets: list[Target], runs: int) -> None:
    print("\nSaving one answer in laaeval assess (validate, write, fsync, replace)")
    with tempfile.TemporaryDirectory(prefix="laaeval-bench-") as tmp:
        for items in (50, 500):
            directory = Path(tmp) / f"save-{items}"
            directory.mkdir()
            generate(directory, 1, items)
            generated = next(directory.glob("*.yaml"))
            for t in targets:  # each its own copy: one may upgrade it to its own format
                path = directory / f"{t.label}.yaml"
                path.write_bytes(generated.read_bytes())
                median, worst = save_time(t, path, runs)
                times = f"median {median:6.1f} ms, worst {worst:6.1f} ms"
                print(f"  {_who(t, targets)}file of {items:>3} evidence items: {times}")


def batch_benchmark(targets: list[Target], sizes: list[tuple[int, int]]) -> None:
    print("\nBatch: load + validate + score (laaeval.scoring.batch.iter_scored; from 64 files,")
    print("  worker processes read the files not yet cached)")
    print("  first read: YAML parsed (cache empty); repeat: files unchanged, read from the cache")
    with tempfile.TemporaryDirectory(prefix="laaeval-bench-") as tmp:
        for files, items in sizes:
            directory = Path(tmp) / f"{files}"
            directory.mkdir()
            generate(directory, files, items)
            for t in targets:
                cache = Path(tmp) / f"cache-{files}-{t.label}"
                for label, result in (
                    ("no cache", batch(t, directory, None)),
                    ("first read", batch(t, directory, cache)),
                    ("repeat", batch(t, directory, cache)),
                ):
                    assert result["errors"] == 0, result
                    rate = result["items"] / result["seconds"]
                    print(
                        f"  {_who(t, targets)}{files:>5} files × {items} items = "
                        f"{result['items']:>7} items, {label:<10}: {result['seconds']:6.2f} s, "
                        f"{rate:7,.0f} items/s, peak memory {result['peak_mb']:.0f} MB"
                    )


def compare_benchmark(targets: list[Target], sizes: list[int], items: int) -> None:
    print(f"\nCompare: `laaeval compare DIR --format json`, end to end (files of {items} items;")
    print("  pilots at two rounds); first run parses YAML, repeat reads the cache")
    with tempfile.TemporaryDirectory(prefix="laaeval-bench-") as tmp:
        for files in sizes:
            directory = Path(tmp) / f"compare-{files}"
            directory.mkdir()
            total = generate(directory, files, items, rounds=2)
            for t in targets:
                cache = Path(tmp) / f"compare-cache-{files}-{t.label}"
                for label in ("first run", "repeat"):
                    seconds, peak = compare_run(t, directory, cache)
                    print(
                        f"  {_who(t, targets)}{files:>6} files ({total:>8} items), "
                        f"{label:<9}: {seconds:7.2f} s, {total / seconds:7,.0f} items/s, "
                        f"peak memory {peak:.0f} MB"
                    )


# -- programme scale (issue 13) -----------------------------------------------------------


def child(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time of a command and its peak memory in MB (the largest of it and the worker
    processes it waited for: ``wait4``'s ``ru_maxrss``), its output thrown away. The
    processor time it and its workers used is kept in ``LAST_CPU`` (on a machine shared
    with other work, wall time mostly measures the wait for a turn)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    LAST_CPU[0] = usage.ru_utime + usage.ru_stime
    error = proc.stderr.read().decode() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{' '.join(cmd[:3])}… failed ({proc.returncode}): {error[-500:]}")
    return seconds, usage.ru_maxrss / 1024


LAST_CPU = [0.0]  # processor seconds of the last command run by child()


def scale_commands(t: Target, directory: Path) -> dict[str, list[str]]:
    files = [str(p) for p in sorted(directory.glob("*.yaml"))]
    return {
        "score --format json": [*t.laaeval, "score", *files, "--format", "json"],
        "compare --format json": [*t.laaeval, "compare", str(directory), "--format", "json"],
    }


def scale_benchmark(targets: list[Target], sizes: list[int], per_file: list[int],
                    per_file_count: int) -> None:  # fmt: skip
    """Issue 13: each command in a fresh process, first read (cache empty) and repeat,
    with the time, items/s and the peak memory, for a growing number of files; then files
    with more items each."""
    print("\nProgramme scale (issue 13): each command in a fresh process; files of 60 items,")
    print("  pilots at two rounds; first read: cache empty (YAML parsed); repeat: read again")
    with tempfile.TemporaryDirectory(prefix="laaeval-bench-") as tmp:
        shapes = [(n, 60) for n in sizes] + [(per_file_count, k) for k in per_file]
        for n, (files, items) in enumerate(shapes):
            if n == len(sizes):
                print(f"\n  {per_file_count} files, more items in each")
            directory = Path(tmp) / f"scale-{files}-{items}"
            directory.mkdir()
            total = generate(directory, files, items, rounds=2)
            # Before and after take turns at each step, so that a burst of load from other
            # work on the machine falls on both rather than on one.
            for name in scale_commands(targets[0], directory):
                for label in ("first read", "repeat"):
                    for t in targets:
                        cmd = scale_commands(t, directory)[name]
                        cache = Path(tmp) / f"cache-{files}-{items}-{t.label}-{name.split()[0]}"
                        env = dict(_with_bytecode(), LAAEVAL_CACHE=str(cache))
                        seconds, peak = child(cmd, env)
                        print(f"  {_who(t, targets)}{name:<22}{files:>6} files × {items:>4} "
                              f"items, {label:<10}: {seconds:7.2f} s (processor "
                              f"{LAST_CPU[0]:6.2f} s), {total / seconds:7,.0f} items/s, "
                              f"peak memory {peak:4.0f} MB", flush=True)
            shutil.rmtree(directory)  # 15,000 files take half a gigabyte


# -- hostile shapes (issue 14, item 4) ----------------------------------------------------


def _hostile_file(path: Path, evidence: list[dict], judgements: dict) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from laaeval.files import yamlio
    from laaeval.model.catalogue import resolve

    framework = resolve("odpm-laa-2005")
    data = {
        "laaeval": "evidence/1",
        "framework": {"id": framework.id, "version": framework.version, "hash": framework.hash},
        "pilot": {"name": "Hostile", "round": "final", "tier": "single-tier"},
        "evidence": evidence,
        "judgements": judgements,
    }
    path.write_text(yamlio.dumps(data), encoding="utf-8")


def _item(n: int, bears_on: dict[str, str], perspective: str = "cg", words: int = 12) -> dict:
    said = " ".join(["the GO said the guidance arrived late, again and again"] * (words // 10))
    return {"id": f"E{n + 1}", "source": "cg-interview", "perspective": perspective,
            "summary": f"Item {n + 1}: {said}.", "bears_on": bears_on}  # fmt: skip


def unknown_bears_on(path: Path, items: int) -> None:
    """``items`` evidence items, each bearing on 250 ids the framework does not have."""
    _hostile_file(path, [_item(n, {f"Z{n}x{k}": "supports" for k in range(250)})
                         for n in range(items)], {})  # fmt: skip


def unknown_judgements(path: Path, count: int) -> None:
    """``count`` judgements of ids the framework does not have."""
    _hostile_file(path, [], {f"Q{k}x.1": {"rating": 1} for k in range(count)})


def bears_on_everything(path: Path, items: int) -> None:
    """``items`` evidence items each bearing on every indicator, from two perspectives
    that disagree, so every indicator is contested and every criterion lists every item;
    each summary some 150 words, as a long interview note is."""
    sys.path.insert(0, str(ROOT / "src"))
    from laaeval.model.catalogue import resolve
    from laaeval.model.evidence import excluded_by

    framework = resolve("odpm-laa-2005")
    pilot = {"tier": "single-tier"}
    units = [u for u in framework.units_by_id if not excluded_by(framework, u, pilot)]
    stance = ("supports", "challenges")
    _hostile_file(path, [_item(n, dict.fromkeys(units, stance[n % 2]), ("cg", "go")[n % 2],
                               words=150) for n in range(items)], {})  # fmt: skip


MEASURE = """
import resource, sys, time
from laaeval.cli import main
sys.argv = sys.argv[1:]
start = time.perf_counter()
try:
    main()
except SystemExit:
    pass
seconds = time.perf_counter() - start
try:  # this process's own peak (ru_maxrss would also count the parent it was forked from)
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
sys.stderr.write(f"\\n{seconds} {peak / 1024}\\n")
"""


def measure(target: Target, *args: str) -> tuple[float, float, str]:
    """Seconds and peak memory (MB) of one laaeval command in a fresh process, and the
    last line it printed before that."""
    env = dict(_with_bytecode(), LAAEVAL_CACHE="off")
    done = subprocess.run([target.python, "-c", MEASURE, "laaeval", *args], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    lines = done.stderr.strip().splitlines()
    seconds, peak = (float(x) for x in lines[-1].split())
    said = next((line for line in reversed(lines[:-1]) if line.strip()), "")
    return seconds, peak, said


HOSTILE = [
    ("items bearing on 250 unknown ids each", unknown_bears_on, "items", (1000, 2000),
     (250, 500), ("validate", "score")),
    ("unknown judgement ids", unknown_judgements, "ids", (2495, 4990), (1000, 2000),
     ("validate", "score")),
    ("items bearing on every indicator", bears_on_everything, "items", (150, 300), (50, 100),
     ("score", "report-html", "report-md")),
]  # fmt: skip


def hostile_benchmark(targets: list[Target], quick: bool) -> None:
    print("\nHostile shapes (issue 14, item 4): each command in a fresh process, no cache")
    with tempfile.TemporaryDirectory(prefix="laaeval-bench-") as tmp:
        for title, make, unit, sizes, quick_sizes, commands in HOSTILE:
            print(f"  {title}")
            for size in quick_sizes if quick else sizes:
                path = Path(tmp) / f"{make.__name__}-{size}.yaml"
                make(path, size)
                mb = path.stat().st_size / 1e6
                for t in targets:
                    for command in commands:
                        _hostile_line(t, targets, command, path, f"{size:>5} {unit} ({mb:5.1f} MB)")


def _hostile_line(t: Target, targets: list[Target], command: str, path: Path,
                  shape: str) -> None:  # fmt: skip
    extra: tuple[str, ...] = ()
    out = path.with_suffix("." + command.split("-")[-1])
    if command.startswith("report"):
        extra = ("--output", str(out))
    seconds, peak, said = measure(t, command.split("-")[0], str(path), *extra)
    size = f", output {out.stat().st_size / 1e6:6.1f} MB" if out.exists() else ""
    tail = said[:70] + "…" if len(said) > 70 else said
    print(f"    {_who(t, targets)}{shape} {command:<11}: {seconds:6.2f} s, peak memory "
          f"{peak:5.0f} MB{size}  [{tail}]")


def import_benchmark(target: Target, rows: int) -> None:
    print(f"\nImport: a workbook of {rows:,} evidence rows (from `laaeval template --from` a "
          "generated file)")
    with tempfile.TemporaryDirectory(prefix="laaeval-bench-") as tmp:
        folder = Path(tmp)
        generate(folder, 1, rows)
        evidence = next(folder.glob("*.yaml"))
        book, out = folder / "book.xlsx", folder / "imported.yaml"
        steps = [
            ("template --from (writes the workbook)", ("template", "--from", str(evidence),
                                                       "--output", str(book))),
            ("import into a new evidence file", ("import", str(book), "--output", str(out))),
            ("import again (nothing changed)", ("import", str(book), "--output", str(out))),
        ]  # fmt: skip
        for label, args in steps:
            seconds, peak, _ = measure(target, *args)
            per = rows / seconds
            print(f"  {label:<40} {seconds:6.2f} s, {per:7,.0f} rows/s, peak memory {peak:.0f} MB")
        book_mb, out_mb = book.stat().st_size / 2**20, out.stat().st_size / 2**20
        print(f"  the workbook: {book_mb:.1f} MB; the evidence file: {out_mb:.1f} MB")


SHAPES = """
import json, sys, time
from pathlib import Path
from laaeval.model.framework import load_framework
from laaeval.model.store import load_evidence
from laaeval.scoring.score import score

out = {}
for label, framework_path, folder in json.loads(sys.argv[1]):
    framework = load_framework(framework_path)
    records = [load_evidence(p, framework)[0] for p in sorted(Path(folder).glob("*.yaml"))]
    units = sum(len(c.units) for c in framework.criteria) * len(records)
    best = None
    for _ in range(3):
        start = time.perf_counter()
        for record in records:
            score(framework, record)
        took = time.perf_counter() - start
        best = took if best is None else min(best, took)
    out[label] = [units, len(framework.criteria) * len(records), best]
print(json.dumps(out))
"""


def deep_framework(path: Path) -> None:
    """A framework five levels deep (aspect › practice › stream › maturity level ›
    question), 500 questions on SAMM-like answers, scored by a rule of its own."""
    answers = [{"value": v, "label": f"Answer {v}"} for v in (0, 0.25, 0.5, 1)]
    aspects = []
    for a in range(5):
        practices = []
        for p in range(4):
            streams = []
            for s in range(5):
                base = f"Q{a}x{p}x{s}"
                streams.append({"id": f"S{a}x{p}x{s}", "title": f"Stream {s}", "aggregate": "sum",
                                "levels": [{"id": f"M{a}x{p}x{s}x{m}", "title": f"Level {m}",
                                            "criteria": [{"id": f"{base}x{m}", "answers": "A",
                                                          "text": f"Question {m}",
                                                          "indicators": []}]}
                                           for m in range(5)]})  # fmt: skip
            practices.append({"id": f"P{a}x{p}", "title": f"Practice {p}", "levels": streams})
        aspects.append({"id": f"F{a}", "title": f"Function {a}", "levels": practices})
    data = {"laaeval": "framework/1", "id": "deep", "version": "1", "title": "Deep",
            "scoring": {"unjudged": "zero", "units": "scale"}, "answer_sets": {"A": answers},
            "aspects": aspects}  # fmt: skip
    path.write_text(json.dumps(data))


def shaped_files(folder: Path, framework_id: str, version: str, units: list[str],
                 values: list[float], files: int) -> None:  # fmt: skip
    """Evidence files judging four in five of a framework's units."""
    rng = random.Random(15)
    folder.mkdir()
    for n in range(files):
        judged = {u: {"rating": rng.choice(values), "rationale": "As the interviews show."}
                  for u in units if rng.random() < 0.8}  # fmt: skip
        data = {"laaeval": "evidence/2", "framework": {"id": framework_id, "version": version},
                "pilot": {"name": f"Pilot {n}", "round": "final",
                          **({"tier": "two-tier"} if framework_id.startswith("odpm") else {})},
                "judgements": judged}  # fmt: skip
        (folder / f"p{n:04}.yaml").write_text(json.dumps(data))


def shapes_benchmark(targets: list[Target], files: int, rounds: int) -> None:
    """Scoring per judged point: a generated 5-level, 500-question framework under a rule of
    its own beside the ODPM framework, in one run, for each laaeval measured (interleaved,
    the best of each), with the time per item of one as a ratio to the other's."""
    sys.path.insert(0, str(ROOT / "src"))
    from laaeval.model.framework import load_framework

    found: dict[str, dict[str, list[float]]] = {t.label: {} for t in targets}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        deep = work / "deep.json"
        deep_framework(deep)
        odpm = load_framework(ROOT / "frameworks" / "odpm-laa-2005.yaml")
        odpm_units = [u.id for c in odpm.criteria for u in c.units]
        shaped_files(work / "odpm", odpm.id, odpm.version, odpm_units, [0, 1, 2, 3], files)
        deep_units = [c.id for c in load_framework(deep).criteria]
        shaped_files(work / "deep", "deep", "1", deep_units, [0, 0.25, 0.5, 1], files)
        jobs = [[f"ODPM framework ({len(odpm_units)} points judged on, 3 levels)",
                 str(ROOT / "frameworks" / "odpm-laa-2005.yaml"), str(work / "odpm")],
                ["generated framework (500 questions, 5 levels)", str(deep), str(work / "deep")]]
        for _ in range(rounds):
            for target in targets:
                for label, row in json.loads(target.run(SHAPES, json.dumps(jobs))).items():
                    best = found[target.label].get(label)
                    if best is None or row[2] < best[2]:
                        found[target.label][label] = row
    print(f"\nScoring per item: {files} evidence files each (best of 3, {rounds} rounds "
          "interleaved; load not counted)")
    for target in targets:
        who = f"{target.label}: " if len(targets) > 1 else ""
        per_item = []
        for label, (units, criteria, seconds) in found[target.label].items():
            per_item.append(seconds / units)
            print(f"  {who}{label:<48} {units / seconds:8,.0f} items/s "
                  f"{criteria / seconds:8,.0f} criteria/s  {seconds / units * 1e6:6.1f} µs "
                  f"per item ({units:,} items, {seconds:.2f} s)")
        print(f"  {who}per item, the generated framework takes {per_item[1] / per_item[0]:.2f} × "
              "the time of the ODPM framework")


def _load() -> str:
    """The machine's load average over 1, 5 and 15 minutes (as `uptime` prints it): the
    figures of a run mean most beside what else the machine was doing."""
    return ", ".join(f"{n:.2f}" for n in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller batches, fewer runs")
    parser.add_argument("--compare-sizes", default="", help="e.g. 300,1500,15000")
    parser.add_argument("--scale-sizes", default="300,1500",
                        help="files for the scale benchmark (issue 13), e.g. 300,1500,15000")
    parser.add_argument("--per-file", default="50,200,1000",
                        help="items per file for the scale benchmark's second part")
    parser.add_argument("--per-file-count", type=int, default=100,
                        help="how many files the scale benchmark's second part reads")
    parser.add_argument("--only", choices=["hostile", "save", "import", "scale", "shapes"],
                        help="run only these benchmarks")
    parser.add_argument("--import-rows", type=int, default=10_000,
                        help="evidence rows in the workbook imported (default 10,000)")
    parser.add_argument("--baseline", metavar="PYTHON",
                        help="also measure the laaeval installed for this Python (before)")
    parser.add_argument("--example", metavar="FILE", type=Path,
                        help="the evidence file `score` starts on (default: the largest "
                        "example; give one both versions read when comparing)")
    args = parser.parse_args()
    runs = 5 if args.quick else 15
    sizes = [(15, 200), (150, 200)] if args.quick else [(150, 200), (1500, 200)]
    targets = [Target("after", sys.executable)]
    if args.baseline:
        targets.insert(0, Target("before", args.baseline))

    print(f"laaeval benchmarks — Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print(f"  load average at the start: {_load()}")
    for t in targets if len(targets) > 1 else []:
        print(f"  {t.label}: the laaeval installed for {t.python}")
    if args.only == "hostile":
        hostile_benchmark(targets, args.quick)
        return
    if args.only == "save":
        save_benchmark(targets, 10 if args.quick else 30)
        return
    if args.only == "import":
        import_benchmark(targets[-1], args.import_rows)
        return
    if args.only == "shapes":
        shapes_benchmark(targets, 20 if args.quick else 100, 1 if args.quick else 2)
        return
    scale_sizes = [int(n) for n in args.scale_sizes.split(",") if n]
    if args.only == "scale":
        print(f"\nStart-up (median of {runs} interleaved runs)")
        for name, seconds, ratio in startup(targets, runs, args.example):
            print(f"  {name:<60} {seconds * 1000:7.1f} ms   {ratio:5.1f}× python -c pass")
        per_file = [int(n) for n in args.per_file.split(",") if n]
        scale_benchmark(targets, [30] if args.quick else scale_sizes,
                        [50, 200] if args.quick else per_file,
                        10 if args.quick else args.per_file_count)
        print(f"\n  load average at the end: {_load()}")
        return
    print(f"\nStart-up (median of {runs} interleaved runs)")
    for name, seconds, ratio in startup(targets, runs, args.example):
        print(f"  {name:<60} {seconds * 1000:7.1f} ms   {ratio:5.1f}× python -c pass")
    save_benchmark(targets, 10 if args.quick else 30)
    batch_benchmark(targets, sizes)
    compare_sizes = [int(n) for n in args.compare_sizes.split(",") if n] or (
        [300] if args.quick else [300, 1500, 15000]
    )
    compare_benchmark(targets, compare_sizes, 60)
    hostile_benchmark(targets, args.quick)
    import_benchmark(targets[-1], args.import_rows)  # the command is new: no baseline
    shapes_benchmark(targets, 20 if args.quick else 100, 1 if args.quick else 2)


if __name__ == "__main__":
    main()
