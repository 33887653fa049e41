"""The dataset as a whole: its VoID/DCAT description and its dumps.

Both are made once, on first request, from the repository's files (again after a reload) and
then served with ETags; gzip applies on request. The description is negotiated as resource
pages are: a page for browsers, RDF by Accept or by extension (`/.well-known/void.ttl`).

:raise 404: an unknown dump format or extension
:raise 406: no acceptable format for the description
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from ...errors import HttpError
from ...namespaces import BASE, VOID_GRAPH
from ...publish import void
from ...rdf.formats import DUMP_SYNTAXES, by_extension
from ..documents import finish
from ..negotiation import DOCUMENTS, EXTENSION_OF, negotiated_document
from ..pages.dataset import dataset_page
from ..pages.resource import variants
from ..state import state

bp = Blueprint("dataset", __name__)
DUMPS = by_extension(DUMP_SYNTAXES)


@bp.get("/.well-known/void")
@bp.get("/.well-known/void.<ext>")
def void_description(ext: str | None = None) -> Response:
    if ext is not None and f".{ext}" not in EXTENSION_OF.values():
        raise HttpError(404, f"no description in format .{ext}; there are: "
                        + ", ".join(EXTENSION_OF.values()))
    path, media = negotiated_document(html=True)
    documents = state().documents
    base = request.host_url.rstrip("/")
    described = documents.get(("void", base), lambda: void.describe(documents.dataset, base))
    key = ("void", base, media)
    if media == "text/html":
        body = render_template("dataset.html", variants=variants(path),
                               **dataset_page(described))
    else:
        body = documents.get(key, lambda: described.serialize(
            format=DOCUMENTS[media].rdflib).encode())
    response = Response(body, mimetype=media)
    response.headers["Content-Location"] = path + EXTENSION_OF[media]
    response.headers["Link"] = ", ".join(
        f'<{path}{e}>; rel="alternate"; type="{m}"' for m, e in EXTENSION_OF.items())
    return finish(response, key)


@bp.get("/dumps/ltc-graph.<fmt>")
def dump(fmt: str) -> Response:
    if fmt not in DUMPS:
        raise HttpError(404, f"no dump in format {fmt}; there are: "
                        + ", ".join(f"ltc-graph.{f}" for f in DUMPS))
    documents = state().documents
    key = ("dump", fmt)

    def make() -> bytes:
        from ...publish import export  # PyLD and the serialisers load only for a dump

        described = void.describe(documents.dataset, BASE)  # as published
        return export.dump(documents.dataset, fmt, {VOID_GRAPH: described}).encode()

    response = Response(documents.get(key, make), mimetype=DUMPS[fmt].media)
    response.headers["Content-Disposition"] = f'attachment; filename="ltc-graph.{fmt}"'
    return finish(response, key)
