"""The command line: parse the options, call the command's module, print the result.

It is also the one place a mistake becomes a line on standard error and an exit code.
Each command imports its module only when it runs, so ``laaeval --help`` and every
command load only what they use.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .cli_quick import err, out, print_document, say, tell
from .cli_quick import plainly as _plainly
from .cli_values import QuickCommand, QuickGroup
from .errors import EXIT_INVALID, EXIT_UNUSABLE, LaaevalError, UsageError
from .report.formats import ScoreFormat
from .text import plural, terminal_safe

app = typer.Typer(
    name="laaeval",
    cls=QuickGroup,
    help=(
        "Record evidence and judgements for a pilot against a published evaluation "
        "framework, and score them.\n\n"
        "Exit codes: 0 success; 1 a file was read but is not valid; 2 a file could not be "
        "read, or the command was used wrongly."
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # a traceback only with --debug, and then a plain one
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}

FrameworkOption = Annotated[
    str | None,
    typer.Option(
        "--framework",
        "-f",
        metavar="FRAMEWORK",
        help="Framework id (such as odpm-laa-2005) or path to a framework file. "
        "Default: the one the evidence file names.",
    ),
]


def _option(help: str, metavar: str, *names: str) -> Any:
    # readable=False: a path laaeval cannot read is told in laaeval's words, not typer's
    return typer.Option(*names, metavar=metavar, help=help, readable=False,
                        autocompletion=_completes(metavar))  # fmt: skip


def _completes(metavar: str) -> Any:
    """Shell completion for an option whose metavar lists its choices: [html|md|json]."""
    if not (metavar.startswith("[") and "|" in metavar):
        return None
    choices = metavar.strip("[]").split("|")
    return lambda incomplete: [c for c in choices if c.startswith(incomplete.lower())]


class SchemaKind(StrEnum):
    framework = "framework"
    evidence = "evidence"
    score = "score"
    report = "report"


# -- printing, and the one place mistakes are told ---------------------------------------


# How the score command prints, shared with the quick lane that runs it without typer.
_out, _err, _print_document, _say, _tell = out, err, print_document, say, tell


def _command(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command whose user mistakes become lines on stderr and an exit code."""

    def register(func: Callable[..., None]) -> Callable[..., None]:
        @functools.wraps(func)
        def run(*args: object, **kwargs: object) -> None:
            try:
                func(*args, **kwargs)
            except LaaevalError as exc:
                if _state["debug"]:
                    raise
                _tell(exc)
                raise typer.Exit(exc.exit_code) from None

        app.command(name, cls=QuickCommand, help=_flowed(func.__doc__))(run)
        return run

    return register


def _flowed(doc: str | None) -> str:
    """A docstring's paragraphs, each on one line: rich help keeps every line break it is
    given, and lets the terminal's width decide where lines end."""
    paragraphs = (doc or "").strip().split("\n\n")
    return "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"laaeval {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full technical detail of any error.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    _state["debug"] = debug


# -- the commands ------------------------------------------------------------------------


@_command("frameworks")
def frameworks_command() -> None:
    """List the frameworks laaeval can use: shipped ones, and your own in ./frameworks
    or in the folders named by LAAEVAL_FRAMEWORKS."""
    from .show import frameworks_table

    table, problems = frameworks_table()
    _out().print(table)
    for problem in problems:
        _tell(problem)


@_command("show")
def show_command(
    framework: Annotated[
        str,
        typer.Argument(metavar="FRAMEWORK", help="Framework id or path to a framework file."),
    ],
    ident: Annotated[
        str | None,
        typer.Argument(metavar="[ID]", help="An aspect, level, criterion or indicator id."),
    ] = None,
) -> None:
    """Browse a framework: a tree of aspects, levels and criteria, or one criterion in full
    with its indicators and expected sources of evidence."""
    from .show import show

    _out().print(show(framework, ident))


@_command("score")
def score_command(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Evidence files to score.",
                       readable=False)
    ],
    fmt: Annotated[
        str,
        _option("How to print the result (md for markdown is fine).",
                "[table|json|csv|markdown]", "--format"),
    ] = "table",
    framework: FrameworkOption = None,
) -> None:
    """Score evidence files and print the tabulated assessment.

    JSON goes to standard output with nothing else mixed in; its shape is given by
    'laaeval schema score'.
    """
    from .report.run import run_score

    fmt = ScoreFormat.named(fmt)
    output = run_score(files, fmt, framework)
    if fmt is ScoreFormat.table:
        _out().print(output)
        return
    with output:
        while block := output.read(1 << 20):
            _print_document(block)


