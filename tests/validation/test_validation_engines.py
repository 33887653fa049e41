"""The compiled engine writes pySHACL's report, result for result; pySHACL is the reference.

Each case validates one graph with both engines and compares the results as multisets (a
result pySHACL gives twice must come twice): focus node, path, value, source shape, severity
and message. Cases: the repository's graph, every defect of tests/defects, a synthetic graph
with its injected defects, and shapes made to fail every component the engine knows, with
pySHACL's own messages where a shape has none.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph

from ltc_graph.authoring import synth
from ltc_graph.namespaces import SPARQL_PREFIXES
from ltc_graph.rdf.files import Layout, load, union
from ltc_graph.validation.compiled.model import Unsupported, compile_shapes
from ltc_graph.validation.sparql_constraints import without_sparql
from ltc_graph.validation.validate import Report, validate, validate_files

ROOT = Path(__file__).resolve().parents[2]
DEFECTS = sorted((ROOT / "tests" / "defects").glob("*.ru"))


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return union(load(Layout.of().shapes))


def results(report: Report) -> Counter:
    return Counter((r.focus, r.path, r.value, r.shape, r.severity, r.message)
                   for r in report.results)


def assert_same_report(data: Graph, shapes: Graph) -> Report:
    reference = validate(data, shapes, engine="pyshacl")
    compiled = validate(data, shapes, engine="compiled")
    expected, got = results(reference), results(compiled)
    assert got == expected, (f"only pySHACL: {expected - got}\nonly compiled: {got - expected}")
    assert compiled.counts == reference.counts and compiled.triples == reference.triples
    return compiled


def test_the_project_shapes_compile() -> None:
    shapes = union(load(Layout.of().shapes))
    assert len(compile_shapes(without_sparql(shapes))) > 30


def test_repository_graph(graph: Graph, shapes: Graph) -> None:
    assert_same_report(graph, shapes)


@pytest.mark.parametrize("path", DEFECTS, ids=[p.stem for p in DEFECTS])
def test_defect(path: Path, graph: Graph, shapes: Graph) -> None:
    broken = Graph()
    for triple in graph:
        broken.add(triple)
    broken.update(SPARQL_PREFIXES + path.read_text(encoding="utf-8"))
    assert_same_report(broken, shapes)


def test_synthetic_graph_with_its_defects(tmp_path: Path, shapes: Graph) -> None:
    path = tmp_path / "synth.trig"
    synth.write(path, scale=2)
    data = union(load([*Layout.of().ontology, path]))
    report = assert_same_report(data, shapes)
    assert report.counts["Violation"] > 0
    from_files = validate_files([*Layout.of().ontology, path], shapes)
    assert results(from_files) == results(report)


EVERY_COMPONENT_SHAPES = """
@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .

ex:ThingShape a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:closed true ; sh:ignoredProperties ( rdf:type ) ;
    sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:string ;
                  sh:pattern "^[A-Z]" ] ,
        [ sh:path ex:label ; sh:uniqueLang true ; sh:languageIn ( "en" "it" ) ] ,
        [ sh:path ex:size ; sh:datatype xsd:integer ; sh:minInclusive 1 ] ,
        [ sh:path ex:price ; sh:datatype xsd:decimal ; sh:maxCount 1 ] ,
        [ sh:path ex:colour ; sh:in ( "red" "green" ) ] ,
        [ sh:path ex:part ; sh:class ex:Part ; sh:nodeKind sh:IRI ; sh:node ex:PartShape ] ,
        [ sh:path ex:when ; sh:or ( [ sh:datatype xsd:date ] [ sh:datatype xsd:gYear ] ) ] ,
        [ sh:path ex:label ; sh:qualifiedValueShape [ sh:languageIn ( "it" ) ] ;
          sh:qualifiedMinCount 1 ] ,
        [ sh:path ex:note ; sh:severity sh:Warning ; sh:minCount 1 ] ;
    sh:xone ( [ sh:path ex:size ; sh:minCount 1 ] [ sh:path ex:price ; sh:minCount 1 ] ) .

ex:PartShape a sh:NodeShape ;
    sh:property [ sh:path ex:weight ; sh:minCount 1 ; sh:datatype xsd:decimal ] ,
        [ sh:path ex:note ; sh:severity sh:Info ; sh:maxCount 0 ] .

ex:TaggedShape a sh:NodeShape ;
    sh:targetSubjectsOf ex:tag ;
    sh:message "Tags are short codes." ;
    sh:property [ sh:path ex:tag ; sh:pattern "^[a-z]{2,4}$" ; sh:flags "i" ;
                  sh:message "A tag is 2 to 4 letters." ] ;
    sh:nodeKind sh:IRI .
