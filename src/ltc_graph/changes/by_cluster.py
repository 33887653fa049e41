"""The change report rolled up per cluster: one line each, read before the detail, so a
reviewer sees `AFIL: member total 143 → 151; new project Circular Lab; network 4 Motors of
Europe removed` without going through every statement.

A changed resource goes on the line of the clusters the first of these rules gives:

1. A cluster (or the cluster system) goes on its own line.
2. Its explicit links in the new version: it points at a cluster with one of `TO_CLUSTER`
   (`ltc:cluster`, `ltc:countOf`, `org:member`, ...), or a cluster points at it with one of
   `FROM_CLUSTER` (`org:hasSite`, `ltc:technologyArea`).
3. The same links in the old version (a removed resource, or one whose link was removed).
4. The sections (named graphs) holding its added or removed statements, when such a section
   is about one cluster: it types exactly one resource as a cluster or cluster system (g:afil
   is, g:cover with all nine is not).
5. Else the line `Other` (the PNRR list, the dataset description, the ontology).

A resource linked to two clusters goes on both lines. Shared vocabularies (S3 ecosystems,
funding programmes) are left out of the links, so that a change to one is not told nine times.

A line is the cluster's acronym (else its label), then its items: member counts first
(`member total 143 → 151`, `companies 104 → 110`, with `(2025)` when the cluster's counts
cover more than one year), then new, changed and removed resources, each by label. A network
membership is told as the network it joins (`new network X`, `network X removed`). A new
cluster's line is only `new cluster`: everything in it is new, and listed below.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, NamedTuple

from rdflib import URIRef
from rdflib.term import Node

from ..namespaces import LTC, ORG, RDF, RDFS, SCHEMA, SKOS, shorten
from .diff import Change, Diff, Index, ResourceChange
from .snapshot import Quad

if TYPE_CHECKING:
    from .report import Names

OTHER = "Other"
CLUSTER_WORDS = {LTC.Cluster: "cluster", LTC.ClusterSystem: "cluster system"}
TO_CLUSTER = frozenset({LTC.cluster, LTC.countOf, LTC.synergyOf, LTC.roleHolder, LTC.roleIn,
                        LTC.organiser, LTC.participant, LTC.signatory, LTC.founder, ORG.member,
                        ORG.memberOf, ORG.unitOf})
FROM_CLUSTER = frozenset({ORG.hasSite, LTC.technologyArea})
AMOUNT = (SCHEMA.value, SCHEMA.maxValue, SCHEMA.minValue, LTC.approximation)
GROUP = {"count": 0, "new": 1, "changed": 2, "removed": 3}


class Item(NamedTuple):
    """One thing told on a cluster's line, with the key that places it there."""

    group: int
    key: tuple[str, ...]
    text: str


class Version:
    """One side of the diff: its statements, its clusters, and what links to them."""

    def __init__(self, quads: Iterable[Quad]) -> None:
        self.index = Index(quads)
        self.clusters: set[Node] = set()
        typed_in: dict[Node, set[Node]] = defaultdict(set)
        for subject, said in self.index.said.items():
            for p, o, g in said:
                if p == RDF.type and o in CLUSTER_WORDS:
                    self.clusters.add(subject)
                    typed_in[g].add(subject)
        self.sections = {g: next(iter(found)) if len(found) == 1 else None
                         for g, found in typed_in.items()}
        self.links: dict[Node, set[Node]] = defaultdict(set)
        for subject, said in self.index.said.items():
            for p, o, _ in said:
                if p in TO_CLUSTER and o in self.clusters:
                    self.links[subject].add(o)
                elif p in FROM_CLUSTER and subject in self.clusters:
                    self.links[o].add(subject)

    def value(self, subject: Node, prop: Node) -> Node | None:
        """One value (the least, so the answer is stable) or None."""
        found = [o for p, o, _ in self.index.said.get(subject, ()) if p == prop]
        return min(found, key=str) if found else None

    def types(self, subject: Node) -> list[Node]:
        return sorted({o for p, o, _ in self.index.said.get(subject, ()) if p == RDF.type},
                      key=str)


