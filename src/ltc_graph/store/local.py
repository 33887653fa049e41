"""Oxigraph stores in this process: in memory, built from the repository's files, or on disk,
built once by `ltc-graph load --into DIR` and opened read-only by every query worker.

`fill` loads the files: each source section in its named graph, the default graph the union
of the ontology and data graphs as a set with the statements derived from them (derived.py),
the shapes in their own graph outside it.
"""

from __future__ import annotations

import hashlib
import shutil
import traceback
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import InputError
from ..namespaces import SHAPES_GRAPH
from ..rdf.files import Layout, format_of, syntax_error
from . import INFO_FILE, GraphStore, StoreInfo
from .derived import derive

MERGES_KEPT = 4  # datasets of several default graphs kept merged, per store


@dataclass
class LocalStore:
    """An Oxigraph store in this process, in memory or opened read-only from a directory.

    A query with an explicit dataset (FROM, FROM NAMED, or the protocol's graph parameters)
    sees what SPARQL 1.1 (section 13.2) says: a graph named twice counts once, the default
    graph is the RDF merge of the graphs named for it (a set: a statement two of them make
    counts once), and a dataset clause that names no graphs of a kind gives none of them.
    Oxigraph's own union would count such a statement once per graph, so several default
    graphs are merged into a small store of their own, kept for the next query.
    """

    store: ox.Store
    info: StoreInfo
    merges: OrderedDict[tuple[tuple[str, ...], tuple[str, ...]], ox.Store] = field(
        default_factory=OrderedDict, repr=False)

    def query(self, text: str, **options: Any) -> Any:
        default = options.pop("default_graph", None)
        named = options.pop("named_graphs", None)
        if default is None and named is None:
            return self.store.query(text, **options)
        default = list(dict.fromkeys(default or ()))
        named = list(dict.fromkeys(named or ()))
        if len(default) <= 1:
            return self.store.query(text, default_graph=default, named_graphs=named, **options)
        # the merge is that store's default graph; its own dataset options override FROM
        return self._merged(default, named).query(text, default_graph=[ox.DefaultGraph()],
                                                  named_graphs=named, **options)

    def _merged(self, default: list[ox.NamedNode], named: list[ox.NamedNode]) -> ox.Store:
        key = (tuple(g.value for g in default), tuple(g.value for g in named))
        if (found := self.merges.get(key)) is not None:
            self.merges.move_to_end(key)
            return found
        merged = ox.Store()
        for graph in default:
            merged.extend(ox.Quad(q.subject, q.predicate, q.object)
                          for q in self.store.quads_for_pattern(None, None, None, graph))
        for graph in named:
            merged.extend(self.store.quads_for_pattern(None, None, None, graph))
        self.merges[key] = merged
        if len(self.merges) > MERGES_KEPT:
            self.merges.popitem(last=False)
        return merged

    @classmethod
    def from_layout(cls, layout: Layout) -> LocalStore:
        store = ox.Store()
        return cls(store=store, info=fill(store, layout))


def fill(store: ox.Store, layout: Layout, bulk: bool = False) -> StoreInfo:
    """Parse the layout's files into `store`, add the union default graph and the statements
    derived from it, describe the result.

    Oxigraph parses; Python only renames blank nodes (`_quads`), so 1M triples load in a few
    seconds, against 30 s through rdflib.
    """
    add = store.bulk_extend if bulk else store.extend
    hashes: dict[Path, bytes] = {}
    for path in layout.files:
        fmt = format_of(path)
        try:
            # Read once: the version then names exactly the bytes loaded, even when the file
            # is being rewritten meanwhile (a reload while someone edits).
            content = path.read_bytes()
            add(_quads(content, fmt, path, ox.NamedNode(layout.graph_of(path))))
        except SyntaxError as exc:
            raise syntax_error(exc, path) from None
        except (OSError, ValueError) as exc:
            raise InputError(str(exc), str(path)) from None
        hashes[path] = hashlib.sha256(content).digest()
    store.update(f"INSERT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                 f"FILTER(?g != <{SHAPES_GRAPH}>) }}")
    derive(store.update)
    return describe(store, fingerprint(hashes))


