"""Client peak RSS of ``stratlink neo4j load FOLDER`` (into an empty database, then
``--replace`` of the same), for one or more source trees, against one new server.

    python benchmarks/load_memory.py FOLDER [TREE...]    # TREE: a checkout (default: this one)

Numbers in benchmarks/README-neo4j.md.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

#: runs the command, then prints its exit status, its peak RSS (MB) and last line
WRAP = ("import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], capture_output=True, "
        "text=True); print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, "
        "(r.stdout + r.stderr).strip().splitlines()[-1:])")


def main() -> None:
    import neo4j
    from neo4j_fixture import clean_database, load_server_module

    folder, trees = sys.argv[1], sys.argv[2:] or [str(ROOT)]
    server = load_server_module()
    info = server.start(watch_parent=True)
    driver = neo4j.GraphDatabase.driver(info.uri, auth=(info.user, info.password))
    try:
        for tree in trees:
            clean_database(driver)
            for extra in ([], ["--replace"]):
                env = dict(os.environ, NEO4J_URI=info.uri, NEO4J_USER=info.user,
                           NEO4J_PASSWORD=info.password, STRATLINK_LANG="en", PYTHONPATH=tree)
                t = time.perf_counter()
                p = subprocess.run([sys.executable, "-c", WRAP, sys.executable, "-c",
                                    "import sys; from stratlink.cli import main; sys.exit(main())",
                                    "neo4j", "load", folder, *extra], env=env, capture_output=True, text=True)
                print(f"{tree}: neo4j load {' '.join(extra)} {time.perf_counter() - t:.1f} s; exit, "
                      f"client peak MB, last line: {p.stdout.strip()} {p.stderr.strip()[-300:]}", flush=True)
    finally:
        driver.close()
        server.stop(info)


if __name__ == "__main__":
    main()
