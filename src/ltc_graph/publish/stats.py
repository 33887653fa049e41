"""Counts that tell what the graph holds: triples, graphs, entities per class."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rdflib import Dataset, URIRef

from ..namespaces import ID, ONTOLOGY_GRAPH, RDF, SHAPES_GRAPH, shorten


@dataclass
class Stats:
    triples: int
    graphs: dict[str, int]
    classes: dict[str, int]

    def as_dict(self) -> dict[str, object]:
        return {"triples": self.triples, "graphs": self.graphs, "classes": self.classes}


def compute(dataset: Dataset) -> Stats:
    """Distinct triples over all graphs, triples per graph, and resources of /id/ per class."""
    graphs: dict[str, int] = {}
    distinct = set()
    typed: dict[URIRef, set[URIRef]] = {}
    for ctx in dataset.graphs():
        if len(ctx) == 0:
            continue
        graphs[shorten(str(ctx.identifier))] = len(ctx)
        distinct.update(ctx)
        if ctx.identifier in (ONTOLOGY_GRAPH, SHAPES_GRAPH):
            continue
        for s, _, o in ctx.triples((None, RDF.type, None)):
            if isinstance(s, URIRef) and str(s).startswith(str(ID)):
                typed.setdefault(o, set()).add(s)
    classes = Counter({shorten(str(c)): len(members) for c, members in typed.items()})
    return Stats(
        triples=len(distinct),
        graphs=dict(sorted(graphs.items())),
        classes=dict(sorted(classes.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def as_text(stats: Stats) -> str:
    lines = [f"{stats.triples} triples in {len(stats.graphs)} named graphs", ""]
    lines += ["Entities per class:"]
    lines += [f"  {count:>6}  {name}" for name, count in stats.classes.items()]
    lines += ["", "Triples per graph:"]
    lines += [f"  {count:>6}  {name}" for name, count in stats.graphs.items()]
    return "\n".join(lines) + "\n"
