"""One version of the graph, to compare with another: read from a file, a folder or a git
revision, as a set of quads whose blank nodes are named after what they say.

A parser names blank nodes at random, so two readings of the same file would differ in every
address. Here a blank node's label is a digest of the statement that holds it and of its own
content (the data's blank nodes are trees: an address held by its site, a quantity by its
project), so an unchanged blank node keeps its label between versions and in whichever section
states it, and a diff shows only what really changed.
"""

from __future__ import annotations

import hashlib
import io
import tarfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node

from ..errors import InputError
from ..namespaces import ONTOLOGY_GRAPH
from ..rdf.files import format_of, project_root, syntax_error
from ..rdf.formats import RDF_EXTENSIONS
from ..rdf.terms import from_ox
from .git import git_output

Quad = tuple[Node, Node, Node, Node]
DEFAULT_GRAPH = DATASET_DEFAULT_GRAPH_ID
PROJECT_FOLDERS = ("ontology", "data")  # the shapes are tooling, not part of the dataset


@dataclass(frozen=True)
class Document:
    """The bytes of one RDF file, and the graph its triples go to when it names none."""

    name: str
    text: bytes
    default_graph: URIRef


@dataclass(frozen=True)
class Snapshot:
    name: str
    quads: frozenset[Quad]


def read(spec: str, repo: Path | None = None, name: str | None = None) -> Snapshot:
    """The graph at `spec`: an existing file or folder, else a git revision of `repo` (by
    default the work tree around the current folder, else the project's).

    A folder holding ontology/ or data/ is read as the project is (the ontology in its own
    graph, no shapes); any other folder is every RDF file under it.

    :raise InputError: neither a path nor a revision, no RDF files, or a syntax error.
    """
    path = Path(spec)
    documents = files(path) if path.exists() else revision(spec, repo)
    return Snapshot(name or spec, canonical(parse(documents)))


def project_ontology() -> frozenset[Quad]:
    """The repository's ontology, which names properties and classes in a report when the
    versions compared do not include one."""
    folder = project_root() / "ontology"
    return canonical(parse(files(folder))) if folder.is_dir() else frozenset()


def files(path: Path) -> list[Document]:
    """The documents of a file, a project folder or any folder of RDF files."""
    if path.is_file():
        format_of(path)  # an unknown extension is an error, not an empty graph
        return [Document(str(path), path.read_bytes(), DEFAULT_GRAPH)]
    if any((path / folder).is_dir() for folder in PROJECT_FOLDERS):
        found = [p for folder in PROJECT_FOLDERS for p in sorted((path / folder).rglob("*"))]
    else:
        found = sorted(path.rglob("*"))
    documents = [Document(str(p), p.read_bytes(), _default_graph(p.relative_to(path)))
                 for p in found if p.is_file() and p.suffix.lower() in RDF_EXTENSIONS]
    if not documents:
        raise InputError("no RDF files found", str(path))
    return documents


