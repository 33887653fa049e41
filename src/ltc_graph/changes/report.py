"""A diff told in words: one block per resource, named by its label and class, each changed
statement named by the property's label from the ontology and the value's label.

Reviewers read these before a release, so they say `value: 143 → 151` and
`+ cluster: Lombardy Intelligent Factory Association (cluster:afil)` rather than quads, after
one line per cluster (`AFIL: member total 143 → 151; new project Circular Lab`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ..namespaces import FOAF, MORE_PREFIXES, RDF, RDFS, SKOS, XSD
from ..namespaces import shorten as short_iri
from . import by_cluster as changes_by_cluster
from .diff import Change, Diff, ResourceChange, Tree, Value
from .snapshot import DEFAULT_GRAPH, Quad

NAMING = (RDFS.label, SKOS.prefLabel, FOAF.name)  # in order of preference
BARE = {XSD.integer, XSD.decimal, XSD.double, XSD.boolean}
STATUS_ORDER = {"changed": 0, "new": 1, "removed": 2}
KIND_SIGN = {"moved": "~", "changed": "~", "removed": "-", "added": "+"}
KIND_ORDER = {"moved": 0, "changed": 1, "removed": 2, "added": 3}


class Names:
    """Labels of resources, properties and classes, from the first of the quad sets that
    labels them (the new version, then the old, then the ontology)."""

    def __init__(self, *sources: Iterable[Quad]) -> None:
        self._labels: dict[Node, tuple[int, int, str, str]] = {}
        for rank, quads in enumerate(sources):
            for s, p, o, _ in quads:
                if p in NAMING and isinstance(o, Literal) and not isinstance(s, BNode):
                    language = o.language or ""
                    found = (rank, NAMING.index(p),
                             {"en": "0", "": "1"}.get(language, language),
                             str(o))
                    if s not in self._labels or found < self._labels[s]:
                        self._labels[s] = found

    def label(self, node: Node) -> str | None:
        found = self._labels.get(node)
        return found[3] if found else None

    def term(self, node: Node) -> str:
        """`Label (prefix:name)`, or the short IRI alone when there is no label."""
        label = self.label(node)
        short = shorten(str(node)) if isinstance(node, URIRef) else f"_:{node}"
        return f"{label} ({short})" if label else short

    def prop(self, node: Node) -> str:
        """The property's label, else its local name in words (`siteAddress`: site address)."""
        if node == RDF.type:
            return "type"
        if label := self.label(node):
            return label
        local = re.split(r"[#/]", str(node))[-1]
        return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local).lower() or str(node)

    def cls(self, node: Node) -> str:
        return self.label(node) or shorten(str(node))


def text(diff: Diff, names: Names) -> str:
    """The report: one line per cluster touched (`changes_by_cluster`), a count of resources
    and statements, then one block per resource (changed, new, removed)."""
    lines = [f"Changes from {diff.old.name} to {diff.new.name}", ""]
    if diff.empty:
        return "\n".join([*lines, "No differences."]) + "\n"
    lines += [*changes_by_cluster.lines(diff, names), "", summary(diff)]
    for resource in sorted(diff.resources, key=lambda r: (STATUS_ORDER[r.status],
                                                            names.term(r.subject))):
        lines += ["", heading(resource, names)]
        rows = [(_order(c, names), line(c, names)) for c in resource.changes]
        lines += [row for _, row in sorted(rows)]
    return "\n".join(lines) + "\n"


def summary(diff: Diff) -> str:
    counts = {status: sum(1 for r in diff.resources if r.status == status)
              for status in STATUS_ORDER}
    total = len(diff.resources)
    verb = "differs" if total == 1 else "differ"
    return (f"{_count(total, 'resource')} {verb} ({counts['changed']} changed, "
            f"{counts['new']} new, {counts['removed']} removed): "
            f"{_count(len(diff.added), 'statement')} added, {len(diff.removed)} removed.")


def heading(resource: ResourceChange, names: Names) -> str:
    kinds = ", ".join(sorted(names.cls(t) for t in resource.types)) or "resource"
    return f"{resource.status.capitalize()} {kinds}: {names.term(resource.subject)}"


def line(change: Change, names: Names) -> str:
    path = " > ".join(names.prop(p) for p in change.path)
    sign = KIND_SIGN[change.kind]
    if change.kind == "changed":
        return (f"  {sign} {path}: {value(change.old, names)} → "
                f"{value(change.new, names)}")
    if change.kind == "moved":
        if not change.path:
            return f"  {sign} statements about its blank nodes moved between sections"
        return f"  {sign} {path}: {value(change.new, names)} {moved(change)}"
    shown = change.new if change.kind == "added" else change.old
    return f"  {sign} {path}: {value(shown, names)}"


def moved(change: Change) -> str:
    """`moved from g:a to g:b`, or what was added to and taken from the sections stating it."""
    gone, came = change.old_graphs - change.new_graphs, change.new_graphs - change.old_graphs
    if gone and came and not change.old_graphs & change.new_graphs:
        return f"moved from {_graphs(gone)} to {_graphs(came)}"
    parts = ([f"now also in {_graphs(came)}"] if came else []) + (
        [f"no longer in {_graphs(gone)}"] if gone else [])
    return "; ".join(parts)


def value(node: Value | None, names: Names) -> str:
    """A value as a reviewer reads it: numbers bare, text quoted, IRIs by label."""
    if isinstance(node, Tree):
        inner = sorted((_prop_order(p, names), f"{names.prop(p)}: {value(v, names)}")
                       for p, v in node.statements)
        return "[" + "; ".join(text for _, text in inner) + "]"
    if isinstance(node, Literal):
        quoted = '"' + str(node).replace("\\", "\\\\").replace('"', '\\"').replace(
            "\n", "\\n") + '"'
        if node.language:
            return f"{quoted}@{node.language}"
        if node.datatype is None or node.datatype == XSD.string:
            return quoted
        if node.datatype in BARE:
            return str(node)
        return f"{quoted}^^{shorten(str(node.datatype))}"
    return names.term(node) if node is not None else ""


def _order(change: Change, names: Names) -> tuple:
    shown = change.new if change.new is not None else change.old
    return (tuple(_prop_order(p, names) for p in change.path), KIND_ORDER[change.kind],
            value(shown, names))


def _prop_order(prop: Node, names: Names) -> tuple[int, str]:
    return (0 if prop == RDF.type else 1 if prop == RDFS.label else 2, names.prop(prop))


def shorten(iri: str) -> str:
    """`prefix:name` for the project's prefixes and a few more, else `<iri>`."""
    for prefix, namespace in MORE_PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return short_iri(iri)


def _graphs(graphs: Iterable[Node]) -> str:
    return ", ".join(sorted("the default graph" if g == DEFAULT_GRAPH else shorten(str(g))
                            for g in graphs))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
