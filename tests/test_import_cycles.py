"""No import cycles inside claimx: every import (top-level or inside a function) counts.

The graph is built from the sources with :mod:`ast` (nothing is imported): one node per module,
an edge for each ``import claimx.x`` / ``from claimx.x import y`` (to ``claimx.x.y`` when that is
a module, else to ``claimx.x``). Imports under ``if TYPE_CHECKING:`` are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "claimx"


def module_name(path: Path, root: Path = ROOT) -> str:
    """``claimx/extract/__init__.py`` -> ``claimx.extract``; ``claimx/types.py`` -> ``claimx.types``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, module: str, is_package: bool) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for each import statement, relative ones resolved."""
    out: list[tuple[str, list[str]]] = []
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            out.extend((alias.name, []) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                pkg = module.split(".") if is_package else module.split(".")[:-1]
                pkg = pkg[: len(pkg) - (node.level - 1)]
                base = ".".join(pkg + ([base] if base else []))
            out.append((base, [alias.name for alias in node.names]))
    return out


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    """Module -> the claimx modules it imports."""
    files = {module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for mod, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        edges: set[str] = set()
        for base, names in _imports(tree, mod, path.name == "__init__.py"):
            if not base.startswith("claimx"):
                continue
            subs = [f"{base}.{n}" for n in names if f"{base}.{n}" in files]
            edges.update(subs)
            if len(subs) < len(names) or not names:
                edges.add(base)
        edges.discard(mod)
        graph[mod] = {e for e in edges if e in files}
    return graph


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    """Modules reachable from ``start`` by one or more imports."""
    seen: set[str] = set()
    todo = list(graph.get(start, ()))
    while todo:
        v = todo.pop()
        if v not in seen:
            seen.add(v)
            todo.extend(graph.get(v, ()))
    return seen


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other (strongly connected, more than one), each sorted."""
    reach = {v: reachable(graph, v) for v in graph}
    groups = {frozenset({v} | {w for w in reach[v] if v in reach[w]}) for v in graph}
    return sorted(sorted(g) for g in groups if len(g) > 1)


def test_finder_sees_a_cycle(tmp_path: Path) -> None:
    pkg = tmp_path / "claimx"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "a.py").write_text("def f():\n    from claimx.sub import b\n")
    (pkg / "sub" / "b.py").write_text("from .a import f\n")
    (pkg / "c.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import claimx.d\n")
    (pkg / "d.py").write_text("import claimx.c\n")
    graph = import_graph(pkg)
    assert graph["claimx.sub.a"] == {"claimx.sub.b"}
    assert graph["claimx.sub.b"] == {"claimx.sub.a"}
    assert find_cycles(graph) == [["claimx.sub.a", "claimx.sub.b"]]


@pytest.mark.parametrize("package", ["claimx"])
def test_no_import_cycles(package: str) -> None:
    graph = import_graph()
    assert len(graph) > 50, "the walk found too few modules"
    cycles = find_cycles(graph)
    assert cycles == [], "import cycles: " + "; ".join(" <-> ".join(c) for c in cycles)


def test_learn_is_not_imported_by_inference() -> None:
    """Training code (claimx.learn) is never imported by extraction, resolving or reporting."""
    graph = import_graph()
    for mod, edges in graph.items():
        if mod.startswith(("claimx.extract", "claimx.normalize", "claimx.resolve", "claimx.report")):
            bad = sorted(e for e in edges if e.startswith("claimx.learn"))
            assert not bad, f"{mod} imports training code {bad}"
