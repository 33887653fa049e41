"""Every IRI of the dataset dereferences on loopback: RDF by negotiation or extension, HTML for
people, 404 with suggestions for what the dataset does not describe."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient
from pyld import jsonld
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from backends import Backend
from ltc_graph.namespaces import ID, LTC, ONTOLOGY_GRAPH, ORG, RDF, RDFS, SHAPES_GRAPH
from ltc_graph.publish.description import construct, incoming_query
from ltc_graph.queries.search import KINDS
from pages import PAGES
from servers import fetch, running_server

BASE = "https://w3id.org/ltc"
AFIL = f"{BASE}/id/cluster/afil"


@pytest.fixture(scope="module")
def site(backend: Backend) -> Iterator[str]:
    with running_server(*backend.serve_args()) as endpoint:
        yield endpoint.rsplit("/sparql", 1)[0]


get = fetch


def subjects(dataset: Dataset) -> list[str]:
    found = {str(s) for g in dataset.graphs() if g.identifier != SHAPES_GRAPH
             for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(str(ID))}
    return sorted(found)


def test_every_subject_dereferences_to_the_triples_the_store_has(site: str,
                                                                 graph: Graph,
                                                                 dataset: Dataset) -> None:
    missing = {}
    for iri in subjects(dataset):
        status, headers, body = get(site + iri[len(BASE):], "text/turtle")
        assert status == 200, iri
        assert headers["Content-Type"].startswith("text/turtle")
        served = {(str(t.subject), str(t.predicate), str(t.object))
                  for t in ox.parse(body, format=ox.RdfFormat.TURTLE)}
        expected = {(f"<{iri}>", f"<{p}>", _n3(o)) for p, o in graph.predicate_objects(
            URIRef(iri)) if not _blank(o)}
        if not expected <= served:
            missing[iri] = sorted(expected - served)[:3]
    assert missing == {}


def _blank(term: object) -> bool:
    return type(term).__name__ == "BNode"


def _n3(term: object) -> str:
    text = str(ox.NamedNode(str(term))) if isinstance(term, URIRef) else None
    if text is not None:
        return text
    literal = term  # an rdflib Literal
    if literal.language:
        return str(ox.Literal(str(literal), language=literal.language))
    datatype = literal.datatype or URIRef("http://www.w3.org/2001/XMLSchema#string")
    return str(ox.Literal(str(literal), datatype=ox.NamedNode(str(datatype))))


@pytest.mark.parametrize(("suffix", "accept", "media"), [
    ("", "text/turtle", "text/turtle"),
    ("", "application/ld+json", "application/ld+json"),
    ("", "application/n-triples;q=0.9, text/turtle;q=0.5", "application/n-triples"),
    ("", "application/rdf+xml", "application/rdf+xml"),
    ("", "text/html,application/xhtml+xml", "text/html"),
    ("", None, "text/turtle"),
    (".ttl", "text/html", "text/turtle"),
    (".jsonld", None, "application/ld+json"),
    (".nt", None, "application/n-triples"),
    (".rdf", None, "application/rdf+xml"),
    (".html", None, "text/html"),
])
def test_negotiation_and_extensions(site: str, suffix: str, accept: str | None,
                                    media: str) -> None:
    status, headers, _ = get(f"{site}/id/cluster/afil{suffix}", accept)
    assert status == 200 and headers["Content-Type"].split(";")[0] == media
    assert "Accept" in headers["Vary"]
    assert headers["Content-Location"].startswith("/id/cluster/afil.")


def test_json_ld_holds_the_same_triples_as_turtle(site: str) -> None:
    """Compacted with the published context, named by its URL: expanded again with that
    context, the document says what the Turtle says, blank nodes included."""
    turtle = Graph().parse(data=get(f"{site}/id/cluster/afil.ttl")[2], format="turtle")
    document = json.loads(get(f"{site}/id/cluster/afil.jsonld")[2])
    assert document["@context"] == f"{site}/context.jsonld"
    served = json.loads(get(f"{site}/context.jsonld")[2])
    assert len(turtle) > 20 and isomorphic(turtle, expanded(document, served))


def expanded(document: dict, context: dict) -> Graph:
    """A compacted document as rdflib reads it, its context given, never fetched."""
    def loader(url: str, options: object = None) -> dict:
        assert url == document["@context"], url
        return {"contextUrl": None, "documentUrl": url, "document": context}

    nquads = jsonld.to_rdf(document, {"format": "application/n-quads", "documentLoader": loader})
    return Graph().parse(data=nquads, format="nt")  # the default graph only: N-Triples


def test_the_page_for_people(site: str) -> None:
    status, headers, body = get(f"{site}/id/cluster/afil", "text/html")
    page = body.decode()
    assert status == 200 and "default-src 'self'" in headers["Content-Security-Policy"]
    assert "<h1 lang=\"en\">Lombardy Intelligent Factory Association</h1>" in page
    assert 'href="/id/project/plastix"' in page or 'href="/id/s3/advanced-manufacturing"' in page
    assert "Brochure: Lombardy Intelligent Factory Association</a>, page 6" in page
    assert 'href="/id/cluster/afil.ttl"' in page


def test_a_section_graph_dereferences_too(site: str) -> None:
    status, _, body = get(f"{site}/graph/afil", "text/turtle")
    assert status == 200
    text = body.decode()
    assert "startPage" in text and "6" in text


@pytest.mark.parametrize(("path", "suggested"), [
    ("/id/cluster/afl", "/id/cluster/afil"),
    ("/id/project/plastic", "/id/project/plastix"),
])
def test_unknown_iris_are_404_with_near_matches(site: str, path: str, suggested: str) -> None:
    status, headers, body = get(site + path, "text/html")
    assert status == 404 and headers["Content-Type"].startswith("text/html")
    assert f'href="{suggested}"' in body.decode()


def test_paths_that_are_not_iris_of_the_dataset_are_404(site: str) -> None:
    assert get(f"{site}/id/cluster/<script>")[0] == 404


VOID = "http://rdfs.org/ns/void#"
VOID_G = ox.NamedNode("https://w3id.org/ltc/graph/void")
DATASET = URIRef("https://w3id.org/ltc/id/dataset/ltc-graph")


def test_void_description_is_complete_and_consistent_with_the_dumps(site: str,
                                                                     graph: Graph) -> None:
    status, _, body = get(f"{site}/.well-known/void", "text/turtle")
    assert status == 200
    description = Graph().parse(data=body, format="turtle")
    triples = int(description.value(DATASET, URIRef(VOID + "triples")))
    assert triples == len(graph)
    assert description.value(DATASET, URIRef(VOID + "sparqlEndpoint")) == URIRef(f"{site}/sparql")
    assert str(description.value(DATASET, URIRef(VOID + "uriSpace"))) == "https://w3id.org/ltc/id/"
    partitions = {description.value(p, URIRef(VOID + "class")):
                  int(description.value(p, URIRef(VOID + "entities")))
                  for p in description.objects(DATASET, URIRef(VOID + "classPartition"))}
    assert partitions[URIRef("https://w3id.org/ltc/ontology#Cluster")] == 9
    dumps = {str(d).rsplit(".", 1)[1]: str(d)
             for d in description.objects(DATASET, URIRef(VOID + "dataDump"))}
    assert sorted(dumps) == ["jsonld", "nq", "trig", "ttl"]
    formats = {"ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
               "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}
    parsed = {}
    for fmt, url in dumps.items():
        status, _, content = get(url)
        assert status == 200
        parsed[fmt] = list(ox.parse(content, format=formats[fmt]))
    for fmt in ("trig", "nq", "jsonld"):
        quads = parsed[fmt]
        described = {(q.subject, q.predicate, q.object) for q in quads if q.graph_name != VOID_G}
        assert len(described) == triples, fmt
        assert ox.Quad(ox.NamedNode(str(DATASET)), ox.NamedNode(VOID + "sparqlEndpoint"),
                       ox.NamedNode("https://w3id.org/ltc/sparql"), VOID_G) in quads
    every = {(q.subject, q.predicate, q.object) for q in parsed["trig"]}
    assert len({(q.subject, q.predicate, q.object) for q in parsed["ttl"]}) == len(every)


def test_dumps_are_cached_with_etags_and_gzipped_on_request(site: str) -> None:
    request = urllib.request.Request(f"{site}/dumps/ltc-graph.trig",
                                     headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.headers["Content-Encoding"] == "gzip"
        etag = response.headers["ETag"]
    again = urllib.request.Request(f"{site}/dumps/ltc-graph.trig",
                                   headers={"If-None-Match": etag, "Accept-Encoding": "gzip"})
    try:
        urllib.request.urlopen(again, timeout=30)
        raise AssertionError("expected 304")
    except urllib.error.HTTPError as error:
        assert error.code == 304
    assert get(f"{site}/dumps/ltc-graph.xls")[0] == 404


def test_the_ontology_iri_serves_the_ontology_and_its_documentation(site: str,
                                                                     dataset: Dataset) -> None:
    from ltc_graph.namespaces import ONTOLOGY_GRAPH

    status, headers, body = get(f"{site}/ontology", "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    served = Graph().parse(data=body, format="turtle")
    assert len(served) == len(dataset.graph(ONTOLOGY_GRAPH))
    status, headers, body = get(f"{site}/ontology", "text/html")
    page = body.decode()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert 'id="Cluster"' in page and "Cluster tecnologico" in page and "Technology cluster" in page
    assert 'href="/shapes.ttl"' in page
    assert get(f"{site}/ontology.jsonld")[0] == 200


def test_the_shapes_are_served(site: str) -> None:
    status, _, body = get(f"{site}/shapes.ttl")
    shapes = Graph().parse(data=body, format="turtle")
    assert status == 200
    assert (URIRef("https://w3id.org/ltc/shapes#ClusterShape"),
            URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            URIRef("http://www.w3.org/ns/shacl#NodeShape")) in shapes


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value and value.startswith("/"):
                self.links.append(value)


def test_every_link_on_every_page_resolves(site: str) -> None:
    """A crawler from the home page: every same-site link answers; HTML pages are followed."""
    seen: set[str] = set()
    queue, broken, pages = ["/"], [], 0
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        status, headers, body = get(site + path, "text/html,*/*;q=0.8")
        if status != 200:
            broken.append((path, status))
            continue
        if headers.get("Content-Type", "").startswith("text/html"):
            pages += 1
            parser = _Links()
            parser.feed(body.decode())
            queue += [link.split("#")[0] for link in parser.links if link.split("#")[0]]
    assert broken == [], broken
    assert pages > 400


def test_index_pages_list_every_resource_of_their_kind(site: str, select: Select) -> None:
    page = get(f"{site}/id/cluster/", "text/html")[2].decode()
    clusters = [str(c) for c, in select("SELECT ?c WHERE { ?c a ltc:Cluster }")]
    assert len(clusters) == 9
    for cluster in clusters:
        assert f'href="{cluster[len(BASE):]}"' in page
    pnrr = get(f"{site}/id/pnrr/", "text/html")[2].decode()
    assert pnrr.count('href="/id/pnrr/M') == 23  # 7 missions and 16 components
    assert get(f"{site}/id/nothing/", "text/html")[0] == 404


def test_the_index_of_indexes_counts_alike_on_every_store(site: str, select: Select) -> None:
    """The count beside each kind is the number of resources the files state to be of its
    classes, on every store (on Virtuoso the kinds are named by IFs, not a table of values)."""
    page = get(f"{site}/id/?lang=en", "text/html")[2].decode()
    shown = {kind: int(n) for kind, n in re.findall(
        r'<a href="/id/([a-z0-9-]+)/">[^<]+</a> <span class="count" data-count="(\d+)">', page)}
    expected = {}
    for kind in KINDS:
        classes = ", ".join(f"<{c}>" for c in kind.classes)
        found = select(f"SELECT DISTINCT ?s {{ ?s a ?c FILTER(?c IN ({classes})) }}")
        if kind.indexed and found:
            expected[kind.slug] = len(found)
    assert shown == expected
    assert shown["cluster"] == 9 and len(shown) > 20


def test_the_home_page_explains_and_links_everything(site: str) -> None:
    page = get(f"{site}/", "text/html")[2].decode()
    for link in ("/id/cluster/", "/id/project/", "/id/network/", "/id/programme/", "/id/s3/",
                 "/id/pnrr/", "/ontology", "/.well-known/void", "/dumps/ltc-graph.ttl",
                 "/queries", "/validation"):
        assert f'href="{link}"' in page


def test_a_cluster_page_groups_its_facts_with_their_pages(site: str, select: Select) -> None:
    page = get(f"{site}/id/cluster/energy", "text/html")[2].decode()
    for heading in ("Members", "All facts"):
        assert f">{heading}</h2>" in page
    for heading in ("Networks", "Projects", "Success stories"):
        assert f">{heading} <small>" in page
    (site_iri, kind, address), = select("""SELECT ?s ?kind ?address WHERE {
        cluster:energy org:hasSite ?s . ?s ltc:siteType/rdfs:label ?kind ;
        org:siteAddress/locn:fullAddress ?address FILTER(LANG(?kind) = "en") }""")
    assert (f'<strong lang="en">{kind}</strong>: <a href="{str(site_iri)[len(BASE):]}">'
            f'{address}</a>') in page
    assert ">104</span>" in page and ">140</span>" in page
    assert 'href="/id/project/syschemiq"' in page
    assert "[p. 22]" in page
    agrifood = get(f"{site}/id/cluster/agrifood", "text/html")[2].decode()
    assert "leaves the number of members blank: not stated" in agrifood


def test_the_json_ld_context_compacts_and_expands_without_loss(site: str, graph: Graph) -> None:
    status, headers, body = get(f"{site}/context.jsonld")
    assert status == 200 and headers["Content-Type"].startswith("application/ld+json")
    context = json.loads(body)["@context"]
    assert context["cluster"] == {"@id": "ltc:cluster", "@type": "@id"}
    assert context["label"] == {"@id": "rdfs:label", "@container": "@language"}
    afil = Graph()
    for p, o in graph.predicate_objects(URIRef(AFIL)):
        afil.add((URIRef(AFIL), p, o))
    compact = afil.serialize(format="json-ld", context=context)
    assert '"homepage"' in compact
    document = json.loads(compact)
    document["@context"] = context  # inline: nothing is fetched
    back = {str(t) for t in ox.parse(json.dumps(document).encode(), format=ox.RdfFormat.JSON_LD)}
    served = {str(t) for t in ox.parse(afil.serialize(format="nt").encode(),
                                       format=ox.RdfFormat.N_TRIPLES)}
    assert back == served


def test_the_ontology_page_draws_the_model(site: str) -> None:
    page = get(f"{site}/ontology", "text/html")[2].decode()
    assert '<pre class="mermaid">classDiagram' in page
    assert 'src="/static/mermaid/mermaid.min.js"' in page
    assert get(f"{site}/static/mermaid/mermaid.min.js")[0] == 200


@pytest.mark.parametrize(("language", "title"), [
    ("it", "CTL Tecnologie per gli Ambienti di Vita"),
    ("it-IT,it;q=0.9,en;q=0.5", "CTL Tecnologie per gli Ambienti di Vita"),
    ("en-GB,en;q=0.9", "Lombardy Cluster for Technologies for Living Environments Foundation"),
    ("de", "Lombardy Cluster for Technologies for Living Environments Foundation"),
])
def test_the_page_title_follows_accept_language(site: str, language: str, title: str) -> None:
    request = urllib.request.Request(f"{site}/id/cluster/living-environments",
                                     headers={"Accept": "text/html", "Accept-Language": language})
    with urllib.request.urlopen(request, timeout=30) as response:
        page = response.read().decode()
    assert f">{title}</h1>" in page


def test_the_language_switch_wins_is_remembered_and_keys_the_etag(site: str) -> None:
    url = f"{site}/id/cluster/living-environments"
    english = urllib.request.Request(url, headers={"Accept": "text/html"})
    with urllib.request.urlopen(english, timeout=30) as response:
        english_tag = response.headers["ETag"]
        assert "Accept-Language" in response.headers["Vary"]
    switched = urllib.request.Request(url + "?lang=it", headers={
        "Accept": "text/html", "Accept-Language": "en"})
    with urllib.request.urlopen(switched, timeout=30) as response:
        cookie = response.headers["Set-Cookie"]
        italian_tag = response.headers["ETag"]
        italian = response.read().decode()
    assert cookie.startswith("lang=it") and italian_tag != english_tag
    assert '<html lang="it">' in italian
    later = urllib.request.Request(url, headers={"Accept": "text/html", "Cookie": "lang=it",
                                                 "If-None-Match": english_tag})
    with urllib.request.urlopen(later, timeout=30) as response:  # not a 304: another language
        assert response.status == 200 and response.read().decode() == italian


@pytest.mark.parametrize("path", ["/ontology/1.0.0", "/ontology/aligns"])
def test_the_ontologys_other_iris_answer(site: str, path: str) -> None:
    status, _, body = get(site + path, "text/turtle")
    assert (status == 200 and b"skos:closeMatch" in body) or b"closeMatch" in body


def test_a_network_page_lists_its_members_by_link(site: str, graph: Graph) -> None:
    page = get(f"{site}/id/network/vanguard-initiative", "text/html")[2].decode()
    organisation = _label(graph, ORG.organization, "en")
    assert (f'<h3><a href="https://www.w3.org/TR/vocab-org/#org:organization" lang="en">'
            f'{organisation}</a> <small>(3)</small></h3>') in page
    assert (f'<h3><a href="/ontology#about" lang="en">{_label(graph, LTC.about, "en")}</a> '
            '<small>(2)</small></h3>') in page
    assert 'href="/id/membership/afil--vanguard-initiative"' in page


def _label(graph: Graph, term: URIRef, lang: str) -> str:
    return next(str(o) for o in graph.objects(term, RDFS.label) if o.language == lang)


@pytest.fixture(scope="module")
def small_site(backend: Backend) -> Iterator[str]:
    """A server that shows at most 20 incoming links per resource."""
    with running_server(*backend.serve_args(), env={"LTC_INCOMING_LIMIT": "20"}) as endpoint:
        yield endpoint.rsplit("/sparql", 1)[0]


def test_incoming_links_are_bounded_with_a_link_to_the_rest(small_site: str,
                                                            graph: Graph) -> None:
    site = small_site
    section = URIRef(f"{BASE}/graph/afil")
    assert len(set(graph.subjects(None, section))) > 20
    described = Graph().parse(data=get(f"{site}/graph/afil", "text/turtle")[2], format="turtle")
    assert len(set(described.subjects(None, section))) == 20
    rest = described.value(section, URIRef("http://www.w3.org/2000/01/rdf-schema#seeAlso"))
    assert rest is not None and str(rest).startswith(f"{site}/sparql?query=")
    status, _, body = get(str(rest), "application/sparql-results+json")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == len(list(graph.subjects(None, section)))


# The pages for people, in the app without a server: what comes first, in which language,
# and that every name on them is a word, never an IRI.

RESOURCE_KINDS = ("cluster", "project", "network", "programme", "pnrr-mission",
                  "pnrr-component", "s3", "event", "place", "section")
IRI_LIKE = re.compile(r"(https?://\S+|<\S+>|[a-z][\w-]*:[\w#/.-]+)")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None]
    children: list[Element | str] = field(default_factory=list)

    def text(self) -> str:
        return " ".join("".join(c if isinstance(c, str) else f" {c.text()} "
                                for c in self.children).split())

    def all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        """Every element below this one with that tag and those attribute values."""
        found = []
        for child in self.children:
            if isinstance(child, Element):
                if (tag is None or child.tag == tag) and all(
                        child.attrs.get(k.rstrip("_")) == v for k, v in attrs.items()):
                    found.append(child)
                found.extend(child.all(tag, **attrs))
        return found

    def links(self) -> list[tuple[str | None, str, str | None]]:
        return [(a.attrs.get("href"), a.text(), a.attrs.get("lang")) for a in self.all("a")]


class Tree(HTMLParser):
    """A page as nested elements."""

    EMPTY = frozenset({"br", "img", "input", "meta", "link", "hr", "wbr", "source"})

    def __init__(self, html: str) -> None:
        super().__init__()
        self.root = Element("document", {})
        self.stack = [self.root]
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag not in self.EMPTY:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def page_of(client: FlaskClient, path: str, lang: str, status: int = 200) -> Element:
    response = client.get(f"{path}?lang={lang}", headers={"Accept": "text/html"})
    assert response.status_code == status, (path, response.status_code)
    return Tree(response.get_data(as_text=True)).root


def summary_of(page: Element) -> dict[str, Element]:
    """The summary's rows by their key: the <dd> of each."""
    summary = page.all("section", class_="summary")[0]
    return {row.attrs["data-field"] or "": row.all("dd")[0]
            for row in summary.all("div") if "data-field" in row.attrs}


