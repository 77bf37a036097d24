"""The notebooks in notebooks/: committed without outputs, using only the public API,
and each runs top to bottom in a fresh kernel (issue 9).

A notebook runs in a scratch copy of the notebooks folder (next to a link to the
repository's examples/), so what it writes (``out/``) never lands in the checkout.
The Neo4j notebook gets the session's test server through NEO4J_URI / NEO4J_USER /
NEO4J_PASSWORD, as a reader would give it theirs.
"""

from __future__ import annotations

import re
import shutil

import pytest
from conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
ALL = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
NEO4J = "03_neo4j_cypher.ipynb"
EXPECTED = ["01_workshop_one_plan.ipynb", "02_analyst_traceability.ipynb", NEO4J, "04_your_own_plan.ipynb"]
#: stratlink modules a notebook may import besides the package itself
PUBLIC_MODULES = {"stratlink", "stratlink.neo4j"}


def _read(name):
    nbformat = pytest.importorskip("nbformat")
    return nbformat.read(NOTEBOOKS / name, as_version=4)


def test_the_four_notebooks_are_there():
    assert set(EXPECTED) <= set(ALL)


@pytest.mark.parametrize("name", ALL)
def test_committed_without_outputs(name):
    nb = _read(name)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{name}: a code cell has outputs; clear them before committing"
            assert cell.execution_count is None, f"{name}: a code cell has an execution count"


@pytest.mark.parametrize("name", ALL)
def test_only_the_public_api(name):
    nb = _read(name)
    code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "import stratlink as sl" in code
    used = set(re.findall(r"^\s*(?:from|import)\s+(stratlink[\w.]*)", code, re.M))
    assert used <= PUBLIC_MODULES, f"{name} imports {sorted(used - PUBLIC_MODULES)}"


@pytest.mark.parametrize("name", ALL)
def test_speaks_thai_and_english(name):
    nb = _read(name)
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    thai = re.compile("[\u0e01-\u0e5b]")
    latin = re.compile("[A-Za-z]{4,}")
    assert markdown and all(thai.search(m) and latin.search(m) for m in markdown[:1])
    assert sum(1 for m in markdown if thai.search(m)) >= len(markdown) * 0.8


def _execute(name, tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    work = tmp_path / "notebooks"
    work.mkdir()
    shutil.copy(NOTEBOOKS / name, work / name)
    (tmp_path / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    monkeypatch.setenv("MPLBACKEND", "Agg")
    nb = nbformat.read(work / name, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=600, kernel_name="python3",
                                     resources={"metadata": {"path": str(work)}})
    client.execute()  # raises CellExecutionError, naming the cell, on any error
    return nb


@pytest.mark.parametrize("name", [n for n in ALL if n != NEO4J])
def test_notebook_runs(name, tmp_path, monkeypatch):
    _execute(name, tmp_path, monkeypatch)


@pytest.mark.skipif(NEO4J not in ALL, reason="no Neo4j notebook")
def test_neo4j_notebook_runs(neo4j_server, tmp_path, monkeypatch):
    monkeypatch.setenv("NEO4J_URI", neo4j_server.uri)
    monkeypatch.setenv("NEO4J_USER", neo4j_server.user)
    monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    _execute(NEO4J, tmp_path, monkeypatch)
