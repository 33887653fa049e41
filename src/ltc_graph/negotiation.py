"""Media types of the SPARQL endpoint, as tables, and the choice among them for a request.

A `format=` parameter (a short name such as `csv`, or a media type) wins over Accept; Accept
is read with its q-values; a request that accepts nothing we can write gets None (406).
"""

from __future__ import annotations

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
