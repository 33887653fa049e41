"""The dataset's VoID and DCAT description: the hand-written one in data/dataset.trig, plus the
figures that are computed (triples, class and property partitions) and the publishing links
(SPARQL endpoint, dumps), which depend on where the site is served."""

from __future__ import annotations

from collections import Counter

from rdflib import BNode, Dataset, Graph, Literal, URIRef

from ..namespaces import DATASET_IRI as DATASET
from ..namespaces import DCAT, DCTERMS, GRAPH, PREFIXES, RDF, SHAPES_GRAPH, VOID
from ..rdf.files import union
from ..rdf.formats import DUMP_SYNTAXES, by_extension


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
    for ext, syntax in by_extension(DUMP_SYNTAXES).items():
        dump = URIRef(f"{base}/dumps/ltc-graph.{ext}")
        out.add((DATASET, VOID.dataDump, dump))
        distribution = URIRef(f"{base}/dumps/ltc-graph.{ext}#distribution")
        out.add((DATASET, DCAT.distribution, distribution))
        out.add((distribution, RDF.type, DCAT.Distribution))
        out.add((distribution, DCAT.downloadURL, dump))
        out.add((distribution, DCAT.mediaType,
                 URIRef(f"https://www.iana.org/assignments/media-types/{syntax.media}")))
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
    out.add((DATASET, DCTERMS.conformsTo, URIRef(str(VOID))))
    return out
