"""Coverage-guided fuzzing of stratlink's readers with atheris (optional; not in CI).

atheris needs clang to install, so it is not a test dependency; ``make test`` runs the
hypothesis fuzzers (tests/test_fuzz_readers.py) instead. For a long run::

    pip install atheris
    python tools/fuzz/atheris_readers.py csv -max_total_time=600
    python tools/fuzz/atheris_readers.py xlsx|turtle|json-ld|nt|policy -max_total_time=600

The property is the one the hypothesis fuzzers check: for any bytes, a reader either
returns or raises the documented error (InputError, PolicyError); anything else is a
crash that atheris reports with the input that caused it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

TARGETS = ("csv", "xlsx", "turtle", "json-ld", "nt", "policy")


def make_target(kind: str):
    from stratlink.errors import InputError, PolicyError
    from stratlink.graph_model import load_policy
    from stratlink.loaders import load

    work = Path(tempfile.mkdtemp(prefix="stratlink-fuzz-"))
    suffix = {"xlsx": ".xlsx", "turtle": ".ttl", "json-ld": ".jsonld", "nt": ".nt", "policy": ".toml"}

    def one(data: bytes) -> None:
        if kind == "csv":
            for sheet in ("plans", "elements", "projects", "links"):
                (work / f"{sheet}.csv").write_bytes(data if sheet == "plans" else b"id\r\n")
            path = work
        else:
            path = work / f"input{suffix[kind]}"
            path.write_bytes(data)
        try:
            if kind == "policy":
                load_policy(path)
            else:
                load(path, format=None if kind == "csv" else kind)
        except (InputError, PolicyError):
            pass

    return one


def main() -> None:  # pragma: no cover - needs atheris
    try:
        import atheris
    except ImportError:
        sys.exit("atheris is not installed: pip install atheris (it needs clang)")
    kind = sys.argv.pop(1) if len(sys.argv) > 1 and sys.argv[1] in TARGETS else "csv"
    with atheris.instrument_imports():
        import stratlink.loaders  # noqa: F401
    atheris.Setup(sys.argv, make_target(kind))
    atheris.Fuzz()


if __name__ == "__main__":
    main()
