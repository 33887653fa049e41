"""Prometheus metrics of one server process, written in the text exposition format.

Each app has its own registry (tests build several apps in one process). Under gunicorn,
whose worker processes all serve the instance, Prometheus's multiprocess mode sums every
process's counts at each scrape, whichever process answers it (docs/operations.md). The
state of the query workers and of the data is read at scrape time, so it is never stale.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    PlatformCollector,
    ProcessCollector,
    disable_created_metrics,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import choose_encoder
from prometheus_client.multiprocess import MultiProcessCollector

from ...store import StoreInfo

# Up to the query time limit and past it: a request can also wait for a free worker.
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
METHODS = frozenset({"GET", "HEAD", "POST", "OPTIONS"})  # others count as "other"
REASONS = (  # why requests are refused; each starts at 0 so that rates work from the start
    "bad_request",  # 400: malformed or refused query (update, SERVICE, ...), bad parameters
    "forbidden",  # 403: the query tried what the workers' sandbox refuses (a file, an address)
    "not_acceptable",  # 406: no result format the client accepts
    "body_timeout",  # 408: the request body did not arrive in time
    "body_too_large",  # 413
    "unsupported_media_type",  # 415
    "query_budget",  # 429: the client's query seconds for the minute are spent
    "error_budget",  # 429: the client's failed requests for the minute are spent
    "client_requests",  # 429: the client has its share of requests in flight already
    "client_queries",  # 429: the client has its share of queries on the workers already
    "saturated",  # 503: the instance serves its maximum of requests at once
    "workers_busy",  # 503: no query worker became free in time
    "query_timeout",  # 503: the query reached the time limit; its worker was replaced
    "worker_died",  # 503: the worker stopped mid-query (out of memory, say); being replaced
    "unavailable",  # 503: the external store did not answer
)
BY_STATUS = {400: "bad_request", 403: "forbidden", 406: "not_acceptable", 408: "body_timeout",
             413: "body_too_large", 415: "unsupported_media_type", 503: "unavailable"}


class Metrics:
    """The counters the request hooks move, and the registry a scrape reads."""

    def __init__(self, pool: Callable[[], Any], store: Callable[[], StoreInfo],
                 in_flight: Callable[[], float]) -> None:
        disable_created_metrics()  # `_created` series double the output and help no alert
        # Several server processes (gunicorn.conf.py sets PROMETHEUS_MULTIPROC_DIR): each
        # writes its counts to its own file there, and a scrape, whichever process answers
        # it, sums them all; the counters' own registry is then never read.
        shared = bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))
        self.registry = CollectorRegistry()
        registry = CollectorRegistry() if shared else self.registry
        if shared:
            MultiProcessCollector(self.registry)
        self.requests = Counter("ltc_http_requests", "HTTP requests answered",
                                ["route", "method", "status"], registry=registry)
        self.duration = Histogram("ltc_http_request_duration_seconds",
                                  "Time to answer a request, until the body is ready",
                                  ["route"], buckets=BUCKETS, registry=registry)
        self.rejections = Counter("ltc_rejections", "Requests refused, by reason",
                                  ["reason"], registry=registry)
        for reason in REASONS:
            self.rejections.labels(reason)
        self.query_seconds = Counter("ltc_query_seconds",
                                     "Seconds requests spent on query workers (or waiting "
                                     "for one)", registry=registry)
        self.cache = Counter("ltc_result_cache_lookups", "Answers looked up in the result "
                             "cache", ["result"], registry=registry)
        self._hit, self._miss = self.cache.labels("hit"), self.cache.labels("miss")
        Gauge("ltc_query_workers", "Query worker processes configured", registry=registry,
              multiprocess_mode="livesum").set(pool().config.size)
        self.timeouts = Counter("ltc_query_timeouts", "Queries stopped at the time limit",
                                registry=registry)
        self.restarts = Counter("ltc_query_worker_restarts", "Query worker processes replaced",
                                registry=registry)
        self._rejections = {reason: self.rejections.labels(reason) for reason in REASONS}
        self._children: dict[tuple[str, str, int], tuple[Any, Any]] = {}
        self.registry.register(_State(pool, store, in_flight))
        ProcessCollector(registry=self.registry)
        PlatformCollector(registry=self.registry)

    def request(self, route: str, method: str, status: int, seconds: float) -> None:
        key = (route, method if method in METHODS else "other", status)
        if (children := self._children.get(key)) is None:  # labels() costs more than a dict
            children = self._children[key] = (
                self.requests.labels(key[0], key[1], str(status)), self.duration.labels(route))
        children[0].inc()
        children[1].observe(seconds)

    def cache_lookup(self, hit: bool) -> None:
        (self._hit if hit else self._miss).inc()

    def rejected(self, reason: str) -> None:
        child = self._rejections.get(reason)
        (child if child is not None else self.rejections.labels(reason)).inc()

    def pool_event(self, event: str) -> None:
        """The query worker pool's news: a query stopped at the time limit, a worker
        replaced."""
        (self.timeouts if event == "timeout" else self.restarts).inc()

    def exposition(self, accept: str) -> tuple[bytes, str]:
        """The metrics in the format the scraper asks for (text 0.0.4 or OpenMetrics)."""
        encoder, media_type = choose_encoder(accept)
        return encoder(self.registry), media_type


class _State:
    """Query workers and data, as they are when scraped."""

    def __init__(self, pool: Callable[[], Any], store: Callable[[], StoreInfo],
                 in_flight: Callable[[], float]) -> None:
        self.pool, self.store, self.in_flight = pool, store, in_flight

    def collect(self) -> Iterator[Metric]:
        pool = self.pool()
        yield GaugeMetricFamily("ltc_http_requests_in_flight", "Requests being served now",
                                value=self.in_flight())
        yield GaugeMetricFamily("ltc_data_reload_failed", "1 while the last data reload "
                                "failed (the previous data is served)",
                                value=int(bool(getattr(pool, "reload_error", None))))
        info = self.store()
        data = GaugeMetricFamily("ltc_data_info", "The data being served",
                                 labels=["version", "loaded_at"])
        data.add_metric([info.version, info.loaded_at.isoformat()], 1)
        yield data
        yield GaugeMetricFamily("ltc_data_loaded_timestamp_seconds", "When the data was "
                                "loaded", value=info.loaded_at.timestamp())
        yield GaugeMetricFamily("ltc_data_triples", "Statements in the default graph",
                                value=info.default_size)
