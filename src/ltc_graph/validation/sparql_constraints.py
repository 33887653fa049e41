"""Evaluate the SHACL-SPARQL constraints of the shapes on Oxigraph, once per constraint.

pySHACL runs a SPARQL constraint once per focus node on rdflib's engine, at tens of
milliseconds each, which made these constraints most of a validation run. Here each
constraint's SELECT runs once over the whole graph on Oxigraph, `$this` joined with the
shape's targets (a pattern, so blank focus nodes need no skolem IRIs), and each solution
becomes a validation result exactly as SHACL 1.0 section 5.3 describes: focus node `$this`,
path `?path` or the shape's path, value `?value` (or the focus node), the message with
`{?var}` filled in, and the shape's severity. The core constraints are checked apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal
from rdflib.term import Node

from ..namespaces import RDF, RDFS, SH
from ..rdf.terms import from_ox, to_ox
from .compiled.engine import targets_pattern
from .compiled.model import TARGETS

_PREFIX_DECL = re.compile(r"^\s*PREFIX\s+[\w.-]*:\s*<[^>]*>", re.I)
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)
_PLACEHOLDER = re.compile(r"\{[?$](\w+)\}")


@dataclass(frozen=True)
class SparqlResult:
    focus: Node
    shape: Node
    constraint: Node
    severity: Node
    message: str
    path: Node | None
    value: Node | None


def without_sparql(shapes: Graph) -> Graph:
    """The shapes minus their SPARQL constraints, for the core-only engine."""
    core = Graph()
    for triple in shapes:
        if triple[1] != SH.sparql:
            core.add(triple)
    return core


def evaluate(shapes: Graph, store: ox.Store, within: str = "") -> list[SparqlResult]:
    """Every result of every active SPARQL constraint in `shapes` over `store`, for the focus
    nodes that the pattern `within` binds to ?this (all if empty)."""
    results: list[SparqlResult] = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        if Literal(True) in (shapes.value(shape, SH.deactivated),
                             shapes.value(constraint, SH.deactivated)):
            continue
        targets = {p: tuple(shapes.objects(shape, p)) for p in TARGETS}
        if (shape, RDF.type, RDFS.Class) in shapes:
            targets[SH.targetClass] += (shape,)
        pattern = targets_pattern(targets, lambda node: str(to_ox(node)), within)
        if pattern is None:
            continue
        severity = shapes.value(shape, SH.severity) or SH.Violation
        template = str(shapes.value(constraint, SH.message) or
                       shapes.value(shape, SH.message) or "SPARQL constraint not met")
        shape_path = shapes.value(shape, SH.path)
        solutions = store.query(_query(shapes, constraint, pattern))
        names = [variable.value for variable in solutions.variables]
        for row in solutions:
            bindings = {name: from_ox(row[name]) for name in names if row[name] is not None}
            focus = bindings.get("this")
            if focus is None:
                continue
            results.append(SparqlResult(
                focus=focus,
                shape=shape,
                constraint=constraint,
                severity=severity,
                message=_fill(template, bindings),
                path=bindings.get("path", shape_path),
                value=bindings.get("value", focus if shape_path is None else None),
            ))
    return results


def add_to_report(report: Graph, results: list[SparqlResult]) -> None:
    """Write the results into a W3C validation report graph, and fix its sh:conforms."""
    node = next(report.subjects(RDF.type, SH.ValidationReport), None)
    if node is None:
        node = BNode()
        report.add((node, RDF.type, SH.ValidationReport))
    for r in results:
        result = BNode()
        report.add((node, SH.result, result))
        report.add((result, RDF.type, SH.ValidationResult))
        report.add((result, SH.focusNode, r.focus))
        report.add((result, SH.resultSeverity, r.severity))
        report.add((result, SH.sourceShape, r.shape))
        report.add((result, SH.sourceConstraint, r.constraint))
        report.add((result, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
        report.add((result, SH.resultMessage, Literal(r.message)))
        if r.path is not None:
            report.add((result, SH.resultPath, r.path))
        if r.value is not None:
            report.add((result, SH.value, r.value))
    if results:
        report.set((node, SH.conforms, Literal(False)))


def _query(shapes: Graph, constraint: Node, targets: str) -> str:
    """The constraint's SELECT with its prefixes, and `$this` joined with the targets."""
    select = str(shapes.value(constraint, SH.select))
    declared = [
        f"PREFIX {shapes.value(decl, SH.prefix)}: <{shapes.value(decl, SH.namespace)}>"
        for holder in shapes.objects(constraint, SH.prefixes)
        for decl in shapes.objects(holder, SH.declare)
    ]
    while match := _PREFIX_DECL.match(select):
        declared.append(match.group(0).strip())
        select = select[match.end():]
    where = _WHERE.search(select)
    if where is None:
        raise ValueError(f"SPARQL constraint without WHERE clause: {select[:80]}")
    bound = f"{select[:where.end()]} {targets} {select[where.end():]}"
    return "\n".join(declared) + "\n" + bound


def _fill(template: str, bindings: dict[str, Node]) -> str:
    def one(match: re.Match[str]) -> str:
        term = bindings.get(match.group(1))
        return "" if term is None else str(term)

    return _PLACEHOLDER.sub(one, template)

