"""Kept for old scripts: the generator is ``stratlink generate`` (stratlink/generate.py).

    python benchmarks/generate.py out/bench-10k --projects 10000 --seed 1
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stratlink.generate import generate  # noqa: E402

__all__ = ["generate"]

if __name__ == "__main__":
    from stratlink.cli import main

    main(["generate", *sys.argv[1:]])
