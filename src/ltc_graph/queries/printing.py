"""A SELECT answer printed for `ltc-graph query`: an aligned table, CSV or JSON.

It takes the answer in the SPARQL JSON results format, as the query service gives it to
every caller, and prints IRIs as prefixed names in the table (full in CSV and JSON).
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..namespaces import shorten

Term = dict[str, str]


def render(answer: dict[str, Any], fmt: str) -> str:
    columns: list[str] = answer["head"]["vars"]
    rows = [[binding.get(c) for c in columns] for binding in answer["results"]["bindings"]]
    if fmt == "json":
        shown = [{c: _plain(v) for c, v in zip(columns, row, strict=True) if v is not None}
                 for row in rows]
        return json.dumps(shown, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([[_plain(v) for v in row] for row in rows])
        return out.getvalue()
    cells = [[_shown(v) for v in row] for row in rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(cells)} rows)")
    return "\n".join(lines) + "\n"


def _plain(term: Term | None) -> str:
    return "" if term is None else term["value"]


def _shown(term: Term | None) -> str:
    if term is not None and term["type"] == "uri":
        return shorten(term["value"])
    return _plain(term)
