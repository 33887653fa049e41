"""The dataset as a whole: its VoID/DCAT description and its dumps.

Both are computed once, on first request, from the repository's files (the data only
changes when the server restarts) and then served with ETags; gzip applies on request.

:raise 404: an unknown dump format
:raise 406: no acceptable format for the description
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Blueprint, Response, current_app, request

from ...errors import HttpError
from ...namespaces import BASE, VOID_GRAPH
from ...publish import void
from ...rdf.files import load_project
from ...rdf.formats import DUMP_SYNTAXES, by_extension
from ..negotiation import DOCUMENTS, negotiated_document
from . import page_language

bp = Blueprint("dataset", __name__)
DUMPS = by_extension(DUMP_SYNTAXES)

def cached() -> dict[object, object]:
    """The app's cache: the parsed dataset and the documents made from it."""
    cache = current_app.extensions.setdefault("ltc_dataset_cache", {})
    if "dataset" not in cache:
        cache["dataset"] = load_project(Path(current_app.config["DATA_ROOT"]))
    return cache


@bp.get("/.well-known/void")
def void_description() -> Response:
    _, media = negotiated_document(html=False)
    cache = cached()
    base = request.host_url.rstrip("/")
    key = ("void", base, media)
    if key not in cache:
        graph = void.describe(cache["dataset"], base)
        cache[key] = graph.serialize(format=DOCUMENTS[media].rdflib).encode()
    return finish(Response(cache[key], mimetype=media), key)


@bp.get("/dumps/ltc-graph.<fmt>")
def dump(fmt: str) -> Response:
    if fmt not in DUMPS:
        raise HttpError(404, f"no dump in format {fmt}; there are: "
                        + ", ".join(f"ltc-graph.{f}" for f in DUMPS))
    cache = cached()
    key = ("dump", fmt)
    if key not in cache:
        description = void.describe(cache["dataset"], BASE)  # as published
        from ...publish import export  # PyLD and the serialisers load only when a dump is asked for

        cache[key] = export.dump(cache["dataset"], fmt, {VOID_GRAPH: description}).encode()
    response = Response(cache[key], mimetype=DUMPS[fmt].media)
    response.headers["Content-Disposition"] = f'attachment; filename="ltc-graph.{fmt}"'
    return finish(response, key)


def finish(response: Response, key: tuple) -> Response:
    """Headers for a document made once from the data: ETag, Last-Modified, caching."""
    store = current_app.extensions["ltc_store"]
    response.charset = "utf-8"
    response.vary.add("Accept")
    lang = page_language() if response.mimetype == "text/html" else ""  # pages differ by it
    response.set_etag(hashlib.sha256(repr((store.version, key, lang)).encode())
                      .hexdigest()[:32])
    response.last_modified = store.loaded_at
    response.cache_control.public = True
    response.cache_control.max_age = int(current_app.config["CACHE_SECONDS"])
    return response.make_conditional(request)
