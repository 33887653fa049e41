"""`/healthz`, `/readyz` and `/metrics`: for load balancers, orchestrators and monitoring.

They answer even when the instance is saturated, never count against a client's budgets, and
are logged only at DEBUG unless they fail (probes arrive every few seconds and would bury the
requests that matter).

:raise 503: /readyz, when no query worker answers a trivial query in time (with Retry-After)
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from ...errors import HttpError
from ..health import liveness
from ..state import state

bp = Blueprint("operations", __name__)


@bp.get("/healthz")
def healthz() -> Response:
    """The process answers: 200, "ok" or "degraded" (a reload failed; the last data serves)."""
    found = state()
    response = jsonify(liveness(found.pool, found.info))
    response.cache_control.no_store = True
    return response


@bp.get("/readyz")
def readyz() -> Response:
    """200 when the data is loaded and a query worker answers; else 503 with Retry-After."""
    problem = state().traffic.readiness.problem()
    if problem:
        raise HttpError(503, f"not ready: {problem}", {"Retry-After": "5"})
    response = jsonify({"status": "ready"})
    response.cache_control.no_store = True
    return response


@bp.get("/metrics")
def metrics() -> Response:
    """Prometheus metrics of this server process (text format, or OpenMetrics on request)."""
    body, media_type = state().traffic.metrics.exposition(
        request.headers.get("Accept", ""))
    response = Response(body, headers={"Content-Type": media_type})
    response.cache_control.no_store = True
    return response
