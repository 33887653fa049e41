"""The compiled engine against the W3C SHACL test suite, the measure of every SHACL engine.

The suite's `core` manifests (the Data Shapes working group's, as pySHACL's source
distribution ships them) are read as data: one test per manifest entry, which validates the
entry's data graph against its shapes graph with the compiled engine and compares
sh:conforms and the results (focus node, path, value, source shape, component, severity, as
a multiset) with the expected report. `make test` puts the suite under .venv/share/.

Two settings differ from the project's own runs, as the suite requires: conformance is
SHACL's (a warning fails too; the project lets warnings pass), and files are parsed without
rdflib's normalisation of literals (which reads "1"^^xsd:boolean as "true" before any engine
sees it). Cases the engine does not support (none in this suite) are listed in UNSUPPORTED
with the reason, and "auto" must run pySHACL for them; so must it for the SHACL beyond Core
in BEYOND_CORE.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import rdflib
from rdflib import BNode, Graph, Namespace
from rdflib.term import Node

from ltc_graph.namespaces import RDF, SH
from ltc_graph.validation.compiled.model import Unsupported, compile_shapes
from ltc_graph.validation.validate import Report, validate

SUITE = Path(sys.prefix) / "share" / "shacl-test-suite" / "core"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
MISSING = "the-suite-is-missing"

# Cases of the suite that the compiled engine refuses (so "auto" runs pySHACL), with why.
# Every component, path form and target of SHACL Core is compiled, so none is left; a case
# the engine came to refuse would fail test_case until it is listed here.
UNSUPPORTED: dict[str, str] = {}

# SHACL beyond the suite's Core that the engine refuses, each with why: "auto" runs pySHACL.
BEYOND_CORE = {
    "SPARQL-based target (SHACL-AF sh:target)": ("""
        ex:S a sh:NodeShape ; sh:target [ a sh:SPARQLTarget ;
            sh:select "SELECT ?this WHERE { ?this ex:p ?o }" ] ; sh:class ex:C .""",
        "sh:target"),
    "sh:datatype rdfs:Literal (pySHACL's own reading of it)": ("""
        ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:datatype rdfs:Literal ] .""",
        "sh:datatype"),
    "a blank node as sh:targetNode": ("""
        ex:S sh:targetNode [] ; sh:class ex:C .""", "targets a blank node"),
    "a constraint component of the shapes' own (SHACL-SPARQL)": ("""
        ex:Max a sh:ConstraintComponent ; sh:parameter [ sh:path ex:most ] ;
            sh:validator [ a sh:SPARQLAskValidator ;
                sh:ask "ASK { FILTER($value <= $most) }" ; sh:message "too big" ] .
        ex:S sh:targetNode ex:a ; sh:property [ sh:path ex:p ; ex:most 0 ] .""",
        "constraint component"),
}
PREFIXES = """@prefix ex: <http://example.org/> . @prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""
DATA = PREFIXES + "ex:a a ex:Thing ; ex:p ex:b, 1 . ex:b a ex:Other ."


@dataclass(frozen=True)
class Case:
    """One entry of a manifest: where its graphs are and the report it expects."""

    name: str
    manifest: Path
    data: Path
    shapes: Path


def _file(node: Node) -> Path:
    return Path(str(node).removeprefix("file://"))


def _cases(manifest: Path) -> Iterator[Case]:
    graph = Graph().parse(manifest, format="turtle")
    for included in graph.objects(None, MF.include):
        yield from _cases(_file(included))
    for entries in graph.objects(None, MF.entries):
        for entry in graph.items(entries):
            action = graph.value(entry, MF.action)
            yield Case(str(entry).split("/core/")[-1], manifest,
                       _file(graph.value(action, SHT.dataGraph)),
                       _file(graph.value(action, SHT.shapesGraph)))


CASES = sorted(_cases(SUITE / "manifest.ttl"), key=lambda c: c.name) \
    if (SUITE / "manifest.ttl").is_file() else []


@pytest.fixture(autouse=True)
def literals_as_written(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rdflib, "NORMALIZE_LITERALS", False)


