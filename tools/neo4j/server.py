#!/usr/bin/env python3
"""Start/stop a real Neo4j Community server for stratlink tests.

Neo4j is fetched from Maven Central (``org.neo4j:neo4j``) with Maven, its jars
are cached, and a tiny embedded launcher (``StratlinkNeo4j.java``) is compiled
with ``javac`` and run with Bolt on 127.0.0.1 and authentication on.
Stdlib only.  See docs/neo4j-server.md.

CLI::

    python tools/neo4j/server.py start    # prints NEO4J_URI/NEO4J_USER/NEO4J_PASSWORD
    python tools/neo4j/server.py status
    python tools/neo4j/server.py stop
    python tools/neo4j/server.py fetch    # only resolve jars + compile launcher

Environment: NEO4J_VERSION, NEO4J_JAVA_HOME, STRATLINK_NEO4J_CACHE,
STRATLINK_NEO4J_STATE, STRATLINK_NEO4J_HEAP, STRATLINK_NEO4J_PAGECACHE, MVN.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
POM = HERE / "pom.xml"
LAUNCHER_SRC = HERE / "StratlinkNeo4j.java"
LAUNCHER_CLASS = "StratlinkNeo4j"

DEFAULT_VERSION = "5.26.30"  # newest 5.26 LTS on Maven Central when this was written
DEFAULT_USER = "neo4j"
DEFAULT_HEAP = "1g"
DEFAULT_PAGECACHE = "256m"
START_TIMEOUT = 180.0
STOP_TIMEOUT = 60.0

# What Neo4j's own launcher passes (neo4j.conf server.jvm.additional, also
# listed in org.neo4j.commandline.dbms.ConfigFileMigrator).
NEO4J_JVM_FLAGS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dlog4j2.disable.jmx=true",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+ExitOnOutOfMemoryError",
]


class Neo4jServerError(RuntimeError):
    """Raised when the server cannot be fetched, built or started."""


@dataclasses.dataclass
class ServerInfo:
    uri: str
    user: str
    password: str
    pid: int
    port: int
    version: str
    java: str
    home: str
    log: str
    startup_seconds: float = 0.0
    fetch_seconds: float = 0.0
    #: LOAD CSV file URLs resolve inside this directory (and nowhere else)
    import_dir: str = ""

    def to_json(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> ServerInfo:
        names = {f.name for f in dataclasses.fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


def _log(msg: str) -> None:
    print(f"[neo4j-server] {msg}", file=sys.stderr, flush=True)


# ----------------------------------------------------------------- settings
def default_state_file() -> Path:
    env = os.environ.get("STRATLINK_NEO4J_STATE")
    return Path(env) if env else REPO_ROOT / ".neo4j" / "state.json"


def cache_root() -> Path:
    env = os.environ.get("STRATLINK_NEO4J_CACHE")
    if env:
        return Path(env).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "stratlink" / "neo4j"


def resolve_version(version: str | None = None) -> str:
    v = version or os.environ.get("NEO4J_VERSION") or DEFAULT_VERSION
    if not re.fullmatch(r"[0-9A-Za-z._-]+", v):
        raise Neo4jServerError(f"bad Neo4j version {v!r}")
    return v


def resolve_java(java_home: str | None = None) -> tuple[str, str]:
    """Return (java, javac) executables."""
    home = java_home or os.environ.get("NEO4J_JAVA_HOME") or os.environ.get("JAVA_HOME")
    if home:
        java, javac = Path(home) / "bin" / "java", Path(home) / "bin" / "javac"
        if not java.exists():
            raise Neo4jServerError(f"no java at {java}")
        return str(java), str(javac) if javac.exists() else (shutil.which("javac") or "javac")
    java = shutil.which("java")
    if not java:
        raise Neo4jServerError("java not found: install a JDK (17+ for Neo4j 5.26) or set NEO4J_JAVA_HOME")
    javac = Path(java).resolve().parent / "javac"
    return java, str(javac) if javac.exists() else (shutil.which("javac") or "javac")


def java_version(java: str) -> tuple[int, str]:
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    m = re.search(r'version "([^"]+)"', out)
    if not m:
        raise Neo4jServerError(f"cannot parse `{java} -version`: {out.strip()}")
    full = m.group(1)
    parts = full.split(".")
    major = int(parts[1]) if parts[0] == "1" else int(re.match(r"\d+", parts[0]).group())
    return major, full


@contextlib.contextmanager
def _file_lock(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as fh:
        try:
            import fcntl

            fcntl.flock(fh, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - non-POSIX
            pass
        yield


# ------------------------------------------------------------ fetch + build
def lib_dir(version: str) -> Path:
    return cache_root() / version / "lib"


def _lib_complete(lib: Path) -> bool:
    marker = lib.parent / "lib.complete"
    if not (lib.is_dir() and marker.is_file()):
        return False
    try:
        names = json.loads(marker.read_text())["jars"]
    except (ValueError, KeyError):
        return False
    return bool(names) and all((lib / n).is_file() for n in names)


def fetch(version: str | None = None) -> tuple[Path, float]:
    """Make sure the Neo4j jars for *version* are in the cache; return (lib, seconds spent)."""
    version = resolve_version(version)
    lib = lib_dir(version)
    if _lib_complete(lib):
        return lib, 0.0
    with _file_lock(lib.parent / ".lock"):
        if _lib_complete(lib):
            return lib, 0.0
        mvn = os.environ.get("MVN") or shutil.which("mvn")
        if not mvn:
            raise Neo4jServerError("Maven (`mvn`) not found; install it (apt-get install maven) or set MVN")
        tmp = lib.parent / "lib.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(lib, ignore_errors=True)
        _log(f"resolving org.neo4j:neo4j:{version} from Maven Central into {lib} ...")
        t0 = time.monotonic()
        cmd = [
            mvn, "-q", "-B", "-f", str(POM), "dependency:copy-dependencies",
            f"-Dneo4j.version={version}", f"-DoutputDirectory={tmp}",
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=str(lib.parent))
        if proc.returncode != 0:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-30:])
            raise Neo4jServerError(f"Maven could not resolve org.neo4j:neo4j:{version}:\n{tail}")
        jars = sorted(p.name for p in tmp.glob("*.jar"))
        if not any(n.startswith(f"neo4j-{version}") for n in jars):
            raise Neo4jServerError(f"Maven finished but neo4j-{version}.jar is missing in {tmp}")
        tmp.rename(lib)
        (lib.parent / "lib.complete").write_text(json.dumps({"version": version, "jars": jars}))
        secs = time.monotonic() - t0
        size = sum(p.stat().st_size for p in lib.glob("*.jar"))
        _log(f"fetched {len(jars)} jars ({size / 2**20:.0f} MiB) in {secs:.1f} s")
        return lib, secs


def build_launcher(version: str, javac: str, java: str) -> Path:
    """Compile StratlinkNeo4j.java against the cached jars (once per source/JDK/version)."""
    lib = lib_dir(version)
    major, full = java_version(java)
    key = hashlib.sha256(LAUNCHER_SRC.read_bytes() + full.encode()).hexdigest()[:12]
    classes = lib.parent / f"classes-{key}"
    if (classes / f"{LAUNCHER_CLASS}.class").is_file():
        return classes
    with _file_lock(lib.parent / ".lock"):
        if (classes / f"{LAUNCHER_CLASS}.class").is_file():
            return classes
        tmp = Path(tempfile.mkdtemp(prefix="classes.", dir=lib.parent))
        proc = subprocess.run(
            [javac, "-proc:none", "-encoding", "UTF-8", "-nowarn", "-d", str(tmp),
             "-cp", str(lib / "*"), str(LAUNCHER_SRC)],
            capture_output=True, text=True,
        )
        if proc.returncode != 0:
            shutil.rmtree(tmp, ignore_errors=True)
            raise Neo4jServerError(f"javac failed ({javac}, Java {full}):\n{proc.stdout}{proc.stderr}")
        shutil.rmtree(classes, ignore_errors=True)
        tmp.rename(classes)
    return classes


# ------------------------------------------------------------ process utils
def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _port_open(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        return True
    return False


_CHILDREN: dict[int, subprocess.Popen] = {}  # servers started by this process


def _is_ours(pid: int) -> bool:
    """True if *pid* is alive (not a zombie) and runs our launcher."""
    if pid in _CHILDREN:
        return _CHILDREN[pid].poll() is None
    with contextlib.suppress(ChildProcessError, OSError):
        os.waitpid(pid, os.WNOHANG)  # reap if it is our own exited child
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    proc = Path(f"/proc/{pid}")
    if proc.exists():
        with contextlib.suppress(OSError):
            stat = (proc / "stat").read_text()
            if stat.rsplit(")", 1)[1].split()[0] == "Z":
                return False
            return LAUNCHER_CLASS.encode() in (proc / "cmdline").read_bytes()
        return False
    return True  # no /proc (macOS): trust kill(0)


def _tail(path: str | Path, n: int = 40) -> str:
    with contextlib.suppress(OSError):
        return "\n".join(Path(path).read_text(errors="replace").splitlines()[-n:])
    return "(no log)"


def _size_to_bytes(s: str) -> int:
    m = re.fullmatch(r"(\d+)([kmg]?)b?", s.strip().lower())
    if not m:
        raise Neo4jServerError(f"bad size {s!r}")
    return int(m.group(1)) * {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}[m.group(2)]


# ------------------------------------------------------------------ public
def start(
    version: str | None = None,
    port: int | None = None,
    password: str | None = None,
    java_home: str | None = None,
    *,
    timeout: float = START_TIMEOUT,
    state_file: str | Path | None = None,
    watch_parent: bool = False,
    home: str | Path | None = None,
) -> ServerInfo:
    """Start a detached Neo4j server and wait until Bolt accepts connections.

    With *state_file*, the connection info is written there (JSON).  With
    *watch_parent*, the JVM exits by itself when the calling process dies
    (used by the pytest fixture so a killed test run leaves nothing behind).
    With *home*, the server runs on that directory (a database written by
    :func:`bulk_import`, or the home of a server that was killed: it recovers).
    """
    version = resolve_version(version)
    java, javac = resolve_java(java_home)
    major, full = java_version(java)
    need = 21 if re.match(r"20\d\d\.", version) else 17  # calendar versions (2025.x+) need Java 21
    if major < need:
        raise Neo4jServerError(
            f"Neo4j {version} needs Java {need}+, but {java} is Java {full}; set NEO4J_JAVA_HOME")
    lib, fetch_secs = fetch(version)
    classes = build_launcher(version, javac, java)

    port = port or free_port()
    password = password or secrets.token_urlsafe(18)
    if home is None:
        home = tempfile.mkdtemp(prefix=f"stratlink-neo4j-{port}-")
    home = str(home)
    log = os.path.join(home, "server.log")
    heap = os.environ.get("STRATLINK_NEO4J_HEAP", DEFAULT_HEAP)
    pagecache = _size_to_bytes(os.environ.get("STRATLINK_NEO4J_PAGECACHE", DEFAULT_PAGECACHE))

    flags = [f"-Xms{min(_size_to_bytes(heap), 256 * 2**20) // 2**20}m", f"-Xmx{heap}", *NEO4J_JVM_FLAGS]
    if major >= 23:  # JEP 471/498: Neo4j still uses sun.misc.Unsafe memory access
        flags.append("--sun-misc-unsafe-memory-access=allow")
    flags += [f"-Dstratlink.pagecache={pagecache}", "-Dfile.encoding=UTF-8",
              f"-Djava.io.tmpdir={home}"]
    if watch_parent:
        flags.append(f"-Dstratlink.watchPid={os.getpid()}")
    cmd = [java, *flags, "-cp", f"{classes}{os.pathsep}{lib / '*'}", LAUNCHER_CLASS,
           os.path.join(home, "dbms"), str(port)]

    env = dict(os.environ, STRATLINK_NEO4J_PASSWORD=password)
    t0 = time.monotonic()
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            env=env, cwd=home, start_new_session=True, close_fds=True,
        )
    _CHILDREN[proc.pid] = proc
    info = ServerInfo(
        uri=f"bolt://127.0.0.1:{port}", user=DEFAULT_USER, password=password, pid=proc.pid,
        port=port, version=version, java=full, home=home, log=log, fetch_seconds=round(fetch_secs, 1),
        import_dir=os.path.join(home, "dbms", "import"),
    )

    deadline = t0 + timeout
    while True:
        text = Path(log).read_text(errors="replace")
        if "READY " in text and _port_open(port):
            break
        if proc.poll() is not None:
            tail = _tail(log)
            with contextlib.suppress(OSError):
                shutil.copy(log, home + ".failed.log")
            shutil.rmtree(home, ignore_errors=True)
            raise Neo4jServerError(
                f"Neo4j {version} (Java {full}) exited during start-up; "
                f"full log kept at {home}.failed.log; last lines:\n{tail}")
        if time.monotonic() > deadline:
            tail = _tail(log)
            stop(info)
            raise Neo4jServerError(
                f"Neo4j {version} (Java {full}) did not accept Bolt connections on port {port} "
                f"within {timeout:.0f} s; last log lines:\n{tail}")
        time.sleep(0.25)
    info.startup_seconds = round(time.monotonic() - t0, 1)
    _log(f"Neo4j {version} on Java {full} ready at {info.uri} (pid {info.pid}) "
         f"in {info.startup_seconds} s")
    if state_file:
        sf = Path(state_file)
        sf.parent.mkdir(parents=True, exist_ok=True)
        tmp = sf.with_suffix(".tmp")
        tmp.write_text(json.dumps(info.to_json(), indent=2))
        os.chmod(tmp, 0o600)
        tmp.replace(sf)
    return info


def bulk_import(arguments: list[str], home: str | Path | None = None,
                version: str | None = None, java_home: str | None = None) -> tuple[Path, float]:
    """Run ``neo4j-admin database import full neo4j ARGUMENTS`` (the import tool from the
    cached Community jars: ``org.neo4j.cli.AdminTool``) into a new server home; returns
    (home, seconds the importer ran). Start a server on it with ``start(home=...)``."""
    version = resolve_version(version)
    java, javac = resolve_java(java_home)
    lib, _ = fetch(version)
    home = Path(home) if home else Path(tempfile.mkdtemp(prefix="stratlink-neo4j-import-"))
    conf = home / "dbms" / "conf"
    conf.mkdir(parents=True, exist_ok=True)
    (conf / "neo4j.conf").touch()
    heap = os.environ.get("STRATLINK_NEO4J_HEAP", DEFAULT_HEAP)
    env = dict(os.environ, NEO4J_HOME=str(home / "dbms"), NEO4J_CONF=str(conf))
    cmd = [java, f"-Xmx{heap}", *NEO4J_JVM_FLAGS, "-cp", str(lib / "*"), "org.neo4j.cli.AdminTool",
           "database", "import", "full", "neo4j", "--overwrite-destination=true", *arguments]
    t0 = time.monotonic()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=str(home))
    secs = time.monotonic() - t0
    (home / "import.log").write_text(proc.stdout + proc.stderr)
    if proc.returncode != 0 or "IMPORT DONE" not in proc.stdout + proc.stderr:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-20:])
        raise Neo4jServerError(f"neo4j-admin database import failed (exit {proc.returncode}):\n{tail}")
    return home, secs


def kill(info: ServerInfo) -> None:
    """SIGKILL the server (a crash, for fault tests); its home stays for a restart."""
    if _is_ours(info.pid):
        with contextlib.suppress(ProcessLookupError):
            os.kill(info.pid, signal.SIGKILL)
        for _ in range(100):
            if not _is_ours(info.pid):
                break
            time.sleep(0.1)
    _CHILDREN.pop(info.pid, None)


def read_state(state_file: str | Path | None = None) -> ServerInfo | None:
    sf = Path(state_file) if state_file else default_state_file()
    try:
        return ServerInfo.from_json(json.loads(sf.read_text()))
    except (OSError, ValueError, TypeError):
        return None


def is_running(info: ServerInfo | None) -> bool:
    return info is not None and _is_ours(info.pid)


def stop(
    info: ServerInfo | int | None = None,
    *,
    state_file: str | Path | None = None,
    timeout: float = STOP_TIMEOUT,
) -> bool:
    """Stop a server (SIGTERM, wait, SIGKILL) and delete its temp data.

    *info* may be a ServerInfo, a pid, or None to use the state file.
    Returns True if a running server was stopped.
    """
    sf = Path(state_file) if state_file else None
    if info is None:
        sf = sf or default_state_file()
        info = read_state(sf)
        if info is None:
            return False
    pid = info if isinstance(info, int) else info.pid
    home = None if isinstance(info, int) else info.home
    stopped = False
    if _is_ours(pid):
        stopped = True
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while _is_ours(pid) and time.monotonic() < deadline:
            time.sleep(0.2)
        if _is_ours(pid):
            _log(f"pid {pid} ignored SIGTERM for {timeout:.0f} s; sending SIGKILL")
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            for _ in range(50):
                if not _is_ours(pid):
                    break
                time.sleep(0.1)
    _CHILDREN.pop(pid, None)
    if home and Path(home).name.startswith(("stratlink-neo4j-", "stratlink-neo4j-import-")):
        shutil.rmtree(home, ignore_errors=True)
    if sf is not None:
        with contextlib.suppress(OSError):
            sf.unlink()
    return stopped


# --------------------------------------------------------------------- CLI
def _print_env(info: ServerInfo) -> None:
    """Shell lines that set the connection: ``eval "$(make -s neo4j)"`` uses them."""
    import shlex

    for key, value in (("NEO4J_URI", info.uri), ("NEO4J_USER", info.user),
                       ("NEO4J_PASSWORD", info.password)):
        print(f"export {key}={shlex.quote(value)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=["start", "stop", "status", "fetch"])
    ap.add_argument("--version", dest="neo4j_version", help="Neo4j version (env NEO4J_VERSION)")
    ap.add_argument("--java-home", help="JDK home (env NEO4J_JAVA_HOME)")
    ap.add_argument("--port", type=int, help="Bolt port (default: a free one)")
    ap.add_argument("--password", help="password for user neo4j (default: random)")
    ap.add_argument("--state-file", help="state file (default: <repo>/.neo4j/state.json)")
    ap.add_argument("--timeout", type=float, default=START_TIMEOUT, help="start-up timeout, s")
    args = ap.parse_args(argv)
    sf = Path(args.state_file) if args.state_file else default_state_file()

    try:
        if args.command == "fetch":
            version = resolve_version(args.neo4j_version)
            java, javac = resolve_java(args.java_home)
            lib, _ = fetch(version)
            classes = build_launcher(version, javac, java)
            print(f"lib={lib}\nclasses={classes}")
            return 0
        if args.command == "start":
            current = read_state(sf)
            if is_running(current):
                _log(f"already running (pid {current.pid}, {current.version}); reusing it")
                _print_env(current)
                return 0
            if current is not None:
                stop(current, state_file=sf)  # stale state: clean up its temp dir
            info = start(args.neo4j_version, args.port, args.password, args.java_home,
                         timeout=args.timeout, state_file=sf)
            for child in _CHILDREN.values():
                child.returncode = 0  # detached on purpose: no "still running" warning at exit
            _print_env(info)
            return 0
        if args.command == "stop":
            info = read_state(sf)
            if info is not None and stop(info, state_file=sf):
                _log(f"stopped pid {info.pid}")
            else:
                if info is not None:
                    stop(info, state_file=sf)  # stale state: remove it and the temp dir
                _log("not running")
            return 0
        info = read_state(sf)
        if is_running(info):
            print(f"running pid={info.pid} uri={info.uri} version={info.version} java={info.java}")
            return 0
        print("not running")
        return 1
    except Neo4jServerError as exc:
        _log(f"ERROR: {exc}")
        return 1


if __name__ == "__main__":
    sys.exit(main())
