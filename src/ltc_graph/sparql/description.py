"""The SPARQL 1.1 Service Description of the endpoint, as RDF."""

from __future__ import annotations

import pyoxigraph as ox

from ..namespaces import RDF, SD, VOID, W3C_FORMATS, XSD
from ..rdf.formats import RDF_BY_NAME, RDF_SYNTAXES, RESULT_SYNTAXES
from ..store import StoreInfo

RDF_TYPE = ox.NamedNode(RDF.type)
TRIPLES = ox.NamedNode(VOID.triples)
INTEGER = ox.NamedNode(XSD.integer)


def describe(store: StoreInfo, endpoint: str, fmt: str) -> bytes:
    """The description of the service reached at `endpoint`, written as `fmt`."""
    service = ox.NamedNode(endpoint)
    dataset, default = ox.BlankNode(), ox.BlankNode()
    triples = [
        ox.Triple(service, RDF_TYPE, _sd("Service")),
        ox.Triple(service, _sd("endpoint"), service),
        ox.Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        ox.Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        ox.Triple(service, _sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, _sd("Dataset")),
        ox.Triple(dataset, _sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, _sd("Graph")),
        ox.Triple(default, TRIPLES, _integer(store.default_size)),
    ]
    triples += [ox.Triple(service, _sd("resultFormat"), ox.NamedNode(syntax.w3c_iri))
                for syntax in (*RESULT_SYNTAXES, *RDF_SYNTAXES)]
    for name in sorted(store.graphs):
        named, graph = ox.BlankNode(), ox.BlankNode()
        triples += [
            ox.Triple(dataset, _sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, _sd("NamedGraph")),
            ox.Triple(named, _sd("name"), ox.NamedNode(name)),
            ox.Triple(named, _sd("graph"), graph),
            ox.Triple(graph, RDF_TYPE, _sd("Graph")),
            ox.Triple(graph, TRIPLES, _integer(store.sizes[name])),
        ]
    syntax = RDF_BY_NAME[fmt]
    prefixes = {"sd": str(SD), "void": str(VOID), "formats": str(W3C_FORMATS)}
    return ox.serialize(
        [ox.Quad(t.subject, t.predicate, t.object) for t in triples] if syntax.quads else triples,
        format=syntax.oxigraph,
        prefixes=prefixes if fmt in ("turtle", "trig") else None,
    ) or b""


def _sd(name: str) -> ox.NamedNode:
    return ox.NamedNode(SD[name])


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=INTEGER)