def named(select: Select, iri: str, lang: str) -> tuple[str, str]:
    """The label of `iri` in `lang`, else in English: (text, language)."""
    rows = select(f"""SELECT ?label (LANG(?label) AS ?lang) WHERE {{ <{iri}> rdfs:label ?label
        FILTER(LANG(?label) IN ("{lang}", "en")) }} ORDER BY DESC(LANG(?label) = "{lang}")""")
    return str(rows[0][0]), str(rows[0][1])


def linked(select: Select, query: str, lang: str) -> list[tuple[str, str, str]]:
    """(path, label, language) of the resources ?x of `query`, sorted by label."""
    found = []
    for row in select(query):
        iri = str(row[0])
        found.append((iri[len(BASE):], *named(select, iri, lang)))
    return sorted(set(found), key=lambda link: (link[1].casefold(), link[0]))


Select = Callable[[str], list]


@pytest.mark.parametrize("lang", ["en", "it"])
def test_a_cluster_page_opens_with_its_summary(client: FlaskClient, select: Select,
                                               lang: str) -> None:
    page = page_of(client, "/id/cluster/afil", lang)
    main = page.all("main")[0]
    first = [c for c in main.children if isinstance(c, Element)]
    assert [first[0].tag, first[2].attrs.get("class")] == ["h1", "summary"]
    assert first[0].text() == named(select, AFIL, lang)[0]
    summary = summary_of(page)
    kind = named(select, str(LTC.Cluster), lang)
    assert summary["kind"].links() == [("/ontology#Cluster", kind[0], kind[1])]
    (acronym,), = select(f"SELECT ?a WHERE {{ <{AFIL}> ltc:acronym ?a }}")
    assert summary["acronym"].text() == str(acronym)
    (homepage,), = select(f"SELECT ?h WHERE {{ <{AFIL}> foaf:homepage ?h }}")
    assert summary["website"].links() == [(str(homepage), "www.afil.it", None)]
    (description,), = select(f"SELECT ?d WHERE {{ <{AFIL}> dcterms:description ?d }}")
    shown = page.all("p", class_="description")[0]
    assert (shown.text(), shown.attrs["lang"]) == (str(description), description.language)
    seats = select(f"""SELECT ?site ?address WHERE {{ <{AFIL}> org:hasSite ?site .
        ?site org:siteAddress/locn:fullAddress ?address }}""")
    assert sorted((href, text) for href, text, _ in summary["seats"].links()) == sorted(
        (str(site)[len(BASE):], str(address)) for site, address in seats)
    kinds = {named(select, str(t), lang)[0] for t, in select(
        f"SELECT ?t WHERE {{ <{AFIL}> org:hasSite/ltc:siteType ?t }}")}
    assert {s.text() for s in summary["seats"].all("strong")} == kinds
    (total, year), = select(f"""SELECT ?v ?y WHERE {{ ?c ltc:countOf <{AFIL}> ;
        ltc:memberCategory vocab:all-members ; schema:value ?v ; ltc:referenceYear ?y }}""")
    members = summary["members"].links()
    assert members[0][0] == "#members" and members[0][1].split()[::2] == [str(total), str(year)]
    assert summary["reference-s3-ecosystems"].links() == linked(
        select, f"SELECT ?x WHERE {{ <{AFIL}> ltc:referenceEcosystem ?x }}", lang)