@_command("validate")
def validate_command(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Framework or evidence files.",
                       readable=False)
    ],
    framework: FrameworkOption = None,
) -> None:
    """Check framework and evidence files (told apart by their first line) against their
    schemas, and for what a schema cannot see: unique ids, references to things that
    exist, ratings on the scale, and the framework version an evidence file was recorded
    against."""
    from .validate import validate_files

    out, worst = _out(), 0
    for path, summary, problems in validate_files(files, framework):
        if not problems:
            out.print(f"OK  {terminal_safe(path)}: {summary}", markup=False, soft_wrap=True)
            continue
        worst = max(worst, *(p.exit_code for p in problems))
        for problem in problems:
            _tell(problem)
    if worst:
        raise typer.Exit(worst)


class NewKind(StrEnum):
    framework = "framework"


@_command("new")
def new_command(
    kind: Annotated[NewKind, typer.Argument(metavar="framework", help="What to start.")],
    name: Annotated[str, typer.Argument(metavar="NAME",
                                        help="The framework's id, such as my-place-framework.")],
    output: Annotated[
        Path | None,
        _option("The file to write. Default: NAME.yaml here. An existing file is never "
                "replaced.", "FILE", "--output", "-o"),
    ] = None,
) -> None:
    """Start a framework file: a commented skeleton that validates, to fill in."""
    from .files.output import write_output
    from .starter import starter_framework

    path = output or Path(f"{name}.yaml")
    text = starter_framework(name, str(path))
    if str(path) != "-" and path.exists():
        raise UsageError("this file already exists; choose another --output",
                         file=str(path))  # fmt: skip
    write_output(path, text, "the framework")
    if str(path) != "-":
        _say(f"Wrote {terminal_safe(str(path))}: fill it in, then run "
             f"laaeval validate {terminal_safe(str(path))}")


@_command("upgrade")
def upgrade_command(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Evidence files of format 1.")
    ],
    framework: FrameworkOption = None,
) -> None:
    """Rewrite evidence files of format 1 as format 2, which says the same thing in the form
    laaeval now writes. Each file is checked first, and kept as it was beside itself
    (NAME.v1-backup); comments and layout are kept."""
    from .model.catalogue import resolve
    from .upgrade import upgrade_file

    chosen = resolve(framework) if framework else None
    for path in files:
        done = upgrade_file(path, chosen)
        name = terminal_safe(done.path)
        if done.backup is None:
            _out().print(f"{name} is already in format 2: nothing to do.", markup=False)
            continue
        layout = "" if done.kept_layout else " (written afresh: its layout could not be kept)"
        _err().print(f"Upgraded {name} to format 2{layout}; the file as it was is kept as "
                     f"{terminal_safe(done.backup)}.", markup=False, soft_wrap=True)  # fmt: skip


@_command("migrate")
def migrate_command(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="The evidence file to carry across.",
                             readable=False)
    ],
    to: Annotated[
        str,
        _option("The revised framework: its path, or its id and version as id@version.",
                "FRAMEWORK", "--to"),
    ],
    output: Annotated[
        Path | None,
        _option("Write the migrated file here and leave FILE as it is.", "NEW", "--output",
                "-o"),
    ] = None,
    framework: Annotated[
        str | None,
        typer.Option("--framework", "-f", metavar="FRAMEWORK",
                     help="The version FILE was recorded against, where laaeval cannot find it "
                     "by the id and version the file names: its path or id."),
    ] = None,
    ask: Annotated[
        bool | None,
        typer.Option("--ask/--no-ask",
                     help="Ask for a judgement of each split or merged criterion that cannot be "
                     "carried (Enter leaves it to review). Default: ask when run in a "
                     "terminal."),
    ] = None,
) -> None:
    """Carry an evidence file across to a revised version of its framework, through the
    crosswalk the revised version gives: judgements and evidence on renamed criteria follow
    them; a judgement of a split criterion, or of merged ones that differ, is left for you
    to review; everything that could not be carried is listed.

    The file as it was is kept beside it (FILE.vVERSION-backup), unless --output names a
    new file. The migrated file is checked against the new version before it is written."""
    from .migrate import migrate_file

    recorded = _framework_at(framework) if framework else None
    if ask is None:
        ask = sys.stdin.isatty() and sys.stdout.isatty()
    try:
        done = migrate_file(file, _framework_at(to), str(output) if output else None,
                            recorded, _asking() if ask else None)
    except KeyboardInterrupt:
        _say(f"Stopped: nothing was written, and {terminal_safe(str(file))} is as it was.")
        raise typer.Exit(130) from None
    lines = done.lines()
    _print_wrapped([(len(line) - len(line.lstrip(" ")), line.lstrip(" ")) for line in lines])


