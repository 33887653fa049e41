"""The dataset's VoID and DCAT description: the hand-written one in data/dataset.trig, plus the
figures that are computed (triples, class and property partitions) and the publishing links
(SPARQL endpoint, dumps), which depend on where the site is served."""

from __future__ import annotations

from collections import Counter

from rdflib import RDF, BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS

from ..namespaces import GRAPH, PREFIXES, SHAPES_GRAPH
from ..rdf.files import union

VOID = Namespace("http://rdfs.org/ns/void#")
DATASET = URIRef("https://w3id.org/ltc/id/dataset/ltc-graph")
PERSISTENT_BASE = "https://w3id.org/ltc"  # the dumps describe the dataset where it is published
VOID_GRAPH = GRAPH["void"]
DUMPS = {"ttl": "text/turtle", "trig": "application/trig", "nq": "application/n-quads",
         "jsonld": "application/ld+json"}


def describe(dataset: Dataset, base: str) -> Graph:
    """VoID + DCAT for the dataset served at `base` (no trailing slash)."""
    data = union(dataset, exclude=[SHAPES_GRAPH])
    out = Graph()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns)
    out.bind("void", VOID)
    out.bind("dcat", DCAT)
    for triple in dataset.graph(GRAPH["dataset"]):
        out.add(triple)
    out.add((DATASET, VOID.triples, Literal(len(data))))
    out.add((DATASET, VOID.sparqlEndpoint, URIRef(f"{base}/sparql")))
    for ext, media in DUMPS.items():
        dump = URIRef(f"{base}/dumps/ltc-graph.{ext}")
        out.add((DATASET, VOID.dataDump, dump))
        distribution = URIRef(f"{base}/dumps/ltc-graph.{ext}#distribution")
        out.add((DATASET, DCAT.distribution, distribution))
        out.add((distribution, RDF.type, DCAT.Distribution))
        out.add((distribution, DCAT.downloadURL, dump))
        out.add((distribution, DCAT.mediaType,
                 URIRef(f"https://www.iana.org/assignments/media-types/{media}")))
    classes = Counter(o for _, o in data.subject_objects(RDF.type))
    for cls, count in sorted(classes.items()):
        partition = BNode()
        out.add((DATASET, VOID.classPartition, partition))
        out.add((partition, VOID["class"], cls))
        out.add((partition, VOID.entities, Literal(count)))
    properties = Counter(p for _, p, _ in data)
    for prop, count in sorted(properties.items()):
        partition = BNode()
        out.add((DATASET, VOID.propertyPartition, partition))
        out.add((partition, VOID.property, prop))
        out.add((partition, VOID.triples, Literal(count)))
    out.add((DATASET, VOID.distinctSubjects, Literal(len(set(data.subjects())))))
    out.add((DATASET, DCTERMS.conformsTo, URIRef("http://rdfs.org/ns/void#")))
    return out
