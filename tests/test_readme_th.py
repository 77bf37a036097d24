"""README.th.md says everything README.md says (issue 14): the same sections in the
same order, the same code blocks with the same commands, the same links, and Thai
prose. A change to one README that is not made to the other fails here."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

FENCE = re.compile(r"^```([\w-]*)\n(.*?)^```", re.S | re.M)
HEADING = re.compile(r"^(#{1,6}) (.+)$", re.M)
LINK = re.compile(r"\]\(([^)\s]+)\)")
THAI = re.compile(r"[\u0E00-\u0E7F]")
#: the two READMEs point at each other; every other link must be in both
CROSS = {"README.md", "README.th.md"}


def read(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def headings(text: str) -> list[tuple[int, str]]:
    return [(len(h), title) for h, title in HEADING.findall(FENCE.sub("", text))]


def blocks(text: str) -> list[tuple[str, list[str]]]:
    """Each fenced block: its language and its lines of code, comments and the
    alignment before them stripped (comments are prose and are translated)."""
    out = []
    for lang, body in FENCE.findall(text):
        lines = []
        for line in body.splitlines():
            code = re.split(r"\s+# ", line, maxsplit=1)[0].rstrip() if lang in ("sh", "python") else line
            if code:
                lines.append(code)
        out.append((lang, lines))
    return out


def links(text: str) -> set[str]:
    return {t for t in LINK.findall(text) if t not in CROSS}


def anchors(text: str) -> set[str]:
    """The in-page targets a heading gives (GitHub's rule: lower case, spaces to '-',
    punctuation dropped; Thai letters and marks kept)."""
    out = set()
    for _, title in headings(text):
        slug = re.sub(r"[^\w\- ]", "", title.strip().lower(), flags=re.UNICODE)
        out.add(slug.replace(" ", "-"))
    return out


EN, TH = read("README.md"), read("README.th.md")


def test_same_sections_in_the_same_order():
    en, th = headings(EN), headings(TH)
    assert [lvl for lvl, _ in en] == [lvl for lvl, _ in th], (en, th)
    assert len(en) >= 10


def test_thai_headings_are_thai():
    english_only = [t for lvl, t in headings(TH)[1:] if not THAI.search(t)]
    assert not english_only


def test_same_code_blocks_and_commands():
    en, th = blocks(EN), blocks(TH)
    assert [lang for lang, _ in en] == [lang for lang, _ in th]
    for (lang, en_lines), (_, th_lines) in zip(en, th):
        if lang == "" and not any(line.startswith(("eval ", "stratlink ")) for line in en_lines):
            # a listing (the layout): the Thai README keeps it as it is
            assert th_lines == en_lines
            continue
        assert en_lines == th_lines, (lang, sorted(set(en_lines) ^ set(th_lines)))


def test_every_command_in_inline_code_is_in_both():
    inline = re.compile(r"`(stratlink [^`]+)`")
    assert set(inline.findall(EN)) == set(inline.findall(TH))


def test_same_links():
    assert links(EN) == links(TH), sorted(links(EN) ^ links(TH))


def test_in_page_links_resolve():
    for name, text in (("README.md", EN), ("README.th.md", TH)):
        for target in LINK.findall(text):
            if target.startswith("#"):
                assert target[1:] in anchors(text), (name, target)


def test_links_point_at_files_that_exist():
    for target in links(EN):
        if "://" in target:
            continue
        assert (ROOT / target.split("#")[0]).exists(), target


@pytest.mark.parametrize("section", range(len(headings(EN))))
def test_each_section_is_written_in_thai(section):
    """Every section of the Thai README has Thai prose (not English left in place)."""
    parts = re.split(r"^#{1,6} .+$", FENCE.sub("", TH), flags=re.M)[1:]
    body = parts[section]
    prose = [line for line in body.splitlines() if line.strip() and not line.startswith(("|", "- `"))]
    if prose:
        assert any(THAI.search(line) for line in prose), body[:200]
