"""Query answers as HTTP responses, the same for `/sparql` and the canned queries' API: the
body in its media type, how many rows and whether capped, whether it came from the cache,
and, for GET, the ETag (the answer's key) with the caching headers.
"""

from __future__ import annotations

from flask import Response, current_app, request

from ..sparql.service import Reply
from .state import state


def answer_response(reply: Reply, media: str, etag: bool | None = None) -> Response:
    """The reply as a response; `etag` defaults to whether the request is a GET or HEAD."""
    answer = reply.answer
    response = Response(answer.body, mimetype=media)
    if media.startswith("text/") or media.endswith(("json", "xml")):
        response.charset = "utf-8"
    response.headers["X-Result-Count"] = str(answer.count)
    response.headers["X-Result-Cap"] = str(current_app.config["MAX_ROWS"])
    response.headers["X-Cache"] = "HIT" if reply.cached else "MISS"
    if answer.truncated:
        response.headers["X-Result-Truncated"] = "true"
    response.vary.add("Accept")
    if etag if etag is not None else cacheable():
        cached_for_clients(response, reply.key)
    return response


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
