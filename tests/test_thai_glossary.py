"""The Thai words follow docs/thai-glossary.md everywhere (issue 14): no Thai text that
stratlink shows (the catalogue, --help, the Excel template, README.th.md, the notebooks)
holds a word the glossary strikes out, and the few words the glossary fixes by role are
the ones used."""

from __future__ import annotations

import json
import re

import pytest
from conftest import ROOT

from stratlink import i18n
from stratlink.i18n import text, word

GLOSSARY = ROOT / "docs" / "thai-glossary.md"
THAI = re.compile(r"[\u0E00-\u0E7F]")


def rejected() -> set[str]:
    """Every word struck out (~~...~~) in the glossary's tables."""
    out = set()
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines():
        if line.startswith("|"):
            out.update(re.findall(r"~~(.+?)~~", line))
    return out


def _strings(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _strings(v)


def catalogue_texts() -> dict[str, str]:
    out = {f"CATALOGUE[{k}]": v["th"] for k, v in i18n.CATALOGUE.items() if "th" in v}
    out.update({f"HELP_TH[{k}]": v for k, v in i18n.HELP_TH.items()})
    out.update({f"CLICK_TH[{k}]": v for k, v in i18n.CLICK_TH.items()})
    out.update({f"WIDE_WORDS[th] {i}": s for i, s in enumerate(_strings(i18n.WIDE_WORDS["th"]))})
    return out


def template_texts(tmp_path) -> dict[str, str]:
    """Every cell, comment and drop-down message of the Thai template."""
    from openpyxl import load_workbook

    import stratlink as sl

    path = sl.write_template(tmp_path / "t.xlsx", lang="th", with_national=False)
    wb = load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    out[f"{ws.title}!{cell.coordinate}"] = cell.value
                if cell.comment is not None:
                    out[f"{ws.title}!{cell.coordinate} comment"] = cell.comment.text
        for dv in ws.data_validations.dataValidation:
            out[f"{ws.title} validation {dv.sqref}"] = dv.error or ""
    return out


def document_texts() -> dict[str, str]:
    out = {"README.th.md": (ROOT / "README.th.md").read_text(encoding="utf-8")}
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        out[nb.name] = "\n".join("".join(c["source"]) for c in cells)
    out["notebooks/README.md"] = (ROOT / "notebooks" / "README.md").read_text(encoding="utf-8")
    return out


def test_the_glossary_rejects_the_known_calques():
    words = rejected()
    assert {"รหัสออก", "ติดตาม", "ระดับความรุนแรง", "ข้อตรวจพบ", "นโยบาย"} <= words
    assert len(words) >= 15


#: rejected forms a plain word list cannot say: "แผ่น" for a sheet is always แผ่นงาน
PATTERNS = [re.compile(r"แผ่น(?!งาน)")]


def offenders(texts: dict[str, str]) -> list[str]:
    words = rejected()
    out = [f"{where}: {w}" for where, s in texts.items() if THAI.search(s) for w in words if w in s]
    out += [f"{where}: {m.group()}" for where, s in texts.items() for p in PATTERNS for m in p.finditer(s)]
    return out


def test_catalogue_and_help_use_the_glossary():
    assert not offenders(catalogue_texts())


def test_template_uses_the_glossary(tmp_path):
    texts = template_texts(tmp_path)
    assert any(THAI.search(s) for s in texts.values())
    assert not offenders(texts)


def test_documents_use_the_glossary():
    assert not offenders(document_texts())


def test_offenders_are_found():
    """The check above can fail: a rejected word planted in a text is reported."""
    assert offenders({"x": "ผลการตรวจ: ข้อตรวจพบ 3 รายการ"}) == ["x: ข้อตรวจพบ"]
    assert offenders({"x": "แผ่น plans และแผ่นงาน links"}) == ["x: แผ่น"]


def test_severity_and_plan_level_have_their_own_words():
    severity = {text("check.header.severity", "th"), i18n.WIDE_WORDS["th"]["headers"][0],
                text("viz.severity", "th")}
    assert severity == {"ความรุนแรง"}
    for key in ("coverage.header.level", "cli.info.header.level", "viz.level"):
        assert text(key, "th") == "ระดับแผน", key
    assert [word(s, "th") for s in ("error", "warning", "info")] == ["ข้อผิดพลาด", "คำเตือน", "ข้อสังเกต"]
    assert list(i18n.WIDE_WORDS["th"]["severity"].values()) == ["ข้อผิดพลาด", "คำเตือน", "ข้อสังเกต"]


@pytest.mark.parametrize("key", ["check.none", "cli.load_findings", "viz.findings", "viz.marks"])
def test_findings_are_khor_khon_phop(key):
    assert "ข้อค้นพบ" in text(key, "th")


def test_every_thai_entry_is_thai():
    """A Thai entry that is only Latin letters and symbols is an untranslated copy
    (templates made only of fields, such as '{subject}: {text}', are fine)."""
    untranslated = [k for k, v in i18n.CATALOGUE.items()
                    if "th" in v and not THAI.search(v["th"]) and re.sub(r"\{[^}]*\}|[\W\d_]", "", v["th"])
                    and v["th"] == v["en"]]
    assert not untranslated