class Rollup:
    """The summary of one diff: which clusters each resource belongs to, and its words."""

    def __init__(self, diff: Diff, names: Names) -> None:
        self.names = names
        self.old, self.new = Version(diff.old.quads), Version(diff.new.quads)
        self.touched: dict[Node, set[Node]] = defaultdict(set)
        for quads, version in ((diff.added, self.new), (diff.removed, self.old)):
            for s, _, _, g in quads:
                for root in version.index.roots(s):
                    self.touched[root].add(g)
        self.years: dict[Node, set[str]] = defaultdict(set)
        for version in (self.old, self.new):
            for subject, said in version.index.said.items():
                if (RDF.type, LTC.MemberCount) in ((p, o) for p, o, _ in said):
                    owner = version.value(subject, LTC.countOf)
                    year = version.value(subject, LTC.referenceYear)
                    if owner is not None and year is not None:
                        self.years[owner].add(str(year))

    def owners(self, subject: Node) -> set[Node]:
        """The clusters `subject` belongs to, by the rules of the module's docstring."""
        if subject in self.new.clusters or subject in self.old.clusters:
            return {subject}
        for version in (self.new, self.old):
            if found := version.links.get(subject):
                return set(found)
        found: set[Node] = set()
        for graph in self.touched.get(subject, ()):
            version = self.new if graph in self.new.sections else self.old
            if (cluster := version.sections.get(graph)) is not None:
                found.add(cluster)
        return found

    def name(self, cluster: Node) -> str:
        """The cluster's acronym, else its label, else its short IRI."""
        for version in (self.new, self.old):
            if (acronym := version.value(cluster, LTC.acronym)) is not None:
                return str(acronym)
        return self.names.label(cluster) or shorten(str(cluster))

    def items(self, resource: ResourceChange, owner: Node | None) -> list[Item]:
        """What `resource` adds to the line of `owner` (None: the line `Other`)."""
        subject, status = resource.subject, resource.status
        if subject == owner:
            words = next((CLUSTER_WORDS[t] for t in resource.types if t in CLUSTER_WORDS),
                         "cluster")
            return [self._told(status, words, "", resource.changes)]
        if LTC.MemberCount in resource.types and (counted := self.count(resource, owner)):
            return [counted]
        side = self.old if status == "removed" else self.new
        types = resource.types
        joined = side.value(subject, ORG.organization)
        if status != "changed" and joined is not None:  # a membership, told as what it joins
            subject, types = joined, side.types(joined)
        label = self.names.label(subject) or _short(subject)
        words = self.class_words(types)
        return [self._told(status, f"{words} {label}", label, resource.changes)]

    def count(self, resource: ResourceChange, owner: Node | None) -> Item | None:
        """`member total 143 → 151`, or None when more than its figure changed."""
        subject, status = resource.subject, resource.status
        side = self.old if status == "removed" else self.new
        year = side.value(subject, LTC.referenceYear)
        category = side.value(subject, LTC.memberCategory)
        words = self.category_words(category) if category is not None else "members"
        when = f" ({year})" if year is not None and len(self.years[owner]) > 1 else ""
        key = (str(year or ""), "0" if words.startswith("member ") else "1", words)
        if status == "new":
            return Item(GROUP["count"], key, f"new {words} {self.amount(self.new, subject)}{when}")
        if status == "removed":
            return Item(GROUP["count"], key,
                        f"{words} {self.amount(self.old, subject)}{when} removed")
        before, after = self.amount(self.old, subject), self.amount(self.new, subject)
        figure_only = {c.path[0] for c in resource.changes if c.path} <= {*AMOUNT, RDFS.label}
        if before == after or not figure_only:
            return None
        return Item(GROUP["count"], key, f"{words} {before} → {after}{when}")

    def category_words(self, category: Node) -> str:
        """`member total` for the top category (notation `total`), else the category's label
        in lower case (`companies`, `research organisations`)."""
        for version in (self.new, self.old):
            notation = version.value(category, SKOS.notation)
            if notation is not None and version.value(category, SKOS.broader) is None:
                return f"member {notation}"
        return _lower_first(self.names.label(category) or _words(category))

    def class_words(self, types: list[Node]) -> str:
        """The class in lower case (`project`, `network membership`); `resource` if untyped."""
        words = sorted(_lower_first(self.names.label(t) or _words(t)) for t in types)
        return words[0] if words else "resource"

    @staticmethod
    def amount(version: Version, subject: Node) -> str:
        """The figure as stated: `143`, or `almost 700` for a bound with its qualifier."""
        value = version.value(subject, SCHEMA.value)
        if value is not None:
            return str(value)
        parts = [version.value(subject, p) for p in (LTC.approximation, SCHEMA.maxValue)]
        if parts[1] is None:
            parts[1] = version.value(subject, SCHEMA.minValue)
        return " ".join(str(part) for part in parts if part is not None) or "no figure"

    def _told(self, status: str, what: str, label: str, changes: list[Change]) -> Item:
        if status == "new":
            return Item(GROUP["new"], (label.casefold(),), f"new {what}")
        if status == "removed":
            return Item(GROUP["removed"], (label.casefold(),), f"{what} removed")
        verb = "moved" if all(c.kind == "moved" for c in changes) else "changed"
        props = sorted({self.names.prop(c.path[0]) for c in changes if c.path})
        told = f"{what} {verb}" + (f" ({', '.join(props)})" if props else "")
        return Item(GROUP["changed"], (label.casefold(),), told)


def lines(diff: Diff, names: Names) -> list[str]:
    """One line per cluster the diff touches, by name, then `Other`; none without changes."""
    rollup = Rollup(diff, names)
    found: dict[Node | None, set[Item]] = defaultdict(set)
    whole: dict[Node, Item] = {}  # a new or removed cluster, told as that alone
    for resource in diff.resources:
        for owner in rollup.owners(resource.subject) or {None}:
            told = rollup.items(resource, owner)
            found[owner].update(told)
            if owner == resource.subject and resource.status != "changed":
                whole[owner] = told[0]
    rows = []
    for owner, items in found.items():
        told = [whole[owner]] if owner in whole else sorted(items)
        texts = list(dict.fromkeys(item.text for item in told))
        name = rollup.name(owner) if owner is not None else OTHER
        rows.append(((owner is None, name.casefold(), name), f"{name}: {'; '.join(texts)}"))
    return [row for _, row in sorted(rows)]


def _short(node: Node) -> str:
    return shorten(str(node)) if isinstance(node, URIRef) else f"_:{node}"


def _words(node: Node) -> str:
    """A term's local name in words (`org:Site`: `site`, `all-members`: `all members`)."""
    local = re.split(r"[#/]", str(node))[-1]
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", local).replace("-", " ").lower() or str(node)


def _lower_first(text: str) -> str:
    """`Project` to `project`, but `PNRR component` stays."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]
