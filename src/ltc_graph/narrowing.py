"""Run each SHACL-SPARQL constraint once over the whole graph, so pySHACL visits only offenders.

pySHACL evaluates a SPARQL constraint once per focus node with rdflib's engine, tens of
milliseconds each: over a few thousand nodes that is most of a validation run. Every
constraint in our shapes selects `$this` and restricts it on its own (its class, its
properties), so one query over the whole graph, on Oxigraph, names exactly the nodes it will
report. The constraint then moves to a shape that targets just those nodes, and pySHACL writes
each result with its message as usual. A standard SHACL engine reading the shapes file gets
the same results, only slower.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.term import Node

SH = Namespace("http://www.w3.org/ns/shacl#")
_SKOLEM = "urn:ltc-bnode:"
_PREFIX_DECL = re.compile(r"^\s*PREFIX\s+[\w.-]*:\s*<[^>]*>", re.I)


def narrow_sparql_constraints(shapes: Graph, data: Graph) -> Graph:
    """A copy of `shapes` in which each SPARQL constraint targets only the nodes it reports."""
    store = _oxigraph(data)
    narrowed = Graph()
    for triple in shapes:
        narrowed.add(triple)
    for shape, constraint in list(shapes.subject_objects(SH.sparql)):
        if shapes.value(constraint, SH.deactivated) == Literal(True):
            continue
        narrowed.remove((shape, SH.sparql, constraint))
        offenders = _offenders(store, _global_query(shapes, constraint))
        if not offenders:
            continue
        holder = BNode()
        narrowed.add((holder, RDF.type, SH.NodeShape))
        narrowed.add((holder, SH.sparql, constraint))
        for severity in shapes.objects(shape, SH.severity):
            narrowed.add((holder, SH.severity, severity))
        for node in offenders:
            narrowed.add((holder, SH.targetNode, node))
    return narrowed


def _global_query(shapes: Graph, constraint: Node) -> str:
    """The constraint's SELECT wrapped to return the distinct `$this` values it would report."""
    select = str(shapes.value(constraint, SH.select))
    declared = [
        f"PREFIX {shapes.value(decl, SH.prefix)}: <{shapes.value(decl, SH.namespace)}>"
        for holder in shapes.objects(constraint, SH.prefixes)
        for decl in shapes.objects(holder, SH.declare)
    ]
    while match := _PREFIX_DECL.match(select):
        declared.append(match.group(0).strip())
        select = select[match.end():]
    return "\n".join(declared) + "\nSELECT DISTINCT ?this WHERE { { " + select + " } }"


def _oxigraph(data: Graph) -> ox.Store:
    store = ox.Store()
    store.extend(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in data)
    return store


def _to_ox(term: Node) -> ox.NamedNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.NamedNode(_SKOLEM + str(term))
    assert isinstance(term, Literal)
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def _offenders(store: ox.Store, query: str) -> set[Node]:
    found: set[Node] = set()
    for solution in store.query(query):
        node = solution["this"]
        if isinstance(node, ox.NamedNode):
            value = node.value
            found.add(BNode(value[len(_SKOLEM):]) if value.startswith(_SKOLEM) else URIRef(value))
    return found