@pytest.mark.parametrize("lang", ["en", "it"])
def test_a_project_page_shows_its_programme_partners_ecosystems_and_components(
        client: FlaskClient, select: Select, lang: str) -> None:
    plastix = f"{BASE}/id/project/plastix"
    summary = summary_of(page_of(client, "/id/project/plastix", lang))
    assert summary["funding-programme"].links() == linked(
        select, f"SELECT ?x WHERE {{ <{plastix}> ltc:fundingProgramme ?x }}", lang)
    assert summary["cluster"].links() == linked(
        select, f"SELECT ?x WHERE {{ <{plastix}> ltc:cluster ?x }}", lang)
    assert summary["status"].links() == linked(
        select, f"SELECT ?x WHERE {{ <{plastix}> ltc:status ?x }}", lang)
    assert summary["s3-innovation-ecosystems"].links() == linked(
        select, f"SELECT ?x WHERE {{ ?s ltc:synergyOf <{plastix}> ; ltc:s3Ecosystem ?x }}",
        lang)
    partners = select(f"""SELECT ?holder ?role WHERE {{ ?r ltc:roleIn <{plastix}> ;
        ltc:roleHolder ?holder ; ltc:roleName ?role }}""")
    items = summary["partners-and-roles"].all("li")
    assert len(items) == len(partners) == 2
    shown = {(item.links()[0][0], item.text()) for item in items}
    assert shown == {(str(h)[len(BASE):], f"{named(select, str(h), lang)[0]} : {role}")
                     for h, role in partners}
    components = select(f"""SELECT ?c ?code ?mission WHERE {{ ?s ltc:synergyOf <{plastix}> ;
        ltc:pnrrReference/ltc:component ?c . ?c skos:notation ?code ; skos:broader ?mission }}""")
    assert components and summary["pnrr-components"].links() == [
        link for c, code, mission in components for link in (
            (str(c)[len(BASE):], str(code), None),
            (str(mission)[len(BASE):], *named(select, str(mission), lang)))]
    for c, _, _ in components:
        assert named(select, str(c), lang)[0] in summary["pnrr-components"].text()


