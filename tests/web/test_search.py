"""`/search` in the app: the page of hits grouped by kind, the form without a query, and the
same hits as JSON for programs in a documented shape."""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask import Flask
from flask.testing import FlaskClient

from ltc_graph.queries.search import index_of
from ltc_graph.web.state import state

ID = "https://w3id.org/ltc/id/"
FIELDS = {"iri", "path", "label", "lang", "matched", "kind", "kindLabel"}


def page(client: FlaskClient, path: str) -> str:
    response = client.get(path, headers={"Accept": "text/html"})
    assert (response.status_code, response.mimetype) == (200, "text/html"), path
    return response.get_data(as_text=True)


def results(client: FlaskClient, query: str, **more: str) -> list[dict]:
    response = client.get("/search", query_string={"q": query, "format": "json", **more})
    assert (response.status_code, response.mimetype) == (200, "application/json")
    body = response.get_json()
    assert set(body) == {"query", "results"} and body["query"] == query
    return body["results"]


def test_the_json_shape_for_programs(client: FlaskClient) -> None:
    found = results(client, "afil")
    assert all(set(r) == FIELDS for r in found)
    assert found[0] == {"iri": ID + "cluster/afil", "path": "/id/cluster/afil",
                        "label": "Lombardy Intelligent Factory Association", "lang": "en",
                        "matched": "AFIL", "kind": "cluster", "kindLabel": "Cluster"}
    assert [r["kind"] for r in found[1:3]] == ["site", "site"]


def test_accept_json_gives_what_format_json_gives(client: FlaskClient) -> None:
    asked = client.get("/search?q=Fryslan", headers={"Accept": "application/json"})
    assert asked.mimetype == "application/json"
    assert asked.get_json()["results"] == results(client, "Fryslan") == [
        {"iri": ID + "place/fryslan", "path": "/id/place/fryslan", "label": "Fryslân",
         "lang": "en", "matched": "Fryslân", "kind": "place", "kindLabel": "Place"}]
    assert "Accept" in asked.headers["Vary"]
    browser = client.get("/search?q=Fryslan", headers={"Accept": "text/html,*/*;q=0.8"})
    assert browser.mimetype == "text/html"


def test_labels_and_kinds_in_the_language_asked(client: FlaskClient) -> None:
    found = results(client, "milan", lang="it")
    assert found[0] == {"iri": ID + "place/milano", "path": "/id/place/milano",
                        "label": "Milano", "lang": "it", "matched": "Milan", "kind": "place",
                        "kindLabel": "Luogo"}
    english = results(client, "milan", lang="en")
    assert (english[0]["label"], english[0]["lang"]) == ("Milan", "en")
    assert [r["iri"] for r in english] == [r["iri"] for r in found]


def test_fifty_results_unless_a_limit_up_to_200_is_asked(client: FlaskClient) -> None:
    everything = results(client, "a", limit="200")
    assert len(everything) == 200
    assert results(client, "a") == everything[:50]
    assert results(client, "a", limit="7") == everything[:7]
    assert results(client, "a", limit="5000") == everything
    for wrong in ("many", "1.5"):
        response = client.get(f"/search?q=a&format=json&limit={wrong}")
        assert response.status_code == 400
    assert client.get("/search?q=a&format=xml").status_code == 400


def test_without_a_query_the_form_and_example_searches(client: FlaskClient) -> None:
    html = page(client, "/search")
    assert '<form class="search-form" role="search" method="get" action="/search">' in html
    assert '<input id="search-q" name="q" type="search" required>' in html
    examples = re.findall(r'<li><a href="/search\?q=([^"]+)">', html)
    assert examples == ["AFIL", "aero", "Fryslan", "Vanguard", "M2C1", "idrogeno", "Milano"]
    for example in examples:
        assert results(client, example), example  # every example finds something
    assert client.get("/search?format=json").get_json() == {"query": "", "results": []}
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    assert page(client, "/search?q=").split("<main", 1)[1].split("</main>", 1)[0] == main


def test_hits_grouped_by_kind_in_the_order_of_their_best_hit(client: FlaskClient) -> None:
    html = page(client, "/search?q=aerospace&lang=en")
    groups = re.findall(r'<h2 id="found-([a-z]+)">([^<]+) <span class="count">\((\d+)\)', html)
    assert groups == [("cluster", "Clusters", "1"), ("area", "Technology areas", "1"),
                      ("event", "Events", "1"), ("network", "Networks", "1"),
                      ("membership", "Network memberships", "1"),
                      ("section", "Source sections", "1")]
    kinds = [r["kind"] for r in results(client, "aerospace")]
    assert [g[0] for g in groups] == list(dict.fromkeys(kinds))
    assert "6 resources match “aerospace”" in html


def test_a_hit_shows_the_name_that_matched_when_it_is_another(client: FlaskClient) -> None:
    html = page(client, "/search?q=le2c&lang=en")
    first = html.split('<ul class="hits">', 1)[1].split("</li>", 1)[0]
    assert '<a href="/id/cluster/energy">Lombardy Energy Cleantech Cluster</a>' in first
    assert '<span class="kind">Technology cluster</span>' in first
    assert '<span class="matched">Acronym: <q>LE2C</q></span>' in first
    italian = page(client, "/search?q=milan&lang=it")
    milano = italian.split('<ul class="hits">', 1)[1].split("</li>", 1)[0]
    assert '<a href="/id/place/milano">Milano</a>' in milano
    assert '<span class="kind">Città</span>' in milano
    assert '<q lang="en">Milan</q>' in milano
    assert '<a href="/id/place/province-of-milan" lang="en">Province of Milan</a>' in italian


def test_the_search_box_keeps_the_query_and_escapes_it(client: FlaskClient) -> None:
    html = page(client, "/search?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert "<script>alert" not in html
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert "0 resources match “&lt;script&gt;alert(1)&lt;/script&gt;”" in html
    assert 'value="Fryslan"' in page(client, "/search?q=Fryslan")


@pytest.mark.parametrize("typed", ["Fryslan", "fryslân"])
def test_fryslan_on_the_page(client: FlaskClient, typed: str) -> None:
    html = page(client, f"/search?q={typed}&lang=en")
    links = re.findall(r'<ul class="hits">\s*<li><a href="([^"]+)"[^>]*>([^<]+)</a>', html)
    assert [(path, unescape(text)) for path, text in links] == [("/id/place/fryslan",
                                                                 "Fryslân")]


def test_more_than_the_limit_says_so_and_links_to_more(app: Flask, client: FlaskClient) -> None:
    total = len(index_of(state(app).service, state(app).info.version).search("a"))
    assert total > 200
    html = page(client, "/search?q=a&lang=en")
    assert f"{total} resources match “a” · the first 50 are shown" in html
    assert '<a href="/search?q=a&amp;limit=200">show up to 200</a>' in html
    assert len(re.findall(r'<ul class="hits">', html)) >= 2
    lists = re.findall(r'<ul class="hits">(.*?)</ul>', html, flags=re.S)
    assert sum(len(re.findall(r"<li><a href=", hits)) for hits in lists) == 50 < total
