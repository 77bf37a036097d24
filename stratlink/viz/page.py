"""One-file HTML pages: stratlink's own templates with every script, style and datum
inline (no CDN, no remote URL, no font download), and the escaping rules.

User text reaches a page in exactly two ways, both safe:

* as JSON inside ``<script type="application/json">``, written by :func:`embed_json`
  (``<``, ``>``, ``&``, U+2028 and U+2029 escaped, so neither ``</script>`` nor
  ``<!--`` can end or change the block); the page's script reads it with
  ``JSON.parse`` and puts text in with ``textContent`` only;
* as HTML text or attribute values written in Python, through :func:`esc`.

>>> embed_json({"name": "</script><img src=x onerror=alert(1)>"})
'{"name": "\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
>>> esc('<b title="x">&')
'&lt;b title=&quot;x&quot;&gt;&amp;'
"""

from __future__ import annotations

import html
import json
import os
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path

from stratlink.errors import InputError

#: Thai-capable system fonts first (no font is downloaded), then generic ones.
FONT_STACK = ("'Noto Sans Thai', 'Noto Sans Thai UI', Sarabun, 'TH Sarabun New', Laksaman, Loma, "
              "Garuda, Waree, Tahoma, 'Leelawadee UI', Thonburi, 'Noto Sans', 'DejaVu Sans', "
              "Arial, sans-serif")

_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def embed_json(value: object) -> str:
    """JSON text that is safe inside a ``<script>`` element (see the module doc)."""
    text = json.dumps(value, ensure_ascii=False)
    for ch, rep in _JSON_ESCAPES.items():
        text = text.replace(ch, rep)
    return text


def esc(value: object) -> str:
    """HTML-escape text for element content and quoted attribute values."""
    return html.escape("" if value is None else str(value), quote=True)


@cache
def asset(name: str) -> str:
    """The text of a file in ``stratlink/viz/assets``."""
    return resources.files("stratlink.viz").joinpath("assets", name).read_text(encoding="utf-8")


def script_text(code: str) -> str:
    """JavaScript made safe to inline in ``<script>`` (a ``</script`` inside would end it)."""
    return code.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


def render(template: str, **parts: str) -> str:
    """Fill ``{{NAME}}`` slots of an asset template with already-safe text."""
    out = asset(template)
    for key, value in parts.items():
        out = out.replace("{{" + key + "}}", value)
    return out


def vendor_parts() -> dict[str, str]:
    """The inline vis-network CSS and JavaScript, and stratlink's own CSS and script."""
    return {
        "VIS_CSS": asset("vis-network.min.css"),
        "VIS_JS": script_text(asset("vis-network.min.js")),
        "CSS": asset("stratlink.css").replace("__FONT_STACK__", FONT_STACK),
        "MAP_JS": script_text(asset("map.js")),
    }


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) atomically, with the mode a plain ``open()`` gives: a
    reader never sees half a page, and a failed write leaves the old file.
    :class:`~stratlink.errors.InputError` when the folder cannot be written."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".stratlink-", suffix=path.suffix, dir=path.parent)
    except OSError as exc:
        raise InputError.keyed("error.write.cannot_write_here", path=path, reason=exc.strerror or exc) from None
    umask = os.umask(0)
    os.umask(umask)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path
