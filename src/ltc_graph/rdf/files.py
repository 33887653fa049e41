"""Load RDF files into one rdflib Dataset, keeping each source section in its own named graph.

The repository's layout (ontology/, data/, shapes/) is the default input; any list of files
can be loaded instead. Syntax errors become `InputError`s that say file, line and column.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from ..errors import InputError
from ..namespaces import ONTOLOGY_GRAPH, SHAPES_GRAPH
from .formats import RDF_EXTENSIONS, rdf_for_file
from .terms import from_ox


def project_root() -> Path:
    """The folder holding ontology/, data/ and shapes/ (`LTC_HOME` overrides)."""
    if home := os.environ.get("LTC_HOME"):
        return Path(home)
    return Path(__file__).resolve().parents[3]


@dataclass
class Layout:
    """Which files make up the graph: the model, the facts and the shapes."""

    ontology: list[Path] = field(default_factory=list)
    data: list[Path] = field(default_factory=list)
    shapes: list[Path] = field(default_factory=list)

    @classmethod
    def of(cls, root: Path | None = None) -> Layout:
        root = root or project_root()
        if not (root / "ontology" / "ltc.ttl").is_file():
            raise InputError(f"no ontology/ltc.ttl under {root} (set LTC_HOME to the repository)")
        return cls(
            ontology=sorted((root / "ontology").glob("*.ttl")),
            data=sorted((root / "data").rglob("*.trig")),
            shapes=sorted((root / "shapes").glob("*.ttl")),
        )

    @property
    def files(self) -> list[Path]:
        return [*self.ontology, *self.data, *self.shapes]

    def graph_of(self, path: Path) -> URIRef:
        """The graph a file's statements go to when it names none: the ontology's and the
        shapes' own graphs, else a graph named after the file (a data file's statements
        outside any GRAPH block)."""
        if path in self.ontology:
            return ONTOLOGY_GRAPH
        if path in self.shapes:
            return SHAPES_GRAPH
        return file_graph(path)


def file_graph(path: Path) -> URIRef:
    """The graph named after a file, for statements it makes outside any GRAPH block."""
    return URIRef(path.resolve().as_uri())


def format_of(path: Path) -> ox.RdfFormat:
    """The parser for a file, from its extension."""
    syntax = rdf_for_file(path.suffix)
    if syntax is None or syntax.oxigraph is None:
        known = ", ".join(sorted(RDF_EXTENSIONS))
        raise InputError(f"unknown RDF format (expected one of {known})", str(path))
    return syntax.oxigraph


def parse_into(dataset: Dataset, path: Path, graph_name: URIRef | None = None) -> None:
    """Parse one file into `dataset`.

    Quad formats keep their own graph names; triples outside any graph, and every triple of a
    triple format, go to `graph_name` (by default a graph named after the file). Oxigraph's
    parser does the reading: it is an order of magnitude faster than rdflib's and reports
    syntax errors with line and column.
    """
    fmt = format_of(path)
    try:
        text = path.read_bytes()
    except OSError as exc:
        raise InputError(exc.strerror or "cannot read file", str(path)) from None
    try:
        text.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = text[: exc.start].count(b"\n") + 1
        raise InputError("not valid UTF-8", str(path), line) from None
    name = graph_name or file_graph(path)
    graphs: dict[object, Graph] = {}
    try:
        for quad in ox.parse(text, format=fmt, base_iri=path.resolve().as_uri()):
            key = quad.graph_name
            if (target := graphs.get(key)) is None:
                default = isinstance(key, ox.DefaultGraph)
                target = graphs[key] = dataset.graph(name if default else from_ox(key))
            target.add((from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object)))
    except ValueError as exc:
        raise InputError(str(exc), str(path)) from None
    except SyntaxError as exc:
        raise syntax_error(exc, path) from None


def syntax_error(exc: SyntaxError, path: Path) -> InputError:
    """Oxigraph's syntax error as a one-line InputError with file, line and column."""
    message = str(exc.msg).split(": ", 1)[-1] if ": " in str(exc.msg) else str(exc.msg)
    return InputError(f"syntax error: {message}", str(path), exc.lineno, exc.offset)


def load(paths: Iterable[Path], graph_names: dict[Path, URIRef] | None = None) -> Dataset:
    """Parse every file into one Dataset whose default graph is the union of all graphs."""
    dataset = Dataset(default_union=True)
    names = graph_names or {}
    for path in paths:
        parse_into(dataset, path, names.get(path))
    return dataset


def load_project(root: Path | None = None) -> Dataset:
    """The repository's ontology, data and shapes."""
    return load_layout(Layout.of(root))


def load_layout(layout: Layout) -> Dataset:
    """The files of `layout`, the ontology and the shapes each in their own graph."""
    return load(layout.files, {p: layout.graph_of(p) for p in layout.files})


def load_shapes(layout: Layout) -> Graph:
    """The SHACL shapes of `layout` as one graph, as validators take them."""
    return union(load(layout.shapes, {p: SHAPES_GRAPH for p in layout.shapes}))


def union(dataset: Dataset, exclude: Iterable[URIRef] = ()) -> Graph:
    """All triples of `dataset` in one Graph, leaving out the graphs named in `exclude`."""
    skip = set(exclude)
    graph = Graph()
    for prefix, ns in dataset.namespaces():
        graph.bind(prefix, ns, override=False)
    for ctx in dataset.graphs():
        if ctx.identifier not in skip:
            for triple in ctx:
                graph.add(triple)
    return graph
