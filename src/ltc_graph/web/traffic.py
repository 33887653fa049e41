"""Every request's bookkeeping: an id, the instance and client limits, metrics, one log line.

`init_app(app)` makes it. A request's bookkeeping is a `Visit`: `admit` opens it (an id, the
client's budgets, a place among the requests served at once, or a refusal at once), the
query service calls `metered()` around each trip to the query workers (what the client's
query budget is charged), and `close` counts it, charges the client and writes its log line
once its final status and size are known. The Flask hooks (`before`, `after`, teardown) do
this for every request; the fast path of `/sparql` (fast_path.py) calls the same
functions without Flask. The accounting lives in limits/, which knows nothing of Flask.
"""

from __future__ import annotations

import ipaddress
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from flask import Flask, Response, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

from ..errors import HttpError
from ..sparql.workers import Busy, QueryTimeout, WorkerDied
from .health import Readiness
from .limits import access_log
from .limits.budgets import Accounting
from .limits.metrics import BY_STATUS, Metrics
from .state import state

# Probes and scrapes: never limited, never charged, logged only at DEBUG unless they fail.
OPERATIONS = frozenset({"operations.healthz", "operations.readyz", "operations.metrics"})
NOT_CLIENT_ERRORS = frozenset({429, 503})  # the server's limits, not the client's mistakes


@dataclass
class Visit:
    """One request's bookkeeping, from its admission to its log line."""

    started: float  # time.perf_counter()
    arrived: datetime
    request_id: str
    accounting: Accounting  # the app's, which its queries are charged to
    client: str | None = None  # whose budgets it is charged to (None: not budgeted)
    sharing: bool = False  # holds one of its client's requests in flight
    entered: bool = False  # holds a place among the requests served at once
    rejection: str | None = None  # why it was refused, for the metrics
    query_seconds: float = 0.0  # time on query workers
    query_text: str | None = None  # hashed in the log line, never written


_current: ContextVar[Visit | None] = ContextVar("ltc_visit", default=None)


@dataclass
class Traffic:
    accounting: Accounting  # the gate, each client's shares and budgets
    metrics: Metrics
    readiness: Readiness
    budget_loopback: bool  # loopback clients have budgets too (production behind no proxy)

    def budgeted(self, client: str) -> bool:
        return self.budget_loopback or not _loopback(client)

    def open(self, incoming_id: str | None) -> Visit:
        """A new request's visit, current in this thread until `close`."""
        visit = Visit(time.perf_counter(), datetime.now(UTC),
                      access_log.request_id(incoming_id), self.accounting)
        _current.set(visit)
        return visit

    def admit(self, visit: Visit, client: str) -> None:
        """The client's budgets and shares, then a place among the requests served at once.

        :raise 429: the client is over a budget or has its share of requests in flight
        :raise 503: the instance serves as many requests as it may at once
        """
        accounting = self.accounting
        if self.budgeted(client):
            visit.client = client
            if refusal := accounting.check(client):
                visit.rejection = refusal.reason
                raise HttpError(429, refusal.message, {"Retry-After": str(refusal.retry_after)})
            if not accounting.enter(client, "requests"):
                visit.rejection = "client_requests"
                raise HttpError(429, f"your address already has "
                                f"{accounting.caps['requests']} requests in flight, its share "
                                "of the server; send the next when one has answered",
                                {"Retry-After": "2"})
            visit.sharing = True
        if not accounting.gate_enter():
            visit.rejection = "saturated"
            raise HttpError(503, "the server is answering as many requests as it can at once; "
                            "try again in a few seconds", {"Retry-After": "2"})
        visit.entered = True

    def close(self, visit: Visit, *, route: str, method: str, path: str, status: int,
              size: int | None, remote: str | None, cache: str | None = None,
              operations: bool = False) -> None:
        """Count the answered request, charge its client, write its log line, and give back
        its place and share."""
        try:
            seconds = time.perf_counter() - visit.started
            metrics = self.metrics
            metrics.request(route, method, status, seconds)
            worker_seconds = visit.query_seconds
            if not operations:
                if status >= 400 and (reason := visit.rejection or BY_STATUS.get(status)):
                    metrics.rejected(reason)
                if cache:
                    metrics.cache_lookup(cache == "HIT")
                if worker_seconds:
                    metrics.query_seconds.inc(worker_seconds)
                if visit.client is not None:
                    self.accounting.charge(visit.client, worker_seconds, error=status >= 400
                                           and status not in NOT_CLIENT_ERRORS)
            entry: dict[str, object] = {
                "time": visit.arrived,  # written as UTC with milliseconds
                "request_id": visit.request_id,
                "method": method,
                "path": path,
                "status": status,
                "duration_ms": round(seconds * 1000, 1),
                "bytes": size,
                "client": remote,
            }
            if worker_seconds:
                entry["worker_ms"] = round(worker_seconds * 1000, 1)
            if visit.query_text is not None:
                entry["query_sha256"] = access_log.query_hash(visit.query_text)
            access_log.write(entry, quiet=operations and status < 400)
        finally:
            self.leave(visit)

    def leave(self, visit: Visit) -> None:
        """Give back the visit's place and share (once), and forget it in this thread."""
        if visit.entered:
            visit.entered = False
            self.accounting.gate_leave()
        if visit.sharing:
            visit.sharing = False
            self.accounting.leave(visit.client or "", "requests")
        _current.set(None)


