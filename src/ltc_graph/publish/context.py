"""The published JSON-LD context: short names for the model's terms and the project's prefixes.

Generated from the ontology, so it never drifts from it: every ltc: property becomes a term
named after its local name, object properties typed `@id`, labels and other language-tagged
texts as language maps.
"""

from __future__ import annotations

from typing import Any

from rdflib import Graph, URIRef

from ..namespaces import LTC, OWL, PREFIXES, RDF, RDFS

# Vocabulary prefixes only: the kinds of resources (cluster:, project:, ...) would clash with
# the property names (ltc:cluster), and full IRIs of resources read well enough.
VOCABULARIES = ("ltc", "org", "locn", "schema", "eurio", "skos", "dcterms", "foaf", "prov",
                "owl", "rdfs", "rdf", "xsd")

COMMON = {
    "label": {"@id": "rdfs:label", "@container": "@language"},
    "altLabel": {"@id": "skos:altLabel"},
    "description": {"@id": "dcterms:description", "@container": "@language"},
    "homepage": {"@id": "foaf:homepage", "@type": "@id"},
    "derivedFrom": {"@id": "prov:wasDerivedFrom", "@type": "@id"},
    "type": "@type",
    "id": "@id",
}


def context(ontology: Graph) -> dict[str, Any]:
    terms: dict[str, Any] = {p: PREFIXES[p] for p in VOCABULARIES}
    terms.update(COMMON)
    for kind, typed in ((OWL.ObjectProperty, True), (OWL.DatatypeProperty, False)):
        for prop in sorted(ontology.subjects(RDF.type, kind)):
            if not (isinstance(prop, URIRef) and str(prop).startswith(str(LTC))):
                continue
            name = str(prop)[len(str(LTC)):]
            if name in terms:
                continue
            entry: dict[str, str] = {"@id": f"ltc:{name}"}
            if typed:
                entry["@type"] = "@id"
            elif ontology.value(prop, RDFS.range) == RDF.langString:
                entry["@container"] = "@language"
            terms[name] = entry
    return {"@context": terms}
