"""Hostile input against the production configuration (gunicorn, gunicorn.conf.py) on loopback.

A canary server the test runs stands for the network the endpoint lives in: no query, graph
name or parameter may make the endpoint connect to it. Each attack must end in a clear 4xx, an
empty answer, a capped answer or a stop at the time limit, while the service keeps answering.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlencode

import pyoxigraph as ox
import pytest

from ltc_graph.queries.registry import Registry
from production import ROOT, production_server
from servers import oversized_post

TIME_LIMIT = 3
MAX_ROWS = 10_000  # the production default
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


class Canary:
    """A loopback TCP listener that counts every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/canary.ttl"
        self.hits = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.hits += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    watcher = Canary()
    yield watcher
    watcher.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with production_server(tmp_path_factory.mktemp("gunicorn"),
                           # one client sends every attack here: each is checked for its own
                           # answer, not for the per-client budgets (tests/web/test_budgets.py)
                           env={"LTC_QUERY_TIMEOUT": str(TIME_LIMIT),
                                "LTC_BUDGET_LOOPBACK": "false"}) as base:
        yield base


def call(url: str, method: str = "GET", body: bytes | None = None,
         headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def sparql(site: str, query: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    return call(f"{site}/sparql?" + urlencode({"query": query}), headers=headers)


def rows(body: bytes) -> list[dict]:
    return json.loads(body)["results"]["bindings"]


def total(site: str) -> int:
    status, _, body = sparql(site, COUNT_ALL + " # " + str(time.monotonic()))
    assert status == 200
    return int(rows(body)[0]["n"]["value"])


def assert_alive(site: str) -> None:
    started = time.monotonic()
    status, _, body = sparql(site, f"ASK {{}} # {started}")
    assert status == 200 and json.loads(body)["boolean"] is True
    assert time.monotonic() - started < 1


def assert_clear(status: int, body: bytes, expected: int = 400) -> None:
    assert status == expected, body
    text = body.decode()
    assert text.strip() and "Traceback" not in text and len(text) < 2000


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
    "LOAD <{url}>",
    "LOAD SILENT <{url}> INTO GRAPH <urn:x>",
])
def test_service_and_load_to_the_network_are_refused(site: str, canary: Canary,
                                                      template: str) -> None:
    status, _, body = sparql(site, template.format(url=canary.url))
    assert_clear(status, body)
    assert canary.hits == 0


@pytest.mark.parametrize("template", [
    "SELECT ?s FROM <{url}> WHERE {{ ?s ?p ?o }}",
    "SELECT ?s FROM NAMED <{url}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
    "SELECT ?s WHERE {{ GRAPH <{url}> {{ ?s ?p ?o }} }}",
])
def test_foreign_graphs_are_empty_and_never_fetched(site: str, canary: Canary,
                                                    template: str) -> None:
    status, _, body = sparql(site, template.format(url=canary.url))
    assert status == 200 and rows(body) == []
    status, _, body = call(f"{site}/sparql?" + urlencode({
        "query": "SELECT ?s WHERE { ?s ?p ?o }", "default-graph-uri": canary.url,
        "named-graph-uri": canary.url}))
    assert status == 200 and rows(body) == []
    assert canary.hits == 0


def test_file_graphs_read_nothing(site: str, tmp_path: Path) -> None:
    secret = tmp_path / "secret.ttl"
    secret.write_text("<urn:secret:s> <urn:secret:p> 'the secret' .\n")
    for query in (f"SELECT * FROM <{secret.as_uri()}> WHERE {{ ?s ?p ?o }}",
                  f"SELECT * WHERE {{ GRAPH <{secret.as_uri()}> {{ ?s ?p ?o }} }}",
                  "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"):
        status, _, body = sparql(site, query)
        assert status == 200 and rows(body) == [] and b"secret" not in body
    status, _, body = sparql(site, "ASK { ?s ?p 'the secret' }")
    assert json.loads(body)["boolean"] is False


UPDATES = [
    "INSERT DATA { <urn:x:s> <urn:x:p> <urn:x:o> }",
    "DELETE DATA { <https://w3id.org/ltc/id/cluster/afil> a "
    "<https://w3id.org/ltc/ontology#Cluster> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DELETE { ?s ?p ?o } INSERT { ?s ?p 'x' } WHERE { ?s ?p ?o }",
    "WITH <https://w3id.org/ltc/graph/afil> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "CLEAR ALL", "CLEAR DEFAULT", "DROP ALL", "DROP SILENT GRAPH <https://w3id.org/ltc/graph/afil>",
    "CREATE GRAPH <urn:x:g>",
    "COPY <https://w3id.org/ltc/graph/afil> TO <urn:x:g>",
    "MOVE <https://w3id.org/ltc/graph/afil> TO <urn:x:g>",
    "ADD <https://w3id.org/ltc/graph/afil> TO <urn:x:g>",
    "LOAD <file:///etc/passwd>",
]


