"""Write a validation report as text for people, JSON for programs or the W3C SHACL report."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import groupby

from .validation import Report, summary


def as_text(report: Report) -> str:
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


def as_json(report: Report) -> str:
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


def as_turtle(report: Report) -> str:
    report.graph.bind("sh", "http://www.w3.org/ns/shacl#")
    return report.graph.serialize(format="turtle")


WRITERS: dict[str, Callable[[Report], str]] = {
    "text": as_text,
    "json": as_json,
    "turtle": as_turtle,
}
