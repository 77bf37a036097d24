"""Build a PlanGraph from compact CSV text in memory, through the real workbook loader
(so rows, load findings and value parsing are exactly those of a CSV folder).

>>> g = graph_from_csv(plans='''
...     id,level,name_en
...     NS,national,National Strategy
... ''', elements="id,plan_id,kind,name_en\\nS1,NS,strategy,Security")
>>> g.elements["S1"].row, sorted(g.sheets)
(2, ['elements', 'links', 'plans', 'projects'])
"""

from __future__ import annotations

import csv
import io
import textwrap

from stratlink.graph_model import TH_ONE_PLAN, PlanGraph, Policy
from stratlink.loaders.sheets import RawSheet
from stratlink.loaders.workbook import build_graph

#: The sheets every workbook has (given empty when a test leaves them out).
REQUIRED = {
    "plans": "id,level,name_en",
    "elements": "id,plan_id,kind,name_en",
    "projects": "id,plan_id,name_en",
    "links": "source_id,target_id",
}


def graph_from_csv(policy: Policy | None = None, **sheets: str) -> PlanGraph:
    """``sheets``: sheet name -> CSV text (indentation and blank lines are ignored).

    The required sheets default to a header only; optional sheets (``areas``,
    ``value_chains``, ``organizations``) exist only when given.
    """
    texts = dict(REQUIRED)
    texts.update(sheets)
    raw = {}
    for name, text in texts.items():
        lines = [ln for ln in textwrap.dedent(text).strip("\n").splitlines()]
        records = list(csv.reader(io.StringIO("\n".join(ln.strip() for ln in lines))))
        header = [h.strip().lower() for h in records[0]]
        sheet = RawSheet(name, f"{name}.csv", header)
        for index, rec in enumerate(records[1:], start=2):
            cells = [c.strip() or None for c in rec]
            if not any(cells):
                continue
            sheet.rows.append((index, {h: (cells[i] if i < len(cells) else None)
                                       for i, h in enumerate(header)}))
        raw[name] = sheet
    return build_graph(raw, policy or TH_ONE_PLAN)
