"""Full dumps of the graph in a deterministic form: same input, same bytes.

Blank nodes get labels computed from their content (rdflib.compare), prefixed by a digest of
their graph so that blank nodes of different graphs never merge in a triple dump. Graphs and
statements are written in sorted order, so dumps diff cleanly and can be checksummed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any, NoReturn

from pyld import jsonld
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

from ..namespaces import ONTOLOGY_GRAPH, PREFIXES, SHAPES_GRAPH
from ..rdf.formats import EXPORT_SYNTAXES, by_extension
from .context import context

FORMATS = by_extension(EXPORT_SYNTAXES)  # ttl, trig, nq, nt, jsonld


def canonical_graphs(dataset: Dataset) -> list[tuple[URIRef, Graph]]:
    """The ontology and data graphs (not the shapes), sorted, with content-derived bnodes."""
    graphs = []
    for graph in dataset.graphs():
        name = graph.identifier
        if name == SHAPES_GRAPH or len(graph) == 0 or not isinstance(name, URIRef):
            continue
        graphs.append((name, _canonical(name, graph)))
    return sorted(graphs, key=lambda pair: str(pair[0]))


def _canonical(name: URIRef, graph: Graph) -> Graph:
    salt = hashlib.sha1(str(name).encode()).hexdigest()[:8]
    canonical = _bound(Graph(identifier=name))
    for triple in to_canonical_graph(graph):
        canonical.add(tuple(_salted(term, salt) for term in triple))  # type: ignore[arg-type]
    return canonical


def dump(dataset: Dataset, fmt: str, extra: dict[URIRef, Graph] | None = None) -> str:
    """Serialise the ontology and data (not the shapes) as `fmt` (a key of FORMATS), with
    `extra` named graphs (such as the dataset's VoID description) beside them."""
    return dumps(dataset, [fmt], extra)[fmt]


def dumps(dataset: Dataset, formats: Iterable[str],
          extra: dict[URIRef, Graph] | None = None) -> dict[str, str]:
    """Several formats of `dump` from one canonicalisation, which costs most of a dump."""
    graphs = canonical_graphs(dataset)
    for name, graph in (extra or {}).items():
        graphs.append((name, _canonical(name, graph)))
    graphs.sort(key=lambda pair: str(pair[0]))
    return {fmt: _serialize(graphs, fmt, dataset.graph(ONTOLOGY_GRAPH)) for fmt in formats}


def _serialize(graphs: list[tuple[URIRef, Graph]], fmt: str, ontology: Graph) -> str:
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
    return _jsonld(graphs, ontology)


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


def _jsonld(graphs: list[tuple[URIRef, Graph]], ontology: Graph) -> str:
    """JSON-LD compacted with the published context, inlined so nothing must be fetched; one
    named graph object per graph, nodes and values in sorted order."""
    expanded = [{"@id": str(name), "@graph": json.loads(graph.serialize(format="json-ld"))}
                for name, graph in graphs]
    terms = context(ontology)["@context"]
    compact = jsonld.compact(expanded, terms, options={"documentLoader": _no_remote})
    return json.dumps(_sorted(compact), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _no_remote(url: str, options: object = None) -> NoReturn:
    raise jsonld.JsonLdError(f"remote documents are never loaded ({url})",
                             "jsonld.LoadDocumentError")


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
