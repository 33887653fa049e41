"""Which format to answer in: the one place the views read `format=`, an extension or Accept.

A `format=` parameter (a short name such as `csv`, or a media type) wins over Accept; Accept
is read with its q-values, the first format of a table winning ties; a request that accepts
nothing we can write gets None, which the views answer with 406. The formats themselves are
in rdf/formats.py.
"""

from __future__ import annotations

from flask import request
from werkzeug.datastructures import MIMEAccept

from ..errors import HttpError
from ..rdf.formats import (
    DOCUMENT_SYNTAXES,
    RDF_SYNTAXES,
    RESULT_SYNTAXES,
    Syntax,
    by_media,
    by_name,
)

HTML = "text/html"
JSON = "application/json"
SOLUTIONS = by_media(RESULT_SYNTAXES)  # media type -> syntax, for SELECT and ASK answers
GRAPHS = by_media(RDF_SYNTAXES)  # media type -> syntax, for CONSTRUCT and DESCRIBE answers
_NAMES = {True: by_name(RESULT_SYNTAXES), False: by_name(RDF_SYNTAXES)}
# Documents by IRI: the extension that names each variant (`.ttl`), pages included.
EXTENSION_OF = {s.media: s.extension for s in DOCUMENT_SYNTAXES} | {HTML: ".html"}
DOCUMENTS = {s.media: s for s in DOCUMENT_SYNTAXES}
DOCUMENT_EXTENSIONS = [s.extension for s in DOCUMENT_SYNTAXES]


def answers_rows(form: str) -> bool:
    return form in ("SELECT", "ASK")


def result_table(form: str) -> dict[str, Syntax]:
    return SOLUTIONS if answers_rows(form) else GRAPHS


def choose(form: str, accept: MIMEAccept, fmt: str | None) -> tuple[str, str] | None:
    """(media type, writer name) for a query form, or None when nothing acceptable exists."""
    table = result_table(form)
    if fmt:
        wanted = fmt.lower().split(";")[0].strip()
        if wanted in table:
            return wanted, table[wanted].name
        syntax = _NAMES[answers_rows(form)].get(wanted)
        return (syntax.media, syntax.name) if syntax else None
    if not accept:
        media = next(iter(table))
        return media, table[media].name
    media = accept.best_match(list(table))
    return (media, table[media].name) if media else None


def document_variant(path: str, accept: MIMEAccept, html: bool) -> tuple[str, str | None]:
    """The path without a variant extension, and the media type asked for.

    An extension (`.ttl`, `.jsonld`, `.nt`, `.rdf`, `.html` when pages exist) decides;
    otherwise Accept does, with its q-values, Turtle winning ties. None: nothing acceptable.
    """
    for media, ext in EXTENSION_OF.items():
        if path.endswith(ext) and (html or media != HTML):
            return path[: -len(ext)], media
    offered = offered_documents(html)
    if not accept:
        return path, offered[0]
    return path, accept.best_match(offered)


def offered_documents(html: bool) -> list[str]:
    media = list(DOCUMENTS)
    return [media[0], *([HTML] if html else []), *media[1:]]


def negotiated_document(html: bool) -> tuple[str, str]:
    """The request's path without a variant extension, and the RDF (or HTML) media type to send.

    :raise 406: the request accepts none of the offered types
    """
    path, media = document_variant(request.path, request.accept_mimetypes, html)
    if media is None:
        offered = ", ".join(offered_documents(html))
        raise HttpError(406, f"no acceptable format; offered: {offered}")
    return path, media


def prefers_json(*others: str) -> bool:
    """The request ranks JSON above every other offered type (pages, RDF)."""
    accept = request.accept_mimetypes
    return accept[JSON] > max(accept[o] for o in others)


def best_of(offered: list[str], default: str) -> str | None:
    """The best offered type for the request's Accept; `default` when it gives none."""
    if not request.accept_mimetypes:
        return default
    return request.accept_mimetypes.best_match(offered)
