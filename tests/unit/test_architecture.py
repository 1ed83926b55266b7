"""The one-way flow views → components → geo, and no import cycles (../shared/DESIGN.md).

The layer rules themselves are import-linter contracts in pyproject.toml ([tool.importlinter]);
this file runs them, and adds what a contract cannot say: views/ is a folder of page scripts
(no package), and no module may sit in an import cycle.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("geo", "components")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(*PACKAGES)


def test_the_layer_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([lint_imports], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert " 0 broken" in done.stdout


def test_no_module_imports_a_view():
    """Pages run as scripts (st.navigation); code that imported one would run its page."""
    offenders = []
    for path in [ROOT / "app.py", *(p for pkg in PACKAGES for p in (ROOT / pkg).rglob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            rel = path.relative_to(ROOT)
            offenders += [f"{rel}: {n}" for n in names if n.split(".")[0] == "views"]
    assert offenders == []


def test_no_import_cycles(graph: grimp.ImportGraph):
    imports = nx.DiGraph(
        (module, imported)
        for module in graph.modules
        for imported in graph.find_modules_directly_imported_by(module)
    )
    cycles = list(nx.simple_cycles(imports))
    assert cycles == [], f"modules that import each other in a loop: {cycles[:5]}"


def test_the_graph_covers_every_subpackage(graph: grimp.ImportGraph):
    """The checks above see the moved code: every subpackage folder is in the graph."""
    folders = {
        ".".join(p.relative_to(ROOT).parent.parts)
        for pkg in PACKAGES
        for p in (ROOT / pkg).rglob("__init__.py")
    }
    assert folders <= graph.modules
    assert {"geo.store", "geo.analysis", "components.maps", "components.kart"} <= folders
