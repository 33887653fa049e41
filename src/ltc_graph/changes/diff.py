"""What changed between two snapshots of the graph: the raw quads, and the same change told
resource by resource, which is what a reviewer reads.

Statements about a blank node belong to the resource that holds it (an address to its site),
so a changed postcode is a change of the site. A statement whose subject, property and value
stay but whose section (named graph) changes is a move, not a removal plus an addition.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal as Kind

from rdflib import BNode, URIRef
from rdflib.term import Node

from ..namespaces import RDF
from .snapshot import Quad, Snapshot

Graphs = frozenset[Node]


@dataclass(frozen=True)
class Tree:
    """A blank node written out: its statements, with its own blank nodes written out too."""

    statements: frozenset[tuple[Node, Value]]


Value = Node | Tree


@dataclass(frozen=True)
class Change:
    """One statement of a resource that differs; `path` goes into blank nodes (address,
    postcode). A `moved` change has no value change, only other sections."""

    kind: Kind["added", "removed", "changed", "moved"]
    path: tuple[Node, ...]
    old: Value | None = None
    new: Value | None = None
    old_graphs: Graphs = frozenset()
    new_graphs: Graphs = frozenset()


@dataclass
class ResourceChange:
    subject: Node
    status: Kind["changed", "new", "removed"]
    types: list[Node]
    changes: list[Change] = field(default_factory=list)


@dataclass
class Diff:
    old: Snapshot
    new: Snapshot
    added: frozenset[Quad]
    removed: frozenset[Quad]
    resources: list[ResourceChange]

    @property
    def empty(self) -> bool:
        return not self.added and not self.removed


class Index:
    """A snapshot's statements by subject, and who holds each blank node."""

    def __init__(self, quads: Iterable[Quad]) -> None:
        self.said: dict[Node, list[tuple[Node, Node, Node]]] = defaultdict(list)
        self.held: dict[Node, set[Node]] = defaultdict(set)
        for s, p, o, g in quads:
            self.said[s].append((p, o, g))
            if isinstance(o, BNode):
                self.held[o].add(s)

    def roots(self, node: Node) -> set[Node]:
        """The IRI resources holding `node` (itself if it is one, or a blank node nobody
        holds, or one inside a cycle of blank nodes)."""
        found: set[Node] = set()
        seen: set[Node] = set()
        stack = [node]
        while stack:
            current = stack.pop()
            if current in seen:
                continue
            seen.add(current)
            holders = self.held.get(current, set()) if isinstance(current, BNode) else set()
            if not holders:
                found.add(current)
            stack.extend(holders)
        return found or {node}

    def describe(self, subject: Node) -> dict[tuple[Node, Value], Graphs]:
        """Each (property, value) of `subject` with the sections that state it."""
        graphs: dict[tuple[Node, Value], set[Node]] = defaultdict(set)
        for p, o, g in self.said.get(subject, ()):
            graphs[(p, self.value(o, frozenset({subject})))].add(g)
        return {key: frozenset(found) for key, found in graphs.items()}

    def value(self, term: Node, seen: frozenset[Node]) -> Value:
        if not isinstance(term, BNode):
            return term
        if term in seen:
            return Tree(frozenset())
        return Tree(frozenset((p, self.value(o, seen | {term}))
                              for p, o, _ in self.said.get(term, ())))


def compare(old: Snapshot, new: Snapshot) -> Diff:
    """The difference from `old` to `new`, raw and per resource (sorted by subject)."""
    added, removed = new.quads - old.quads, old.quads - new.quads
    before, after = Index(old.quads), Index(new.quads)
    touched: set[Node] = set()
    for quads, index in ((removed, before), (added, after)):
        for quad in quads:
            touched |= index.roots(quad[0])
    resources = []
    for subject in sorted(touched, key=lambda n: (isinstance(n, BNode), str(n))):
        was, now = before.describe(subject), after.describe(subject)
        status: Kind["changed", "new", "removed"] = (
            "new" if not was else "removed" if not now else "changed")
        types = sorted({v for p, v in (now or was) if p == RDF.type and isinstance(v, URIRef)})
        changes = changes_between(was, now)
        if not changes:  # only blank-node statements moved between sections
            changes = [Change("moved", ())]
        resources.append(ResourceChange(subject, status, list(types), changes))
    return Diff(old, new, added, removed, resources)


def changes_between(was: dict[tuple[Node, Value], Graphs], now: dict[tuple[Node, Value], Graphs],
                    path: tuple[Node, ...] = ()) -> list[Change]:
    """Moves, then for each property: one value replaced by one other is a change (told
    inside blank nodes when both values are one), anything else additions and removals."""
    changes = [Change("moved", (*path, p), v, v, was[(p, v)], now[(p, v)])
               for p, v in was.keys() & now.keys() if was[(p, v)] != now[(p, v)]]
    gone: dict[Node, list[Value]] = defaultdict(list)
    came: dict[Node, list[Value]] = defaultdict(list)
    for p, v in was.keys() - now.keys():
        gone[p].append(v)
    for p, v in now.keys() - was.keys():
        came[p].append(v)
    for p in gone.keys() | came.keys():
        olds, news = gone.get(p, []), came.get(p, [])
        if len(olds) == 1 and len(news) == 1:
            old, new = olds[0], news[0]
            if isinstance(old, Tree) and isinstance(new, Tree):
                changes += changes_between(_flat(old), _flat(new), (*path, p))
            else:
                changes.append(Change("changed", (*path, p), old, new,
                                      was[(p, old)], now[(p, new)]))
            continue
        changes += [Change("removed", (*path, p), old=v, old_graphs=was[(p, v)]) for v in olds]
        changes += [Change("added", (*path, p), new=v, new_graphs=now[(p, v)]) for v in news]
    return changes


def _flat(tree: Tree) -> dict[tuple[Node, Value], Graphs]:
    return {statement: frozenset() for statement in tree.statements}
