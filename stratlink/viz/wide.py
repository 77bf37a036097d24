"""Rendering the result of ``stratlink import-wide`` (text or the spec's JSON)."""

from __future__ import annotations

import json

from stratlink.i18n import WIDE_WORDS as WORDS
from stratlink.viz.table import clip, render_table


def _words(lang: str) -> dict:
    return WORDS["th" if lang == "th" else "en"]


def summary_line(result, lang: str = "en") -> str:
    return _words(lang)["summary"].format(**result.summary(), **result.matches)


def render_import(result, fmt: str = "text", lang: str = "en") -> str:
    """The import's findings: ``json`` is ``{summary, findings, matches}``."""
    if fmt == "json":
        return json.dumps(result.to_dict(lang), ensure_ascii=False, indent=2) + "\n"
    if fmt != "text":
        raise ValueError(f"unknown format '{fmt}' (choose from text, json)")
    w = _words(lang)
    s = result.summary()
    lines = [w["sheet"].format(sheet=result.sheet.sheet_file, row=s["header_row"], map=s["map"])]
    lines += [w["column"].format(title=c["title"], plan=c["plan"], use=w["use"][c["use"]])
              for c in s["columns"]]
    if s["ignored_columns"]:
        lines.append(w["ignored"].format(titles=", ".join(f"'{t}'" for t in s["ignored_columns"])))
    lines.append("")
    if result.findings:
        rows = [[w["severity"].get(f.severity, f.severity), f.code, clip(f.subject, 24),
                 clip(", ".join(f.related), 30), "" if f.location is None else str(f.location.row or ""),
                 clip((f.location.column or "") if f.location else "", 30), f.message(lang)]
                for f in result.findings]
        lines.append(render_table(w["headers"], rows))
    else:
        lines.append(w["none"])
    lines += ["", summary_line(result, lang)]
    if s["plans_load_findings"]:
        lines.append(w["plans"].format(n=s["plans_load_findings"]))
    return "\n".join(lines) + "\n"