def revision(rev: str, repo: Path | None = None) -> list[Document]:
    """The project's documents as committed at `rev`, read with `git archive`."""
    repo = repo or _work_tree(Path.cwd()) or project_root()
    commit = git_output(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    if commit is None:
        raise InputError("no such file or directory, nor a git revision", rev)
    sha = commit.decode().strip()
    listed = git_output(repo, "ls-tree", "--name-only", sha, "--", *PROJECT_FOLDERS)
    present = (listed or b"").split()
    if not present:
        raise InputError("no ontology/ or data/ folder at this revision", rev)
    archive = git_output(repo, "archive", "--format=tar", sha, "--", *(p.decode() for p in present))
    if archive is None:
        raise InputError("git archive failed", rev)
    documents = []
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        for member in sorted(tar.getmembers(), key=lambda m: m.name):
            extracted = tar.extractfile(member) if member.isfile() else None
            if extracted is not None and Path(member.name).suffix.lower() in RDF_EXTENSIONS:
                documents.append(Document(f"{rev}:{member.name}", extracted.read(),
                                          _default_graph(Path(member.name))))
    return documents


def parse(documents: Iterable[Document]) -> set[Quad]:
    """Every quad of the documents; blank nodes kept apart per document, as RDF says."""
    quads: set[Quad] = set()
    for number, doc in enumerate(documents):
        path = Path(doc.name.rsplit(":", 1)[-1])
        try:
            for quad in ox.parse(doc.text, format=format_of(path)):
                graph = quad.graph_name
                quads.add((_term(quad.subject, number), _term(quad.predicate, number),
                           _term(quad.object, number),
                           doc.default_graph if isinstance(graph, ox.DefaultGraph)
                           else _term(graph, number)))
        except SyntaxError as exc:
            raise syntax_error(exc, Path(doc.name)) from None
        except ValueError as exc:
            raise InputError(str(exc), doc.name) from None
    return quads


def canonical(quads: Iterable[Quad]) -> frozenset[Quad]:
    """The quads with each blank node labelled by a digest of its holder and its content.

    Blank nodes alike in holder and content (redundant copies) are numbered in the order of
    the graphs that state them, so none is merged into another.
    """
    quads = list(quads)
    said: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    held: dict[Node, set[tuple[Node, Node]]] = defaultdict(set)
    graphs: dict[Node, set[str]] = defaultdict(set)
    for s, p, o, g in quads:
        for term in (s, o):
            if isinstance(term, BNode):
                graphs[term].add(str(g))
        if isinstance(s, BNode):
            said[s].append((p, o))
        if isinstance(o, BNode):
            held[o].add((s, p))
    contents: dict[Node, str] = {}
    below: dict[Node, frozenset[Node]] = {}

    def content(node: Node, seen: frozenset[Node]) -> str:
        if node in contents:
            return contents[node]
        parts = []
        for p, o in said.get(node, ()):
            if not isinstance(o, BNode):
                parts.append(f"{p.n3()} {o.n3()}")
            else:
                parts.append(f"{p.n3()} " + ("[]" if o in seen or o == node
                                              else content(o, seen | {node})))
        digest = hashlib.sha1("\n".join(sorted(parts)).encode()).hexdigest()
        if node not in below:
            below[node] = _reachable(node, said)
        if not seen & below[node]:  # inside a cycle the content depends on the way in
            contents[node] = digest
        return digest

    def key(node: Node, seen: frozenset[Node]) -> str:
        holders = held.get(node, set())
        own = content(node, frozenset())
        if len(holders) != 1:
            return own
        subject, predicate = next(iter(holders))
        if isinstance(subject, BNode):
            if subject in seen:
                return own
            subject_key = key(subject, seen | {node})
        else:
            subject_key = subject.n3()
        return hashlib.sha1(f"{subject_key} {predicate.n3()} {own}".encode()).hexdigest()

    by_key: dict[str, list[Node]] = defaultdict(list)
    for node in set(said) | set(held):
        by_key[key(node, frozenset())].append(node)
    labels: dict[Node, BNode] = {}
    for digest, nodes in by_key.items():
        nodes.sort(key=lambda n: sorted(graphs[n]))
        for index, node in enumerate(nodes):
            labels[node] = BNode(f"b{digest[:20]}" + (f"x{index}" if index else ""))
    return frozenset(tuple(labels.get(t, t) for t in quad) for quad in quads)  # type: ignore[misc]


def _reachable(node: Node, said: dict[Node, list[tuple[Node, Node]]]) -> frozenset[Node]:
    """The blank nodes below `node`: a content computed inside a cycle is not memoised."""
    seen: set[Node] = set()
    stack = [node]
    while stack:
        for _, o in said.get(stack.pop(), ()):
            if isinstance(o, BNode) and o not in seen:
                seen.add(o)
                stack.append(o)
    return frozenset(seen)


def _term(term: object, document: int) -> Node:
    if isinstance(term, ox.BlankNode):
        return BNode(f"d{document}_{term.value}")
    return from_ox(term)


def _default_graph(relative: Path) -> URIRef:
    """Triples outside any graph: the ontology's graph under ontology/, as the project loads
    them, else the default graph."""
    return ONTOLOGY_GRAPH if relative.parts[:1] == ("ontology",) else DEFAULT_GRAPH


def _work_tree(folder: Path) -> Path | None:
    top = git_output(folder, "rev-parse", "--show-toplevel")
    return Path(top.decode().strip()) if top else None
