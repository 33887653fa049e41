"""Query answers as HTTP responses, the same for `/sparql` and the canned queries' API: the
body in its media type, how many rows and whether capped, whether it came from the cache,
and, for GET, the ETag (the answer's key) with the caching headers.

The headers are written by plain functions (`answer_headers`, `error_body`, and the headers
every response carries), so that the fast path of `/sparql` (fast_path.py), which answers
without Flask's request machinery, sends exactly what the Flask views send.
"""

from __future__ import annotations

import gzip
import json
from datetime import datetime
from functools import lru_cache

from flask import Response, current_app, request
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import http_date, parse_accept_header
from werkzeug.utils import get_content_type

from ..sparql.service import Reply
from .state import state

# Read-only open data: any origin may read it, from any page.
CORS_HEADERS = (
    ("Access-Control-Allow-Origin", "*"),
    ("Access-Control-Allow-Methods", "GET, POST, HEAD, OPTIONS"),
    ("Access-Control-Allow-Headers", "Accept, Content-Type, If-None-Match"),
    ("Access-Control-Expose-Headers",
     "ETag, Last-Modified, X-Result-Count, X-Result-Truncated, X-Result-Cap, X-Cache, "
     "Retry-After, X-Request-Id"),
    ("Access-Control-Max-Age", "86400"),
)
POLICY_HEADERS = (("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"))
COMPRESS_FROM = 1024  # bytes: smaller bodies are sent as they are


def answer_response(reply: Reply, media: str, etag: bool | None = None) -> Response:
    """The reply as a response; `etag` defaults to whether the request is a GET or HEAD."""
    response = Response(reply.answer.body)
    config = current_app.config
    response.headers.update(answer_headers(
        reply, media, int(config["MAX_ROWS"]),
        cache_seconds=int(config["CACHE_SECONDS"]) if (
            etag if etag is not None else cacheable()) else None,
        loaded_at=state().info.loaded_at))
    return response


def answer_headers(reply: Reply, media: str, cap: int, cache_seconds: int | None,
                   loaded_at: datetime) -> list[tuple[str, str]]:
    """An answer's headers: its type, count, cap and origin; with `cache_seconds` (GET and
    HEAD) its ETag, Last-Modified and public caching for that long."""
    answer = reply.answer
    headers = [("Content-Type", get_content_type(media, "utf-8")),
               ("X-Result-Count", str(answer.count)), ("X-Result-Cap", str(cap)),
               ("X-Cache", "HIT" if reply.cached else "MISS")]
    if answer.truncated:
        headers.append(("X-Result-Truncated", "true"))
    headers.append(("Vary", "Accept"))
    if cache_seconds is not None:
        headers += [("ETag", f'"{reply.key}"'), ("Last-Modified", _http_date(loaded_at)),
                    ("Cache-Control", f"public, max-age={cache_seconds}")]
    return headers


@lru_cache(maxsize=8)
def _http_date(moment: datetime) -> str:
    return http_date(moment)


@lru_cache(maxsize=256)
def accepted(header: str | None) -> MIMEAccept:
    """An Accept header as Werkzeug reads it (clients send the same few again and again)."""
    return parse_accept_header(header, MIMEAccept)


def error_body(status: int, message: str, accept: MIMEAccept) -> tuple[bytes, str]:
    """The one error shape, as (body, Content-Type): JSON when the client prefers it, plain
    text otherwise."""
    best = accept.best_match(["text/plain", "application/json"])
    if best == "application/json" and accept["application/json"] > accept["text/plain"]:
        document = {"ok": False, "status": status, "error": message}
        return (json.dumps(document, sort_keys=True, separators=(",", ":")).encode() + b"\n",
                "application/json")
    return (message + "\n").encode(), "text/plain; charset=utf-8"


def cacheable() -> bool:
    return request.method in ("GET", "HEAD")


def held(key: str) -> bool:
    """The client already holds the answer with this key (plain or compressed)."""
    return cacheable() and (key in request.if_none_match or f"{key}-gz" in request.if_none_match)


def not_modified(key: str) -> Response:
    response = Response(status=304)
    response.set_etag(key)
    response.last_modified = state().info.loaded_at
    response.vary.add("Accept")
    return response


def cached_for_clients(response: Response, key: str) -> Response:
    """ETag, Last-Modified (the data's load) and public caching for CACHE_SECONDS."""
    response.set_etag(key)
    response.last_modified = state().info.loaded_at
    response.cache_control.public = True
    response.cache_control.max_age = int(current_app.config["CACHE_SECONDS"])
    return response


def compressible(status: int, accept_encoding: str | None, size: int) -> bool:
    """Whether a body is sent gzipped: a 200 the client takes gzip for, of 1 KB or more."""
    return status == 200 and size >= COMPRESS_FROM and "gzip" in (accept_encoding or "")


def gzipped(body: bytes) -> bytes:
    return gzip.compress(body, compresslevel=5)
