"""The model describes itself: the ontology IRI serves the ontology (RDF by negotiation,
documentation for people) and `/shapes` serves the SHACL shapes.

The documentation page is usable at once: it holds no script that has to run first, and its
class diagram is drawn only when a reader opens it (static/diagram.js then loads mermaid, a
megabyte a person who came for a definition should not wait for). Every superclass, domain and
range is a link: to its entry on the page for an ltc: term, to the term's own IRI (its place in
its vocabulary's documentation) for a borrowed one. Labels and definitions are in the page's
language, in English where the model has none in it.

:raise 406: no acceptable format
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field

from flask import Blueprint, Response, render_template
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from ...errors import HttpError
from ...namespaces import (
    DCTERMS,
    LTC,
    ONTOLOGY_GRAPH,
    ONTOLOGY_IRI,
    OWL,
    PREFIXES,
    RDF,
    RDFS,
    SHAPES_GRAPH,
    SKOS,
)
from ...publish.context import context
from ...publish.diagram import mermaid
from ...rdf.vocabularies import BORROWED, Vocabulary, vocabulary_of
from ..documents import finish
from ..i18n import DEFAULT, LANGUAGES, _, page_language
from ..negotiation import DOCUMENT_EXTENSIONS, DOCUMENTS, EXTENSION_OF, negotiated_document
from ..state import state
from ..vendor import installed

bp = Blueprint("model", __name__)

MERMAID = "/static/mermaid/mermaid.min.js"


@dataclass(frozen=True)
class Said:
    """Text in a language: the page's, or English where the model has none in it."""

    text: str
    lang: str


@dataclass(frozen=True)
class Ref:
    """A term an entry points to, and where the link lands."""

    name: str  # ltc:Cluster, org:Site
    href: str  # #Cluster on this page; the IRI itself for a borrowed term
    borrowed: bool


@dataclass
class Entry:
    """One class or property of the model, as its entry on the page shows it."""

    id: str
    ref: Ref
    label: Said
    definition: Said
    parents: list[Ref]  # superclasses or superproperties
    domain: list[Ref] = field(default_factory=list)  # several: the union of them
    range: list[Ref] = field(default_factory=list)
    exact: list[Ref] = field(default_factory=list)  # the alignments' skos:exactMatch
    close: list[Ref] = field(default_factory=list)  # and skos:closeMatch
    children: list[Ref] = field(default_factory=list)  # subclasses
    properties: list[Ref] = field(default_factory=list)  # properties whose domain names it
    also: list[Said] = field(default_factory=list)  # its label in the other languages


@dataclass(frozen=True)
class Borrowed:
    """A term of another vocabulary: how the data uses it (its label and definition here,
    where the ontology documents it) and the model's entries that name it."""

    id: str  # org-Site
    ref: Ref
    label: Said
    definition: Said
    users: list[Ref]


@bp.get("/ontology")
@bp.get("/ontology.<ext>")
@bp.get("/ontology/1.0.0")
@bp.get("/ontology/aligns")
def ontology(ext: str | None = None) -> Response:
    if ext is not None and f".{ext}" not in EXTENSION_OF.values():
        raise HttpError(404, f"no ontology format .{ext}; there are: "
                        + ", ".join(EXTENSION_OF.values()))
    _media, media = negotiated_document(html=True)
    graph = state().documents.dataset.graph(ONTOLOGY_GRAPH)
    if media == "text/html":
        words = {"drawing": _("Drawing the diagram…"),
                 "failed": _("The diagram could not be drawn; its source is shown instead."),
                 "actual": _("Show it at its own size"), "fit": _("Fit it to the page")}
        page = render_template(
            "ontology.html", diagram=mermaid(graph),
            mermaid=MERMAID if installed("mermaid", "mermaid.min.js") else None,
            words=words, **documentation(graph, page_language()))
        return finish(Response(page, mimetype="text/html"), ("ontology", media))
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    return _serve(copy, media, "ontology")


@bp.get("/context.jsonld")
def jsonld_context() -> Response:
    """The JSON-LD context for developers: short names for the model's terms."""
    documents = state().documents
    body = documents.get("context", lambda: json.dumps(
        context(documents.dataset.graph(ONTOLOGY_GRAPH)), indent=2, sort_keys=True).encode())
    return finish(Response(body, mimetype="application/ld+json"), ("context",))


@bp.get("/shapes")
@bp.get("/shapes.<ext>")
def shapes(ext: str | None = None) -> Response:
    if ext is not None and f".{ext}" not in DOCUMENT_EXTENSIONS:
        raise HttpError(404, "the shapes are served as " + ", ".join(DOCUMENT_EXTENSIONS))
    _media, media = negotiated_document(html=False)
    copy = Graph()
    for triple in state().documents.dataset.graph(SHAPES_GRAPH):
        copy.add(triple)
    return _serve(copy, media, "shapes")


def _serve(graph: Graph, media: str, key: str) -> Response:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=False)
    body = graph.serialize(format=DOCUMENTS[media].rdflib).encode()
    return finish(Response(body, mimetype=media), (key, media))


