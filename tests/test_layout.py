"""The tree is a pipeline: imports only point down its stages, no module imports itself back
through others, and the command line starts without numpy or any extractor."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT

STAGES = ("foundation", "text", "data", "gold", "scoring", "run", "gate", "report", "cli")
"""The order of the stages (bench/__init__.py's docstring, README "Layout"): a module may
import modules of its own stage or of a stage before it, never one after it."""

_FOUNDATION = {"bench", "bench.errors", "bench.files", "bench.schema", "bench.__main__"}


def stage(module: str) -> str:
    """The stage a module of bench/ or extractors/ belongs to."""
    if module in _FOUNDATION:
        return "foundation" if module != "bench.__main__" else "cli"
    if module.startswith("extractors"):
        return "data"  # adapters: text tools in, text out; the runner and drafts use them
    return module.split(".")[1]


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Every module of bench/ and extractors/ and the project modules it imports anywhere in
    its body (at the top, inside functions, under TYPE_CHECKING)."""
    graph: dict[str, set[str]] = {}
    for top in ("bench", "extractors"):
        for path in sorted((ROOT / top).rglob("*.py")):
            name = _module_name(path)
            imported: set[str] = set()
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    imported |= {alias.name for alias in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    imported.add(node.module)
                    imported |= {f"{node.module}.{alias.name}" for alias in node.names}
            graph[name] = imported
    return {name: {target for target in targets if target in graph and target != name}
            for name, targets in graph.items()}


def test_imports_only_point_down_the_pipeline() -> None:
    wrong = [f"{module} ({stage(module)}) imports {target} ({stage(target)})"
             for module, targets in import_graph().items() for target in sorted(targets)
             if STAGES.index(stage(target)) > STAGES.index(stage(module))]
    assert wrong == []


def test_no_import_cycle() -> None:
    graph = import_graph()
    cycles: list[list[str]] = []
    state: dict[str, str] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = "open"
        for target in sorted(graph[module]):
            if state.get(target) == "open":
                cycles.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target, [*path, target])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    # A package's __init__ importing its own submodule is not a cycle of the pipeline.
    real = [cycle for cycle in cycles
            if not all(cycle[0].startswith(m) or m.startswith(cycle[0]) for m in cycle)]
    assert real == []


def test_scoring_reads_plain_data_only() -> None:
    """Metrics and summaries work on texts, gold and statistics: of the data stage they may
    use only the page model, never a format, a file or the network."""
    graph = import_graph()
    wrong = [f"{module} imports {target}" for module, targets in graph.items()
             if stage(module) == "scoring" for target in targets
             if stage(target) == "data" and target != "bench.data.page"]
    assert wrong == []


def test_workers_do_not_import_the_runner() -> None:
    assert "bench.run.runner" not in import_graph()["bench.run.workers"]


def _modules_after(code: str) -> set[str]:
    out = subprocess.run([sys.executable, "-c", f"{code}\nimport sys\n"
                          "print('\\n'.join(sorted(sys.modules)))"],
                         capture_output=True, text=True, check=True, cwd=ROOT).stdout
    return set(out.split())


_HEAVY = ("numpy", "trafilatura", "readability", "lxml", "resiliparse", "justext")


@pytest.mark.parametrize("code", [
    "from bench.cli import _parser; _parser()",
    "from bench.run.finished import Run, newest_run",
])
def test_start_up_and_reading_runs_import_nothing_heavy(code: str) -> None:
    """`boilerbench --help` (every command's parser is built for it) and reading a finished
    run import neither numpy nor any extractor or HTML library."""
    loaded = _modules_after(code)
    assert sorted(name for name in loaded if name.split(".")[0] in _HEAVY) == []
    assert not any(name.startswith("extractors.") and name != "extractors.base"
                   for name in loaded)
