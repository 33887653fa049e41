"""SHACL Core, compiled to SPARQL on Oxigraph: each constraint is checked for all focus nodes
of a shape in one query, instead of node by node in Python as pySHACL does.

A set of focus nodes is a SPARQL pattern (`Scope`) binding `?this`: a shape's targets, or
the values that an enclosing shape's path reaches, so nested shapes (sh:node, sh:or, sh:xone,
qualified shapes) are checked set-at-a-time too. Structural checks (counts, classes, node
kinds, closed shapes, language duplicates) run entirely in SPARQL and return only failures.
Checks of single values whose edges pySHACL defines in Python (datatypes, patterns, ranges,
sh:in, sh:languageIn) run in shacl_values.py over the distinct values Oxigraph returns.

The results reproduce pySHACL's report (with allow_warnings and no inference): the same
focus nodes, paths, values, source shapes and components, the nested results pySHACL puts
under sh:detail of an sh:node result, and one result per duplicated language.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from ...namespaces import RDF, RDFS, SH, XSD
from ..data import LEXICAL, ValidationData
from .model import Constraint, Shape
from .values import check_for

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
NODE_KINDS = {
    SH.IRI: "isIRI(?v)", SH.BlankNode: "isBlank(?v)", SH.Literal: "isLiteral(?v)",
    SH.BlankNodeOrIRI: "!isLiteral(?v)", SH.BlankNodeOrLiteral: "!isIRI(?v)",
    SH.IRIOrLiteral: "!isBlank(?v)",
}
COMPONENT = {
    SH["class"]: SH.ClassConstraintComponent, SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent, SH.pattern: SH.PatternConstraintComponent,
    SH.minInclusive: SH.MinInclusiveConstraintComponent, SH["in"]: SH.InConstraintComponent,
    SH.languageIn: SH.LanguageInConstraintComponent,
    SH.uniqueLang: SH.UniqueLangConstraintComponent,
    SH.minCount: SH.MinCountConstraintComponent, SH.maxCount: SH.MaxCountConstraintComponent,
    SH.closed: SH.ClosedConstraintComponent, SH.node: SH.NodeConstraintComponent,
    SH["or"]: SH.OrConstraintComponent, SH.xone: SH.XoneConstraintComponent,
}
# An instance of a class or of one of its subclasses, as pySHACL follows rdfs:subClassOf.
# Queries say "not" with MINUS: Oxigraph answers it with one hash join, where FILTER NOT
# EXISTS runs its pattern again for every solution (18 s against 0.1 s at 1M triples).
INSTANCE_OF = f"<{RDF.type}>/<{RDFS.subClassOf}>*"
_VALUE = re.compile(r"\?v\b")
_THIS = re.compile(r"\?this\b")
SCOPES = "urn:ltc-scope:"
MEMBER = "urn:ltc-scope:member"
VALUE_CHECKED = (SH.pattern, SH.minInclusive, SH["in"], SH.languageIn)


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
    path: URIRef | None = None
    value: OxTerm | None = None
    details: tuple[Found, ...] = ()


class Engine:
    """Evaluates compiled shapes over one ValidationData."""

    def __init__(self, data: ValidationData) -> None:
        self.data = data
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

    def targets(self, shape: Shape) -> Scope | None:
        classes = shape.targets[SH.targetClass]
        if len(classes) == 1 and sum(map(len, shape.targets.values())) == 1 \
                and not self.data.within and not self._has_subclasses(URIRef(classes[0])):
            return Scope(f"?this <{RDF.type}> <{classes[0]}> .")
        pattern = targets_pattern(shape.targets, self._sparql, self.data.within)
        return self._scope(pattern) if pattern is not None else None

    def _has_subclasses(self, cls: URIRef) -> bool:
        return bool(self.data.exact.query(f"ASK {{ ?sub <{RDFS.subClassOf}> <{cls}> }}"))

    def _scope(self, where: str) -> Scope:
        """The scope of the nodes ?this that `where` binds (the same `where`, the same scope)."""
        if where not in self._scopes:
            graph = ox.NamedNode(f"{SCOPES}{len(self._scopes)}")
            member = ox.NamedNode(MEMBER)
            rows = self.data.exact.query(f"SELECT DISTINCT ?this WHERE {{ {where} }}")
            self.data.exact.extend(ox.Quad(graph, member, row["this"], graph) for row in rows)
            self._scopes[where] = Scope.kept(graph.value)
        return self._scopes[where]

    def evaluate(self, shape: Shape, scope: Scope) -> list[Found]:
        """The results of `shape` and of its property shapes for the nodes of `scope`."""
        if shape.deactivated:
            return []
        found = list(self._own_results(shape, scope))
        for prop in shape.properties:
            found += self.evaluate(prop, scope)
        return found

    def nonconforming(self, shape: Shape, scope: Scope) -> set[OxTerm]:
        """The nodes of `scope` for which pySHACL's `Shape.validate` says "does not conform"."""
        if shape.deactivated or not shape.blocking:
            return set()
        bad = {f.focus for f in self._own_results(shape, scope)}
        for prop in shape.properties:
            bad |= self.nonconforming(prop, scope)
        return bad

    # -- one constraint ------------------------------------------------------------------

    def _own_results(self, shape: Shape, scope: Scope) -> list[Found]:
        key = (id(shape), scope.pattern)
        if key not in self._own:
            self._own[key] = [f for c in shape.constraints for f in self._check(shape, c, scope)]
        return self._own[key]

    def _check(self, shape: Shape, c: Constraint, scope: Scope) -> list[Found]:
        kind = c.component
        if kind in VALUE_CHECKED:
            return self._by_value(shape, c, scope)
        method = {
            SH.minCount: self._min_count, SH.maxCount: self._max_count,
            SH["class"]: self._class, SH.nodeKind: self._node_kind, SH.datatype: self._datatype,
            SH.uniqueLang: self._unique_lang, SH.closed: self._closed, SH.node: self._node,
            SH["or"]: self._or, SH.xone: self._xone, SH.qualifiedValueShape: self._qualified,
        }[kind]
        return method(shape, c, scope)

    def _min_count(self, shape: Shape, c: Constraint, scope: Scope) -> list[Found]:
        least = int(c.value)
        if least <= 0:
            return []
        if least == 1:
            query = (f"SELECT ?this WHERE {{ {scope.pattern} "
                     f"MINUS {{ ?this <{shape.path}> ?v }} }}")
        else:
            query = (f"SELECT ?this WHERE {{ {scope.pattern} "
                     f"OPTIONAL {{ ?this <{shape.path}> ?v }} }} "
                     f"GROUP BY ?this HAVING (COUNT(DISTINCT ?v) < {least})")
        return [self._found(shape, c, row["this"]) for row in self._select(query)]

    def _max_count(self, shape: Shape, c: Constraint, scope: Scope) -> list[Found]:
        query = (f"SELECT ?this WHERE {{ {scope.pattern} ?this <{shape.path}> ?v }}"
                 f" GROUP BY ?this HAVING (COUNT(DISTINCT ?v) > {int(c.value)})")
        return [self._found(shape, c, row["this"]) for row in self._select(query)]

    def _class(self, shape: Shape, c: Constraint, scope: Scope) -> list[Found]:
        return self._failing_pairs(
            shape, c, scope, f"MINUS {{ ?v {INSTANCE_OF} <{c.value}> }}")

    def _node_kind(self, shape: Shape, c: Constraint, scope: Scope) -> list[Found]:
        test = NODE_KINDS.get(URIRef(c.value), "false")
        return self._failing_pairs(shape, c, scope, f"FILTER(!({test}))")

    def _datatype(self, shape: Shape, c: Constraint, scope: Scope) -> list[Found]:
        datatype = URIRef(c.value)
        if datatype == RDF.langString:
            return self._failing_pairs(shape, c, scope, 'FILTER(!isLiteral(?v) || LANG(?v) = "")')
        names = f"<{datatype}>, <{LEXICAL}{datatype}>"
        found = self._failing_pairs(
            shape, c, scope,
            f'FILTER(!isLiteral(?v) || LANG(?v) != "" || DATATYPE(?v) NOT IN ({names}))')
        if datatype != XSD.string:
            found += self._by_value(shape, c, scope,
                                    f"FILTER(isLiteral(?v) && DATATYPE(?v) IN ({names}))")
        return found

    def _unique_lang(self, shape: Shape, c: Constraint, scope: Scope) -> list[Found]:
        if str(c.value).lower() != "true":
            return []
        duplicates = (f"SELECT ?this ?lang WHERE {{ ?this <{shape.path}> ?v "
                      f'FILTER(LANG(?v) != "") BIND(LCASE(LANG(?v)) AS ?lang) }} '
                      "GROUP BY ?this ?lang HAVING (COUNT(DISTINCT ?v) > 1)")
        rows = self._select(f"SELECT ?this ?lang WHERE {{ {{ {duplicates} }} {scope.pattern} }}")
        return [self._found(shape, c, row["this"]) for row in rows]

    def _closed(self, shape: Shape, c: Constraint, scope: Scope) -> list[Found]:
        if str(c.value).lower() != "true":
            return []
        allowed = ", ".join(self._sparql(p) for p in c.items)
        keep = f"FILTER(?p NOT IN ({allowed}))" if allowed else ""
        rows = self._over_values(shape, scope, "?this ?p ?o", f"?v ?p ?o {keep} "
                                 f"FILTER(?p != <{RDF.type}> || ?o != <{RDFS.Resource}>)")
        return [Found(row["this"], shape, COMPONENT[SH.closed], URIRef(row["p"].value),
                      row["o"]) for row in rows]

    def _node(self, shape: Shape, c: Constraint, scope: Scope) -> list[Found]:
        values = self._values_scope(shape, scope)
        nested: dict[OxTerm, list[Found]] = defaultdict(list)
        for found in self.evaluate(c.shapes[0], values):
            nested[found.focus].append(found)
        return [self._found(shape, c, focus, value, tuple(nested[value]))
                for focus, value in self._pairs(shape, scope, set(nested))]

    def _or(self, shape: Shape, c: Constraint, scope: Scope) -> list[Found]:
        values = self._values_scope(shape, scope)
        bad: set[OxTerm] | None = None
        for member in set(c.shapes):
            failing = self.nonconforming(member, values)
            bad = failing if bad is None else bad & failing
        return [self._found(shape, c, f, v) for f, v in self._pairs(shape, scope, bad or set())]

    def _xone(self, shape: Shape, c: Constraint, scope: Scope) -> list[Found]:
        values = self._values_scope(shape, scope)
        failing = [self.nonconforming(member, values) for member in c.shapes]
        query = f"SELECT ?this WHERE {{ {values.pattern} }}"
        every = {row["this"] for row in self._select(query)}
        bad = {v for v in every if sum(v not in f for f in failing) != 1}
        return [self._found(shape, c, f, v) for f, v in self._pairs(shape, scope, bad)]

    def _qualified(self, shape: Shape, c: Constraint, scope: Scope) -> list[Found]:
        failing = self.nonconforming(c.shapes[0], self._values_scope(shape, scope))
        step = f"?this <{shape.path}> ?v" if shape.path is not None else "BIND(?this AS ?v)"
        counts: dict[OxTerm, int] = defaultdict(int)
        for row in self._select(f"SELECT DISTINCT ?this ?v WHERE {{ {scope.pattern} "
                                f"OPTIONAL {{ {step} }} }}"):
            value = row["v"]
            counts[row["this"]] += value is not None and value not in failing
        found = []
        for focus, n in counts.items():
            if c.maximum is not None and n > c.maximum:
                found.append(Found(focus, shape, SH.QualifiedMaxCountConstraintComponent,
                                   shape.path))
            if c.minimum is not None and n < c.minimum:
                found.append(Found(focus, shape, SH.QualifiedMinCountConstraintComponent,
                                   shape.path))
        return found

    def _by_value(self, shape: Shape, c: Constraint, scope: Scope,
                  condition: str = "") -> list[Found]:
        """Pairs whose value fails the pySHACL check of `c`, each distinct value checked once."""
        check = check_for(c)
        values = self._over_values(shape, scope, "DISTINCT ?v", condition)
        bad = {row["v"] for row in values if not check(self.data.term(row["v"]))}
        return [self._found(shape, c, f, v) for f, v in self._pairs(shape, scope, bad)]

    # -- helpers ---------------------------------------------------------------------------

    def _found(self, shape: Shape, c: Constraint, focus: OxTerm, value: OxTerm | None = None,
               details: tuple[Found, ...] = ()) -> Found:
        return Found(focus, shape, COMPONENT[c.component], shape.path, value, details)

    def _over_values(self, shape: Shape, scope: Scope, select: str, condition: str = "",
                     selective: bool = False) -> list[ox.QuerySolution]:
        """Solutions with ?this a focus node and ?v each of its value nodes.

        A `selective` condition keeps few statements: those are found first, over the whole
        graph, and then kept for the scope's nodes (Oxigraph evaluates in the order written;
        the other way round it would look up the path for every node of the scope).
        For a node shape the value is the focus node itself; ?v is then written as ?this,
        since Oxigraph cannot look up a variable made by BIND in its indexes.
        """
        if shape.path is not None and selective:
            first = f"SELECT * WHERE {{ ?this <{shape.path}> ?v . {condition} }}"
            body = f"{{ {first} }} {scope.pattern}"
        elif shape.path is not None:
            body = f"{scope.pattern} ?this <{shape.path}> ?v . {condition}"
        else:
            body = f"{scope.pattern} {_VALUE.sub('?this', condition)}"
            select = _VALUE.sub("(?this AS ?v)", select)
        return self._select(f"SELECT {select} WHERE {{ {body} }}")

    def _values_scope(self, shape: Shape, scope: Scope) -> Scope:
        if shape.path is None:
            return scope
        outer = _THIS.sub("?focus", scope.pattern)
        return self._scope(f"{outer} ?focus <{shape.path}> ?this")

    def _failing_pairs(self, shape: Shape, c: Constraint, scope: Scope,
                       condition: str) -> list[Found]:
        rows = self._over_values(shape, scope, "?this ?v", condition, selective=True)
        return [self._found(shape, c, row["this"], row["v"]) for row in rows]

    def _pairs(self, shape: Shape, scope: Scope,
               values: set[OxTerm]) -> list[tuple[OxTerm, OxTerm]]:
        """(focus, value) pairs of `scope` whose value is in `values`."""
        if not values:
            return []
        named = [v for v in values if not isinstance(v, ox.BlankNode)]
        rows = []
        if named:
            listed = " ".join(str(v) for v in named)
            rows += self._over_values(shape, scope, "?this ?v", f"VALUES ?v {{ {listed} }}",
                                      selective=True)
        if len(named) < len(values):
            blank = self._over_values(shape, scope, "?this ?v", "FILTER(isBlank(?v))",
                                      selective=True)
            rows += [r for r in blank if r["v"] in values]
        return [(row["this"], row["v"]) for row in rows]

    def _sparql(self, node: Node) -> str:
        return str(self.data.ox_term(node))

    def _select(self, query: str) -> list[ox.QuerySolution]:
        return list(self.data.exact.query(query))

