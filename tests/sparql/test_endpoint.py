"""The SPARQL endpoint over HTTP on loopback: formats, negotiation, errors, caching, limits."""

from __future__ import annotations

import csv
import gzip
import io
import json
import threading
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef

from backends import Backend
from servers import running_server

CLUSTERS = "SELECT ?c WHERE { ?c a <https://w3id.org/ltc/ontology#Cluster> } ORDER BY ?c"
AFIL = "https://w3id.org/ltc/id/cluster/afil"
SR = "{http://www.w3.org/2005/sparql-results#}"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def url(backend: Backend) -> Iterator[str]:
    with running_server("--timeout", "3", *backend.serve_args(),
                        env={"LTC_MAX_ROWS": "200"}) as endpoint:
        yield endpoint


def call(url: str, method: str = "GET", params: dict | list | None = None,
         body: bytes | None = None, headers: dict[str, str] | None = None,
         ) -> tuple[int, dict[str, str], bytes]:
    target = url + ("?" + urlencode(params, doseq=True) if params else "")
    request = urllib.request.Request(target, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def clusters_in(body: bytes) -> list[str]:
    return [b["c"]["value"] for b in json.loads(body)["results"]["bindings"]]


def test_select_as_json_by_default(url: str) -> None:
    status, headers, body = call(url, params={"query": CLUSTERS})
    assert status == 200
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    assert len(clusters_in(body)) == 9 and AFIL in clusters_in(body)
    assert headers["X-Result-Count"] == "9"


@pytest.mark.parametrize(("accept", "media"), [
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.4, application/sparql-results+xml;q=0.9", "application/sparql-results+xml"),
    ("*/*", "application/sparql-results+json"),
])
def test_select_in_every_results_format(url: str, accept: str, media: str) -> None:
    status, headers, body = call(url, params={"query": CLUSTERS}, headers={"Accept": accept})
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    text = body.decode()
    if media.endswith("xml"):
        uris = [e.text for e in ET.fromstring(body).iter(SR + "uri")]
    elif media == "text/csv":
        uris = [row[0] for row in csv.reader(io.StringIO(text))][1:]
    elif media == "text/tab-separated-values":
        uris = [line.strip("<>") for line in text.splitlines()[1:]]
    else:
        uris = clusters_in(body)
    assert len(uris) == 9 and AFIL in uris


OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
              "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML,
              "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}


def count_of(url: str, pattern: str) -> int:
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}"
    return int(json.loads(call(url, params={"query": query})[2])["results"]["bindings"][0]["n"][
        "value"])


@pytest.mark.parametrize("fmt", list(OX_FORMATS))
def test_construct_in_every_rdf_format(url: str, fmt: str, afil: int) -> None:
    query = f"CONSTRUCT {{ <{AFIL}> ?p ?o }} WHERE {{ <{AFIL}> ?p ?o }}"
    status, _, body = call(url, params={"query": query, "format": fmt})
    assert status == 200
    triples = {(q.subject, q.predicate, q.object) for q in ox.parse(body, format=OX_FORMATS[fmt])}
    assert len(triples) == count_of(url, f"<{AFIL}> ?p ?o") == afil


