"""Check a document someone uploads against the project's shapes, among the published data:
the work `POST /validate` hands to a query worker. No Flask here.

The upload is checked together with the ontology and the published data, so that links to
existing clusters resolve, `sh:class` sees the ontology's classes and a label another node
already has is caught. Where the upload restates published data it takes that data's place:
the sections it names (the graphs it is written in, and the objects of its
`prov:wasDerivedFrom`, as every node here names the section that states it) lose what they
say about the upload's subjects, with the blank nodes those statements hold. A corrected copy
of a cluster's file is then judged as it would be once merged (not as a duplicate of itself),
what other sections say about the same nodes stays, and a statement about a node of another
section is checked with that node's published description. Only the results whose focus node
is a subject of the upload are reported.

The document never reaches rdflib or pySHACL as a string (they may take one for a path or a
URL). It must be UTF-8; RDF/XML with a DOCTYPE or ENTITY declaration, and JSON-LD with a
context that is not inline, are refused before parsing (Oxigraph 0.5 fetches no context and
no external entity, but it does expand internal entities); then Oxigraph parses the bytes.
Nothing is inferred and no owl:imports is followed (validation.py).
"""

from __future__ import annotations

import codecs
import json
import re
import xml.parsers.expat
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..errors import InputError
from ..namespaces import PROV
from ..rdf.files import Layout, load_shapes
from ..rdf.formats import UPLOADS
from ..rdf.terms import from_ox
from ..sparql.execution import Answer, Limits
from ..store import GraphStore
from .data import ValidationData, read_files
from .formats import as_json, as_turtle
from .validate import Report, validate_data

WRITERS = {"json": as_json, "turtle": as_turtle}
_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.I)
_KEYWORDS = ("@context", "@import")
_DERIVED_FROM = ox.NamedNode(PROV.wasDerivedFrom)


@dataclass(frozen=True)
class Published:
    """What every upload is checked among: the repository's ontology, data and shapes."""

    ontology: list[ox.Quad]
    data: list[ox.Quad]
    shapes: Graph


_published: dict[Path, Published] = {}


def published(root: Path) -> Published:
    """The files under `root`, read once per process, as the worker's store and the served
    report are: an upload then costs only its own parsing and the validation.

    :raise InputError: a file of the repository cannot be read or parsed.
    """
    if root not in _published:
        layout = Layout.of(root)
        shapes = load_shapes(layout)
        _published[root] = Published(read_files(layout.ontology),
                                     read_files(layout.data, graphs=True), shapes)
    return _published[root]


def read_upload(body: bytes, media: str) -> list[ox.Quad]:
    """The document's statements, its blank nodes renamed apart from the repository's.

    :raise InputError: an unknown media type, not UTF-8, refused or does not parse; the
        message gives the line and column.
    """
    syntax = UPLOADS.get(media)
    if syntax is None or syntax.oxigraph is None:
        raise InputError(f"{media or 'no media type'} is not one of " + ", ".join(UPLOADS))
    fmt = syntax.oxigraph
    body = body.removeprefix(codecs.BOM_UTF8)  # as editors on Windows save UTF-8
    try:
        text = body.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        raise InputError(f"{_where(body, exc.start)}: not valid UTF-8") from None
    if fmt == ox.RdfFormat.RDF_XML and (found := _DECLARATION.search(text)):
        raise InputError(f"{_where(body, len(text[:found.start()].encode()))}: RDF/XML with "
                         f"a {found.group(1).upper()} declaration is refused (entities are "
                         "not expanded here)")
    if fmt == ox.RdfFormat.JSON_LD:
        _inline_contexts_only(text)
    try:
        return list(ox.parse(body, fmt, rename_blank_nodes=True))
    except SyntaxError as exc:
        message = str(exc.msg).split(": ", 1)[-1]
        message = re.sub(r" \(line \d+\)$", "", message)
        place = (exc.lineno, exc.offset) if exc.lineno else \
            _xml_error_at(body) if fmt == ox.RdfFormat.RDF_XML else None
        where = f"line {place[0]}, column {place[1]}: " if place else ""
        raise InputError(f"{where}{message}") from None
    except ValueError as exc:
        raise InputError(str(exc)) from None