@pytest.mark.parametrize("lang", ["en", "it"])
def test_a_network_page_lists_its_members_with_how_each_is_in_it(
        client: FlaskClient, select: Select, lang: str) -> None:
    """The Vanguard Initiative's five clusters (pages 6, 12, 16, 22-23, 24): directly, or
    through one of its pilots or working groups, with the role where the brochure states it."""
    network = f"{BASE}/id/network/vanguard-initiative"
    summary = summary_of(page_of(client, "/id/network/vanguard-initiative", lang))
    through, directly = {"en": ("through", "directly"), "it": ("tramite", "direttamente")}[lang]
    units = {u: named(select, f"{BASE}/id/unit/vanguard-initiative-{u}", lang)[0]
             for u in ("smart-health-pilot", "adma", "hydrogen", "bioeconomy-pilot")}

    def way(cluster: str, unit: str | None = None, role: str = "") -> tuple[object, ...]:
        name = named(select, f"{BASE}/id/cluster/{cluster}", lang)[0]
        how = f"{through} {units[unit]}" if unit else directly
        links = [f"/id/cluster/{cluster}"] + ([f"/id/unit/vanguard-initiative-{unit}"]
                                              if unit else [])
        return links, f"{name} ({how}{', ' + role if role else ''})"

    expected = [
        way("living-environments", "smart-health-pilot"),
        way("energy", "adma"),
        way("energy", "hydrogen", "Co-coordinator of the Hydrogen Table"),
        way("energy", None, "Representative of the Lombardy Region"),
        way("green-chemistry", "bioeconomy-pilot", "Technical coordinator"),
        way("afil"), way("life-sciences"),
    ]
    shown = [([href for href, _, _ in item.links()], " ".join(item.text().split())
              .replace(" )", ")").replace(" ,", ","))
             for item in summary["members-and-how-each-is-in-it"].all("li")]
    assert sorted(shown) == sorted(expected)
    assert summary["pilots-and-working-groups"].links() == linked(
        select, f"SELECT ?x WHERE {{ ?x org:unitOf <{network}> }}", lang)
    (acronym,), = select(f"SELECT ?a WHERE {{ <{network}> ltc:acronym ?a }}")
    assert summary["acronym"].text() == str(acronym)
    assert summary["regions-as-stated"].text() == "38"


