"""The statements the served graph derives when a store is loaded (store/derived.py): places
typed as places, one property to every place a resource lies in, and one span with its
precision for every dated resource, checked on a small graph and on the repository's."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ltc_graph.namespaces import SPARQL_PREFIXES
from ltc_graph.store import GraphStore
from ltc_graph.store.derived import derive

SMALL = """
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ltc: <https://w3id.org/ltc/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix : <https://example.org/> .

ltc:City rdfs:subClassOf ltc:Place , schema:City .
ltc:Region rdfs:subClassOf ltc:Place .
ltc:Country rdfs:subClassOf ltc:Place .
ltc:Place rdfs:subClassOf schema:Place .

:town a ltc:City ; ltc:inRegion :shire .
:shire a ltc:Region ; ltc:country :land .
:land a ltc:Country .
:fair a ltc:Event ; ltc:location :town ;
    schema:startDate "2024-02"^^xsd:gYearMonth ; schema:endDate "2024-02"^^xsd:gYearMonth .
:leap a ltc:Event ; schema:startDate "1900-02"^^xsd:gYearMonth ;
    schema:endDate "2000-02"^^xsd:gYearMonth .
:seat a org:Site ; org:siteAddress [ ltc:city :town ] .
:project a ltc:Project ; schema:startDate "2022"^^xsd:gYear ;
    schema:endDate "2024-06-30"^^xsd:date .
:ongoing a ltc:Project ; schema:startDate "2016-05-01"^^xsd:date .
:story a ltc:SuccessStory ; dcterms:date "2019"^^xsd:gYear , "2020"^^xsd:gYear .
:undated a ltc:Project ; schema:startDate "soon" .
:foreign schema:startDate "2020"^^xsd:gYear .
"""


def rows(store: ox.Store | GraphStore, query: str) -> set[tuple[str, ...]]:
    answer = store.query(SPARQL_PREFIXES + "PREFIX : <https://example.org/>\n" + query)
    return {tuple(_short(term) for term in row) for row in answer}


def _short(term: ox.NamedNode | ox.Literal | None) -> str:
    if term is None:
        return ""
    value = term.value
    for long, short in (("https://example.org/", ":"), ("https://w3id.org/ltc/ontology#", "ltc:"),
                        ("https://w3id.org/ltc/id/", "")):
        if value.startswith(long):
            return short + value[len(long):]
    return value


@pytest.fixture(scope="module")
def small() -> ox.Store:
    store = ox.Store()
    store.load(SMALL.encode(), format=ox.RdfFormat.TURTLE)
    derive(store.update)
    return store


def test_places_are_places_and_no_foreign_class_is_added(small: ox.Store) -> None:
    assert rows(small, "SELECT ?x WHERE { ?x a ltc:Place }") == {(":town",), (":shire",),
                                                                  (":land",)}
    assert rows(small, "SELECT ?x WHERE { ?x a schema:Place }") == set()


def test_one_property_leads_to_every_place_a_resource_lies_in(small: ox.Store) -> None:
    assert rows(small, "SELECT ?x ?p WHERE { ?x ltc:locatedIn ?p }") == {
        (":town", ":shire"), (":town", ":land"), (":shire", ":land"),
        (":fair", ":town"), (":fair", ":shire"), (":fair", ":land"),
        (":seat", ":town"), (":seat", ":shire"), (":seat", ":land"),
    }


def test_every_dated_resource_has_its_span_and_precision(small: ox.Store) -> None:
    assert rows(small, """SELECT ?x ?first ?last ?precision WHERE {
        ?x ltc:datePrecision ?precision
        OPTIONAL { ?x ltc:firstDay ?first } OPTIONAL { ?x ltc:lastDay ?last } }""") == {
        (":fair", "2024-02-01", "2024-02-29", "vocab/month"),
        (":leap", "1900-02-01", "2000-02-29", "vocab/month"),  # 1900 is no leap year, 2000 is
        (":project", "2022-01-01", "2024-06-30", "vocab/year"),
        (":ongoing", "2016-05-01", "", "vocab/day"),
        (":story", "2019-01-01", "2020-12-31", "vocab/year"),
    }
    assert rows(small, "SELECT ?d WHERE { :leap ltc:firstDay ?d FILTER(DATATYPE(?d) = xsd:date) }")


def test_derived_statements_are_in_the_default_graph_only(store: GraphStore) -> None:
    assert rows(store, """SELECT ?g WHERE { GRAPH ?g {
        ?x ltc:firstDay|ltc:lastDay|ltc:datePrecision|ltc:locatedIn ?y } }""") == set()
    assert rows(store, "SELECT ?g WHERE { GRAPH ?g { ?x a ltc:Place } }") == {
        ("https://w3id.org/ltc/graph/life-sciences",)}  # the Emirates, as printed


def test_the_repository_s_places_and_their_countries(store: GraphStore) -> None:
    assert rows(store, """SELECT ?event ?place WHERE { ?event a ltc:Event ;
        ltc:locatedIn ?place . ?place a ltc:Country }""") == {
        ("event/aeromart-toulouse-2024", "country/fr"),
        ("event/aerospace-defense-meetings-sevilla-2024", "country/es"),
        ("event/casa-vallonia-space-aeronautics-2024", "country/it"),
        ("event/civil-military-aeromixer-iii-2024", "country/pl"),
        ("event/european-rotors-2024", "country/nl"),
        ("event/farnborough-international-airshow-2024", "country/gb"),
        ("event/ila-berlin-2024", "country/de"),
        ("event/outgoing-mission-to-turkiye-2024", "country/tr"),
        ("event/smau-milano", "country/it"),
        ("event/space-meetings-veneto-2024", "country/it"),
    }
