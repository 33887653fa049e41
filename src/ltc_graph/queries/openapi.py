"""An OpenAPI 3.1 description of the canned queries, so integrators can generate clients.

Each canned query is one GET operation at its own path, `/queries/<name>`, with its typed
parameters, the formats it answers in (chosen by `format=` or Accept) and a JSON schema of its
SPARQL JSON answer naming its columns. No Flask here: the view passes the server's address.
"""

from __future__ import annotations

from typing import Any

from ..rdf.formats import RESULT_SYNTAXES, XLSX
from .registry import NamedQuery, Parameter, Registry

SCHEMAS: dict[str, dict[str, Any]] = {  # parameter type: JSON schema of its value
    "iri": {"type": "string", "format": "uri"},
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "decimal": {"type": "number"},
    "date": {"type": "string", "format": "date"},
    "year": {"type": "string", "pattern": "^[0-9]{4}$"},
    "boolean": {"type": "boolean"},
}
FORMATS = {  # format= value: media type of the answer
    **{s.name: s.media for s in RESULT_SYNTAXES},
    "excel-csv": "text/csv",
    "xlsx": XLSX,
}
TEXT = {"type": "string"}


def document(registry: Registry, server: str, version: str) -> dict[str, Any]:
    """The whole description, with `server` (this host's address) as the only server."""
    paths: dict[str, Any] = {}
    schemas: dict[str, Any] = {"RdfTerm": _RDF_TERM, "Error": _ERROR}
    for query in registry:
        operation, answer = _operation(query)
        paths[f"/queries/{query.name}"] = {"get": operation}
        schemas[_schema_name(query)] = answer
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Lombardy Technology Clusters: canned queries",
            "version": version,
            "description": "Questions the knowledge graph of the 9 Lombardy Technology "
                           "Clusters answers, each at a stable URL. Any other question: the "
                           "SPARQL 1.1 endpoint at /sparql.",
            "license": {"name": "CC BY 4.0",
                        "url": "https://creativecommons.org/licenses/by/4.0/"},
        },
        "servers": [{"url": server}],
        "paths": paths,
        "components": {"schemas": schemas, "parameters": _COMMON,
                       "responses": _ERRORS},
    }


def _operation(query: NamedQuery) -> tuple[dict[str, Any], dict[str, Any]]:
    content: dict[str, Any] = {
        "application/sparql-results+json": {
            "schema": {"$ref": f"#/components/schemas/{_schema_name(query)}"}},
        "application/sparql-results+xml": {"schema": TEXT},
        "text/csv": {"schema": TEXT},
        "text/tab-separated-values": {"schema": TEXT},
        XLSX: {"schema": {"type": "string", "contentMediaType": XLSX}},
    }
    operation = {
        "operationId": query.name.replace("-", "_"),
        "summary": query.title,
        "description": query.description,
        "tags": list(query.tags),
        "parameters": [*(_parameter(p) for p in query.params),
                       *({"$ref": f"#/components/parameters/{name}"} for name in _COMMON)],
        "responses": {
            "200": {"description": "The answer; its columns are the query's variables "
                                   f"({', '.join(query.variables)}).",
                    "headers": {"X-Result-Count": {"schema": {"type": "integer"},
                                                   "description": "rows in the answer"}},
                    "content": content},
            **{code: {"$ref": f"#/components/responses/{name}"}
               for code, name in (("400", "BadParameter"), ("406", "NotAcceptable"),
                                  ("429", "OverBudget"), ("503", "Unavailable"))},
        },
    }
    row = {"type": "object", "additionalProperties": False,
           "properties": {v: {"$ref": "#/components/schemas/RdfTerm"} for v in query.variables}}
    answer = {
        "type": "object", "required": ["head", "results"],
        "properties": {
            "head": {"type": "object", "required": ["vars"], "properties": {
                "vars": {"type": "array", "items": {"enum": query.variables}}}},
            "results": {"type": "object", "required": ["bindings"], "properties": {
                "bindings": {"type": "array", "items": row}}},
        },
    }
    return operation, answer


def _parameter(param: Parameter) -> dict[str, Any]:
    schema = dict(SCHEMAS[param.type])
    if param.values:
        schema["enum"] = [_typed(param, v) for v in param.values]
    if param.default is not None:
        schema["default"] = _typed(param, param.default)
    text = param.description or param.name
    if param.type == "iri":
        kinds = " or ".join(f"<{c}>" for c in param.classes)
        text += (f"; an instance of {kinds}" if kinds else "") + \
            ". A full IRI, or a prefixed name of the project (cluster:afil, pnrr:M2, ...)."
    out: dict[str, Any] = {"name": param.name, "in": "query", "required": param.required,
                           "description": text, "schema": schema}
    if param.example is not None:
        out["example"] = _typed(param, param.example)
    return out


def _typed(param: Parameter, raw: str) -> Any:
    if param.type == "integer":
        return int(raw)
    if param.type == "decimal":
        return float(raw)
    if param.type == "boolean":
        return raw.lower() == "true"
    return raw


def _schema_name(query: NamedQuery) -> str:
    return "Answer_" + query.name.replace("-", "_")


_COMMON: dict[str, Any] = {
    "format": {"name": "format", "in": "query", "required": False,
               "description": "The answer's format, instead of Accept: SPARQL results as JSON, "
                              "XML, CSV or TSV; excel-csv (UTF-8 with a byte-order mark, ';' "
                              "in Italian) or xlsx, both with column titles.",
               "schema": {"type": "string", "enum": list(FORMATS)}},
    "lang": {"name": "lang", "in": "query", "required": False,
             "description": "Column titles in CSV, Excel CSV and XLSX in this language "
                            "(else Accept-Language; without either, a CSV header names the "
                            "SPARQL variables).",
             "schema": {"type": "string", "enum": ["en", "it"]}},
    "header": {"name": "header", "in": "query", "required": False,
               "description": "The header row of CSV, Excel CSV and XLSX: the SPARQL variables "
                              "or the column titles, whatever the language preference.",
               "schema": {"type": "string", "enum": ["variables", "titles"]}},
}

_RDF_TERM = {
    "type": "object", "required": ["type", "value"],
    "properties": {
        "type": {"enum": ["uri", "literal", "bnode"]},
        "value": {"type": "string"},
        "datatype": {"type": "string", "format": "uri"},
        "xml:lang": {"type": "string"},
    },
}
_ERROR = {
    "type": "object", "required": ["ok", "status", "error"],
    "properties": {"ok": {"const": False}, "status": {"type": "integer"},
                   "error": {"type": "string"}},
}


def _error(text: str, retry: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "description": text,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}},
                    "text/plain": {"schema": TEXT}},
    }
    if retry:
        out["headers"] = {"Retry-After": {"schema": {"type": "integer"},
                                          "description": "seconds to wait"}}
    return out


_ERRORS = {
    "BadParameter": _error("A parameter of the wrong type, unknown or missing; the message "
                           "names it."),
    "NotAcceptable": _error("No format the request accepts."),
    "OverBudget": _error("The client spent its query seconds or errors for the minute.", True),
    "Unavailable": _error("The time limit was reached, or every query worker is busy.", True),
}
