"""Write a validation report for CI systems: JUnit XML, SARIF 2.1.0, GitHub Actions commands.

Each result points at the file, line and column of the statement at fault (the line giving
the result's property in the focus node's block, else the block's first line), so a CI
system can annotate the very line to change. Paths are those of the location index: the
command line makes them relative to the working directory, which CI runs at the repository
root.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from itertools import groupby
from pathlib import Path
from urllib.parse import quote

from .. import __version__
from .locations import Location
from .validate import Report, Result, summary

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {"Violation": "error", "Warning": "warning", "Info": "note"}
COMMANDS = {"Violation": "error", "Warning": "warning", "Info": "notice"}
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def where(result: Result) -> Location | None:
    """The statement at fault when the index found it, else the focus node's block."""
    return result.statement or result.location


def rule_id(result: Result) -> str:
    """The shape, named so that lists of rules and test classes read well: a blank property
    shape, shown as `[] in ltcsh:ClusterShape`, becomes `ltcsh:ClusterShape foaf:homepage`."""
    if result.shape.startswith("[] in ") and result.path:
        return f"{result.shape.removeprefix('[] in ')} {result.path}"
    return result.shape


def _detail(result: Result) -> str:
    parts = [f"path {result.path}" if result.path else "", f"value {result.value}"
             if result.value else ""]
    return "; ".join(p for p in parts if p)


def _text(result: Result) -> str:
    """One line: the focus node, the message, then path and value when there are any."""
    detail = _detail(result)
    return f"{result.focus}: {result.message}" + (f" ({detail})" if detail else "")


def as_junit(report: Report, *, strict: bool = False) -> str:
    """One suite; one test case per (focus node, shape), classname the shape and name the
    focus node, so dashboards list each check by name and track it from run to run.

    Violations are failures, one <failure> per result. Warnings are failures only with
    `strict`, otherwise the case passes and the warnings go to its <system-out>: a test
    report that fails exactly when `ltc-graph validate` exits 1 (as --strict decides) keeps
    dashboards and the build's status in agreement. Infos never fail and go to <system-out>.
    `failures` counts failing test cases, as JUnit counts failing tests.
    """
    failing = {"Violation", "Warning"} if strict else {"Violation"}
    suite = ET.Element("testsuite", name="ltc-graph validate")
    cases = failures = 0
    ordered = sorted(report.results, key=lambda r: (rule_id(r), r.focus))
    for (shape, focus), group in groupby(ordered, key=lambda r: (rule_id(r), r.focus)):
        results = list(group)
        case = ET.SubElement(suite, "testcase", classname=_xml(shape), name=_xml(focus))
        if at := next((where(r) for r in results if where(r)), None):
            case.set("file", at.path)
            case.set("line", str(at.line))
        cases += 1
        out = []
        for r in results:
            at = where(r)
            body = (f"{at}:{at.column}: " if at else "") + f"{r.severity}: {_text(r)}"
            if r.severity in failing:
                failure = ET.SubElement(case, "failure", message=_xml(r.message),
                                        type=r.severity)
                failure.text = _xml(body)
            else:
                out.append(body)
        failures += any(r.severity in failing for r in results)
        if out:
            ET.SubElement(case, "system-out").text = _xml("\n".join(out))
    counts = {"tests": str(cases), "failures": str(failures), "errors": "0", "skipped": "0"}
    for name, value in counts.items():
        suite.set(name, value)
    ET.SubElement(suite, "system-out").text = summary(report)
    root = ET.Element("testsuites", name="ltc-graph", **counts)
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _xml(text: str) -> str:
    """XML 1.0 cannot carry most control characters, even escaped: drop them."""
    return _NOT_XML.sub("", text)


def as_sarif(report: Report, *, strict: bool = False) -> str:
    """One SARIF 2.1.0 run: a rule per shape (described by its first message), a result per
    validation result at error, warning or note level. File URIs are relative to %SRCROOT%,
    left for the consumer to resolve (GitHub takes the checkout); a file outside the working
    directory keeps an absolute file URI. `strict` changes nothing: the levels say it."""
    rules: dict[str, int] = {}
    descriptors: list[dict[str, object]] = []
    results: list[dict[str, object]] = []
    for r in report.results:
        rule = rule_id(r)
        if rule not in rules:
            rules[rule] = len(descriptors)
            descriptors.append({"id": rule, "shortDescription": {"text": r.message},
                                "defaultConfiguration": {"level": LEVELS[r.severity]}})
        result: dict[str, object] = {
            "ruleId": rule, "ruleIndex": rules[rule], "level": LEVELS[r.severity],
            "message": {"text": _text(r)},
            "properties": {k: v for k, v in (("focus", r.focus), ("path", r.path),
                                             ("value", r.value)) if v is not None},
        }
        if at := where(r):
            result["locations"] = [{"physicalLocation": {
                "artifactLocation": _artifact(at.path),
                "region": {"startLine": at.line, "startColumn": at.column},
            }}]
        results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "ltc-graph", "version": __version__,
                                "rules": descriptors}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _artifact(path: str) -> dict[str, str]:
    if Path(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(Path(path).as_posix()), "uriBaseId": SRCROOT}


def as_github(report: Report, *, strict: bool = False) -> str:
    """GitHub Actions workflow commands, one line per result (`::error file=F,line=L,col=C,
    title=SHAPE::message`; warning and notice for the other severities), which GitHub shows
    as annotations on the lines at fault; then the summary as a plain log line. `strict`
    changes nothing: the exit status fails the step."""
    lines = []
    for r in report.results:
        properties = []
        if at := where(r):
            properties = [f"file={_property(at.path)}", f"line={at.line}", f"col={at.column}"]
        properties.append(f"title={_property(rule_id(r))}")
        lines.append(f"::{COMMANDS[r.severity]} {','.join(properties)}::{_data(_text(r))}")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def _data(text: str) -> str:
    """Escape a command's message as GitHub's toolkit does (% first, then CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """Escape a command property: as a message, plus the separators `:` and `,`."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")
