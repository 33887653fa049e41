"""`GET /sparql` with one query, answered in front of Flask.

Most requests to a public endpoint are exactly this, and Flask's request context, routing,
hooks and response object cost more than all the checks (bench/RESULTS.md, "Request path").
The answer is the one the Flask view gives: the same protocol steps (protocol.py), the same
headers (answers.py), counted, charged and logged by the same functions (traffic.py);
tests/web/test_fast_path.py compares the two.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import HTTP_STATUS_CODES

from ..errors import HttpError
from ..sparql.service import QueryFailed, Reply
from . import protocol, traffic
from .answers import (
    CORS_HEADERS,
    POLICY_HEADERS,
    accepted,
    answer_headers,
    compressible,
    error_body,
    gzipped,
)
from .limits.strict import strict_pairs
from .state import AppState, state

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
UNUSUAL = frozenset({"update", "lang"})  # refused, or a language cookie to set: Flask's
log = logging.getLogger("ltc_graph.web.app")  # unexpected errors, logged as the app logs them


class FastPath:
    """WSGI in front of Flask: `GET /sparql` with one query, answered without Flask.

    Most requests to a public endpoint are exactly this, and Flask's request context, routing,
    hooks and response object cost more than all the checks. Here the URL is decoded once
    (strictly), the query checked once, admitted, sent to a query worker once and its bytes
    written with the very headers the Flask view and the app's last steps write (answers.py),
    counted, charged and logged by the same functions (traffic.py). Anything else (POST,
    HEAD, a conditional request, the service description or editor, a URL that is not UTF-8,
    a repeated or missing `query`, `update`, `lang`) goes on to Flask untouched.
    """

    def __init__(self, app: Flask, wsgi: Callable[[Environ, StartResponse], Iterable[bytes]]
                 ) -> None:
        self.app, self.wsgi = app, wsgi

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        if (environ.get("PATH_INFO") != "/sparql" or environ.get("REQUEST_METHOD") != "GET"
                or "HTTP_IF_NONE_MATCH" in environ or environ.get("SCRIPT_NAME")):
            return self.wsgi(environ, start_response)
        try:
            params = strict_pairs(environ.get("QUERY_STRING", "").encode("latin-1"))
        except UnicodeError:
            return self.wsgi(environ, start_response)
        queries = [v for k, v in params if k == "query"]
        if len(queries) != 1 or any(k in UNUSUAL for k, _ in params):
            return self.wsgi(environ, start_response)
        found = state(self.app)
        visit = found.traffic.open(environ.get("HTTP_X_REQUEST_ID"))
        try:
            status, headers, body, cache = self._answer(found, environ, params, queries[0])
            headers += [*CORS_HEADERS, *POLICY_HEADERS, ("Content-Length", str(len(body))),
                        ("X-Request-Id", visit.request_id)]
            found.traffic.close(visit, route="/sparql", method="GET", path="/sparql",
                                status=status, size=len(body),
                                remote=environ.get("REMOTE_ADDR"), cache=cache)
        finally:
            found.traffic.leave(visit)
        start_response(f"{status} {HTTP_STATUS_CODES[status]}", headers)
        return [body]

    def _answer(self, found: AppState, environ: Environ, params: list[tuple[str, str]],
                text: str) -> tuple[int, list[tuple[str, str]], bytes, str | None]:
        """(status, headers, body, X-Cache) as the Flask view and `_finish` would make them."""
        accept = accepted(environ.get("HTTP_ACCEPT"))
        visit = traffic.current()
        assert visit is not None
        try:
            found.traffic.admit(visit, environ.get("REMOTE_ADDR") or "")
            checked = protocol.check(found.service, params, text, protocol.base_url(
                environ.get("wsgi.url_scheme", "http"), environ.get("HTTP_HOST"),
                environ.get("SERVER_NAME", ""), environ.get("SERVER_PORT", "")))
            media, writer = protocol.negotiated(checked.form, environ.get("HTTP_ACCEPT"),
                                        next((v for k, v in params if k == "format"), None))
            reply = found.service.answer(checked, writer)
        except HttpError as error:
            return (*self._error(error.status, error.message, error.headers, accept), None)
        except QueryFailed as error:
            retry = {"Retry-After": str(error.retry_after)} if error.retry_after else {}
            return (*self._error(error.status, error.message, retry, accept), None)
        except Exception:
            log.exception("unexpected error (request %s)", visit.request_id)
            return (*self._error(500, f"internal error; request id {visit.request_id}", {},
                                 accept), None)
        config = self.app.config
        headers = answer_headers(reply, media, int(config["MAX_ROWS"]),
                                 int(config["CACHE_SECONDS"]), found.info.loaded_at)
        return (200, *self._finished(reply, media, headers, environ),
                "HIT" if reply.cached else "MISS")

    @staticmethod
    def _finished(reply: Reply, media: str, headers: list[tuple[str, str]],
                  environ: Environ) -> tuple[list[tuple[str, str]], bytes]:
        """The steps `_finish` takes for an answer: Vary for a language (CSV), gzip."""
        body = reply.answer.body
        vary = ["Accept"]
        if media == "text/csv":
            vary += ["Accept-Language", "Cookie"]
        if compressible(200, environ.get("HTTP_ACCEPT_ENCODING"), len(body)):
            body = gzipped(body)
            vary.append("Accept-Encoding")
            headers = [(k, f'"{reply.key}-gz"' if k == "ETag" else v) for k, v in headers]
            headers.append(("Content-Encoding", "gzip"))
        headers = [(k, ", ".join(vary) if k == "Vary" else v) for k, v in headers]
        return headers, body

    @staticmethod
    def _error(status: int, message: str, extra: dict[str, str], accept: MIMEAccept
               ) -> tuple[int, list[tuple[str, str]], bytes]:
        body, content_type = error_body(status, message, accept)
        return status, [("Content-Type", content_type), *extra.items()], body
