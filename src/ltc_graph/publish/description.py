"""What a resource's own page says about it: the CONSTRUCT behind every dereferenced IRI.

A description holds the resource's outgoing statements (with the blank nodes they lead to,
such as addresses), the labels of the nodes and properties it links with, up to
INCOMING_LIMIT incoming links with the labels of their subjects, and the provenance of its
facts: each section (named graph) that states something about it, with the section's label,
source and start page.
"""

from __future__ import annotations

import re

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
  ?b ?bp ?bo .
  ?s ?ip <{iri}> . ?s rdfs:label ?slabel .
  <{iri}> prov:wasDerivedFrom ?g . ?g rdfs:label ?glabel ; prov:wasDerivedFrom ?source ;
    ltc:startPage ?page ; ltc:locator ?locator .
}} WHERE {{
  {{ <{iri}> ?p ?o OPTIONAL {{ ?o rdfs:label ?olabel FILTER(isIRI(?o)) }}
     OPTIONAL {{ ?p rdfs:label ?plabel }} }}
  UNION {{ <{iri}> ?p1 ?b . FILTER(isBlank(?b)) ?b ?bp ?bo }}
  UNION {{ <{iri}> ?p1 ?b1 . ?b1 ?p2 ?b . FILTER(isBlank(?b1) && isBlank(?b)) ?b ?bp ?bo }}
  UNION {{
    SELECT ?s ?ip ?slabel ?iplabel WHERE {{
      ?s ?ip <{iri}> OPTIONAL {{ ?s rdfs:label ?slabel }} OPTIONAL {{ ?ip rdfs:label ?iplabel }}
    }} ORDER BY ?s ?ip LIMIT {int(limit)}
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
