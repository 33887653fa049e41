"""One answer per question: every query worker names the data's blank nodes alike, so a query
gives the same rows in every format from every worker, and paging through them neither skips
nor repeats. Against a real server with the default two workers; every request is a new text,
so no answer comes from the cache."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from servers import fetch, running_server

RESULTS = "{http://www.w3.org/2005/sparql-results#}"
PAGE = ("SELECT ?s ?p ?o WHERE {{ ?s ?p ?o FILTER(isBlank(?s)) }} ORDER BY ?s ?p ?o{pad} "
        "LIMIT 5 OFFSET {offset}")


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with running_server() as url:  # two query workers, the default
        yield url


def json_rows(body: bytes) -> list[tuple[str, ...]]:
    answer = json.loads(body)
    return [tuple(b[v]["value"] for v in answer["head"]["vars"])
            for b in answer["results"]["bindings"]]


def xml_rows(body: bytes) -> list[tuple[str, ...]]:
    rows = []
    for result in ET.fromstring(body).iter(f"{RESULTS}result"):
        rows.append(tuple(binding[0].text or "" for binding in result))
    return rows


def ask(endpoint: str, query: str, accept: str) -> bytes:
    status, _, body = fetch(f"{endpoint}?{urlencode({'query': query})}", accept)
    assert status == 200, body
    return body


def test_twenty_uncached_pages_answer_alike_from_every_worker_and_format(endpoint: str) -> None:
    pages = []
    for offset in range(0, 100, 5):
        answers = [
            json_rows(ask(endpoint, PAGE.format(pad=" ", offset=offset),
                          "application/sparql-results+json")),
            xml_rows(ask(endpoint, PAGE.format(pad="  ", offset=offset),
                         "application/sparql-results+xml")),
            json_rows(ask(endpoint, PAGE.format(pad="   ", offset=offset),
                          "application/sparql-results+json")),
            xml_rows(ask(endpoint, PAGE.format(pad="    ", offset=offset),
                         "application/sparql-results+xml")),
        ]
        assert answers[0] and all(a == answers[0] for a in answers), offset
        pages.append(answers[0])
    rows = [row for page in pages for row in page]
    everything = PAGE.format(pad="", offset=0).replace(" LIMIT 5", " LIMIT 100")
    whole = json_rows(ask(endpoint, everything, "application/sparql-results+json"))
    assert rows == whole  # paging neither skips nor repeats
