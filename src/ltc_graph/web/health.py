"""Liveness and readiness, as load balancers and orchestrators ask for them.

Liveness says the process answers, and what it serves: a failed data reload leaves the
previous data in service, so the process is "degraded", not dead. Readiness says queries can
be answered now: the data is loaded and a query worker answers a trivial ASK within a short
time. However often readiness is asked, one probe query runs at a time, so probing cannot
take the workers away from real queries.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from ..sparql.execution import Answer, Job
from ..sparql.workers import Busy, QueryTimeout
from ..store import StoreInfo

PROBE = Job("ASK {}", "json")


def liveness(pool: Any, store: StoreInfo) -> dict[str, Any]:
    """The /healthz document: "ok", or "degraded" with the error of the last data reload."""
    error = getattr(pool, "reload_error", None)
    report: dict[str, Any] = {
        "status": "degraded" if error else "ok",
        "data_version": store.version,
        "loaded_at": store.loaded_at.isoformat(),
        "query_workers": pool.config.size,
        "worker_restarts": getattr(pool, "restarts", 0),
        "query_timeouts": getattr(pool, "timeouts", 0),
    }
    if error:
        report["reload_error"] = error
    return report


class Readiness:
    """Asks the query workers a trivial question; at most one probe in flight at a time."""

    def __init__(self, pool: Callable[[], Any], timeout: float) -> None:
        self.pool = pool
        self.timeout = timeout
        self._probe: Future[Answer] | None = None
        self._lock = threading.Lock()

    def problem(self) -> str | None:
        """None when ready; otherwise, in words, why not."""
        if getattr(self.pool(), "info", None) is None:
            return "the data is not loaded yet"
        with self._lock:
            if self._probe is None or self._probe.done():
                self._probe = Future()
                threading.Thread(target=self._ask, args=(self._probe,), daemon=True).start()
            probe = self._probe
        try:
            answer = probe.result(self.timeout)
        except FutureTimeout:
            return f"no query worker answered a trivial query within {self.timeout:g} s"
        except Busy:
            return "every query worker is busy"
        except QueryTimeout:
            return "a trivial query reached the query time limit"
        except Exception as exc:  # any failure means "not ready", in words
            return f"the query workers failed: {exc}"
        if not answer.ok:
            return answer.error
        return None

    def _ask(self, probe: Future[Answer]) -> None:
        try:
            probe.set_result(self.pool().run(PROBE))
        except BaseException as exc:  # handed to whoever waits on the probe
            probe.set_exception(exc)
