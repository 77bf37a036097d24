"""Policies: the built-in th-one-plan ladder and user TOML files."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import write_sheets

from stratlink.cli import main
from stratlink.graph_model import TH_ONE_PLAN, PolicyError, load_policy
from stratlink.loaders import load

SDG = """
name = "sdg-ministry"
top_level = "sdg"
max_level_jump = 1
coverage_levels = ["ministry"]

[[levels]]
name = "sdg"
label_th = "เป้าหมายการพัฒนาที่ยั่งยืน"
label_en = "Sustainable Development Goals"

[[levels]]
name = "ministry"

[[levels]]
name = "department"
"""


def test_builtin_ladder_matches_the_spec():
    assert TH_ONE_PLAN.level_names == ("national", "master", "regional", "cluster", "province",
                                       "district", "local", "community")
    assert (TH_ONE_PLAN.top_level, TH_ONE_PLAN.max_level_jump, TH_ONE_PLAN.coverage_levels) == (
        "national", 3, ("province",))
    assert load_policy(None) is TH_ONE_PLAN and load_policy("th-one-plan") is TH_ONE_PLAN
    assert TH_ONE_PLAN.level_for("แผนชุมชน / แผนหมู่บ้าน") == "community"


def test_user_policy_file_drives_levels_and_checks(tmp_path):
    pfile = tmp_path / "sdg.toml"
    pfile.write_text(SDG, encoding="utf-8")
    pol = load_policy(pfile)
    assert pol.level_names == ("sdg", "ministry", "department") and pol.max_level_jump == 1
    wb = write_sheets(
        tmp_path / "wb",
        plans="id,level,name_en\nSDG,sdg,SDGs\nMIN,ministry,Ministry\nDEP,department,Dept\n",
        elements="id,plan_id,kind,name_en\nG1,SDG,goal,No poverty\nM1,MIN,goal,Min goal\nM2,MIN,goal,Uncovered\n",
        projects="id,plan_id,name_en\nP1,DEP,Project\n",
        links="source_id,target_id\nP1,M1\nM1,G1\nM2,G1\n",
    )
    assert load(wb, pol).load_findings == []
    # the th-one-plan policy does not know these levels
    assert {f.code for f in load(wb).load_findings} == {"INVALID_VALUE", "UNKNOWN_REFERENCE"}
    res = CliRunner().invoke(main, ["check", str(wb), "--policy", str(pfile), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert '"UNCOVERED_ELEMENT"' in res.output and '"M2"' in res.output


@pytest.mark.parametrize("text, message", [
    ("levels = []", "'levels' must be a non-empty list"),
    ("levels = ['a', 'a']", "level names must be unique"),
    ("levels = ['a', 'b']\ntop_level = 'c'", "top_level 'c' is not one of the levels"),
    ("levels = ['a']\nmax_level_jump = 0", "max_level_jump must be a whole number"),
    ("levels = ['a']\ncoverage_levels = ['z']", "coverage level 'z'"),
    ("levels = [", "not valid TOML"),
])
def test_bad_policy_files_give_clean_errors(tmp_path, text, message):
    pfile = tmp_path / "bad.toml"
    pfile.write_text(text, encoding="utf-8")
    with pytest.raises(PolicyError, match=message):
        load_policy(pfile)
    wb = write_sheets(tmp_path / "wb")
    res = CliRunner().invoke(main, ["check", str(wb), "--policy", str(pfile)])
    assert res.exit_code == 2 and message.split("'")[0] in res.output
    assert "Traceback" not in res.output


def test_missing_policy_file(tmp_path):
    res = CliRunner().invoke(main, ["info", str(write_sheets(tmp_path / "wb")), "--policy",
                                    str(tmp_path / "nope.toml")])
    assert res.exit_code == 2 and "no such policy file" in res.output


def test_example_policy_file_is_stricter_than_the_builtin(sample_dir):
    """examples/policies/one-plan-strict.toml: same ladder, max jump 2, district coverage."""
    import stratlink as sl

    strict_path = sample_dir.parent / "policies" / "one-plan-strict.toml"
    strict = load_policy(strict_path)
    assert strict.level_names == TH_ONE_PLAN.level_names
    assert (strict.max_level_jump, strict.coverage_levels) == (2, ("province", "district"))
    default = sl.check(sl.load(sample_dir))
    stricter = sl.check(sl.load(sample_dir, policy=strict_path))
    assert len(stricter.by_code("LEVEL_SKIP")) > len(default.by_code("LEVEL_SKIP"))
    # every LEVEL_SKIP of the default policy is one of the strict policy too
    assert set(f.identity()[2:] for f in default.by_code("LEVEL_SKIP")) <= \
        set(f.identity()[2:] for f in stricter.by_code("LEVEL_SKIP"))
