"""The web application: `create_app()` builds it (config, state, blueprints, request policy).

Production runs it under gunicorn (`gunicorn -c gunicorn.conf.py`); `ltc-graph serve` runs it
locally. Nothing is created at import time. Every request passes, in this order:
`traffic.before` (an id, the client's budgets, a place among the requests served at once),
the URL check, the view, then `_finish`, whose steps run in the order written there. A plain
`GET /sparql` is answered before Flask by the same steps (`fast_path.FastPath`).
"""

from __future__ import annotations

import logging
import uuid
from functools import cached_property
from pathlib import Path
from typing import Any

from flask import Flask, Request, Response, request
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import HTTPException

from ..errors import HttpError
from ..rdf.files import Layout, project_root
from ..sparql.service import QueryFailed
from . import i18n, state, traffic
from .answers import CORS_HEADERS, POLICY_HEADERS, compressible, error_body, gzipped
from .fast_path import FastPath
from .limits.body import BodyDeadlines, BodyError
from .limits.strict import strict_pairs
from .pages.identity import identity
from .views import (
    assets,
    dashboard,
    dataset,
    dictionary,
    indexes,
    model,
    operations,
    queries,
    resources,
    search,
    sparql,
    validate,
    validation,
)

log = logging.getLogger(__name__)

DEFAULTS: dict[str, Any] = {
    "DATA_ROOT": None,  # the repository (ontology/, data/, shapes/); default: project_root()
    "STORE": "memory",  # memory, a directory from `ltc-graph load`, or a SPARQL endpoint URL
    "QUERY_TIMEOUT": 30.0,  # seconds a query may run before its worker is killed
    "QUERY_WORKERS": 2,  # worker processes per app
    "QUERY_WAIT": 5.0,  # seconds a request waits for a free worker before 503
    "WORKER_MEMORY": 4 * 2**30,  # bytes of address space per worker (0: no limit)
    "MAX_ROWS": 10_000,  # rows or triples in one answer
    "MAX_RESULT_BYTES": 50_000_000,  # bytes in one answer
    "MAX_CONTENT_LENGTH": 1_000_000,  # bytes in a request body
    "BODY_IDLE": 5.0,  # seconds within which each part of a request body must arrive; then 408
    "BODY_TIMEOUT": 15.0,  # seconds within which a whole request body must arrive; then 408
    "VALIDATE_MAX_BYTES": None,  # bytes in a document POSTed to /validate (default: the above)
    "RESULT_CACHE_BYTES": 64 * 2**20,  # answers kept per server process (0: none)
    "CACHE_SECONDS": 300,  # Cache-Control max-age for GET answers
    "INCOMING_LIMIT": 100,  # incoming links in a resource's description (the rest by query)
    "VALIDATION_WAIT": 3.0,  # seconds a page waits for the validation report on first need
    "RELOAD_INTERVAL": 0.0,  # seconds between checks of the data files for a reload (0: off)
    "MAX_CONCURRENT_REQUESTS": 64,  # served at once per server process; more: 503 (0: no limit)
    "CLIENT_QUERY_SECONDS": 60.0,  # query seconds per client and rolling minute; then 429
    "CLIENT_ERRORS": 30,  # failed requests (4xx, 5xx) per client and rolling minute; then 429
    "CLIENT_REQUESTS": 8,  # requests in flight at once per client; more: 429 at once (0: none)
    "CLIENT_QUERIES": 1,  # queries on the workers at once per client; more: 429 (0: no cap)
    "BUDGET_LOOPBACK": False,  # budgets for loopback clients too (gunicorn.conf.py turns it on)
    "TRUST_PROXY": 0,  # proxies in front whose X-Forwarded-For names the client (0: none)
    "READY_TIMEOUT": 2.0,  # seconds /readyz waits for a query worker to answer ASK {}
}
BLUEPRINTS = (dashboard, sparql, queries, assets, indexes, search, resources, dataset,
              dictionary, model, validation, validate, operations)


