"""The command line: parse arguments, call the library, print. Nothing else lives here.

Library modules are imported inside each command so that ``laaeval --help`` and every
command load only what they use.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .errors import EXIT_INVALID, EXIT_UNUSABLE, LaaevalError, UsageError
from .report.formats import ScoreFormat
from .text import plural, terminal_safe

if TYPE_CHECKING:
    from rich.console import Console


from . import __version__

app = typer.Typer(
    name="laaeval",
    help=(
        "Record evidence and judgements for a pilot against a published evaluation "
        "framework, and score them.\n\n"
        "Exit codes: 0 success; 1 a file was read but is not valid; 2 a file could not be "
        "read, or the command was used wrongly."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,  # plain help: rich's help formatter costs ~100 ms at start-up
    pretty_exceptions_enable=False,
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


class SchemaKind(StrEnum):
    framework = "framework"
    evidence = "evidence"
    score = "score"
    report = "report"


def _out() -> Console:
    from rich.console import Console

    console = Console(highlight=False, soft_wrap=False)
    if not console.is_terminal and "COLUMNS" not in os.environ:
        # Piped to a file or another program: no screen to fit, so keep texts readable.
        console = Console(highlight=False, soft_wrap=False, width=140)
    return console


def _err() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def _command(name: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register a command whose user mistakes become one line on stderr and an exit code."""

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

        app.command(name)(run)
        return run

    return register


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


@_command("frameworks")
def frameworks_command() -> None:
    """List the frameworks laaeval can use: shipped ones, and your own in ./frameworks
    or in the folders named by LAAEVAL_FRAMEWORKS."""
    from rich.table import Table
    from rich.text import Text

    from .model.catalogue import available
    from .text import one_line

    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for column in ("Id", "Version", "Title", "Criteria", "Where", "File"):
        table.add_column(column)
    problems = []
    for entry in available():
        f = entry.framework
        path = Text(one_line(str(entry.path)))  # Text, so that "[...]" is never markup
        if f is None:
            problems.append(entry.error)
            table.add_row("–", "", "not usable: see below", "", entry.where, path)
            continue
        table.add_row(Text(f.id), Text(one_line(f.version)), Text(one_line(f.title)),
                      str(len(f.criteria)), entry.where, path)  # fmt: skip
    _out().print(table)
    for problem in problems:
        _err().print(f"Error: {problem.one_line()}", markup=False, soft_wrap=True)


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
    from .browse import criterion_view, tree_view
    from .model.catalogue import resolve

    f = resolve(framework)
    if ident is None:
        _out().print(tree_view(f))
        return
    found = f.find(ident)
    if found is None:
        from .errors import unknown

        raise UsageError(unknown(f"id in {f.id}", ident, f.all_ids()))
    _out().print(criterion_view(f, found))


@_command("score")
def score_command(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Evidence files to score.")
    ],
    fmt: Annotated[
        ScoreFormat, typer.Option("--format", help="How to print the result.")
    ] = ScoreFormat.table,
    framework: FrameworkOption = None,
) -> None:
    """Score evidence files and print the tabulated assessment.

    JSON goes to standard output with nothing else mixed in; its shape is given by
    'laaeval schema score'.
    """
    from .report.run import run_score

    output = run_score(files, fmt, framework)
    if fmt is ScoreFormat.table:
        _out().print(output)
    else:
        sys.stdout.write(output)


def _tell(exc: LaaevalError) -> None:
    """The one way a mistake reaches the user: a line per mistake, on standard error."""
    console = _err()
    for line in exc.lines():
        console.print(f"Error: {line}", markup=False, soft_wrap=True)


@_command("validate")
def validate_command(
    files: Annotated[
        list[Path], typer.Argument(metavar="FILE...", help="Framework or evidence files.")
    ],
    framework: FrameworkOption = None,
) -> None:
    """Check framework and evidence files (told apart by their first line) against their
    schemas, and for what a schema cannot see: unique ids, references to things that
    exist, ratings on the scale, and the framework version an evidence file was recorded
    against."""
    from .model.catalogue import resolve
    from .validation import validate_file

    chosen = resolve(framework) if framework else None
    out, err = _out(), _err()
    worst = 0
    for path in files:
        summary, problems = validate_file(path, chosen)
        if not problems:
            out.print(f"OK  {terminal_safe(str(path))}: {summary}", markup=False, soft_wrap=True)
            continue
        worst = max(worst, *(p.exit_code for p in problems))
        for problem in problems:
            err.print(f"Error: {problem.one_line()}", markup=False, soft_wrap=True)
    if worst:
        raise typer.Exit(worst)


