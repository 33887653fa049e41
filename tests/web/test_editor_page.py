"""The query editor's page and routes, without a browser: the text `/sparql?canned=NAME`
opens (its parameters bound to the URL's values, else to the defaults or examples of the
query's header), the examples' texts (each gives the rows of its canned query's URL with
the same values), the words the script gets in each language, and /sparql/places.json."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from ltc_graph.queries.registry import Registry

HTML = {"Accept": "text/html"}
JSON = {"Accept": "application/sparql-results+json"}
BASE = "https://w3id.org/ltc"
QUERIES = Registry(Path(__file__).resolve().parents[2] / "queries")


def config(client: FlaskClient, path: str) -> dict:
    response = client.get(path, headers=HTML)
    assert response.status_code == 200, response.get_data(as_text=True)
    block = re.search(r'<script type="application/json" id="editor-config">(.*?)</script>',
                      response.get_data(as_text=True), re.S)
    assert block, "the page carries the editor's configuration"
    return json.loads(unescape(block.group(1)))


def rows(answer: dict) -> list[dict[str, str]]:
    return [{k: v["value"] for k, v in b.items()} for b in answer["results"]["bindings"]]


def test_a_canned_query_opens_with_the_urls_values(client: FlaskClient) -> None:
    opened = config(client, "/sparql?canned=where-is-it-stated&resource=project:plastix")
    assert opened["fromUrl"] is True
    assert f"VALUES (?resource) {{ (<{BASE}/id/project/plastix>) }}" in opened["query"]
    assert opened["query"].startswith("PREFIX ltc: <https://w3id.org/ltc/ontology#>\n")


def test_a_canned_query_without_values_opens_with_its_defaults(client: FlaskClient) -> None:
    opened = config(client, "/sparql?canned=where-is-it-stated")
    assert f"VALUES (?resource) {{ (<{BASE}/id/cluster/afil>) }}" in opened["query"]
    # a parameter without a default takes its example: the keyword search finds something
    search = config(client, "/sparql?canned=search&lang=it")["query"]
    assert 'VALUES (?keyword ?language) { ("hydrogen" "it") }' in search
    assert "# ?keyword: La parola da cercare" in search


@pytest.mark.parametrize("path, said", [
    ("/sparql?canned=no-such-query", "no canned query named 'no-such-query'"),
    ("/sparql?canned=events-by-year&year=later", "parameter 'year' must be a year"),
    ("/sparql?canned=clusters&colour=blue", "unknown parameter 'colour'"),
    ("/sparql?canned=clusters-in-network&network=not%20an%20iri",
     "parameter 'network' must be an IRI"),
])
def test_an_unknown_query_or_a_bad_value_is_a_400(client: FlaskClient, path: str,
                                                  said: str) -> None:
    response = client.get(path, headers=HTML)
    assert response.status_code == 400
    assert said in response.get_data(as_text=True)


def test_without_canned_the_editor_opens_the_default_query(client: FlaskClient) -> None:
    opened = config(client, "/sparql")
    assert opened["fromUrl"] is False
    assert "PREFIX ltc: <https://w3id.org/ltc/ontology#>" in opened["query"]
    assert "SELECT ?cluster ?name ?members WHERE" in opened["query"]
    assert opened["prefixes"]["cluster"] == f"{BASE}/id/cluster/"


@pytest.mark.parametrize("query", list(QUERIES), ids=lambda q: q.name)
def test_every_example_gives_the_rows_of_its_canned_query(client: FlaskClient,
                                                          query) -> None:
    """The example's text, run at /sparql, answers exactly what /queries/NAME answers with
    the same values: the defaults, else the examples, and the page's language."""
    text = config(client, "/sparql?lang=it")["examples"][query.name]
    values = {p.name: p.default or p.example for p in query.params if p.default or p.example}
    if "language" in values:
        values["language"] = "it"
    mine = client.post("/sparql", data={"query": text}, headers=JSON)
    assert mine.status_code == 200, mine.get_data(as_text=True)
    theirs = client.get(f"/queries/{query.name}", query_string={**values, "format": "json"})
    assert theirs.status_code == 200
    assert rows(mine.get_json()) == rows(theirs.get_json())
    assert len(rows(theirs.get_json())) > 0 or query.name == "source-conflicts"


def test_the_examples_that_draw_say_how(client: FlaskClient) -> None:
    examples = config(client, "/sparql")["examples"]
    assert examples["seat-cities"].startswith("#defaultView:Map\n")
    assert examples["events-by-year"].startswith("#defaultView:Timeline\n")
    assert examples["shared-memberships"].startswith("#defaultView:Graph\n")
    assert examples["members-by-cluster"].startswith("#defaultView:BarChart\n")


def test_the_scripts_words_are_in_the_pages_language(client: FlaskClient) -> None:
    english = config(client, "/sparql?lang=en")
    italian = config(client, "/sparql?lang=it")
    assert english["lang"] == "en" and italian["lang"] == "it"
    assert english["words"]["views"]["map"] == "Map"
    assert italian["words"]["views"]["map"] == "Mappa"
    assert italian["words"]["datatable"]["info"] == "Righe da _START_ a _END_ di _TOTAL_"
    assert italian["yasgui"]["texts"]["Simple view"] == "Vista semplice"
    assert italian["yasgui"]["patterns"][0]["text"] == "Il prefisso %(prefix)s non è dichiarato"


def test_the_examples_are_listed_in_the_pages_language(client: FlaskClient) -> None:
    page = client.get("/sparql?lang=it", headers=HTML).get_data(as_text=True)
    assert '<a href="/sparql?canned=where-is-it-stated" data-canned="where-is-it-stated">' \
           "Dove è scritto?</a>" in page
    assert page.count("data-canned=") == len(list(QUERIES))
    # the examples come after the editor, and the skip link goes straight to it
    assert page.index('id="yasgui"') < page.index('id="examples"')
    assert 'id="skip-editor" href="#query"' in page


def test_places_have_coordinates_from_the_gazetteer(client: FlaskClient) -> None:
    response = client.get("/sparql/places.json", query_string=[
        ("iri", f"{BASE}/id/place/berlin"), ("name", "Milano"), ("name", "Lombardia"),
        ("name", 'Mi"lano'), ("iri", "https://example.org/place/x"), ("lang", "it")])
    assert response.status_code == 200
    places = response.get_json()["places"]
    assert sorted(places) == sorted([f"{BASE}/id/place/berlin", "Lombardia", "Milano"])
    berlin = places[f"{BASE}/id/place/berlin"]
    assert (berlin["name"], berlin["href"]) == ("Berlin", "/id/place/berlin")
    assert round(berlin["latitude"], 1) == 52.5 and round(berlin["longitude"], 1) == 13.4
    milano = places["Milano"]
    assert (milano["iri"], milano["name"]) == (f"{BASE}/id/place/milano", "Milano")
    assert round(milano["latitude"], 1) == 45.5
    # a region is a place without a point
    assert places["Lombardia"]["latitude"] is None
    assert places["Lombardia"]["href"] == "/id/place/lombardy"


def test_places_json_without_places_is_empty(client: FlaskClient) -> None:
    response = client.get("/sparql/places.json")
    assert response.status_code == 200 and response.get_json() == {"places": {}}
