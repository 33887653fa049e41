"""Run probes in real query workers: `python tests/sandbox_probes.py ROOT STORE PROBES_JSON`.

A script, not a test module: a worker can only unpickle a task whose module it has already
imported, and a worker imports its parent's main script before the sandbox is installed.
Prints one JSON object per probe: the Answer's ok, refused, error and body. An external store
is not described first (that would reach it before the sandbox is on).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ltc_graph.sparql.execution import Answer, Job, Limits
from ltc_graph.sparql.workers import PoolConfig, WorkerPool
from ltc_graph.store import GraphStore, StoreInfo, is_remote


def _read(path: str) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read(40)


def _connect(host: str, port: int) -> str:
    with socket.create_connection((host, port), timeout=2):
        return "connected"


def _socket(host: str, port: int) -> str:
    with socket.socket() as raw:
        raw.settimeout(2)
        raw.connect((host, port))
        return "connected"


def _popen(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=False).stdout


def _system(command: str) -> str:
    return str(os.system(command))


ACTIONS = {"read": _read, "connect": _connect, "socket": _socket, "popen": _popen,
           "system": _system,
           "list": lambda path: str(len(os.listdir(path)))}


@dataclass(frozen=True)
class Probe:
    """Try one thing a query should never do; an OSError is what Python code usually gets."""

    action: str
    args: tuple[Any, ...]

    def perform(self, store: GraphStore, limits: Limits) -> Answer:
        try:
            result = ACTIONS[self.action](*self.args)
        except OSError as exc:
            return Answer(ok=False, error=f"{type(exc).__name__}: {exc}")
        return Answer(ok=True, body=str(result).encode())


def main(root: str, store: str, probes: list[list[Any]]) -> None:
    described = StoreInfo(graphs=frozenset(), version="probe") if is_remote(store) else None
    pool = WorkerPool(PoolConfig(root=Path(root), store=store, remote_info=described, size=1,
                                 timeout=20))
    try:
        for action, *args in probes:
            task = Job(args[0], "json") if action == "query" else Probe(action, tuple(args))
            answer = pool.run(task)
            print(json.dumps({"ok": answer.ok, "refused": answer.refused,
                              "error": answer.error, "body": answer.body.decode()}), flush=True)
    finally:
        pool.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]))
