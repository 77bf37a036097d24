"""Small helpers shared by the tests."""

from __future__ import annotations

import textwrap
from pathlib import Path

MINIMAL = {
    "plans": "id,level,name_en\n",
    "elements": "id,plan_id,kind,name_en,parent_id\n",
    "projects": "id,plan_id,name_en\n",
    "links": "source_id,target_id,relation,role\n",
}


def write_sheets(folder: Path, encoding: str = "utf-8", **sheets: str) -> Path:
    """A CSV workbook folder; required sheets not given are written empty."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {**MINIMAL, **sheets}.items():
        if text is None:
            continue
        (folder / f"{name}.csv").write_bytes(textwrap.dedent(text).lstrip("\n").encode(encoding))
    return folder