def documentation(graph: Graph, lang: str) -> dict[str, object]:
    """What the page shows: the ontology's header, its classes and properties, and the terms
    it borrows from other vocabularies with the entries that use them."""
    header = URIRef(ONTOLOGY_IRI)
    classes = _entries(graph, OWL.Class, lang)
    objects = _entries(graph, OWL.ObjectProperty, lang)
    datatypes = _entries(graph, OWL.DatatypeProperty, lang)
    by_name = {e.ref.name: e for e in classes}
    for entry in classes:
        for parent in entry.parents:
            if parent.name in by_name:
                by_name[parent.name].children.append(entry.ref)
    for prop in objects + datatypes:
        for ref in prop.domain:
            if ref.name in by_name:
                by_name[ref.name].properties.append(prop.ref)
    return {
        "title": _said(graph, header, DCTERMS.title, lang),
        "description": _said(graph, header, DCTERMS.description, lang),
        "version": str(graph.value(header, OWL.versionInfo)),
        "namespace": str(LTC),
        "classes": classes, "object_properties": objects, "data_properties": datatypes,
        "borrowed": _borrowed(graph, classes + objects + datatypes, lang),
    }


def _entries(graph: Graph, kind: URIRef, lang: str) -> list[Entry]:
    terms = sorted(t for t in graph.subjects(RDF.type, kind)
                   if isinstance(t, URIRef) and t.startswith(str(LTC)))
    parent = RDFS.subClassOf if kind == OWL.Class else RDFS.subPropertyOf
    return [Entry(
        id=term[len(LTC):], ref=ref(term),
        label=_said(graph, term, RDFS.label, lang),
        definition=_said(graph, term, SKOS.definition, lang),
        parents=[ref(p) for p in sorted(graph.objects(term, parent)) if isinstance(p, URIRef)],
        domain=_members(graph, graph.value(term, RDFS.domain)),
        range=_members(graph, graph.value(term, RDFS.range)),
        exact=[ref(m) for m in sorted(graph.objects(term, SKOS.exactMatch))],
        close=[ref(m) for m in sorted(graph.objects(term, SKOS.closeMatch))],
        also=_others(graph, term, lang),
    ) for term in terms]


def ref(term: Node) -> Ref:
    """The link to a term: its entry on this page, or its IRI in its own vocabulary."""
    iri = str(term)
    if iri.startswith(str(LTC)):
        local = iri[len(LTC):]
        return Ref(f"ltc:{local}", f"#{local}", False)
    vocabulary = vocabulary_of(iri)
    name = f"{vocabulary.prefix}:{iri[len(vocabulary.namespace):]}" if vocabulary else f"<{iri}>"
    return Ref(name, iri, True)


def _members(graph: Graph, node: Node | None) -> list[Ref]:
    """A domain or range as links: one class, or each member of a union."""
    if isinstance(node, URIRef):
        return [ref(node)]
    union = graph.value(node, OWL.unionOf) if node is not None else None
    if union is None:
        return []
    return [ref(m) for m in Collection(graph, union) if isinstance(m, URIRef)]


def _said(graph: Graph, term: URIRef, prop: URIRef, lang: str) -> Said:
    """The value of `prop` in `lang`, else in English (and says which)."""
    values = {v.language: str(v) for v in graph.objects(term, prop) if hasattr(v, "language")}
    for choice in (lang, DEFAULT):
        if values.get(choice):
            return Said(values[choice], choice)
    return Said("", lang)


def _others(graph: Graph, term: URIRef, lang: str) -> list[Said]:
    """A term's label in the languages other than the one shown (the model is bilingual: a
    reader of either language sees both names)."""
    shown = _said(graph, term, RDFS.label, lang).lang
    return [Said(str(v), v.language) for v in sorted(graph.objects(term, RDFS.label))
            if getattr(v, "language", None) in LANGUAGES and v.language != shown]


def _borrowed(graph: Graph, entries: list[Entry], lang: str
              ) -> list[tuple[Vocabulary, list[Borrowed]]]:
    """Each vocabulary the model borrows from, with its terms: those the data uses (documented
    in the ontology with rdfs:isDefinedBy) and those the model's entries name."""
    users: dict[URIRef, set[Ref]] = defaultdict(set)
    for entry in entries:
        for target in (*entry.parents, *entry.domain, *entry.range, *entry.exact, *entry.close):
            if target.borrowed:
                users[URIRef(target.href)].add(entry.ref)
    documented = {t for t in graph.subjects(RDFS.isDefinedBy, None)
                  if isinstance(t, URIRef) and not t.startswith(str(LTC))}
    grouped: dict[str, list[Borrowed]] = defaultdict(list)
    for term in sorted(documented | set(users), key=lambda t: ref(t).name):
        vocabulary = vocabulary_of(str(term))
        named = ref(term)
        grouped[vocabulary.prefix if vocabulary else ""].append(Borrowed(
            id=named.name.replace(":", "-") if vocabulary else "", ref=named,
            label=_said(graph, term, RDFS.label, lang),
            definition=_said(graph, term, SKOS.definition, lang),
            users=sorted(users.get(term, ()), key=lambda r: r.name)))
    known = [(v, grouped[v.prefix]) for v in BORROWED if v.prefix in grouped]
    if grouped.get(""):  # a namespace this page has no title for
        other = _("Other vocabularies")
        known.append((Vocabulary("", "", (other, other), other, ""), grouped[""]))
    return known
