"""Canned queries: `queries/*.rq` files with a metadata header, typed parameters, a registry.

A file starts with `#+ ` comment lines read as YAML (title, description, tags, params), then
plain SPARQL that may use the project's prefixes without declaring them. The file name is the
query's name and URL slug. Parameters are bound as typed RDF terms through Oxigraph's
substitutions (SEP-0007), never pasted into the text, so a value cannot change what the query
does; a parameter is therefore a projected variable, and answers show the value used.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

from .errors import InputError
from .namespaces import PREFIXES, shorten
from .store import GraphStore
from .terms import Binding, substitutions

XSD = "http://www.w3.org/2001/XMLSchema#"
TYPES = {"iri", "string", "integer", "decimal", "date", "year", "boolean"}
_PREFIX_USE = re.compile(r"(?<![\w<#?$])([A-Za-z][\w-]*):(?!//)")


class ParameterError(ValueError):
    """A parameter value that does not fit its declared type."""


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str = "string"
    default: str | None = None
    example: str | None = None
    description: str = ""
    required: bool = False

    def term(self, raw: str) -> tuple[str, str, str]:
        """(kind, value, datatype or language) for `raw`; ParameterError when it does not fit."""
        value = raw.strip()
        try:
            if self.type == "iri":
                iri = _expand(value)
                if not re.fullmatch(r"(https?|urn):[^\s<>\"{}|\\^`]+", iri):
                    raise ValueError
                return ("iri", iri, "")
            if self.type == "integer":
                return ("typed", str(int(value)), XSD + "integer")
            if self.type == "decimal":
                float(value)
                return ("typed", value, XSD + "decimal")
            if self.type == "date":
                return ("typed", date.fromisoformat(value).isoformat(), XSD + "date")
            if self.type == "year":
                return ("typed", f"{int(value):04d}", XSD + "gYear")
            if self.type == "boolean":
                if value.lower() not in ("true", "false"):
                    raise ValueError
                return ("typed", value.lower(), XSD + "boolean")
        except ValueError:
            raise ParameterError(
                f"parameter '{self.name}' must be {_described(self.type)}, not {raw!r}") from None
        return ("typed", value, XSD + "string")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    body: str
    tags: tuple[str, ...] = ()
    params: tuple[Parameter, ...] = field(default_factory=tuple)

    @classmethod
    def read(cls, path: Path) -> NamedQuery:
        text = path.read_text(encoding="utf-8")
        header = "\n".join(line[3:] for line in text.splitlines() if line.startswith("#+ "))
        try:
            meta: dict[str, Any] = yaml.safe_load(header) or {}
        except yaml.YAMLError as exc:
            raise InputError(f"bad query header: {exc}", str(path)) from None
        body = "\n".join(line for line in text.splitlines() if not line.startswith("#+ "))
        params = tuple(Parameter(**{k: (str(v) if k in ("default", "example") and v is not None
                                        else v) for k, v in p.items()})
                       for p in meta.get("params") or [])
        projection = body.split("WHERE", 1)[0]
        for p in params:
            if p.type not in TYPES:
                raise InputError(f"parameter {p.name} has unknown type {p.type}", str(path))
            if not re.search(rf"[?$]{p.name}\b", projection):
                raise InputError(f"parameter {p.name} must be a projected variable (SELECT ?"
                                 f"{p.name} ...): values are bound by substitution", str(path))
        return cls(path.stem, meta.get("title", path.stem), meta.get("description", ""),
                   body.strip() + "\n", tuple(meta.get("tags") or ()), params)

    @property
    def sparql(self) -> str:
        """Self-contained SPARQL: PREFIX lines for the prefixes the body uses, then the body."""
        used = sorted({m.group(1) for m in _PREFIX_USE.finditer(_without_iris(self.body))
                       if m.group(1) in PREFIXES})
        prologue = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used)
        return prologue + self.body

    def bindings(self, given: dict[str, str]) -> tuple[Binding, ...]:
        """Typed terms for the parameters: given values, else defaults; unknown names refused."""
        declared = {p.name: p for p in self.params}
        for name in given:
            if name not in declared:
                known = ", ".join(declared) or "none"
                raise ParameterError(f"unknown parameter '{name}' (this query takes: {known})")
        out = []
        for p in self.params:
            raw = given.get(p.name, p.default)
            if raw is None or raw == "":
                if p.required:
                    raise ParameterError(f"parameter '{p.name}' is required")
                continue
            out.append((p.name, p.term(raw)))
        return tuple(out)

    def summary(self, base: str = "") -> dict[str, Any]:
        return {
            "name": self.name, "title": self.title, "description": self.description,
            "tags": list(self.tags), "url": f"{base}/queries/{self.name}",
            "params": [p.__dict__ for p in self.params],
        }


class Registry:
    """The canned queries of a folder, read once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.queries = {q.name: q for q in (NamedQuery.read(p)
                                            for p in sorted(folder.glob("*.rq")))}

    def __iter__(self):
        return iter(self.queries.values())

    def get(self, name: str) -> NamedQuery | None:
        return self.queries.get(name)


def _expand(value: str) -> str:
    if value.startswith("<") and value.endswith(">"):
        return value[1:-1]
    prefix, sep, local = value.partition(":")
    if sep and prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    return value


def _described(kind: str) -> str:
    return {"iri": "an IRI (https://... or a prefixed name such as cluster:afil)",
            "integer": "an integer", "decimal": "a decimal number",
            "date": "a date (YYYY-MM-DD)", "year": "a year (YYYY)",
            "boolean": "true or false"}.get(kind, kind)


def _without_iris(text: str) -> str:
    return re.sub(r"<[^>\s]*>|\"[^\"\n]*\"", " ", text)


@dataclass
class Table:
    columns: list[str]
    rows: list[list[ox.NamedNode | ox.BlankNode | ox.Literal | None]]


def select(store: GraphStore, text: str,
           bindings: tuple[Binding, ...] = ()) -> Table:
    """Run a SELECT with the project's prefixes predeclared and parameters substituted."""
    try:
        solutions = store.query(text, prefixes=PREFIXES,
                                substitutions=substitutions(bindings) or None)
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
