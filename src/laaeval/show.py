"""``laaeval show`` and ``laaeval frameworks``: a framework's whole tree, one part of it in
full, and the list of frameworks laaeval can use."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text
from rich.tree import Tree

from .errors import LaaevalError, UsageError, unknown
from .model.catalogue import available, command_name, resolve
from .model.framework import Aspect, Criterion, Framework, Indicator, Level
from .text import one_line, plural


def show(framework: str, ident: str | None = None) -> RenderableType:
    """The framework's tree, or the aspect, level, criterion or indicator ``ident`` in full."""
    f = resolve(framework)
    if ident is None:
        return tree_view(f)
    found = f.find(ident)
    if found is None:
        raise UsageError(unknown(f"id in {f.id}", ident, f.all_ids()))
    return criterion_view(f, found)


def frameworks_table() -> tuple[RenderableType, list[LaaevalError]]:
    """Every framework found, shipped and local, as a table; and what is wrong with each
    file that is not a usable framework (listed in the table as "not usable")."""
    from rich.table import Table

    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for column in ("Id", "Version", "Title", "Criteria", "Where", "File"):
        table.add_column(column)
    problems = []
    for entry in available():
        f = entry.framework
        path = Text(one_line(str(entry.path)))  # Text, so that "[...]" is never markup
        if f is None:
            assert entry.error is not None
            problems.append(entry.error)
            table.add_row("–", "", "not usable: see below", "", entry.where, path)
            continue
        table.add_row(Text(f.id), Text(one_line(f.version)), Text(one_line(f.title)),
                      str(len(f.criteria)), entry.where, path)  # fmt: skip
    return table, problems


def tree_view(f: Framework) -> RenderableType:
    root = Tree(
        Text.assemble(
            (one_line(f.title), "bold"),
            f"  {f.id} version {one_line(f.version)} · {len(f.criteria)} criteria, "
            f"{f.indicator_count} indicators",
        )
    )
    _add_levels(root, f.aspects)
    hint = Text(f"\nSee one criterion in full with: laaeval show {command_name(f)} "
                f"{f.criteria[0].id}", style="dim")  # fmt: skip
    return Group(root, hint)


def _add_levels(branch: Any, levels: tuple[Aspect | Level, ...]) -> None:
    """Aspects or levels, and the levels within them to any depth, each with its criteria."""
    for level in levels:
        said = "; ".join([_count(level.criteria), *_weighing(level)])
        twig = branch.add(Text.assemble((f"{level.id}  {one_line(level.title)}", "bold"),
                                        f"  ({said})"))  # fmt: skip
        if level.levels:
            _add_levels(twig, level.levels)
        else:
            _add_criteria(twig, level.criteria)


def _count(criteria: tuple[Criterion, ...]) -> str:
    return plural(len(criteria), "criterion", "criteria")


def _add_criteria(tree: Tree, criteria: tuple[Criterion, ...]) -> None:
    for c in criteria:
        extra = plural(len(c.indicators), "indicator") if c.indicators else "judged directly"
        if c.applies_to:
            extra += "; " + _applies(c)
        extra = "; ".join([extra, *_weighing(c)])
        tree.add(Text.assemble((c.id, "bold"), "  ", one_line(c.text), (f"  ({extra})", "dim")))


def _weighing(owner: Aspect | Level | Criterion) -> list[str]:
    """How much it counts, where that is not plain: its weight, its weights by a pilot's
    details, and how a group is worked from its parts, so a score can be checked by hand."""
    said = [f"weight {owner.weight:g}"] if owner.weight != 1 else []
    importance = getattr(owner, "importance", None)
    if importance:
        said.append(importance)
    for attribute, by in owner.weights_by.items():
        said.append(f"weight by {attribute}: "
                    + ", ".join(f"{value} {w:g}" for value, w in by.items()))  # fmt: skip
    aggregate = getattr(owner, "aggregate", None)
    if aggregate:
        said.append(f"the {aggregate.replace('-', ' ')} of its parts")
    return said


def _applies(owner: Criterion | Indicator) -> str:
    return "applies only where " + "; ".join(
        f"{attr} is {' or '.join(values)}" for attr, values in owner.applies_to.items()
    )


def criterion_view(f: Framework, found: Aspect | Level | Criterion | Indicator) -> RenderableType:
    if isinstance(found, (Aspect, Level)):
        tree = Tree(Text(f"{found.id}  {one_line(found.title)}", style="bold"))
        if found.levels:  # the groups within it, to any depth (SAMM: streams, levels)
            _add_levels(tree, found.levels)
        else:
            _add_criteria(tree, found.criteria)
        about = [Text(one_line(found.description))] if found.description else []
        if found.guidance:
            about.append(Text(f"Guidance: {one_line(found.guidance)}", style="dim"))
        return Group(tree, *about) if about else tree
    highlight = None
    if isinstance(found, Indicator):
        highlight = found.id
        found = f.criteria_by_id[found.criterion_id]
    return _criterion(f, found, highlight)


def _criterion(f: Framework, c: Criterion, highlight: str | None) -> RenderableType:
    where = [one_line(group.title) for group in f.path_of(c)]  # every group it sits in
    parts: list[RenderableType] = [
        Text(" › ".join([*where, c.id]), style="dim"),
        Text.assemble((c.id, "bold"), "  ", (one_line(c.text), "bold")),
    ]
    if c.applies_to:
        parts.append(Text(_applies(c).capitalize() + ".", style="italic"))
    if c.note:
        parts.append(Text(f"Note: {one_line(c.note)}", style="dim"))
    parts += _own_terms(f, c)
    parts.append(Text("\nIndicators", style="bold underline"))
    if not c.indicators:
        parts.append(Text("None: this criterion is judged directly."))
    for ind in c.indicators:
        line = Text.assemble((f"{ind.id:<7}", "bold"), one_line(ind.text))
        if ind.id == highlight:
            line.stylize("reverse")
        if ind.refers_to:
            line.append(f"  (refers to {', '.join(ind.refers_to)})", style="dim")
        if ind.applies_to:
            line.append(f"  ({_applies(ind)})", style="dim")
        if ind.weight != 1:
            line.append(f"  (weight {ind.weight:g})", style="dim")
        parts.append(line)
        if ind.note:
            parts.append(Text(f"        Note: {one_line(ind.note)}", style="dim"))
    if not c.sources:  # a framework that names none (SAMM)
        return Group(*parts)
    parts.append(Text("\nSources of evidence", style="bold underline"))
    types = f.source_types_by_id
    for source in c.sources:
        labels = ", ".join(f"{one_line(types[t].label)} ({types[t].kind})" for t in source.types)
        parts.append(Text.assemble("• ", one_line(source.text), (f"  — {labels}", "dim")))
    return Group(*parts)


def _own_terms(f: Framework, c: Criterion) -> list[RenderableType]:
    """What a framework of another shape says of a criterion: its importance, its own
    answers (SAMM's four, in words), and its guidance."""
    parts: list[RenderableType] = []
    level = f.importance_by_id.get(c.importance or "")
    if level is not None:
        parts.append(Text(f"Importance: {one_line(level.label)}", style="italic"))
    if c.answers:
        parts.append(Text("\nAnswers", style="bold underline"))
        parts += [Text(f"{p.value:g}  {one_line(p.label)}") for p in f.points_for(c.id)]
    if c.guidance:
        parts.append(Text("\nGuidance", style="bold underline"))
        parts += [Text(line.strip()) for line in c.guidance.splitlines() if line.strip()]
    return parts
