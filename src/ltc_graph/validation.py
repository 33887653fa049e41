"""Validate the graph against the SHACL shapes and turn pySHACL's report into plain results.

pySHACL always receives parsed graphs (a string would be read as a path or URL), with no
inference and no owl:imports: the data already states its classes, and nothing is fetched.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rdflib import RDF, XSD, BNode, Graph, Literal, Namespace
from rdflib.term import Node

from . import core_shacl, sparql_constraints
from .locations import Location, LocationIndex
from .namespaces import shorten

SH = Namespace("http://www.w3.org/ns/shacl#")
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
ORDER = {"Violation": 0, "Warning": 1, "Info": 2}


@dataclass(frozen=True)
class Result:
    """One validation result, in terms a maintainer reads."""

    severity: str
    focus: str
    message: str
    shape: str
    path: str | None = None
    value: str | None = None
    location: Location | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "focus": self.focus,
            "path": self.path,
            "value": self.value,
            "message": self.message,
            "shape": self.shape,
            "file": self.location.path if self.location else None,
            "line": self.location.line if self.location else None,
        }


@dataclass
class Report:
    """The outcome of one validation run."""

    results: list[Result]
    graph: Graph
    triples: int

    @property
    def counts(self) -> Counter[str]:
        counts = Counter({name: 0 for name in ORDER})
        counts.update(r.severity for r in self.results)
        return counts

    @property
    def conforms(self) -> bool:
        """True when there is no violation (warnings and infos do not break conformance)."""
        return self.counts["Violation"] == 0


def validate(data: Graph, shapes: Graph, index: LocationIndex | None = None,
             jobs: int = 1) -> Report:
    """Check `data` against `shapes`; `index` adds file and line to each result.

    `jobs` > 1 splits the core constraints over forked processes: only for single-threaded
    callers such as the command line.
    """
    sparql_results = sparql_constraints.evaluate(shapes, sparql_constraints.to_oxigraph(data))
    report_graph = core_shacl.check(data, sparql_constraints.without_sparql(shapes), jobs)
    sparql_constraints.add_to_report(report_graph, sparql_results)
    results = [_result(report_graph, node, data, index) for node in
               report_graph.subjects(RDF.type, SH.ValidationResult)]
    results.sort(key=lambda r: (r.focus, ORDER[r.severity], r.shape, r.path or "", r.message))
    return Report(results=results, graph=report_graph, triples=len(data))


def _result(report: Graph, node: Node, data: Graph, index: LocationIndex | None) -> Result:
    focus = report.value(node, SH.focusNode)
    path = report.value(node, SH.resultPath)
    value = report.value(node, SH.value)
    messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
    source_shape = report.value(node, SH.sourceShape)
    location = None
    if index is not None and focus is not None:
        location = index.find(str(_described(focus, data)))
    return Result(
        severity=SEVERITIES.get(report.value(node, SH.resultSeverity), "Violation"),
        focus=_show(focus, data),
        message=_IRI.sub(lambda m: shorten(m.group(0)), messages[0]) if messages
        else "constraint not met",
        shape=_show(source_shape, report),
        path=_show(path, report) if path is not None else None,
        value=_show(value, data) if value is not None and value != focus else None,
        location=location,
    )


def _described(node: Node, data: Graph) -> Node:
    """A blank node is reported at the IRI that holds it (its address belongs to the site)."""
    seen = 0
    while isinstance(node, BNode) and seen < 5:
        holder = next(data.subjects(None, node), None)
        if holder is None:
            break
        node, seen = holder, seen + 1
    return node


_IRI = re.compile(r"https?://[^\s\"<>{}]+[^\s\"<>{}.,;:)]")
_PLAIN = {XSD.integer, XSD.decimal, XSD.double, XSD.boolean}


def _show(term: Node | None, graph: Graph) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        if term.datatype in _PLAIN:
            return str(term)
        if term.datatype is not None and term.datatype != XSD.string:
            return f'"{term}"^^{shorten(str(term.datatype))}'
        return f'"{term}"' + (f"@{term.language}" if term.language else "")
    if isinstance(term, BNode):
        holder = _described(term, graph)
        return f"[] in {_show(holder, graph)}" if holder != term else "[]"
    return shorten(str(term))


def summary(report: Report) -> str:
    counts = report.counts
    verdict = "conforms" if report.conforms else "does not conform"
    return (f"{report.triples} triples: {counts['Violation']} violations, "
            f"{counts['Warning']} warnings, {counts['Info']} infos: {verdict}")


