"""The bulk importer on one workbook with text or integer ids (and any importer options).

    python benchmarks/bulk_ids.py FOLDER str|int [IMPORTER OPTION...]

Writes the import files (``write_import_files(..., integer_ids=...)``), runs
``neo4j-admin database import full`` (``tools/neo4j/server.py bulk_import``) and prints
the seconds of the files, the importer's wall and CPU time, its ``IMPORT DONE`` time
and each stage from its log. Numbers in benchmarks/README-neo4j.md.
"""

from __future__ import annotations

import re
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    from neo4j_fixture import load_server_module

    from stratlink.loaders import load
    from stratlink.neo4j.bulk import write_import_files

    folder, mode, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    g = load(folder)
    tmp = Path(tempfile.mkdtemp(prefix="bulk-ids-"))
    t = time.perf_counter()
    files = write_import_files(g, tmp / "files", integer_ids=mode == "int")
    files_s = time.perf_counter() - t
    server = load_server_module()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    home, secs = server.bulk_import(files.arguments + extra)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    log = (Path(home) / "import.log").read_text(errors="replace")
    stages = re.findall(r"^(.*) COMPLETED in (.*)$", log, re.M)
    done = re.search(r"IMPORT DONE in (.*?)\.", log)
    n = files.nodes + files.relationships
    print(f"{folder} ids={mode} {extra}: files {files_s:.1f} s; importer wall {secs:.1f} s "
          f"({n / secs:,.0f}/s), CPU {cpu:.1f} s; IMPORT DONE {done.group(1) if done else '?'}; "
          f"stages {stages}; files + importer {files_s + secs:.1f} s ({n / (files_s + secs):,.0f}/s)")
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
