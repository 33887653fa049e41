"""Flask blueprints: thin HTTP layers over the domain modules."""

from __future__ import annotations

from flask import request

from ..errors import HttpError
from ..negotiation import document_variant, offered_documents


def negotiated_document(html: bool) -> tuple[str, str]:
    """The request's path without a variant extension, and the RDF (or HTML) media type to send.

    :raise 406: the request accepts none of the offered types
    """
    path, media = document_variant(request.path, request.accept_mimetypes, html)
    if media is None:
        offered = ", ".join(offered_documents(html))
        raise HttpError(406, f"no acceptable format; offered: {offered}")
    return path, media
