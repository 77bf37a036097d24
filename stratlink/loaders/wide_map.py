"""The map of a wide project sheet: which column holds which project field, and
which columns hold labels of which plan (``shared/spec/wide-sheet.md``).

A map comes from a TOML file (:func:`read_map`) or from the built-in recogniser
(:func:`builtin_map`), which knows the common Thai (and English) column titles and
resolves each linkage column to the one plan of its level in the plans workbook.

Decisions the spec leaves open (also in ``docs/wide-sheets.md``):

* Titles are compared after checks.md's name normalisation, so case, repeated
  spaces and line breaks inside a header cell do not matter.
* Built-in linkage columns for the National Strategy and the master-plan level
  (master plans, sub-plans, NESDP milestones) are ``claim`` columns; regional,
  cluster, provincial, district, local and community columns are ``link`` columns.
  A title may say otherwise: "(เชื่อมโยง)"/"(link)" makes it a link column,
  "(อ้างอิง)"/"(claim)" a claim column; "(รอง)"/"(secondary)" gives role
  secondary, "(สอดคล้อง)"/"(aligns with)" relation aligns_with.
* A title that names a plan (its id as a word, or its full Thai or English name)
  resolves to that plan; otherwise the level's plans are taken, narrowed by the
  level's name hints (the master-plan level holds both the master plans and the
  NESDP). Exactly one plan must remain.
* Without a plan column or ``plan``, the projects belong to the one plan at the
  province level.
* ``asserted_by = "{plan_id}"`` in a map means: the project's own plan.

>>> m = read_map_text('plan = "P"\\n[fields]\\nid = "รหัส"\\n[[columns]]\\ntitle = "ยุทธศาสตร์ชาติ"\\n'
...                   'plan = "NS"\\nuse = "claim"\\n', "m.toml")
>>> m.fields["id"], m.columns[0].use, m.columns[0].split
('รหัส', 'claim', '\\n;,')
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from stratlink.errors import InputError
from stratlink.graph_model import RELATIONS, ROLES, PlanGraph
from stratlink.graph_model.names import normalise_name
from stratlink.i18n import Said

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

#: the projects columns of workbook.md a map may name, in the order export-wide writes them
FIELDS = ("id", "plan_id", "name_th", "name_en", "owner", "area_id", "fiscal_year", "budget",
          "value_chain_id", "stage", "local_only", "status")
USES = ("link", "claim")
DEFAULT_SPLIT = "\n;,"
#: the commonest title of the project-id column (named in the message when a sheet has none)
WIDE_ID_TITLE = "รหัสโครงการ"
#: ``asserted_by`` placeholder: the project's own plan id
OWN_PLAN = "{plan_id}"


@dataclass(frozen=True)
class WideColumn:
    """One linkage column: its values name elements of ``plan``."""

    title: str
    plan: str
    use: str = "link"
    relation: str = "contributes_to"
    role: str = "primary"
    asserted_by: str | None = None
    split: str = DEFAULT_SPLIT


@dataclass
class WideMap:
    """``fields``: project column -> sheet title; ``columns``: the linkage columns."""

    fields: dict[str, str] = field(default_factory=dict)
    columns: list[WideColumn] = field(default_factory=list)
    plan: str | None = None
    header_row: int | None = None
    source: str = "built-in"

    def titles(self) -> list[str]:
        return list(self.fields.values()) + [c.title for c in self.columns]

    def to_toml(self, notes: dict[str, str] | None = None, header: list[str] | None = None) -> str:
        """The map as a TOML file; ``notes`` adds a comment after a column's plan,
        ``header`` lines of comments at the top."""
        notes = notes or {}
        lines = [f"# {h}" for h in header or []]
        if self.plan:
            note = notes.get("__plan__")
            lines.append(f"plan = {toml_str(self.plan)}" + (f"  # {note}" if note else ""))
        if self.header_row:
            lines.append(f"header_row = {self.header_row}")
        lines += ["", "[fields]"]
        lines += [f"{name} = {toml_str(title)}" for name, title in self.fields.items()]
        for col in self.columns:
            lines += ["", "[[columns]]", f"title = {toml_str(col.title)}"]
            note = notes.get(col.title)
            lines.append(f"plan = {toml_str(col.plan)}" + (f"  # {note}" if note else ""))
            lines.append(f"use = {toml_str(col.use)}")
            if col.relation != "contributes_to":
                lines.append(f"relation = {toml_str(col.relation)}")
            if col.role != "primary":
                lines.append(f"role = {toml_str(col.role)}")
            if col.asserted_by:
                lines.append(f"asserted_by = {toml_str(col.asserted_by)}")
            if col.split != DEFAULT_SPLIT:
                lines.append(f"split = {toml_str(col.split)}")
        return "\n".join(lines) + "\n"


def toml_str(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, plus DEL).

    >>> toml_str('a "b"\\n\\x7f')
    '"a \\\\"b\\\\"\\\\n\\\\u007f"'
    """
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