"""

EVERY_COMPONENT_DATA = """
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:Special <http://www.w3.org/2000/01/rdf-schema#subClassOf> ex:Thing .
ex:good a ex:Thing ; ex:name "Good" ; ex:label "good"@en, "buono"@it ; ex:size 3 ;
    ex:colour "red" ; ex:part ex:p1 ; ex:when "2024"^^xsd:gYear ; ex:note "fine" .
ex:p1 a ex:Part ; ex:weight 1.5 .
ex:bad a ex:Special ; ex:name "bad", "Worse" ; ex:label "one"@en, "two"@en, "drei"@de ;
    ex:size 0, "many", "07"^^xsd:integer ; ex:price "2998000.00"^^xsd:decimal, "1.50"^^xsd:decimal ;
    ex:colour "blue", "red"@en ; ex:part ex:p2, [ ex:weight "heavy" ], "p3" ;
    ex:when "yesterday", "2024-01-01"^^xsd:date ; ex:extra 1 ;
    ex:tag "abcdef", "OK" .
ex:p2 ex:note "a", "b" .
_:anon a ex:Thing ; ex:tag _:anon .
"""


def test_every_component_and_generic_messages() -> None:
    shapes = Graph().parse(data=EVERY_COMPONENT_SHAPES, format="turtle")
    data = Graph().parse(data=EVERY_COMPONENT_DATA, format="turtle")
    report = assert_same_report(data, shapes)
    components = {report.graph.value(r, report.graph.namespace_manager.expand_curie(
        "sh:sourceConstraintComponent")) for r in report.graph.subjects()}
    assert len(components) >= 15, components
    assert any("Less than 1 values on" in r.message for r in report.results)


BEYOND_PROJECT_SHAPES = """
@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

ex:Item a sh:NodeShape, rdfs:Class ;
    sh:property [ sh:path ex:size ; sh:minExclusive 0 ; sh:maxInclusive 10 ;
                  sh:maxExclusive 9 ; sh:lessThan ex:limit ; sh:lessThanOrEquals ex:cap ] ,
        [ sh:path ex:code ; sh:minLength 2 ; sh:maxLength 3 ; sh:disjoint ex:alias ] ,
        [ sh:path ex:kind ; sh:hasValue ex:tool ; sh:equals ex:sort ] ,
        [ sh:path ( ex:part ex:maker ) ; sh:class ex:Maker ; sh:minCount 1 ] ,
        [ sh:path [ sh:inversePath ex:part ] ; sh:maxCount 0 ] ,
        [ sh:path [ sh:alternativePath ( ex:name ex:label ) ] ; sh:datatype xsd:string ] ,
        [ sh:path [ sh:zeroOrMorePath ex:next ] ; sh:nodeKind sh:IRI ] ,
        [ sh:path [ sh:oneOrMorePath ex:next ] ; sh:maxCount 2 ; sh:severity ex:Custom ] ,
        [ sh:path [ sh:zeroOrOnePath ex:next ] ; sh:not [ sh:class ex:Broken ] ] ,
        [ sh:path ex:part ; sh:property [ sh:path ex:weight ; sh:minCount 1 ] ;
          sh:and ( [ sh:nodeKind sh:IRI ] [ sh:class ex:Part ] ) ] ,
        [ sh:path ex:part ; sh:qualifiedValueShape [ sh:class ex:Part ] ;
          sh:qualifiedMaxCount 1 ; sh:qualifiedValueShapesDisjoint true ] ,
        [ sh:path ex:part ; sh:qualifiedValueShape [ sh:class ex:Spare ] ;
          sh:qualifiedMinCount 1 ; sh:qualifiedValueShapesDisjoint true ] ;
    sh:node [ sh:property [ sh:path ex:kind ; sh:minCount 1 ; sh:severity sh:Warning ] ] .

ex:NodeLevel a sh:NodeShape ;
    sh:targetNode ex:tool, "short" ;
    sh:hasValue ex:tool ; sh:maxLength 4 ; sh:equals ex:sort ; sh:disjoint ex:alias .
"""

BEYOND_PROJECT_DATA = """
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:good a ex:Item ; ex:size 5 ; ex:limit 6 ; ex:cap 5 ; ex:code "ab" ; ex:alias "cd" ;
    ex:kind ex:tool ; ex:sort ex:tool ; ex:part ex:p1, ex:s1 ; ex:name "Good" ; ex:next ex:n1 .