@pytest.mark.parametrize("lang", ["en", "it"])
def test_a_cluster_page_lists_its_networks_with_how_it_is_in_them(
        client: FlaskClient, select: Select, lang: str) -> None:
    page = page_of(client, "/id/cluster/living-environments", lang)
    through, directly = {"en": ("through", "directly"), "it": ("tramite", "direttamente")}[lang]
    section = next(s for s in page.all("section") if s.all("h2", id="networks"))
    shown = [" ".join(li.text().split()).replace(" )", ")") for li in section.all("li")]
    pilot = named(select, f"{BASE}/id/unit/vanguard-initiative-smart-health-pilot", lang)[0]
    assert shown == [f"Medical Technologies partnership ({directly})",
                     f"Vanguard Initiative ({through} {pilot})"]


@pytest.mark.parametrize("lang", ["en", "it"])
def test_a_year_only_event_says_its_year_and_what_the_graph_derives(
        client: FlaskClient, lang: str) -> None:
    page = page_of(client, "/id/event/life-sciences-business-mission-emirates-2024", lang)
    summary = summary_of(page)
    assert summary["when"].text() == "2024"
    derived = {"en": "[derived]", "it": "[derivato]"}[lang]
    facts = " ".join(page.all("table", class_="facts")[0].text().split())
    assert facts.count(derived) == 4  # first and last day, precision, the place it lies in


