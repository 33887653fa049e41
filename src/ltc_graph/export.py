"""Full dumps of the graph in a deterministic form: same input, same bytes.

Blank nodes get labels computed from their content (rdflib.compare), prefixed by a digest of
their graph so that blank nodes of different graphs never merge in a triple dump. Graphs and
statements are written in sorted order, so dumps diff cleanly and can be checksummed.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from .namespaces import PREFIXES, SHAPES_GRAPH

FORMATS = {"ttl": "turtle", "trig": "trig", "nq": "nquads", "nt": "nt", "jsonld": "json-ld"}


def canonical_graphs(dataset: Dataset) -> list[tuple[URIRef, Graph]]:
    """The ontology and data graphs (not the shapes), sorted, with content-derived bnodes."""
    graphs = []
    for graph in dataset.graphs():
        name = graph.identifier
        if name == SHAPES_GRAPH or len(graph) == 0 or not isinstance(name, URIRef):
            continue
        salt = hashlib.sha1(str(name).encode()).hexdigest()[:8]
        canonical = _bound(Graph(identifier=name))
        for triple in to_canonical_graph(graph):
            canonical.add(tuple(_salted(term, salt) for term in triple))  # type: ignore[arg-type]
        graphs.append((name, canonical))
    return sorted(graphs, key=lambda pair: str(pair[0]))


def dump(dataset: Dataset, fmt: str) -> str:
    """Serialise the ontology and data (not the shapes) as `fmt` (a key of FORMATS)."""
    graphs = canonical_graphs(dataset)
    if fmt in ("nq", "nt"):
        lines: set[str] = set()
        for name, graph in graphs:
            text = graph.serialize(format="nt")
            suffix = f" <{name}> .\n" if fmt == "nq" else " .\n"
            lines.update(line[: -len(" .")] + suffix for line in text.splitlines() if line)
        return "".join(sorted(lines))
    if fmt == "ttl":
        merged = _bound(Graph())
        for _, graph in graphs:
            merged += graph
        return merged.serialize(format="turtle")
    if fmt == "trig":
        return _trig(graphs)
    return _jsonld(graphs)


def _trig(graphs: list[tuple[URIRef, Graph]]) -> str:
    """TriG written graph by graph: the Turtle of each graph, indented, inside its block."""
    prefixes: set[str] = set()
    blocks = []
    for name, graph in graphs:
        lines = graph.serialize(format="turtle").strip().splitlines()
        prefixes.update(line for line in lines if line.startswith("@prefix"))
        body = [line for line in lines if not line.startswith("@prefix")]
        indented = "\n".join(("    " + line) if line else "" for line in body).strip("\n")
        blocks.append(f"<{name}> {{\n{indented}\n}}\n")
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n".join(blocks)


def _jsonld(graphs: list[tuple[URIRef, Graph]]) -> str:
    """JSON-LD with one named graph object per graph, nodes and values in sorted order."""
    documents = []
    for name, graph in graphs:
        nodes = json.loads(graph.serialize(format="json-ld"))
        documents.append({"@id": str(name), "@graph": _sorted(nodes)})
    return json.dumps(documents, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _sorted(value: Any, ordered: bool = False) -> Any:
    """Sort JSON arrays (sets of nodes or values), except `@list` arrays, whose order is data."""
    if isinstance(value, list):
        items = [_sorted(v) for v in value]
        if ordered:
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    if isinstance(value, dict):
        return {k: _sorted(v, ordered=k == "@list") for k, v in value.items()}
    return value


def _salted(term: Node, salt: str) -> Node:
    return BNode(f"g{salt}{term}") if isinstance(term, BNode) else term


def _bound(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
    return graph
