"""Which answers make a bar chart, and the data the page's script draws it from.

An answer fits when one column labels every row with a distinct text and another holds a
number in every row: one bar per row, in the answer's order. The first such columns are
used, unless the query's header names them (`chart: {label: ..., value: ...}`) or says
`chart: false`. No Flask here; the drawing is static/query-page.js with Observable Plot.
"""

from __future__ import annotations

import math
from typing import Any

from .registry import NamedQuery
from .spreadsheets import NUMBERS, Answer


def bar_chart(query: NamedQuery, answer: Answer, lang: str) -> dict[str, Any] | None:
    """{"label", "value" (column titles), "rows": [{"label", "value"}]}, or None."""
    if query.chart is False:
        return None
    variables: list[str] = answer["head"]["vars"]
    rows: list[dict[str, dict[str, str]]] = answer["results"]["bindings"]
    if not rows:
        return None
    numeric = [v for v in variables if all(_number(r.get(v)) is not None for r in rows)]
    texts = [v for v in variables if v not in numeric
             and all(r.get(v, {}).get("type") == "literal" for r in rows)]
    if isinstance(query.chart, dict):
        label, value = query.chart.get("label"), query.chart.get("value")
        if label not in texts or value not in numeric:
            return None
    elif texts and numeric:
        label, value = texts[0], numeric[0]
    else:
        return None
    names = [r[label]["value"] for r in rows]
    if len(set(names)) != len(names):
        return None
    return {
        "label": query.column_title(label, lang), "value": query.column_title(value, lang),
        "rows": [{"label": name, "value": _number(r.get(value))}
                 for name, r in zip(names, rows, strict=True)],
    }


def _number(term: dict[str, str] | None) -> float | int | None:
    if not term or term.get("datatype") not in NUMBERS:
        return None
    try:
        number = float(term["value"])
    except ValueError:
        return None
    if not math.isfinite(number):
        return None
    return int(number) if number.is_integer() and "." not in term["value"] else number
