"""Full dumps of the graph in a deterministic form: same input, same bytes.

Blank nodes get canonical labels (rdflib.compare) and lines are sorted where the format is
line-based, so dumps diff cleanly and can be checksummed.
"""

from __future__ import annotations

from rdflib import Dataset, Graph
from rdflib.compare import to_canonical_graph

from .namespaces import PREFIXES, SHAPES_GRAPH

FORMATS = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "nt": "nt", "jsonld": "json-ld"}


def _canonical(dataset: Dataset) -> Dataset:
    """A copy whose blank nodes are labelled from their content, graph by graph."""
    out = Dataset()
    for prefix, ns in PREFIXES.items():
        out.bind(prefix, ns, override=True)
    for ctx in sorted(dataset.graphs(), key=lambda c: str(c.identifier)):
        if ctx.identifier == SHAPES_GRAPH or len(ctx) == 0:
            continue
        target = out.graph(ctx.identifier)
        for triple in to_canonical_graph(ctx):
            target.add(triple)
    return out


def dump(dataset: Dataset, fmt: str) -> str:
    """Serialise the ontology and data (not the shapes) as `fmt` (a key of FORMATS)."""
    canonical = _canonical(dataset)
    if fmt in ("nq", "nt"):
        if fmt == "nq":
            text = canonical.serialize(format="nquads")
        else:
            text = _merged(canonical).serialize(format="nt")
        return "".join(sorted(set(text.splitlines(keepends=True))))
    if fmt == "ttl":
        return _merged(canonical).serialize(format="turtle")
    if fmt == "jsonld":
        return canonical.serialize(format="json-ld", sort_keys=True, indent=2)
    return canonical.serialize(format=FORMATS[fmt])


def _merged(dataset: Dataset) -> Graph:
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    for ctx in dataset.graphs():
        for triple in ctx:
            graph.add(triple)
    return graph
