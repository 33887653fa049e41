"""The three store backends, set up for tests: memory, an on-disk directory, an Oxigraph server.

The external store is a real `oxigraph serve` process on loopback (from the `oxigraph`
package), loaded through `ltc-graph load --into URL` like a user would load Fuseki.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from ltc_graph.rdf.terms import Binding
from ltc_graph.sparql.execution import InProcess, Limits
from ltc_graph.sparql.service import Query, QueryService
from ltc_graph.store import GraphStore, open_store

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("memory", "disk", "remote")


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


def load(target: str, root: Path = ROOT) -> None:
    """`ltc-graph load --into target` with the repository at `root`."""
    subprocess.run([sys.executable, "-m", "ltc_graph.cli", "load", "--into", target],
                   env={**os.environ, "LTC_HOME": str(root)}, check=True,
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