# ---- reading a map file --------------------------------------------------------------
def read_map(path: str | Path) -> WideMap:
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError.keyed("error.map.cannot_read", path=path, reason=exc.strerror or exc) from None
    except UnicodeDecodeError:
        raise InputError.keyed("error.map.not_utf8", path=path) from None
    return read_map_text(text, str(path))


def read_map_text(text: str, origin: str) -> WideMap:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError.keyed("error.map.toml", origin=origin, reason=exc) from None

    def bad(key: str, what: str, **args) -> InputError:
        """``origin: key: what``, ``what`` a ``map.field.*`` text of the catalogue."""
        return InputError.keyed("error.map.field", origin=origin, entry=key, what=Said((f"map.field.{what}", args)))

    known = {"plan", "header_row", "fields", "columns"}
    for key in data:
        if key not in known:
            raise bad(key, "unknown_key_known", known=", ".join(sorted(known)))
    plan = data.get("plan")
    if plan is not None and (not isinstance(plan, str) or not plan.strip()):
        raise bad("plan", "plan_id")
    header_row = data.get("header_row")
    if header_row is not None and (isinstance(header_row, bool) or not isinstance(header_row, int)
                                   or header_row < 1):
        raise bad("header_row", "row_number")
    fields = data.get("fields", {})
    if not isinstance(fields, dict):
        raise bad("fields", "fields_table")
    out = WideMap(plan=plan.strip() if plan else None, header_row=header_row, source=origin)
    for name, title in fields.items():
        if name not in FIELDS:
            raise bad(f"fields.{name}", "not_a_column", known=", ".join(FIELDS))
        if not isinstance(title, str) or not title.strip():
            raise bad(f"fields.{name}", "column_title")
        out.fields[name] = title
    if "id" not in out.fields:
        raise bad("fields.id", "no_id")
    if out.plan is None and "plan_id" not in out.fields:
        raise bad("plan", "no_plan")
    columns = data.get("columns", [])
    if not isinstance(columns, list):
        raise bad("columns", "columns_array")
    for i, item in enumerate(columns, start=1):
        where = f"columns[{i}]"
        if not isinstance(item, dict):
            raise bad(where, "table")
        extra = set(item) - {"title", "plan", "use", "relation", "role", "asserted_by", "split"}
        if extra:
            raise bad(f"{where}.{sorted(extra)[0]}", "unknown_key")
        for key in ("title", "plan"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise bad(f"{where}.{key}", "missing_text")
        use = item.get("use", "link")
        if use not in USES:
            raise bad(f"{where}.use", "one_of", values=", ".join(USES))
        relation = item.get("relation", "contributes_to")
        if relation not in RELATIONS:
            raise bad(f"{where}.relation", "one_of", values=", ".join(RELATIONS))
        role = item.get("role", "primary")
        if role not in ROLES:
            raise bad(f"{where}.role", "one_of", values=", ".join(ROLES))
        asserted = item.get("asserted_by", "")
        split = item.get("split", DEFAULT_SPLIT)
        if not isinstance(asserted, str):
            raise bad(f"{where}.asserted_by", "text")
        if not isinstance(split, str) or not split:
            raise bad(f"{where}.split", "split")
        out.columns.append(WideColumn(item["title"], item["plan"].strip(), use, relation, role,
                                      asserted.strip() or None, split))
    titles = [fold_title(t) for t in out.titles()]
    for t in titles:
        if titles.count(t) > 1:
            raise InputError.keyed("error.map.twice", origin=origin, title=t)
    return out


# ---- the built-in map ------------------------------------------------------------------
def fold_title(title: str) -> str:
    """A title as titles are compared: normalised, every space removed."""
    return normalise_name(title).replace(" ", "")


def _bare(folded: str) -> str:
    return re.sub(r"\([^)]*\)|\[[^\]]*\]", "", folded)


#: field -> titles (folded, regular expressions matched in full), most specific field first
FIELD_PATTERNS: tuple[tuple[str, str], ...] = (
    ("name_en", r"ชื่อโครงการ\(?ภาษาอังกฤษ\)?|ชื่อภาษาอังกฤษ|ชื่อโครงการ\(?อังกฤษ\)?|"
                r"projectname\(?(english|en)\)?|englishname|name_en|nameen"),
    ("id", r"รหัสโครงการ|รหัส|เลขที่โครงการ|projectcode|projectid|projectno\.?|code|id"),
    ("plan_id", r"แผน|รหัสแผน|แผนที่บรรจุโครงการ|แผนของโครงการ|แผนที่บรรจุ|plan|planid|plan_id"),
    ("name_th", r"ชื่อโครงการ|ชื่อโครงการ/กิจกรรม|โครงการ|โครงการ/กิจกรรม|ชื่อโครงการ\(?ภาษาไทย\)?|"
                r"projectname|project|name|name_th"),
    ("owner", r"หน่วยงานรับผิดชอบ(โครงการ)?|หน่วยงาน|หน่วยงานดำเนินการ|หน่วยดำเนินการ|"
              r"หน่วยงานเจ้าของโครงการ|หน่วยงานที่รับผิดชอบ|ผู้รับผิดชอบ|ส่วนราชการ|owner|agency|"
              r"responsibleagency|implementingagency"),
    ("area_id", r"พื้นที่ดำเนินการ|พื้นที่|สถานที่ดำเนินการ|รหัสพื้นที่|พื้นที่เป้าหมาย|area|area_id|location"),
    ("fiscal_year", r"ปีงบประมาณ|ปีงบประมาณพ\.ศ\.?|ปีงบ|ปีงบฯ|ปี|ปีที่ดำเนินการ|fiscalyear|fiscal_year|year"),
    ("budget", r"งบประมาณ|งบประมาณ\(?บาท\)?|วงเงิน|วงเงินงบประมาณ|วงเงิน\(?บาท\)?|งบประมาณที่ขอ|"
               r"budget|budget\(?baht\)?"),
    ("value_chain_id", r"ห่วงโซ่คุณค่า|ห่วงโซ่|valuechain|value_chain_id"),
    ("stage", r"ช่วงของห่วงโซ่(คุณค่า)?|ช่วงห่วงโซ่|ขั้นของห่วงโซ่(คุณค่า)?|ขั้นห่วงโซ่|ต้นทาง/กลางทาง/ปลายทาง|ต้นน้ำ/กลางน้ำ/ปลายน้ำ|stage"),
    ("local_only", r"เฉพาะพื้นที่|ความต้องการเฉพาะพื้นที่|localonly|local_only"),
    ("status", r"สถานะ|สถานะโครงการ|status"),
)


@dataclass(frozen=True)
class LevelRule:
    level: str
    pattern: str
    #: words a plan's name or id holds when the level has several kinds of plan
    hints: tuple[str, ...] = ()
    #: the title export-wide writes
    title: str = ""


LEVEL_RULES: tuple[LevelRule, ...] = (
    LevelRule("master", r"หมุดหมาย|แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ|แผนฯ?13|nesdp|milestone|"
              r"nationaleconomicandsocial",
              ("แผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ", "nesdp", "national economic and social"),
              "หมุดหมายตามแผนพัฒนาเศรษฐกิจและสังคมแห่งชาติ"),
    LevelRule("master", r"แผนแม่บท|แผนย่อย|masterplan|sub-?plan|แผนระดับที่2",
              ("แผนแม่บท", "master plan"), "แผนแม่บทภายใต้ยุทธศาสตร์ชาติ"),
    LevelRule("national", r"ยุทธศาสตร์ชาติ|nationalstrategy", (), "ยุทธศาสตร์ชาติ 20 ปี"),
    LevelRule("regional", r"แผนพัฒนาภาค|แผนภาค|regional", (), "แผนพัฒนาภาค"),
    LevelRule("cluster", r"กลุ่มจังหวัด|cluster", (), "แผนพัฒนากลุ่มจังหวัด"),
    LevelRule("province", r"แผนพัฒนาจังหวัด|ยุทธศาสตร์จังหวัด|ประเด็นการพัฒนาจังหวัด|ประเด็นยุทธศาสตร์|"
              r"เป้าประสงค์|กลยุทธ์|จังหวัด|provincial|province", (), "แผนพัฒนาจังหวัด"),
    LevelRule("district", r"แผนพัฒนาอำเภอ|อำเภอ|district", (), "แผนพัฒนาอำเภอ"),
    LevelRule("local", r"แผนพัฒนาท้องถิ่น|ท้องถิ่น|อปท|localdevelopment|localplan", (), "แผนพัฒนาท้องถิ่น"),
    LevelRule("community", r"แผนชุมชน|แผนหมู่บ้าน|communityplan|villageplan", (), "แผนชุมชน"),
)
#: levels whose built-in columns are claims
CLAIM_LEVELS = ("national", "master")

_MODIFIERS = (
    (r"\((รอง|secondary)\)", "role", "secondary"),
    (r"\((สอดคล้อง|alignswith|aligns_with)\)", "relation", "aligns_with"),
    (r"\((ขัดแย้ง|conflictswith|conflicts_with)\)", "relation", "conflicts_with"),
    (r"\((เชื่อมโยง|เชื่อมโยงโดยตรง|link)\)", "use", "link"),
    (r"\((อ้างอิง|claim)\)", "use", "claim"),
)
MODIFIER_TITLES = {("role", "secondary"): "(รอง)", ("relation", "aligns_with"): "(สอดคล้อง)",
                   ("relation", "conflicts_with"): "(ขัดแย้ง)", ("use", "link"): "(เชื่อมโยง)",
                   ("use", "claim"): "(อ้างอิง)"}


def field_for(title: str) -> str | None:
    """The projects column a title names, or None.

    >>> field_for("งบประมาณ (บาท)"), field_for("ชื่อโครงการ (ภาษาอังกฤษ)"), field_for("ปีงบประมาณ")
    ('budget', 'name_en', 'fiscal_year')
    >>> field_for("ยุทธศาสตร์ชาติ 20 ปี") is None
    True
    """
    folded = fold_title(title)
    for name, pattern in FIELD_PATTERNS:
        for form in (folded, _bare(folded)):
            if form and re.fullmatch(pattern, form):
                return name
    return None


@dataclass
class Resolution:
    """What the built-in map made of one linkage title: ``column`` when resolved,
    else the ``level`` it names (if any) and the ``candidates`` plans."""

    title: str
    level: str | None
    candidates: list[str]
    column: WideColumn | None = None


def _level_rule(folded: str, graph: PlanGraph) -> LevelRule | None:
    for rule in LEVEL_RULES:
        if rule.level in graph.policy.level_names and re.search(rule.pattern, folded):
            return rule
    level = graph.policy.level_for(_bare(folded))
    return LevelRule(level, "") if level else None


def _plans_named(folded: str, graph: PlanGraph) -> list[str]:
    """Plans the title names by id (as a word) or by full name."""
    found: dict[str, int] = {}
    for plan in graph.plans.values():
        pid = fold_title(plan.id)
        if re.search(rf"(?<![\w.-]){re.escape(pid)}(?![\w.-])", folded):
            found[plan.id] = len(pid)
        for name in (plan.name_th, plan.name_en):
            key = fold_title(name) if name else ""
            if len(key) >= 8 and key in folded:
                found[plan.id] = max(found.get(plan.id, 0), len(key))
    if not found:
        return []
    longest = max(found.values())
    return sorted(p for p, n in found.items() if n == longest)


def _hinted(plans: list[str], hints: tuple[str, ...], graph: PlanGraph) -> list[str]:
    if len(plans) <= 1 or not hints:
        return plans
    keep = []
    for pid in plans:
        p = graph.plans[pid]
        text = " ".join(normalise_name(t) for t in (p.id, p.name_th or "", p.name_en or ""))
        if any(h in text for h in hints):
            keep.append(pid)
    return keep or plans


def resolve_title(title: str, graph: PlanGraph) -> Resolution | None:
    """Resolve a linkage title against the plans of ``graph``; None when the title
    is not a linkage title at all."""
    folded = fold_title(title)
    named = _plans_named(folded, graph)
    rule = _level_rule(folded, graph)
    if not named and rule is None:
        return None
    mods = {}
    for pattern, key, value in _MODIFIERS:
        if re.search(pattern, folded):
            mods[key] = value
    if named:
        candidates = named
        level = graph.plans[named[0]].level if len(named) == 1 else (rule.level if rule else None)
    else:
        level = rule.level
        candidates = sorted(p.id for p in graph.plans.values() if p.level == level)
        candidates = _hinted(candidates, rule.hints, graph)
    res = Resolution(title, level, candidates)
    if len(candidates) == 1:
        use = mods.get("use") or ("claim" if level in CLAIM_LEVELS or level == graph.policy.top_level
                                  else "link")
        res.column = WideColumn(title, candidates[0], use, mods.get("relation", "contributes_to"),
                                mods.get("role", "primary"))
    return res


@dataclass
class BuiltinResult:
    """The built-in map for one header row, and what it could not resolve."""

    map: WideMap
    unresolved: list[Resolution]
    unknown: list[str]
    #: column title -> a note for --print-map (alternatives, level)
    notes: dict[str, str]


def builtin_map(header: list[str | None], graph: PlanGraph, header_row: int | None = None) -> BuiltinResult:
    """The built-in map for a header row, resolved against the plans of ``graph``."""
    m = WideMap(header_row=header_row)
    unresolved: list[Resolution] = []
    unknown: list[str] = []
    notes: dict[str, str] = {}
    for title in header:
        if not title:
            continue
        name = field_for(title)
        if name is not None and name not in m.fields:
            m.fields[name] = title
            continue
        res = resolve_title(title, graph) if name is None else None
        if res is None:
            unknown.append(title)
        elif res.column is not None:
            m.columns.append(res.column)
            notes[title] = f"level {res.level}"
        else:
            unresolved.append(res)
            if res.candidates:
                notes[title] = (f"level {res.level}: one of {', '.join(res.candidates)}"
                                if len(res.candidates) > 1 else "")
            else:
                notes[title] = f"no plan at level {res.level} in the plans workbook; give a plan id"
    if "plan_id" not in m.fields:
        provinces = sorted(p.id for p in graph.plans.values() if p.level == "province")
        if len(provinces) == 1:
            m.plan = provinces[0]
    return BuiltinResult(m, unresolved, unknown, notes)


def starting_map(result: BuiltinResult, graph: PlanGraph, sheet: str) -> tuple[WideMap, dict[str, str]]:
    """A complete map to start from: unresolved columns get their first candidate
    (or a placeholder) and a note listing the others."""
    m = WideMap(dict(result.map.fields), list(result.map.columns), result.map.plan,
                result.map.header_row)
    notes = dict(result.notes)
    for res in result.unresolved:
        plan = res.candidates[0] if res.candidates else "PLAN-ID"
        use = "claim" if res.level in CLAIM_LEVELS else "link"
        m.columns.append(WideColumn(res.title, plan, use))
    if m.plan is None and "plan_id" not in m.fields:
        choices = sorted(graph.plans)
        m.plan = choices[0] if choices else "PLAN-ID"
        notes["__plan__"] = "the plan whose project list holds these projects"
    return m, notes
