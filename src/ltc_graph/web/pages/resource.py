"""What a resource's page shows, from its description (the CONSTRUCT of
publish/description.py): title, facts by property with the sections that state them,
incoming links, provenance; and, for a cluster, the panel of its seats, members by type,
networks, projects, events and stories.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote

import pyoxigraph as ox

from ...namespaces import LTC, PROV, RDFS, shorten
from ...publish.description import incoming_query, path_for
from ..i18n import page_language
from ..negotiation import DOCUMENT_EXTENSIONS
from ..state import state

LABEL = str(RDFS.label)
DERIVED = str(PROV.wasDerivedFrom)
PAGE = str(LTC.startPage)


def _select(query: str) -> list[dict[str, str]]:
    """The rows of one of the page's own queries (the project's prefixes predeclared)."""
    return state().service.rows(query, predeclared=True)


def page(iri: str, path: str, triples: list[ox.Triple]) -> dict[str, object]:
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
    for row in _select(f"""SELECT ?p ?o ?g ?page WHERE {{ GRAPH ?g {{ <{iri}> ?p ?o }}
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


def cluster_panel(iri: str) -> dict[str, object]:
    """What a cluster page shows first: seats, members by type, networks, projects, events."""
    seats = _select(f"""SELECT ?type ?address ?city ?country WHERE {{
        <{iri}> org:hasSite ?site . ?site ltc:siteType/rdfs:label ?type ;
          org:siteAddress ?a . ?a locn:fullAddress ?address ; ltc:city/rdfs:label ?city .
        FILTER(LANG(?type) = "en" && LANG(?city) = "en")
        OPTIONAL {{ ?a ltc:country/rdfs:label ?country FILTER(LANG(?country) = "en") }}
    }} ORDER BY ?type ?address""")
    members = _select(f"""SELECT ?category ?value ?year WHERE {{
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
        rows = _select(f"""SELECT DISTINCT ?x ?label WHERE {{ {pattern}
            ?x rdfs:label ?label FILTER(LANG(?label) = "en") }} ORDER BY ?label""")
        linked[name] = [(path_for(r["x"]) or r["x"], r["label"]) for r in rows]
    return {"seats": seats, "members": members, **linked}


def _key(term: object) -> str:
    return term.value if hasattr(term, "value") else str(term)
