"""The query workers' sandbox (sandbox.py): what a worker refuses once its store is open, in
real workers started by a real pool, and how the endpoint reports a refused job."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from backends import load, oxigraph_server
from ltc_graph.sparql import sandbox
from ltc_graph.sparql.execution import Answer, Task
from ltc_graph.sparql.workers import WorkerDied
from ltc_graph.web.app import create_app
from ltc_graph.web.state import state

ROOT = Path(__file__).resolve().parents[2]
PROBES = Path(__file__).resolve().parents[1] / "sandbox_probes.py"
AFIL = ROOT / "data" / "brochure" / "afil.trig"
ASK_AFIL = "ASK { <https://w3id.org/ltc/id/cluster/afil> ?p ?o }"


def probe(store: str, *probes: list[Any]) -> list[dict[str, Any]]:
    """Each probe's Answer, from a worker of a pool serving `store`."""
    done = subprocess.run([sys.executable, str(PROBES), str(ROOT), store, json.dumps(probes)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, check=True)
    return [json.loads(line) for line in done.stdout.splitlines()]


def refused(what: str) -> dict[str, Any]:
    return {"ok": False, "refused": True, "body": "",
            "error": f"the query was stopped: a query worker may not be {what}"}


def allowed(body: str) -> dict[str, Any]:
    return {"ok": True, "refused": False, "error": "", "body": body}


@pytest.fixture
def canary() -> Iterator[socket.socket]:
    """A TCP listener on loopback that no worker should ever reach."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.settimeout(0.5)
        yield listener


def contacted(listener: socket.socket) -> bool:
    try:
        connection, _ = listener.accept()
    except TimeoutError:
        return False
    connection.close()
    return True


def test_a_worker_refuses_files_processes_and_the_network(canary: socket.socket) -> None:
    port = canary.getsockname()[1]
    answers = probe("memory",
                    ["read", "/etc/passwd"],
                    ["read", str(ROOT / "README.md")],
                    ["list", "/etc"],
                    ["socket", "127.0.0.1", port],
                    ["connect", "127.0.0.1", port],
                    ["popen", "true"],
                    ["system", "true"],
                    ["read", str(AFIL)],
                    ["query", ASK_AFIL])
    assert answers == [
        refused("reading /etc/passwd"),
        refused(f"reading {ROOT / 'README.md'}"),
        refused("listing /etc"),
        refused("using the network"),
        refused(f"resolving 127.0.0.1:{port}"),
        refused("starting a process"),
        refused("starting a process"),
        allowed(AFIL.read_text("utf-8")[:40]),
        allowed('{"head": {}, "boolean": true}'),
    ]
    assert not contacted(canary)


def test_a_worker_of_an_external_store_reaches_that_store_only(
        tmp_path: Path, canary: socket.socket) -> None:
    port = canary.getsockname()[1]
    with oxigraph_server(tmp_path / "oxigraph") as base:
        load(base + "/store")
        answers = probe(base + "/query",
                        ["query", ASK_AFIL],
                        ["socket", "127.0.0.1", port],
                        ["connect", "127.0.0.1", port],
                        ["read", "/etc/passwd"],
                        ["query", ASK_AFIL])
    assert answers == [
        allowed('{"head": {}, "boolean": true}'),
        refused(f"connecting to 127.0.0.1:{port}"),
        refused(f"resolving 127.0.0.1:{port}"),
        refused("reading /etc/passwd"),
        allowed('{"head": {}, "boolean": true}'),
    ]
    assert not contacted(canary)


class _Redirect(BaseHTTPRequestHandler):
    """A store that sends every query on to another address (the canary)."""

    target = ""

    def do_POST(self) -> None:
        self.send_response(303)
        self.send_header("Location", self.target)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_a_redirect_from_the_store_to_elsewhere_is_refused(canary: socket.socket) -> None:
    _Redirect.target = f"http://127.0.0.1:{canary.getsockname()[1]}/internal"
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        answers = probe(f"http://127.0.0.1:{server.server_port}/query", ["query", ASK_AFIL])
    finally:
        server.shutdown()
        server.server_close()
    assert answers == [refused(f"requesting http://127.0.0.1:{canary.getsockname()[1]}")]
    assert not contacted(canary)


def test_the_policy_names_the_data_the_store_and_python_only(tmp_path: Path) -> None:
    rules = sandbox.policy(ROOT, str(tmp_path))
    real = os.path.realpath
    for folder in ("ontology", "data", "shapes", "queries"):
        assert real(ROOT / folder) + os.sep in rules.readable
    assert real(tmp_path) + os.sep in rules.readable
    assert real(sys.base_prefix) + os.sep in rules.readable
    assert not any(real(ROOT) + os.sep == folder for folder in rules.readable)
    assert rules.peers == frozenset()
    remote = sandbox.policy(ROOT, "http://localhost:7878/query")
    assert ("localhost", 7878) in remote.hosts
    assert ("127.0.0.1", 7878) in remote.peers
    assert {port for _, port in remote.peers} == {7878}


class _Stub:
    """A pool that answers every job the same way, or raises."""

    def __init__(self, outcome: Answer | Exception) -> None:
        self.outcome = outcome
        self.config = None

    def run(self, job: Task) -> Answer:
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome


@pytest.mark.parametrize(("outcome", "status", "message", "retry"), [
    (Answer(ok=False, refused=True, error="the query was stopped: a query worker may not be "
            "reading /etc/passwd"), 403,
     "the query was stopped: a query worker may not be reading /etc/passwd", None),
    (WorkerDied(), 503, "the query worker stopped before answering (it may have run out of "
     "memory) and is being replaced; try again in a few seconds, and simplify the query if it "
     "happens again", "5"),
])
def test_the_endpoint_reports_a_refused_job_and_a_dead_worker(
        outcome: Answer | Exception, status: int, message: str, retry: str | None) -> None:
    app = create_app({"QUERY_WORKERS": 1, "RESULT_CACHE_BYTES": 0})
    found = state(app)
    found.service.executor = _Stub(outcome)  # the query service runs its jobs on the stub
    try:
        response = app.test_client().get("/sparql", query_string={"query": ASK_AFIL},
                                         headers={"Accept": "application/json"})
    finally:
        found.close()
    assert response.status_code == status
    assert response.get_json() == {"ok": False, "status": status, "error": message}
    assert response.headers.get("Retry-After") == retry
