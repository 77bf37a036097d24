import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "roiet-2561"

sys.path.insert(0, str(ROOT / "tests"))

pytest_plugins = ["tests.neo4j_fixture"] if (ROOT / "tests" / "neo4j_fixture.py").exists() else []


@pytest.fixture
def sample_dir() -> Path:
    if not (SAMPLE / "plans.csv").exists():
        pytest.fail(f"the bundled sample is missing at {SAMPLE}")
    return SAMPLE


@pytest.fixture
def workbook(tmp_path):
    """Write a CSV workbook from sheet texts: workbook(plans="id,level\\n...", ...)."""
    from helpers import write_sheets

    def make(**sheets):
        return write_sheets(tmp_path / "wb", **sheets)

    return make


os.environ.setdefault("STRATLINK_LANG", "en")
# exports carry prov:generatedAtTime; a fixed time keeps two exports of one graph equal
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")
