"""The dataset's description (/.well-known/void) as resource pages are: a page for people in
both languages, read from the VoID and DCAT description, and the same description in RDF by
Accept or extension, one click away."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal
from flask.testing import FlaskClient
from rdflib import Dataset, Graph, URIRef

from ltc_graph.namespaces import DATASET_IRI, DCAT, DCTERMS, OWL, RDF, VOID
from ltc_graph.publish.void import describe

Select = Callable[[str], list]
LOCALES = {"en": "en_GB", "it": "it_IT"}


class Page(HTMLParser):
    """The summary's values by key ({key: text}), their links ({key: [href]}), the h1, and the
    tables' rows ({section id: [[cell text]]}) with their links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.fields: dict[str, str] = {}
        self.links: dict[str, list[str]] = {}
        self.h1 = ""
        self.h1_lang: str | None = None
        self.tables: dict[str, list[list[str]]] = {}
        self.hrefs: dict[str, list[str]] = {}
        self._row: str | None = None  # the summary's row open
        self._field: str | None = None  # the row whose value is open
        self._section: str | None = None
        self._cell: list[str] | None = None
        self._in_h1 = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "div" and named.get("data-field"):
            self._row = named["data-field"]
            self.fields[self._row], self.links[self._row] = "", []
        elif tag == "dd":
            self._field = self._row
        elif tag == "section":
            self._section = named.get("aria-labelledby")
        elif tag == "h1":
            self._in_h1, self.h1_lang = True, named.get("lang")
        elif tag == "tr" and self._section:
            self.tables.setdefault(self._section, []).append([])
        elif tag == "td" and self._section:
            self._cell = []
        elif tag == "a" and named.get("href"):
            if self._field:
                self.links[self._field].append(named["href"] or "")
            if self._section:
                self.hrefs.setdefault(self._section, []).append(named["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "dd":
            self._field = None
        elif tag == "h1":
            self._in_h1 = False
        elif tag == "td" and self._cell is not None and self._section:
            self.tables[self._section][-1].append(" ".join(" ".join(self._cell).split()))
            self._cell = None
        elif tag == "section":
            self._section = None

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1 += data
        if self._field:
            self.fields[self._field] = " ".join((self.fields[self._field] + data).split())
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def void(dataset: Dataset) -> Graph:
    return describe(dataset, "http://localhost")


def page(client: FlaskClient, lang: str, path: str = "/.well-known/void") -> Page:
    response = client.get(f"{path}?lang={lang}", headers={"Accept": "text/html"})
    assert response.status_code == 200 and response.mimetype == "text/html"
    return Page(response.get_data(as_text=True))


def text_in(graph: Graph, subject: URIRef, prop: URIRef, lang: str) -> str:
    found = {o.language: str(o) for o in graph.objects(subject, prop)}
    return found.get(lang) or found["en"]


@pytest.mark.parametrize("lang", ["en", "it"])
def test_the_page_summarises_the_description(client: FlaskClient, void: Graph,
                                             select: Select, lang: str) -> None:
    shown = page(client, lang)
    assert (shown.h1, shown.h1_lang) == (text_in(void, DATASET_IRI, DCTERMS.title, lang), lang)
    assert shown.links["licence"] == [str(void.value(DATASET_IRI, DCTERMS.license))]
    assert shown.fields["version"] == str(void.value(DATASET_IRI, OWL.versionInfo))
    assert shown.fields["sparql-endpoint"] == str(void.value(DATASET_IRI, VOID.sparqlEndpoint))
    sources = sorted(str(s) for s in void.objects(DATASET_IRI, DCTERMS.source))
    assert sorted(shown.links["sources"]) == sorted(s.removeprefix("https://w3id.org/ltc")
                                                    for s in sources)
    for source in sources:
        assert named(select, source, lang) in shown.fields["sources"]
    triples = int(void.value(DATASET_IRI, VOID.triples))
    html = client.get(f"/.well-known/void?lang={lang}", headers={"Accept": "text/html"}).text
    assert f"<strong>{format_decimal(triples, locale=LOCALES[lang])}</strong>" in html
    issued = void.value(DATASET_IRI, DCTERMS.issued).toPython()
    assert shown.fields["published"] == format_date(issued, "long", locale=LOCALES[lang])


def named(select: Select, iri: str, lang: str) -> str:
    """The label of `iri` in `lang`, else in English."""
    rows = select(f"""SELECT ?label WHERE {{ <{iri}> rdfs:label ?label
        FILTER(LANG(?label) IN ("{lang}", "en")) }} ORDER BY DESC(LANG(?label) = "{lang}")""")
    return str(rows[0][0])


@pytest.mark.parametrize("lang", ["en", "it"])
def test_the_partitions_name_classes_and_properties(client: FlaskClient, void: Graph,
                                                    select: Select, lang: str) -> None:
    shown = page(client, lang)
    classes = {}
    for part in void.objects(DATASET_IRI, VOID.classPartition):
        classes[str(void.value(part, VOID["class"]))] = int(void.value(part, VOID.entities))
    rows = shown.tables["classes"][1:]  # after the header row
    assert len(rows) == len(classes) and sorted(int(n) for _, n in rows) == sorted(
        classes.values())
    cluster = next(str(label) for label, in select(
        f'SELECT ?l WHERE {{ ltc:Cluster rdfs:label ?l FILTER(LANG(?l) = "{lang}") }}'))
    assert [cluster, str(classes["https://w3id.org/ltc/ontology#Cluster"])] in rows
    assert "/ontology#Cluster" in shown.hrefs["classes"]
    properties = {str(void.value(p, VOID.property)): int(void.value(p, VOID.triples))
                  for p in void.objects(DATASET_IRI, VOID.propertyPartition)}
    rows = shown.tables["properties"][1:]
    assert len(rows) == len(properties)
    assert not [name for name, _ in rows if ":" in name or name.startswith("http")]


def test_the_dumps_with_their_formats(client: FlaskClient, void: Graph) -> None:
    shown = page(client, "en")
    dumps = sorted(str(d) for d in void.objects(DATASET_IRI, VOID.dataDump))
    assert sorted(shown.hrefs["downloads"]) == dumps
    media = {str(void.value(d, DCAT.downloadURL)): str(void.value(d, DCAT.mediaType))
             for d in void.objects(DATASET_IRI, DCAT.distribution)}
    rows = shown.tables["downloads"][1:]  # [format and media type, file]
    assert sorted((row[0].split()[1], row[1]) for row in rows) == sorted(
        (m.rsplit("/media-types/", 1)[1], url.rsplit("/", 1)[1]) for url, m in media.items())
    assert sorted(row[0].split()[0] for row in rows) == ["JSON-LD", "N-Quads", "TriG", "Turtle"]


@pytest.mark.parametrize(("path", "accept", "media"), [
    ("/.well-known/void", "text/turtle", "text/turtle"),
    ("/.well-known/void", None, "text/turtle"),
    ("/.well-known/void", "text/html,application/xhtml+xml", "text/html"),
    ("/.well-known/void.ttl", "text/html", "text/turtle"),
    ("/.well-known/void.jsonld", None, "application/ld+json"),
    ("/.well-known/void.nt", None, "application/n-triples"),
    ("/.well-known/void.rdf", None, "application/rdf+xml"),
    ("/.well-known/void.html", None, "text/html"),
])
def test_the_description_is_negotiated_as_resources_are(client: FlaskClient, path: str,
                                                        accept: str | None,
                                                        media: str) -> None:
    response = client.get(path, headers={"Accept": accept} if accept else {})
    assert response.status_code == 200 and response.mimetype == media
    assert "Accept" in response.headers["Vary"]
    assert response.headers["Content-Location"].startswith("/.well-known/void.")
    assert '</.well-known/void.ttl>; rel="alternate"; type="text/turtle"' in response.headers[
        "Link"]


def test_the_turtle_is_the_description_and_the_page_links_it(client: FlaskClient,
                                                             void: Graph) -> None:
    served = Graph().parse(data=client.get("/.well-known/void.ttl").data, format="turtle")
    assert (DATASET_IRI, RDF.type, VOID.Dataset) in served
    assert len(served) == len(void)
    shown = page(client, "en")
    assert sorted(shown.hrefs["as-data"]) == sorted(
        f"/.well-known/void{ext}" for ext in (".ttl", ".jsonld", ".nt", ".rdf"))
    assert client.get("/.well-known/void.xls").status_code == 404