def _path_key(graph: Graph, path: Node) -> str:
    """A SHACL path written out, so that paths in different graphs compare."""
    if not isinstance(path, BNode):
        return path.n3()
    if (path, RDF.first, None) in graph:
        return "(" + " / ".join(_path_key(graph, step) for step in graph.items(path)) + ")"
    if (alternatives := graph.value(path, SH.alternativePath)) is not None:
        return "(" + " | ".join(_path_key(graph, a) for a in graph.items(alternatives)) + ")"
    for parameter, form in ((SH.inversePath, "^{}"), (SH.zeroOrMorePath, "{}*"),
                            (SH.oneOrMorePath, "{}+"), (SH.zeroOrOnePath, "{}?")):
        if (inner := graph.value(path, parameter)) is not None:
            return form.format(_path_key(graph, inner))
    return "?"


def results(graph: Graph, report: Node, shared: bool) -> Counter[tuple[str, ...]]:
    """The report's results as comparable keys; blank nodes by label when the report and the
    expectation come from one file (the suite's usual case), else only as "a blank node"."""

    def term(node: Node | None) -> str:
        if node is None:
            return "-"
        return node.n3() if shared or not isinstance(node, BNode) else "[]"

    found: Counter[tuple[str, ...]] = Counter()
    for result in graph.objects(report, SH.result):
        path = graph.value(result, SH.resultPath)
        found[(term(graph.value(result, SH.focusNode)),
               _path_key(graph, path) if path is not None else "-",
               term(graph.value(result, SH.value)),
               term(graph.value(result, SH.sourceShape)),
               term(graph.value(result, SH.sourceConstraintComponent)),
               term(graph.value(result, SH.resultSeverity)))] += 1
    return found


def load(case: Case) -> tuple[Graph, Graph, Graph]:
    """The manifest, data and shapes graphs; a file named twice is one graph, so blank node
    labels agree between the data, the shapes and the expected report."""
    graphs: dict[Path, Graph] = {}
    for path in (case.manifest, case.data, case.shapes):
        if path not in graphs:
            graphs[path] = Graph().parse(path, format="turtle")
    return graphs[case.manifest], graphs[case.data], graphs[case.shapes]


def test_the_suite_is_there() -> None:
    if not CASES:
        pytest.fail(f"no W3C SHACL test suite at {SUITE}: `make test` fetches it")
    assert len(CASES) >= 95
    assert set(UNSUPPORTED) <= {case.name for case in CASES}


@pytest.mark.parametrize("case", CASES or [MISSING],
                         ids=[case.name for case in CASES] or [MISSING])
def test_case(case: Case | str) -> None:
    if not isinstance(case, Case):
        pytest.fail(f"no W3C SHACL test suite at {SUITE}: `make test` fetches it")
    manifest, data, shapes = load(case)
    if case.name in UNSUPPORTED:
        with pytest.raises(Unsupported):
            compile_shapes(shapes)
        assert_auto_is_pyshacl(data, shapes)
        return
    compile_shapes(shapes)  # raises Unsupported for a case missing from UNSUPPORTED
    entry = next(e for e in manifest.subjects(RDF.type, SHT.Validate)
                 if str(e).endswith("/" + case.name.rsplit("/", 1)[-1]))
    expected = manifest.value(entry, MF.result)
    report = validate(data, shapes, engine="compiled", allow_warnings=False).graph
    top = next(report.subjects(RDF.type, SH.ValidationReport))
    shared = case.data == case.manifest and case.shapes == case.manifest
    assert report.value(top, SH.conforms).value is manifest.value(expected, SH.conforms).value
    got, wanted = results(report, top, shared), results(manifest, expected, shared)
    assert got == wanted, f"only expected: {wanted - got}\nonly compiled: {got - wanted}"


def assert_auto_is_pyshacl(data: Graph, shapes: Graph) -> Report:
    auto = validate(data, shapes, engine="auto")
    reference = validate(data, shapes, engine="pyshacl")
    assert [(r.focus, r.path, r.value, r.shape, r.severity, r.message) for r in auto.results] \
        == [(r.focus, r.path, r.value, r.shape, r.severity, r.message)
            for r in reference.results]
    return auto


@pytest.mark.parametrize("name", sorted(BEYOND_CORE))
def test_auto_runs_pyshacl_beyond_core(name: str) -> None:
    text, reason = BEYOND_CORE[name]
    shapes = Graph().parse(data=PREFIXES + text, format="turtle")
    data = Graph().parse(data=DATA, format="turtle")
    with pytest.raises(Unsupported, match=reason):
        compile_shapes(shapes)
    with pytest.raises(Unsupported, match=reason):
        validate(data, shapes, engine="compiled")
    assert assert_auto_is_pyshacl(data, shapes).triples == len(data)
