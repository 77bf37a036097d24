"""The public API (``stratlink.__all__``), enumerated: every public function has a
numpy-style docstring whose examples pytest runs as doctests; a policy is accepted
as a name, a path or a Policy by every function that takes one; every result type
has a short repr, a ``to_dict()`` and, when tabular, a ``to_frame()``.

Each test enumerates ``__all__``, so a function or type added later without these
fails here until it has them."""

from __future__ import annotations

import doctest
import inspect
import json
import re

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib
from pathlib import Path

import pytest

import stratlink as sl

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "roiet-2561"
POLICY_FILE = ROOT / "examples" / "policies" / "one-plan-strict.toml"
SECTIONS = ("Parameters", "Returns", "Raises", "Examples")


def public_functions() -> list[str]:
    return [n for n in sl.__all__ if inspect.isfunction(getattr(sl, n))]


def docstring_problems(fn) -> list[str]:
    """What a public function's docstring lacks: a numpy-style section (a title
    underlined with dashes) or an example doctest can run."""
    doc = inspect.cleandoc(fn.__doc__ or "")
    missing = [s for s in SECTIONS if not re.search(rf"^{s}\n-{{{len(s)}}}$", doc, re.M)]
    tests = doctest.DocTestFinder(recurse=False).find(fn, fn.__name__, globs={})
    if not any(t.examples for t in tests):
        missing.append("a doctest example")
    return missing


@pytest.mark.parametrize("name", public_functions())
def test_every_public_function_has_a_numpy_docstring_with_a_runnable_example(name):
    fn = getattr(sl, name)
    assert not docstring_problems(fn), (name, docstring_problems(fn))
    # the examples run: pytest collects the doctests of every module of the package
    # (--doctest-modules over testpaths that include stratlink/)
    opts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]
    assert "--doctest-modules" in opts["addopts"] and "stratlink" in opts["testpaths"]
    assert fn.__module__.startswith("stratlink"), name


def test_the_docstring_check_fails_for_a_function_without_examples():
    def half(x):
        """Half of x.

        Parameters
        ----------
        x : float

        Returns
        -------
        float

        Raises
        ------
        TypeError
            Not a number.
        """
        return x / 2

    assert docstring_problems(half) == ["Examples", "a doctest example"]
    assert docstring_problems(sl.load) == []


# ---- a policy: a name, a path or a Policy --------------------------------------------------
def _calls(tmp_path: Path) -> dict:
    """How to call each public function that takes ``policy`` (and what to compare)."""
    g = sl.load(SAMPLE)
    return {
        "load": lambda p: sl.load(SAMPLE, policy=p).policy.name,
        "load_policy": lambda p: sl.load_policy(p),
        "check": lambda p: sl.check(g, policy=p).to_dict(),
        "trace": lambda p: sl.trace(g, "PRJ-001", policy=p).to_dict(),
        "trace_down": lambda p: sl.trace_down(g, "NS-S2", policy=p).to_dict(),
        "matrix": lambda p: sl.matrix(g, policy=p).to_dict(),
        "coverage": lambda p: sl.coverage(g, policy=p).to_dict(),
        "write_template": lambda p: sl.write_template(tmp_path / f"t-{id(p)}.xlsx", policy=p).exists(),
    }


def test_a_policy_is_accepted_as_a_name_a_path_or_a_policy_everywhere(tmp_path):
    calls = _calls(tmp_path)
    takes_policy = [n for n in public_functions()
                    if "policy" in inspect.signature(getattr(sl, n)).parameters
                    or n == "load_policy"]
    assert sorted(takes_policy) == sorted(calls), "a new function takes a policy: add it to _calls"
    strict = sl.load_policy(POLICY_FILE)
    assert strict.name == "one-plan-strict" and strict.max_level_jump == 2
    for name in takes_policy:
        call = calls[name]
        by_name = call("th-one-plan")
        assert call(sl.TH_ONE_PLAN) == by_name, name
        assert call(Path(POLICY_FILE)) == call(str(POLICY_FILE)) == call(strict), name
        with pytest.raises(sl.PolicyError):
            call("no-such-policy")
    # the policy matters where it should: the strict one checks district coverage too
    g = sl.load(SAMPLE)
    assert sl.coverage(g, policy=POLICY_FILE).to_dict() != sl.coverage(g, policy="th-one-plan").to_dict()


# ---- result types ------------------------------------------------------------------------
#: the public types that are not results (inputs, errors, the graph itself)
NOT_RESULTS = {"PlanGraph", "Policy"}
TABULAR = {"CheckReport", "Trace", "DownTrace", "Matrix", "Coverage"}


def result_types() -> list[str]:
    return [n for n in sl.__all__ if inspect.isclass(getattr(sl, n))
            and not issubclass(getattr(sl, n), BaseException) and n not in NOT_RESULTS]


@pytest.fixture(scope="module")
def examples() -> dict:
    g = sl.load(SAMPLE)
    report = sl.check(g)
    cov = sl.coverage(g)
    return {"CheckReport": report, "Summary": report.summary, "Finding": report.findings[0],
            "Location": report.findings[0].location, "Trace": sl.trace(g, "PRJ-001"),
            "DownTrace": sl.trace_down(g, "NS-S2"), "Matrix": sl.matrix(g), "Coverage": cov,
            "CoverageRow": cov.rows[0]}


def test_every_result_type_has_a_short_repr_and_to_dict(examples):
    assert sorted(result_types()) == sorted(examples), "a new result type: add an example"
    for name in result_types():
        obj = examples[name]
        assert isinstance(obj, getattr(sl, name))
        text = repr(obj)
        assert len(text) <= 100 and "\n" not in text, (name, text)
        data = obj.to_dict()
        assert isinstance(data, dict) and data, name
        json.dumps(data, ensure_ascii=False)  # JSON as it is (no default=)


def test_tabular_results_give_a_frame_with_one_row_per_item(examples):
    pd = pytest.importorskip("pandas")
    sizes = {"CheckReport": len(examples["CheckReport"].findings), "Trace": len(examples["Trace"].paths),
             "DownTrace": len(examples["DownTrace"].projects), "Matrix": len(examples["Matrix"].projects),
             "Coverage": len(examples["Coverage"].rows)}
    for name in result_types():
        has_frame = hasattr(getattr(sl, name), "to_frame")
        assert has_frame == (name in TABULAR), name
        if has_frame:
            frame = examples[name].to_frame()
            assert isinstance(frame, pd.DataFrame) and len(frame) == sizes[name] > 0, name
