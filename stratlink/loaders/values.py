"""Cell values: parsing workbook text into typed values and formatting them back.

>>> parse_year("๒๕๖๑")
(2018, 'BE')
>>> parse_year("2018")
(2018, 'CE')
>>> parse_budget("1,250,000")
Decimal('1250000')
>>> parse_enum("stage", "ต้นทาง")
'upstream'
>>> format_year(2018, "BE"), format_budget(parse_budget("12.50"))
('2561', '12.5')
"""

from __future__ import annotations

import difflib
import re
from decimal import Decimal, InvalidOperation

from stratlink.graph_model.model import AREA_KINDS, RELATIONS, ROLES, SECTORS, STAGES, THAI_WORDS

#: Most digits a budget may have (docs/limits.md; stratlink.loaders.safety.LIMITS).
MAX_BUDGET_DIGITS = 18

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
BE_THRESHOLD = 2400
BE_OFFSET = 543
#: C.E. years accepted: from 1857 (B.E. 2400, so that every year can be written in
#: either era and read back) to 2300
YEAR_MIN, YEAR_MAX = BE_THRESHOLD - BE_OFFSET, 2300

ENUMS = {
    "stage": STAGES,
    "relation": RELATIONS,
    "role": ROLES,
    "area_kind": AREA_KINDS,
    "sector": SECTORS,
}
_THAI_KEY = {"stage": "stage", "relation": "relation", "role": "role", "area_kind": "kind",
             "sector": "sector"}

TRUE_WORDS = {"true", "yes", "y", "1", "ใช่", "จริง", "t"}
FALSE_WORDS = {"false", "no", "n", "0", "ไม่ใช่", "ไม่", "เท็จ", "f"}
#: the Thai yes and no a drop-down of the template offers
THAI_BOOLS = ("ใช่", "ไม่ใช่")

_ERA_PREFIX = re.compile(r"^(พ\.?\s?ศ\.?|b\.?\s?e\.?|ค\.?\s?ศ\.?|c\.?\s?e\.?|a\.?\s?d\.?)\s*", re.I)


class ValueProblem(ValueError):
    """A cell that breaks its column's rule; ``reason`` is a key of messages.REASONS."""

    def __init__(self, reason: str, **args) -> None:
        super().__init__(reason)
        self.reason = reason
        self.args_ = args


def clean(value) -> str | None:
    """Trim a cell; empty cells are absent (None)."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def parse_year(text: str) -> tuple[int, str]:
    """A fiscal year as (C.E. year, era of the input). B.E. when >= 2400."""
    raw = text.translate(THAI_DIGITS).strip()
    era_word = None
    m = _ERA_PREFIX.match(raw)
    if m:
        word = m.group(1).lower().replace(" ", "").replace(".", "")
        era_word = "BE" if word in ("พศ", "be") else "CE"
        raw = raw[m.end():]
    if raw.endswith(".0"):  # a spreadsheet number cell
        raw = raw[:-2]
    if re.fullmatch(r"\d,\d{3}", raw):  # a thousands separator: 2,561
        raw = raw.replace(",", "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 4:
        raise ValueProblem("not_year")
    year = int(raw)
    era = "BE" if year >= BE_THRESHOLD else "CE"
    if era_word is not None and era_word != era:
        raise ValueProblem("not_year")
    if era == "BE":
        year -= BE_OFFSET
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise ValueProblem("not_year")
    return year, era


def parse_budget(text: str) -> Decimal:
    """Baht, >= 0; thousands separators and Thai digits allowed."""
    raw = text.translate(THAI_DIGITS).strip()
    for suffix in ("บาท", "baht", "THB", "฿"):
        if raw.lower().endswith(suffix.lower()):
            raw = raw[: -len(suffix)].strip()
    raw = raw.lstrip("฿").strip()
    if "," in raw and not re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+(\.\d+)?", raw):
        raise ValueProblem("not_number")
    raw = raw.replace(",", "")
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)", raw):
        raise ValueProblem("not_number")
    digits = sum(ch.isdigit() for ch in raw.lstrip("+-0.")) if raw.strip("+-0.") else 1
    if digits > MAX_BUDGET_DIGITS:
        raise ValueProblem("too_many_digits", limit=MAX_BUDGET_DIGITS)
    try:
        value = Decimal(raw)
    except InvalidOperation:  # pragma: no cover - the pattern above prevents it
        raise ValueProblem("not_number") from None
    if value < 0:
        raise ValueProblem("negative")
    return normalise_decimal(value)


def normalise_decimal(value: Decimal) -> Decimal:
    """One representation per number: 12.50 -> 12.5, 1.0E+3 -> 1000."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def parse_bool(text: str) -> bool:
    word = text.strip().casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueProblem("not_bool")


