"""Read the core constraints of a shapes graph into plain objects for the compiled engine.

The compiled engine (engine.py) knows every SHACL Core constraint component, every path form
and the four targets plus implicit class targets. A reachable shape that uses anything else
(SHACL-SPARQL targets, SHACL-AF, a malformed path, a parameter pySHACL would refuse) raises
`Unsupported`; validation then runs pySHACL, the reference, instead. Nothing is ever skipped
silently. docs/maintaining.md lists what stays with pySHACL, and why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ...namespaces import RDF, RDFS, SH
from .paths import PathError, sparql_path

TARGETS = (SH.targetNode, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf)
# Parameters that hold one value each in pySHACL (a second one is an error there).
SINGLE = (SH.minCount, SH.maxCount, SH.datatype, SH.nodeKind, SH.languageIn, SH["in"],
          SH.closed, SH.uniqueLang, SH.flags, SH.qualifiedMinCount, SH.qualifiedMaxCount,
          SH.qualifiedValueShape, SH.qualifiedValueShapesDisjoint, SH.path, SH.severity,
          SH.deactivated, SH.minLength, SH.maxLength)
# SHACL parameters that never produce a result by themselves.
INERT = {SH.name, SH.description, SH.order, SH.group, SH.defaultValue, SH.message,
         SH.severity, SH.deactivated, SH.path, SH.property, SH.ignoredProperties, SH.flags,
         SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount,
         SH.qualifiedValueShapesDisjoint, *TARGETS}
COMPONENTS = {SH["class"], SH.datatype, SH.nodeKind, SH.pattern, SH.minInclusive,
              SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.minLength, SH.maxLength,
              SH["in"], SH.hasValue, SH.languageIn, SH.uniqueLang, SH.minCount, SH.maxCount,
              SH.closed, SH.node, SH["not"], SH["and"], SH["or"], SH.xone, SH.equals,
              SH.disjoint, SH.lessThan, SH.lessThanOrEquals}
SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)
# Components whose parameter is a property, and those SHACL allows on property shapes only.
PAIRS = (SH.equals, SH.disjoint, SH.lessThan, SH.lessThanOrEquals)
PROPERTY_ONLY = (SH.minCount, SH.maxCount, SH.uniqueLang, SH.lessThan, SH.lessThanOrEquals)


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
    siblings: tuple[Shape, ...] = ()  # sh:qualifiedValueShapesDisjoint's sibling shapes


@dataclass(eq=False)
class Shape:
    """A node or property shape, as the shapes graph states it; `step` is its path in SPARQL."""

    node: Node
    path: Node | None
    severity: URIRef
    messages: tuple[Literal, ...]
    deactivated: bool
    step: str | None = None
    targets: dict[URIRef, tuple[Node, ...]] = field(default_factory=dict)
    properties: list[Shape] = field(default_factory=list)
    constraints: list[Constraint] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Shape({self.node})"


def compile_shapes(shapes: Graph) -> list[Shape]:
    """The shapes that have targets, each with everything it references.

    :raise Unsupported: a reachable shape uses a parameter the engine does not know.
    """
    for node in shapes.subjects(SH.target, None):
        raise Unsupported(f"{node} uses sh:target")  # SHACL-AF: never skipped silently
    reader = _Reader(shapes)
    for component in shapes.subjects(RDF.type, SH.ConstraintComponent):
        for parameter in shapes.objects(component, SH.parameter):
            reader.foreign.update(shapes.objects(parameter, SH.path))
    implicit = implicit_targets(shapes)
    targeted = sorted({s for p in TARGETS for s in shapes.subjects(p, None)} | implicit, key=str)
    compiled = [reader.shape(node) for node in targeted]
    for shape in compiled:
        if shape.node in implicit:
            shape.targets[SH.targetClass] += (shape.node,)
    return compiled


def implicit_targets(shapes: Graph) -> set[Node]:
    """Shapes that are classes too, which target their own instances (as pySHACL finds them:
    typed rdfs:Class or a class declared its subclass)."""
    classes = {RDFS.Class, *shapes.subjects(RDFS.subClassOf, RDFS.Class)}
    found = set()
    for cls in classes:
        for node in shapes.subjects(RDF.type, cls):
            if _is_shape(shapes, node):
                found.add(node)
    return found


def _is_shape(g: Graph, node: Node) -> bool:
    """pySHACL's test: declared a shape, or the subject or value of a shape's parameter."""
    if {SH.NodeShape, SH.PropertyShape} & set(g.objects(node, RDF.type)):
        return True
    if any((node, p, None) in g for p in (*TARGETS, SH.property, SH.node)):
        return True
    return any((None, p, node) in g for p in (SH.property, SH.node, SH["not"],
                                              SH.qualifiedValueShape)) or \
        any(node in g.items(lst) for p in SHAPE_LISTS for lst in g.objects(None, p))


class _Reader:
    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.done: dict[Node, Shape] = {}
        self.foreign: set[Node] = set()  # parameters of the shapes' own components

    def shape(self, node: Node) -> Shape:
        if (known := self.done.get(node)) is not None:
            return known
        g = self.graph
        for parameter in SINGLE:
            if len(list(g.objects(node, parameter))) > 1:
                raise Unsupported(f"{node} has more than one {parameter}")
        path = g.value(node, SH.path)
        try:
            step = sparql_path(g, path) if path is not None else None
        except PathError as error:
            raise Unsupported(f"{node} has a malformed sh:path: {error}") from None
        deactivated = g.value(node, SH.deactivated)
        shape = Shape(
            node=node,
            path=path,
            severity=g.value(node, SH.severity) or SH.Violation,
            messages=tuple(m for m in g.objects(node, SH.message) if isinstance(m, Literal)),
            deactivated=isinstance(deactivated, Literal) and deactivated.value is True,
            step=step,
            targets={p: tuple(g.objects(node, p)) for p in TARGETS},
        )
        self.done[node] = shape
        for target in shape.targets[SH.targetNode]:
            if isinstance(target, BNode):
                raise Unsupported(f"{node} targets a blank node")
        for predicate in set(g.predicates(node, None)):
            if str(predicate).startswith(str(SH)) and predicate not in INERT | COMPONENTS:
                raise Unsupported(f"{node} uses {predicate}")
            if predicate in self.foreign:
                raise Unsupported(f"{node} uses {predicate}, a parameter of a constraint "
                                  "component the shapes declare")
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
        if component in SHAPE_LISTS:
            try:
                listed = list(g.items(value))
            except ValueError:
                listed = []
            members = tuple(self.shape(m) for m in listed)
            if not members:
                raise Unsupported(f"{node} has an empty or malformed {component} list")
            return Constraint(component, value, shapes=members)
        if component in (SH.node, SH["not"]):
            return Constraint(component, value, shapes=(self.shape(value),))
        if component in (SH["in"], SH.languageIn):
            return Constraint(component, value, items=tuple(g.items(value)))
        if component == SH.closed:
            allowed = {p.path for p in shape.properties if isinstance(p.path, URIRef)}
            for ignored in g.objects(node, SH.ignoredProperties):
                allowed.update(g.items(ignored))
            return Constraint(component, value, items=tuple(sorted(allowed, key=str)))
        if component == SH.pattern:
            flags = g.value(node, SH.flags)
            return Constraint(component, value, flags=str(flags) if flags is not None else "")
        if component in PROPERTY_ONLY and shape.path is None:
            raise Unsupported(f"{node} uses {component} without a path")
        if component in PAIRS and not isinstance(value, URIRef):
            raise Unsupported(f"{node} compares with {value}, which is not a property")
        if component == SH.datatype and value in (RDFS.Literal, RDFS.Datatype):
            raise Unsupported(f"{node} uses sh:datatype {value}")
        if component in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive,
                         SH.minLength, SH.maxLength) and not isinstance(value, Literal):
            raise Unsupported(f"{node} has a {component} that is not a literal")
        return Constraint(component, value)

    def _qualified(self, node: Node) -> Constraint:
        g = self.graph
        least, most = g.value(node, SH.qualifiedMinCount), g.value(node, SH.qualifiedMaxCount)
        if least is None and most is None:
            raise Unsupported(f"{node} has a qualified shape without a count")
        value = g.value(node, SH.qualifiedValueShape)
        disjoint = g.value(node, SH.qualifiedValueShapesDisjoint)
        siblings: list[Node] = []
        if isinstance(disjoint, Literal) and disjoint.value is True:
            siblings = sorted({other for parent in g.subjects(SH.property, node)
                               for sibling in g.objects(parent, SH.property)
                               for other in g.objects(sibling, SH.qualifiedValueShape)
                               if other != value}, key=str)
        return Constraint(SH.qualifiedValueShape, value, shapes=(self.shape(value),),
                          minimum=int(least) if isinstance(least, Literal) else None,
                          maximum=int(most) if isinstance(most, Literal) else None,
                          siblings=tuple(self.shape(s) for s in siblings))