def _asking() -> Callable[[Any], Any]:
    """Questions on the terminal for migrate; the end of the answers (Ctrl-D) ends them."""
    from .migrate import asking

    def prompt(text: str) -> str:
        try:
            return str(typer.prompt(text, default="", show_default=False))
        except typer.Abort as exc:
            typer.echo()  # Ctrl-D or Ctrl-C leaves the cursor after the question
            if isinstance(exc.__context__, KeyboardInterrupt):
                raise KeyboardInterrupt from None  # stop: nothing is written
            raise EOFError from None  # the end of the answers: the rest is left to review

    return asking(prompt, _say, _print_wrapped)


@_command("diff")
def diff_command(
    first: Annotated[
        str, typer.Argument(metavar="FRAMEWORK_A", help="A framework: its path, or id@version.")
    ],
    second: Annotated[
        str, typer.Argument(metavar="FRAMEWORK_B", help="The other: its path, or id@version.")
    ],
) -> None:
    """Say what changed between two versions of a framework: criteria renamed, split,
    merged, dropped and new; wording changed, quoted before and after; indicators added
    and removed; the scale, bands and other lists. Through the newer version's crosswalk
    where it has one; otherwise criteria are matched by id, and it says so."""
    from .diff import diff_frameworks

    lines = diff_frameworks(_framework_at(first), _framework_at(second))
    _print_wrapped([(indent * 2, text) for indent, text in lines])


def _framework_at(ref: str) -> Any:
    """A framework by path, by id, or by id@version."""
    from .model.catalogue import available, resolve

    if Path(ref).is_file() or ref.endswith((".yaml", ".yml")) or os.sep in ref:
        return resolve(ref)
    if "@" not in ref:
        versions = sorted({e.framework.version for e in available()
                           if e.framework is not None and e.framework.id == ref})  # fmt: skip
        if len(versions) > 1:
            raise UsageError(f"laaeval has {len(versions)} versions of {ref} ("
                             f"{', '.join(versions)}): say which, such as {ref}@{versions[0]}")
        return resolve(ref)

    ident, _, version = ref.partition("@")
    try:
        return resolve(ident, version)
    except UsageError as exc:
        found = exc.message.partition("; point to")[0]
        raise UsageError(f"{found}; give the path to its file instead") from None


def _print_wrapped(lines: list[tuple[int, str]]) -> None:
    """Lines of words for a person, each wrapped to the screen with its continuation
    indented under it; not wrapped at all when not on a screen (for a file or a program)."""
    import textwrap

    out = _out()
    width = out.width if out.is_terminal or "COLUMNS" in os.environ else 100_000
    for indent, text in lines:
        wrapped = textwrap.wrap(terminal_safe(text), width=max(width - 1, 40),
                                initial_indent=" " * indent,
                                subsequent_indent=" " * (indent + 2),
                                break_long_words=False, break_on_hyphens=False) or [""]
        for line in wrapped:
            out.print(line, markup=False, soft_wrap=True, highlight=False)


