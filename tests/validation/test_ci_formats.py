"""`ltc-graph validate --format junit|sarif|github`: each output read back by its own rules.

A copy of the data with three known mistakes in cluster:afil (its website removed; an end
date and a start date, in the wrong order, on properties the cluster model does not have)
must be reported at the file, line and column of each mistake: JUnit XML read with
xml.etree, SARIF checked against the official SARIF 2.1.0 JSON schema (Microsoft's SARIF SDK
ships it; `make test` fetches it into the venv) and GitHub workflow commands parsed with the
syntax GitHub documents.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from rdflib import Graph

from ltc_graph import __version__
from ltc_graph.cli import build_parser
from ltc_graph.namespaces import SHAPES_GRAPH
from ltc_graph.rdf.files import Layout, load, union
from ltc_graph.validation.ci import as_github, as_junit, as_sarif
from ltc_graph.validation.locations import Location, LocationIndex
from ltc_graph.validation.validate import Report, Result, validate_files

ROOT = Path(__file__).resolve().parents[2]
AFIL = "data/brochure/afil.trig"
HOMEPAGE = "        foaf:homepage <http://www.afil.it/> ;\n"
ACRONYM = '        ltc:acronym "AFIL" ;\n'
END = '        schema:endDate "2020-01-01"^^xsd:date ;\n'
START = '        schema:startDate "2021-01-01"^^xsd:date ;\n'
SCHEMA = Path(sys.prefix) / "share" / "sarif" / "sarif-2.1.0.json"
# ::command prop=value,prop=value::message; properties never hold a bare ":" or ",".
COMMAND = re.compile(r"^::(?P<command>error|warning|notice)(?: (?P<properties>[^:]*))?::"
                     r"(?P<message>.*)$")


def at(path: Path, needle: str) -> tuple[int, int]:
    """Line and column (from 1) of the first occurrence of `needle` in the file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number, line.index(needle) + 1
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of data/ whose cluster:afil has the three mistakes."""
    root = tmp_path_factory.mktemp("broken")
    shutil.copytree(ROOT / "data", root / "data")
    afil = root / AFIL
    text = afil.read_text(encoding="utf-8")
    assert HOMEPAGE in text and ACRONYM in text
    afil.write_text(text.replace(HOMEPAGE, "").replace(ACRONYM, ACRONYM + END + START),
                    encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def places(broken: Path) -> dict[str, tuple[int, int]]:
    """Where each mistake is: the block of cluster:afil, the end date and the start date."""
    afil = broken / AFIL
    return {"block": at(afil, "cluster:afil a ltc:Cluster"), "end": at(afil, "schema:endDate"),
            "start": at(afil, "schema:startDate")}


@pytest.fixture(scope="module")
def report(broken: Path) -> Report:
    layout = Layout.of()
    files = [*layout.ontology, *sorted((broken / "data").rglob("*.trig"))]
    shapes = union(load(layout.shapes, {p: SHAPES_GRAPH for p in layout.shapes}))
    return validate_files(files, shapes, LocationIndex(files, relative_to=broken))


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    if not SCHEMA.is_file():
        pytest.fail(f"no SARIF schema at {SCHEMA}: `make test` fetches it")
    return json.loads(SCHEMA.read_text(encoding="utf-8"))


def crafted(*results: Result) -> Report:
    return Report(results=list(results), graph=Graph(), triples=0)


# The locations of statements: a small TriG file, and a second file describing ex:a again.
TRIG = """\
@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .

ex:g {
    ex:a a ex:Thing ;
        rdfs:label "A"@en ;
        ex:part [ a ex:Part ;
            schema:name "inner" ] ;
        ex:link ex:b , ex:c ;
        ex:link ex:d ;
        schema:endDate "2021" .

    <http://example.org/b> a ex:Thing ; ex:link ex:a .
}
"""
OTHER = """\
@prefix ex: <http://example.org/> .

ex:a a ex:Thing ;
    ex:extra "x" .
ex:c a ex:Thing ;
    ex:only "y" .
