"""Faults a public server lives through: a query worker killed mid-query, data files broken
and then fixed under a running server, SIGHUP, and SIGTERM with a query in flight (for
`ltc-graph serve` and for gunicorn). Real servers, real signals, exact answers."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from backends import free_port, wait_until_up
from ltc_graph.sparql.execution import Job
from ltc_graph.sparql.workers import PoolConfig, WorkerPool
from servers import fetch

ROOT = Path(__file__).resolve().parents[2]
JSON = "application/sparql-results+json"
SIZE = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
SQUARE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"  # ~4 s on the real data
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # hours
REGIONS = "SELECT ?n WHERE { project:plastix ltc:regionCount ?n }"
FACT, CHANGED = "ltc:regionCount 6 ;", "ltc:regionCount 7 ;"  # in data/brochure/afil.trig
T = TypeVar("T")


@contextmanager
def server(*args: str, log: Path, env: dict[str, str] | None = None
           ) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """A real `ltc-graph serve`: its process and its endpoint URL; standard error to `log`."""
    with log.open("w", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "ltc_graph.cli", "serve", "--port", "0", *args],
            cwd=ROOT, env={**os.environ, **(env or {})},
            stdout=subprocess.PIPE, stderr=stderr, text=True)
    assert process.stdout is not None
    try:
        line = process.stdout.readline()
        assert line.startswith("Serving the graph at "), line or log.read_text("utf-8")
        yield process, line.rsplit(" ", 1)[1].strip()
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(10)
        process.stdout.close()


def ask(endpoint: str, query: str) -> tuple[int, dict[str, str], Any]:
    """GET a query; the status, the headers and the JSON body."""
    status, headers, body = fetch(endpoint + "?" + urllib.parse.urlencode({"query": query}),
                                  accept=JSON + ", application/json;q=0.9")
    return status, headers, json.loads(body)


def number(answer: Any) -> int:
    return int(answer["results"]["bindings"][0]["n"]["value"])


def health(endpoint: str) -> dict[str, Any]:
    status, _, body = fetch(endpoint.removesuffix("/sparql") + "/healthz")
    assert status == 200
    return json.loads(body)


def wait_for(read: Callable[[], T], done: Callable[[T], bool], seconds: float = 30) -> T:
    deadline = time.monotonic() + seconds
    while True:
        value = read()
        if done(value):
            return value
        assert time.monotonic() < deadline, f"still {value!r} after {seconds} s"
        time.sleep(0.1)


def descendants(pid: int) -> list[int]:
    """Every process below `pid` (query workers are children of the fork server)."""
    found: list[int] = []
    todo = [pid]
    while todo:
        for children in Path(f"/proc/{todo.pop()}/task").glob("*/children"):
            try:
                below = [int(p) for p in children.read_text().split()]
            except OSError:  # the thread or process has just ended
                continue
            found += below
            todo += below
    return found


def cpu_ticks(pid: int) -> int:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])  # utime + stime


def busy_worker(pid: int, seconds: float = 30) -> int:
    """The process below `pid` that is burning CPU: the worker running the slow query."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        before = {p: cpu_ticks(p) for p in descendants(pid)}
        time.sleep(0.3)
        spent = {p: cpu_ticks(p) - ticks for p, ticks in before.items()}
        if spent and max(spent.values()) >= 10:
            return max(spent, key=lambda p: spent[p])
    raise AssertionError("no query worker got busy")


def running(pids: list[int]) -> list[int]:
    """Those of `pids` still running (not gone, not a zombie)."""
    left = []
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            left.append(pid)
    return left


def in_background(call: Callable[[], T]) -> tuple[threading.Thread, list[T]]:
    result: list[T] = []
    thread = threading.Thread(target=lambda: result.append(call()), daemon=True)
    thread.start()
    return thread, result


def copy_repository(root: Path) -> Path:
    for name in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(ROOT / name, root / name)
    return root


