"""Real SPARQL clients against the endpoint on loopback: SPARQLWrapper and rdflib's SPARQLStore."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import (
    CSV,
    JSON,
    JSONLD,
    N3,
    POST,
    POSTDIRECTLY,
    RDFXML,
    TSV,
    TURTLE,
    XML,
    SPARQLWrapper,
)

from backends import Backend
from servers import running_server

CLUSTER = URIRef("https://w3id.org/ltc/ontology#Cluster")
AFIL = URIRef("https://w3id.org/ltc/id/cluster/afil")
SELECT = ("SELECT ?c WHERE { ?c a <https://w3id.org/ltc/ontology#Cluster> } ORDER BY ?c")
CONSTRUCT = f"CONSTRUCT {{ <{AFIL}> ?p ?o }} WHERE {{ <{AFIL}> ?p ?o }}"


@pytest.fixture(scope="module")
def url(backend: Backend) -> Iterator[str]:
    with running_server(*backend.serve_args()) as endpoint:
        yield endpoint


def wrapper(url: str, query: str, fmt: str, method: str | None = None) -> object:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method == POSTDIRECTLY:
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    elif method:
        client.setMethod(method)
    return client.query().convert()


@pytest.mark.parametrize("method", [None, POST, POSTDIRECTLY])
def test_sparqlwrapper_select_json(url: str, method: str | None) -> None:
    result = wrapper(url, SELECT, JSON, method)
    assert isinstance(result, dict)
    clusters = [b["c"]["value"] for b in result["results"]["bindings"]]
    assert len(clusters) == 9 and str(AFIL) in clusters


def test_sparqlwrapper_select_xml(url: str) -> None:
    document = wrapper(url, SELECT, XML)
    uris = [node.firstChild.data for node in document.getElementsByTagName("uri")]
    assert len(uris) == 9 and str(AFIL) in uris


@pytest.mark.parametrize(("fmt", "separator"), [(CSV, ","), (TSV, "\t")])
def test_sparqlwrapper_select_csv_and_tsv(url: str, fmt: str, separator: str) -> None:
    text = wrapper(url, SELECT, fmt).decode()
    lines = text.strip().splitlines()
    assert lines[0].strip() in ("c", "?c") and len(lines) == 10
    assert any(str(AFIL) in line for line in lines)


def test_sparqlwrapper_ask(url: str) -> None:
    assert wrapper(url, f"ASK {{ <{AFIL}> a <{CLUSTER}> }}", JSON)["boolean"] is True


# SPARQLWrapper 2.0 converts RDF answers with rdflib's ConjunctiveGraph, which rdflib 7.x
# deprecates; the warning is the client's, not ours.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
@pytest.mark.parametrize("fmt", [RDFXML, JSONLD])
def test_sparqlwrapper_construct_to_graph(url: str, fmt: str, afil: int) -> None:
    graph = wrapper(url, CONSTRUCT, fmt)
    assert isinstance(graph, Graph)
    assert (AFIL, None, CLUSTER) in graph or any(graph.triples((AFIL, None, CLUSTER)))
    assert len(graph) == afil


@pytest.mark.parametrize("fmt", [TURTLE, N3])
def test_sparqlwrapper_construct_as_turtle(url: str, fmt: str, afil: int) -> None:
    text = wrapper(url, CONSTRUCT, fmt)
    assert len(Graph().parse(data=text, format="turtle")) == afil


def test_rdflib_sparqlstore_queries_and_triples(url: str, afil: int) -> None:
    graph = Graph(store=SPARQLStore(url, returnFormat="json"))
    rows = list(graph.query(SELECT))
    assert len(rows) == 9 and (AFIL,) in [tuple(r) for r in rows]
    assert len(list(graph.triples((AFIL, None, None)))) == afil
    assert (AFIL, None, CLUSTER) in graph or any(graph.triples((AFIL, None, CLUSTER)))
