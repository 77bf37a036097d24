"""The one home of text (stratlink.i18n): every entry has English, the texts the
finding messages and outputs need are there in both languages, and no module outside
i18n keeps its own Thai words."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from stratlink import i18n
from stratlink.graph_model import CODES, Finding, Location

ROOT = Path(__file__).resolve().parent.parent
THAI = re.compile("[\u0e00-\u0e7f]")
#: modules written before their text moved into the catalogue (none left)
NOT_YET_IN_THE_CATALOGUE: set[str] = set()
#: Thai that is input vocabulary, not display text: the column titles, leading words and
#: values the wide-sheet importer recognises, and the Thai it writes into a sheet
INPUT_VOCABULARY = {"stratlink/loaders/wide_map.py", "stratlink/loaders/wide_match.py",
                    "stratlink/loaders/wide_write.py",
                    # the names the generator gives its made-up plans and projects
                    "stratlink/generate.py"}


def fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_every_entry_has_english_and_only_known_languages():
    for key, entry in i18n.CATALOGUE.items():
        assert entry.get("en"), key
        assert set(entry) <= set(i18n.LANGS), key


@pytest.mark.parametrize("key", list(i18n.CATALOGUE))
def test_user_text_is_in_thai_too(key):
    """Thai words, or (a separator such as the list's) Thai given with no English word."""
    th = i18n.CATALOGUE[key].get("th")
    assert th is not None or key.startswith(("finding.SHACL", "finding.INVALID_VALUE")), key
    literal = "".join(lit for lit, _, _, _ in string.Formatter().parse(th or ""))
    assert THAI.search(th or "") or not re.search("[A-Za-z]", literal) or \
        key.startswith(("finding.SHACL", "finding.INVALID_VALUE")), key


def test_every_finding_code_has_a_message():
    for code in CODES:
        assert i18n.has("finding." + code), code


def test_unknown_language_falls_back_to_english_and_missing_fields_are_empty():
    assert i18n.text("check.none", "fr") == "No findings."
    assert i18n.text("finding.DUPLICATE_ID", "en", subject="X") == \
        "id X occurs more than once; the first occurrence wins"
    with pytest.raises(KeyError):
        i18n.text("no.such.key")


def test_no_thai_text_outside_the_catalogue():
    """Display text lives in i18n; Thai elsewhere is input vocabulary (words the
    loaders accept, policy level labels) or doctest data."""
    allowed = {"stratlink/i18n.py", "stratlink/graph_model/model.py", "stratlink/graph_model/policy.py",
               "stratlink/loaders/values.py"} | NOT_YET_IN_THE_CATALOGUE | INPUT_VOCABULARY
    offenders = []
    for path in sorted((ROOT / "stratlink").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in allowed:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            stripped = line.strip()
            if THAI.search(line) and not stripped.startswith((">>>", "...", "#")) \
                    and not _in_docstring(path, n) and not (rel == REGISTRY_FILE and _in_register(path, n)):
                offenders.append(f"{rel}:{n}: {stripped}")
    assert not offenders, ("put display text in stratlink/i18n.py and use text(key, lang):\n"
                           + "\n".join(offenders))


#: a finding code's message may be declared with the code: register(..., en=..., th=...)
#: puts it in the catalogue (docs/codes.md)
REGISTRY_FILE = "stratlink/graph_model/codes.py"


def _in_register(path: Path, lineno: int) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "register" \
                and node.lineno <= lineno <= node.end_lineno:
            return True
    return False


def _in_docstring(path: Path, lineno: int) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(getattr(body[0], "value", None), ast.Constant) \
                and isinstance(body[0].value.value, str):
            if body[0].lineno <= lineno <= body[0].end_lineno:
                return True
    return False


def test_location_names_the_users_file_only_when_set():
    plain = Finding.make("ORPHAN_PROJECT", "P", [], Location("projects", 3))
    assert plain.to_dict()["location"] == {"sheet": "projects", "row": 3, "column": None}
    wide = Finding.make("ORPHAN_PROJECT", "P", [], Location("projects", 3, "name_th", file="แผน.xlsx"))
    assert wide.to_dict()["location"]["file"] == "แผน.xlsx"
    assert plain != wide


def test_cli_and_viz_take_their_words_from_the_catalogue(monkeypatch):
    from stratlink.queries.results import DownTrace
    from stratlink.viz.output import render_trace

    monkeypatch.setitem(i18n.CATALOGUE, "trace.beneath", {"en": "UNDER", "th": "ใต้"})
    assert render_trace(DownTrace("S", ()), "text", "th").startswith("ใต้ S (0):")


def test_the_template_wide_and_generate_errors_come_from_the_catalogue(tmp_path):
    """Their messages are catalogue entries: one line naming the file, in Thai too."""
    from stratlink.errors import InputError
    from stratlink.generate import generate
    from stratlink.loaders.template import write_template
    from stratlink.loaders.wide import read_sheet

    existing = tmp_path / "plan.xlsx"
    existing.write_bytes(b"")
    (tmp_path / "sheet.csv").write_text("ชื่อโครงการ,งบประมาณ\nx,2\n", encoding="utf-8")
    cases = [(lambda: write_template(existing), "template.error.exists"),
             (lambda: read_sheet(tmp_path / "none.csv"), "wide.error.no_file"),
             (lambda: read_sheet(tmp_path / "sheet.csv", sheet="S"), "wide.error.sheet_csv"),
             (lambda: generate(tmp_path / "g", projects=0), "generate.error.projects")]
    for call, key in cases:
        with pytest.raises(InputError) as err:
            call()
        assert err.value.key == key
        assert "\n" not in str(err.value) and not THAI.search(str(err.value))
        assert THAI.search(err.value.message("th")), key


def test_the_builtin_map_problems_are_said_in_the_callers_language(tmp_path, sample_dir):
    from stratlink.loaders import load
    from stratlink.loaders.wide import WideMapError, import_sheet, read_sheet

    path = tmp_path / "sheet.csv"
    path.write_text("ชื่อโครงการ,งบประมาณ\nx,2\n", encoding="utf-8")
    with pytest.raises(WideMapError) as err:
        import_sheet(read_sheet(path), load(sample_dir))
    assert "no column of project ids" in str(err.value) and str(path) in str(err.value)
    assert "ไม่มีคอลัมน์รหัสโครงการ" in err.value.message("th")
    assert err.value.starting_map.startswith("# map for")


def error_classes() -> dict[str, type]:
    """Every error class of stratlink by the names code raises it under: the subclasses
    of StratlinkError (every module imported, so that none is missed) and their aliases."""
    import importlib
    import pkgutil

    import stratlink
    from stratlink.errors import StratlinkError

    for mod in pkgutil.walk_packages(stratlink.__path__, "stratlink."):
        importlib.import_module(mod.name)
    found, todo = {}, [StratlinkError]
    while todo:
        cls = todo.pop()
        found[cls.__name__] = cls
        todo += cls.__subclasses__()
    for mod in list(__import__("sys").modules.values()):
        if getattr(mod, "__name__", "").startswith("stratlink"):
            found.update({name: v for name, v in vars(mod).items()
                          if isinstance(v, type) and v in found.values()})
    return found


#: error classes that make their keyed message themselves from structured arguments
#: (an id, a package name): ``UnknownNodeError(node_id)``, ``MissingDependency(pkg, ...)``
def self_keyed(cls: type) -> bool:
    from stratlink.errors import StratlinkError

    return any("__init__" in vars(c) for c in cls.__mro__ if c is not StratlinkError
               and issubclass(c, StratlinkError))


_ERRORS = error_classes()


def unkeyed_errors(path: Path, names=None) -> list[int]:
    """Lines that make a stratlink error from a message of its own instead of
    ``Error.keyed("key", ...)`` (whose text is in the catalogue, in both languages): a
    literal, an f-string, a sum, a helper's result (``SomeError(helper(...))``) or a
    variable (``SomeError(message)``)."""
    names = {n for n, c in _ERRORS.items() if not self_keyed(c)} if names is None else names
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
        if name in names and isinstance(node.args[0], (ast.Constant, ast.JoinedStr, ast.BinOp, ast.Call,
                                                       ast.Name, ast.Attribute, ast.Subscript)):
            out.append(node.lineno)
    return out


def test_the_error_classes_come_from_the_tree():
    """Every StratlinkError subclass, wherever it is defined, is checked."""
    assert {"StratlinkError", "InputError", "WorkbookError", "PolicyError", "QueryError", "Neo4jError",
            "WideMapError", "LoadRefused", "ForbiddenQuery"} <= set(_ERRORS)
    assert self_keyed(_ERRORS["UnknownNodeError"]) and not self_keyed(_ERRORS["LoadRefused"])


def test_unkeyed_errors_sees_every_way_of_making_a_message(tmp_path):
    source = tmp_path / "m.py"
    source.write_text("def f(x, e):\n"
                      "    raise Neo4jError('literal')\n"
                      "    raise Neo4jError(f'{x}')\n"
                      "    raise LoadRefused(helper(x))\n"
                      "    raise InputError(message)\n"
                      "    raise errors.PolicyError(x.text)\n"
                      "    raise Neo4jError.keyed('error.neo4j.lost_lock')\n"
                      "    raise InputError.keyed('error.no_such_file', path=x)\n", encoding="utf-8")
    assert unkeyed_errors(source) == [2, 3, 4, 5, 6]


def test_errors_raised_on_purpose_take_their_text_from_the_catalogue():
    offenders = []
    for path in sorted((ROOT / "stratlink").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        offenders += [f"{rel}:{n}" for n in unkeyed_errors(path)]
    assert not offenders, "raise SomeError.keyed('area.key', **args) with the text in i18n.py:\n" + \
        "\n".join(offenders)


def test_reading_errors_say_thai(tmp_path):
    from stratlink.errors import InputError, PolicyError
    from stratlink.graph_model import load_policy
    from stratlink.loaders import load

    (tmp_path / "utf16").mkdir()
    (tmp_path / "utf16" / "plans.csv").write_bytes("id,level\n".encode("utf-16"))
    (tmp_path / "semi").mkdir()
    (tmp_path / "semi" / "plans.csv").write_text("id;level\nP;national\n", encoding="utf-8")
    bad_policy = tmp_path / "p.toml"
    bad_policy.write_text("levels = []\n", encoding="utf-8")
    for call, cls, key in [(lambda: load(tmp_path / "utf16"), InputError, "error.read.utf16"),
                           (lambda: load(tmp_path / "semi"), InputError, "error.read.semicolons"),
                           (lambda: load_policy(bad_policy), PolicyError, "error.policy.levels")]:
        with pytest.raises(cls) as err:
            call()
        assert err.value.key == key and str(tmp_path) in str(err.value)
        assert THAI.search(err.value.message("th")) and not THAI.search(str(err.value))


def test_usage_errors_of_the_cli_take_their_text_from_the_catalogue():
    """click's usage errors are shown in the invocation's language too: their message
    is ``text(key, lang)``, never a literal."""
    offenders = []
    for path in sorted((ROOT / "stratlink").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) in (
                    "UsageError", "BadParameter", "ClickException") and node.args \
                    and isinstance(node.args[0], (ast.Constant, ast.JoinedStr, ast.BinOp)):
                offenders.append(f"{path.relative_to(ROOT).as_posix()}:{node.lineno}")
    assert not offenders, offenders
