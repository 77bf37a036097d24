"""Plain-text tables that keep Thai text aligned.

Thai vowels above and below the line and tone marks take no column of their
own, so widths come from ``wcwidth``, not ``len``.

>>> print(render_table(["id", "ชื่อ"], [["P1", "ร้อยเอ็ด"], ["P22", "ข้าว"]]))
id   ชื่อ
---  ------
P1   ร้อยเอ็ด
P22  ข้าว
"""

from __future__ import annotations

from wcwidth import wcswidth, wcwidth


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes (combining marks 0, wide characters 2)."""
    width = wcswidth(text)
    if width >= 0:
        return width
    return sum(max(wcwidth(c), 0) for c in text)


def pad(text: str, width: int, align: str = "<") -> str:
    gap = max(0, width - display_width(text))
    return (" " * gap + text) if align == ">" else (text + " " * gap)


def clip(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` columns, marking the cut with '…'.

    >>> clip("ข้าวหอมมะลิ", 5)
    'ข้าวห…'
    """
    if display_width(text) <= width:
        return text
    out, used = "", 0
    for ch in text:
        w = max(wcwidth(ch), 0)
        if used + w > width - 1:
            break
        out += ch
        used += w
    return out + "…"


def render_table(headers, rows, aligns=None, gap: int = 2) -> str:
    """Render ``rows`` (lists of cells) under ``headers``; ``aligns`` per column '<' or '>'."""
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    heads = [str(h) for h in headers]
    widths = [display_width(h) for h in heads]
    for row in cells:
        for i, c in enumerate(row):
            widths[i] = max(widths[i], display_width(c))
    aligns = aligns or ["<"] * len(heads)
    sep = " " * gap
    lines = [sep.join(pad(h, widths[i], aligns[i]) for i, h in enumerate(heads)).rstrip(),
             sep.join("-" * w for w in widths)]
    for row in cells:
        lines.append(sep.join(pad(c, widths[i], aligns[i]) for i, c in enumerate(row)).rstrip())
    return "\n".join(lines)