def init_app(app: Flask) -> Traffic:
    """The app's limits and counters; its state must exist (state.init_app)."""
    config = app.config
    if proxies := int(config["TRUST_PROXY"]):
        # the client's address for the limits, and the scheme it used (https behind TLS) for
        # the absolute links the pages and documents write
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies,  # type: ignore[method-assign]
                                x_proto=proxies)
    found = state(app)
    accounting = Accounting.for_app(config)
    found.traffic = Traffic(
        accounting=accounting,
        metrics=Metrics(lambda: found.pool, lambda: found.info, accounting.in_flight),
        readiness=Readiness(lambda: found.pool, float(config["READY_TIMEOUT"])),
        budget_loopback=bool(config["BUDGET_LOOPBACK"]),
    )
    found.pool.on_event(found.traffic.metrics.pool_event)
    return found.traffic


def request_id() -> str | None:
    """This request's id (as logged and sent in X-Request-Id), once the hooks have run."""
    visit = g.get("ltc_visit")
    return visit.request_id if visit is not None else None


def current() -> Visit | None:
    """The visit of the request this thread serves."""
    return _current.get()


@contextmanager
def metered() -> Iterator[None]:
    """Wrap a call to the query workers: a client already at its share of queries in flight
    is refused at once; the time is charged to the client's query budget, and a timeout or
    a busy pool is noted for the metrics.

    :raise 429: the client has its share of queries running already, with Retry-After
    """
    visit = _current.get()
    client = visit.client if visit is not None else None
    accounting = visit.accounting if visit is not None and client is not None else None
    if accounting is not None and not accounting.enter(client or "", "queries"):
        assert visit is not None
        visit.rejection = "client_queries"
        cap = accounting.caps["queries"]
        raise HttpError(429, f"your address already has {cap} "
                        f"{'query' if cap == 1 else 'queries'} running, its share of the "
                        "query workers; send the next when it has answered", {"Retry-After": "2"})
    started = time.perf_counter()
    charged = True
    try:
        yield
    except QueryTimeout:
        if visit is not None:
            visit.rejection = "query_timeout"
        raise
    except WorkerDied:
        if visit is not None:
            visit.rejection = "worker_died"
        raise
    except Busy:
        if visit is not None:
            visit.rejection = "workers_busy"
        charged = False  # it only waited for others' queries
        raise
    finally:
        if accounting is not None:
            accounting.leave(client or "", "queries")
        if charged and visit is not None:
            visit.query_seconds += time.perf_counter() - started


def before() -> None:
    """Before the view (Flask's hook): a visit, then the client's admission."""
    traffic = state().traffic
    visit = g.ltc_visit = traffic.open(request.headers.get("X-Request-Id"))
    if request.endpoint in OPERATIONS:
        return
    traffic.admit(visit, request.remote_addr or "")


def account(response: Response) -> Response:
    """After the view and every other step: count, charge, log the final status and size,
    and echo the request id."""
    traffic = state().traffic
    visit = g.get("ltc_visit") or traffic.open(None)
    response.headers["X-Request-Id"] = visit.request_id
    traffic.close(visit, route=request.url_rule.rule if request.url_rule else "none",
                  method=request.method, path=request.path, status=response.status_code,
                  size=response.content_length, remote=request.remote_addr,
                  cache=response.headers.get("X-Cache"),
                  operations=request.endpoint in OPERATIONS)
    return response


@lru_cache(maxsize=4096)
def _loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address).is_loopback
    except ValueError:
        return False


def teardown(_error: BaseException | None) -> None:
    """A request that ended before `account` (an error in a late step) still gives back its
    place and share."""
    visit = g.pop("ltc_visit", None)
    if visit is not None:
        state().traffic.leave(visit)
