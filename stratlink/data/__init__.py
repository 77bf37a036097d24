"""Public data shipped with stratlink (see README.md in this folder).

``th-national-plans.csv``: the National Strategy's 6 strategies, the 23 master plans,
sub-plans of master plans 03 and 05, and the 13 milestones of the 13th NESDP.
``th-master-plan-links.csv``: which national strategy each master plan and each
milestone serves, as stratlink's sample and template use it.
"""

from __future__ import annotations

import csv
from importlib import resources


def read_rows(name: str) -> list[dict[str, str]]:
    """The rows of one bundled CSV file as dicts of text.

    >>> [r["code"] for r in read_rows("th-national-plans.csv") if r["kind"] == "national_strategy"]
    ['1', '2', '3', '4', '5', '6']
    """
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))
