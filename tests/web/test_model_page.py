"""The model's page (/ontology) as the server writes it: no script to wait for (the diagram's
mermaid is named, not loaded), contents that list every ltc: class and property, every
superclass, domain and range a link that lands on an entry of the page or on the borrowed
term in its vocabulary, and labels and definitions in the page's language with English as
the marked fallback. What the browser does with it is in tests/browser/test_model_browser.py.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from flask import Flask, render_template
from flask.testing import FlaskClient
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection

from ltc_graph.namespaces import LTC, ONTOLOGY_GRAPH, OWL, RDF, RDFS, SKOS
from ltc_graph.rdf.vocabularies import VOCABULARIES
from ltc_graph.web.views.model import documentation

KINDS = {OWL.Class: RDFS.subClassOf, OWL.ObjectProperty: RDFS.subPropertyOf,
         OWL.DatatypeProperty: RDFS.subPropertyOf}
PARENTS = {"en": ("Subclass of", "Subproperty of"), "it": ("Sottoclasse di", "Sottoproprietà di")}


class Page(HTMLParser):
    """The page's ids, scripts, the contents' links, and each entry's links by the term that
    introduces them ({entry id: {"Domain": [href, ...], ...}}), and the borrowed terms' links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.scripts: list[dict[str, str | None]] = []
        self.contents: list[str] = []
        self.entries: dict[str, dict[str, list[str]]] = {}
        self.borrowed: list[str] = []
        self.details: dict[str, str | None] = {}
        self._where: list[str] = []  # the navs and sections open: "toc", "borrowed", ...
        self._article: str | None = None
        self._dt: str | None = None
        self._in_dt = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if named.get("id"):
            self.ids.add(str(named["id"]))
        if tag == "script":
            self.scripts.append(named)
        elif tag == "details":
            self.details = named
        elif tag in ("nav", "section"):
            self._where.append("toc" if named.get("class") == "toc" else
                               str(named.get("aria-labelledby")))
        elif tag == "article" and named.get("class") == "term":  # an ltc: term's entry
            self._article = str(named["id"])
            self.entries[self._article] = {}
        elif tag == "dt":
            self._in_dt, self._dt = True, ""
        elif tag == "a" and named.get("href"):
            href = str(named["href"])
            if self._article and self._dt and not self._in_dt:
                self.entries[self._article].setdefault(self._dt, []).append(href)
            elif "toc" in self._where:
                self.contents.append(href)
            elif "borrowed" in self._where and not href.startswith("#"):
                self.borrowed.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("nav", "section"):
            self._where.pop()
        elif tag == "article":
            self._article = self._dt = None
        elif tag == "dt":
            self._in_dt = False
        elif tag == "dl":
            self._dt = None

    def handle_data(self, data: str) -> None:
        if self._in_dt and self._dt is not None:
            self._dt += data.strip()


@pytest.fixture(scope="module")
def ontology(dataset: Dataset) -> Graph:
    return dataset.graph(ONTOLOGY_GRAPH)


