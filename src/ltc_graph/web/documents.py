"""Headers for the documents made once from the data (dumps, VoID, the ontology, the context,
the validation report): an ETag from the data version and the document's key, Last-Modified,
public caching, and a conditional answer.
"""

from __future__ import annotations

import hashlib

from flask import Response, current_app, request

from .i18n import page_language
from .state import state


def finish(response: Response, key: tuple) -> Response:
    """Headers for a document made once from the data: ETag, Last-Modified, caching."""
    info = state().info
    response.charset = "utf-8"
    response.vary.add("Accept")
    lang = page_language() if response.mimetype == "text/html" else ""  # pages differ by it
    response.set_etag(hashlib.sha256(repr((info.version, key, lang)).encode())
                      .hexdigest()[:32])
    response.last_modified = info.loaded_at
    response.cache_control.public = True
    response.cache_control.max_age = int(current_app.config["CACHE_SECONDS"])
    return response.make_conditional(request)
