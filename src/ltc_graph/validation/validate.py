"""Validate the graph against the SHACL shapes and turn the W3C report into plain results.

The SHACL-SPARQL constraints run on Oxigraph (sparql_constraints.py). The core constraints run
on one of two engines that write the same report:

- "compiled" (compiled/): each constraint compiled to SPARQL on Oxigraph, all focus
  nodes of a shape at once (7 to 12 times faster than pySHACL on two processes in
  bench/validate_speed.py); it knows SHACL Core but for the cases model.py refuses, and
  passes every other case of the W3C test suite (tests/validation/test_w3c_suite.py);
- "pyshacl": the reference, with no inference and no owl:imports (the data states its
  classes, and nothing is fetched), optionally split over forked processes.

"auto" takes the compiled engine when it supports every shape, else pySHACL.
tests/validation/test_validation_engines.py holds the two to the same report.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal as Choice
from typing import TypeVar

import rdflib.plugins.sparql
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ..namespaces import RDF, SH, XSD, shorten
from . import pyshacl_engine as core_shacl
from . import sparql_constraints
from .compiled.engine import Engine
from .compiled.messages import describer
from .compiled.model import Shape, Unsupported, compile_shapes
from .compiled.report import ReportWriter
from .data import ValidationData
from .locations import Location, LocationIndex

# pySHACL runs SHACL-SPARQL through rdflib, which would fetch a graph a query names in FROM
# (a URL or a file) unless told not to; uploads reach here through POST /validate.
rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

EngineName = Choice["auto", "compiled", "pyshacl"]
Holder = Callable[[Node], Node | None]
SEVERITIES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}
ORDER = {"Violation": 0, "Warning": 1, "Info": 2}
T = TypeVar("T")


@dataclass(frozen=True)
class Result:
    """One validation result, in terms a maintainer reads."""

    severity: str
    focus: str
    message: str
    shape: str
    path: str | None = None
    value: str | None = None
    location: Location | None = None  # the block describing the focus node
    statement: Location | None = None  # the line stating `path`, else the block
    subject: str | None = None  # the IRI the result is about (a blank focus: the IRI holding it)

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
             jobs: int = 1, engine: EngineName = "auto", allow_warnings: bool = True) -> Report:
    """Check `data` against `shapes`; `index` adds file and line to each result.

    `jobs` > 1 splits pySHACL's work over forked processes: only for single-threaded callers
    such as the command line. Without `allow_warnings` the report's sh:conforms is SHACL's
    own (any result fails), as the W3C test suite expects; the project lets warnings pass.

    :raise Unsupported: `engine` is "compiled" and a shape uses SHACL it does not know.
    """
    return _validate(ValidationData.from_graph(data), shapes, index, jobs, engine, data,
                     allow_warnings=allow_warnings)


def validate_files(paths: Iterable[Path], shapes: Graph, index: LocationIndex | None = None,
                   jobs: int = 1, engine: EngineName = "auto",
                   only: Iterable[str] | None = None) -> Report:
    """Check the union of the triples in `paths`, read straight into Oxigraph (no rdflib
    graph unless pySHACL has to run).

    `only` limits the focus nodes to these IRIs, the resources that link to them and their
    blank nodes; every statement is still there for the constraints to read.

    :raise InputError: a file cannot be read or parsed.
    """
    data = ValidationData.from_files(paths)
    allowed = data.restrict(only) if only is not None else None
    return _validate(data, shapes, index, jobs, engine, None, allowed)


def validate_data(data: ValidationData, shapes: Graph, about: set[Node],
                  engine: EngineName = "auto") -> Report:
    """Check statements gathered by the caller (an upload among the published data) and
    report only the results whose focus node is in `about`: the other nodes are there for
    the constraints to read (links resolve, classes are known), not to be judged.

    Every focus node is still checked (a blank node of `about` may be held by nothing, so
    `validate_files`' restriction to linked resources could miss it): about 0.2 s with the
    repository's data.
    """
    return _validate(data, shapes, None, 1, engine, None, about=about)


def _validate(data: ValidationData, shapes: Graph, index: LocationIndex | None, jobs: int,
              engine: EngineName, graph: Graph | None,
              allowed: set[Node] | None = None, about: set[Node] | None = None,
              allow_warnings: bool = True) -> Report:
    core = sparql_constraints.without_sparql(shapes)
    compiled = None
    if engine != "pyshacl":
        try:
            compiled = compile_shapes(core)
        except Unsupported:
            if engine == "compiled":
                raise
    if graph is None and compiled is None:
        graph = data.to_graph()
    if compiled is not None:
        with ThreadPoolExecutor(max_workers=1) if jobs > 1 else _InPlace() as pool:
            # Oxigraph lets go of the GIL while it answers a query: the SHACL-SPARQL
            # constraints run on the second core while this one checks the core constraints.
            sparql = pool.submit(sparql_constraints.evaluate, shapes, data.store, data.within)
            report_graph = _compiled_report(data, core, compiled, graph, allow_warnings)
            sparql_results = sparql.result()
    else:
        assert graph is not None
        sparql_results = sparql_constraints.evaluate(shapes, data.store, data.within)
        report_graph = core_shacl.check(graph, core, jobs, allow_warnings)
        if allowed is not None:
            _keep_only(report_graph, allowed)
    sparql_constraints.add_to_report(report_graph, sparql_results)
    if about is not None:
        _keep_only(report_graph, about)
        _recount(report_graph)
    holder: Holder = data.holder if graph is None else \
        (lambda node: next(graph.subjects(None, node), None))
    nodes = list(report_graph.subjects(RDF.type, SH.ValidationResult))
    if index is not None:
        index.want(str(_described(focus, holder)) for focus in
                   (report_graph.value(node, SH.focusNode) for node in nodes)
                   if focus is not None)
    results = [_result(report_graph, node, holder, index, shapes) for node in nodes]
    results.sort(key=lambda r: (r.focus, ORDER[r.severity], r.shape, r.path or "", r.message,
                                r.value or ""))
    return Report(results=results, graph=report_graph, triples=len(data))


class _InPlace(Executor):
    """An executor that runs each call at once, in this thread (one job: no thread)."""

    def submit(self, fn: Callable[..., T], /, *args: object, **kwargs: object) -> Future[T]:
        done: Future[T] = Future()
        try:
            done.set_result(fn(*args, **kwargs))
        except BaseException as error:  # handed to the caller by result(), as a pool does
            done.set_exception(error)
        return done


def _compiled_report(data: ValidationData, core: Graph, compiled: list[Shape],
                     graph: Graph | None, allow_warnings: bool) -> Graph:
    if graph is not None:
        show = describer(lambda node: graph, graph)
    else:
        namespaces = Graph()
        namespaces.namespace_manager = data.namespaces

        def graph_of(node: BNode) -> Graph:
            described = Graph()
            described.namespace_manager = data.namespaces
            for triple in data.description(node):
                described.add(triple)
            return described

        show = describer(graph_of, namespaces)
    writer = ReportWriter(core, data.term, data.description, show, allow_warnings)
    return writer.write(Engine(data, allow_warnings).run(compiled))


def _keep_only(report: Graph, allowed: set[Node]) -> None:
    """Drop the results (and their details) whose focus node is not in `allowed`."""
    for node in list(report.subjects(SH.resultSeverity, None)):
        if report.value(node, SH.focusNode) not in allowed and \
                next(report.subjects(SH.detail, node), None) is None:
            todo = [node]
            while todo:
                gone = todo.pop()
                todo += list(report.objects(gone, SH.detail))
                report.remove((None, SH.result, gone))
                report.remove((gone, None, None))


def _recount(report: Graph) -> None:
    """sh:conforms again once results were dropped: false while a violation is left (as
    pySHACL decides with warnings allowed, and as `Report.conforms` does)."""
    top = next(report.subjects(RDF.type, SH.ValidationReport), None)
    if top is not None:
        violations = (report.value(r, SH.resultSeverity) == SH.Violation
                      for r in report.objects(top, SH.result))
        report.set((top, SH.conforms, Literal(not any(violations))))


def _result(report: Graph, node: Node, holder: Holder, index: LocationIndex | None,
            shapes: Graph) -> Result:
    focus = report.value(node, SH.focusNode)
    path = report.value(node, SH.resultPath)
    value = report.value(node, SH.value)
    messages = sorted(str(m) for m in report.objects(node, SH.resultMessage))
    source_shape = report.value(node, SH.sourceShape)
    location = statement = None
    about = _described(focus, holder) if focus is not None else None
    if index is not None and focus is not None:
        described = str(about)
        location = index.find(described)
        statement = index.find(described, str(path) if isinstance(path, URIRef) else None,
                               str(value) if isinstance(value, URIRef | Literal) else None)
    in_report: Holder = lambda n: next(report.subjects(None, n), None)  # noqa: E731
    return Result(
        severity=SEVERITIES.get(report.value(node, SH.resultSeverity), "Violation"),
        focus=_show(focus, holder),
        message=_IRI.sub(lambda m: shorten(m.group(0)), messages[0]) if messages
        else "constraint not met",
        # a blank shape is named after the shape that holds it, as CI systems list rules
        shape=_show(source_shape, lambda n: next(shapes.subjects(None, n), None)),
        path=_show(path, in_report) if path is not None else None,
        value=_show(value, holder) if value is not None and value != focus else None,
        location=location,
        statement=statement,
        subject=str(about) if isinstance(about, URIRef) else None,
    )


def _described(node: Node, holder: Holder) -> Node:
    """A blank node is reported at the IRI that holds it (its address belongs to the site)."""
    seen = 0
    while isinstance(node, BNode) and seen < 5:
        above = holder(node)
        if above is None:
            break
        node, seen = above, seen + 1
    return node


_IRI = re.compile(r"https?://[^\s\"<>{}]+[^\s\"<>{}.,;:)]")
_PLAIN = {XSD.integer, XSD.decimal, XSD.double, XSD.boolean}


def _show(term: Node | None, holder: Holder) -> str:
    if term is None:
        return ""
    if isinstance(term, Literal):
        if term.datatype in _PLAIN:
            return str(term)
        if term.datatype is not None and term.datatype != XSD.string:
            return f'"{term}"^^{shorten(str(term.datatype))}'
        return f'"{term}"' + (f"@{term.language}" if term.language else "")
    if isinstance(term, BNode):
        above = _described(term, holder)
        return f"[] in {_show(above, holder)}" if above != term else "[]"
    return shorten(str(term))


def summary(report: Report) -> str:
    counts = report.counts
    verdict = "conforms" if report.conforms else "does not conform"
    return (f"{report.triples} triples: {counts['Violation']} violations, "
            f"{counts['Warning']} warnings, {counts['Info']} infos: {verdict}")


