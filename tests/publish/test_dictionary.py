"""The data dictionary covers every class, property and controlled value the data uses, says
what each means in English and Italian, and is the same in docs/, on the command line and on
the site."""

from __future__ import annotations

import io
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

from backends import service_on
from ltc_graph.cli import main
from ltc_graph.namespaces import GRAPH, ID, PREFIXES
from ltc_graph.publish.dictionary import Dictionary, build, undocumented
from ltc_graph.rdf.files import Layout
from ltc_graph.sparql.service import QueryService
from ltc_graph.store.local import LocalStore

ROOT = Path(__file__).resolve().parents[2]
USED = """SELECT DISTINCT ?class ?p WHERE {
  GRAPH ?g { ?s ?p ?o } FILTER(?g != g:ontology && ?g != g:shapes) ?s a ?class }"""


@pytest.fixture(scope="module")
def dictionary(service: QueryService) -> Dictionary:
    return build(lambda text: service.rows(text, predeclared=True))


def test_docs_hold_the_dictionary_of_the_current_data() -> None:
    out = io.StringIO()
    assert main(["dictionary"], out=out) == 0
    shown = (ROOT / "docs" / "dictionary.md").read_text(encoding="utf-8")
    assert shown == out.getvalue(), "regenerate it: .venv/bin/ltc-graph dictionary > " \
        "docs/dictionary.md"


def test_every_class_and_property_of_the_data_is_in_the_dictionary(
        dictionary: Dictionary, service: QueryService) -> None:
    used = {(row["class"], row["p"]) for row in service.rows(USED, predeclared=True)}
    listed = {(entry.term.iri, use.term.iri) for entry in dictionary.entries
              for use in entry.uses}
    assert listed == used and len(used) > 150


def test_every_term_and_controlled_value_is_documented_in_both_languages(
        dictionary: Dictionary) -> None:
    assert undocumented(dictionary) == []


def test_a_property_the_ontology_does_not_document_is_reported() -> None:
    store = LocalStore.from_layout(Layout.of(ROOT))
    afil = ox.NamedNode(ID["cluster/afil"])
    store.store.add(ox.Quad(afil, ox.NamedNode("http://example.org/undocumented"),
                            ox.Literal("x"), ox.NamedNode(GRAPH["afil"])))
    service = service_on(store)
    found = undocumented(build(lambda text: service.rows(text, predeclared=True)))
    assert found == ["<http://example.org/undocumented>: no en label",
                     "<http://example.org/undocumented>: no en definition",
                     "<http://example.org/undocumented>: no it label",
                     "<http://example.org/undocumented>: no it definition"]


def test_the_model_s_own_schemes_list_their_values_with_both_labels(
        dictionary: Dictionary, service: QueryService) -> None:
    for scheme in ("project-statuses", "member-categories", "site-types"):
        iri = PREFIXES["vocab"] + scheme
        values = dictionary.schemes[iri]
        concepts = {row["c"] for row in service.rows(
            f"SELECT ?c WHERE {{ ?c skos:inScheme <{iri}> }}", predeclared=True)}
        assert {v.iri for v in values} == concepts and concepts
        assert all(v.labels.get("en") and v.labels.get("it") for v in values)


def test_approximate_figures_and_dates_say_how_to_read_them(dictionary: Dictionary) -> None:
    terms = dictionary.terms
    assert "sums of exact counts leave it out" in terms[PREFIXES["schema"] + "maxValue"] \
        .definition("en")
    for date in ("startDate", "endDate"):
        assert "xsd:gYear" in terms[PREFIXES["schema"] + date].definition("en")
    assert "unit" in terms[PREFIXES["schema"] + "unitText"].label("en")


def test_the_site_shows_the_dictionary_in_italian(client: FlaskClient) -> None:
    page = client.get("/dictionary?lang=it", headers={"Accept": "text/html"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Dizionario dei dati" in text and "<strong><span>sede</span></strong>" in text
    assert 'href="/ontology#Cluster"' in text


@pytest.mark.parametrize("path", ["/ontology", "/sparql"])
def test_the_model_page_and_the_editor_link_to_the_dictionary(client: FlaskClient,
                                                               path: str) -> None:
    page = client.get(path + "?lang=it", headers={"Accept": "text/html"}).get_data(as_text=True)
    assert '<a href="/dictionary">Dizionario dei dati</a>' in page
