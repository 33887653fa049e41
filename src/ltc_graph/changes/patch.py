"""The raw change as RDF Patch (https://afs.github.io/rdf-patch/) or as N-Triples, for tools
rather than people: a store can replay a patch to move from one release to the next.

Rows are `D` (delete) then `A` (add), one quad each in N-Quads syntax, sorted, inside one
transaction (`TX .` ... `TC .`). Blank nodes carry the content-derived labels of the
snapshots, so a patch applies to the old version as read by `snapshot.read`.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib.term import Node

from ..errors import InputError
from ..rdf.terms import from_ox, to_ox
from .snapshot import DEFAULT_GRAPH, Quad

Triple = tuple[Node, Node, Node]
IGNORED = {"H", "TX", "TC"}  # headers and transaction marks carry no change here


def write(removed: Iterable[Quad], added: Iterable[Quad]) -> str:
    """RDF Patch deleting `removed` and adding `added`."""
    rows = ["TX ."]
    rows += sorted(f"D {statement(q)} ." for q in removed)
    rows += sorted(f"A {statement(q)} ." for q in added)
    return "\n".join([*rows, "TC ."]) + "\n"


def statement(quad: Quad) -> str:
    """A quad in N-Quads syntax without the final dot; the default graph is left unnamed."""
    s, p, o, g = quad
    terms = [str(to_ox(s)), str(to_ox(p)), str(to_ox(o))]
    if g != DEFAULT_GRAPH:
        terms.append(str(to_ox(g)))
    return " ".join(terms)


def read(text: str) -> tuple[set[Quad], set[Quad]]:
    """The deleted and added quads of an RDF Patch written with absolute IRIs.

    :raise InputError: a row this reader does not know (prefixes, an aborted transaction).
    """
    deleted: set[Quad] = set()
    added: set[Quad] = set()
    for number, row in enumerate(text.splitlines(), 1):
        code = row.split(" ", 1)[0]
        if not row.strip() or row.startswith("#") or code in IGNORED:
            continue
        if code not in ("A", "D"):
            raise InputError(f"unsupported RDF Patch row {code!r}", "patch", number)
        try:
            [quad] = list(ox.parse(row[2:].encode(), format=ox.RdfFormat.N_QUADS))
        except (SyntaxError, ValueError) as exc:
            raise InputError(f"not a quad: {exc}", "patch", number) from None
        graph: Node = (DEFAULT_GRAPH if isinstance(quad.graph_name, ox.DefaultGraph)
                       else from_ox(quad.graph_name))
        parsed = (from_ox(quad.subject), from_ox(quad.predicate), from_ox(quad.object), graph)
        (added if code == "A" else deleted).add(parsed)
        (deleted if code == "A" else added).discard(parsed)
    return deleted, added


def apply(quads: Iterable[Quad], text: str) -> frozenset[Quad]:
    """`quads` with the patch applied."""
    deleted, added = read(text)
    return frozenset((set(quads) - deleted) | added)


def triple_changes(old: Iterable[Quad], new: Iterable[Quad]) -> tuple[set[Triple], set[Triple]]:
    """The triples removed and added, whatever their sections: a statement moved from one
    section to another is no change of the triples."""
    before = {(s, p, o) for s, p, o, _ in old}
    after = {(s, p, o) for s, p, o, _ in new}
    return before - after, after - before


def ntriples(triples: Iterable[Triple]) -> str:
    """Triples as sorted N-Triples: a section of `diff --format nt`."""
    return "".join(sorted(statement((s, p, o, DEFAULT_GRAPH)) + " .\n" for s, p, o in triples))
