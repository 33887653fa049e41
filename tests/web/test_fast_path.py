"""A plain `GET /sparql` is answered before Flask (fast_path.py `FastPath`): it must send
what the Flask view sends for the same request, byte for byte and header for header. A
conditional request always goes through Flask, so the same query asked with an ETag the
server never gave is the Flask view's answer to compare with."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
from flask import Flask
from flask.testing import FlaskClient

from ltc_graph.web.app import create_app
from ltc_graph.web.state import state

VARYING = {"X-Request-Id", "Date"}  # one per request


@pytest.fixture(scope="module")
def app() -> Iterator[Flask]:
    application = create_app({"QUERY_WORKERS": 1, "RESULT_CACHE_BYTES": 0,
                              "BUDGET_LOOPBACK": True, "CLIENT_ERRORS": 0})
    yield application
    state(application).close()


def both(client: FlaskClient, params: dict[str, str], **headers: str
         ) -> tuple[tuple[int, dict[str, str], bytes], tuple[int, dict[str, str], bytes]]:
    url = "/sparql?" + urlencode(params)
    fast = client.get(url, headers=headers)
    flask = client.get(url, headers={**headers, "If-None-Match": '"never-given"'})
    return tuple((r.status_code, {k: v for k, v in r.headers.items() if k not in VARYING},
                  r.get_data()) for r in (fast, flask))  # type: ignore[return-value]


@pytest.mark.parametrize(("params", "headers"), [
    ({"query": "ASK { ?s a ltc:Cluster }"}, {"Accept": "application/sparql-results+json"}),
    ({"query": "SELECT ?c ?l WHERE { ?c a ltc:Cluster ; rdfs:label ?l } ORDER BY ?c ?l"},
     {"Accept": "text/csv", "Accept-Encoding": "gzip"}),
    ({"query": "SELECT ?c WHERE { ?c a ltc:Cluster } ORDER BY ?c", "format": "xml"}, {}),
    ({"query": "CONSTRUCT WHERE { ?c a ltc:Cluster }"}, {"Accept": "text/turtle"}),
    ({"query": "SELEC ?x"}, {"Accept": "application/json"}),  # the engine's 400
    ({"query": "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }"}, {}),  # refused: 400
    ({"query": "ASK {}"}, {"Accept": "image/png"}),  # 406
])
def test_the_fast_path_answers_as_the_flask_view(app: Flask, params: dict[str, str],
                                                 headers: dict[str, str]) -> None:
    fast, flask = both(app.test_client(), params, **headers)
    assert fast == flask


def test_the_fast_path_counts_charges_and_logs_as_the_flask_view(
        app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    client = app.test_client()
    with caplog.at_level(logging.INFO, logger="ltc_graph.access"):
        both(client, {"query": "ASK { FILTER(1 > 0) }"})
    fast, flask = (json.loads(r.getMessage()) for r in caplog.records
                   if r.name == "ltc_graph.access")
    for line in (fast, flask):
        for varying in ("time", "request_id", "duration_ms", "worker_ms"):
            line.pop(varying, None)
    assert fast == flask == {"method": "GET", "path": "/sparql", "status": 200, "bytes": 29,
                             "client": "127.0.0.1", "query_sha256": "7d33966e06cc"}
