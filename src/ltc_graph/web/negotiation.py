"""Media types of the SPARQL endpoint, as tables, and the choice among them for a request.

A `format=` parameter (a short name such as `csv`, or a media type) wins over Accept; Accept
is read with its q-values; a request that accepts nothing we can write gets None (406).
"""

from __future__ import annotations

import pyoxigraph as ox
from werkzeug.datastructures import MIMEAccept

SOLUTIONS: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
GRAPHS: dict[str, str] = {
    "text/turtle": "turtle",
    "application/n-triples": "ntriples",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/trig": "trig",
    "application/n-quads": "nquads",
    "application/x-turtle": "turtle",
    "text/plain": "ntriples",
}
FORMAT_PARAM: dict[str, tuple[str | None, str | None]] = {
    # format= value: (media type for SELECT/ASK, media type for CONSTRUCT/DESCRIBE)
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv", None),
    "tsv": ("text/tab-separated-values", None),
    "turtle": (None, "text/turtle"),
    "ttl": (None, "text/turtle"),
    "ntriples": (None, "application/n-triples"),
    "nt": (None, "application/n-triples"),
    "jsonld": (None, "application/ld+json"),
    "rdfxml": (None, "application/rdf+xml"),
    "trig": (None, "application/trig"),
    "nquads": (None, "application/n-quads"),
    "nq": (None, "application/n-quads"),
    # the names SPARQLWrapper and other clients send
    "rdf+xml": (None, "application/rdf+xml"),
    "json-ld": (None, "application/ld+json"),
    "n3": (None, "text/turtle"),
    "n-triples": (None, "application/n-triples"),
}


def table_for(form: str) -> dict[str, str]:
    return SOLUTIONS if form in ("SELECT", "ASK") else GRAPHS


def choose(form: str, accept: MIMEAccept, fmt: str | None) -> tuple[str, str] | None:
    """(media type, writer key) for a query form, or None when nothing acceptable exists."""
    table = table_for(form)
    if fmt:
        wanted = fmt.lower().split(";")[0].strip()
        if wanted in table:
            return wanted, table[wanted]
        pair = FORMAT_PARAM.get(wanted)
        if pair is None:
            return None
        media = pair[0] if table is SOLUTIONS else pair[1]
        return (media, table[media]) if media else None
    if not accept:
        media = next(iter(table))
        return media, table[media]
    media = accept.best_match(list(table))
    return (media, table[media]) if media else None


# RDF documents served by IRI (resources, the ontology, the shapes, VoID): extension, media
# type, rdflib format, Oxigraph format. The first is the default when Accept is missing.
DOCUMENTS: dict[str, tuple[str, str, ox.RdfFormat]] = {
    ".ttl": ("text/turtle", "turtle", ox.RdfFormat.TURTLE),
    ".jsonld": ("application/ld+json", "json-ld", ox.RdfFormat.JSON_LD),
    ".nt": ("application/n-triples", "nt", ox.RdfFormat.N_TRIPLES),
    ".rdf": ("application/rdf+xml", "xml", ox.RdfFormat.RDF_XML),
}
HTML = "text/html"
EXTENSION_OF = {media: ext for ext, (media, _, _) in DOCUMENTS.items()} | {HTML: ".html"}


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
    media = [m for m, _, _ in DOCUMENTS.values()]
    return [media[0], *([HTML] if html else []), *media[1:]]