def test_describe_answers_rdf(url: str) -> None:
    status, headers, body = call(url, params={"query": f"DESCRIBE <{AFIL}>"},
                                 headers={"Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(Graph().parse(data=body, format="turtle")) >= count_of(url, f"<{AFIL}> ?p ?o")


def test_ask_in_json_and_xml(url: str) -> None:
    query = f"ASK {{ <{AFIL}> a ?t }}"
    assert json.loads(call(url, params={"query": query})[2])["boolean"] is True
    xml = call(url, params={"query": query}, headers={"Accept": "application/sparql-results+xml"})
    assert ET.fromstring(xml[2]).find(SR + "boolean").text == "true"


def test_post_form_and_post_direct_give_the_same_answer(url: str) -> None:
    form = call(url, "POST", body=urlencode({"query": CLUSTERS}).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded"})
    direct = call(url, "POST", body=CLUSTERS.encode(),
                  headers={"Content-Type": "application/sparql-query"})
    assert form[0] == direct[0] == 200
    assert clusters_in(form[2]) == clusters_in(direct[2])


def test_default_graph_uri_restricts_the_default_graph(url: str) -> None:
    def n(params: dict[str, str]) -> int:
        return int(json.loads(call(url, params=params)[2])["results"]["bindings"][0]["n"]["value"])

    pnrr = "https://w3id.org/ltc/graph/pnrr"
    in_graph = n({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{pnrr}> {{ ?s ?p ?o }} }}"})
    everything = n({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
    assert 200 < in_graph < everything
    assert n({"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
              "default-graph-uri": pnrr}) == in_graph
    assert n({"query": f"SELECT (COUNT(*) AS ?n) FROM <{pnrr}> WHERE {{ ?s ?p ?o }}"}) \
        == in_graph


@pytest.mark.parametrize(("method", "params", "body", "headers", "status", "message"), [
    ("GET", {"query": "SELECT *\nWHERE { ?s ?p }"}, None, {}, 400, "line 2, column"),
    ("GET", [("query", "ASK {}"), ("query", "ASK {}")], None, {}, 400, "exactly one"),
    ("POST", None, b"update=DROP%20ALL", {"Content-Type": "application/x-www-form-urlencoded"},
     400, "read-only"),
    ("POST", None, b"DROP ALL", {"Content-Type": "application/sparql-update"}, 400, "read-only"),
    ("GET", {"query": "INSERT DATA { <a:b> <a:c> <a:d> }"}, None, {}, 400, "read-only"),
    ("GET", {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"}, None,
     {}, 400, "SERVICE is not allowed"),
    ("POST", None, b"ASK {}", {"Content-Type": "text/plain"}, 415, "Content-Type"),
    ("POST", None, b"ASK {}", {"Content-Type": "application/sparql-query; charset=latin1"}, 415,
     "UTF-8"),
    ("POST", None, b"query=ASK%20%7B%7D%FF", {"Content-Type": "application/x-www-form-urlencoded"},
     400, "UTF-8"),
    ("POST", None, b"", {"Content-Type": "application/x-www-form-urlencoded"}, 400,
     "missing query"),
    ("GET", {"query": "ASK {}"}, None, {"Accept": "image/png"}, 406, "no acceptable format"),
    ("PUT", None, b"ASK {}", {"Content-Type": "application/sparql-query"}, 405, "not allowed"),
    ("POST", None, b"ASK {" + b" " * 1_100_000 + b"}",
     {"Content-Type": "application/sparql-query"}, 413, "too large"),
])
def test_bad_requests_get_a_4xx_with_a_message(url: str, method: str, params, body, headers,
                                               status: int, message: str) -> None:
    got, _, answer = call(url, method, params, body, headers)
    assert got == status, answer
    assert message in answer.decode()
    assert "Traceback" not in answer.decode()


@pytest.mark.parametrize("params", [
    {"query": "SELECT ?s WHERE { ?s ?p ?o }", "default-graph-uri": "file:///etc/passwd"},
    {"query": "SELECT ?s FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"},
    {"query": "SELECT ?s FROM <http://127.0.0.1:1/data.ttl> WHERE { ?s ?p ?o }"},
])
def test_graphs_outside_the_dataset_are_empty_never_fetched(url: str, params: dict) -> None:
    status, _, body = call(url, params=params)
    assert status == 200
    assert json.loads(body)["results"]["bindings"] == []


def test_errors_are_json_for_clients_that_prefer_it(url: str) -> None:
    status, headers, body = call(url, params={"query": "SELECT"},
                                 headers={"Accept": "application/json"})
    assert status == 400 and headers["Content-Type"] == "application/json"
    error = json.loads(body)
    assert error["ok"] is False and error["status"] == 400 and "syntax error" in error["error"]


def test_head_options_and_cors(url: str) -> None:
    get = call(url, params={"query": CLUSTERS})
    head = call(url, "HEAD", params={"query": CLUSTERS})
    assert head[0] == 200 and head[2] == b""
    assert head[1]["Content-Type"] == get[1]["Content-Type"] and head[1]["ETag"] == get[1]["ETag"]
    options = call(url, "OPTIONS", headers={"Origin": "http://example.org",
                                            "Access-Control-Request-Method": "POST"})
    assert options[0] == 200
    assert options[1]["Access-Control-Allow-Origin"] == "*"
    assert "POST" in options[1]["Access-Control-Allow-Methods"]
    assert get[1]["Access-Control-Allow-Origin"] == "*"


def test_gzip_etag_last_modified_and_304(url: str) -> None:
    big = "SELECT ?s WHERE { ?s a ?t } ORDER BY ?s LIMIT 100"
    status, headers, body = call(url, params={"query": big}, headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert len(json.loads(gzip.decompress(body))["results"]["bindings"]) == 100
    status, headers, body = call(url, params={"query": CLUSTERS})
    assert "Last-Modified" in headers and "max-age" in headers["Cache-Control"]
    again = call(url, params={"query": CLUSTERS}, headers={"If-None-Match": headers["ETag"]})
    assert again[0] == 304 and again[2] == b""
    plain = call(url, params={"query": CLUSTERS})
    assert call(url, params={"query": CLUSTERS},
                headers={"If-None-Match": plain[1]["ETag"]})[0] == 304


def test_repeated_queries_are_answered_from_the_cache_without_mixing_answers(url: str) -> None:
    query = CLUSTERS + " # cache test"
    first = call(url, params={"query": query})
    again = call(url, params={"query": query})
    assert first[1]["X-Cache"] == "MISS" and again[1]["X-Cache"] == "HIT"
    assert again[2] == first[2] and again[1]["X-Result-Count"] == "9"
    as_csv = call(url, params={"query": query}, headers={"Accept": "text/csv"})
    assert as_csv[1]["X-Cache"] == "MISS" and as_csv[2].startswith(b"c\r\n")
    posted = call(url, "POST", body=query.encode(),
                  headers={"Content-Type": "application/sparql-query"})
    assert posted[1]["X-Cache"] == "HIT" and posted[2] == first[2]


def test_results_are_capped_and_say_so(url: str) -> None:
    status, headers, body = call(url, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert status == 200
    assert headers["X-Result-Truncated"] == "true" and headers["X-Result-Count"] == "200"
    document = json.loads(body)
    assert len(document["results"]["bindings"]) == 200
    assert document["head"]["link"] == ["urn:ltc:result-capped:200-rows"]


def test_service_description_for_machines_and_editor_for_browsers(url: str) -> None:
    status, _, body = call(url, headers={"Accept": "text/turtle"})
    assert status == 200
    graph = Graph().parse(data=body, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    assert {str(o) for o in graph.objects(None, URIRef(sd + "endpoint"))} == {url}
    assert len(set(graph.objects(None, URIRef(sd + "namedGraph")))) >= 20
    page = call(url, headers={"Accept": "text/html,application/xhtml+xml"})
    assert page[0] == 200 and page[1]["Content-Type"].startswith("text/html")
    assert b"<form" in page[2]


def test_a_runaway_query_is_stopped_while_others_are_answered(url: str) -> None:
    outcome: dict[str, object] = {}

    def runaway() -> None:
        started = time.monotonic()
        outcome["status"], outcome["headers"], outcome["body"] = call(
            url, params={"query": RUNAWAY})
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=runaway)
    thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    status, _, body = call(url, params={"query": CLUSTERS + " LIMIT 3"})
    assert status == 200 and len(clusters_in(body)) == 3
    assert time.monotonic() - started < 2
    thread.join(30)
    assert outcome["status"] == 503
    assert outcome["headers"]["Retry-After"]
    assert b"time limit" in outcome["body"]
    assert outcome["seconds"] < 10
    time.sleep(3)
    assert call(url, params={"query": CLUSTERS})[0] == 200


def test_browsers_get_the_query_editor_at_the_endpoint(url: str) -> None:
    status, headers, body = call(url, headers={"Accept": "text/html"})
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b'id="yasgui"' in body and b"data-canned=" in body
    assert "default-src 'self'" in headers["Content-Security-Policy"]
