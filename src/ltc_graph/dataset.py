"""Load RDF files into one rdflib Dataset, keeping each source section in its own named graph.

The repository's layout (ontology/, data/, shapes/) is the default input; any list of files
can be loaded instead. Syntax errors become `InputError`s that say file, line and column.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.parsers.notation3 import BadSyntax

from .errors import InputError
from .namespaces import ONTOLOGY_GRAPH, SHAPES_GRAPH

FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
}
QUAD_FORMATS = {"trig", "nquads"}


def project_root() -> Path:
    """The folder holding ontology/, data/ and shapes/ (`LTC_HOME` overrides)."""
    if home := os.environ.get("LTC_HOME"):
        return Path(home)
    return Path(__file__).resolve().parents[2]


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


def format_of(path: Path) -> str:
    """The rdflib parser name for a file, from its extension."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"unknown RDF format (expected one of {known})", str(path)) from None


def parse_into(dataset: Dataset, path: Path, graph_name: URIRef | None = None) -> None:
    """Parse one file into `dataset`.

    Quad formats keep their own graph names; triples outside any graph, and every triple of a
    triple format, go to `graph_name` (by default a graph named after the file).
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
    name = graph_name or URIRef(path.resolve().as_uri())
    try:
        if fmt in QUAD_FORMATS:
            scratch = Dataset()
            scratch.parse(data=text, format=fmt)
            for s, p, o, g in scratch.quads((None, None, None, None)):
                target = name if g is None or g == scratch.default_graph.identifier else g
                dataset.graph(target).add((s, p, o))
        else:
            dataset.graph(name).parse(data=text, format=fmt)
    except BadSyntax as exc:
        raise _bad_syntax(exc, path) from None
    except Exception as exc:  # rdflib's parsers raise many types for bad input
        raise _parse_failure(exc, path, text) from None


def load(paths: Iterable[Path], graph_names: dict[Path, URIRef] | None = None) -> Dataset:
    """Parse every file into one Dataset whose default graph is the union of all graphs."""
    dataset = Dataset(default_union=True)
    names = graph_names or {}
    for path in paths:
        parse_into(dataset, path, names.get(path))
    return dataset


def load_project(root: Path | None = None) -> Dataset:
    """The repository's ontology, data and shapes, each shape and ontology file in its graph."""
    layout = Layout.of(root)
    names = {p: ONTOLOGY_GRAPH for p in layout.ontology}
    names.update({p: SHAPES_GRAPH for p in layout.shapes})
    return load(layout.files, names)


def union(dataset: Dataset, exclude: Iterable[URIRef] = ()) -> Graph:
    """All triples of `dataset` in one Graph, leaving out the graphs named in `exclude`."""
    skip = set(exclude)
    graph = Graph()
    for prefix, ns in dataset.namespaces():
        graph.bind(prefix, ns, override=False)
    for ctx in dataset.contexts():
        if ctx.identifier not in skip:
            for triple in ctx:
                graph.add(triple)
    return graph


def _bad_syntax(exc: BadSyntax, path: Path) -> InputError:
    text: bytes = exc._str
    offset = min(exc._i, len(text))
    line, column = _position(text, offset)
    return InputError(f"syntax error: {exc._why}", str(path), line, column)


_CONTEXT = re.compile(r"at \^ in (.*)$", re.S)


def _parse_failure(exc: Exception, path: Path, text: bytes) -> InputError:
    """Best effort position for parser errors that carry only a text excerpt."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    match = _CONTEXT.search(str(exc))
    if match:
        before, _, after = match.group(1).partition("^")
        found = text.find((before + after).encode())
        message = message.split(" at ^")[0]
        if found >= 0:
            line, column = _position(text, found + len(before.encode()))
            return InputError(f"syntax error: {message}", str(path), line, column)
    line_match = re.search(r"line (\d+)", str(exc))
    line = int(line_match.group(1)) if line_match else None
    return InputError(f"syntax error: {message}", str(path), line)


def _position(text: bytes, offset: int) -> tuple[int, int]:
    line = text.count(b"\n", 0, offset) + 1
    column = offset - (text.rfind(b"\n", 0, offset) + 1) + 1
    return line, column
