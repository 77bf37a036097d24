"""Every user-facing string of the map and the report, in English and Thai.

The words live in the one catalogue, :mod:`stratlink.i18n` (keys ``viz.<key>``).

>>> word("projects", "th"), word("projects", "en")
('โครงการ', 'projects')
>>> word("no such key", "en")
'no such key'
"""

from __future__ import annotations

from stratlink.i18n import CATALOGUE


def word(key: str, lang: str = "en", **values: object) -> str:
    """The text for ``key`` in ``lang`` ('th' or 'en'), with ``{name}`` slots filled.
    An unknown key is returned as it is."""
    entry = CATALOGUE.get("viz." + key)
    text = key if entry is None else entry["th" if lang == "th" else "en"]
    return text.format(**values) if values else text
