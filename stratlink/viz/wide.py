"""Rendering the result of ``stratlink import-wide`` (text or the spec's JSON)."""

from __future__ import annotations

import json

from stratlink.i18n import WIDE_WORDS as WORDS
from stratlink.viz.table import clip, display_width, render_table, wrap


def _words(lang: str) -> dict:
    return WORDS["th" if lang == "th" else "en"]


def summary_line(result, lang: str = "en") -> str:
    return _words(lang)["summary"].format(**result.summary(), **result.matches)


def render_import(result, fmt: str = "text", lang: str = "en", width: int | None = None) -> str:
    """The import's findings: ``json`` is ``{summary, findings, matches}``. With ``width``
    (the terminal's), text lines are wrapped and the table fitted to it."""
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
        lines.append(render_table(w["headers"], rows, width=width,
                                  fit=["", "", "clip", "clip", "", "clip", "wrap"] if width else None))
    else:
        lines.append(w["none"])
    lines += ["", summary_line(result, lang)]
    if s["plans_load_findings"]:
        lines.append(w["plans"].format(n=s["plans_load_findings"]))
    if width:
        lines = [part for line in "\n".join(lines).split("\n")
                 for part in (wrap(line, width) if display_width(line) > width else [line])]
    return "\n".join(lines) + "\n"

