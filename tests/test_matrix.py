"""The linkage matrix: primary / secondary / empty, and its csv, markdown and xlsx forms."""

from __future__ import annotations

from openpyxl import load_workbook

from stratlink.loaders.testing import graph_from_csv
from stratlink.queries import matrix
from stratlink.viz.output import render_matrix, write_matrix_xlsx


def graph():
    return graph_from_csv(
        plans="id,level,name_en\nNS,national,NS\nMP,master,MP\nPV,province,PV",
        elements="""
            id,plan_id,kind,name_en,parent_id
            S1,NS,strategy,S1,
            S2,NS,strategy,S2,
            S3,NS,strategy,S3,
            S1a,NS,sub,S1a,S1
            M1,MP,target,M1,
            I1,PV,issue,I1,
            G1,PV,goal,G1,I1
        """,
        projects="""
            id,plan_id,name_th
            B,PV,โครงการข
            A,PV,โครงการก
        """,
        links="""
            source_id,target_id,relation,role
            A,G1,,
            I1,M1,aligns_with,
            M1,S1a,,
            A,S2,,secondary
            B,M1,,secondary
            B,S2,,
            B,S3,conflicts_with,
            M1,S2,,secondary
        """)


def test_cells_primary_secondary_empty():
    m = matrix(graph())
    assert m.projects == ("A", "B") and m.tops == ("S1", "S1a", "S2", "S3")
    # A -> G1 -(parent)-> I1 -> M1 -> S1a -(parent)-> S1: all primary
    assert m.cells[0] == ("primary", "primary", "secondary", "")
    # B reaches M1 only through a secondary link; S2 directly (primary)
    assert m.cells[1] == ("secondary", "secondary", "primary", "")
    assert m.cell("B", "S2") == "primary"


def test_matrix_forms(tmp_path):
    g = graph()
    m = matrix(g)
    assert render_matrix(m, "csv").splitlines() == [
        "project,S1,S1a,S2,S3", "A,primary,primary,secondary,", "B,secondary,secondary,primary,"]
    md = render_matrix(m, "markdown", g).splitlines()
    assert md[0] == "| project | name | S1 | S1a | S2 | S3 |"
    assert md[2] == "| A | โครงการก | primary | primary | secondary |  |"
    path = write_matrix_xlsx(m, tmp_path / "m.xlsx", g)
    rows = list(load_workbook(path).active.iter_rows(values_only=True))
    assert rows[0] == ("project", "name", "S1", "S1a", "S2", "S3")
    assert rows[2] == ("B", "โครงการข", "secondary", "secondary", "primary", None)