def test_every_update_form_is_refused_and_the_data_is_unchanged(site: str) -> None:
    before = total(site)
    for update in UPDATES:
        for method, url, body, kind in (
            ("GET", f"{site}/sparql?" + urlencode({"query": update}), None, None),
            ("POST", f"{site}/sparql", urlencode({"update": update}).encode(),
             "application/x-www-form-urlencoded"),
            ("POST", f"{site}/sparql", update.encode(), "application/sparql-update"),
            ("POST", f"{site}/sparql", update.encode(), "application/sparql-query"),
        ):
            status, _, answer = call(url, method, body, {"Content-Type": kind} if kind else {})
            assert_clear(status, answer)
    assert total(site) == before


def test_a_50_mb_body_is_refused_fast(site: str) -> None:
    status, body, seconds = oversized_post(site, "/sparql", "application/sparql-query")
    assert status == 413 and b"too large" in body
    assert seconds < 2
    assert_alive(site)


@pytest.mark.parametrize(("request_args", "message"), [
    (("GET", "/sparql?query=SELECT%20*%20WHERE%20%7B%20%3Fs%20%FF%20%7D", None, None), "UTF-8"),
    (("POST", "/sparql", "ASK { ?s ?p 'caf\xe9' }".encode("latin-1"),
      "application/sparql-query"), "UTF-8"),
    (("POST", "/sparql", b"query=ASK%20%7B%7D%C3%28", "application/x-www-form-urlencoded"),
     "UTF-8"),
    (("GET", "/sparql?query=" + quote("SELECT * WHERE { ?s ?p ?o . FILTER( }"), None, None),
     "syntax error"),
    (("GET", "/sparql?query=" + quote("ASK { \x00 }"), None, None), "syntax error"),
    (("GET", "/queries/{with_params}?{param}=%FF", None, None), "UTF-8"),
])
def test_malformed_and_non_utf8_input_is_a_400_with_a_message(site: str, request_args: tuple,
                                                               message: str) -> None:
    method, path, body, kind = request_args
    query = next(q for q in Registry(ROOT / "queries") if q.params)
    path = path.format(with_params=query.name, param=query.params[0].name)
    status, _, answer = call(site + path, method, body, {"Content-Type": kind} if kind else {})
    assert_clear(status, answer)
    assert message in answer.decode()
    assert "\ufffd" not in answer.decode()


@pytest.mark.parametrize("query", [
    "SELECT * WHERE " + "{ " * 5000 + "}" * 5000,
    "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 5000 + "?o" + ")" * 5000 + ") }",
    "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 65 + "?o" + ")" * 65 + ") }",
    "SELECT * WHERE { " + "OPTIONAL { " * 2000 + "?s ?p ?o" + " }" * 2000 + " }",
])
def test_deep_nesting_is_a_400_and_the_server_lives(site: str, query: str) -> None:
    """Beyond 64 levels of brackets the query is refused before the engine parses it."""
    status, _, body = call(f"{site}/sparql", "POST", query.encode(),
                           {"Content-Type": "application/sparql-query"})
    assert_clear(status, body)
    assert_alive(site)


def _stopped_while_others_answer(site: str, query: str) -> None:
    outcome: dict[str, object] = {}

    def runaway() -> None:
        started = time.monotonic()
        outcome["status"], outcome["headers"], outcome["body"] = sparql(site, query)
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.5)
    assert_alive(site)
    thread.join(60)
    assert outcome["status"] == 503, outcome.get("body")
    assert outcome["headers"]["Retry-After"]  # type: ignore[index]
    assert b"time limit" in outcome["body"]  # type: ignore[operator]
    assert outcome["seconds"] < TIME_LIMIT + 5  # type: ignore[operator]


