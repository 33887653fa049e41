"""Each shape catches the defect it exists for: a broken copy of the data fails with its message.

The defects are data: `tests/defects/<Shape>--<reason>.ru` is a SPARQL Update that breaks the
repository's graph in one way, with the focus node and message the validation must report.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from pyshacl.helper.sparql_query_helper import SPARQLQueryHelper
from rdflib import Graph
from rdflib.namespace import SH

from ltc_graph.namespaces import SPARQL_PREFIXES
from ltc_graph.rdf.files import Layout, load, union
from ltc_graph.validation.validate import Report, validate

DEFECTS = sorted((Path(__file__).resolve().parents[1] / "defects").glob("*.ru"))


@dataclass(frozen=True)
class Defect:
    name: str
    focus: str
    message: str
    update: str

    @classmethod
    def read(cls, path: Path) -> Defect:
        header = dict(
            line[2:].split(": ", 1)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# ") and ": " in line
        )
        return cls(path.stem, header["focus"], header["message"], path.read_text("utf-8"))

    def found_in(self, report: Report) -> bool:
        return any(
            r.severity == "Violation"
            and r.focus in (self.focus, f"[] in {self.focus}")
            and self.message in r.message
            for r in report.results
        )


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return union(load(Layout.of().shapes))


@pytest.fixture(scope="session")
def baseline(graph: Graph, shapes: Graph) -> Report:
    return validate(graph, shapes)


def test_the_repository_graph_has_no_violation(baseline: Report) -> None:
    assert [r for r in baseline.results if r.severity == "Violation"] == []


def test_there_is_a_defect_for_every_shape_that_can_report_a_violation(shapes: Graph) -> None:
    named = {d.stem.split("--")[0] for d in DEFECTS}
    expected = {
        "ClusterShape", "LabelShape", "ProvenanceShape", "ReferenceShape", "AddressShape",
        "SiteShape", "MemberCountShape", "ProjectShape", "DateOrderShape", "SynergyShape",
        "PNRRReferenceShape", "PNRRComponentShape", "ConceptShape", "CountryShape",
        "UniqueLabelShape", "PostShape", "TermShape", "OntologyHeaderShape", "HomepageProperty",
        "ProjectStatusShape", "ExpansionShape", "CountryLinkShape", "OfficialListShape",
    }
    assert expected <= named


@pytest.mark.parametrize("path", DEFECTS, ids=[p.stem for p in DEFECTS])
def test_defect_is_reported_with_its_message(
    path: Path, graph: Graph, shapes: Graph, baseline: Report
) -> None:
    defect = Defect.read(path)
    assert not defect.found_in(baseline), "the unbroken data must not show this defect"
    broken = Graph()
    for triple in graph:
        broken.add(triple)
    broken.update(SPARQL_PREFIXES + defect.update)
    assert len(broken) != len(graph) or set(broken) != set(graph), "the update changed nothing"
    report = validate(broken, shapes)
    assert defect.found_in(report), "\n".join(
        f"{r.severity} {r.focus}: {r.message}" for r in report.results if r.severity != "Info"
    )


def test_splitting_the_core_constraints_over_processes_changes_nothing(
    graph: Graph, shapes: Graph, baseline: Report
) -> None:
    split = validate(graph, shapes, jobs=2, engine="pyshacl")
    assert split.results == baseline.results
    assert split.counts == baseline.counts
    broken = Graph()
    for triple in graph:
        broken.add(triple)
    for path in DEFECTS[:6]:
        broken.update(SPARQL_PREFIXES + Defect.read(path).update)
    one = validate(broken, shapes, engine="pyshacl")
    two = validate(broken, shapes, jobs=2, engine="pyshacl")
    assert one.counts["Violation"] >= 6 and one.results == two.results


def test_sparql_constraints_use_only_what_shacl_allows(shapes: Graph) -> None:
    """SHACL 1.0 (5.3.1) forbids MINUS, VALUES and SERVICE in a SPARQL constraint, because the
    focus node is pre-bound; pySHACL refuses the whole run over one of them, and reads the
    words in comments too, so its own patterns are the test."""
    selects = [str(text) for text in shapes.objects(None, SH.select)]
    assert len(selects) >= 10
    helper = SPARQLQueryHelper
    for text in selects:
        for pattern in (helper.has_minus_regex, helper.has_values_regex,
                        helper.has_service_regex):
            assert not pattern.search(text), text
