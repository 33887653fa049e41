"""Every IRI of the dataset dereferences on loopback: RDF by negotiation or extension, HTML for
people, 404 with suggestions for what the dataset does not describe."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef

from backends import Backend
from ltc_graph.namespaces import ID, SHAPES_GRAPH
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
    def plain(body: bytes, fmt: ox.RdfFormat) -> set[str]:
        return {str(t) for t in ox.parse(body, format=fmt) if "_:" not in str(t)}

    turtle = plain(get(f"{site}/id/cluster/afil.ttl")[2], ox.RdfFormat.TURTLE)
    jsonld = get(f"{site}/id/cluster/afil.jsonld")[2]
    json.loads(jsonld)
    assert turtle and turtle == plain(jsonld, ox.RdfFormat.JSON_LD)


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
    assert broken == []
    assert pages > 400


def test_index_pages_list_every_resource_of_their_kind(site: str) -> None:
    page = get(f"{site}/id/cluster/", "text/html")[2].decode()
    for slug in ("afil", "agrifood", "mobility", "life-sciences", "living-environments",
                 "smart-communities", "aerospace", "energy", "green-chemistry",
                 "lombardy-technology-clusters"):
        assert f'href="/id/cluster/{slug}"' in page
    pnrr = get(f"{site}/id/pnrr/", "text/html")[2].decode()
    assert pnrr.count('href="/id/pnrr/M') == 23  # 7 missions and 16 components
    everything = get(f"{site}/id/", "text/html")[2].decode()
    assert 'href="/id/cluster/">Clusters</a> (10)' in everything
    assert get(f"{site}/id/nothing/", "text/html")[0] == 404


def test_the_home_page_explains_and_links_everything(site: str) -> None:
    page = get(f"{site}/", "text/html")[2].decode()
    for link in ("/id/cluster/", "/id/project/", "/id/network/", "/id/programme/", "/id/s3/",
                 "/id/pnrr/", "/ontology", "/.well-known/void", "/dumps/ltc-graph.ttl",
                 "/queries", "/validation"):
        assert f'href="{link}"' in page


def test_a_cluster_page_groups_its_facts_with_their_pages(site: str) -> None:
    page = get(f"{site}/id/cluster/energy", "text/html")[2].decode()
    for heading in ("Seats", "Members", "Networks", "Projects", "Success stories", "All facts"):
        assert f">{heading}</h2>" in page
    assert "<td>Via Pantano, 9 - 20122 Milano</td><td>Milan</td><td>not stated</td>" in page
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


def test_a_network_page_lists_its_members_by_link(site: str) -> None:
    page = get(f"{site}/id/network/vanguard-initiative", "text/html")[2].decode()
    assert "<h3>org:organization <small>(3)</small></h3>" in page
    assert "<h3>about <small>(2)</small></h3>" in page
    assert 'href="/id/membership/afil--vanguard-initiative"' in page


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