@_command("assess")
def assess_command(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="[FILE]",
            help="The evidence file: an existing one is resumed, a new one created.",
            readable=False,  # laaeval says itself, in its own words, what it cannot read
        ),
    ] = None,
    framework: FrameworkOption = None,
    pilot: Annotated[str | None, _option("The pilot's name (a new file).", "NAME")] = None,
    round_: Annotated[
        str | None, _option("The round, such as mid-way or final.", "LABEL", "--round")
    ] = None,
    region: Annotated[str | None, _option("The pilot's region.", "REGION")] = None,
    assessor: Annotated[str | None, _option("Your name, as assessor.", "NAME")] = None,
    detail: Annotated[
        list[str] | None,
        _option("A pilot detail the framework uses, as NAME=VALUE (tier=two-tier).",
                "NAME=VALUE"),
    ] = None,
    aspect: Annotated[str | None, _option("Only this aspect (such as A).", "ID")] = None,
    level: Annotated[str | None, _option("Only this level (such as PN).", "ID")] = None,
    criterion: Annotated[str | None, _option("Only this criterion (such as PN3).", "ID")] = None,
    unjudged: Annotated[bool, typer.Option(help="Only what is not yet judged.")] = False,
    source: Annotated[
        str | None,
        _option("Only criteria where this source type is expected (such as agreement).",
                "SOURCE"),
    ] = None,
    answers: Annotated[
        str | None,
        _option("Read the answers from this file, one per line ('-': standard input).", "FILE"),
    ] = None,
) -> None:
    """Record evidence and judgements for one pilot, indicator by indicator.

    Every answer is saved at once; quit (q) or press Ctrl-C at any time and run the same
    command again to carry on where you stopped.
    """
    from .assess.run import Options, run_assess

    options = Options(
        file=str(file) if file else None, framework=framework, pilot=pilot, round=round_,
        region=region, assessor=assessor, details=tuple(detail or ()), aspect=aspect,
        level=level, criterion=criterion, unjudged=unjudged, source=source, answers=answers,
    )  # fmt: skip
    code = run_assess(options, _out())
    if code:
        raise typer.Exit(code)


@_command("compare")
def compare_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE_OR_FOLDER...",
            help="Evidence files, or folders of them (read recursively).",
            readable=False,
        ),
    ],
    by: Annotated[
        str, _option("The columns: criterion, level or aspect.", "[criterion|level|aspect]")
    ] = "criterion",
    fmt: Annotated[
        str | None,
        _option("Default: from the --output file's extension, else table.",
                "[table|json|csv|md|html|xlsx]", "--format"),
    ] = None,
    output: Annotated[
        Path | None,
        _option("Write to this file instead of the screen.", "FILE", "--output", "-o"),
    ] = None,
    sort: Annotated[
        str | None,
        _option("Sort by a column's score (such as PN3 or overall), or by pilot.", "COLUMN"),
    ] = None,
    where: Annotated[
        list[str] | None,
        _option("Only pilots with this detail, as NAME=VALUE (tier=two-tier, round=final).",
                "NAME=VALUE"),
    ] = None,
    group_by: Annotated[
        str | None, _option("Group the pilots by a detail, such as tier or region.", "DETAIL")
    ] = None,
    trend: Annotated[
        str | None, _option("Show one pilot's rounds in order, and what changed.", "PILOT")
    ] = None,
    skip_invalid: Annotated[
        bool, typer.Option(help="Leave out invalid files (each is listed) instead of stopping.")
    ] = False,
    leave_out_provisional: Annotated[
        bool,
        typer.Option("--leave-out-provisional",
                     help="Work the means without provisional scores (too little judged for "
                     "a band), nor any score of an assessment whose overall score is "
                     "provisional."),
    ] = False,
    framework: FrameworkOption = None,
) -> None:
    """Compare pilots side by side (a pilots × criteria matrix), the same pilot across
    rounds, and assessors who rated the same pilot."""
    from .compare.run import CompareRequest, run_compare

    request = CompareRequest(
        paths=[str(p) for p in paths], by=by, fmt=fmt, output=str(output) if output else None,
        sort=sort, where=tuple(where or ()), group_by=group_by, trend=trend,
        skip_invalid=skip_invalid, framework=framework,
        leave_out_provisional=leave_out_provisional,
    )  # fmt: skip
    result, skipped = run_compare(request)
    for problem in skipped:
        _say(f"Left out: {problem.one_line()}")
    if result is None:
        _say(f"Wrote the comparison to {terminal_safe(str(output))}")
    elif isinstance(result, str):
        _print_document(result)
    elif hasattr(result, "read"):  # JSON or CSV, rendered a piece at a time
        with result:
            while block := result.read(1 << 20):
                _print_document(block)
    else:  # laid out to fit the screen; the notes wrap at its edge
        _out().print(result)


