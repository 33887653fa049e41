"""Every format the project reads or writes, in one table: names, media types, extensions.

RDF syntaxes (files, dumps, documents by IRI, CONSTRUCT answers, uploads) and SPARQL result
formats (SELECT and ASK answers). Negotiation, the writers, the loaders, uploads, the dumps,
OpenAPI and the service description all read these tables, so a format is added or changed
here only.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from ..namespaces import W3C_FORMATS


@dataclass(frozen=True)
class Syntax:
    """One format: `name` is the key the writers and `format=` use."""

    name: str
    label: str  # as people name it
    media: str  # the media type it is sent as
    aliases: tuple[str, ...] = ()  # other names and media types that ask for it
    extensions: tuple[str, ...] = ()  # the first is the one written
    w3c: str = ""  # its name in http://www.w3.org/ns/formats/
    oxigraph: ox.RdfFormat | None = None  # RDF syntaxes only
    rdflib: str = ""  # rdflib's serializer, for the RDF syntaxes rdflib writes
    quads: bool = False  # holds named graphs

    @property
    def extension(self) -> str:
        return self.extensions[0]

    @property
    def w3c_iri(self) -> str:
        return W3C_FORMATS[self.w3c]


RDF_SYNTAXES: tuple[Syntax, ...] = (  # in order of preference when Accept ties
    Syntax("turtle", "Turtle", "text/turtle", ("ttl", "n3", "application/x-turtle"),
           (".ttl",), "Turtle", ox.RdfFormat.TURTLE, "turtle"),
    Syntax("ntriples", "N-Triples", "application/n-triples", ("nt", "n-triples", "text/plain"),
           (".nt",), "N-Triples", ox.RdfFormat.N_TRIPLES, "nt"),
    Syntax("jsonld", "JSON-LD", "application/ld+json", ("json-ld", "json"),
           (".jsonld", ".json"), "JSON-LD", ox.RdfFormat.JSON_LD, "json-ld"),
    Syntax("rdfxml", "RDF/XML", "application/rdf+xml", ("rdf+xml", "xml"), (".rdf", ".owl"),
           "RDF_XML", ox.RdfFormat.RDF_XML, "xml"),
    Syntax("trig", "TriG", "application/trig", (), (".trig",), "TriG", ox.RdfFormat.TRIG,
           "trig", quads=True),
    Syntax("nquads", "N-Quads", "application/n-quads", ("nq",), (".nq",), "N-Quads",
           ox.RdfFormat.N_QUADS, "nquads", quads=True),
)
RESULT_SYNTAXES: tuple[Syntax, ...] = (
    Syntax("json", "JSON", "application/sparql-results+json", ("application/json",),
           (".json",), "SPARQL_Results_JSON"),
    Syntax("xml", "XML", "application/sparql-results+xml", ("application/xml", "text/xml"),
           (".xml",), "SPARQL_Results_XML"),
    Syntax("csv", "CSV", "text/csv", (), (".csv",), "SPARQL_Results_CSV"),
    Syntax("tsv", "TSV", "text/tab-separated-values", (), (".tsv",), "SPARQL_Results_TSV"),
)

RDF_BY_NAME = {s.name: s for s in RDF_SYNTAXES}
RESULTS_BY_NAME = {s.name: s for s in RESULT_SYNTAXES}
# Documents served by IRI (resources, the ontology, the shapes, VoID, the validation report):
# the first is the default when Accept says nothing.
DOCUMENT_SYNTAXES = tuple(RDF_BY_NAME[n] for n in ("turtle", "jsonld", "ntriples", "rdfxml"))
# Whole dumps of the dataset, by file extension.
DUMP_SYNTAXES = tuple(RDF_BY_NAME[n] for n in ("turtle", "trig", "nquads", "jsonld"))
# Whole dumps written by `ltc-graph export`, by file extension.
EXPORT_SYNTAXES = tuple(RDF_BY_NAME[n] for n in ("turtle", "trig", "nquads", "ntriples",
                                                 "jsonld"))
# What an upload to /validate may be written in, by its own media type only.
UPLOADS = {s.media: s for s in RDF_SYNTAXES}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def by_media(syntaxes: tuple[Syntax, ...]) -> dict[str, Syntax]:
    """Media type (its own first, then aliases that are media types) -> syntax."""
    table = {s.media: s for s in syntaxes}
    for s in syntaxes:
        for alias in s.aliases:
            if "/" in alias:
                table.setdefault(alias, s)
    return table


def by_name(syntaxes: tuple[Syntax, ...]) -> dict[str, Syntax]:
    """Every name a client may give in `format=`: short names, aliases and media types."""
    table: dict[str, Syntax] = {}
    for s in syntaxes:
        for key in (s.name, *s.aliases, s.media):
            table.setdefault(key, s)
    return table


def by_extension(syntaxes: tuple[Syntax, ...]) -> dict[str, Syntax]:
    """The written extension without its dot (`ttl`, `nq`) -> syntax: dump and export names."""
    return {s.extension.lstrip("."): s for s in syntaxes}


def rdf_for_file(suffix: str) -> Syntax | None:
    """The RDF syntax of a file, from its extension (`.ttl`), None when unknown."""
    return next((s for s in RDF_SYNTAXES if suffix.lower() in s.extensions), None)


RDF_EXTENSIONS = tuple(e for s in RDF_SYNTAXES for e in s.extensions)