@pytest.mark.parametrize(("path", "heading", "links"), [
    ("/id/country/it", "events-here", ["/id/event/casa-vallonia-space-aeronautics-2024",
                                       "/id/event/smau-milano",
                                       "/id/event/space-meetings-veneto-2024"]),
    ("/id/place/emirates", "events-here",
     ["/id/event/life-sciences-business-mission-emirates-2024"]),
    ("/id/place/lombardy", "places-in-it", ["/id/place/province-of-bergamo",
                                           "/id/place/province-of-brescia",
                                           "/id/place/province-of-milan"]),
    ("/id/country/be", "seats-in-it", ["/id/site/afil-brussels"]),
])
def test_a_place_lists_what_lies_in_it_at_every_level(
        client: FlaskClient, path: str, heading: str, links: list[str]) -> None:
    summary = summary_of(page_of(client, path, "en"))
    assert sorted(href for href, _, _ in summary[heading].links()) == links


@pytest.mark.parametrize("lang", ["en", "it"])
@pytest.mark.parametrize("kind", [*RESOURCE_KINDS, "dataset", "not-found"])
def test_no_heading_or_property_is_an_iri(client: FlaskClient, kind: str, lang: str) -> None:
    page = page_of(client, PAGES[kind], lang, 404 if kind == "not-found" else 200)
    headings = [e for tag in ("h1", "h2", "h3", "h4", "th", "dt") for e in page.all(tag)]
    assert headings
    shown = [e.text() for e in headings if kind != "dataset" or e.tag != "h1"]
    assert [text for text in shown if IRI_LIKE.fullmatch(text.split(" (")[0])] == []
    for row in page.all("table", class_="facts")[:1]:
        for th in row.all("th", scope="row"):
            (href, _, _), = th.links()
            assert href.startswith(("/ontology#", "https://", "http://")), href


