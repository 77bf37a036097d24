"""Plain-text tables that keep Thai text aligned and fit the terminal.

Thai vowels above and below the line and tone marks take no column of their
own, so widths come from ``wcwidth``, not ``len``.

>>> print(render_table(["id", "ชื่อ"], [["P1", "ร้อยเอ็ด"], ["P22", "ข้าว"]]))
id   ชื่อ
---  ------
P1   ร้อยเอ็ด
P22  ข้าว

Given a ``width``, columns marked ``"clip"`` are cut with an ellipsis and the one
column marked ``"wrap"`` is wrapped onto more lines, so that no line is wider:

>>> rows = [["P1", "ข้าวหอมมะลิร้อยเอ็ด", "a long message that wraps"]]
>>> print(render_table(["id", "name", "message"], rows, width=30, fit=["", "clip", "wrap"]))
id  name            message
--  --------------  ----------
P1  ข้าวหอมมะลิร้อยเ…  a long
                    message
                    that wraps
"""

from __future__ import annotations

import os
import shutil

from wcwidth import wcswidth, wcwidth

#: the narrowest a clipped or wrapped column gets
MIN_FIT = 8


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes (combining marks 0, wide characters 2)."""
    width = wcswidth(text)
    if width >= 0:
        return width
    return sum(max(wcwidth(c), 0) for c in text)


def terminal_width(default: int = 100) -> int:
    """The terminal's width in columns (``COLUMNS`` wins; ``default`` when unknown)."""
    env = os.environ.get("COLUMNS", "")
    if env.isdigit() and int(env) > 0:
        return int(env)
    return shutil.get_terminal_size((default, 24)).columns


def pad(text: str, width: int, align: str = "<") -> str:
    gap = max(0, width - display_width(text))
    return (" " * gap + text) if align == ">" else (text + " " * gap)


def _clusters(text: str) -> list[str]:
    """Characters with their combining marks attached (a Thai vowel or tone mark never
    starts a piece, so cutting between pieces never strands one)."""
    out: list[str] = []
    for ch in text:
        if out and wcwidth(ch) == 0:
            out[-1] += ch
        else:
            out.append(ch)
    return out


def clip(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` columns, marking the cut with '…'.

    >>> clip("ข้าวหอมมะลิ", 5)
    'ข้าวห…'
    """
    if display_width(text) <= width:
        return text
    out, used = "", 0
    for piece in _clusters(text):
        w = display_width(piece)
        if used + w > width - 1:
            break
        out += piece
        used += w
    return out + "…"


def wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns: broken at spaces where possible, else between
    characters (Thai is written without spaces between words), never inside a
    character and its marks.

    >>> wrap("ไม่มีโครงการใดสนับสนุน", 8)
    ['ไม่มีโครงก', 'ารใดสนับส', 'นุน']
    >>> wrap("links to nothing", 9)
    ['links to', 'nothing']
    """
    width = max(width, 1)
    lines: list[str] = []
    for para in text.split("\n"):
        line = ""
        for word in para.split(" "):
            candidate = f"{line} {word}" if line else word
            if display_width(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
                line = ""
            while display_width(word) > width:
                head, used = "", 0
                pieces = _clusters(word)
                for i, piece in enumerate(pieces):
                    w = display_width(piece)
                    if used + w > width and head:
                        word = "".join(pieces[i:])
                        break
                    head += piece
                    used += w
                lines.append(head)
            line = word
        lines.append(line)
    return lines


def _fit(widths: list[int], fit: list[str], width: int, gap: int) -> list[int]:
    """Shrink the clip and wrap columns until the row fits ``width`` (or cannot shrink)."""
    widths = list(widths)
    excess = sum(widths) + gap * (len(widths) - 1) - width
    # first the wrapped column, down to a third of the line, then clipped ones, widest first
    order = [i for i, f in enumerate(fit) if f == "wrap"] + \
        sorted((i for i, f in enumerate(fit) if f == "clip"), key=lambda i: -widths[i])
    for floor_share in (3, 0):
        for i in order:
            if excess <= 0:
                return widths
            floor = max(MIN_FIT, width // floor_share) if floor_share and fit[i] == "wrap" else MIN_FIT
            take = min(excess, max(0, widths[i] - floor))
            widths[i] -= take
            excess -= take
    return widths


def render_table(headers, rows, aligns=None, gap: int = 2, width: int | None = None,
                 fit: list[str] | None = None) -> str:
    """Render ``rows`` (lists of cells) under ``headers`` (None: no header lines);
    ``aligns`` per column '<' or '>'.

    With ``width`` (terminal columns) and ``fit`` (per column: ``"clip"``, ``"wrap"``
    or ``""``), the clip columns are cut with '…' and the wrap column wrapped so that
    lines stay within ``width`` where that is possible.
    """
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    show_head = headers is not None
    heads = [str(h) for h in headers] if show_head else [""] * len(cells[0] if cells else [])
    widths = [max(display_width(x) for x in h.split("\n")) for h in heads]  # a header may be wrapped
    for row in cells:
        for i, c in enumerate(row):
            widths[i] = max(widths[i], max((display_width(x) for x in c.split("\n")), default=0))
    aligns = aligns or ["<"] * len(heads)
    fit = fit or [""] * len(heads)
    if width is not None:
        widths = _fit(widths, fit, width, gap)
        if show_head and sum(widths) + gap * (len(widths) - 1) > width:
            # still too wide: break headers at their spaces, down to their data's width
            for i, h in enumerate(heads):
                data = max((display_width(x) for row in cells for x in row[i].split("\n")), default=0)
                if fit[i] == "" and display_width(h) > data and " " in h:
                    heads[i] = "\n".join(wrap(h, data))
                    widths[i] = max(data, *(display_width(x) for x in heads[i].split("\n")))
    sep = " " * gap

    def lines_of(row: list[str]) -> list[str]:
        parts = []
        for i, c in enumerate(row):
            if fit[i] == "wrap":
                parts.append(wrap(c, widths[i]))
            elif fit[i] == "clip":
                parts.append([clip(x, widths[i]) for x in c.split("\n")])
            else:
                parts.append(c.split("\n"))
        height = max(len(p) for p in parts)
        out = []
        for k in range(height):
            out.append(sep.join(pad(p[k] if k < len(p) else "", widths[i], aligns[i])
                                for i, p in enumerate(parts)).rstrip())
        return out

    lines = [*lines_of(heads), sep.join("-" * w for w in widths)] if show_head else []
    for row in cells:
        lines.extend(lines_of(row))
    return "\n".join(lines)
