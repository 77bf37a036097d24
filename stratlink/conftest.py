"""Doctests in the package run from the repository root, so that their examples can
name the bundled sample as a user would: ``load("examples/roiet-2561")``."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _doctest_cwd(request, monkeypatch):
    if isinstance(request.node, pytest.DoctestItem):
        monkeypatch.chdir(ROOT)
