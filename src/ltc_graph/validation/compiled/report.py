"""Write the compiled engine's results as the W3C validation report pySHACL would write.

Same shape as pySHACL's: one sh:ValidationReport with sh:result links, results of sh:node
nested under sh:detail (typed sh:ValidationResult too), and the descriptions of blank focus
nodes, values and source shapes copied in with their identifiers, so the Turtle report reads
on its own and the text report names blank shapes as before.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from rdflib import BNode, Graph, Literal
from rdflib.term import Node

from ...namespaces import RDF, SH
from .engine import Found
from .messages import Describe, generic

Term = Callable[[object], Node]
Description = Callable[[BNode], Iterable[tuple[Node, Node, Node]]]


class ReportWriter:
    """Builds the report graph from `Found` results.

    `term` turns an engine term into rdflib, `describe` yields a blank data node's
    statements, `show` spells a data node for pySHACL's generic messages. With
    `allow_warnings` (pySHACL's option, the project's setting) warnings and infos conform;
    without it any result means the data does not, as SHACL defines it.
    """

    def __init__(self, shapes: Graph, term: Term, describe: Description, show: Describe,
                 allow_warnings: bool = True) -> None:
        self.shapes = shapes
        self.term = term
        self.describe = describe
        self.show = show
        self.allow_warnings = allow_warnings
        self.graph = Graph()
        self._copied: set[Node] = set()

    def write(self, found: Iterable[Found]) -> Graph:
        report = BNode()
        self.graph.add((report, RDF.type, SH.ValidationReport))
        conforms = True
        for item in found:
            self.graph.add((report, SH.result, self._result(item)))
            conforms = conforms and self.allow_warnings and \
                item.shape.severity in (SH.Warning, SH.Info)
        self.graph.add((report, SH.conforms, Literal(conforms)))
        return self.graph

    def _result(self, item: Found) -> BNode:
        g, node = self.graph, BNode()
        focus = self.term(item.focus)
        value = self.term(item.value) if item.value is not None else None
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.sourceConstraintComponent, item.component))
        g.add((node, SH.sourceShape, self._copy(item.shape.node, self._shape_statements)))
        g.add((node, SH.resultSeverity, item.shape.severity))
        g.add((node, SH.focusNode, self._copy(focus, self.describe)))
        if value is not None:
            g.add((node, SH.value, self._copy(value, self.describe)))
        if item.path is not None:
            g.add((node, SH.resultPath, self._copy(item.path, self._shape_statements)))
        messages = item.shape.messages or (Literal(generic(
            item.component, item.shape, self.shapes, self.show, focus, value)),)
        for message in messages:
            g.add((node, SH.resultMessage, message))
        for detail in item.details:
            g.add((node, SH.detail, self._result(detail)))
        return node

    def _copy(self, node: Node, describe: Description) -> Node:
        if isinstance(node, BNode) and node not in self._copied:
            self._copied.add(node)
            for triple in describe(node):
                self.graph.add(triple)
        return node

    def _shape_statements(self, node: BNode) -> Iterator[tuple[Node, Node, Node]]:
        todo, seen = [node], {node}
        while todo:
            subject = todo.pop()
            for p, o in self.shapes.predicate_objects(subject):
                yield subject, p, o
                if isinstance(o, BNode) and o not in seen:
                    seen.add(o)
                    todo.append(o)
