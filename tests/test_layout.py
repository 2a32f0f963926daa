"""The engine's layout: one folder per pipeline stage, imports only go down, and
every function is short enough to read in one sitting.

cli -> render -> batch, review -> scoring -> spec -> base. A module may import
from its own stage and from any stage below it, never from one above it or from
a sibling stage. The package's top-level modules (the public API) may import
anything. Lazy imports inside functions count as imports.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ENGINE = Path(__file__).resolve().parent.parent / "engine"

#: stage -> its level; a module may import only from levels below its own, or its own stage
LEVELS = {
    "base": 0,
    "spec": 1,
    "scoring": 2,
    "batch": 3,
    "review": 3,
    "render": 4,
    "cli": 5,
}


def _stage_of(module: str) -> str | None:
    """``engine.spec.load`` -> ``spec``; top-level modules have no stage."""
    parts = module.split(".")
    if len(parts) >= 2 and parts[0] == "engine" and parts[1] in LEVELS:
        return parts[1]
    return None


def _module_name(path: Path) -> str:
    rel = path.relative_to(ENGINE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, text: str | None = None) -> list[tuple[int, str]]:
    """Every engine module ``path`` imports (``text`` read from it unless given),
    as an absolute name, with its line."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    source = path.read_text("utf-8") if text is None else text
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("engine")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if not target.startswith("engine"):
                continue
            if node.module is None:
                # `from . import x`: each name may be a module of that package
                found += [(node.lineno, f"{target}.{a.name}") for a in node.names]
            else:
                found.append((node.lineno, target))
    return sorted(found)


MODULES = sorted(p for p in ENGINE.rglob("*.py") if _stage_of(_module_name(p)))


def test_every_engine_module_lives_in_a_stage_folder() -> None:
    loose = sorted(
        p.name
        for p in ENGINE.glob("*.py")
        if p.name not in ("__init__.py", "__main__.py", "api.py", "dask.py")
    )
    assert loose == [], f"modules outside the stage folders: {loose}"
    assert {p.name for p in ENGINE.iterdir() if p.is_dir() and p.name in LEVELS} == set(LEVELS)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(ENGINE)))
def test_imports_only_go_down(path: Path) -> None:
    own = _stage_of(_module_name(path))
    assert own is not None
    upward = []
    for line, target in _imports(path):
        stage = _stage_of(target)
        if stage is None or stage == own:
            continue
        if LEVELS[stage] >= LEVELS[own]:
            upward.append(f"{path.relative_to(ENGINE.parent)}:{line}: {own} imports {target}")
    assert upward == []


def test_the_import_reader_sees_upward_imports_relative_and_lazy() -> None:
    """The check itself: relative and lazy imports from higher stages are seen."""
    source = "from ..render import text\n\ndef f():\n    from ..cli.root import app\n"
    assert _imports(ENGINE / "base" / "numbers.py", source) == [
        (1, "engine.render"),
        (4, "engine.cli.root"),
    ]


#: the most lines a function or method may span (decorators not counted)
MAX_LINES = 80


def _long_functions(source: str, limit: int = MAX_LINES) -> list[tuple[str, int, int]]:
    """(qualified name, first line, length) of every function or method in
    ``source`` longer than ``limit`` lines, nested ones included."""
    found: list[tuple[str, int, int]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                name = prefix + child.name
                length = (child.end_lineno or child.lineno) - child.lineno + 1
                if not isinstance(child, ast.ClassDef) and length > limit:
                    found.append((name, child.lineno, length))
                visit(child, name + ".")
            else:
                visit(child, prefix)

    visit(ast.parse(source), "")
    return found


def test_no_function_is_longer_than_a_reader_can_hold() -> None:
    long = []
    for path in sorted(ENGINE.rglob("*.py")):
        rel = path.relative_to(ENGINE.parent).as_posix()
        for name, line, length in _long_functions(path.read_text("utf-8")):
            long.append(f"{rel}:{line}: {name} is {length} lines, over {MAX_LINES}")
    assert long == []


def test_the_length_reader_sees_methods_and_nested_functions() -> None:
    """The check itself: a long method and a long nested function are seen, by
    their qualified names; a function of exactly the limit is not."""
    body = "".join(f"        x{i} = {i}\n" for i in range(MAX_LINES))
    source = (
        f"class A:\n    def long(self):\n{body}\n"
        f"def outer():\n    def inner():\n{body}    return inner\n"
        "def short():\n" + "".join(f"    y{i} = {i}\n" for i in range(MAX_LINES - 1))
    )
    assert _long_functions(source) == [
        ("A.long", 2, MAX_LINES + 1),
        ("outer", MAX_LINES + 4, MAX_LINES + 3),
        ("outer.inner", MAX_LINES + 5, MAX_LINES + 1),
    ]
    assert _long_functions(source, limit=1000) == []


def _undocumented_dataclasses(source: str) -> list[tuple[str, int]]:
    """(name, line) of each dataclass without a docstring."""
    return [
        (node.name, node.lineno)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ClassDef)
        and any("dataclass" in ast.unparse(d) for d in node.decorator_list)
        and ast.get_docstring(node) is None
    ]


def test_every_dataclass_says_what_it_is() -> None:
    """A dataclass without a docstring gets its signature as one, worked out by
    ``inspect`` when the class is made: a third of the class's cost, paid on
    every start-up for each of the classes a command imports."""
    missing = [
        f"{path.relative_to(ENGINE.parent).as_posix()}:{line}: dataclass {name} has no docstring"
        for path in sorted(ENGINE.rglob("*.py"))
        for name, line in _undocumented_dataclasses(path.read_text("utf-8"))
    ]
    assert missing == []
    assert _undocumented_dataclasses(
        "@dataclass(frozen=True)\nclass A:\n    x: int\n\n"
        '@dataclass\nclass B:\n    """B."""\n\n    y: int\n'
    ) == [("A", 2)]
