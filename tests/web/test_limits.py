"""The limits of the Guarantees table that no other suite reaches: memory per query worker,
bytes per answer and the wait for a free worker, each on a real server on loopback."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode

from servers import fetch, running_server

# Sorting a cross join keeps every row in memory: far more than a 1 GB worker may hold.
HUNGRY = ("SELECT ?c ?f ?i WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i "
          "FILTER(?g = <https://w3id.org/ltc/id/cluster/afil>) } ORDER BY ?c ?f ?i LIMIT 1")
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def ask(url: str, query: str) -> tuple[int, dict[str, str], bytes]:
    target = url + "?" + urlencode({"query": query})
    try:
        with urllib.request.urlopen(target, timeout=120) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def test_a_query_over_the_worker_memory_limit_is_a_503_and_the_worker_replaced() -> None:
    with running_server("--timeout", "60", env={"LTC_WORKER_MEMORY": str(10**9)}) as url:
        started = time.monotonic()
        status, headers, body = ask(url, HUNGRY)
        assert status == 503 and headers["Retry-After"]
        assert b"out of memory" in body
        assert time.monotonic() - started < 30  # the limit stopped it, not the time limit
        assert json.loads(ask(url, "ASK { ?s ?p ?o } # again")[2])["boolean"] is True


def test_an_answer_over_the_byte_limit_is_cut_and_says_so() -> None:
    with running_server(env={"LTC_MAX_RESULT_BYTES": "20000"}) as url:
        status, headers, body = ask(url, "SELECT * WHERE { ?s ?p ?o }")
        assert status == 200 and headers["X-Result-Truncated"] == "true"
        assert len(body) <= 20000
        document = json.loads(body)
        assert 0 < len(document["results"]["bindings"]) == int(headers["X-Result-Count"])
        assert any("capped" in link for link in document["head"]["link"])
        for accept in ("application/rdf+xml", "application/ld+json", "application/n-triples"):
            request = urllib.request.Request(
                url + "?" + urlencode({"query": "CONSTRUCT WHERE { ?s ?p ?o }"}),
                headers={"Accept": accept})
            with urllib.request.urlopen(request, timeout=60) as response:
                assert response.headers["X-Result-Truncated"] == "true"
                assert 0 < len(response.read()) <= 20000


def test_with_every_worker_busy_a_request_waits_briefly_then_gets_503() -> None:
    with running_server("--timeout", "8", "--workers", "1",
                        env={"LTC_QUERY_WAIT": "0.5"}) as url:
        thread = threading.Thread(target=ask, args=(url, RUNAWAY))
        thread.start()
        time.sleep(1)
        started = time.monotonic()
        status, headers, body = ask(url, "SELECT * WHERE { ?s ?p ?o } LIMIT 1 # uncached")
        assert status == 503 and headers["Retry-After"]
        assert b"busy" in body
        assert time.monotonic() - started < 3
        thread.join(60)


def test_a_page_seen_before_is_answered_from_the_cache_while_every_worker_is_busy() -> None:
    with running_server("--timeout", "8", "--workers", "1",
                        env={"LTC_QUERY_WAIT": "0.5"}) as url:
        site = url.rsplit("/sparql", 1)[0]
        status, _, seen = fetch(f"{site}/id/cluster/afil", "text/html")
        assert status == 200
        thread = threading.Thread(target=ask, args=(url, RUNAWAY))
        thread.start()
        time.sleep(1)
        status, _, again = fetch(f"{site}/id/cluster/afil", "text/html")
        assert status == 200 and again == seen
        assert fetch(f"{site}/id/cluster/aerospace", "text/html")[0] == 503  # never seen
        thread.join(60)
