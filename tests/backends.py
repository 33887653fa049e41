"""The store backends, set up for tests: memory, an on-disk directory, an Oxigraph server and
Virtuoso.

The external stores are real servers on loopback, loaded through `ltc-graph load --into URL`
as a user would load them: `oxigraph serve` (from the `oxigraph` package) takes one N-Quads
PUT, and Debian's Virtuoso (`virtuoso-opensource`) SPARQL Update as its `dba` user, whose
password is made for the run.
"""

from __future__ import annotations

import atexit
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from ltc_graph.rdf.terms import Binding
from ltc_graph.sparql.execution import InProcess, Limits
from ltc_graph.sparql.service import Query, QueryService
from ltc_graph.store import GraphStore, open_store

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("memory", "disk", "remote", "virtuoso")


def service_on(store: GraphStore) -> QueryService:
    """The query service on `store` in this process, with no caps and no cache."""
    return QueryService(InProcess(store, Limits(sys.maxsize, sys.maxsize)),
                        lambda: store.info.version)


def select(store: GraphStore, text: str, bindings: tuple[Binding, ...] = ()) -> dict:
    """A SELECT's SPARQL JSON answer, the project's prefixes predeclared, as `ltc-graph query`
    runs it."""
    service = service_on(store)
    return service.answer(service.check(Query(text, bindings=bindings, predeclared=True)),
                          "json").json()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def load(target: str, root: Path = ROOT, *args: str, env: dict[str, str] | None = None,
         ) -> None:
    """`ltc-graph load --into target [args]` with the repository at `root`."""
    subprocess.run([sys.executable, "-m", "ltc_graph.cli", "load", "--into", target, *args],
                   env={**os.environ, "LTC_HOME": str(root), **(env or {})}, check=True,
                   capture_output=True, timeout=300)


@contextmanager
def oxigraph_server(location: Path, port: int | None = None) -> Iterator[str]:
    """Yield the base URL of a fresh `oxigraph serve` on loopback (/query, /store)."""
    port = port or free_port()
    executable = Path(sys.executable).with_name("oxigraph")
    process = subprocess.Popen([str(executable), "serve", "--location", str(location),
                                "--bind", f"127.0.0.1:{port}"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/query?query=ASK%7B%7D")
        yield base
    finally:
        process.terminate()
        process.wait(10)


VIRTUOSO_INI = Path(__file__).with_name("virtuoso.ini")  # shared with bench/stores.py


@dataclass(frozen=True)
class Virtuoso:
    """A Virtuoso on loopback: queries at /sparql, SPARQL Update at /sparql-auth as `dba`."""

    base: str
    password: str

    @property
    def query_url(self) -> str:
        return self.base + "/sparql"

    @property
    def update_url(self) -> str:
        return self.base + "/sparql-auth"

    def load(self, root: Path = ROOT, *paths: str) -> None:
        """`ltc-graph load --into .../sparql-auth --update --user dba`, the password in the
        environment as an operator gives it."""
        load(self.update_url, root, "--update", "--user", "dba", *paths,
             env={"LTC_STORE_PASSWORD": self.password})


@contextmanager
def virtuoso_server(location: Path, max_rows: int = 100_000, seconds: int = 6,
                    ) -> Iterator[Virtuoso]:
    """A fresh Virtuoso (Debian's `virtuoso-t`) with its database and ini in `location`, on
    loopback ports, its `dba` password changed to one made for this run. `max_rows` and
    `seconds` are its own row and time limits (ResultSetMaxRows, MaxQueryExecutionTime): above
    the servers' in the tests (3 s for the runaway queries), low enough that a runaway query
    the server gave up on does not keep one of the machine's cores busy for long."""
    location.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = location / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.read_text(encoding="utf-8").format(
        dir=location, sql_port=sql_port, http_port=http_port, buffers=10_000,
        dirty_buffers=6_000, extra_parameters="ThreadsPerQuery = 2\n",
        extra_http="MaxKeepAlives = 10\n", max_rows=max_rows, seconds=seconds),
        encoding="utf-8")
    process = subprocess.Popen(["virtuoso-t", "+configfile", str(ini), "+foreground"],
                               cwd=location, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_until_up(base + "/sparql?query=ASK%7B%7D", 60)
        password = secrets.token_urlsafe(16)
        subprocess.run(["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba",
                        f"exec=USER_SET_PASSWORD('dba', '{password}');"],
                       check=True, capture_output=True, timeout=60)
        yield Virtuoso(base, password)
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


_SHARED = ExitStack()
_VIRTUOSOS: dict[Path, Virtuoso] = {}
atexit.register(_SHARED.close)


def shared_virtuoso(root: Path = ROOT) -> Virtuoso:
    """One Virtuoso per repository root for the whole test run (a start costs seconds), loaded
    with that root's data; stopped when the run ends. Tests must not change its data."""
    if root not in _VIRTUOSOS:
        place = Path(tempfile.mkdtemp(prefix="ltc-virtuoso-"))
        _SHARED.callback(shutil.rmtree, place, ignore_errors=True)
        server = _SHARED.enter_context(virtuoso_server(place))
        server.load(root)
        _VIRTUOSOS[root] = server
    return _VIRTUOSOS[root]


def wait_until_up(url: str, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                response.read()
                return
        except (urllib.error.URLError, OSError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


class Backend:
    """One backend; stores are built once per repository root and reused by every test."""

    def __init__(self, name: str, scratch: Path) -> None:
        self.name = name
        self.scratch = scratch
        self._specs: dict[Path, str] = {}
        self._servers = ExitStack()

    def spec(self, root: Path = ROOT) -> str:
        """The `--store` value that serves the repository at `root`."""
        if self.name == "memory":
            return "memory"
        if root not in self._specs:
            place = self.scratch / f"{self.name}-{len(self._specs)}"
            if self.name == "disk":
                load(str(place), root)
                self._specs[root] = str(place)
            elif self.name == "virtuoso":
                self._specs[root] = shared_virtuoso(root).query_url
            else:
                base = self._servers.enter_context(oxigraph_server(place))
                load(base + "/store", root)
                self._specs[root] = base + "/query"
        return self._specs[root]

    def serve_args(self, root: Path = ROOT) -> list[str]:
        return ["--store", self.spec(root)]

    def open(self, root: Path = ROOT) -> GraphStore:
        return open_store(self.spec(root), root)

    def close(self) -> None:
        self._servers.close()