ex:p1 a ex:Part ; ex:maker ex:m1 ; ex:weight 1 .
ex:s1 a ex:Spare ; ex:maker ex:m1 ; ex:weight 2 .
ex:m1 a ex:Maker .
ex:bad a ex:Item ; ex:size 0, 10, "x" ; ex:limit 5, "y" ; ex:cap 9 ; ex:code "a", "abcd", _:c ;
    ex:alias "a" ; ex:kind ex:gadget ; ex:sort ex:other ; ex:part ex:p2, ex:p3, "p4" ;
    ex:name 1 ; ex:label "x"@en ; ex:next ex:n1 .
ex:p2 a ex:Part, ex:Broken ; ex:maker ex:nobody .
ex:p3 a ex:Part ; ex:weight 3 .
ex:n1 a ex:Broken ; ex:next ex:n2 . ex:n2 ex:next _:n3 . _:n3 ex:next ex:n1 .
ex:holder ex:part ex:bad .
ex:tool ex:sort ex:tool, ex:spanner ; ex:alias ex:tool .
"""


def test_components_beyond_the_project_shapes() -> None:
    """Every other Core component and path form, with pySHACL's messages and results."""
    shapes = Graph().parse(data=BEYOND_PROJECT_SHAPES, format="turtle")
    data = Graph().parse(data=BEYOND_PROJECT_DATA, format="turtle")
    report = assert_same_report(data, shapes)
    components = {str(o).rsplit("#", 1)[-1] for o in report.graph.objects(
        None, report.graph.namespace_manager.expand_curie("sh:sourceConstraintComponent"))}
    assert {"MinExclusiveConstraintComponent", "MaxInclusiveConstraintComponent",
            "MaxExclusiveConstraintComponent", "LessThanConstraintComponent",
            "LessThanOrEqualsConstraintComponent", "MinLengthConstraintComponent",
            "MaxLengthConstraintComponent", "DisjointConstraintComponent",
            "HasValueConstraintComponent", "EqualsConstraintComponent",
            "NotConstraintComponent", "AndConstraintComponent",
            "QualifiedMaxCountConstraintComponent",
            "QualifiedMinCountConstraintComponent"} <= components, components


def test_unsupported_shapes_fall_back_to_pyshacl() -> None:
    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S sh:target [ a sh:SPARQLTarget ; sh:select "SELECT ?this { ?this a ex:Thing }" ] ;
            sh:property [ sh:path ex:p ; sh:minCount 1 ] .""", format="turtle")
    data = Graph().parse(data="@prefix ex: <http://example.org/> . ex:a a ex:Thing .",
                         format="turtle")
    with pytest.raises(Unsupported):
        compile_shapes(shapes)
    with pytest.raises(Unsupported):
        validate(data, shapes, engine="compiled")
    assert [r.message for r in validate(data, shapes).results] == \
        [r.message for r in validate(data, shapes, engine="pyshacl").results]
    assert len(validate(data, shapes).results) == 1


# -- ltc-graph validate --changed-since ----------------------------------------------------

def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LTC_HOME": str(repo)}
    return subprocess.run([sys.executable, "-m", "ltc_graph.cli", "validate", *args], cwd=repo,
                          env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    for folder in ("ontology", "data", "shapes"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "data"], check=True)
    return tmp_path


def test_changed_since_reports_only_changed_resources_and_their_neighbours(repo: Path) -> None:
    unchanged = run(repo, "--changed-since", "HEAD")
    assert unchanged.returncode == 0, unchanged.stderr
    assert unchanged.stdout.endswith(" triples: 0 violations, 0 warnings, 0 infos: conforms\n")
    afil = repo / "data" / "brochure" / "afil.trig"
    afil.write_text(afil.read_text(encoding="utf-8").replace(
        "        foaf:homepage <http://www.afil.it/> ;\n", ""), encoding="utf-8")
    done = run(repo, "--changed-since", "HEAD")
    assert done.returncode == 1
    focus = [line for line in done.stdout.splitlines() if line and not line.startswith(" ")]
    assert focus[0].startswith("cluster:afil  (data/brochure/afil.trig:")
    assert "Violation A cluster has exactly one website." in done.stdout
    full = run(repo)
    assert full.returncode == 1 and len(full.stdout) > len(done.stdout)


def test_changed_since_an_unknown_revision_is_unusable_input(repo: Path) -> None:
    done = run(repo, "--changed-since", "no-such-revision")
    assert done.returncode == 2
    assert done.stderr == "ltc-graph: unknown revision 'no-such-revision'\n"
