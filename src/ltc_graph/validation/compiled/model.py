"""Read the core constraints of a shapes graph into plain objects for the compiled engine.

The compiled engine (shacl_engine.py) knows exactly the SHACL Core components the project's
shapes use. Any shape reachable from a target that uses another SHACL parameter, a complex
path or an implicit class target raises `Unsupported`; validation then runs pySHACL, the
reference, instead. Nothing is ever skipped silently.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ...namespaces import OWL, RDF, RDFS, SH

TARGETS = (SH.targetNode, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
# Parameters that hold one value each in pySHACL (a second one is an error there).
SINGLE = (SH.minCount, SH.maxCount, SH.datatype, SH.nodeKind, SH.languageIn, SH["in"],
          SH.closed, SH.uniqueLang, SH.flags, SH.qualifiedMinCount, SH.qualifiedMaxCount,
          SH.qualifiedValueShape, SH.path, SH.severity, SH.deactivated)
# SHACL parameters that never produce a result by themselves.
INERT = {SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.message,
         SH.severity, SH.deactivated, SH.path, SH.property, SH.ignoredProperties, SH.flags,
         SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount, *TARGETS}
COMPONENTS = {SH["class"], SH.datatype, SH.nodeKind, SH.pattern, SH.minInclusive, SH["in"],
              SH.languageIn, SH.uniqueLang, SH.minCount, SH.maxCount, SH.closed, SH.node,
              SH["or"], SH.xone}


class Unsupported(Exception):
    """The shapes use SHACL the compiled engine does not implement."""


@dataclass(frozen=True)
class Constraint:
    """One constraint of a shape: its component and parameter value (`value`)."""

    component: URIRef
    value: Node
    shapes: tuple[Shape, ...] = ()
    items: tuple[Node, ...] = ()
    flags: str = ""
    minimum: int | None = None
    maximum: int | None = None


@dataclass(eq=False)
class Shape:
    """A node or property shape, as the shapes graph states it."""

    node: Node
    path: URIRef | None
    severity: URIRef
    messages: tuple[Literal, ...]
    deactivated: bool
    targets: dict[URIRef, tuple[Node, ...]] = field(default_factory=dict)
    properties: list[Shape] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)

    @property
    def blocking(self) -> bool:
        """pySHACL (with allow_warnings) lets warnings and infos conform."""
        return self.severity not in (SH.Warning, SH.Info)

    def __repr__(self) -> str:
        return f"Shape({self.node})"


def compile_shapes(shapes: Graph) -> list[Shape]:
    """The shapes that have targets, each with everything it references.

    :raise Unsupported: a reachable shape uses a parameter the engine does not know.
    """
    reader = _Reader(shapes)
    targeted = sorted({s for p in TARGETS for s in shapes.subjects(p, None)}, key=str)
    implicit = {s for s in shapes.subjects(RDF.type, SH.NodeShape)
                if {RDFS.Class, OWL.Class} & set(shapes.objects(s, RDF.type))}
    if implicit:
        raise Unsupported(f"implicit class target on {sorted(implicit)[0]}")
    return [reader.shape(node) for node in targeted]


class _Reader:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.done: dict[Node, Shape] = {}

    def shape(self, node: Node) -> Shape:
        if (known := self.done.get(node)) is not None:
            return known
        g = self.graph
        for parameter in SINGLE:
            if len(list(g.objects(node, parameter))) > 1:
                raise Unsupported(f"{node} has more than one {parameter}")
        path = g.value(node, SH.path)
        if path is not None and not isinstance(path, URIRef):
            raise Unsupported(f"{node} has a complex sh:path")
        deactivated = g.value(node, SH.deactivated)
        shape = Shape(
            node=node,
            path=path,
            severity=g.value(node, SH.severity) or SH.Violation,
            messages=tuple(m for m in g.objects(node, SH.message) if isinstance(m, Literal)),
            deactivated=isinstance(deactivated, Literal) and deactivated.value is True,
            targets={p: tuple(g.objects(node, p)) for p in TARGETS},
        )
        self.done[node] = shape
        for target in shape.targets[SH.targetNode]:
            if isinstance(target, BNode):
                raise Unsupported(f"{node} targets a blank node")
        for predicate in set(g.predicates(node, None)):
            if str(predicate).startswith(str(SH)) and predicate not in INERT | COMPONENTS:
                raise Unsupported(f"{node} uses {predicate}")
        shape.properties = [self.shape(p) for p in g.objects(node, SH.property)]
        if any(p.path is None for p in shape.properties):
            raise Unsupported(f"{node} has a property shape without sh:path")
        shape.constraints = self._constraints(node, shape)
        if g.value(node, SH.qualifiedValueShape) is not None:
            shape.constraints.append(self._qualified(node))
        return shape

    def _constraints(self, node: Node, shape: Shape) -> list[Constraint]:
        g = self.graph
        found: list[Constraint] = []
        for component in sorted(COMPONENTS, key=str):
            for value in g.objects(node, component):
                found.append(self._constraint(node, shape, component, value))
        return found

    def _constraint(self, node: Node, shape: Shape, component: URIRef,
                    value: Node) -> Constraint:
        g = self.graph
        if component in (SH["or"], SH.xone):
            members = tuple(self.shape(m) for m in g.items(value))
            if not members:
                raise Unsupported(f"{node} has an empty {component} list")
            return Constraint(component, value, shapes=members)
        if component == SH.node:
            target = self.shape(value)
            if target.path is not None:
                raise Unsupported(f"{node} points sh:node at a property shape")
            return Constraint(component, value, shapes=(target,))
        if component in (SH["in"], SH.languageIn):
            return Constraint(component, value, items=tuple(g.items(value)))
        if component == SH.closed:
            allowed = {p.path for p in shape.properties}
            for ignored in g.objects(node, SH.ignoredProperties):
                allowed.update(g.items(ignored))
            return Constraint(component, value, items=tuple(sorted(allowed, key=str)))
        if component == SH.pattern:
            flags = g.value(node, SH.flags)
            return Constraint(component, value, flags=str(flags) if flags is not None else "")
        if component == SH.uniqueLang and shape.path is None:
            raise Unsupported(f"{node} uses sh:uniqueLang without a path")
        if component in (SH.minCount, SH.maxCount) and shape.path is None:
            raise Unsupported(f"{node} counts values without a path")
        if component == SH.datatype and value in (RDFS.Literal, RDFS.Datatype):
            raise Unsupported(f"{node} uses sh:datatype {value}")
        if component == SH.minInclusive and not isinstance(value, Literal):
            raise Unsupported(f"{node} has a sh:minInclusive that is not a literal")
        return Constraint(component, value)

    def _qualified(self, node: Node) -> Constraint:
        g = self.graph
        least, most = g.value(node, SH.qualifiedMinCount), g.value(node, SH.qualifiedMaxCount)
        if least is None and most is None:
            raise Unsupported(f"{node} has a qualified shape without a count")
        value = g.value(node, SH.qualifiedValueShape)
        return Constraint(SH.qualifiedValueShape, value, shapes=(self.shape(value),),
                          minimum=int(least) if isinstance(least, Literal) else None,
                          maximum=int(most) if isinstance(most, Literal) else None)
