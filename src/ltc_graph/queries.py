"""Named SPARQL queries (`queries/*.rq`) and running any query over the graph with Oxigraph.

A query file starts with a comment header read as metadata (`#+ title:`, `#+ description:`),
then plain SPARQL; the file name is the query's name. The graph is loaded into an in-memory
Oxigraph store with its named graphs, and the default graph is their union.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError
from .namespaces import SPARQL_PREFIXES, shorten


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    text: str

    @classmethod
    def read(cls, path: Path) -> NamedQuery:
        text = path.read_text(encoding="utf-8")
        meta = {}
        for line in text.splitlines():
            if line.startswith("#+ ") and ":" in line:
                key, _, value = line[3:].partition(":")
                meta[key.strip()] = value.strip()
        return cls(path.stem, meta.get("title", path.stem), meta.get("description", ""), text)


def named_queries(folder: Path) -> list[NamedQuery]:
    return [NamedQuery.read(p) for p in sorted(folder.glob("*.rq"))]


@dataclass
class Table:
    columns: list[str]
    rows: list[list[ox.NamedNode | ox.BlankNode | ox.Literal | None]]


def select(store: ox.Store, text: str) -> Table:
    """Run a SELECT, with the project's prefixes predeclared, over the store."""
    try:
        solutions = store.query(SPARQL_PREFIXES + text)
    except SyntaxError as exc:
        raise InputError(f"SPARQL syntax error: {exc}") from None
    if not isinstance(solutions, ox.QuerySolutions):
        raise InputError("only SELECT queries can be printed as a table")
    columns = [v.value for v in solutions.variables]
    return Table(columns, [[row[c] for c in columns] for row in solutions])


def render(table: Table, fmt: str) -> str:
    if fmt == "json":
        rows = [{c: _plain(v) for c, v in zip(table.columns, row, strict=True) if v is not None}
                for row in table.rows]
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(table.columns)
        writer.writerows([[_plain(v) for v in row] for row in table.rows])
        return out.getvalue()
    cells = [[_shown(v) for v in row] for row in table.rows]
    widths = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(table.columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(table.columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.append(f"({len(cells)} rows)")
    return "\n".join(lines) + "\n"


def _plain(term: object) -> str:
    if term is None:
        return ""
    return term.value if hasattr(term, "value") else str(term)


def _shown(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    return _plain(term)