def parse_enum(kind: str, text: str) -> str:
    """An enumerated value: its English word (any case) or its Thai word; a near miss
    says which word was probably meant.

    >>> parse_enum("stage", "ปลายน้ำ")
    'downstream'
    >>> try:
    ...     parse_enum("stage", "upsteam")
    ... except ValueProblem as exc:
    ...     exc.args_["suggestion"]
    'upstream'
    """
    allowed = ENUMS[kind]
    word = " ".join(text.split())
    low = word.casefold().replace("-", "_").replace(" ", "_")
    if low in allowed:
        return low
    thai = THAI_WORDS.get(_THAI_KEY[kind], {})
    if word in thai:
        return thai[word]
    raise ValueProblem("unknown_word", allowed=", ".join(allowed), allowed_th=thai_choices(allowed, thai),
                       suggestion=closest(word, [*allowed, *thai]))


def thai_choices(allowed, thai: dict[str, str]) -> str:
    """The accepted values as a Thai reader knows them: each value's Thai words, then
    the English word (every wording the loader accepts is named).

    >>> thai_choices(["upstream", "midstream"], {"ต้นทาง": "upstream", "ต้นน้ำ": "upstream"})
    'ต้นทาง/ต้นน้ำ/upstream midstream'
    """
    out = []
    for value in allowed:
        words = [w for w, v in thai.items() if v == value]
        out.append("/".join([*words, value]))
    return " ".join(out)


def closest(word: str, choices) -> str:
    """The choice ``word`` most likely misspells ("upsteam" -> "upstream",
    "ปลายทา" -> "ปลายทาง"), or '' when none is close.

    >>> closest("Provnice", ["national", "province"]), closest("xyz", ["province"])
    ('province', '')
    """
    folded = {c.casefold().replace("_", " "): c for c in choices}
    key = word.casefold().replace("_", " ").replace("-", " ")
    match = difflib.get_close_matches(key, list(folded), n=1, cutoff=0.75)
    return folded[match[0]] if match else ""


def format_year(year: int | None, era: str = "CE") -> str | None:
    if year is None:
        return None
    return str(year + BE_OFFSET if era == "BE" else year)


def format_budget(value: Decimal | None) -> str | None:
    if value is None:
        return None
    return format(value, "f")


def format_bool(value: bool | None) -> str | None:
    if value is None:
        return None
    return "true" if value else "false"


_NAMESPACE = re.compile(r"^[\w\u0e00-\u0e7f][\w\u0e00-\u0e7f.-]*$")


def valid_namespace(text: str) -> bool:
    """Whether ``text`` can name a workbook's namespace: a word character first, then
    word characters (Thai included), '-', '_' or '.'; no ':', '/' or spaces.

    >>> valid_namespace("roiet-2561"), valid_namespace("ร้อยเอ็ด"), valid_namespace("a:b")
    (True, True, False)
    """
    return bool(_NAMESPACE.match(text))


def namespace_from_name(name: str) -> str:
    """A namespace from a file or folder name: its stem, every run of other
    characters replaced by '-'.

    >>> namespace_from_name("Roi Et 2561.xlsx"), namespace_from_name("roiet-2561")
    ('Roi-Et-2561', 'roiet-2561')
    """
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    out = re.sub(r"[^\w\u0e00-\u0e7f.-]+", "-", stem).strip("-.")
    if not out or not valid_namespace(out):
        out = "workbook" + (("-" + out) if out else "")
    return out
