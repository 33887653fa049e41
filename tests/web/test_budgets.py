"""Per-client budgets and the instance's concurrency limit: the accounting with a clock the
test turns by hand, then real servers on loopback with tiny limits turned on for loopback."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest

from ltc_graph.web.limits.budgets import BudgetConfig, ClientBudgets, ConcurrencyGate, RollingWindow
from servers import running_server

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
JSON = {"Accept": "application/json"}


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def budgets(clock: Clock, **config: float) -> ClientBudgets:
    return ClientBudgets(BudgetConfig(**config), clock)  # type: ignore[arg-type]


# The accounting


def test_a_window_forgets_what_was_spent_a_window_ago() -> None:
    window = RollingWindow(60)
    window.add(100.2, 1.5)
    window.add(100.9, 0.5)  # same second: one slot
    window.add(130.0, 3.0)
    assert window.spent(130.0) == 5.0
    assert window.spent(159.9) == 5.0
    assert window.spent(160.0) == 3.0
    assert window.spent(190.0) == 0.0


def test_the_wait_is_until_enough_has_expired_to_fall_under_the_limit() -> None:
    window = RollingWindow(60)
    window.add(100.0, 2.0)
    window.add(110.0, 2.0)
    window.add(120.0, 2.0)
    assert window.wait(125.0, 7.0) == 0.0
    assert window.wait(125.0, 6.0) == 35.0  # the slot of 100 s expires at 160 s
    assert window.wait(125.0, 3.0) == 45.0  # two slots must go: the second at 170 s
    assert window.wait(125.0, 1.0) == 55.0


def test_errors_over_the_budget_are_refused_until_the_oldest_expire() -> None:
    clock = Clock()
    limits = budgets(clock, errors=3, query_seconds=0)
    for _ in range(3):
        assert limits.check("192.0.2.1") is None
        limits.charge("192.0.2.1", error=True)
        clock.now += 10
    refusal = limits.check("192.0.2.1")
    assert refusal is not None
    assert (refusal.reason, refusal.retry_after) == ("error_budget", 30)
    assert "3 from your address in the last 60 s; try again in 30 s" in refusal.message
    assert limits.check("192.0.2.2") is None  # another client is not concerned
    clock.now += 30
    assert limits.check("192.0.2.1") is None


def test_query_seconds_over_the_budget_are_refused_with_the_time_to_wait() -> None:
    clock = Clock()
    limits = budgets(clock, query_seconds=10, errors=0)
    limits.charge("2001:db8::1", query_seconds=6)
    clock.now += 20
    assert limits.check("2001:db8::1") is None
    limits.charge("2001:db8::1", query_seconds=4.5)
    clock.now += 0.4
    refusal = limits.check("2001:db8::1")
    assert refusal is not None
    assert (refusal.reason, refusal.retry_after) == ("query_budget", 40)  # 1060 - 1020.4
    assert "over 10 s of query time in the last 60 s; try again in 40 s" in refusal.message
    for _ in range(100):
        limits.charge("2001:db8::1", error=True)  # errors have no budget (0) here
    clock.now += 40
    assert limits.check("2001:db8::1") is None


def test_a_wait_is_never_announced_as_zero_seconds() -> None:
    clock = Clock(1000.9)
    limits = budgets(clock, errors=1)
    limits.charge("192.0.2.1", error=True)  # counted in the slot of second 1000
    clock.now = 1059.95
    refusal = limits.check("192.0.2.1")
    assert refusal is not None and refusal.retry_after == 1


def test_clients_with_nothing_left_in_their_window_are_forgotten() -> None:
    clock = Clock()
    limits = budgets(clock, errors=5)
    for n in range(50):
        limits.charge(f"192.0.2.{n}", error=True)
    assert len(limits) == 50
    clock.now += 61
    limits.charge("198.51.100.1", error=True)
    assert len(limits) == 1


def test_the_least_recent_client_is_forgotten_beyond_the_maximum() -> None:
    limits = budgets(Clock(), errors=1, max_clients=2)
    for client in ("a", "b", "a", "c"):
        limits.charge(client, error=True)
    assert len(limits) == 2
    assert limits.check("b") is None  # forgotten
    assert limits.check("a") is not None and limits.check("c") is not None


def test_free_requests_cost_nothing_to_remember() -> None:
    limits = budgets(Clock())
    limits.charge("192.0.2.1", query_seconds=0.0, error=False)
    assert len(limits) == 0


def test_the_gate_refuses_one_more_than_its_limit_at_once() -> None:
    gate = ConcurrencyGate(2)
    assert gate.enter() and gate.enter()
    assert not gate.enter()
    gate.leave()
    assert gate.enter()
    assert gate.active == 2
    assert all(ConcurrencyGate(0).enter() for _ in range(100))  # 0: no limit


# Real servers on loopback


def call(url: str, params: dict[str, str] | None = None,
         headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    target = url + ("?" + urlencode(params) if params else "")
    request = urllib.request.Request(target, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_loopback_clients_have_no_budgets_by_default_in_development() -> None:
    with running_server(env={"LTC_CLIENT_ERRORS": "2"}) as url:
        base = url.rsplit("/", 1)[0]
        statuses = [call(f"{base}/no-such-page")[0] for _ in range(6)]
    assert statuses == [404] * 6


def test_too_many_errors_get_429_with_retry_after_and_health_stays_open() -> None:
    env = {"LTC_CLIENT_ERRORS": "5", "LTC_BUDGET_LOOPBACK": "true"}
    with running_server(env=env) as url:
        base = url.rsplit("/", 1)[0]
        statuses = [call(f"{base}/no-such-page")[0] for _ in range(5)]
        status, headers, body = call(url, {"query": "ASK {}"}, JSON)
        health = call(f"{base}/healthz")[0], call(f"{base}/readyz")[0]
    assert statuses == [404] * 5
    assert status == 429
    assert 55 <= int(headers["Retry-After"]) <= 60
    answer = json.loads(body)
    assert answer["ok"] is False and answer["status"] == 429
    assert answer["error"].startswith("too many failed requests: 5 from your address")
    assert f"try again in {headers['Retry-After']} s" in answer["error"]
    assert health == (200, 200)


def test_slow_queries_spend_a_one_second_query_budget() -> None:
    env = {"LTC_CLIENT_QUERY_SECONDS": "1", "LTC_BUDGET_LOOPBACK": "true"}
    with running_server("--timeout", "0.7", env=env) as url:
        first = call(url, {"query": RUNAWAY})[0]
        second = call(url, {"query": RUNAWAY + " LIMIT 1"})[0]  # not the cached answer
        status, headers, body = call(url, {"query": "ASK {}"})
        health = call(url.rsplit("/", 1)[0] + "/healthz")[0]
    assert (first, second) == (503, 503)  # each stopped at the time limit, 0.7 s charged
    assert status == 429
    assert 55 <= int(headers["Retry-After"]) <= 60
    assert body.decode().startswith("too much query time: requests from your address used "
                                    "over 1 s of query time in the last 60 s; try again in")
    assert health == 200


def test_past_the_concurrency_limit_a_request_gets_503_at_once() -> None:
    with running_server("--timeout", "3", env={"LTC_MAX_CONCURRENT_REQUESTS": "2"}) as url:
        base = url.rsplit("/", 1)[0]
        slow = [threading.Thread(target=call, args=(url, {"query": RUNAWAY + f" LIMIT {n}"}))
                for n in (1, 2)]
        for thread in slow:
            thread.start()
        deadline = time.monotonic() + 10
        while _in_flight(base) < 2:
            assert time.monotonic() < deadline, "the slow queries never started"
            time.sleep(0.05)
        started = time.monotonic()
        status, headers, body = call(url, {"query": "ASK {}"})
        took = time.monotonic() - started
        health = call(f"{base}/healthz")[0]
        for thread in slow:
            thread.join()
        after = call(url, {"query": "ASK {}"})[0]
    assert status == 503 and took < 1.0
    assert headers["Retry-After"] == "2"
    assert b"as many requests as it can at once" in body
    assert health == 200
    assert after == 200


def _in_flight(base: str) -> float:
    for line in call(f"{base}/metrics")[2].decode().splitlines():
        if line.startswith("ltc_http_requests_in_flight "):
            return float(line.split()[1])
    pytest.fail("no ltc_http_requests_in_flight in /metrics")
