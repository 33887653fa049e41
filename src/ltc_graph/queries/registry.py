"""Canned queries: `queries/*.rq` files with a metadata header, typed parameters, a registry.

A file starts with `#+ ` comment lines read as YAML (title, description, tags, params, and
optionally Italian `title_it` / `description_it` and bilingual `columns` titles), then plain
SPARQL that may use the project's prefixes without declaring them. The file name is the query's
name and URL slug. Parameters are bound as typed RDF terms through Oxigraph's substitutions
(SEP-0007), never pasted into the text, so a value cannot change what the query does; a
parameter is therefore a projected variable, and answers show the value used. An `iri`
parameter may name the `class` (or classes) its values belong to, so forms can offer them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..namespaces import GRAPH, ID, PREFIXES, XSD
from ..rdf.terms import Binding
from ..sparql.text import QueryInfo, inspect

TYPES = {"iri", "string", "integer", "decimal", "date", "year", "boolean"}
# URL parameters the query pages and downloads read themselves; no canned query may use them.
RESERVED = {"format", "lang", "view", "header"}
# A parameter of this name takes the page's language on pages when the URL does not give it.
LANGUAGE_PARAM = "language"
LANGS = ("en", "it")
# Prefixes of vocabularies (the ontology and those it reuses), as opposed to the data's own IRIs.
VOCABULARIES = tuple(p for p, ns in PREFIXES.items()
                     if not ns.startswith((str(ID), str(GRAPH))))
_TERM_USE = re.compile(r"(?<![\w<#?$:])([A-Za-z][\w-]*):([A-Za-z_](?:[\w.-]*[\w-])?)")
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
    description_it: str = ""
    classes: tuple[str, ...] = ()  # IRIs of the classes an `iri` value belongs to
    values: tuple[str, ...] = ()  # the only values allowed, when the header lists them

    @classmethod
    def from_header(cls, item: dict[str, Any], where: str) -> Parameter:
        """A parameter from its YAML mapping; `class` is a prefixed name or a list of them."""
        given = dict(item)
        kinds = given.pop("class", None) or []
        given["classes"] = tuple(_expand(str(k)) for k in
                                 ([kinds] if isinstance(kinds, str) else kinds))
        for key in ("default", "example"):
            if given.get(key) is not None:
                given[key] = str(given[key])
        given["values"] = tuple(str(v) for v in given.get("values") or ())
        try:
            param = cls(**given)
        except TypeError as exc:
            raise InputError(f"bad parameter {item.get('name')!r}: {exc}", where) from None
        if param.name in RESERVED:
            raise InputError(f"parameter name {param.name} is reserved for the pages ("
                             + ", ".join(sorted(RESERVED)) + ")", where)
        if param.classes and param.type != "iri":
            raise InputError(f"parameter {param.name}: only iri parameters have a class", where)
        return param

    def described(self, lang: str) -> str:
        return (self.description_it if lang == "it" else "") or self.description

    def normal(self, raw: str | None) -> str:
        """The value as the query sees it (a full IRI for a prefixed name); '' for none."""
        if raw is None or raw.strip() == "":
            return ""
        try:
            return self.term(raw)[1]
        except ParameterError:
            return raw

    def choices_query(self, lang: str) -> str | None:
        """SELECT ?value ?label over the instances of the parameter's classes, labelled in
        `lang` with English as the fallback (and prefixed by a notation where there is one)."""
        if not self.classes or lang not in LANGS:
            return None
        kinds = " ".join(f"<{c}>" for c in self.classes)
        return f"""SELECT ?value (SAMPLE(?shown) AS ?label) WHERE {{
  VALUES ?kind {{ {kinds} }}
  ?value a ?kind .
  OPTIONAL {{ ?value rdfs:label ?wanted . FILTER(LANG(?wanted) = "{lang}") }}
  OPTIONAL {{ ?value rdfs:label ?english . FILTER(LANG(?english) = "en") }}
  OPTIONAL {{ ?value skos:notation ?notation }}
  BIND(COALESCE(?wanted, ?english, STR(?value)) AS ?name)
  BIND(IF(BOUND(?notation), CONCAT(STR(?notation), " · ", STR(?name)), STR(?name)) AS ?shown)
}}
GROUP BY ?value
ORDER BY ?label ?value
"""

    def term(self, raw: str) -> tuple[str, str, str]:
        """(kind, value, datatype or language) for `raw`; ParameterError when it does not fit."""
        value = raw.strip()
        if self.values and value not in self.values:
            raise ParameterError(f"parameter '{self.name}' must be one of "
                                 + ", ".join(self.values) + f", not {raw!r}")
        try:
            if self.type == "iri":
                iri = _expand(value)
                if not re.fullmatch(r"(https?|urn):[^\s<>\"{}|\\^`]+", iri):
                    raise ValueError
                return ("iri", iri, "")
            if self.type == "integer":
                return ("typed", str(int(value)), str(XSD.integer))
            if self.type == "decimal":
                float(value)
                return ("typed", value, str(XSD.decimal))
            if self.type == "date":
                return ("typed", date.fromisoformat(value).isoformat(), str(XSD.date))
            if self.type == "year":
                return ("typed", f"{int(value):04d}", str(XSD.gYear))
            if self.type == "boolean":
                if value.lower() not in ("true", "false"):
                    raise ValueError
                return ("typed", value.lower(), str(XSD.boolean))
        except ValueError:
            raise ParameterError(
                f"parameter '{self.name}' must be {_described(self.type)}, not {raw!r}") from None
        return ("typed", value, str(XSD.string))


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    body: str
    tags: tuple[str, ...] = ()
    params: tuple[Parameter, ...] = field(default_factory=tuple)
    title_it: str = ""
    description_it: str = ""
    # column titles by SPARQL variable and language, for tables and downloads made for people
    columns: dict[str, dict[str, str]] = field(default_factory=dict, hash=False, compare=False)
    # the bar chart's columns, when the automatic choice is not wanted; False: never a chart
    chart: dict[str, str] | bool | None = field(default=None, hash=False, compare=False)

    @classmethod
    def read(cls, path: Path) -> NamedQuery:
        text = path.read_text(encoding="utf-8")
        header = "\n".join(line[3:] for line in text.splitlines() if line.startswith("#+ "))
        try:
            meta: dict[str, Any] = yaml.safe_load(header) or {}
        except yaml.YAMLError as exc:
            raise InputError(f"bad query header: {exc}", str(path)) from None
        body = "\n".join(line for line in text.splitlines() if not line.startswith("#+ "))
        params = tuple(Parameter.from_header(p, str(path)) for p in meta.get("params") or [])
        query = cls(path.stem, meta.get("title", path.stem), meta.get("description", ""),
                    body.strip() + "\n", tuple(meta.get("tags") or ()), params,
                    meta.get("title_it", ""), meta.get("description_it", ""),
                    {str(k): {str(lang): str(t) for lang, t in (v or {}).items()}
                     for k, v in (meta.get("columns") or {}).items()},
                    meta.get("chart"))
        variables = query.variables
        for p in params:
            if p.type not in TYPES:
                raise InputError(f"parameter {p.name} has unknown type {p.type}", str(path))
            if p.name not in variables:
                raise InputError(f"parameter {p.name} must be a projected variable (SELECT ?"
                                 f"{p.name} ...): values are bound by substitution", str(path))
        for name, titles in query.columns.items():
            if name not in variables or not set(titles) <= set(LANGS):
                raise InputError(f"columns: {name} must be a projected variable with titles "
                                 "in " + ", ".join(LANGS), str(path))
        if isinstance(query.chart, dict) and not set(query.chart.values()) <= set(variables):
            raise InputError("chart: label and value must be projected variables", str(path))
        return query

    @property
    def variables(self) -> list[str]:
        """The projected variables, in order: the columns of every answer."""
        projection = re.split(r"\bWHERE\b|\{", self.body, maxsplit=1, flags=re.I)[0]
        names: list[str] = []
        depth = 0
        for match in re.finditer(r"[()]|\bAS\s+[?$](\w+)|[?$](\w+)", projection, re.I):
            token = match.group(0)
            if token in "()":
                depth += 1 if token == "(" else -1
            elif match.group(1):
                names.append(match.group(1))
            elif depth == 0:
                names.append(match.group(2))
        return list(dict.fromkeys(names))

    def titled(self, lang: str) -> str:
        return (self.title_it if lang == "it" else "") or self.title

    def described(self, lang: str) -> str:
        return (self.description_it if lang == "it" else "") or self.description

    def column_title(self, variable: str, lang: str) -> str:
        """A column's title for people in `lang` (English fallback), else the variable."""
        titles = self.columns.get(variable, {})
        return titles.get(lang) or titles.get("en") or variable

    @property
    def terms(self) -> list[tuple[str, str]]:
        """(prefixed name, IRI) of the vocabulary terms the query uses, in order of first use."""
        found = (m.groups() for m in _TERM_USE.finditer(_without_iris(self.body)))
        return list(dict.fromkeys((f"{p}:{local}", PREFIXES[p] + local)
                                  for p, local in found if p in VOCABULARIES))

    @cached_property
    def sparql(self) -> str:
        """Self-contained SPARQL: PREFIX lines for the prefixes the body uses, then the body."""
        used = sorted({m.group(1) for m in _PREFIX_USE.finditer(_without_iris(self.body))
                       if m.group(1) in PREFIXES})
        prologue = "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in used)
        return prologue + self.body

    @cached_property
    def info(self) -> QueryInfo:
        """What the query asks for, read from its text once per process."""
        return inspect(self.sparql, PREFIXES)

    def terms_query(self, lang: str) -> str | None:
        """SELECT ?term ?label ?definition for the vocabulary terms the query uses, in `lang`
        with English as the fallback (the IRIs come from this file: known namespaces only)."""
        if not self.terms or lang not in LANGS:
            return None
        iris = " ".join(f"<{iri}>" for _, iri in self.terms)
        return f"""SELECT ?term (SAMPLE(?shown) AS ?label) (SAMPLE(?meaning) AS ?definition)
WHERE {{
  VALUES ?term {{ {iris} }}
  OPTIONAL {{ ?term rdfs:label ?wanted . FILTER(LANG(?wanted) = "{lang}") }}
  OPTIONAL {{ ?term rdfs:label ?english . FILTER(LANG(?english) = "en") }}
  OPTIONAL {{ ?term skos:definition ?said . FILTER(LANG(?said) = "{lang}") }}
  OPTIONAL {{ ?term skos:definition ?saidEnglish . FILTER(LANG(?saidEnglish) = "en") }}
  BIND(COALESCE(?wanted, ?english) AS ?shown)
  BIND(COALESCE(?said, ?saidEnglish) AS ?meaning)
}}
GROUP BY ?term
ORDER BY ?term
"""

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
            "params": [{k: list(v) if isinstance(v, tuple) else v
                        for k, v in p.__dict__.items()} for p in self.params],
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
