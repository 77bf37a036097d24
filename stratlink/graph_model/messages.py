"""Finding messages: the arguments a finding's template sees, and its rendering.

Messages are free text in the spec; codes, subjects and related ids are the
contract. The templates are in :mod:`stratlink.i18n` (``finding.<CODE>``); a
template sees the finding's ``subject``, ``related`` (joined with ", "),
``first`` (the first related id) and its ``args``, with the parts below filled in.
"""

from __future__ import annotations

import re

from stratlink.graph_model.codes import REGISTRY
from stratlink.i18n import default_lang, has, template, text

__all__ = ["default_lang", "render"]


#: Characters no one can see on screen (controls, zero-width characters, direction
#: marks); in a message they are written as <U+XXXX>, so that a bad value can neither
#: hide nor move the cursor of a terminal.
INVISIBLE_CHARS = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e"
                        "\u2060-\u2064\u2066-\u206f\u3164\ufeff\ufff9-\ufffb]")


def visible(text: str) -> str:
    """``text`` with every invisible character written as ``<U+XXXX>``.

    >>> visible("A\\u200fB\\nC\\x1b[2J")
    'A<U+200F>B<U+000A>C<U+001B>[2J'
    """
    return INVISIBLE_CHARS.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


#: Longest bad value a message repeats (a 400-digit budget is shown by its start).
MAX_SHOWN = 60


class _Blank(dict):
    def __missing__(self, key):
        return ""


def render(finding, lang: str = "en") -> str:
    lang = "th" if lang == "th" else "en"
    given = finding.args
    args = _Blank(given)
    args["subject"] = finding.subject
    args["related"] = ", ".join(finding.related)
    args["first"] = finding.related[0] if finding.related else ""
    if given.get("reason") == "wrong_kind" and "expected_sheets" in given:
        args["kind"] = text("noun." + given["kind_sheet"], lang)
        args["expected"] = text("part.or", lang).join(
            text("noun." + s, lang) for s in given["expected_sheets"])
    if "first_sheet" in given:
        key = "part.first_at" if given.get("first_row") is None else "part.first_at_row"
        args["where"] = text(key, lang, sheet=given["first_sheet"], row=given.get("first_row"))
    reason_key = "reason." + str(given.get("reason", ""))
    if "reason" in given:
        args["reason"] = text(reason_key, lang, **args) if has(reason_key) else given["reason"]
    if given.get("value") not in (None, "") and finding.code == "INVALID_VALUE":
        shows_value = has(reason_key) and "{value}" in template(reason_key, lang)
        value = visible(str(given["value"]))
        value = value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + f"... ({len(value):,} characters)"
        args["shown"] = args["shown_value"] = "" if shows_value else text("part.shown", lang, value=value)
    if given.get("suggestion"):
        # "shown" carries both (English); a Thai sentence puts the guess after the reason
        args["suggested"] = text("part.suggest", lang, suggestion=given["suggestion"])
        args["shown"] = args.get("shown", "") + args["suggested"]
    drop = given.get("dropped")
    args["dropped"] = text("part.dropped." + drop, lang) if drop in ("row", "value", "as_primary") else ""
    code = REGISTRY.get(finding.code)
    if code is None or not has(code.message_key(finding)):
        return f"{finding.code}: {finding.subject} {args['related']}".strip()
    if code.message_args is not None:
        args.update(code.message_args(finding, lang))
    return text(code.message_key(finding), lang, **args)

