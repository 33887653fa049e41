"""The data graph as the validators see it: one Oxigraph store holding the union of all graphs.

Oxigraph stores typed literals by value, so `"2998000.00"^^xsd:decimal` comes back as
`"2998000"`. The SHACL-SPARQL constraints have always run on such a store, but the core
constraints must see each literal as written (pySHACL does, and reports it so). Loading notes
every typed literal that the store rewrites; only when there is one, a second store keeps
lexical forms by giving such literals a stand-in datatype (`urn:ltc-lexical:` + datatype).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeGuard

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal
from rdflib.namespace import NamespaceManager
from rdflib.term import Node

from ..errors import InputError
from ..namespaces import SHAPES_GRAPH
from ..rdf.files import format_of, parse_into
from ..rdf.terms import XSD_STRING, from_ox, to_ox

LEXICAL = "urn:ltc-lexical:"
WITHIN = "urn:ltc-within"
WITHIN_MEMBER = "urn:ltc-within:member"
Key = tuple[str, object, object]
OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


@dataclass
class ValidationData:
    """The union graph in Oxigraph (`store`), and where lexical forms are kept (`exact`)."""

    store: ox.Store
    exact: ox.Store
    namespaces: NamespaceManager
    changed: frozenset[Key] = frozenset()
    within: str = ""

    @classmethod
    def from_graph(cls, graph: Graph) -> ValidationData:
        """The rdflib graph's triples, blank nodes keeping their identifiers."""
        changed = _rewritten(o for o in graph.objects() if isinstance(o, Literal) and o.datatype)
        store, exact = ox.Store(), ox.Store()
        store.extend(ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in graph)
        if changed:
            exact.extend(ox.Quad(to_ox(s), to_ox(p), _exact(o, changed)) for s, p, o in graph)
        return cls(store, exact if changed else store, graph.namespace_manager, frozenset(changed))

    @classmethod
    def from_files(cls, paths: Iterable[Path]) -> ValidationData:
        """The union of the triples of every file, read as `dataset.load` reads them, less
        any statements in the shapes' graph (as the command line always left them out).

        :raise InputError: a file cannot be read or parsed (the loader's own message).
        """
        return cls._build(*_read(paths))

    @classmethod
    def from_quads(cls, quads: Iterable[ox.Quad]) -> ValidationData:
        """Statements parsed elsewhere (an upload with the published data), each taken into
        the default graph."""
        triples = [ox.Quad(q.subject, q.predicate, q.object) for q in quads]
        return cls._build(triples, {q.object for q in triples if _is_typed(q.object)})

    @classmethod
    def _build(cls, quads: list[ox.Quad], typed: set[ox.Literal]) -> ValidationData:
        changed = _rewritten(from_ox(o) for o in typed)
        store = ox.Store()
        store.bulk_extend(quads)
        exact = store
        if changed:
            exact = ox.Store()
            exact.bulk_extend(
                ox.Quad(q.subject, q.predicate, _keep(from_ox(q.object)))
                if q.object in typed and _key(from_ox(q.object)) in changed else q
                for q in quads)
        return cls(store, exact, Graph().namespace_manager, frozenset(changed))

    def __len__(self) -> int:
        """The number of distinct triples (statements outside the default graph are the
        compiled engine's working sets)."""
        rows = self.store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(rows))["n"].value)  # type: ignore[index]

    def term(self, term: object) -> Node:
        """The rdflib term for a term of the exact store, lexical form as written."""
        if isinstance(term, ox.Literal) and term.datatype.value.startswith(LEXICAL):
            return Literal(term.value, datatype=term.datatype.value[len(LEXICAL):])
        return from_ox(term)

    def restrict(self, iris: Iterable[str]) -> set[Node]:
        """Validate only these resources, those that link to them, and their blank nodes.

        The nodes are kept as a named graph that target patterns join (`within`); returns them.
        """
        changed = {ox.NamedNode(iri) for iri in iris}
        nodes: set[OxTerm] = set(changed)
        for node in changed:
            nodes.update(q.subject for q in self.store.quads_for_pattern(None, None, node,
                                                                          ox.DefaultGraph()))
        todo = list(nodes)
        while todo:  # blank nodes: up to the resource holding them, down to those they hold
            node = todo.pop()
            near = [q.object for q in self.store.quads_for_pattern(node, None, None,
                                                                    ox.DefaultGraph())
                    if isinstance(q.object, ox.BlankNode)]
            if isinstance(node, ox.BlankNode):
                near += [q.subject for q in self.store.quads_for_pattern(None, None, node,
                                                                          ox.DefaultGraph())]
            for other in near:
                if other not in nodes:
                    nodes.add(other)
                    todo.append(other)
        graph = ox.NamedNode(WITHIN)
        for store in {id(self.store): self.store, id(self.exact): self.exact}.values():
            store.extend(ox.Quad(graph, ox.NamedNode(WITHIN_MEMBER), n, graph) for n in nodes)
        self.within = f"GRAPH <{WITHIN}> {{ <{WITHIN}> <{WITHIN_MEMBER}> ?this }}"
        return {from_ox(n) for n in nodes}

    def to_graph(self) -> Graph:
        """The data as an rdflib graph, for pySHACL (slow: only when pySHACL has to run)."""
        graph = Graph()
        for quad in self.exact.quads_for_pattern(None, None, None, ox.DefaultGraph()):
            graph.add((from_ox(quad.subject), from_ox(quad.predicate), self.term(quad.object)))
        return graph

    def ox_term(self, node: Node) -> OxTerm:
        """The term of the exact store for an rdflib term."""
        return _exact(node, self.changed)

    def holder(self, node: Node) -> Node | None:
        """A subject that has `node` as its object, if any."""
        if isinstance(node, Literal):
            return None
        for quad in self.store.quads_for_pattern(None, None, to_ox(node), ox.DefaultGraph()):
            return from_ox(quad.subject)
        return None

    def description(self, node: BNode) -> Iterator[tuple[Node, Node, Node]]:
        """The statements about a blank node and, recursively, the blank nodes it uses."""
        todo, seen = [node], {node}
        while todo:
            subject = todo.pop()
            for quad in self.exact.quads_for_pattern(to_ox(subject), None, None,
                                                     ox.DefaultGraph()):
                obj = self.term(quad.object)
                yield subject, from_ox(quad.predicate), obj
                if isinstance(obj, BNode) and obj not in seen:
                    seen.add(obj)
                    todo.append(obj)


