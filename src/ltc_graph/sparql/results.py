"""Write query results in the SPARQL 1.1 result formats and RDF syntaxes, within caps.

Rows (or triples) and bytes are capped while writing, never by cutting a document short: a
capped answer is a complete, valid document holding the first rows, and says it was capped.
The SELECT formats are written here so the cap can stop at a row; RDF is written by Oxigraph.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ..namespaces import SPARQL_RESULTS, XSD
from ..rdf.formats import RDF_BY_NAME

STRING = str(XSD.string)
PLAIN_TSV = {str(XSD[t]) for t in ("integer", "decimal", "double", "boolean")}


@dataclass(frozen=True)
class Written:
    body: bytes
    count: int
    truncated: bool


def write_solutions(result: ox.QuerySolutions, fmt: str, max_rows: int, max_bytes: int) -> Written:
    variables = [v.value for v in result.variables]
    rows: list[list[object]] = []
    size, truncated = 0, False
    for solution in result:
        if len(rows) >= max_rows:
            truncated = True
            break
        row = [solution[v] for v in variables]
        size += _row_size(row, variables)
        if size > max_bytes:
            truncated = True
            break
        rows.append(row)
    writer = {"json": _json, "xml": _xml, "csv": _csv, "tsv": _tsv}[fmt]
    return Written(writer(variables, rows, truncated, max_rows), len(rows), truncated)


def write_boolean(value: bool, fmt: str) -> Written:
    if fmt == "json":
        body = json.dumps({"head": {}, "boolean": value}).encode()
    elif fmt == "xml":
        body = (f'<?xml version="1.0"?>\n<sparql xmlns="{SPARQL_RESULTS}">'
                f"<head/><boolean>{str(value).lower()}</boolean></sparql>\n").encode()
    else:
        body = f"_askResult\r\n{str(value).lower()}\r\n".encode()
    return Written(body, 1, False)


def write_graph(triples: Iterable[ox.Triple], fmt: str, max_triples: int,
                max_bytes: int) -> Written:
    syntax = RDF_BY_NAME[fmt]
    kept: list[ox.Triple | ox.Quad] = []
    size, truncated = 0, False
    for triple in triples:
        if len(kept) >= max_triples:
            truncated = True
            break
        size += len(str(triple)) + 48  # at least the triple in any format, markup included
        if size > max_bytes:
            truncated = True
            break
        kept.append(ox.Quad(triple.subject, triple.predicate, triple.object)
                    if syntax.quads else triple)
    body = ox.serialize(kept, format=syntax.oxigraph) or b""
    while len(body) > max_bytes:  # a syntax's markup outgrew the estimate (RDF/XML's names)
        kept = kept[:int(len(kept) * max_bytes / len(body) * 0.95)]
        body = ox.serialize(kept, format=syntax.oxigraph) or b""
        truncated = True
    return Written(body, len(kept), truncated)


def _row_size(row: list[object], variables: list[str]) -> int:
    """At least the row's size in any of the formats: a term's text plus its markup (JSON's
    `"name": {"type": "uri", "value": …}`, XML's `<binding name=…><uri>…</uri></binding>`)."""
    return 8 + sum(len(str(term)) + 48 + len(name)
                   for term, name in zip(row, variables, strict=True) if term is not None)


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    assert isinstance(term, ox.Literal)
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != STRING:
        out["datatype"] = term.datatype.value
    return out


def _json(variables: list[str], rows: list[list[object]], truncated: bool, cap: int) -> bytes:
    head: dict[str, object] = {"vars": variables}
    if truncated:
        head["link"] = [f"urn:ltc:result-capped:{len(rows)}-rows"]
    bindings = [{v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
                for row in rows]
    return json.dumps({"head": head, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode()


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    assert isinstance(term, ox.Literal)
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _xml(variables: list[str], rows: list[list[object]], truncated: bool, cap: int) -> bytes:
    parts = [f'<?xml version="1.0"?>\n<sparql xmlns="{SPARQL_RESULTS}">',
             "<head>", *(f"<variable name={quoteattr(v)}/>" for v in variables)]
    if truncated:
        parts.append(f'<link href="urn:ltc:result-capped:{len(rows)}-rows"/>')
    parts.append("</head><results>")
    for row in rows:
        parts.append("<result>")
        parts += [f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                  for v, t in zip(variables, row, strict=True) if t is not None]
        parts.append("</result>")
    parts.append("</results></sparql>\n")
    return "".join(parts).encode()


def _csv(variables: list[str], rows: list[list[object]], truncated: bool, cap: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if t is None else _csv_value(t) for t in row])
    return out.getvalue().encode()


def _csv_value(term: object) -> str:
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value  # type: ignore[attr-defined]


def _tsv(variables: list[str], rows: list[list[object]], truncated: bool, cap: int) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else _tsv_value(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def _tsv_value(term: object) -> str:
    if isinstance(term, ox.Literal) and not term.language and term.datatype.value in PLAIN_TSV:
        return term.value
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")

