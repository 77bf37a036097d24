"""Name normalisation (``shared/spec/checks.md``): the one definition, used by the
DUPLICATE_PROJECT check and by the wide-sheet importer's name matching.

>>> normalise_name(" Road\u200b  ๑๒ \\tMoo 3 ") == normalise_name("road 12 MOO 3")
True
"""

from __future__ import annotations

import re
import unicodedata

_THAI_DIGITS = {0x0E50 + i: str(i) for i in range(10)}
_ZERO_WIDTH = {0x200B: None, 0x200C: None, 0x200D: None, 0xFEFF: None}
_SPACES = re.compile(r"\s+")
_SPECIAL = re.compile("[\u0e50-\u0e59\u200b-\u200d\ufeff]")


def normalise_name(name: str) -> str:
    """NFC, Thai digits to ASCII, zero-width characters removed, white space
    collapsed, trimmed, casefolded."""
    text = unicodedata.normalize("NFC", name)
    if _SPECIAL.search(text):
        text = text.translate(_THAI_DIGITS).translate(_ZERO_WIDTH)
    return _SPACES.sub(" ", text).strip().casefold()