def read_files(paths: Iterable[Path], graphs: bool = False) -> list[ox.Quad]:
    """The statements of the files as `ValidationData.from_files` reads them (shapes' graph
    left out), for callers that add statements of their own; `graphs` keeps the graph each
    statement is in (its source section), else all are in the default graph.

    :raise InputError: a file cannot be read or parsed.
    """
    return _read(paths, graphs)[0]


def _read(paths: Iterable[Path], graphs: bool = False
          ) -> tuple[list[ox.Quad], set[ox.Literal]]:
    quads: list[ox.Quad] = []
    typed: set[ox.Literal] = set()
    for path in paths:
        _parse(path, quads, typed, graphs)
    return quads, typed


def _parse(path: Path, quads: list[ox.Quad], typed: set[ox.Literal],
           graphs: bool = False) -> None:
    """Add the file's statements to `quads` (default graph unless `graphs`), its typed
    literals to `typed`.

    One pass in Python over the parser's output; the store then takes the list in bulk.
    The pass is most of the time of reading a large file: it touches each statement once,
    keeps every literal and sorts out the typed ones afterwards, among the distinct ones, and
    holds the garbage collector back (it would walk the growing list again and again: 6.4 s
    against 4.0 s for a million statements).
    """
    fmt = format_of(path)
    shapes = ox.NamedNode(str(SHAPES_GRAPH))
    literals: set[ox.Literal] = set()
    keep, add, quad, literal = quads.append, literals.add, ox.Quad, ox.Literal
    collecting = gc.isenabled()
    gc.disable()
    try:
        for q in ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri()):
            s, p, o, g = q
            if g == shapes:
                continue
            if type(o) is literal:
                add(o)
            keep(q if graphs else quad(s, p, o))
    except (OSError, ValueError, SyntaxError):
        parse_into(Dataset(), path)  # raises the loader's InputError for this file
        raise InputError("cannot be parsed", str(path)) from None
    finally:
        if collecting:
            gc.enable()
    typed.update(o for o in literals if _is_typed(o))


def _is_typed(o: object) -> TypeGuard[ox.Literal]:
    """A literal with a datatype other than xsd:string, which the store may rewrite."""
    return type(o) is ox.Literal and not o.language and o.datatype.value != XSD_STRING


def _key(lit: Literal) -> Key:
    """A literal as written (rdflib's == compares numbers by value)."""
    return str(lit), lit.datatype, lit.language


def _rewritten(literals: Iterable[Node]) -> set[Key]:
    """The typed literals that the store would not give back as written."""
    probe = ox.Store()
    predicate = ox.NamedNode("urn:ltc-lexical-probe")
    items = list({_key(lit): lit for lit in literals if isinstance(lit, Literal)}.values())
    probe.extend(ox.Quad(ox.NamedNode(f"urn:ltc-lexical-probe:{i}"), predicate, to_ox(lit))
                 for i, lit in enumerate(items))
    changed = set()
    for i, lit in enumerate(items):
        subject = ox.NamedNode(f"urn:ltc-lexical-probe:{i}")
        quad = next(iter(probe.quads_for_pattern(subject, predicate, None)))
        back = from_ox(quad.object)
        if not isinstance(back, Literal) or _key(back) != _key(lit):
            changed.add(_key(lit))
    return changed


def _exact(node: Node, changed: set[Key] | frozenset[Key]) -> OxTerm:
    if isinstance(node, Literal) and node.datatype is not None and _key(node) in changed:
        return _keep(node)
    return to_ox(node)


def _keep(lit: Literal) -> ox.Literal:
    return ox.Literal(str(lit), datatype=ox.NamedNode(LEXICAL + str(lit.datatype)))
