"""The namespaces of the graph, in one place so modules never spell IRIs by hand."""

from rdflib import Namespace

LTC = Namespace("https://w3id.org/ltc/ontology#")
ID = Namespace("https://w3id.org/ltc/id/")
GRAPH = Namespace("https://w3id.org/ltc/graph/")

ONTOLOGY_IRI = "https://w3id.org/ltc/ontology"
ONTOLOGY_GRAPH = GRAPH["ontology"]
SHAPES_GRAPH = GRAPH["shapes"]

ORG = Namespace("http://www.w3.org/ns/org#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
SCHEMA = Namespace("https://schema.org/")
EURIO = Namespace("http://data.europa.eu/s66#")

# Prefixes used when printing IRIs for people (reports, statistics).
PREFIXES: dict[str, str] = {
    "ltc": str(LTC),
    "ltcsh": "https://w3id.org/ltc/shapes#",
    "cluster": str(ID) + "cluster/",
    "project": str(ID) + "project/",
    "network": str(ID) + "network/",
    "unit": str(ID) + "unit/",
    "membership": str(ID) + "membership/",
    "programme": str(ID) + "programme/",
    "organisation": str(ID) + "organisation/",
    "person": str(ID) + "person/",
    "post": str(ID) + "post/",
    "role": str(ID) + "role/",
    "site": str(ID) + "site/",
    "count": str(ID) + "count/",
    "synergy": str(ID) + "synergy/",
    "story": str(ID) + "story/",
    "event": str(ID) + "event/",
    "document": str(ID) + "document/",
    "place": str(ID) + "place/",
    "country": str(ID) + "country/",
    "s3": str(ID) + "s3/",
    "pnrr": str(ID) + "pnrr/",
    "area": str(ID) + "area/",
    "action": str(ID) + "action/",
    "vocab": str(ID) + "vocab/",
    "source": str(ID) + "source/",
    "g": str(GRAPH),
    "org": str(ORG),
    "locn": str(LOCN),
    "schema": str(SCHEMA),
    "eurio": str(EURIO),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
}


def shorten(iri: str) -> str:
    """Return `prefix:local` for an IRI in a known namespace, else `<iri>`."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        return f"{best}:{iri[len(PREFIXES[best]):]}"
    return f"<{iri}>"


# A SPARQL prologue declaring every prefix above, for queries written by people.
SPARQL_PREFIXES = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items()) + "\n"