def test_every_term_the_data_uses_has_a_name_in_both_languages(
        select: Select, dataset: Dataset) -> None:
    """Properties and classes of the data and of the dataset's description: named by the
    graph or, for a borrowed term the graph does not label, by the table in code."""
    from ltc_graph.publish.void import describe
    from ltc_graph.web.pages.vocabulary import name

    labels: dict[str, dict[str, str]] = {}
    for term, label in dataset.graph(ONTOLOGY_GRAPH).subject_objects(RDFS.label):
        labels.setdefault(str(term), {})[label.language] = str(label)
    terms = {str(p) for p, in select("SELECT DISTINCT ?p WHERE { ?s ?p ?o }")}
    terms |= {str(c) for c, in select("SELECT DISTINCT ?c WHERE { ?s a ?c }")}
    void = describe(dataset, "http://localhost")
    terms |= {str(p) for p in void.predicates()} | {str(c) for c in void.objects(None, RDF.type)}
    unnamed = [(term, lang) for term in sorted(terms) for lang in ("en", "it")
               if name(term, lang, labels).lang != lang or IRI_LIKE.fullmatch(
                   name(term, lang, labels).text)]
    assert unnamed == []


def test_properties_are_named_in_italian_on_the_italian_page(client: FlaskClient,
                                                             select: Select) -> None:
    page = page_of(client, "/id/cluster/afil", "it")
    facts = page.all("table", class_="facts")[0]
    shown = {(th.text(), th.links()[0][2]) for th in facts.all("th", scope="row")}
    expected = {(named(select, str(p), "it")[0], "it") for p, in select(
        f"SELECT DISTINCT ?p WHERE {{ <{AFIL}> ?p ?o FILTER(?p != prov:wasDerivedFrom) }}")}
    assert shown == expected and len(expected) >= 9


