"""What a resource's own page says about it: the CONSTRUCT behind every dereferenced IRI.

A description holds the resource's outgoing statements (with the blank nodes they lead to,
such as addresses), the labels of the nodes and properties it links with (those blank nodes'
too), up to
INCOMING_LIMIT incoming links with the labels of their subjects, and the provenance of its
facts: each section (named graph) that states something about it, with the section's label,
source and start page. In JSON-LD it is compacted with the published context, so a client
reads short names (`label`, `cluster`) instead of IRIs.
"""

from __future__ import annotations

import json
import re
from typing import Any, NoReturn

from ..namespaces import BASE

INCOMING_LIMIT = 100
_SAFE_PATH = re.compile(r"/(id|graph)/[A-Za-z0-9][A-Za-z0-9._~-]*(/[A-Za-z0-9._~-]+)*"
                        r"|/ontology(/aligns)?")


def iri_for(path: str) -> str | None:
    """The persistent IRI a local path stands for (/id/cluster/afil), or None if not one."""
    if not _SAFE_PATH.fullmatch(path):
        return None
    return BASE + path


def path_for(iri: str) -> str | None:
    """The local path of a persistent IRI, so links stay on the host serving the pages."""
    if iri.startswith(BASE + "/") and iri_for(iri[len(BASE):].split("#")[0]):
        return iri[len(BASE):]
    return None


def construct(iri: str, limit: int = INCOMING_LIMIT) -> str:
    """The CONSTRUCT query describing `iri` (already checked by iri_for: safe to embed)."""
    return f"""
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX ltc: <https://w3id.org/ltc/ontology#>
CONSTRUCT {{
  <{iri}> ?p ?o . ?o rdfs:label ?olabel . ?p rdfs:label ?plabel . ?ip rdfs:label ?iplabel .
  ?b ?bp ?bo . ?bo rdfs:label ?bolabel .
  ?s ?ip <{iri}> . ?s rdfs:label ?slabel .
  <{iri}> prov:wasDerivedFrom ?g . ?g rdfs:label ?glabel ; prov:wasDerivedFrom ?source ;
    ltc:startPage ?page ; ltc:locator ?locator .
}} WHERE {{
  {{ <{iri}> ?p ?o OPTIONAL {{ ?o rdfs:label ?olabel FILTER(isIRI(?o)) }}
     OPTIONAL {{ ?p rdfs:label ?plabel }} }}
  UNION {{ <{iri}> ?p1 ?b . FILTER(isBlank(?b)) ?b ?bp ?bo
           OPTIONAL {{ ?bo rdfs:label ?bolabel FILTER(isIRI(?bo)) }} }}
  UNION {{ <{iri}> ?p1 ?b1 . ?b1 ?p2 ?b . FILTER(isBlank(?b1) && isBlank(?b)) ?b ?bp ?bo
           OPTIONAL {{ ?bo rdfs:label ?bolabel FILTER(isIRI(?bo)) }} }}
  UNION {{
    {{ SELECT ?s ?ip WHERE {{ ?s ?ip <{iri}> }} ORDER BY ?s ?ip LIMIT {int(limit)} }}
    OPTIONAL {{ ?s rdfs:label ?slabel }} OPTIONAL {{ ?ip rdfs:label ?iplabel }}
  }}
  UNION {{
    GRAPH ?g {{ <{iri}> ?gp ?go }}
    ?g prov:wasDerivedFrom ?source .
    OPTIONAL {{ ?g rdfs:label ?glabel }}
    OPTIONAL {{ ?g ltc:startPage ?page }}
    OPTIONAL {{ ?g ltc:locator ?locator }}
  }}
}}"""


def incoming_query(iri: str) -> str:
    """The SPARQL query that lists every incoming link, for when the page shows only some."""
    return f"SELECT ?subject ?property WHERE {{ ?subject ?property <{iri}> }} ORDER BY ?subject"


def compacted(ntriples: bytes, terms: dict[str, Any], context_url: str) -> str:
    """A description (N-Triples) as JSON-LD compacted with the context `terms` (the published
    context, given inline: nothing is fetched), which the document names by `context_url`."""
    from pyld import jsonld  # loaded only when JSON-LD is asked for

    def no_remote(url: str, options: object = None) -> NoReturn:
        raise jsonld.JsonLdError(f"remote documents are never loaded ({url})",
                                 "jsonld.LoadDocumentError")

    expanded = jsonld.from_rdf(ntriples.decode(), {"format": "application/n-quads"})
    document = jsonld.compact(expanded, terms, options={"documentLoader": no_remote})
    document["@context"] = context_url
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