@_command("schema")
def schema_command(
    kind: Annotated[
        SchemaKind,
        typer.Argument(
            metavar="framework|evidence|score|report", help="Which file's schema to print."
        ),
    ],
) -> None:
    """Print the JSON Schema of a framework file, an evidence file, or the score JSON."""
    from .files.schema import schema_text

    sys.stdout.write(schema_text(kind.value))


@_command("report")
def report_command(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Evidence files to report on.",
                       readable=False)
    ],
    output: Annotated[
        Path,
        _option("The report file to write: .html, .md, .json, .csv, .docx or .xlsx ('-': "
                "standard output). An existing file is replaced only once the new report is "
                "complete.", "FILE", "--output", "-o"),
    ],
    fmt: Annotated[
        str | None,
        _option("The report format. Default: from the --output file's extension.",
                "[html|md|json|csv|docx|xlsx]", "--format"),
    ] = None,
    framework: FrameworkOption = None,
) -> None:
    """Write a report to send: a self-contained HTML page that prints well, a Word document,
    Markdown, JSON (shaped as 'laaeval schema report' describes), CSV with one row per
    indicator, or an Excel workbook with a sheet per view.

    Several evidence files make one report with a section per pilot. Set
    LAAEVAL_REPORT_DATE=YYYY-MM-DD to fix the date the report says it was generated.
    """
    from .report.formats import format_name
    from .report.run import run_report

    chosen, written, text = run_report(files, output, fmt, framework)
    if isinstance(text, bytes):  # a workbook or a Word document, on to another program
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
        return
    if text is not None:
        _print_document(text)
        return
    count = plural(written, "evidence file")
    _say(f"Wrote {format_name(chosen)} report on {count} to {terminal_safe(str(output))}")


PilotOption = Annotated[str | None, _option("The pilot's name (a new file).", "NAME")]
RoundOption = Annotated[
    str | None, _option("The round, such as mid-way or final.", "LABEL", "--round")
]
RegionOption = Annotated[str | None, _option("The pilot's region.", "REGION")]
AssessorOption = Annotated[str | None, _option("Your name, as assessor.", "NAME")]
DetailOption = Annotated[
    list[str] | None,
    _option("A pilot detail the framework uses, as NAME=VALUE (tier=two-tier).", "NAME=VALUE"),
]


@_command("template")
def template_command(
    framework_id: Annotated[
        str | None,
        typer.Argument(metavar="[FRAMEWORK]",
                       help="Framework id or path to a framework file (not needed with --from)."),
    ] = None,
    output: Annotated[
        Path, _option("The workbook to write (.xlsx).", "FILE", "--output", "-o")
    ] = Path("evidence-workbook.xlsx"),
    source: Annotated[
        Path | None,
        _option("Fill the workbook from this evidence file.", "FILE", "--from"),
    ] = None,
    pilot: PilotOption = None,
    round_: RoundOption = None,
    region: RegionOption = None,
    assessor: AssessorOption = None,
    detail: DetailOption = None,
    framework: FrameworkOption = None,
) -> None:
    """Write an Excel workbook to fill in for one pilot: its details, a rating and rationale
    for each criterion and indicator (drop-down lists of the framework's scale and
    verdicts), and a row for each piece of evidence. Bring it back with 'laaeval import'.

    With --from FILE it holds everything that evidence file says, to carry on in a
    spreadsheet."""
    from .exchange.details import Given
    from .exchange.run import TemplateRequest, run_template
    from .model.catalogue import command_name

    if framework_id and framework and framework_id != framework:
        raise UsageError(f"two frameworks given ({framework_id} and {framework}): give one")
    given = Given(pilot, round_, region, assessor, tuple(detail or ()))
    request = TemplateRequest(str(output), framework_id or framework,
                              str(source) if source else None, given)  # fmt: skip
    chosen, record = run_template(request)
    filled = f", filled from {terminal_safe(str(source))}" if record is not None else ""
    into = terminal_safe(str(source)) if source else "evidence.yaml"
    # A framework laaeval does not find by its id (a file of the user's own) is named, so
    # that the command given resolves.
    name = command_name(chosen)
    again = "" if name == chosen.id else f" --framework {terminal_safe(name)}"
    _say(f"Wrote the workbook for {terminal_safe(chosen.id)} version "
         f"{terminal_safe(chosen.version)} to {terminal_safe(str(output))}{filled}. Fill it "
         f"in, then: laaeval import {terminal_safe(str(output))} --output {into}{again}")