"""
EX = "http://example.org/"


@pytest.mark.parametrize(
    ("iri", "predicate", "value", "file", "needle"),
    [
        ("a", None, None, "g.trig", "ex:a a"),
        ("a", "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", None, "g.trig", "a ex:Thing"),
        ("a", "http://www.w3.org/2000/01/rdf-schema#label", None, "g.trig", "rdfs:label"),
        ("a", "https://schema.org/name", None, "g.trig", "schema:name"),
        ("a", EX + "link", None, "g.trig", "ex:link ex:b"),
        ("a", EX + "link", EX + "d", "g.trig", "ex:link ex:d"),
        ("a", EX + "link", EX + "c", "g.trig", "ex:link ex:b"),
        ("a", "https://schema.org/endDate", "2021", "g.trig", "schema:endDate"),
        ("a", EX + "missing", None, "g.trig", "ex:a a"),
        ("a", EX + "extra", None, "other.ttl", "ex:extra"),
        ("a", EX + "only", None, "g.trig", "ex:a a"),
        ("b", None, None, "g.trig", "<http://example.org/b>"),
        ("b", EX + "link", None, "g.trig", "ex:link ex:a"),
    ],
)
def test_a_statement_is_found_at_its_line_and_column(
    tmp_path: Path, iri: str, predicate: str | None, value: str | None, file: str, needle: str,
) -> None:
    (tmp_path / "g.trig").write_text(TRIG, encoding="utf-8")
    (tmp_path / "other.ttl").write_text(OTHER, encoding="utf-8")
    # other.ttl first: the block with the label is still the one shown
    index = LocationIndex([tmp_path / "other.ttl", tmp_path / "g.trig"], relative_to=tmp_path)
    line, column = at(tmp_path / file, needle)
    assert index.find(EX + iri, predicate, value) == Location(file, line, column)
    assert index.find(EX + "nothing", predicate) is None


def test_junit_has_a_case_per_focus_and_shape_and_a_failure_per_violation(
    report: Report, places: dict[str, tuple[int, int]],
) -> None:
    suites = ET.fromstring(as_junit(report))
    suite = suites.find("testsuite")
    assert suite is not None
    cases = suite.findall("testcase")
    failing = [c for c in cases if c.find("failure") is not None]
    for element in (suites, suite):
        assert element.get("tests") == str(len(cases))
        assert element.get("failures") == str(len(failing))
        assert (element.get("errors"), element.get("skipped")) == ("0", "0")
    pairs = {(r.focus, r.shape if not r.shape.startswith("[]") else f"{r.shape[6:]} {r.path}")
             for r in report.results}
    assert sorted((c.get("name"), c.get("classname")) for c in cases) == sorted(pairs)

    shown = {c.get("classname"): c for c in failing if c.get("name") == "cluster:afil"}
    assert sorted(shown) == ["ltcsh:ClusterShape", "ltcsh:ClusterShape foaf:homepage",
                             "ltcsh:DateOrderShape"]
    assert len(failing) == 3  # the repository's own warnings pass without --strict
    (block, column), (end, _), (start, _) = places["block"], places["end"], places["start"]
    closed = "Uses a property that the cluster model does not have (the shape is closed)."
    assert [(f.get("type"), f.get("message"), f.text) for f in shown["ltcsh:ClusterShape"]] == [
        ("Violation", closed, f"{AFIL}:{end}:9: Violation: cluster:afil: {closed} "
                              '(path schema:endDate; value "2020-01-01"^^xsd:date)'),
        ("Violation", closed, f"{AFIL}:{start}:9: Violation: cluster:afil: {closed} "
                              '(path schema:startDate; value "2021-01-01"^^xsd:date)'),
    ]
    homepage = shown["ltcsh:ClusterShape foaf:homepage"]
    assert (homepage.get("file"), homepage.get("line")) == (AFIL, str(block))
    assert [f.text for f in homepage] == [
        f"{AFIL}:{block}:{column}: Violation: cluster:afil: A cluster has exactly one website. "
        "(path foaf:homepage)"]
    assert [f.get("message") for f in shown["ltcsh:DateOrderShape"]] == [
        "Starts (2021-01-01) after it ends (2020-01-01)."]


def test_junit_warnings_fail_only_when_strict(report: Report) -> None:
    def autitec(strict: bool) -> ET.Element:
        suites = ET.fromstring(as_junit(report, strict=strict))
        found = suites.find("testsuite/testcase[@name='project:autitec']"
                            "[@classname='ltcsh:ReversedDatesConflictShape']")
        assert found is not None
        return found

    passing, failing = autitec(strict=False), autitec(strict=True)
    assert passing.find("failure") is None
    assert "Warning: project:autitec: Source conflict: starts (2028) after it ends (2021)" in (
        passing.findtext("system-out") or "")
    assert [f.get("type") for f in failing.findall("failure")] == ["Warning"]
    warned = {(r.focus, r.shape) for r in report.results if r.severity == "Warning"}
    strict = ET.fromstring(as_junit(report, strict=True))
    assert strict.get("failures") == str(3 + len(warned))


def test_junit_counts_failing_cases_and_keeps_what_passes_in_system_out() -> None:
    report = crafted(Result("Violation", "ex:a", "one", "ex:S"),
                     Result("Warning", "ex:a", "two", "ex:S"),
                     Result("Violation", "ex:a", "three", "ex:S"),
                     Result("Info", "ex:b", "four", "ex:S"))
    for strict, failures in ((False, ["one", "three"]), (True, ["one", "two", "three"])):
        suites = ET.fromstring(as_junit(report, strict=strict))
        assert (suites.get("tests"), suites.get("failures")) == ("2", "1")
        a, b = suites.findall("testsuite/testcase")
        assert [f.get("message") for f in a.findall("failure")] == failures
        assert a.findtext("system-out") == (None if strict else "Warning: ex:a: two")
        assert (b.find("failure"), b.findtext("system-out")) == (None, "Info: ex:b: four")


def test_junit_drops_what_xml_cannot_carry() -> None:
    result = Result("Violation", "ex:a", "bad \x01value & <tag>", "ex:S")
    suites = ET.fromstring(as_junit(crafted(result)))
    assert suites.find("testsuite/testcase/failure").get("message") == "bad value & <tag>"


def test_sarif_is_valid_against_the_official_schema(
    report: Report, sarif_schema: dict[str, Any],
) -> None:
    import jsonschema

    checker = jsonschema.validators.validator_for(sarif_schema)
    elsewhere = Result("Info", "ex:a", "note, 100% sure", "ex:S",
                       location=Location("/abs/path/x y.ttl", 3, 2))
    nowhere = Result("Warning", "ex:b", "no file", "ex:S")
    for log in (as_sarif(report), as_sarif(crafted(elsewhere, nowhere))):
        errors = list(checker(sarif_schema).iter_errors(json.loads(log)))
        assert errors == [], [e.message for e in errors]
    # the schema is a real check: a wrong level is refused
    wrong = json.loads(as_sarif(crafted(nowhere)))
    wrong["runs"][0]["results"][0]["level"] = "fatal"
    assert not checker(sarif_schema).is_valid(wrong)


def test_sarif_results_point_at_the_mistakes(
    report: Report, places: dict[str, tuple[int, int]],
) -> None:
    log = json.loads(as_sarif(report))
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("ltc-graph", __version__)
    rules = driver["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert len(run["results"]) == len(report.results)
    levels = {"Violation": "error", "Warning": "warning", "Info": "note"}
    assert [r["level"] for r in run["results"]] == [levels[r.severity] for r in report.results]

    def where(result: dict[str, Any]) -> tuple[str, str, int, int]:
        location = result["locations"][0]["physicalLocation"]
        return (location["artifactLocation"]["uri"], location["artifactLocation"]["uriBaseId"],
                location["region"]["startLine"], location["region"]["startColumn"])

    errors = sorted((r["ruleId"], where(r), r["message"]["text"])
                    for r in run["results"] if r["level"] == "error")
    (block, column), (end, _), (start, _) = places["block"], places["end"], places["start"]
    closed = "cluster:afil: Uses a property that the cluster model does not have"
    assert [(rule, place) for rule, place, _ in errors] == [
        ("ltcsh:ClusterShape", (AFIL, "%SRCROOT%", end, 9)),
        ("ltcsh:ClusterShape", (AFIL, "%SRCROOT%", start, 9)),
        ("ltcsh:ClusterShape foaf:homepage", (AFIL, "%SRCROOT%", block, column)),
        ("ltcsh:DateOrderShape", (AFIL, "%SRCROOT%", block, column)),
    ]
    assert errors[0][2].startswith(closed) and errors[2][2] == (
        "cluster:afil: A cluster has exactly one website. (path foaf:homepage)")
    homepage = next(r for r in rules if r["id"] == "ltcsh:ClusterShape foaf:homepage")
    assert homepage["shortDescription"]["text"] == "A cluster has exactly one website."


def test_sarif_keeps_an_absolute_file_uri_outside_the_working_directory() -> None:
    result = Result("Info", "ex:a", "m", "ex:S", location=Location("/abs/path/x y.ttl", 3, 2))
    location = json.loads(as_sarif(crafted(result)))["runs"][0]["results"][0]["locations"][0]
    assert location["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///abs/path/x%20y.ttl"}


def parse(line: str) -> tuple[str, dict[str, str], str]:
    """A workflow command read back, its escapes undone."""
    match = COMMAND.match(line)
    assert match, line
    properties = dict(p.split("=", 1) for p in (match["properties"] or "").split(",") if p)
    return match["command"], {k: unescape(v) for k, v in properties.items()}, unescape(
        match["message"])


def unescape(text: str) -> str:
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","),
                           ("%25", "%")):
        text = text.replace(escaped, plain)
    return text


def test_github_commands_annotate_the_mistakes(
    report: Report, places: dict[str, tuple[int, int]],
) -> None:
    lines = as_github(report).splitlines()
    assert lines[-1] == f"{report.triples} triples: 4 violations, 7 warnings, 8 infos: " \
        "does not conform"
    commands = [parse(line) for line in lines[:-1]]
    assert [c for c, _, _ in commands] == [
        {"Violation": "error", "Warning": "warning", "Info": "notice"}[r.severity]
        for r in report.results]
    errors = sorted((p["title"], p["file"], int(p["line"]), int(p["col"]), m)
                    for c, p, m in commands if c == "error")
    (block, column), (end, _), (start, _) = places["block"], places["end"], places["start"]
    assert [e[:4] for e in errors] == [
        ("ltcsh:ClusterShape", AFIL, end, 9),
        ("ltcsh:ClusterShape", AFIL, start, 9),
        ("ltcsh:ClusterShape foaf:homepage", AFIL, block, column),
        ("ltcsh:DateOrderShape", AFIL, block, column),
    ]
    assert errors[3][4] == "cluster:afil: Starts (2021-01-01) after it ends (2020-01-01)."


def test_github_escapes_messages_and_properties() -> None:
    result = Result("Warning", "ex:a", "50% done\r\nnext: a, b", "ex:Shape, odd",
                    location=Location("dir,x/a:b.trig", 7, 3))
    line = as_github(crafted(result)).splitlines()[0]
    assert line == ("::warning file=dir%2Cx/a%3Ab.trig,line=7,col=3,title=ex%3AShape%2C odd"
                    "::ex:a: 50%25 done%0D%0Anext: a, b")
    assert parse(line) == ("warning", {"file": "dir,x/a:b.trig", "line": "7", "col": "3",
                                       "title": "ex:Shape, odd"}, "ex:a: 50% done\r\nnext: a, b")


@pytest.mark.parametrize("fmt", ["junit", "sarif", "github"])
def test_the_command_writes_each_format_and_exits_1(broken: Path, fmt: str) -> None:
    done = subprocess.run([sys.executable, "-m", "ltc_graph.cli", "validate", "--format", fmt,
                           "data"], cwd=broken, capture_output=True, text=True, timeout=300,
                          check=False)
    assert done.returncode == 1, done.stderr
    if fmt == "junit":
        assert ET.fromstring(done.stdout).get("failures") == "3"
    elif fmt == "sarif":
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                for r in json.loads(done.stdout)["runs"][0]["results"] if r["level"] == "error"}
        assert uris == {AFIL}
    else:
        errors = [parse(line)[1]["file"] for line in done.stdout.splitlines()[:-1]
                  if parse(line)[0] == "error"]
        assert errors == [AFIL] * 4


def test_the_pre_commit_hook_validates_the_data_when_rdf_changes() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "ltc-graph-validate"]
    assert (hook["id"], hook["entry"], hook["language"]) == (
        "ltc-graph-validate", "ltc-graph validate", "python")
    assert hook["pass_filenames"] is False  # the changed files alone have dangling links
    files = re.compile(hook["files"])
    assert [bool(files.search(p)) for p in ("data/x.trig", "ontology/ltc.ttl", "README.md",
                                            "x.ttl.bak")] == [True, True, False, False]
    build_parser().parse_args([*hook["entry"].split()[1:], "data"])


def test_the_example_workflow_checks_the_layout_annotates_and_uploads_sarif() -> None:
    workflow = yaml.safe_load((ROOT / "docs/ci/github-actions.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["validate"]["steps"]
    uses = [s["uses"].split("@")[0] for s in steps if "uses" in s]
    assert uses == ["actions/checkout", "actions/setup-python", "github/codeql-action/upload-sarif"]
    runs = [s["run"] for s in steps if "run" in s]
    assert runs[0] == "pip install ."
    assert build_parser().parse_args(runs[1].split()[1:]).check  # fmt --check comes first
    for run in runs[2:]:
        command = run.split(" > ")[0].split()
        assert command[:2] == ["ltc-graph", "validate"]
        assert build_parser().parse_args(command[1:]).format in {"github", "sarif"}
    sarif = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert f"> {sarif['with']['sarif_file']}" in runs[-1]
    assert "ci/github-actions.yml" in (ROOT / "README.md").read_text(encoding="utf-8")