def test_a_worker_killed_mid_query_is_a_503_and_is_replaced(tmp_path: Path) -> None:
    with server("--workers", "1", log=tmp_path / "log") as (process, endpoint):
        thread, result = in_background(lambda: ask(endpoint, ENDLESS))
        os.kill(busy_worker(process.pid), signal.SIGKILL)
        thread.join(30)
        status, headers, body = result[0]
        assert (status, headers["Retry-After"]) == (503, "5")
        assert body == {"ok": False, "status": 503, "error": (
            "the query worker stopped before answering (it may have run out of memory) and is "
            "being replaced; try again in a few seconds, and simplify the query if it happens "
            "again")}
        # One worker only: this answer comes from its replacement.
        status, _, body = ask(endpoint, "ASK { cluster:afil a ltc:Cluster }")
        assert (status, body["boolean"]) == (200, True)
        assert (health(endpoint)["worker_restarts"], health(endpoint)["query_timeouts"]) == (1, 0)


def test_a_broken_file_keeps_the_last_good_data_until_it_is_fixed(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "repository")
    afil = root / "data" / "brochure" / "afil.trig"
    original = afil.read_text("utf-8")
    assert original.count(FACT) == 1
    env = {"LTC_HOME": str(root), "LTC_RELOAD_INTERVAL": "0.2"}
    with server(log=tmp_path / "log", env=env) as (_, endpoint):
        status, headers, body = ask(endpoint, REGIONS)
        assert (status, body["results"]["bindings"][0]["n"]["value"]) == (200, "6")
        first = health(endpoint)
        assert (first["status"], first.get("reload_error")) == ("ok", None)

        afil.write_text(original + "this is not Turtle\n", "utf-8")
        broken = wait_for(lambda: health(endpoint), lambda h: h["status"] == "degraded")
        line = original.count("\n") + 1
        assert broken["reload_error"].startswith(f"{afil}:{line}:")
        assert broken["data_version"] == first["data_version"]
        assert ask(endpoint, REGIONS)[1]["ETag"] == headers["ETag"]
        status, _, body = ask(endpoint, REGIONS + " # not cached: the old workers answer")
        assert (status, body["results"]["bindings"][0]["n"]["value"]) == (200, "6")

        afil.write_text(original.replace(FACT, CHANGED), "utf-8")
        fixed = wait_for(lambda: health(endpoint), lambda h: h["status"] == "ok")
        assert "reload_error" not in fixed
        assert fixed["data_version"] != first["data_version"]  # cleared after the swap
        status, new_headers, body = ask(endpoint, REGIONS)
        assert (status, body["results"]["bindings"][0]["n"]["value"]) == (200, "7")
        assert new_headers["ETag"] != headers["ETag"]
    assert "ERROR" in (tmp_path / "log").read_text("utf-8")


def test_sighup_reloads_the_data(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "repository")
    afil = root / "data" / "brochure" / "afil.trig"
    with server(log=tmp_path / "log", env={"LTC_HOME": str(root)}) as (process, endpoint):
        version = health(endpoint)["data_version"]
        afil.write_text(afil.read_text("utf-8").replace(FACT, CHANGED), "utf-8")
        time.sleep(0.5)
        assert health(endpoint)["data_version"] == version  # no polling by default
        process.send_signal(signal.SIGHUP)
        wait_for(lambda: health(endpoint)["data_version"], lambda v: v != version)
        status, _, body = ask(endpoint, REGIONS)
        assert (status, body["results"]["bindings"][0]["n"]["value"]) == (200, "7")
        assert process.poll() is None