@_command("import")
def import_command(
    sources: Annotated[
        list[Path],
        typer.Argument(metavar="SOURCE...",
                       help="A workbook (.xlsx), CSV copies of its sheets, or a REFI-QDA "
                       "project (.qdpx)."),
    ],
    output: Annotated[
        Path,
        _option("The evidence file to write; an existing one is brought up to date.", "FILE",
                "--output", "-o"),
    ],
    framework: FrameworkOption = None,
    pilot: PilotOption = None,
    round_: RoundOption = None,
    region: RegionOption = None,
    assessor: AssessorOption = None,
    detail: DetailOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and say what would change; write nothing.")
    ] = False,
) -> None:
    """Bring evidence in from a workbook made by 'laaeval template' (or CSV copies of its
    sheets), or from a project coded in NVivo, ATLAS.ti or MAXQDA and exported as REFI-QDA
    (.qdpx), whose codes are named after the framework's ids.

    Every problem is listed, each naming the sheet, row and column; nothing is written
    unless everything is valid. Into an existing evidence file, the import replaces what
    the source gives and keeps the rest, and says what changed."""
    from .exchange.details import Given
    from .exchange.run import ImportRequest, run_import

    given = Given(pilot, round_, region, assessor, tuple(detail or ()))
    request = ImportRequest([str(s) for s in sources], str(output), framework, given, dry_run)
    done = run_import(request)
    for note in done.notes:
        _say(note)
    name, source = terminal_safe(str(output)), terminal_safe(", ".join(map(str, sources)))
    record = done.record
    counted = (f"{plural(len(record.evidence), 'evidence item')} and "
               f"{plural(len(record.judgements), 'judgement')}")  # fmt: skip
    if done.created:
        verb = "Would write" if dry_run else "Wrote"
        _say(f"{verb} {name} from {source}: {counted}.")
        return
    if done.changes.none:
        _say(f"{name} already says everything {source} says: nothing changed, nothing written.")
        return
    verb = "Would update" if dry_run else "Updated"
    _say(f"{verb} {name} from {source} (it now has {counted}).")
    for line in done.changes.lines():
        _say(f"  {line}")


def main() -> None:
    """Entry point: run the app, turning any user mistake into lines and an exit code."""
    try:
        with _only_the_command_asked_for(sys.argv[1:]):
            app()
    except LaaevalError as exc:
        if _state["debug"]:
            raise
        _tell(exc)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.stderr.write("\nStopped.\n")
        sys.exit(130)
    except (BrokenPipeError, RecursionError, MemoryError, OSError) as exc:
        if _state["debug"]:
            raise
        sys.stderr.write(f"Error: {_plainly(exc)}\n")
        sys.exit(EXIT_UNUSABLE)


@contextlib.contextmanager
def _only_the_command_asked_for(args: list[str]) -> Iterator[None]:
    """Have typer build only the command named on the command line: it builds every
    command's options from its signature on each run, which costs more than the rest of
    ``laaeval score`` on one file. The command behaves exactly as it would among the
    others; ``laaeval --help``, and a name that is no command, see them all."""
    name = next((a for a in args if not a.startswith("-")), None)
    everything = app.registered_commands
    chosen = [c for c in everything if c.name == name]
    if len(chosen) != 1 or "--help" in args[: args.index(name)]:
        yield
        return
    app.registered_commands = chosen
    try:
        yield
    finally:
        app.registered_commands = everything


__all__ = ["EXIT_INVALID", "app", "main"]