def _where(body: bytes, offset: int) -> str:
    """Line and column of a byte offset (the column counts bytes)."""
    line = body.count(b"\n", 0, offset) + 1
    column = offset - body.rfind(b"\n", 0, offset)
    return f"line {line}, column {column}"


def _xml_error_at(body: bytes) -> tuple[int, int] | None:
    """Where the XML stops being well-formed (Oxigraph's RDF/XML errors give no place).
    Safe to run: a document with a DOCTYPE never gets here, and expat fetches nothing."""
    try:
        xml.parsers.expat.ParserCreate().Parse(body, True)
    except xml.parsers.expat.ExpatError as exc:
        return exc.lineno, exc.offset + 1
    return None


def _inline_contexts_only(text: str) -> None:
    """Refuse any @context given by IRI (alone or in an array), any @import, and any term
    aliasing those keywords, wherever they stand, duplicate keys included.

    :raise InputError: such a context, or JSON that does not parse.
    """

    def check(pairs: list[tuple[str, object]]) -> dict[str, object]:
        for key, value in pairs:
            remote = key == "@context" and (
                isinstance(value, str)
                or (isinstance(value, list) and any(isinstance(v, str) for v in value)))
            if remote or key == "@import" or value in _KEYWORDS:
                raise InputError("JSON-LD contexts must be inline: a context by IRI or "
                                 "@import is refused (nothing is fetched)")
        return dict(pairs)

    try:
        json.loads(text, object_pairs_hook=check)
    except json.JSONDecodeError as exc:
        raise InputError(f"line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise InputError("the JSON is nested too deeply") from None


def validate_upload(upload: list[ox.Quad], among: Published) -> Report:
    """The report on the upload's subjects; `triples` counts the upload's own statements."""
    data = ValidationData.from_quads([*among.ontology, *_replaced(among.data, upload), *upload])
    report = validate_data(data, among.shapes, {from_ox(q.subject) for q in upload})
    return replace(report, triples=len({(q.subject, q.predicate, q.object) for q in upload}))


def _replaced(data: list[ox.Quad], upload: list[ox.Quad]) -> list[ox.Quad]:
    """The published statements less those the upload restates: what the sections it names
    say about its subjects, and about the blank nodes those statements hold."""
    sections = {q.graph_name for q in upload if isinstance(q.graph_name, ox.NamedNode)}
    sections |= {q.object for q in upload if q.predicate == _DERIVED_FROM}
    described = {q.subject for q in upload if isinstance(q.subject, ox.NamedNode)}
    gone: set[tuple[object, object]] = set()
    held: dict[tuple[object, object], list[ox.BlankNode]] = {}
    for q in data:
        if q.subject in described and q.graph_name in sections:
            gone.add((q.subject, q.graph_name))
        if isinstance(q.object, ox.BlankNode):
            held.setdefault((q.subject, q.graph_name), []).append(q.object)
    todo = list(gone)
    while todo:
        _, graph = key = todo.pop()
        for node in held.get(key, []):
            if (node, graph) not in gone:
                gone.add((node, graph))
                todo.append((node, graph))
    return [q for q in data if (q.subject, q.graph_name) not in gone]


@dataclass(frozen=True)
class ValidationTask:
    """One upload to check, sent pickled to a query worker (plain bytes and strings: the
    worker reads the repository under `root` itself), so that the pool's time limit bounds
    it and a pathological document cannot hold the web process."""

    body: bytes
    media: str  # a key of rdf/formats.py UPLOADS
    root: str
    output: str = "json"  # a key of WRITERS

    def perform(self, store: GraphStore, limits: Limits) -> Answer:
        try:
            upload = read_upload(self.body, self.media)
        except InputError as exc:
            return Answer(ok=False, error=f"the document was not read: {exc}")
        try:
            among = published(Path(self.root))
        except InputError as exc:
            return Answer(ok=False, unavailable=True,
                          error=f"the published data could not be read: {exc}")
        report = validate_upload(upload, among)
        counts = report.counts
        return Answer(ok=True, body=WRITERS[self.output](report).encode(),
                      count=len(report.results), meta={
                          "conforms": "true" if report.conforms else "false",
                          "triples": str(report.triples),
                          "violations": str(counts["Violation"]),
                          "warnings": str(counts["Warning"]),
                          "infos": str(counts["Info"]),
                      })