def page(client: FlaskClient, lang: str = "en") -> str:
    response = client.get(f"/ontology?lang={lang}", headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    return response.get_data(as_text=True)


def terms(ontology: Graph) -> list[URIRef]:
    return sorted(t for kind in KINDS for t in ontology.subjects(RDF.type, kind)
                  if isinstance(t, URIRef) and t.startswith(str(LTC)))


def href(term: URIRef) -> str:
    """Where a link to `term` must land: its entry here, or its own IRI in its vocabulary."""
    return f"#{term[len(LTC):]}" if term.startswith(str(LTC)) else str(term)


def members(ontology: Graph, node: object) -> list[str]:
    if isinstance(node, URIRef):
        return [href(node)]
    return [href(m) for m in Collection(ontology, ontology.value(node, OWL.unionOf))]


def test_the_page_loads_no_mermaid_and_names_it_for_the_diagram(client: FlaskClient) -> None:
    parsed = Page(page(client))
    assert parsed.scripts == [{"type": "application/json", "id": "diagram-words"},
                              {"src": "/static/diagram.js", "defer": None}]
    assert parsed.details == {"class": "diagram", "id": "diagram-box",
                              "data-src": "/static/mermaid/mermaid.min.js"}  # closed
    script = client.get("/static/mermaid/mermaid.min.js")
    script.close()
    assert script.status_code == 200


def test_the_diagram_source_is_on_the_page_for_when_it_is_asked_for(client: FlaskClient
                                                                    ) -> None:
    html = page(client)
    assert '<div class="diagram-frame"><pre class="mermaid">classDiagram' in html
    assert ('<script type="application/json" id="diagram-words">{"actual": "Show it at its '
            'own size", "drawing": "Drawing the diagram\\u2026"') in html


def test_the_contents_list_every_class_and_property_and_each_lands_on_its_entry(
        client: FlaskClient, ontology: Graph) -> None:
    parsed = Page(page(client))
    expected = [href(t) for kind in KINDS for t in sorted(
        t for t in ontology.subjects(RDF.type, kind)
        if isinstance(t, URIRef) and t.startswith(str(LTC)))]
    assert {"#Cluster", "#hasCluster", "#acronym"} <= set(expected)  # a class, an object
    # and a data property, in that order of kinds
    sections = ["#diagram", "#classes", "#object-properties", "#data-properties", "#borrowed"]
    vocabularies = [h for h in parsed.contents if h.startswith("#vocabulary-")]
    assert [h for h in parsed.contents if h not in sections + vocabularies] == expected
    assert set(sections) <= set(parsed.contents)
    assert {"#vocabulary-org", "#vocabulary-schema", "#vocabulary-skos"} <= set(vocabularies)
    assert {h[1:] for h in parsed.contents} <= parsed.ids
    assert set(parsed.entries) == {h[1:] for h in expected}


@pytest.mark.parametrize("lang", ["en", "it"])
def test_superclasses_domains_and_ranges_are_links_to_entries_or_vocabularies(
        client: FlaskClient, ontology: Graph, lang: str) -> None:
    parsed = Page(page(client, lang))
    names = {"en": ("Domain", "Range"), "it": ("Dominio", "Codominio")}[lang]
    checked = 0
    for term in terms(ontology):
        entry = parsed.entries[term[len(LTC):]]
        kind = ontology.value(term, RDF.type)
        parents = sorted(href(p) for p in ontology.objects(term, KINDS[kind]))
        said = PARENTS[lang][0 if kind == OWL.Class else 1]
        assert sorted(entry.get(said, [])) == parents, term
        for prop, name in zip((RDFS.domain, RDFS.range), names, strict=True):
            node = ontology.value(term, prop)
            assert entry.get(name, []) == (members(ontology, node) if node else []), term
        checked += len(parents) + len(entry.get(names[0], [])) + len(entry.get(names[1], []))
    assert checked > 200
    for links in parsed.entries.values():
        for target in (h for hrefs in links.values() for h in hrefs):
            if target.startswith("#"):
                assert target[1:] in parsed.ids, target
            else:
                assert any(target.startswith(v.namespace) for v in VOCABULARIES), target


def test_the_borrowed_terms_are_those_the_data_uses_and_the_model_names(
        client: FlaskClient, ontology: Graph) -> None:
    html = page(client)
    parsed = Page(html)
    named = {h for links in parsed.entries.values() for hrefs in links.values() for h in hrefs
             if not h.startswith("#")}
    documented = {str(t) for t in ontology.subjects(RDFS.isDefinedBy, None)
                  if not t.startswith(str(LTC))}
    assert len(documented) > 50 and "http://xmlns.com/foaf/0.1/name" in documented
    vocabulary_pages = {v.page for v in VOCABULARIES}
    assert set(parsed.borrowed) - vocabulary_pages == named | documented
    assert ('<h3 id="vocabulary-org"><code>org:</code> <a href="https://www.w3.org/TR/vocab-org/"'
            ' lang="en">The Organization Ontology</a></h3>') in html
    entry = html.split('<article class="term borrowed-term" id="org-Site">', 1)[1].split(
        "</article>", 1)[0]
    assert entry == (
        '\n<h4><a href="http://www.w3.org/ns/org#Site" class="borrowed"><code>org:Site</code>'
        '</a> <span>Seat</span></h4>\n<p>A place where a cluster or organisation has an office,'
        ' with its type (headquarters, operational office, ...) and address.</p>\n'
        '<dl class="facts"><div><dt>Named in the model by</dt><dd><a href="#careOf"><code>'
        'ltc:careOf</code></a>, <a href="#siteType"><code>ltc:siteType</code></a></dd></div>'
        '</dl>\n')
    assert "Other vocabularies" not in html, "every borrowed namespace has its vocabulary"


@pytest.mark.parametrize(("lang", "label", "other", "definition"), [
    ("en", "Technology cluster", '<small lang="it">(Cluster tecnologico)</small>',
     "An association of companies, research organisations"),
    ("it", "Cluster tecnologico", '<small lang="en">(Technology cluster)</small>',
     "Un&#39;aggregazione di imprese, organismi di ricerca"),
])
def test_labels_and_definitions_are_in_the_pages_language(client: FlaskClient, lang: str,
                                                          label: str, other: str,
                                                          definition: str) -> None:
    """The label in the other language follows, marked: the model is bilingual."""
    html = page(client, lang)
    entry = html.split('<article class="term" id="Cluster"', 1)[1].split("</article>", 1)[0]
    assert (f'<h3 id="Cluster-name"><code>ltc:Cluster</code> <span>{label}</span> {other}'
            '</h3>') in entry
    assert f"<p>{definition}" in entry
    assert f'<html lang="{lang}">' in html


def test_english_stands_in_where_the_model_has_no_italian_and_says_so(app: Flask) -> None:
    graph = Graph()
    term = LTC.Widget
    graph.add((term, RDF.type, OWL.Class))
    graph.add((term, RDFS.label, Literal("Widget", lang="en")))
    graph.add((term, RDFS.label, Literal("Congegno", lang="it")))
    graph.add((term, SKOS.definition, Literal("A thing with a purpose.", lang="en")))
    graph.add((term, RDFS.subClassOf, URIRef("http://example.org/vocab#Thing")))
    shown = documentation(graph, "it")
    (entry,) = shown["classes"]
    assert (entry.label.text, entry.label.lang) == ("Congegno", "it")
    assert (entry.definition.text, entry.definition.lang) == ("A thing with a purpose.", "en")
    assert [(r.name, r.href) for r in entry.parents] == [
        ("<http://example.org/vocab#Thing>", "http://example.org/vocab#Thing")]
    ((other, listed),) = shown["borrowed"]
    assert (other.title, [(b.ref.href, [u.name for u in b.users]) for b in listed]) == (
        "Other vocabularies", [("http://example.org/vocab#Thing", ["ltc:Widget"])])
    with app.test_request_context("/ontology?lang=it"):
        html = render_template("ontology.html", diagram="", mermaid=None, words={}, **shown)
    assert '<span>Congegno</span>' in html
    assert '<p lang="en">A thing with a purpose.</p>' in html
