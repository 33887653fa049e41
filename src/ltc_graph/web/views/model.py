"""The model describes itself: the ontology IRI serves the ontology (RDF by negotiation,
documentation for people) and `/shapes` serves the SHACL shapes.

:raise 406: no acceptable format
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, render_template
from rdflib import Graph, URIRef
from rdflib.collection import Collection

from ...errors import HttpError
from ...namespaces import (
    DCTERMS,
    LTC,
    ONTOLOGY_GRAPH,
    ONTOLOGY_IRI,
    OWL,
    PREFIXES,
    RDF,
    RDFS,
    SHAPES_GRAPH,
    SKOS,
    shorten,
)
from ...publish.context import context
from ...publish.diagram import mermaid
from ..documents import finish
from ..negotiation import DOCUMENT_EXTENSIONS, DOCUMENTS, EXTENSION_OF, negotiated_document
from ..state import state
from ..vendor import installed

bp = Blueprint("model", __name__)

def _serve(graph: Graph, media: str, key: str) -> Response:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=False)
    body = graph.serialize(format=DOCUMENTS[media].rdflib).encode()
    return finish(Response(body, mimetype=media), (key, media))


@bp.get("/ontology")
@bp.get("/ontology.<ext>")
@bp.get("/ontology/1.0.0")
@bp.get("/ontology/aligns")
def ontology(ext: str | None = None) -> Response:
    if ext is not None and f".{ext}" not in EXTENSION_OF.values():
        raise HttpError(404, f"no ontology format .{ext}; there are: "
                        + ", ".join(EXTENSION_OF.values()))
    _, media = negotiated_document(html=True)
    graph = state().documents.dataset.graph(ONTOLOGY_GRAPH)
    if media == "text/html":
        page = render_template("ontology.html", diagram=mermaid(graph),
                               rendered=installed("mermaid", "mermaid.min.js"),
                               **_documentation(graph))
        return finish(Response(page, mimetype="text/html"), ("ontology", media))
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return _serve(copy, media, "ontology")


@bp.get("/context.jsonld")
def jsonld_context() -> Response:
    """The JSON-LD context for developers: short names for the model's terms."""
    documents = state().documents
    body = documents.get("context", lambda: json.dumps(
        context(documents.dataset.graph(ONTOLOGY_GRAPH)), indent=2, sort_keys=True).encode())
    return finish(Response(body, mimetype="application/ld+json"), ("context",))


@bp.get("/shapes")
@bp.get("/shapes.<ext>")
def shapes(ext: str | None = None) -> Response:
    if ext is not None and f".{ext}" not in DOCUMENT_EXTENSIONS:
        raise HttpError(404, "the shapes are served as " + ", ".join(DOCUMENT_EXTENSIONS))
    _, media = negotiated_document(html=False)
    copy = Graph()
    for triple in state().documents.dataset.graph(SHAPES_GRAPH):
        copy.add(triple)
    return _serve(copy, media, "shapes")


def _documentation(graph: Graph) -> dict[str, object]:
    """Classes and properties with their English and Italian labels and definitions."""
    def text(term: URIRef, prop: URIRef, lang: str) -> str:
        return next((str(v) for v in graph.objects(term, prop) if v.language == lang), "")

    def entry(term: URIRef) -> dict[str, object]:
        return {
            "id": str(term).rsplit("#", 1)[1], "name": shorten(str(term)),
            "en": text(term, RDFS.label, "en"), "it": text(term, RDFS.label, "it"),
            "definition": text(term, SKOS.definition, "en"),
            "definition_it": text(term, SKOS.definition, "it"),
            "parents": [shorten(str(p)) for p in graph.objects(term, RDFS.subClassOf)
                        if isinstance(p, URIRef)],
            "domain": _shown(graph, graph.value(term, RDFS.domain)),
            "range": _shown(graph, graph.value(term, RDFS.range)),
        }

    def terms(kind: URIRef) -> list[dict[str, object]]:
        return [entry(t) for t in sorted(graph.subjects(RDF.type, kind))
                if isinstance(t, URIRef) and str(t).startswith(str(LTC))]

    header = URIRef(ONTOLOGY_IRI)
    return {
        "title": text(header, DCTERMS.title, "en"),
        "description": text(header, DCTERMS.description, "en"),
        "version": str(graph.value(header, OWL.versionInfo)),
        "classes": terms(OWL.Class),
        "properties": terms(OWL.ObjectProperty) + terms(OWL.DatatypeProperty),
    }


def _shown(graph: Graph, node: object) -> str:
    if node is None:
        return ""
    if isinstance(node, URIRef):
        return shorten(str(node))
    members = graph.value(node, OWL.unionOf)
    if members is not None:
        return " or ".join(shorten(str(m)) for m in Collection(graph, members))
    return ""
