#!/usr/bin/env python3
"""ROBOT (the OBO ontology tool) for stratlink's ontology checks, fetched from Maven Central.

ROBOT (``org.obolibrary.robot:robot-command``, with HermiT and the OWL API) is
resolved with Maven like tools/neo4j fetches Neo4j: ``tools/robot/pom.xml`` and
``mvn dependency:copy-dependencies`` into ``~/.cache/stratlink/robot/<version>/lib``
(or ``$STRATLINK_ROBOT_CACHE``). Stdlib only.

CLI::

    python tools/robot/robot.py fetch                  # resolve the jars once
    python tools/robot/robot.py -- validate-profile --profile DL --input stratlink/ontology/stratlink.ttl

Environment: ROBOT_VERSION, STRATLINK_ROBOT_CACHE, MVN, JAVA.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
POM = HERE / "pom.xml"
DEFAULT_VERSION = "1.9.7"
MAIN_CLASS = "org.obolibrary.robot.CommandLineInterface"


class RobotError(RuntimeError):
    """ROBOT could not be fetched or run."""


def version() -> str:
    return os.environ.get("ROBOT_VERSION") or DEFAULT_VERSION


def cache_dir() -> Path:
    root = os.environ.get("STRATLINK_ROBOT_CACHE")
    return Path(root) if root else Path.home() / ".cache" / "stratlink" / "robot"


def lib_dir(ver: str | None = None) -> Path:
    return cache_dir() / (ver or version()) / "lib"


def java() -> str | None:
    return os.environ.get("JAVA") or shutil.which("java")


def fetch(ver: str | None = None) -> tuple[Path, float]:
    """Make sure ROBOT's jars are cached; return (lib folder, seconds spent fetching)."""
    ver = ver or version()
    lib = lib_dir(ver)
    marker = lib.parent / "lib.complete"
    if marker.exists() and lib.is_dir():
        return lib, 0.0
    mvn = os.environ.get("MVN") or shutil.which("mvn")
    if not mvn:
        raise RobotError("Maven (`mvn`) not found; install it (apt-get install maven) or set MVN")
    lib.parent.mkdir(parents=True, exist_ok=True)
    tmp = lib.parent / f"lib.tmp-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    t0 = time.monotonic()
    cmd = [mvn, "-q", "-B", "-f", str(POM), "dependency:copy-dependencies",
           f"-Drobot.version={ver}", f"-DoutputDirectory={tmp}"]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=str(lib.parent))
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-30:])
        shutil.rmtree(tmp, ignore_errors=True)
        raise RobotError(f"Maven could not resolve org.obolibrary.robot:robot-command:{ver}:\n{tail}")
    jars = sorted(p.name for p in tmp.glob("*.jar"))
    if f"robot-command-{ver}.jar" not in jars:
        raise RobotError(f"Maven finished but robot-command-{ver}.jar is missing in {tmp}")
    shutil.rmtree(lib, ignore_errors=True)
    try:
        tmp.rename(lib)
    except OSError:  # another process won the race
        shutil.rmtree(tmp, ignore_errors=True)
    marker.write_text(json.dumps({"version": ver, "jars": jars}))
    return lib, time.monotonic() - t0


def run(args: list[str], *, timeout: float = 1200, heap: str = "2g") -> subprocess.CompletedProcess:
    """Run ROBOT with ``args`` (fetching it first); the completed process, output as text."""
    exe = java()
    if not exe:
        raise RobotError("Java not found; install a JDK (apt-get install openjdk-17-jdk-headless) or set JAVA")
    lib, _ = fetch()
    cmd = [exe, f"-Xmx{heap}", "-cp", str(lib / "*"), MAIN_CLASS, *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


def main(argv: list[str]) -> int:
    if argv[:1] == ["fetch"]:
        lib, secs = fetch()
        print(f"ROBOT {version()} in {lib} (fetched in {secs:.1f} s)" if secs else f"ROBOT {version()} in {lib}")
        return 0
    if argv[:1] == ["--"]:
        argv = argv[1:]
    proc = run(argv)
    sys.stdout.write(proc.stdout)
    sys.stderr.write(proc.stderr)
    return proc.returncode


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except RobotError as exc:
        print(f"robot: {exc}", file=sys.stderr)
        sys.exit(2)
