"""Each command's path goes downward: cli → command → scoring → model → files → foundation.

Every module is parsed (not imported), and every import in it is read: at the top, inside
functions (laaeval imports lazily, and a lazy import is still a dependency) and under
TYPE_CHECKING. A module may import its own folder or a lower layer, never a higher one
or a folder beside it on the same layer, and no modules may import each other in a
circle. A new module must be given a layer here before the test passes.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "src" / "laaeval"

# The layers, lowest first, by the module or folder a module belongs to.
LAYERS: dict[str, int] = {
    "laaeval": 0, "laaeval.errors": 0, "laaeval.text": 0,  # the foundation
    "laaeval.files": 1,
    "laaeval.model": 2,
    "laaeval.scoring": 3,
    "laaeval.report": 4, "laaeval.show": 4, "laaeval.validate": 4, "laaeval.upgrade": 4,
    "laaeval.starter": 4,  # laaeval new framework
    "laaeval.migrate": 4, "laaeval.diff": 4,  # frameworks revised: carry files, say what changed
    "laaeval.exchange": 4,  # template and import: evidence in from workbooks and projects
    "laaeval.compare": 5, "laaeval.assess": 5,  # they may use report's table, svg and html
    "laaeval.cli": 6, "laaeval.cli_values": 6, "laaeval.cli_quick": 6,
    "laaeval.__main__": 7,
}  # fmt: skip
# Modules on one layer that work as one room and may import each other.
ROOMS = [{"laaeval", "laaeval.errors", "laaeval.text"},
         {"laaeval.cli", "laaeval.cli_values", "laaeval.cli_quick"}]


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, name: str, is_package: bool) -> set[str]:
    """The laaeval modules (or names in them) one module imports, anywhere in it."""
    package = name if is_package else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {n for n in found if n == "laaeval" or n.startswith("laaeval.")}


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → the laaeval modules it imports (a name imported from a module counts as
    that module; a submodule imported from a folder counts as the submodule)."""
    sources = {module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    graph = {}
    for name, path in sources.items():
        raw = imports_of(path.read_text(encoding="utf-8"), name, path.name == "__init__.py")
        graph[name] = {n if n in sources else n.rpartition(".")[0] for n in raw} - {name}
        graph[name] = {n for n in graph[name] if n in sources}
    return graph


def layer_of(name: str) -> tuple[str, int]:
    """The folder or module a module belongs to, and its layer."""
    original = name
    while name not in LAYERS:
        name = name.rpartition(".")[0]
        if name in ("", "laaeval"):  # a module of its own must be placed by name
            raise KeyError(original)
    return name, LAYERS[name]


def upward_imports(graph: Mapping[str, Iterable[str]]) -> list[str]:
    problems = []
    for name, targets in graph.items():
        group, rank = layer_of(name)
        for target in targets:
            other, other_rank = layer_of(target)
            same_room = other == group or any({group, other} <= room for room in ROOMS)
            if other_rank > rank or (other_rank == rank and not same_room):
                problems.append(f"{name} (layer {rank}) imports {target} (layer {other_rank})")
    return sorted(problems)


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Every circle of imports (each strongly connected group of two or more modules)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph()


def test_every_module_has_a_layer(graph):
    unplaced = []
    for name in graph:
        try:
            layer_of(name)
        except KeyError:
            unplaced.append(name)
    assert not unplaced, f"give these modules a layer in LAYERS: {unplaced}"


def test_no_module_imports_a_higher_layer_or_a_neighbour(graph):
    assert upward_imports(graph) == []


def test_no_import_circles(graph):
    assert cycles(graph) == []


def test_the_graph_sees_lazy_and_relative_imports(graph):
    # cli imports each command's module inside the command function, relatively.
    assert "laaeval.report.run" in graph["laaeval.cli"]
    assert "laaeval.compare.run" in graph["laaeval.cli"]
    assert "laaeval.report.html" in graph["laaeval.report.formats"]


def test_the_checks_fail_on_a_circle_and_an_upward_import(tmp_path):
    """The test can fail: a small package with both faults in it."""
    root = tmp_path / "laaeval"
    (root / "files").mkdir(parents=True)
    (root / "model").mkdir()
    for init in (root, root / "files", root / "model"):
        (init / "__init__.py").write_text('"""A folder."""\n')
    (root / "files" / "yamlio.py").write_text("def f():\n    from ..model import framework\n")
    (root / "model" / "framework.py").write_text("from . import evidence\n")
    (root / "model" / "evidence.py").write_text("from .framework import x\n")
    fake = import_graph(root)
    upward = "laaeval.files.yamlio (layer 1) imports laaeval.model.framework (layer 2)"
    assert upward in upward_imports(fake)
    assert cycles(fake) == [["laaeval.model.evidence", "laaeval.model.framework"]]


def test_every_folder_says_what_it_is_in_one_line():
    for init in PACKAGE.rglob("__init__.py"):
        if init.parent == PACKAGE:
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
        assert doc and "\n" not in doc.strip(), init
