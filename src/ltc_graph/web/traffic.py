"""Every request's bookkeeping: an id, the instance and client limits, metrics, one log line.

`init_app(app)` makes it; the app calls `admit` first and `account` last for every request
(app.py), and the query service calls `metered()` around each trip to the query workers,
which measures what a client's query budget is charged. The accounting lives in limits/
(budgets, metrics, the access log), which knows nothing of Flask.
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from flask import Flask, Response, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

from ..errors import HttpError
from ..sparql.workers import Busy, QueryTimeout, WorkerDied
from .health import Readiness
from .limits import access_log
from .limits.budgets import BudgetConfig, ClientBudgets, ClientShares, ConcurrencyGate
from .limits.metrics import BY_STATUS, Metrics
from .state import state

# Probes and scrapes: never limited, never charged, logged only at DEBUG unless they fail.
OPERATIONS = frozenset({"operations.healthz", "operations.readyz", "operations.metrics"})
NOT_CLIENT_ERRORS = frozenset({429, 503})  # the server's limits, not the client's mistakes


@dataclass
class Traffic:
    gate: ConcurrencyGate
    budgets: ClientBudgets
    shares: ClientShares  # each client's requests and queries in flight
    metrics: Metrics
    readiness: Readiness
    budget_loopback: bool  # loopback clients have budgets too (production behind no proxy)

    def budgeted(self, client: str) -> bool:
        return self.budget_loopback or not _loopback(client)


def init_app(app: Flask) -> Traffic:
    """The app's limits and counters; its state must exist (state.init_app)."""
    config = app.config
    if proxies := int(config["TRUST_PROXY"]):
        # the client's address for the limits, and the scheme it used (https behind TLS) for
        # the absolute links the pages and documents write
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies,  # type: ignore[method-assign]
                                x_proto=proxies)
    gate = ConcurrencyGate(int(config["MAX_CONCURRENT_REQUESTS"]))
    found = state(app)
    found.traffic = Traffic(
        gate=gate,
        budgets=ClientBudgets(BudgetConfig(query_seconds=float(config["CLIENT_QUERY_SECONDS"]),
                                           errors=int(config["CLIENT_ERRORS"]))),
        shares=ClientShares(int(config["CLIENT_REQUESTS"]), int(config["CLIENT_QUERIES"])),
        metrics=Metrics(lambda: found.pool, lambda: found.info, lambda: gate.active),
        readiness=Readiness(lambda: found.pool, float(config["READY_TIMEOUT"])),
        budget_loopback=bool(config["BUDGET_LOOPBACK"]),
    )
    app.teardown_request(_leave)
    return found.traffic


def request_id() -> str | None:
    """This request's id (as logged and sent in X-Request-Id), once the hooks have run."""
    return g.get("request_id")


@contextmanager
def metered() -> Iterator[None]:
    """Wrap a call to the query workers: a client already at its share of queries in flight
    is refused at once; the time is charged to the client's query budget, and a timeout or
    a busy pool is noted for the metrics.

    :raise 429: the client has its share of queries running already, with Retry-After
    """
    client = g.get("ltc_client")
    shares = state().traffic.shares
    if client is not None and not shares.enter(client, "queries"):
        g.ltc_rejection = "client_queries"
        cap = shares.caps["queries"]
        raise HttpError(429, f"your address already has {cap} "
                        f"{'query' if cap == 1 else 'queries'} running, its share of the "
                        "query workers; send the next when it has answered", {"Retry-After": "2"})
    started = time.perf_counter()
    charged = True
    try:
        yield
    except QueryTimeout:
        g.ltc_rejection = "query_timeout"
        state().traffic.metrics.timeout()
        raise
    except WorkerDied:
        g.ltc_rejection = "worker_died"
        raise
    except Busy:
        g.ltc_rejection = "workers_busy"
        charged = False  # it only waited for others' queries
        raise
    finally:
        if client is not None:
            shares.leave(client, "queries")
        if charged:
            g.ltc_query_seconds = g.get("ltc_query_seconds", 0.0) + (
                time.perf_counter() - started)


def admit() -> None:
    """Before the view: an id; then the client's budgets and a place among the requests
    being served, or a refusal at once."""
    g.ltc_started = time.perf_counter()
    g.ltc_time = datetime.now(UTC)
    g.request_id = access_log.request_id(request.headers.get("X-Request-Id"))
    if request.endpoint in OPERATIONS:
        return
    traffic = state().traffic
    client = request.remote_addr or ""
    if traffic.budgeted(client):
        g.ltc_client = client  # whose budgets this request is charged to
        if refusal := traffic.budgets.check(client):
            g.ltc_rejection = refusal.reason
            raise HttpError(429, refusal.message, {"Retry-After": str(refusal.retry_after)})
        if not traffic.shares.enter(client, "requests"):
            g.ltc_rejection = "client_requests"
            raise HttpError(429, f"your address already has {traffic.shares.caps['requests']} "
                            "requests in flight, its share of the server; send the next when "
                            "one has answered", {"Retry-After": "2"})
        g.ltc_sharing = client
    if not traffic.gate.enter():
        g.ltc_rejection = "saturated"
        raise HttpError(503, "the server is answering as many requests as it can at once; "
                        "try again in a few seconds", {"Retry-After": "2"})
    g.ltc_entered = True


def account(response: Response) -> Response:
    """After the view and every other step: charge the client, count, log the final status
    and size, and echo the request id."""
    traffic = state().traffic
    seconds = time.perf_counter() - g.get("ltc_started", time.perf_counter())
    status = response.status_code
    operations = request.endpoint in OPERATIONS
    worker_seconds = g.get("ltc_query_seconds", 0.0)
    metrics = traffic.metrics
    metrics.request(request.url_rule.rule if request.url_rule else "none", request.method,
                    status, seconds)
    if not operations:
        if status >= 400 and (reason := g.get("ltc_rejection") or BY_STATUS.get(status)):
            metrics.rejections.labels(reason).inc()
        if cache := response.headers.get("X-Cache"):
            metrics.cache_lookup(cache == "HIT")
        if worker_seconds:
            metrics.query_seconds.inc(worker_seconds)
        if client := g.get("ltc_client"):
            traffic.budgets.charge(client, worker_seconds,
                                   error=status >= 400 and status not in NOT_CLIENT_ERRORS)
    request_id = g.get("request_id") or access_log.request_id()
    response.headers["X-Request-Id"] = request_id
    entry: dict[str, object] = {
        "time": (g.get("ltc_time") or datetime.now(UTC)).isoformat(timespec="milliseconds"),
        "request_id": request_id,
        "method": request.method,
        "path": request.path,
        "status": status,
        "duration_ms": round(seconds * 1000, 1),
        "bytes": response.content_length,
        "client": request.remote_addr,
    }
    if worker_seconds:
        entry["worker_ms"] = round(worker_seconds * 1000, 1)
    if (text := g.get("ltc_query_text")) is not None:  # set by /sparql once it has read it
        entry["query_sha256"] = access_log.query_hash(text)
    access_log.write(entry, quiet=operations and status < 400)
    return response


@lru_cache(maxsize=4096)
def _loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def _leave(_error: BaseException | None) -> None:
    if g.pop("ltc_entered", False):
        state().traffic.gate.leave()
    if (client := g.pop("ltc_sharing", None)) is not None:
        state().traffic.shares.leave(client, "requests")
