"""The dataset as a whole: its VoID/DCAT description and its dumps.

Both are made once, on first request, from the repository's files (again after a reload) and
then served with ETags; gzip applies on request.

:raise 404: an unknown dump format
:raise 406: no acceptable format for the description
"""

from __future__ import annotations

from flask import Blueprint, Response, request

from ...errors import HttpError
from ...namespaces import BASE, VOID_GRAPH
from ...publish import void
from ...rdf.formats import DUMP_SYNTAXES, by_extension
from ..documents import finish
from ..negotiation import DOCUMENTS, negotiated_document
from ..state import state

bp = Blueprint("dataset", __name__)
DUMPS = by_extension(DUMP_SYNTAXES)


@bp.get("/.well-known/void")
def void_description() -> Response:
    _, media = negotiated_document(html=False)
    documents = state().documents
    base = request.host_url.rstrip("/")
    key = ("void", base, media)
    body = documents.get(key, lambda: void.describe(documents.dataset, base).serialize(
        format=DOCUMENTS[media].rdflib).encode())
    return finish(Response(body, mimetype=media), key)


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
