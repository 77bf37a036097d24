"""Typed records of a plan workbook: one dataclass per sheet.

Every record keeps the columns the spec defines as typed fields, every unknown
extra column in ``extra`` (column name -> text), and the spreadsheet row it came
from in ``row`` (``None`` when it came from RDF or Neo4j).

Values are stored normalised: years in Common Era (``int``), budgets as
``Decimal`` baht, enumerations as their English word, ``local_only`` as ``bool``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar

STAGES = ("upstream", "midstream", "downstream")
RELATIONS = ("contributes_to", "aligns_with", "conflicts_with")
ROLES = ("primary", "secondary")
AREA_KINDS = ("country", "region", "province", "district", "subdistrict", "village")
SECTORS = ("government", "local_government", "private", "civil_society", "academic", "community")

#: Thai words accepted for enumerated values (the English word is canonical).
THAI_WORDS = {
    # both wordings are in common use (workbook.md): ...ทาง and ...น้ำ
    "stage": {"ต้นทาง": "upstream", "กลางทาง": "midstream", "ปลายทาง": "downstream",
              "ต้นน้ำ": "upstream", "กลางน้ำ": "midstream", "ปลายน้ำ": "downstream"},
    "relation": {
        "สนับสนุน": "contributes_to",
        "มีส่วนสนับสนุน": "contributes_to",
        "สอดคล้อง": "aligns_with",
        "สอดคล้องกับ": "aligns_with",
        "ขัดแย้ง": "conflicts_with",
        "ขัดแย้งกับ": "conflicts_with",
    },
    "role": {"หลัก": "primary", "โดยตรง": "primary", "รอง": "secondary", "โดยอ้อม": "secondary"},
    "kind": {  # areas.kind
        "ประเทศ": "country",
        "ภาค": "region",
        "จังหวัด": "province",
        "อำเภอ": "district",
        "ตำบล": "subdistrict",
        "หมู่บ้าน": "village",
    },
    "sector": {
        "ภาครัฐ": "government",
        "รัฐ": "government",
        "องค์กรปกครองส่วนท้องถิ่น": "local_government",
        "อปท.": "local_government",
        "ภาคเอกชน": "private",
        "เอกชน": "private",
        "ภาคประชาสังคม": "civil_society",
        "ประชาสังคม": "civil_society",
        "สถาบันการศึกษา": "academic",
        "วิชาการ": "academic",
        "ชุมชน": "community",
        "ภาคประชาชน": "community",
    },
}


@dataclass
class Record:
    """Base of all sheet records."""

    SHEET: ClassVar[str] = ""
    #: column name -> (type, required); type is one of
    #: id, ref, text, level, year, budget, bool, stage, relation, role, area_kind, sector
    COLUMNS: ClassVar[dict[str, tuple[str, bool]]] = {}

    extra: dict[str, str] = field(default_factory=dict, kw_only=True)
    row: int | None = field(default=None, kw_only=True, compare=False)
    #: the namespace of the workbook the record came from (set when workbooks are
    #: merged, see ``PlanGraph.scope``); not part of the record's content
    namespace: str | None = field(default=None, kw_only=True, compare=False)

    def values(self) -> dict[str, object]:
        """The spec columns that have a value (extra columns not included)."""
        return {c: getattr(self, c) for c in self.COLUMNS if getattr(self, c) is not None}

    @property
    def name(self) -> str:
        """The display name: Thai first, then English, then the id."""
        return getattr(self, "name_th", None) or getattr(self, "name_en", None) or self.key

    @property
    def key(self) -> str:
        return self.id


@dataclass
class Plan(Record):
    SHEET: ClassVar[str] = "plans"
    COLUMNS: ClassVar = {
        "id": ("id", True),
        "level": ("level", True),
        "name_th": ("text", False),
        "name_en": ("text", False),
        "area_id": ("area", False),
        "period_start": ("year", False),
        "period_end": ("year", False),
    }
    id: str
    level: str
    name_th: str | None = None
    name_en: str | None = None
    area_id: str | None = None
    period_start: int | None = None
    period_end: int | None = None


@dataclass
class Element(Record):
    SHEET: ClassVar[str] = "elements"
    COLUMNS: ClassVar = {
        "id": ("id", True),
        "plan_id": ("ref", True),
        "kind": ("text", True),
        "name_th": ("text", False),
        "name_en": ("text", False),
        "parent_id": ("ref", False),
        "code": ("text", False),
        "description": ("text", False),
    }
    id: str
    plan_id: str
    kind: str | None = None
    name_th: str | None = None
    name_en: str | None = None
    parent_id: str | None = None
    code: str | None = None
    description: str | None = None


@dataclass
class Project(Record):
    SHEET: ClassVar[str] = "projects"
    COLUMNS: ClassVar = {
        "id": ("id", True),
        "plan_id": ("ref", True),
        "name_th": ("text", False),
        "name_en": ("text", False),
        "owner": ("text", False),
        "area_id": ("area", False),
        "fiscal_year": ("year", False),
        "budget": ("budget", False),
        "value_chain_id": ("ref", False),
        "stage": ("stage", False),
        "local_only": ("bool", False),
        "status": ("text", False),
    }
    id: str
    plan_id: str
    name_th: str | None = None
    name_en: str | None = None
    owner: str | None = None
    area_id: str | None = None
    fiscal_year: int | None = None
    budget: Decimal | None = None
    value_chain_id: str | None = None
    stage: str | None = None
    local_only: bool | None = None
    status: str | None = None


@dataclass
class Link(Record):
    SHEET: ClassVar[str] = "links"
    COLUMNS: ClassVar = {
        "source_id": ("ref", True),
        "target_id": ("ref", True),
        "relation": ("relation", False),
        "role": ("role", False),
        "asserted_by": ("text", False),
        "note": ("text", False),
    }
    source_id: str
    target_id: str
    relation: str = "contributes_to"
    role: str = "primary"
    asserted_by: str | None = None
    note: str | None = None

    @property
    def key(self) -> str:
        return self.source_id


@dataclass
class ValueChain(Record):
    SHEET: ClassVar[str] = "value_chains"
    COLUMNS: ClassVar = {
        "id": ("id", True),
        "name_th": ("text", False),
        "name_en": ("text", False),
        "serves_id": ("ref", False),
        "area_id": ("area", False),
    }
    id: str
    name_th: str | None = None
    name_en: str | None = None
    serves_id: str | None = None
    area_id: str | None = None


@dataclass
class Area(Record):
    SHEET: ClassVar[str] = "areas"
    COLUMNS: ClassVar = {
        "id": ("id", True),
        "name_th": ("text", False),
        "name_en": ("text", False),
        "kind": ("area_kind", False),
        "parent_id": ("area", False),
    }
    id: str
    name_th: str | None = None
    name_en: str | None = None
    kind: str | None = None
    parent_id: str | None = None


@dataclass
class Organization(Record):
    SHEET: ClassVar[str] = "organizations"
    COLUMNS: ClassVar = {
        "id": ("id", True),
        "name_th": ("text", False),
        "name_en": ("text", False),
        "sector": ("sector", False),
    }
    id: str
    name_th: str | None = None
    name_en: str | None = None
    sector: str | None = None


#: The sheets in the spec's order (the order that decides which duplicate wins).
RECORD_TYPES: tuple[type[Record], ...] = (Plan, Element, Project, ValueChain, Area, Organization, Link)
SHEETS = {t.SHEET: t for t in RECORD_TYPES}
SHEET_ORDER = ("plans", "elements", "projects", "value_chains", "areas", "organizations", "links")
REQUIRED_SHEETS = ("plans", "elements", "projects", "links")


def decimal_json(value: Decimal) -> int | float:
    """A budget as a JSON number: an int when whole, else a float.

    >>> decimal_json(Decimal("1250000.00")), decimal_json(Decimal("0.5"))
    (1250000, 0.5)
    """
    if value == value.to_integral_value():
        return int(value)
    return float(value)
