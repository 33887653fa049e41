"""The graph as a query engine: an in-memory Oxigraph store built from the repository's files.

Each source section keeps its named graph; the default graph holds the union of the ontology
and data graphs as a set, so a statement made by two sections counts once without GRAPH, and
`GRAPH ?g` still tells where it is stated. The shapes get their own named graph and stay out
of the default graph.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from .dataset import Layout, load_layout
from .namespaces import SHAPES_GRAPH
from .terms import to_ox


@dataclass(frozen=True)
class StoreInfo:
    """What the web layer needs to know of a store: its graphs, sizes and data version."""

    graphs: frozenset[str]
    version: str
    sizes: dict[str, int] = field(default_factory=dict)
    default_size: int = 0
    loaded_at: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass
class GraphStore:
    """An Oxigraph store with what the server needs to know about it."""

    store: ox.Store
    info: StoreInfo

    @classmethod
    def from_layout(cls, layout: Layout) -> GraphStore:
        return cls.from_dataset(load_layout(layout), _digest(layout.files))

    @classmethod
    def from_dataset(cls, dataset: Dataset, version: str = "") -> GraphStore:
        store = ox.Store()
        default = ox.DefaultGraph()
        sizes: dict[str, int] = {}
        union: set[tuple[object, object, object]] = set()
        for graph in dataset.graphs():
            name = graph.identifier
            if not isinstance(name, URIRef) or len(graph) == 0:
                continue
            sizes[str(name)] = len(graph)
            target = ox.NamedNode(str(name))
            quads = [(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph]
            store.extend(ox.Quad(s, p, o, target) for s, p, o in quads)
            if name != SHAPES_GRAPH:
                store.extend(ox.Quad(s, p, o, default) for s, p, o in quads)
                union.update(graph)
        info = StoreInfo(graphs=frozenset(sizes), version=version or "unversioned",
                         sizes=sizes, default_size=len(union))
        return cls(store=store, info=info)


def _digest(paths: list[Path]) -> str:
    """A short fingerprint of the files, used as the data version in ETags."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