@pytest.mark.parametrize("query", [
    # a billion rows and more: four copies of the graph joined with nothing in common
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }",
    # a cyclic, unbounded property path over every link in both directions, from every node
    "SELECT (COUNT(*) AS ?n) WHERE { ?x (<urn:nothing>|!<urn:nothing>|^!<urn:nothing>)* ?y . "
    "?y ?p ?z }",
    # a regular expression that backtracks catastrophically in engines that backtrack
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . "
    "FILTER(REGEX(CONCAT(STR(?c), STR(?f), 'aaaaaaaaaaaaaaaaaaaaaaaaaaaa!'), '^(a+)+$')) }",
])
def test_runaway_queries_stop_at_the_limit_while_others_are_answered(site: str,
                                                                     query: str) -> None:
    _stopped_while_others_answer(site, query + f" # {time.monotonic()}")


def test_a_huge_limit_is_capped_and_says_so(site: str) -> None:
    status, headers, body = sparql(
        site, "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 200000")
    assert status == 200
    assert headers["X-Result-Truncated"] == "true"
    assert headers["X-Result-Count"] == str(MAX_ROWS) == headers["X-Result-Cap"]
    assert len(rows(body)) == MAX_ROWS


PAYLOADS = [
    "\" } ; DROP ALL ; #",
    "> } SERVICE <{canary}> { ?s ?p ?o } #",
    "<{canary}>",
    "' . ?s ?p ?o } UNION { SERVICE <{canary}> {} #",
    "https://w3id.org/ltc/id/cluster/afil> } ; INSERT DATA { <urn:x> <urn:y> <urn:z> } #",
    "cluster:afil\n} LOAD <{canary}> #",
    "\\u0022 } #",
]


def test_injection_in_every_canned_query_parameter_is_treated_as_data(site: str,
                                                                      canary: Canary) -> None:
    before = total(site)
    checked = 0
    for query in Registry(ROOT / "queries"):
        for param in query.params:
            for payload in PAYLOADS:
                value = payload.replace("{canary}", canary.url)
                url = f"{site}/queries/{query.name}?" + urlencode({param.name: value,
                                                                   "format": "json"})
                status, _, body = call(url)
                assert status in (200, 400), (query.name, param.name, body)
                if status == 200:  # the payload was a value: it matched nothing it named
                    assert b"urn:x" not in body
                else:
                    assert_clear(status, body)
                checked += 1
    params = sum(len(q.params) for q in Registry(ROOT / "queries"))
    assert params >= 1 and checked == params * len(PAYLOADS)
    assert canary.hits == 0
    assert total(site) == before


def test_nesting_within_the_limit_is_answered(site: str) -> None:
    query = "ASK { " + "{ " * 60 + "?s ?p ?o" + " }" * 60 + " }"
    status, _, body = call(f"{site}/sparql", "POST", query.encode(),
                           {"Content-Type": "application/sparql-query"})
    assert status == 200 and json.loads(body)["boolean"] is True


MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_markup_in_the_data_is_escaped_on_every_page(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    for folder in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(ROOT / folder, root / folder)
    target = root / "data" / "brochure" / "afil.trig"
    store = ox.Store()
    store.load(path=str(target), format=ox.RdfFormat.TRIG)
    label = '"' + MARKUP.replace('"', '\\"') + '"@en'
    store.update("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                 "DELETE { GRAPH ?g { ?c rdfs:label ?l } } "
                 f"INSERT {{ GRAPH ?g {{ ?c rdfs:label {label} }} }} WHERE {{ GRAPH ?g {{ "
                 "?c rdfs:label ?l FILTER(?c = <https://w3id.org/ltc/id/cluster/afil> "
                 "&& LANG(?l) = 'en') } }")
    target.write_bytes(store.dump(format=ox.RdfFormat.TRIG))
    with production_server(tmp_path, env={"LTC_HOME": str(root)}) as site:
        for path in ("/id/cluster/afil", "/id/cluster/", "/queries/clusters",
                     "/id/network/vanguard-initiative", "/validation"):
            status, headers, body = call(site + path, headers={"Accept": "text/html"})
            assert status == 200, path
            page = body.decode()
            assert MARKUP not in page and "<script>alert" not in page, path
            assert "default-src 'self'" in headers["Content-Security-Policy"]
            assert headers["X-Content-Type-Options"] == "nosniff"
            assert headers["Referrer-Policy"] == "no-referrer"
        status, _, body = call(site + "/id/cluster/afil", headers={"Accept": "text/html"})
        assert "&lt;script&gt;alert(" in body.decode()


def test_rdflib_never_loads_a_graph_a_query_names() -> None:
    """Validation may run pySHACL, whose SPARQL goes through rdflib: FROM must not fetch."""
    import rdflib.plugins.sparql

    import ltc_graph.validation.validate  # noqa: F401  (it sets the switch when imported)

    assert rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS is False
