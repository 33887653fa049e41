"""Virtuoso (Debian's virtuoso-opensource) as the external store: what `load --update` leaves
in it, the dataset every query is given, the answers it would give otherwise, and its own
limits. The endpoint suite and the canned queries run on it too (backends.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from backends import ROOT, Virtuoso, service_on, shared_virtuoso, virtuoso_server
from ltc_graph.namespaces import GRAPH
from ltc_graph.sparql.service import Query, QueryFailed
from ltc_graph.store import GraphStore, open_store
from ltc_graph.store.remote import DEFAULT_GRAPH, DESCRIPTION_GRAPH, RemoteStore

AFIL = str(GRAPH["afil"])


@pytest.fixture(scope="module")
def stores() -> dict[str, GraphStore]:
    return {"memory": open_store("memory", ROOT),
            "virtuoso": open_store(shared_virtuoso().query_url, ROOT)}


def answer(store: GraphStore, text: str, default: tuple[str, ...] = (),
           named: tuple[str, ...] = ()) -> dict:
    """The SPARQL JSON answer as this server writes it, the project's prefixes predeclared."""
    service = service_on(store)
    return service.answer(service.check(Query(text, default, named, predeclared=True)),
                          "json").json()


# Each answers alike only through a workaround of store/remote.py or store/portable.py.
ALIKE = {
    "booleans computed": "SELECT (BOUND(?u) AS ?b) (1 = 1 AS ?t) (isIRI(ltc:Cluster) AS ?i) "
                         "(?n IN (1, 2) AS ?in) WHERE { BIND(1 AS ?n) }",
    "booleans stored": "SELECT DISTINCT ?closed WHERE { GRAPH g:shapes { ?s sh:closed ?closed } }",
    "ask, yes": "ASK { ?c a ltc:Cluster }",
    "ask, no": "ASK { ?c a ltc:Nothing }",
    "group_concat of nothing": "SELECT ?c (GROUP_CONCAT(?x; SEPARATOR=', ') AS ?xs) WHERE { "
                               "?c a ltc:Cluster OPTIONAL { ?c ltc:nothing ?x } } GROUP BY ?c "
                               "ORDER BY ?c",
    "group_concat, default separator": 'SELECT (GROUP_CONCAT(?x) AS ?xs) WHERE { '
                                       'VALUES ?x { "a" } }',
    "language tag case": 'SELECT (LANG("x"@EN-GB) AS ?tag) ?c WHERE { '
                         '?c rdfs:label "Lombardy Intelligent Factory Association"@EN }',
    "blank nodes, one node in the default and the named graph": (
        "SELECT (COUNT(*) AS ?n) (SAMPLE(isBlank(?b)) AS ?blank) WHERE { "
        "?b ?p ?o FILTER(isBlank(?b)) GRAPH ?g { ?b ?p ?o } }"),
    "the default graph: the union of the sections, a set": "SELECT (COUNT(*) AS ?n) "
                                                           "WHERE { ?s ?p ?o }",
    "the named graphs: the dataset's, and only those": "SELECT ?g (COUNT(*) AS ?n) "
                                                      "WHERE { GRAPH ?g { ?s ?p ?o } } "
                                                      "GROUP BY ?g ORDER BY ?g",
    "FROM one graph, and so no named graph": f"SELECT (COUNT(*) AS ?n) (COUNT(?g) AS ?in) "
                                             f"FROM <{AFIL}> WHERE {{ ?s ?p ?o "
                                             f"OPTIONAL {{ GRAPH ?g {{ ?s ?p ?o }} }} }}",
    "FROM NAMED alone, and so an empty default graph": (
        f"SELECT (COUNT(*) AS ?n) FROM NAMED <{AFIL}> WHERE {{ ?s ?p ?o }}"),
}


@pytest.mark.parametrize("text", ALIKE.values(), ids=ALIKE.keys())
def test_virtuoso_answers_as_the_embedded_store(stores: dict[str, GraphStore],
                                                text: str) -> None:
    expected = answer(stores["memory"], text)
    assert expected.get("boolean") is not None or expected["results"]["bindings"]
    assert answer(stores["virtuoso"], text) == expected


def test_the_protocols_dataset_replaces_the_querys(stores: dict[str, GraphStore]) -> None:
    text = f"SELECT (COUNT(*) AS ?n) FROM <{GRAPH['agrifood']}> WHERE {{ ?s ?p ?o }}"
    counts = {name: answer(store, text, default=(AFIL,))["results"]["bindings"][0]["n"]
              for name, store in stores.items()}
    alone = answer(stores["memory"], f"SELECT (COUNT(*) AS ?n) FROM <{AFIL}> WHERE {{ ?s ?p ?o }}")
    assert counts["virtuoso"] == counts["memory"] == alone["results"]["bindings"][0]["n"]


