"""The limits hold across gunicorn's worker processes: the table they share counts as one
process's accounting would, a dead process's places are given back, and under gunicorn with
two workers one address still has one query at a time and the metrics count every request
whichever process answers the scrape."""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from prometheus_client.mmap_dict import MmapedDict
from prometheus_client.parser import text_string_to_metric_families

from ltc_graph.web.limits import shared
from ltc_graph.web.limits.budgets import BudgetConfig, ClientBudgets
from ltc_graph.web.limits.shared import SharedAccounting
from production import production_server

CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def table(tmp_path: Path) -> Iterator[str]:
    path = shared.create(str(tmp_path))
    yield path
    shared.remove(path)


def test_the_shared_budgets_answer_as_one_process_would(table: str) -> None:
    clock = Clock()
    config = BudgetConfig(query_seconds=10, errors=3)
    ours = SharedAccounting(table, 0, 0, 0, config, clock)
    alone = ClientBudgets(config, clock)
    steps = [("192.0.2.1", 6.0, False), ("192.0.2.1", 0.0, True), ("192.0.2.2", 0.0, True),
             ("192.0.2.1", 4.5, True), ("192.0.2.2", 0.0, True), ("192.0.2.2", 0.0, True)]
    for client, seconds, error in steps:
        ours.charge(client, seconds, error)
        alone.charge(client, seconds, error)
        clock.now += 7.3
        for who in ("192.0.2.1", "192.0.2.2", "192.0.2.3"):
            assert ours.check(who) == alone.check(who)
    assert ours.check("192.0.2.1") is not None  # over both budgets: the query one is told
    for _ in range(12):
        clock.now += 5
        assert ours.check("192.0.2.1") == alone.check("192.0.2.1")
        assert ours.check("192.0.2.2") == alone.check("192.0.2.2")
    assert ours.check("192.0.2.1") is None and ours.check("192.0.2.2") is None


def test_shares_and_the_gate_count_across_processes_and_a_dead_one_gives_back(
        table: str) -> None:
    ours = SharedAccounting(table, 3, 2, 1, BudgetConfig())
    assert ours.enter("192.0.2.9", "requests") and ours.gate_enter()
    child = os.fork()
    if child == 0:  # another worker: it takes the client's second share and a place, then dies
        theirs = SharedAccounting(table, 3, 2, 1, BudgetConfig())
        ok = theirs.enter("192.0.2.9", "requests") and theirs.gate_enter() \
            and theirs.gate_enter()
        os._exit(0 if ok else 1)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert ours.held("192.0.2.9", "requests") == 2
    assert not ours.enter("192.0.2.9", "requests")  # its cap, counted over both processes
    assert not ours.gate_enter() and ours.in_flight() == 3
    SharedAccounting.release_path(table, child)
    assert ours.held("192.0.2.9", "requests") == 1 and ours.in_flight() == 1
    assert ours.enter("192.0.2.9", "requests") and ours.gate_enter()
    ours.leave("192.0.2.9", "requests")
    ours.leave("192.0.2.9", "requests")
    ours.gate_leave()
    ours.gate_leave()
    assert ours.held("192.0.2.9", "requests") == 0 and ours.in_flight() == 0


def get(base: str, client: str, query: str, path: str = "/sparql") -> tuple[int, bytes]:
    """One GET on its own connection (gunicorn hands each to whichever worker accepts it)."""
    address = urlsplit(base)
    conn = socket.create_connection((address.hostname, address.port), timeout=60)
    target = path + ("?" + urlencode({"query": query}) if query else "")
    conn.sendall(f"GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                 f"Accept: application/json\r\nX-Forwarded-For: {client}\r\n\r\n".encode())
    answer = b""
    while chunk := conn.recv(65536):
        answer += chunk
    conn.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    return int(head.split()[1]), body


def served(base: str) -> float:
    _, body = get(base, "198.51.100.1", "", "/metrics")
    return sum(s.value for f in text_string_to_metric_families(body.decode())
               for s in f.samples
               if s.name == "ltc_http_requests_total" and s.labels["route"] == "/sparql")


def rejections_by_process(folder: Path, reason: str) -> dict[str, float]:
    """Each worker's own count of a rejection, from its file in the metrics folder."""
    found = {}
    for path in folder.glob("counter_*.db"):
        for key, value, _, _ in MmapedDict.read_all_values_from_file(str(path)):
            _, name, labels, _ = json.loads(key)
            if name == "ltc_rejections_total" and labels.get("reason") == reason:
                found[path.stem] = value
    return found


def test_under_two_gunicorn_workers_the_limits_and_counts_are_the_instances(
        tmp_path: Path) -> None:
    metrics = tmp_path / "metrics"
    metrics.mkdir()
    env = {"LTC_HTTP_WORKERS": "2", "LTC_TRUST_PROXY": "1", "LTC_QUERY_TIMEOUT": "6",
           "LTC_RESULT_CACHE_BYTES": "0", "PROMETHEUS_MULTIPROC_DIR": str(metrics)}
    with production_server(tmp_path, env=env) as base:
        deadline = time.monotonic() + 60
        while len(list(metrics.glob("counter_*.db"))) < 2:  # both workers are serving
            assert time.monotonic() < deadline, "the second worker never started"
            get(base, "198.51.100.2", "ASK {}")
            time.sleep(0.1)
        long = threading.Thread(target=get, args=(base, "203.0.113.6", CROSS_JOIN))
        long.start()
        time.sleep(1)  # the cross join is on a query worker of one of the processes
        statuses = [get(base, "203.0.113.6", f"ASK {{ FILTER({n} > 0) }}")[0]
                    for n in range(16)]
        refused = rejections_by_process(metrics, "client_queries")
        other = get(base, "203.0.113.7", "ASK {}")[0]
        long.join(30)
        before = served(base)
        for n in range(10):
            get(base, "198.51.100.3", f"ASK {{ FILTER({n} < 0) }}")
        counts = {served(base) - before for _ in range(6)}
    assert statuses == [429] * 16  # the address had its one query, in whichever process
    assert len(refused) == 2 and all(refused.values()), refused  # both processes refused
    assert other == 200
    assert counts == {10.0}  # every scrape sums both processes' counts
