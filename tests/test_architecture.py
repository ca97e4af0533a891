"""The package's shape: no import cycles (lazy imports inside functions count too), rules
listed explicitly in one registry, and every Rule object the code defines listed there."""
from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import nianbao
from nianbao.findings import Rule
from nianbao.validate.registry import REGISTRY

SRC = Path(nianbao.__file__).parent


def _module_name(path: Path) -> str:
    parts = ["nianbao", *path.relative_to(SRC).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                for alias in node.names:
                    full = f"{target}.{alias.name}"
                    deps.add(full if full in modules else target)
            elif isinstance(node, ast.Import):
                deps |= {a.name for a in node.names}
        graph[name] = {d for d in deps if d in modules and d != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    m = stack.pop()
                    on.discard(m)
                    comp.append(m)
                    if m == node:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def test_there_are_no_import_cycles():
    assert not cycles(import_graph())


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_findings_and_formats_import_nothing_above_them():
    graph = import_graph()
    assert graph["nianbao.findings"] == set()
    for name in graph:
        if name.startswith("nianbao.formats"):
            assert all(d.startswith("nianbao.formats") or d == "nianbao.findings" for d in graph[name]), name


def test_every_rule_the_code_defines_is_in_the_registry():
    defined: dict[str, Rule] = {}
    for info in pkgutil.walk_packages(nianbao.__path__, "nianbao."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            items = value.values() if isinstance(value, dict) else value if isinstance(value, tuple) else (value,)
            for item in items:
                if isinstance(item, Rule):
                    defined[item.id] = item
    assert len(defined) >= 60
    missing = sorted(rid for rid, rule in defined.items() if REGISTRY.get(rid) != rule)
    assert not missing, f"rules defined but not listed in validate/registry.py: {missing}"


def format_knowledge(source: str) -> list[tuple[int, str]]:
    """String literals in `source` that name a format or a row of one: (line, literal).

    Table codes are the YAML keys every stage reads, so they are not format knowledge; a row
    code that is also a table code (table 四's `review`) or the name of a data resource
    (`rules`, the rules resource) is ambiguous and left out.
    """
    from nianbao.formats import FORMATS, TABLE_CODES
    from nianbao.publish.resources import BY_NAME

    rows = {r.code for f in FORMATS.values() for t in f.tables for r in t.rows}
    known = set(FORMATS) | (rows - set(TABLE_CODES) - set(BY_NAME))
    return sorted((node.lineno, node.value) for node in ast.walk(ast.parse(source))
                  if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in known)


def test_only_formats_knows_format_codes_and_row_codes():
    found = {}
    for path in sorted(SRC.rglob("*.py")):
        if "formats" in path.relative_to(SRC).parts:
            continue
        hits = format_knowledge(path.read_text(encoding="utf-8"))
        if hits:
            found[str(path.relative_to(SRC))] = hits[:5]
    assert found == {}, f"format codes or row codes written outside formats/: {found}"


def test_the_format_knowledge_finder_finds_codes():
    assert format_knowledge('x = ("gov2021", "gov2019")\ny = rows["r3_6_2"]\n') == [
        (1, "gov2019"), (1, "gov2021"), (2, "r3_6_2")]
    assert format_knowledge('kind = "requests"; name = "rules"\n') == []
