"""The bulk path end to end: stratlink's import files, the real ``neo4j-admin database
import`` (the Community jars tools/neo4j/server.py fetches), a server started on the
imported database, and the graph read back equal to the workbook.

The workbook has a project name and a link note that span lines, so the import needs
the importer's multi-line parser for exactly the files that hold them (and only for
them, as the importer's manual advises).
"""

from __future__ import annotations

import csv
import shutil

import pytest
from neo4j_fixture import load_server_module

from stratlink.loaders import load
from stratlink.neo4j.bulk import write_import_files
from stratlink.neo4j.engine import CypherEngine
from stratlink.neo4j.store import read_neo4j
from stratlink.queries.nx_engine import NetworkXEngine

pytestmark = pytest.mark.neo4j


def _with_line_breaks(src, dst):
    shutil.copytree(src, dst)
    for sheet, column, text in (("projects", "name_th", "\nบรรทัดที่สอง"), ("links", "note", "\r\nsecond line")):
        path = dst / f"{sheet}.csv"
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
        if column not in rows[0]:
            rows[0].append(column)
            rows[1:] = [r + [""] for r in rows[1:]]
        rows[1][rows[0].index(column)] += text
        with open(path, "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(rows)
    return dst


@pytest.fixture(scope="module")
def imported(tmp_path_factory, request):
    import neo4j

    sample = request.config.rootpath / "examples" / "roiet-2561"
    folder = _with_line_breaks(sample, tmp_path_factory.mktemp("bulk") / "roiet")
    graph = load(folder)
    files = write_import_files(graph, tmp_path_factory.mktemp("bulk") / "files")
    server = load_server_module()
    home, _ = server.bulk_import(files.arguments)
    info = server.start(home=home, watch_parent=True)
    driver = neo4j.GraphDatabase.driver(info.uri, auth=(info.user, info.password))
    try:
        yield graph, files, driver
    finally:
        driver.close()
        server.stop(info)
        shutil.rmtree(home, ignore_errors=True)


def test_only_the_files_with_line_breaks_are_read_as_multi_line(imported):
    graph, files, _ = imported
    names = sorted(p.name.split("-", 1)[1] for p in files.multiline)
    link_files = ("CONTRIBUTES_TO-", "ALIGNS_WITH-", "CONFLICTS_WITH-", "link_rows")
    assert len(names) == 2 and "projects.csv" in names, names
    assert any(n.startswith(link_files) for n in names), names
    assert "--multiline-fields-format=v2" in files.arguments
    option = next(a for a in files.arguments if a.startswith("--multiline-fields="))
    assert sorted(option.split("=", 1)[1].split(",")) == sorted(str(p) for p in files.multiline)


def test_the_imported_graph_is_the_workbook(imported):
    graph, _, driver = imported
    back = read_neo4j(driver)
    assert back.same_content(graph)
    broken = [p for p in graph.projects.values() if p.name_th and "\n" in p.name_th]
    assert len(broken) == 1 and back.projects[broken[0].id].name_th == broken[0].name_th
    assert sum(1 for lk in back.links if lk.note and "\r\n" in lk.note) == 1


def test_cypher_check_of_the_imported_graph_equals_networkx(imported):
    graph, _, driver = imported
    assert CypherEngine(driver).check() == NetworkXEngine(graph).check()


def test_no_multi_line_option_without_line_breaks(tmp_path, request):
    graph = load(request.config.rootpath / "examples" / "roiet-2561")
    files = write_import_files(graph, tmp_path / "files")
    assert files.multiline == []
    assert not any(a.startswith("--multiline-fields") for a in files.arguments)
