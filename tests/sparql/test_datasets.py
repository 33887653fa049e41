"""Explicit datasets as SPARQL 1.1 (section 13.2) reads them: a graph named twice counts once,
the default graph is the RDF merge of its graphs (a set), and a dataset clause that names no
graphs of a kind gives none; by FROM, by the protocol's graph parameters, and with GRAPH."""

from __future__ import annotations

import pytest

from ltc_graph.namespaces import GRAPH
from ltc_graph.sparql.service import Query, QueryService

AFIL = str(GRAPH["afil"])
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def count(service: QueryService, text: str, default: tuple[str, ...] = (),
          named: tuple[str, ...] = ()) -> int:
    rows = service.rows if not (default or named) else None
    if rows is not None:
        found = rows(text, predeclared=True)
    else:
        answer = service.answer(service.check(Query(text, default, named, predeclared=True)),
                                "json").json()
        found = [{k: v["value"] for k, v in b.items()} for b in answer["results"]["bindings"]]
    return int(found[0]["n"]) if found and "n" in found[0] else len(found)


def distinct_triples(service: QueryService, graphs: list[str]) -> int:
    listed = " ".join(f"<{g}>" for g in graphs)
    return count(service, f"""SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{
        VALUES ?g {{ {listed} }} GRAPH ?g {{ ?s ?p ?o }} }} }}""")


def test_a_graph_named_twice_counts_once(service: QueryService) -> None:
    once = count(service, f"SELECT (COUNT(*) AS ?n) FROM <{AFIL}> WHERE {{ ?s ?p ?o }}")
    assert once == distinct_triples(service, [AFIL]) > 300
    assert count(service, f"SELECT (COUNT(*) AS ?n) FROM <{AFIL}> FROM <{AFIL}> "
                          "WHERE { ?s ?p ?o }") == once
    assert count(service, COUNT, default=(AFIL, AFIL)) == once


@pytest.fixture(scope="module")
def shared(service: QueryService) -> dict[str, str]:
    """A statement two sections both make, and the two sections."""
    rows = service.rows("""SELECT ?s ?p ?o ?g1 ?g2 WHERE {
        GRAPH ?g1 { ?s ?p ?o } GRAPH ?g2 { ?s ?p ?o }
        FILTER(isIRI(?s) && isIRI(?o) && STR(?g1) < STR(?g2)
               && ?g1 != g:ontology && ?g2 != g:ontology)
    } ORDER BY ?s ?p ?o ?g1 ?g2 LIMIT 1""", predeclared=True)
    assert rows, "the data has statements made by two sections"
    return rows[0]


def test_a_statement_two_graphs_make_counts_once_in_their_merge(
        service: QueryService, shared: dict[str, str]) -> None:
    pattern = f"<{shared['s']}> <{shared['p']}> <{shared['o']}>"
    text = f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"
    both = (shared["g1"], shared["g2"])
    assert count(service, text, default=both) == 1
    froms = f"FROM <{both[0]}> FROM <{both[1]}>"
    assert count(service, f"SELECT (COUNT(*) AS ?n) {froms} WHERE {{ {pattern} }}") == 1
    assert count(service, COUNT, default=both) == distinct_triples(service, list(both))


def test_the_merge_of_every_section_is_a_set(service: QueryService) -> None:
    graphs = [row["g"] for row in service.rows(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(?g NOT IN (g:ontology, "
        "g:shapes)) } ORDER BY ?g", predeclared=True)]
    assert len(graphs) > 20
    merged = count(service, COUNT, default=tuple(graphs))
    statements = count(service, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                                "FILTER(?g NOT IN (g:ontology, g:shapes)) }")
    assert merged == distinct_triples(service, graphs) < statements


def test_graph_sees_each_named_graph_once_and_only_those_named(
        service: QueryService, shared: dict[str, str]) -> None:
    pattern = f"<{shared['s']}> <{shared['p']}> <{shared['o']}>"
    text = f"SELECT ?g WHERE {{ GRAPH ?g {{ {pattern} }} }}"
    g1, g2 = shared["g1"], shared["g2"]
    assert count(service, text, named=(g1, g1)) == 1
    assert count(service, text, named=(g1, g2, g2)) == 2
    assert count(service, f"SELECT ?g FROM NAMED <{g1}> FROM NAMED <{g1}> WHERE "
                          f"{{ GRAPH ?g {{ {pattern} }} }}") == 1
    # a default graph named and no named graph: the dataset has no named graph
    assert count(service, text, default=(g1,)) == 0
    # named graphs named and no default graph: the default graph is empty
    assert count(service, COUNT, named=(g1,)) == 0