class StrictRequest(Request):
    """A request whose URL parameters are decoded once, as strict UTF-8: a parameter that is
    not UTF-8 once percent-decoded is refused (400), never read with replacement characters,
    which would quietly change a query."""

    url_error: HttpError | None = None

    @cached_property
    def args(self) -> ImmutableMultiDict[str, str]:  # type: ignore[override]
        try:
            pairs = strict_pairs(self.query_string)
        except UnicodeDecodeError:
            self.url_error = HttpError(
                400, "the URL's parameters are not valid UTF-8 once percent-decoded; encode "
                "the text as UTF-8 before percent-encoding it")
            pairs = []  # so that an error page may still read them
        return ImmutableMultiDict(pairs)


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    app = Flask(__name__)
    app.request_class = StrictRequest
    app.config.update(DEFAULTS)
    app.config.from_prefixed_env("LTC")
    if test_config:
        app.config.update(test_config)
    root = Path(app.config["DATA_ROOT"] or project_root())
    app.config["DATA_ROOT"] = str(root)
    Layout.of(root)  # fail fast, in this process, when the repository is not there
    state.init_app(app, traffic.metered)
    app.wsgi_app = FastPath(app, app.wsgi_app)  # type: ignore[method-assign]
    traffic.init_app(app)  # its proxy fix goes outside: the fast path sees the client too
    app.wsgi_app = BodyDeadlines(app.wsgi_app, float(app.config["BODY_IDLE"]),  # type: ignore[method-assign]
                                 float(app.config["BODY_TIMEOUT"]))
    for view in BLUEPRINTS:
        app.register_blueprint(view.bp)
    app.register_error_handler(HttpError, _http_error)
    app.register_error_handler(QueryFailed, _query_failed)
    app.register_error_handler(BodyError, _body_error)
    app.register_error_handler(HTTPException, _werkzeug_error)
    app.register_error_handler(Exception, _unexpected_error)
    app.before_request(traffic.before)
    app.before_request(_strict_url)
    app.after_request(_finish)
    app.teardown_request(traffic.teardown)
    i18n.init_app(app)  # _() in templates, lang and the language switch
    app.context_processor(lambda: {"identity": identity()})  # the footer's facts
    return app


def _finish(response: Response) -> Response:
    """Every response's last steps, in this order: the page language remembered, the body
    compressed (its ETag marked), the page policy and CORS headers, then the accounting and
    the log line, which must see the final status and size."""
    response = i18n.remember_language(response)
    response = _compress(response)
    response = _page_policy(response)
    response = _cors(response)
    return traffic.account(response)


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """The one error shape: JSON when the client prefers it, plain text otherwise."""
    body, content_type = error_body(status, message, request.accept_mimetypes)
    response = Response(body, status=status, content_type=content_type)
    response.headers.update(headers or {})
    return response


def _http_error(error: HttpError) -> Response:
    return error_response(error.status, error.message, error.headers)


def _body_error(error: BodyError) -> Response:
    """A body that came too slowly or broken: the connection closes, its rest unread."""
    response = error_response(error.status, error.message)
    response.headers["Connection"] = "close"
    return response


def _query_failed(error: QueryFailed) -> Response:
    retry = {"Retry-After": str(error.retry_after)} if error.retry_after else {}
    return error_response(error.status, error.message, retry)


def _werkzeug_error(error: HTTPException) -> Response:
    headers = dict(error.get_headers())
    headers.pop("Content-Type", None)
    message = {413: "the request body is too large", 404: "no such page",
               405: "method not allowed here"}.get(error.code or 500, error.description or "")
    return error_response(error.code or 500, message, headers)


def _unexpected_error(error: Exception) -> Response:
    request_id = traffic.request_id() or uuid.uuid4().hex[:12]  # as in X-Request-Id and the log
    log.exception("unexpected error (request %s)", request_id)
    return error_response(500, f"internal error; request id {request_id}")


def _strict_url() -> None:
    """:raise 400: the URL's parameters are not UTF-8 (StrictRequest), with what to fix."""
    request.args  # noqa: B018  (decoded here, once)
    if (error := request.url_error) is not None:  # type: ignore[attr-defined]
        raise error


def _cors(response: Response) -> Response:
    """Read-only open data: any origin may read it, from any page."""
    for name, value in CORS_HEADERS:
        response.headers[name] = value
    return response


def _page_policy(response: Response) -> Response:
    """Pages load scripts, styles and data from this server only; a page that set its own
    policy keeps it (the embeddable views, which any site may frame)."""
    for name, value in POLICY_HEADERS:
        response.headers[name] = value
    if response.mimetype == "text/html":
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self'; connect-src 'self'; font-src 'self' data:; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'")
    return response


def _compress(response: Response) -> Response:
    if (response.direct_passthrough or response.status_code != 200
            or "Content-Encoding" in response.headers):
        return response
    body = response.get_data()
    if not compressible(200, request.headers.get("Accept-Encoding"), len(body)):
        return response
    response.set_data(gzipped(body))
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    if etag := response.headers.get("ETag"):
        response.headers["ETag"] = etag[:-1] + '-gz"' if etag.endswith('"') else etag
        if request.method in ("GET", "HEAD") and \
                request.if_none_match.contains(response.get_etag()[0] or ""):
            response.set_data(b"")
            response.status_code = 304
            del response.headers["Content-Encoding"]
    return response
