"""SHACL property paths as SPARQL property paths, so that a shape with any path is one query.

SHACL's path syntax (SHACL 1.0 section 2.3.1) maps one to one onto SPARQL 1.1's: a list is a
sequence, sh:alternativePath a list of alternatives, sh:inversePath `^`, and the three
repetitions `*`, `+` and `?`. A node that is both a list and something else is read as the
list, as the W3C test suite's "strange" paths expect. Anything else is not a path.
"""

from __future__ import annotations

from rdflib import BNode, Graph, URIRef
from rdflib.term import Node

from ...namespaces import RDF, SH

_UNARY = ((SH.inversePath, "^({})"), (SH.zeroOrMorePath, "({})*"),
          (SH.oneOrMorePath, "({})+"), (SH.zeroOrOnePath, "({})?"))


class PathError(ValueError):
    """The node is not a well-formed SHACL path."""


def sparql_path(graph: Graph, path: Node) -> str:
    """The SPARQL property path for the SHACL path `path` of `graph`.

    :raise PathError: `path` is not a well-formed SHACL path.
    """
    return _path(graph, path, set())


def is_predicate(path: Node | None) -> bool:
    """A path that is one property, which every query can look up in the store's indexes."""
    return isinstance(path, URIRef)


def _path(graph: Graph, path: Node, seen: set[Node]) -> str:
    if isinstance(path, URIRef):
        return f"<{path}>"
    if not isinstance(path, BNode) or path in seen:
        raise PathError(f"{path} is not a SHACL path")
    seen = seen | {path}
    if (path, RDF.first, None) in graph:
        steps = [_path(graph, step, seen) for step in _items(graph, path)]
        if len(steps) < 2:
            raise PathError("a sequence path has at least two members")
        return "(" + " / ".join(steps) + ")"
    found = [(p, o) for p, o in graph.predicate_objects(path) if p != RDF.type]
    if len(found) != 1:
        raise PathError(f"{path} is not a SHACL path")
    kind, inner = found[0]
    if kind == SH.alternativePath:
        options = [_path(graph, step, seen) for step in _items(graph, inner)]
        if len(options) < 2:
            raise PathError("an alternative path has at least two members")
        return "(" + " | ".join(options) + ")"
    for parameter, form in _UNARY:
        if kind == parameter:
            return form.format(_path(graph, inner, seen))
    raise PathError(f"{path} is not a SHACL path")


def _items(graph: Graph, head: Node) -> list[Node]:
    if head == RDF.nil or (head, RDF.first, None) not in graph:
        raise PathError(f"{head} is not a list")
    try:
        return list(graph.items(head))
    except ValueError as error:  # rdflib refuses a list that loops
        raise PathError(str(error)) from None
