"""Write a validation report as text for people, JSON for programs or the W3C SHACL report;
ci_formats.py adds JUnit XML, SARIF and GitHub Actions commands for CI systems.

Every writer takes `strict` (warnings fail the run, as `ltc-graph validate --strict` says), so
one table serves them all; only those whose output tells passing from failing use it.
"""

from __future__ import annotations

import json
from itertools import groupby
from typing import Protocol

from ..namespaces import SH
from . import ci as ci_formats
from .validate import Report, summary


class Writer(Protocol):
    def __call__(self, report: Report, *, strict: bool = False) -> str: ...


def as_text(report: Report, *, strict: bool = False) -> str:
    """Results grouped by focus node: where it is, then one line per problem."""
    lines: list[str] = []
    for focus, group in groupby(report.results, key=lambda r: r.focus):
        results = list(group)
        where = next((str(r.location) for r in results if r.location), None)
        lines.append(f"{focus}" + (f"  ({where})" if where else ""))
        for r in results:
            detail = " ".join(x for x in (r.path or "", f"= {r.value}" if r.value else "") if x)
            lines.append(f"  {r.severity:<9} {r.message}" + (f"  [{detail}]" if detail else ""))
            lines.append(f"            shape {r.shape}")
        lines.append("")
    lines.append(summary(report))
    return "\n".join(lines) + "\n"


def as_json(report: Report, *, strict: bool = False) -> str:
    counts = report.counts
    body = {
        "conforms": report.conforms,
        "triples": report.triples,
        "violations": counts["Violation"],
        "warnings": counts["Warning"],
        "infos": counts["Info"],
        "results": [r.as_dict() for r in report.results],
    }
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def as_turtle(report: Report, *, strict: bool = False) -> str:
    report.graph.bind("sh", str(SH))
    return report.graph.serialize(format="turtle")


WRITERS: dict[str, Writer] = {
    "text": as_text,
    "json": as_json,
    "turtle": as_turtle,
    "junit": ci_formats.as_junit,
    "sarif": ci_formats.as_sarif,
    "github": ci_formats.as_github,
}
