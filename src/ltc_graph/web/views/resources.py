"""Dereferencing: every IRI of the dataset answers as Turtle, JSON-LD, N-Triples, RDF/XML or HTML.

`https://w3id.org/ltc/id/cluster/afil` is served at `/id/cluster/afil` on whatever host runs
the app, so the site works locally and behind a w3id redirect alike. The choice is direct
content negotiation (no 303): the IRI names the thing and answers with a description of it,
chosen by `Accept` with q-values (`Vary: Accept`, `Content-Location` naming the variant), or
explicitly by extension: `.ttl`, `.jsonld`, `.nt`, `.rdf`, `.html`.

:raise 404: no description for that IRI (the page suggests near matches)
:raise 406: no acceptable format
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections import defaultdict
from urllib.parse import quote

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request

from ...errors import HttpError
from ...namespaces import PREFIXES, shorten
from ...publish.description import BASE, construct, incoming_query, iri_for, path_for
from ...sparql.execution import Job
from ..negotiation import DOCUMENT_EXTENSIONS, DOCUMENTS, EXTENSION_OF, negotiated_document
from . import page_language
from .resource_charts import resource_charts
from .sparql import execute
from .validation import findings_about

bp = Blueprint("resources", __name__)

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
CLUSTER = "https://w3id.org/ltc/ontology#Cluster"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SEE_ALSO = "http://www.w3.org/2000/01/rdf-schema#seeAlso"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
PAGE = "https://w3id.org/ltc/ontology#startPage"


INDEXES = {  # kind: (title, what the page lists)
    "cluster": ("Clusters", "The nine Lombardy Technology Clusters and the system they form."),
    "project": ("Projects", "Projects the clusters run, join, propose or have completed."),
    "network": ("Networks", "International and national networks the clusters belong to."),
    "programme": ("Funding programmes", "Programmes, calls and funders of the projects."),
    "s3": ("S3 innovation ecosystems", "The ecosystems of Regione Lombardia's S3 2021-2027."),
    "pnrr": ("PNRR missions and components", "The official structure of Italy's recovery plan."),
    "organisation": ("Organisations", "Other organisations the sources name."),
    "event": ("Events", "Events the clusters organise or attend."),
    "story": ("Success stories", "Achievements the clusters report."),
    "document": ("Policy documents", "Strategies, resolutions and decrees the sources cite."),
    "place": ("Places", "Cities and regions the sources name."),
}


@bp.get("/id/")
def kinds() -> Response:
    """The index of indexes: every kind of resource, with how many there are."""
    rows = _select(f"""SELECT ?kind (COUNT(DISTINCT ?s) AS ?n) WHERE {{
        ?s a ?type . FILTER(STRSTARTS(STR(?s), "{BASE}/id/"))
        BIND(STRBEFORE(STRAFTER(STR(?s), "{BASE}/id/"), "/") AS ?kind)
    }} GROUP BY ?kind ORDER BY ?kind""")
    counts = {row["kind"]: int(row["n"]) for row in rows}
    listed = [(kind, title, text, counts.get(kind, 0)) for kind, (title, text) in INDEXES.items()]
    others = sorted(k for k in counts if k not in INDEXES)
    return Response(render_template("kinds.html", listed=listed, others=others, counts=counts),
                    mimetype="text/html")


@bp.get("/id/<kind>/")
def index(kind: str) -> Response:
    """All resources of one kind, by name."""
    if not re.fullmatch(r"[a-z0-9-]+", kind):
        raise HttpError(404, f"/id/{kind}/ is not a kind of resource of this dataset")
    prefix = f"{BASE}/id/{kind}/"
    rows = _select(f"""SELECT ?s (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE {{
        ?s a ?type0 . FILTER(STRSTARTS(STR(?s), "{prefix}"))
        OPTIONAL {{ ?s rdfs:label ?l FILTER(LANG(?l) = "en") }}
        OPTIONAL {{ ?type0 rdfs:label ?t FILTER(LANG(?t) = "en") }}
    }} GROUP BY ?s ORDER BY LCASE(STR(?label)) ?s""")
    if not rows:
        raise HttpError(404, f"/id/{kind}/ lists nothing: no resource of that kind")
    title, text = INDEXES.get(kind, (kind.replace("-", " ").capitalize(), ""))
    items = [(path_for(r["s"]) or r["s"], r.get("label") or shorten(r["s"]), r.get("type", ""))
             for r in rows]
    return Response(render_template("index.html", title=title, text=text, items=items,
                                    kind=kind), mimetype="text/html")


def _select(query: str) -> list[dict[str, str]]:
    answer = execute(Job("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" + query,
                         "json"), cached=True)
    return [{k: v["value"] for k, v in b.items()}
            for b in json.loads(answer.body)["results"]["bindings"]]


@bp.get("/id/<path:rest>")
@bp.get("/graph/<path:rest>")
def resource(rest: str) -> Response:
    path, media = negotiated_document(html=True)
    iri = iri_for(path)
    if iri is None:
        raise HttpError(404, f"{request.path} is not an IRI of this dataset")
    limit = int(current_app.config["INCOMING_LIMIT"])
    triples = _describe(iri, limit)
    if not any(t.subject.value == iri or t.object == ox.NamedNode(iri) for t in triples):
        return _not_found(path, iri)
    incoming = sum(1 for t in triples if t.object == ox.NamedNode(iri))
    if incoming >= limit:  # the description shows some: link to the query for all
        rest = request.host_url.rstrip("/") + "/sparql?query=" + quote(incoming_query(iri))
        triples.append(ox.Triple(ox.NamedNode(iri), ox.NamedNode(SEE_ALSO), ox.NamedNode(rest)))
    if media == "text/html":
        view = _page(iri, path, triples)
        view["sparql"] = "/sparql?format=turtle&query=" + quote(construct(iri, limit))
        view["validation"] = findings_about(iri)
        if any(t.subject.value == iri and t.predicate.value == RDF_TYPE
               and t.object.value == CLUSTER for t in triples):
            view["cluster"] = _cluster_panel(iri)
        types = {t.object.value for t in triples
                 if t.subject.value == iri and t.predicate.value == RDF_TYPE}
        view["charts"] = resource_charts(iri, types, str(view["title"]))
        response = Response(render_template("resource.html", **view), mimetype="text/html")
    else:
        body = ox.serialize(triples, format=DOCUMENTS[media].oxigraph, prefixes=PREFIXES)
        response = Response(body, mimetype=media)
    return _finish(response, path, media, iri)


def _describe(iri: str, limit: int) -> list[ox.Triple]:
    answer = execute(Job(construct(iri, limit), "ntriples"), cached=True)
    return list(ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES))


def _finish(response: Response, path: str, media: str, iri: str) -> Response:
    store = current_app.extensions["ltc_store"]
    response.vary.add("Accept")
    response.headers["Content-Location"] = path + EXTENSION_OF[media]
    response.headers["Link"] = ", ".join(
        f'<{path}{ext}>; rel="alternate"; type="{m}"' for m, ext in EXTENSION_OF.items())
    if media.startswith("text/") or media.endswith(("json", "xml")):
        response.charset = "utf-8"
    lang = page_language() if media == "text/html" else ""  # pages differ by language
    response.set_etag(hashlib.sha256(f"{store.version}{path}{media}{lang}".encode())
                      .hexdigest()[:32])
    response.last_modified = store.loaded_at
    response.cache_control.public = True
    response.cache_control.max_age = int(current_app.config["CACHE_SECONDS"])
    return response.make_conditional(request)


def _not_found(path: str, iri: str) -> Response:
    """404 with the IRIs of the same kind whose names are closest to the one asked for."""
    kind = BASE + path.rsplit("/", 1)[0] + "/"  # from a path iri_for accepted: safe to embed
    rows = _select(f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{kind}")) }}')
    known = [row["s"] for row in rows]
    near = difflib.get_close_matches(iri, known, n=5, cutoff=0.6)
    page = render_template("not_found.html", path=path,
                           suggestions=[(path_for(n) or n, shorten(n)) for n in near])
    return Response(page, status=404, mimetype="text/html")


def _page(iri: str, path: str, triples: list[ox.Triple]) -> dict[str, object]:
    """What the HTML page shows: title, facts by property, incoming links, provenance."""
    labels: dict[str, dict[str, str]] = defaultdict(dict)
    for t in triples:
        if t.predicate.value == LABEL and isinstance(t.object, ox.Literal):
            labels[_key(t.subject)][t.object.language or ""] = t.object.value
    wanted = page_language()

    def label(term: object) -> str:
        names = labels.get(_key(term), {})
        found = names.get(wanted) or names.get("en") or next(iter(names.values()), "")
        return found or shorten(_key(term)).strip("<>")

    def value(term: object) -> dict[str, object]:
        if isinstance(term, ox.NamedNode):
            return {"href": path_for(term.value) or term.value, "text": label(term)}
        if isinstance(term, ox.BlankNode):
            return {"nested": [(shorten(t.predicate.value), value(t.object)) for t in triples
                               if t.subject == term]}
        assert isinstance(term, ox.Literal)
        return {"text": term.value, "lang": term.language}

    stated_in: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in _select(f"""PREFIX ltc: <https://w3id.org/ltc/ontology#>
        SELECT ?p ?o ?g ?page WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }}
        OPTIONAL {{ ?g ltc:startPage ?page }} }}"""):
        where = f"p. {row['page']}" if "page" in row else shorten(row["g"])
        if where not in stated_in[(row["p"], row["o"])]:
            stated_in[(row["p"], row["o"])].append(where)
    facts: dict[str, list[dict[str, object]]] = defaultdict(list)
    sections = []
    for t in triples:
        if t.subject.value != iri:
            continue
        if t.predicate.value == DERIVED:
            section = t.object
            page = next((x.object.value for x in triples
                         if x.subject == section and x.predicate.value == PAGE), None)
            sections.append({"href": path_for(section.value) or section.value,
                             "text": label(section), "page": page})
        elif t.predicate.value != LABEL or t.object.language not in ("", None, wanted):
            shown = value(t.object)
            if not isinstance(t.object, ox.BlankNode):
                shown["where"] = stated_in.get((t.predicate.value, t.object.value), [])
            facts[label(t.predicate)].append(shown)
    incoming: dict[str, list[dict[str, object]]] = defaultdict(list)
    for t in triples:
        if isinstance(t.object, ox.NamedNode) and t.object.value == iri:
            incoming[label(t.predicate)].append(value(t.subject))
    title = labels.get(iri, {}).get(wanted) or labels.get(iri, {}).get("en") or shorten(iri)
    return {
        "title": title, "iri": iri, "path": path, "lang": wanted,
        "facts": sorted(facts.items()), "incoming": sorted(incoming.items()),
        "sections": sections,
        "variants": [(ext.lstrip("."), path + ext) for ext in DOCUMENT_EXTENSIONS],
        "all_incoming": "/sparql?query=" + quote(incoming_query(iri)),
    }


def _cluster_panel(iri: str) -> dict[str, object]:
    """What a cluster page shows first: seats, members by type, networks, projects, events."""
    prefixes = ("PREFIX ltc: <https://w3id.org/ltc/ontology#>\n"
                "PREFIX org: <http://www.w3.org/ns/org#>\n"
                "PREFIX locn: <http://www.w3.org/ns/locn#>\n"
                "PREFIX schema: <https://schema.org/>\n"
                "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
                "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n")
    seats = _select(prefixes + f"""SELECT ?type ?address ?city ?country WHERE {{
        <{iri}> org:hasSite ?site . ?site ltc:siteType/rdfs:label ?type ;
          org:siteAddress ?a . ?a locn:fullAddress ?address ; ltc:city/rdfs:label ?city .
        FILTER(LANG(?type) = "en" && LANG(?city) = "en")
        OPTIONAL {{ ?a ltc:country/rdfs:label ?country FILTER(LANG(?country) = "en") }}
    }} ORDER BY ?type ?address""")
    members = _select(prefixes + f"""SELECT ?category ?value ?year WHERE {{
        ?c ltc:countOf <{iri}> ; ltc:memberCategory ?cat ; schema:value ?value ;
          ltc:referenceYear ?year . ?cat rdfs:label ?category FILTER(LANG(?category) = "en")
    }} ORDER BY DESC(xsd:integer(?value))""")
    total = max((int(m["value"]) for m in members), default=0)
    for m in members:
        m["percent"] = round(100 * int(m["value"]) / total) if total else 0
    linked = {}
    for name, pattern in {
        "networks": f"?m org:member <{iri}> ; org:organization ?x .",
        "projects": f"?x a ltc:Project ; ltc:cluster <{iri}> .",
        "events": f"?x a ltc:Event ; ltc:cluster|ltc:participant|ltc:organiser <{iri}> .",
        "stories": f"?x a ltc:SuccessStory ; ltc:cluster <{iri}> .",
    }.items():
        rows = _select(prefixes + f"""SELECT DISTINCT ?x ?label WHERE {{ {pattern}
            ?x rdfs:label ?label FILTER(LANG(?label) = "en") }} ORDER BY ?label""")
        linked[name] = [(path_for(r["x"]) or r["x"], r["label"]) for r in rows]
    return {"seats": seats, "members": members, **linked}


def _key(term: object) -> str:
    return term.value if hasattr(term, "value") else str(term)