def _quads(content: bytes, fmt: ox.RdfFormat, path: Path,
           graph: ox.NamedNode) -> Iterator[ox.Quad]:
    """A file's statements, each in its named graph or else in `graph`, with blank nodes named
    after the file and their order of appearance: every process that loads the same bytes
    names them alike, so every query worker gives the same answer, and two files never share
    a blank node."""
    scope = hashlib.sha256(f"{path.parent.name}/{path.name}".encode()).hexdigest()[:8]
    names: dict[str, ox.BlankNode] = {}

    def named(node: ox.BlankNode) -> ox.BlankNode:
        found = names.get(node.value)
        if found is None:
            found = names[node.value] = ox.BlankNode(f"b{scope}x{len(names)}")
        return found

    blank, default = ox.BlankNode, ox.DefaultGraph
    for quad in ox.parse(content, format=fmt, base_iri=path.resolve().as_uri()):
        subject, value, place = quad.subject, quad.object, quad.graph_name
        if type(place) is ox.NamedNode and type(subject) is not blank \
                and type(value) is not blank:
            yield quad  # most statements: as parsed
            continue
        if type(place) is default:
            place = graph
        elif type(place) is blank:
            place = named(place)
        if type(subject) is blank:
            subject = named(subject)
        if type(value) is blank:
            value = named(value)
        yield ox.Quad(subject, quad.predicate, value, place)


def describe(store: ox.Store | GraphStore, version: str) -> StoreInfo:
    """Graph names and sizes, counted by the engine itself."""
    sizes = {row["g"].value: int(row["n"].value) for row in store.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")}
    default = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))
    return StoreInfo(graphs=frozenset(sizes), version=version or "unversioned", sizes=sizes,
                     default_size=int(default["n"].value))


def build_directory(layout: Layout, target: Path) -> StoreInfo:
    """Build an on-disk store at `target`, replacing it only once the new one is complete."""
    if target.exists() and not (target / INFO_FILE).is_file() and any(target.iterdir()):
        raise InputError("exists and is not a store built by `ltc-graph load`", str(target))
    scratch = target.with_name(target.name + ".building")
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        info = _build(layout, scratch)
    except BaseException as error:  # the half-built store, still open in the traceback's
        traceback.clear_frames(error.__traceback__)  # frames, is closed before it is removed:
        shutil.rmtree(scratch, ignore_errors=True)  # closing writes its files back
        raise
    old = target.with_name(target.name + ".old")
    if target.exists():
        target.rename(old)
    scratch.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return info


def _build(layout: Layout, scratch: Path) -> StoreInfo:
    store = ox.Store(str(scratch))
    info = fill(store, layout, bulk=True)
    store.optimize()
    store.flush()
    del store
    (scratch / INFO_FILE).write_text(info.as_json() + "\n", encoding="utf-8")
    return info


def open_directory(path: Path) -> LocalStore:
    """Open a store built by `build_directory`; read-only, so any number of workers share it."""
    info_file = path / INFO_FILE
    if not info_file.is_file():
        raise InputError("not a store built by `ltc-graph load --into DIR`", str(path))
    try:
        store = ox.Store.read_only(str(path))
    except OSError as exc:
        raise InputError(f"cannot open the store: {exc}", str(path)) from None
    return LocalStore(store=store, info=StoreInfo.from_json(info_file.read_text("utf-8")))


def fingerprint(hashes: dict[Path, bytes]) -> str:
    """The data version of files whose contents have these SHA-256 hashes."""
    hashed = hashlib.sha256()
    for path in sorted(hashes):
        hashed.update(path.name.encode())
        hashed.update(hashes[path])
    return hashed.hexdigest()[:16]
