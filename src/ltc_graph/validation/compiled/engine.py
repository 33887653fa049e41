"""SHACL Core, compiled to SPARQL on Oxigraph: each constraint is checked for all focus nodes
of a shape in one query, instead of node by node in Python as pySHACL does.

A set of focus nodes is a SPARQL pattern (`Scope`) binding `?this`: a shape's targets, or
the values that an enclosing shape's path reaches, so nested shapes (sh:property of a
property shape, sh:node, sh:not, sh:and, sh:or, sh:xone, qualified shapes) are checked
set-at-a-time too. A path is a SPARQL property path (paths.py). What each component asks
is in components.py; checks of single values whose edges pySHACL defines in Python
(datatypes, patterns, ranges, lengths, sh:in, sh:languageIn) are in values.py.

The results reproduce pySHACL's report (with allow_warnings, the project's setting, unless
told otherwise, and no inference): the same focus nodes, paths, values, source shapes and
components, the nested results pySHACL puts under sh:detail of an sh:node result, one
result per duplicated language, and a nested property shape's results once for every focus
node that reaches its focus.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from ...namespaces import RDF, RDFS, SH
from ..data import ValidationData
from .model import Constraint, Shape
from .paths import is_predicate

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
# An instance of a class or of one of its subclasses, as pySHACL follows rdfs:subClassOf.
INSTANCE_OF = f"<{RDF.type}>/<{RDFS.subClassOf}>*"
_VALUE = re.compile(r"\?v\b")
_THIS = re.compile(r"\?this\b")
SCOPES = "urn:ltc-scope:"
MEMBER = "urn:ltc-scope:member"


def targets_pattern(targets: dict[URIRef, tuple[Node, ...]],
                    term: Callable[[Node], str], within: str = "") -> str | None:
    """A group pattern binding ?this to each focus node of the targets (once), as pySHACL
    finds them (instances follow rdfs:subClassOf), and that `within` binds if given;
    None without targets."""
    parts = [f"{{ VALUES ?this {{ {term(node)} }} }}" for node in targets.get(SH.targetNode, ())]
    parts += [f"{{ ?this {INSTANCE_OF} <{c}> }}" for c in targets.get(SH.targetClass, ())]
    parts += [f"{{ ?this <{p}> [] }}" for p in targets.get(SH.targetSubjectsOf, ())]
    parts += [f"{{ [] <{p}> ?this }}" for p in targets.get(SH.targetObjectsOf, ())]
    if not parts:
        return None
    return f"{{ SELECT DISTINCT ?this WHERE {{ {{ {' UNION '.join(parts)} }} {within} }} }}"


@dataclass(frozen=True)
class Scope:
    """A set of focus nodes: a pattern that binds each of them once to ?this.

    The instances of a class without subclasses are one plain pattern. Any other set is
    kept in the store as a named graph of its own, written once and read by every
    constraint of a shape: Oxigraph joins a DISTINCT sub-SELECT with the rest of a query by
    scanning the rest whole (0.5 s for the statements of 5,000 addresses at 1M triples), a
    graph pattern through its indexes (0.04 s). Members are objects, so literal value nodes
    can be focus nodes too.
    """

    pattern: str

    @classmethod
    def kept(cls, graph: str) -> Scope:
        return cls(f"GRAPH <{graph}> {{ <{graph}> <{MEMBER}> ?this }}")


@dataclass(frozen=True)
class Found:
    """One validation result, terms as Oxigraph returns them from the exact store."""

    focus: OxTerm
    shape: Shape
    component: URIRef
    path: Node | None = None
    value: OxTerm | None = None
    details: tuple[Found, ...] = ()


class Engine:
    """Evaluates compiled shapes over one ValidationData.

    `allow_warnings` (pySHACL's option, the project's setting): warnings and infos do not
    make a node fail a shape nested in sh:node, sh:not, sh:or and the like; without it every
    result counts, as SHACL itself defines conformance.
    """

    def __init__(self, data: ValidationData, allow_warnings: bool = True) -> None:
        self.data = data
        self.allow_warnings = allow_warnings
        self._own: dict[tuple[int, str], list[Found]] = {}
        self._scopes: dict[str, Scope] = {}

    def run(self, shapes: Iterable[Shape]) -> list[Found]:
        """Every result of every targeted shape, as pySHACL reports them."""
        found: list[Found] = []
        try:
            for shape in shapes:
                scope = self.targets(shape)
                if scope is not None:
                    found += self.evaluate(shape, scope)
        finally:
            for graph in range(len(self._scopes)):
                self.data.exact.remove_graph(ox.NamedNode(f"{SCOPES}{graph}"))
            self._scopes.clear()
            self._own.clear()  # keyed by scope patterns, whose graph names are reused
        return found

    def blocking(self, shape: Shape) -> bool:
        """Whether a result of `shape` breaks conformance."""
        return not self.allow_warnings or shape.severity not in (SH.Warning, SH.Info)

    def targets(self, shape: Shape) -> Scope | None:
        classes = shape.targets[SH.targetClass]
        if len(classes) == 1 and sum(map(len, shape.targets.values())) == 1 \
                and not self.data.within and not self._has_subclasses(URIRef(classes[0])):
            return Scope(f"?this <{RDF.type}> <{classes[0]}> .")
        pattern = targets_pattern(shape.targets, self.sparql, self.data.within)
        return self.scope(pattern) if pattern is not None else None

    def _has_subclasses(self, cls: URIRef) -> bool:
        return bool(self.data.exact.query(f"ASK {{ ?sub <{RDFS.subClassOf}> <{cls}> }}"))

    def scope(self, where: str) -> Scope:
        """The scope of the nodes ?this that `where` binds (the same `where`, the same scope)."""
        if where not in self._scopes:  # written by the store itself, no node through Python
            graph = f"{SCOPES}{len(self._scopes)}"
            self.data.exact.update(f"INSERT {{ GRAPH <{graph}> {{ <{graph}> <{MEMBER}> ?this }} }}"
                                   f" WHERE {{ SELECT DISTINCT ?this WHERE {{ {where} }} }}")
            self._scopes[where] = Scope.kept(graph)
        return self._scopes[where]

    def evaluate(self, shape: Shape, scope: Scope) -> list[Found]:
        """The results of `shape` and of its property shapes for the nodes of `scope`."""
        if shape.deactivated:
            return []
        found = list(self._own_results(shape, scope))
        for prop in shape.properties:
            found += self._nested(shape, prop, scope)
        return found

    def _nested(self, shape: Shape, prop: Shape, scope: Scope) -> list[Found]:
        """A property shape's results: for a node shape, about its focus nodes; for a
        property shape, about its value nodes, once for each focus node reaching one."""
        if shape.path is None:
            return self.evaluate(prop, scope)
        nested = self.evaluate(prop, self.values_scope(shape, scope))
        if not nested:
            return []
        reach = Counter(v for _, v in self.pairs(shape, scope, {f.focus for f in nested}))
        return [f for f in nested for _ in range(reach[f.focus])]

    def nonconforming(self, shape: Shape, scope: Scope) -> set[OxTerm]:
        """The nodes of `scope` for which pySHACL's `Shape.validate` says "does not conform"."""
        if shape.deactivated or not self.blocking(shape):
            return set()
        bad = {f.focus for f in self._own_results(shape, scope)}
        for prop in shape.properties:
            if shape.path is None:
                bad |= self.nonconforming(prop, scope)
            else:
                failing = self.nonconforming(prop, self.values_scope(shape, scope))
                bad |= {focus for focus, _ in self.pairs(shape, scope, failing)}
        return bad

    def members(self, scope: Scope) -> set[OxTerm]:
        """Every node of `scope`."""
        return {row["this"] for row in self.select(f"SELECT ?this WHERE {{ {scope.pattern} }}")}

    def _own_results(self, shape: Shape, scope: Scope) -> list[Found]:
        from .components import check  # the components call back into the engine

        key = (id(shape), scope.pattern)
        if key not in self._own:
            self._own[key] = [f for c in shape.constraints for f in check(self, shape, c, scope)]
        return self._own[key]

    # -- what the components build on ------------------------------------------------------

    def found(self, shape: Shape, component: URIRef, focus: OxTerm,
              value: OxTerm | None = None, details: tuple[Found, ...] = ()) -> Found:
        return Found(focus, shape, component, shape.path, value, details)

    def over_values(self, shape: Shape, scope: Scope, select: str, condition: str = "",
                    selective: bool = False) -> list[ox.QuerySolution]:
        """Solutions with ?this a focus node and ?v each of its value nodes.

        A `selective` condition keeps few statements: those are found first, over the whole
        graph, and then kept for the scope's nodes (Oxigraph evaluates in the order written;
        the other way round it would look up the path for every node of the scope). Only a
        path that is one property is read that way: a longer one could reach a focus node
        through zero steps, which only a bound ?this finds. A path that is not one property
        can reach a value twice, so its pairs are made distinct.
        For a node shape the value is the focus node itself; ?v is then written as ?this,
        since Oxigraph cannot look up a variable made by BIND in its indexes.
        """
        if shape.step is None:
            body = f"{scope.pattern} {_VALUE.sub('?this', condition)}"
            select = _VALUE.sub("(?this AS ?v)", select)
        elif selective and is_predicate(shape.path):
            first = f"SELECT * WHERE {{ ?this {shape.step} ?v . {condition} }}"
            body = f"{{ {first} }} {scope.pattern}"
        else:
            body = f"{scope.pattern} ?this {shape.step} ?v . {condition}"
            if not is_predicate(shape.path) and not select.startswith("DISTINCT"):
                select = f"DISTINCT {select}"
        return self.select(f"SELECT {select} WHERE {{ {body} }}")

    def values_scope(self, shape: Shape, scope: Scope) -> Scope:
        if shape.step is None:
            return scope
        outer = _THIS.sub("?focus", scope.pattern)
        return self.scope(f"{outer} ?focus {shape.step} ?this")

    def failing_pairs(self, shape: Shape, c: Constraint, scope: Scope,
                      condition: str) -> list[Found]:
        rows = self.over_values(shape, scope, "?this ?v", condition, selective=True)
        return [self.found(shape, component_of(c), row["this"], row["v"]) for row in rows]

    def pairs(self, shape: Shape, scope: Scope,
              values: set[OxTerm]) -> list[tuple[OxTerm, OxTerm]]:
        """(focus, value) pairs of `scope` whose value is in `values`."""
        if not values:
            return []
        named = [v for v in values if not isinstance(v, ox.BlankNode)]
        rows = []
        if named:
            listed = " ".join(str(v) for v in named)
            rows += self.over_values(shape, scope, "?this ?v", f"VALUES ?v {{ {listed} }}",
                                     selective=True)
        if len(named) < len(values):
            blank = self.over_values(shape, scope, "?this ?v", "FILTER(isBlank(?v))",
                                     selective=True)
            rows += [r for r in blank if r["v"] in values]
        return [(row["this"], row["v"]) for row in rows]

    def sparql(self, node: Node) -> str:
        return str(self.data.ox_term(node))

    def select(self, query: str) -> list[ox.QuerySolution]:
        return list(self.data.exact.query(query))


def component_of(c: Constraint) -> URIRef:
    """The constraint component IRI of a constraint (sh:class -> sh:ClassConstraintComponent)."""
    name = str(c.component)[len(str(SH)):]
    return SH[name[0].upper() + name[1:] + "ConstraintComponent"]