def test_the_pool_reloads_or_keeps_its_data_and_says_why(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "repository")
    afil = root / "data" / "brochure" / "afil.trig"
    original = afil.read_text("utf-8")
    pool = WorkerPool(PoolConfig(root=root, size=1))  # no second worker loading meanwhile
    seen: list[str] = []
    pool.on_reload(lambda info: seen.append(info.version))
    query = Job("PREFIX ltc: <https://w3id.org/ltc/ontology#> SELECT ?n WHERE { "
                "<https://w3id.org/ltc/id/project/plastix> ltc:regionCount ?n }", "csv")
    try:
        first, loaded_at = pool.info, pool.loaded_at
        afil.write_text(original.replace("ltc:cluster cluster:afil ;", "ltc:cluster ;", 1))
        assert pool.reload() is False
        assert pool.reload_error is not None
        assert pool.reload_error.startswith(f"{afil}:")
        assert (pool.info, pool.loaded_at, seen) == (first, loaded_at, [])
        assert pool.run(query).body == b"n\r\n6\r\n"

        afil.write_text(original.replace(FACT, CHANGED))
        assert pool.reload() is True
        assert pool.reload_error is None
        assert pool.info.version != first.version and pool.loaded_at > loaded_at
        assert seen == [pool.info.version]
        assert pool.run(query).body == b"n\r\n7\r\n"
        assert (pool.restarts, pool.timeouts) == (0, 0)
    finally:
        pool.close()


def test_a_reload_lets_the_jobs_in_flight_finish_on_the_old_workers(tmp_path: Path) -> None:
    root = copy_repository(tmp_path / "repository")
    afil = root / "data" / "brochure" / "afil.trig"
    pool = WorkerPool(PoolConfig(root=root, size=1))
    try:
        size = int(pool.run(Job(SIZE, "csv")).body.split()[1])
        old = set(multiprocessing.active_children())
        thread, result = in_background(lambda: pool.run(Job(SQUARE, "csv")))
        time.sleep(0.5)  # the only worker is busy with it
        afil.write_text(afil.read_text("utf-8").replace(FACT, CHANGED), "utf-8")
        assert pool.reload() is True
        assert pool.run(Job(REGIONS, "csv", predeclared_prefixes=True)).body == b"n\r\n7\r\n"
        assert thread.is_alive()
        thread.join(60)
        assert int(result[0].body.split()[1]) == size * size
        assert len(old - set(multiprocessing.active_children())) == 1  # the old worker retired
        assert (pool.restarts, pool.timeouts) == (0, 0)
    finally:
        pool.close()


def test_sigterm_lets_the_query_in_flight_finish(tmp_path: Path) -> None:
    with server(log=tmp_path / "log") as (process, endpoint):
        size = number(ask(endpoint, SIZE)[2])
        thread, result = in_background(lambda: ask(endpoint, SQUARE))
        busy_worker(process.pid)
        below = descendants(process.pid)
        process.send_signal(signal.SIGTERM)
        address = urllib.parse.urlsplit(endpoint)
        time.sleep(1)  # the accepting loop notices within half a second
        refused = False
        try:
            socket.create_connection((address.hostname, address.port), timeout=2).close()
        except ConnectionRefusedError:
            refused = True
        thread.join(60)
        status, _, body = result[0]
        assert (status, number(body)) == (200, size * size)
        assert refused
        assert process.wait(15) == 0
        assert wait_for(lambda: running(below), lambda left: not left, 10) == []


def test_gunicorn_lets_the_query_in_flight_finish_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}/sparql"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with (tmp_path / "log").open("w") as log:
        process = subprocess.Popen([str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py")],
                                   cwd=tmp_path, stdout=log, stderr=log,
                                   env={**os.environ, "LTC_BIND": f"127.0.0.1:{port}"})
    try:
        wait_until_up(endpoint + "?query=ASK%7B%7D", 60)
        size = number(ask(endpoint, SIZE)[2])
        thread, result = in_background(lambda: ask(endpoint, SQUARE))
        busy_worker(process.pid)
        below = descendants(process.pid)
        process.send_signal(signal.SIGTERM)
        thread.join(60)
        status, _, body = result[0]
        assert (status, number(body)) == (200, size * size)
        assert process.wait(30) == 0
        assert wait_for(lambda: running(below), lambda left: not left, 10) == []
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