def test_the_queries_of_a_page_open_in_the_editor(client: FlaskClient, app: Flask) -> None:
    page = page_of(client, "/id/cluster/afil", "en")
    editor = [href for href, _, _ in page.all("main")[0].links()
              if href and href.startswith("/sparql")]
    limit = int(app.config["INCOMING_LIMIT"])
    assert sorted(unquote(href) for href in editor) == sorted(
        f"/sparql#query={q}" for q in (incoming_query(AFIL), construct(AFIL, limit)))
    assert all(href.startswith("/sparql#query=") and "%20" in href for href in editor)


def test_json_ld_uses_the_published_contexts_short_names(client: FlaskClient) -> None:
    response = client.get("/id/project/plastix", headers={"Accept": "application/ld+json"})
    document = response.get_json()
    assert response.mimetype == "application/ld+json"
    assert document["@context"] == "http://localhost/context.jsonld"
    context = client.get("/context.jsonld").get_json()
    plastix = next(n for n in document["@graph"] if n["id"].endswith("/project/plastix"))
    assert plastix["acronym"] == "PLASTIX" and plastix["label"] == {"en": "PLASTIX"}
    assert plastix["cluster"] == "https://w3id.org/ltc/id/cluster/afil"
    assert not [key for key in plastix if key.startswith("http")]
    turtle = Graph().parse(data=client.get("/id/project/plastix.ttl").data, format="turtle")
    assert isomorphic(turtle, expanded(document, context))


@pytest.mark.parametrize("lang", ["en", "it"])
def test_an_unknown_iri_suggests_and_shows_ways_back(client: FlaskClient, select: Select,
                                                     lang: str) -> None:
    page = page_of(client, "/id/cluster/afl", lang, 404)
    assert page.all("html")[0].attrs["lang"] == lang
    suggestions = page.all("section", **{"aria-labelledby": "suggestions"})[0].links()
    assert ("/id/cluster/afil", *named(select, AFIL, lang)) in suggestions
    ways = [href for href, _, _ in page.all("section", **{"aria-labelledby": "ways"})[0].links()]
    assert ways == ["/search?q=afl", "/id/cluster/", "/id/", "/queries", "/sparql", "/"]
