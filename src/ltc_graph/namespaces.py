"""The namespaces and fixed IRIs of the graph, in one place so modules never spell IRIs by hand.

The W3C vocabularies come from rdflib's closed namespaces (a misspelt term fails at import);
the project's own are open. Every one is a `str`, so code working with Oxigraph terms writes
`ox.NamedNode(RDF.type)`.
"""

from rdflib import Namespace
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, VOID, XSD

__all__ = ["DCAT", "DCTERMS", "FOAF", "OWL", "PROV", "RDF", "RDFS", "SH", "SKOS",
           "VOID", "XSD"]

BASE = "https://w3id.org/ltc"  # where the dataset is published; served at / of any host
LTC = Namespace(f"{BASE}/ontology#")
ID = Namespace(f"{BASE}/id/")
GRAPH = Namespace(f"{BASE}/graph/")

ONTOLOGY_IRI = f"{BASE}/ontology"
ONTOLOGY_GRAPH = GRAPH["ontology"]
SHAPES_GRAPH = GRAPH["shapes"]
VOID_GRAPH = GRAPH["void"]
DATASET_IRI = ID["dataset/ltc-graph"]
VALIDATION_REPORT_IRI = f"{BASE}/validation"

ORG = Namespace("http://www.w3.org/ns/org#")
LOCN = Namespace("http://www.w3.org/ns/locn#")
SCHEMA = Namespace("https://schema.org/")
EURIO = Namespace("http://data.europa.eu/s66#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
W3C_FORMATS = Namespace("http://www.w3.org/ns/formats/")
SPARQL_RESULTS = "http://www.w3.org/2005/sparql-results#"  # the XML results' own namespace

# Prefixes used when printing IRIs for people (reports, statistics).
PREFIXES: dict[str, str] = {
    "ltc": str(LTC),
    "ltcsh": f"{BASE}/shapes#",
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
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "foaf": str(FOAF),
    "prov": str(PROV),
    "owl": str(OWL),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": str(XSD),
    "sh": str(SH),
    "dcat": str(DCAT),
    "void": str(VOID),
}
# Vocabularies the published documents also name, without being prefixes of the queries.
MORE_PREFIXES: dict[str, str] = {"dataset": str(ID) + "dataset/",
                                 "vann": "http://purl.org/vocab/vann/"}


def shorten(iri: str) -> str:
    """Return `prefix:local` for an IRI in a known namespace, else `<iri>`."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        return f"{best}:{iri[len(PREFIXES[best]):]}"
    return f"<{iri}>"


def prologue(*names: str) -> str:
    """SPARQL PREFIX lines for the named prefixes (all of them when none is named), in the
    order of PREFIXES."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()
                   if not names or p in names)


# A SPARQL prologue declaring every prefix above, for queries written by people.
SPARQL_PREFIXES = prologue()
