"""Dereferencing: every IRI of the dataset answers as Turtle, JSON-LD, N-Triples, RDF/XML or HTML.

`https://w3id.org/ltc/id/cluster/afil` is served at `/id/cluster/afil` on whatever host runs
the app, so the site works locally and behind a w3id redirect alike. The choice is direct
content negotiation (no 303): the IRI names the thing and answers with a description of it,
chosen by `Accept` with q-values (`Vary: Accept`, `Content-Location` naming the variant), or
explicitly by extension: `.ttl`, `.jsonld`, `.nt`, `.rdf`, `.html`. JSON-LD comes compacted
with the published context (`/context.jsonld`), which it names rather than inlines.

:raise 404: no description for that IRI (the page suggests near matches)
:raise 406: no acceptable format
"""

from __future__ import annotations

import difflib
import hashlib
from urllib.parse import quote

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request

from ...errors import HttpError
from ...namespaces import BASE, LTC, ONTOLOGY_GRAPH, PREFIXES, RDF, RDFS
from ...publish.context import context
from ...publish.description import compacted, construct, incoming_query, iri_for
from ..figures.resources import resource_charts
from ..i18n import page_language
from ..negotiation import DOCUMENTS, EXTENSION_OF, negotiated_document
from ..pages.findings import findings_about
from ..pages.resource import cluster_panel, editor_link, labelled, page
from ..state import state

bp = Blueprint("resources", __name__)

RDF_TYPE = str(RDF.type)
CLUSTER = str(LTC.Cluster)
SEE_ALSO = str(RDFS.seeAlso)


def _select(query: str) -> list[dict[str, str]]:
    """The rows of one of the pages' own queries (the project's prefixes predeclared)."""
    return state().service.rows(query, predeclared=True)


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
    if media == "text/html":
        return _finish(_page(iri, path, triples, incoming >= limit, limit), path, media, iri)
    if incoming >= limit:  # the description shows some: link to the query for all
        rest = request.host_url.rstrip("/") + "/sparql?query=" + quote(incoming_query(iri))
        triples.append(ox.Triple(ox.NamedNode(iri), ox.NamedNode(SEE_ALSO), ox.NamedNode(rest)))
    if media == "application/ld+json":
        body = compacted(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), _terms(),
                         request.host_url.rstrip("/") + "/context.jsonld").encode()
    else:
        body = ox.serialize(triples, format=DOCUMENTS[media].oxigraph, prefixes=PREFIXES)
    return _finish(Response(body, mimetype=media), path, media, iri)


def _page(iri: str, path: str, triples: list[ox.Triple], truncated: bool,
          limit: int) -> Response:
    """The page for people: summary, the cluster's panel, the charts, every fact, findings."""
    view = page(iri, path, triples)
    types = {t.object.value for t in triples
             if t.subject.value == iri and t.predicate.value == RDF_TYPE}
    view.update(truncated=truncated, limit=limit, sparql=editor_link(construct(iri, limit)),
                validation=findings_about(iri),
                cluster=cluster_panel(iri) if CLUSTER in types else None,
                charts=resource_charts(iri, types, str(view["title"])))
    return Response(render_template("resource.html", **view), mimetype="text/html")


def _terms() -> dict[str, object]:
    """The published JSON-LD context's terms, made once per data version."""
    documents = state().documents
    return documents.get("context-terms", lambda: context(
        documents.dataset.graph(ONTOLOGY_GRAPH))["@context"])


def _describe(iri: str, limit: int) -> list[ox.Triple]:
    answer = state().service.run(construct(iri, limit), "ntriples").answer
    return list(ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES))


def _finish(response: Response, path: str, media: str, iri: str) -> Response:
    store = state().info
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
    index = path.rsplit("/", 1)[0] + "/"
    body = render_template("not_found.html", path=path, suggestions=labelled(near),
                           index=index if rows else None,
                           words=path.rsplit("/", 1)[1].replace("-", " "))
    return Response(body, status=404, mimetype="text/html")
