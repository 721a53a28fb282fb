"""The house as docs/ARCHITECTURE.md draws it: stages import only earlier stages, no cycles,
small modules, a docstring on every public function."""
from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "extractor"

# Stage of each top-level part; a module may import only parts of its own stage or earlier.
STAGES = {
    "model": 0, "errors": 0, "rules": 0, "version": 0,
    "read": 1, "text": 2, "interpret": 3, "checks": 4, "store": 5, "linking": 6, "publish": 7,
    "reportlike": 3, "pipeline": 8, "recheck": 8, "progress": 8, "sources": 8, "engines": 8, "ingest": 9,
    "cli": 10, "__init__": 10, "__main__": 11, "_patterns": 0,
}
MAX_LINES = 600


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _is_module(parts: list[str]) -> bool:
    where = PACKAGE.joinpath(*parts)
    return where.with_suffix(".py").is_file() or (where / "__init__.py").is_file()


def _imports(name: str, path: Path) -> set[str]:
    """Dotted names (inside extractor) this module imports, function-local imports included."""
    is_package = path.name == "__init__.py"
    base = name.split(".") if name not in ("__init__",) else []
    here = base if is_package else base[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = here[: len(here) - (node.level - 1)] if node.level > 1 else here
                target = [*anchor, *(node.module.split(".") if node.module else [])]
            elif node.module and node.module.split(".")[0] == "extractor":
                target = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:  # "from . import store" names a module, "from . import x" a name
                if node.module:
                    found.add(".".join(target))
                elif _is_module([*target, alias.name]):
                    found.add(".".join([*target, alias.name]))
                else:  # a name the package face defines: the import is of its __init__
                    found.add(".".join(target) or "__init__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "extractor":
                    found.add(".".join(alias.name.split(".")[1:]))
    return {f for f in found if f}


def _stage(dotted: str) -> int:
    return STAGES.get(dotted.split(".")[0], STAGES.get(dotted, -1))


MODULES = _modules()
GRAPH = {name: {t for t in _imports(name, path) if _stage(t) >= 0} for name, path in MODULES.items()}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_run_down_the_stages(name):
    if name in ("", "__init__", "__main__") or "." not in name and name not in STAGES:
        pytest.skip("the package face")
    mine = _stage(name)
    upward = sorted(t for t in GRAPH[name] if _stage(t) > mine)
    assert not upward, f"extractor.{name} (stage {mine}) imports a later stage: {upward}"


def test_no_import_cycles():
    # module-level graph: a → b when a imports b (or something inside b)
    def resolve(target: str) -> str | None:
        while target and target not in MODULES:
            target = target.rpartition(".")[0]
        return target or None

    edges = defaultdict(set)
    for name, targets in GRAPH.items():
        for t in targets:
            r = resolve(t)
            if r and r != name and not name.startswith(r + "."):  # a package's own face is fine
                edges[name].add(r)
    seen, stack, cycles = set(), [], []

    def visit(n):
        if n in stack:
            cycles.append(stack[stack.index(n):] + [n])
            return
        if n in seen:
            return
        seen.add(n)
        stack.append(n)
        for m in sorted(edges[n]):
            visit(m)
        stack.pop()

    for n in sorted(MODULES):
        visit(n)
    assert not cycles, "import cycles: " + "; ".join(" → ".join(c) for c in cycles)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_are_small(name):
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"extractor.{name} has {lines} lines (at most {MAX_LINES}: split it by job)"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_public_functions_have_docstrings(name):
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    missing = [n.name for n in tree.body
               if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
               and not n.name.startswith("_") and not ast.get_docstring(n)]
    assert not missing, f"extractor.{name}: public without a docstring: {missing}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_failures_raise_our_error_classes(name):
    """Library failures raise a class from extractor/errors.py, never a bare built-in exception."""
    bare = {"ValueError", "Exception", "RuntimeError", "KeyError", "TypeError", "LookupError"}
    raised = [node.exc.func.id for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8")))
              if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
              and isinstance(node.exc.func, ast.Name) and node.exc.func.id in bare]
    assert not raised, f"extractor.{name} raises {raised}: use (or add) a class in extractor/errors.py"


def test_no_name_is_defined_twice_or_used_undefined():
    # pyflakes' redefinitions and undefined names in the package, its bench and scripts (a module
    # constant defined again further down silently changes what the code above it meant)
    from pyflakes import api, messages, reporter

    wanted = (messages.RedefinedWhileUnused, messages.UndefinedName, messages.UndefinedLocal,
              messages.UndefinedExport, messages.DuplicateArgument)
    found = []

    class Collect(reporter.Reporter):
        def __init__(self):
            super().__init__(None, None)

        def flake(self, message):
            if isinstance(message, wanted):
                found.append(str(message))

        def unexpectedError(self, filename, msg):
            found.append(f"{filename}: {msg}")

        def syntaxError(self, filename, msg, lineno, offset, text):
            found.append(f"{filename}:{lineno}: {msg}")

    root = Path(__file__).resolve().parent.parent
    for folder in ("extractor", "bench", "scripts", "tests"):
        for path in sorted((root / folder).rglob("*.py")):
            api.checkPath(str(path), Collect())
            if folder != "extractor":
                continue
            # a module-level name of the package bound twice (pyflakes lets a variable be rebound): the second
            # silently replaces what the code between meant (forms/flatten.py's _FIGURE in round 13)
            bound = defaultdict(int)
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                targets = node.targets if isinstance(node, ast.Assign) else (
                    [node.target] if isinstance(node, ast.AnnAssign) and node.value is not None else [])
                names = [e for t in targets for e in (t.elts if isinstance(t, ast.Tuple) else [t])]
                for name in (n.id for n in names if isinstance(n, ast.Name)):  # not x[k] = …
                    bound[name] += 1
            found += [f"{path.relative_to(root)}: {name} bound {n} times" for name, n in bound.items() if n > 1]
    assert found == []
