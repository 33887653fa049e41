"""The read-only query tests of the W3C SPARQL 1.1 Protocol test suite, against a real server.

Each case mirrors one test of w3c/rdf-tests `sparql/sparql11/protocol/manifest.ttl` (same
name, request and expected outcome); the server runs on a dataset with the suite's three
graphs. The update tests of the suite do not apply: this endpoint is read-only, and the tests
check that it refuses updates instead. In `query_multiple_dataset` the manifest percent-encodes
the second `named-graph-uri` into the first one's value; the case below sends the two
parameters the test describes.
"""

from __future__ import annotations

import http.client
import json
import shutil
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from backends import Backend
from servers import ROOT, running_server

DATA = "http://kasei.us/2009/09/sparql/data/"
D0, D1, D2, D3 = (f"{DATA}data{i}.rdf" for i in range(4))


def q(value: str) -> str:
    return urllib.request.quote(value, safe="")


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory, backend: Backend) -> Iterator[str]:
    root = tmp_path_factory.mktemp("w3c-protocol")
    shutil.copytree(ROOT / "ontology", root / "ontology")
    (root / "data").mkdir()
    (root / "data" / "protocol.trig").write_text("".join(
        f"<{g}> {{ <{g}> a <http://xmlns.com/foaf/0.1/Document> . }}\n" for g in (D1, D2, D3)
    ), encoding="utf-8")
    with running_server(*backend.serve_args(root), env={"LTC_HOME": str(root)}) as endpoint:
        yield endpoint


def request(url: str, method: str, path: str, body: bytes | None,
            content_type: str | None) -> tuple[int, str, bytes]:
    """Send exactly the request of the test (http.client adds no Content-Type of its own)."""
    target = urlsplit(url)
    headers = {"Content-Type": content_type} if content_type else {}
    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
    try:
        connection.request(method, target.path + path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", ""), response.read()
    finally:
        connection.close()


def boolean(content_type: str, body: bytes) -> bool:
    if "json" in content_type:
        return json.loads(body)["boolean"]
    node = ET.fromstring(body).find("{http://www.w3.org/2005/sparql-results#}boolean")
    return node is not None and node.text == "true"


ASK_D1_D2 = f"ASK {{ <{D1}> a ?type . <{D2}> a ?type . }}"
ASK_G1_G2 = f"ASK {{ GRAPH ?g1 {{ <{D1}> a ?type }} GRAPH ?g2 {{ <{D2}> a ?type }} }}"
ASK_FULL = (f"ASK {{\n  <{D3}> a ?type\n  GRAPH ?g1 {{ <{D1}> a ?type }}\n"
            f"  GRAPH ?g2 {{ <{D2}> a ?type }}\n}}")
ASK_MULTI = (f"ASK FROM <{D3}> {{ GRAPH ?g1 {{ <{D1}> a ?type }} "
             f"GRAPH ?g2 {{ <{D2}> a ?type }} }}")
FORM = "application/x-www-form-urlencoded"
DIRECT = "application/sparql-query"

# name, method, path, body, content type, expected: True/False (boolean answer),
# "tabular", "RDF" (2xx with that kind of result) or 4 (any 4xx)
CASES = [
    ("query_post_form", "POST", f"?default-graph-uri={q(D0)}", b"query=ASK%20%7B%7D", FORM,
     True),
    ("query_dataset_default_graphs_get", "GET",
     f"?query={q(ASK_D1_D2)}&default-graph-uri={q(D1)}&default-graph-uri={q(D2)}", None, None,
     True),
    ("query_dataset_default_graphs_post", "POST",
     f"?default-graph-uri={q(D1)}&default-graph-uri={q(D2)}", ASK_D1_D2.encode(), DIRECT, True),
    ("query_dataset_named_graphs_post", "POST",
     f"?named-graph-uri={q(D1)}&named-graph-uri={q(D2)}", ASK_G1_G2.encode(), DIRECT, True),
    ("query_dataset_named_graphs_get", "GET",
     f"?query={q(ASK_G1_G2)}&named-graph-uri={q(D1)}&named-graph-uri={q(D2)}", None, None, True),
    ("query_dataset_full", "POST",
     f"?default-graph-uri={q(D3)}&named-graph-uri={q(D1)}&named-graph-uri={q(D2)}",
     ASK_FULL.encode(), DIRECT, True),
    ("query_multiple_dataset", "POST", f"?named-graph-uri={q(D1)}&named-graph-uri={q(D2)}",
     ASK_MULTI.encode(), DIRECT, True),
    ("query_get", "GET", f"?query=ASK%20%7B%7D&default-graph-uri={q(D0)}", None, None, True),
    ("query_content_type_select", "POST", f"?default-graph-uri={q(D0)}",
     b"SELECT (1 AS ?value) {}", DIRECT, "tabular"),
    ("query_content_type_ask", "POST", f"?default-graph-uri={q(D0)}", b"ASK {}", DIRECT, True),
    ("query_content_type_describe", "POST", f"?default-graph-uri={q(D0)}",
     b"DESCRIBE <http://example.org/>", DIRECT, "RDF"),
    ("query_content_type_construct", "POST", f"?default-graph-uri={q(D0)}",
     b"CONSTRUCT { <s> <p> 1 } WHERE {}", DIRECT, "RDF"),
    ("query_post_direct", "POST", "", b"ASK {}", DIRECT, True),
    ("bad_query_method", "PUT", f"?query=ASK%20%7B%7D&default-graph-uri={q(D0)}", b"", FORM, 4),
    ("bad_multiple_queries", "GET", "?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D", None,
     None, 4),
    ("bad_query_wrong_media_type", "POST", "", b"ASK {}", "text/plain", 4),
    ("bad_query_missing_form_type", "POST", "", b"query=ASK%20%7B%7D", None, 4),
    ("bad_query_missing_direct_type", "POST", "", b"ASK {}", None, 4),
    ("bad_query_non_utf8", "POST", "", "ASK {}".encode("utf-16"), f"{DIRECT}; charset=UTF-16",
     4),
    ("bad_query_syntax", "GET", "?query=ASK%20%7B", None, None, 4),
    ("bad_update_get (refused: read-only)", "GET", "?update=CLEAR%20ALL", None, None, 4),
    ("update_post_form (refused: read-only)", "POST", "", b"update=CLEAR+ALL", FORM, 4),
    ("update_post_direct (refused: read-only)", "POST", "", b"CLEAR ALL",
     "application/sparql-update", 4),
]


@pytest.mark.parametrize(("method", "path", "body", "content_type", "expected"),
                         [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_protocol(url: str, method: str, path: str, body: bytes | None,
                  content_type: str | None, expected: object) -> None:
    status, media, answer = request(url, method, path, body, content_type)
    if expected == 4:
        assert 400 <= status < 500, (status, answer)
        return
    assert 200 <= status < 400, answer
    if expected == "tabular":
        assert media.split(";")[0] in {"application/sparql-results+json",
                                       "application/sparql-results+xml", "text/csv",
                                       "text/tab-separated-values"}
    elif expected == "RDF":
        assert media.split(";")[0] in {"text/turtle", "application/rdf+xml",
                                       "application/n-triples", "application/ld+json"}
    else:
        assert boolean(media, answer) is expected


def test_updates_changed_nothing(url: str) -> None:
    status, media, answer = request(url, "GET", f"?query={q(ASK_G1_G2)}", None, None)
    assert status == 200 and boolean(media, answer) is True
