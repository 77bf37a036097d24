"""Matching a label from a wide sheet to an element of one plan
(``shared/spec/wide-sheet.md``, "Matching a value to an element").

Rules, in order; the first rule that matches at all decides (one element: a
match; several: ambiguous):

1. **code**: after an optional leading word (ด้าน, ประเด็นที่, หมุดหมายที่, ...,
   Strategy, Issue, ...), the value starts with numbers joined by dots (Thai digits
   allowed); it matches the elements whose ``code`` has the same numbers
   ("3" = "03" = "๓", "3.4" = "03.4"). A code no element has does not match.
2. **name**: the value, or the value without its leading word and code, equals an
   element's ``name_th`` or ``name_en`` after checks.md's name normalisation.
3. **fuzzy**: the similarity of two normalised texts is rapidfuzz's
   ``fuzz.ratio / 100`` (1 - normalised Indel distance: 2 x matching characters /
   total characters). An element's score is the better of the value's and the
   value-without-code's similarity to its normalised ``name_th`` (``name_en`` when it
   has no Thai name). The best element wins when its score is at least
   :data:`FUZZY_THRESHOLD` and at least :data:`FUZZY_MARGIN` above every other
   element's. When the best reaches the threshold but another element is within
   the margin, the value is ambiguous between the elements within the margin.

>>> from stratlink.graph_model import Element
>>> idx = PlanIndex([Element("S2", "NS", "strategy", code="2",
...                          name_th="ยุทธศาสตร์ชาติด้านการสร้างความสามารถในการแข่งขัน"),
...                  Element("S4", "NS", "strategy", code="4", name_en="Social Cohesion")])
>>> idx.match("ด้าน ๒ การสร้างความสามารถในการแข่งขัน")
Match(outcome='code', elements=('S2',), score=None)
>>> idx.match("social  cohesion").outcome, idx.match("Strategy 9").outcome
('name', 'unmatched')
>>> m = idx.match("ยุทธศาสตร์ชาติด้านการสร้างความสามารถในการแข่งขั")
>>> m.outcome, m.elements, m.score >= FUZZY_THRESHOLD
('fuzzy', ('S2',), True)
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from stratlink.errors import MissingDependency
from stratlink.graph_model import Element
from stratlink.graph_model.names import normalise_name

#: the least similarity (0..1) a fuzzy match needs
FUZZY_THRESHOLD = 0.85
#: how far the best fuzzy score must be above the next element's
FUZZY_MARGIN = 0.05

OUTCOMES = ("code", "name", "fuzzy", "unmatched", "ambiguous")

#: words that may precede a code (longest first so that "ประเด็นที่" wins over "ประเด็น")
LEADING_WORDS = sorted([
    "ด้านที่", "ด้าน", "ยุทธศาสตร์ที่", "ประเด็นยุทธศาสตร์ที่", "ประเด็นที่", "ประเด็น",
    "แผนแม่บทที่", "แผนย่อยที่", "หมุดหมายที่", "เป้าหมายที่", "เป้าประสงค์ที่", "กลยุทธ์ที่",
    "แนวทางที่", "แผนงานที่",
    "strategy no.", "strategy", "issue no.", "issue", "master plan no.", "master plan", "sub-plan",
    "subplan", "sub plan", "milestone", "target", "goal", "tactic", "guideline", "approach",
    "programme", "program", "no.",
], key=len, reverse=True)
#: words that may precede an area's name in a cell (province, district, sub-district)
AREA_PREFIXES = ("จังหวัด", "อำเภอ", "ตำบล", "จ.", "อ.", "ต.")
_LEADING = re.compile(r"^(?:" + "|".join(re.escape(w) for w in LEADING_WORDS) + r")\s*", re.I)
_DIGIT = "0-9\u0e50-\u0e59"
_CODE = re.compile(rf"^([{_DIGIT}]+(?:\.[{_DIGIT}]+)*)\.?(?![{_DIGIT}])")
_CODE_ONLY = re.compile(rf"^\s*([{_DIGIT}]+(?:\.[{_DIGIT}]+)*)\.?\s*$")
_AFTER_CODE = re.compile(r"^[\s:：\-–—)\]]*")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def code_key(code: str | None) -> tuple[int, ...] | None:
    """The numbers of an element's code, or None when it is not numbers joined by dots.

    >>> code_key("03.4"), code_key("๓.๔"), code_key("MP03"), code_key(None)
    ((3, 4), (3, 4), None, None)
    """
    if not code:
        return None
    m = _CODE_ONLY.match(code)
    return _numbers(m.group(1)) if m else None


def _numbers(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.translate(_THAI_DIGITS).split("."))


def split_label(value: str) -> tuple[tuple[int, ...] | None, str]:
    """(the code's numbers or None, the value without its leading word and code).

    >>> split_label("ประเด็นที่ 3 การเกษตร")
    ((3,), 'การเกษตร')
    >>> split_label("1.2: ยกระดับการแปรรูป")
    ((1, 2), 'ยกระดับการแปรรูป')
    >>> split_label("ด้านการเกษตร")
    (None, 'การเกษตร')
    """
    rest = value.strip()
    m = _LEADING.match(rest)
    if m:
        rest = rest[m.end():]
    code = None
    c = _CODE.match(rest)
    if c:
        code = _numbers(c.group(1))
        rest = rest[c.end():]
        rest = rest[_AFTER_CODE.match(rest).end():]
    return code, rest.strip()


@dataclass(frozen=True)
class Match:
    """How one value matched: ``outcome`` is one of :data:`OUTCOMES`; ``elements``
    the matched element (one) or the candidates (ambiguous, sorted); ``score`` the
    fuzzy similarity (fuzzy and fuzzy-ambiguous only)."""

    outcome: str
    elements: tuple[str, ...] = ()
    score: float | None = None


def _ratio():
    try:
        from rapidfuzz import fuzz  # optional (stratlink[wide]): only when rule 3 is needed
    except ImportError:  # pragma: no cover - rapidfuzz is in the 'wide' extra
        raise MissingDependency("rapidfuzz", "wide", "Fuzzy matching of wide-sheet labels") from None
    return fuzz.ratio


class PlanIndex:
    """The elements of one plan, indexed for the three rules."""

    def __init__(self, elements: Iterable[Element]) -> None:
        self.by_code: dict[tuple[int, ...], list[str]] = defaultdict(list)
        self.by_name: dict[str, set[str]] = defaultdict(set)
        self.fuzzy_names: dict[str, str] = {}
        for el in elements:
            key = code_key(el.code)
            if key is not None:
                self.by_code[key].append(el.id)
            for name in (el.name_th, el.name_en):
                if name:
                    self.by_name[normalise_name(name)].add(el.id)
            name = el.name_th or el.name_en
            if name:
                self.fuzzy_names[el.id] = normalise_name(name)

    def match(self, value: str) -> Match:
        code, rest = split_label(value)
        if code is not None and code in self.by_code:
            return _decide("code", self.by_code[code])
        names = {normalise_name(value)}
        if rest:
            names.add(normalise_name(rest))
        found = set().union(*(self.by_name.get(n, set()) for n in names))
        if found:
            return _decide("name", found)
        return self.fuzzy(names)

    def fuzzy(self, texts: set[str]) -> Match:
        texts = {t for t in texts if t}
        if not texts or not self.fuzzy_names:
            return Match("unmatched")
        ratio = _ratio()
        scores = {eid: max(ratio(t, name) for t in texts) / 100
                  for eid, name in self.fuzzy_names.items()}
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        best_id, best = ranked[0]
        if best < FUZZY_THRESHOLD:
            return Match("unmatched", (), round(best, 3))
        close = [eid for eid, s in ranked if best - s < FUZZY_MARGIN]
        if len(close) == 1:
            return Match("fuzzy", (best_id,), round(best, 3))
        return Match("ambiguous", tuple(sorted(close)), round(best, 3))


def _decide(outcome: str, found) -> Match:
    found = tuple(sorted(set(found)))
    return Match(outcome, found) if len(found) == 1 else Match("ambiguous", found)