def test_several_default_graphs_are_a_bag_on_virtuoso(stores: dict[str, GraphStore]) -> None:
    """The difference left visible: a statement two of several default graphs make is
    matched once per graph (SPARQL's merge counts it once)."""
    shared = answer(stores["memory"], """SELECT ?s ?p ?o ?g1 ?g2 WHERE {
        GRAPH ?g1 { ?s ?p ?o } GRAPH ?g2 { ?s ?p ?o } FILTER(isIRI(?s) && isIRI(?o)
        && STR(?g1) < STR(?g2) && ?g1 != g:ontology && ?g2 != g:ontology)
    } ORDER BY ?s ?p ?o ?g1 ?g2 LIMIT 1""")["results"]["bindings"][0]
    text = (f"SELECT (COUNT(*) AS ?n) WHERE {{ <{shared['s']['value']}> "
            f"<{shared['p']['value']}> <{shared['o']['value']}> }}")
    both = (shared["g1"]["value"], shared["g2"]["value"])
    counts = {name: answer(store, text, default=both)["results"]["bindings"][0]["n"]["value"]
              for name, store in stores.items()}
    assert counts == {"memory": "1", "virtuoso": "2"}


def test_the_store_keeps_its_own_graphs_out_of_the_dataset(
        stores: dict[str, GraphStore]) -> None:
    info = stores["virtuoso"].info
    assert info.sizes == stores["memory"].info.sizes
    assert DEFAULT_GRAPH not in info.graphs and DESCRIPTION_GRAPH not in info.graphs
    assert getattr(info, "default_graph", "") == DEFAULT_GRAPH


def cli(*args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "LTC_STORE_PASSWORD"}
    if password is not None:
        env["LTC_STORE_PASSWORD"] = password
    return subprocess.run([sys.executable, "-m", "ltc_graph.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A Virtuoso of its own, with low limits of its own (50 rows, 3 seconds), loaded with
    the ontology, the shapes and the vocabularies."""
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso"), max_rows=50, seconds=3) as server:
        server.load(ROOT, str(ROOT / "data" / "vocab"))
        yield server


def graphs_in(server: Virtuoso) -> set[str]:
    """Every graph the Virtuoso holds under the project's names, asked directly."""
    query = urllib.parse.urlencode({"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                                             "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/')) }"})
    request = urllib.request.Request(f"{server.query_url}?{query}",
                                     headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        rows = json.loads(response.read())["results"]["bindings"]
    return {row["g"]["value"] for row in rows}


def test_a_load_replaces_the_last_one_and_describes_its_dataset(
        small: Virtuoso, tmp_path: Path) -> None:
    first, second = tmp_path / "first.trig", tmp_path / "second.trig"
    for path, graph in ((first, "first"), (second, "second")):
        path.write_text(f"<{GRAPH[graph]}> {{ <https://w3id.org/ltc/id/x> "
                        f"<http://www.w3.org/2000/01/rdf-schema#label> \"{graph}\" . }}\n",
                        encoding="utf-8")
    for path in (first, second):
        done = cli("load", "--into", small.update_url, "--update", "--user", "dba", str(path),
                   password=small.password)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"Replaced the dataset at {small.update_url} in ")
    held = graphs_in(small)
    assert str(GRAPH["second"]) in held and str(GRAPH["first"]) not in held
    assert {DEFAULT_GRAPH, DESCRIPTION_GRAPH, str(GRAPH["ontology"])} <= held
    store = RemoteStore.connect(small.query_url)
    assert store.info.graphs == held - {DEFAULT_GRAPH, DESCRIPTION_GRAPH}
    labels = answer(store, "SELECT ?l WHERE { <https://w3id.org/ltc/id/x> rdfs:label ?l }")
    assert labels["results"]["bindings"] == [{"l": {"type": "literal", "value": "second"}}]


@pytest.mark.parametrize(("args", "password", "message"), [
    (["--update", "--user", "dba"], "wrong", "the store refused the dataset: HTTP 401"),
    (["--update", "--user", "dba"], None, "set the store's password in LTC_STORE_PASSWORD"),
    (["--update"], None, "the store refused the dataset: HTTP 401"),
])
def test_a_load_that_cannot_log_in_is_one_line_and_exit_2(
        small: Virtuoso, args: list[str], password: str | None, message: str) -> None:
    done = cli("load", "--into", small.update_url, *args, password=password)
    assert done.returncode == 2 and message in done.stderr, done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_update_and_user_are_for_a_url(tmp_path: Path) -> None:
    done = cli("load", "--into", str(tmp_path / "store"), "--update")
    assert done.returncode == 2 and "--update and --user are for an http(s) URL" in done.stderr


def test_an_answer_cut_at_virtuosos_row_limit_is_an_error(small: Virtuoso) -> None:
    store = RemoteStore.connect(small.query_url)
    service = service_on(store)
    few = answer(store, "SELECT ?s WHERE { ?s ?p ?o } LIMIT 49")
    assert len(few["results"]["bindings"]) == 49
    with pytest.raises(QueryFailed) as failed:
        service.answer(service.check(Query("SELECT ?s WHERE { ?s ?p ?o }")), "json")
    assert failed.value.status == 400
    assert "the SPARQL store cut the answer at 50 rows" in str(failed.value)


def test_a_query_past_virtuosos_time_limit_is_a_503(small: Virtuoso) -> None:
    """As a query past this server's own time limit: 503, to be tried again later."""
    service = service_on(RemoteStore.connect(small.query_url))
    with pytest.raises(QueryFailed) as failed:
        service.answer(service.check(Query(
            "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")), "json")
    assert failed.value.status == 503 and failed.value.retry_after
    assert "the query ran past the store's own time limit" in failed.value.message