@_command("assess")
def assess_command(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="[FILE]",
            help="The evidence file: an existing one is resumed, a new one created.",
        ),
    ] = None,
    framework: FrameworkOption = None,
    pilot: Annotated[
        str | None, typer.Option(metavar="NAME", help="The pilot's name (a new file).")
    ] = None,
    round_: Annotated[
        str | None,
        typer.Option("--round", metavar="LABEL", help="The round, such as mid-way or final."),
    ] = None,
    region: Annotated[
        str | None, typer.Option(metavar="REGION", help="The pilot's region.")
    ] = None,
    assessor: Annotated[
        str | None, typer.Option(metavar="NAME", help="Your name, as assessor.")
    ] = None,
    detail: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME=VALUE",
            help="A pilot detail the framework uses, as NAME=VALUE (tier=two-tier).",
        ),
    ] = None,
    aspect: Annotated[
        str | None, typer.Option(metavar="ID", help="Only this aspect (such as A).")
    ] = None,
    level: Annotated[
        str | None, typer.Option(metavar="ID", help="Only this level (such as PN).")
    ] = None,
    criterion: Annotated[
        str | None, typer.Option(metavar="ID", help="Only this criterion (such as PN3).")
    ] = None,
    unjudged: Annotated[bool, typer.Option(help="Only what is not yet judged.")] = False,
    source: Annotated[
        str | None,
        typer.Option(
            metavar="SOURCE",
            help="Only criteria where this source type is expected (such as agreement).",
        ),
    ] = None,
    answers: Annotated[
        str | None,
        typer.Option(
            metavar="FILE",
            help="Read the answers from this file, one per line ('-': standard input).",
        ),
    ] = None,
) -> None:
    """Record evidence and judgements for one pilot, indicator by indicator.

    Every answer is saved at once; quit (q) or press Ctrl-C at any time and run the same
    command again to carry on where you stopped.
    """
    from .assess import Options, run_assess

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
        ),
    ],
    by: Annotated[
        str,
        typer.Option(
            help="The columns: criterion, level or aspect.", metavar="[criterion|level|aspect]"
        ),
    ] = "criterion",
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="[table|json|csv|md|html]",
            help="Default: from the --output file's extension, else table.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write to this file instead of the screen."
        ),
    ] = None,
    sort: Annotated[
        str | None,
        typer.Option(
            metavar="COLUMN", help="Sort by a column's score (such as PN3 or overall), or by pilot."
        ),
    ] = None,
    where: Annotated[
        list[str] | None,
        typer.Option(
            metavar="NAME=VALUE",
            help="Only pilots with this detail, as NAME=VALUE (tier=two-tier, round=final).",
        ),
    ] = None,
    group_by: Annotated[
        str | None,
        typer.Option(
            metavar="DETAIL", help="Group the pilots by a detail, such as tier or region."
        ),
    ] = None,
    trend: Annotated[
        str | None,
        typer.Option(metavar="PILOT", help="Show one pilot's rounds in order, and what changed."),
    ] = None,
    skip_invalid: Annotated[
        bool, typer.Option(help="Leave out invalid files (each is listed) instead of stopping.")
    ] = False,
    framework: FrameworkOption = None,
) -> None:
    """Compare pilots side by side (a pilots × criteria matrix), the same pilot across
    rounds, and assessors who rated the same pilot."""
    from .compare.run import CompareRequest, run_compare

    request = CompareRequest(
        paths=[str(p) for p in paths],
        by=by,
        fmt=fmt,
        output=str(output) if output else None,
        sort=sort,
        where=tuple(where or ()),
        group_by=group_by,
        trend=trend,
        skip_invalid=skip_invalid,
        framework=framework,
    )
    result, skipped = run_compare(request)
    for problem in skipped:
        _err().print(f"Left out: {problem.one_line()}", markup=False, soft_wrap=True)
    if result is None:
        _err().print(f"Wrote the comparison to {terminal_safe(str(output))}", markup=False,
                     soft_wrap=True)  # fmt: skip
    elif isinstance(result, str):
        sys.stdout.write(result)
    else:
        _out().print(result, soft_wrap=True)


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
        list[Path], typer.Argument(metavar="FILE...", help="Evidence files to report on.")
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="The report file to write: .html, .md, .json or .csv. "
            "An existing file is replaced only once the new report is complete.",
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar="[html|md|json|csv]",
            help="The report format. Default: from the --output file's extension.",
        ),
    ] = None,
    framework: FrameworkOption = None,
) -> None:
    """Write a report to send: a self-contained HTML page that prints well, Markdown,
    JSON (shaped as 'laaeval schema report' describes) or CSV with one row per indicator.

    Several evidence files make one report with a section per pilot. Set
    LAAEVAL_REPORT_DATE=YYYY-MM-DD to fix the date the report says it was generated.
    """
    from .report.formats import format_name
    from .report.run import run_report

    chosen, written = run_report(files, output, fmt, framework)
    count = plural(written, "evidence file")
    _err().print(f"Wrote {format_name(chosen)} report on {count} to {terminal_safe(str(output))}",
                 markup=False, soft_wrap=True)  # fmt: skip


def main() -> None:
    """Entry point: run the app, turning any user mistake into one line and an exit code."""
    try:
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
        sys.stderr.write(f"Error: {type(exc).__name__}: {exc}\n")
        sys.exit(EXIT_UNUSABLE)


__all__ = ["EXIT_INVALID", "app", "main"]
