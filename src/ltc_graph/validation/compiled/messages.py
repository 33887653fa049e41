"""pySHACL's own wording for results of shapes that have no sh:message.

A report must read the same whichever engine made it, so a result without a shape message
gets the sentence pySHACL would write, built with pySHACL's `stringify_node` (nodes shown with
the data graph's or the shapes graph's prefixes, blank nodes spelt out).
"""

from __future__ import annotations

from collections.abc import Callable

from pyshacl.rdfutil import stringify_node
from rdflib import BNode, Graph, Literal
from rdflib.term import Node

from ...namespaces import SH
from .model import Shape

Describe = Callable[[Node], str]


def generic(component: Node, shape: Shape, shapes: Graph, show: Describe,
            focus: Node, value: Node | None) -> str:
    """The message pySHACL gives a result of `component` from `shape` (no sh:message)."""
    sg = shapes

    def rules(parameter: Node) -> list[Node]:
        return list(sg.objects(shape.node, parameter))

    def shown(node: Node) -> str:
        return stringify_node(sg, node)

    path = f"->{shown(shape.path)}" if shape.path is not None else ""
    if component == SH.MinCountConstraintComponent:
        return f"Less than {rules(SH.minCount)[0]} values on {show(focus)}{path}"
    if component == SH.MaxCountConstraintComponent:
        return f"More than {rules(SH.maxCount)[0]} values on {show(focus)}{path}"
    if component == SH.ClassConstraintComponent:
        classes = rules(SH["class"])
        if len(classes) < 2:
            return f"Value does not have class {shown(classes[0])}"
        return f"Value class is not in classes ({', '.join(shown(c) for c in classes)})"
    if component == SH.DatatypeConstraintComponent:
        return f"Value is not Literal with datatype {shown(rules(SH.datatype)[0])}"
    if component == SH.NodeKindConstraintComponent:
        return f"Value is not of Node Kind {shown(rules(SH.nodeKind)[0])}"
    if component == SH.PatternConstraintComponent:
        patterns = [p for p in rules(SH.pattern) if isinstance(p, Literal)]
        if len(patterns) < 2:
            return f"Value does not match pattern '{patterns[0].value}'"
        joined = "', '".join(str(p.value) for p in patterns)
        return f"Value does not match every pattern in ('{joined}')"
    if component in _RANGES:
        parameter, sign = _RANGES[component]
        bounds = rules(parameter)
        if len(bounds) < 2:
            return f"Value is not {sign} {shown(bounds[0])}"
        return f"Value is not {sign} in ({', '.join(shown(m) for m in bounds)})"
    if component in _LENGTHS:
        parameter, sign = _LENGTHS[component]
        return f"String length not {sign} {show(rules(parameter)[0])}"
    if component in _PAIRS:
        parameter, sign = _PAIRS[component]
        others = set(rules(parameter))  # pySHACL names them in the order of a set
        return f"Value of {show(focus)}->{', '.join(shown(p) for p in others)} {sign} " \
            f"{show(value) if value is not None else 'None'}"
    if component == SH.HasValueConstraintComponent:
        wanted = [shown(v) for v in set(rules(SH.hasValue))]
        if shape.path is not None:
            return f"Node {show(focus)}{path} does not contain a value in the set: {wanted}"
        return f"Node {show(focus)} value is not a in the set of values: {wanted}"
    if component == SH.NotConstraintComponent:
        nots = rules(SH["not"])
        if len(nots) == 1:
            return f"Node {show(value)} must not conform to shape {shown(nots[0])}"
        return f"Node {show(value)} must not conform to any shapes in " \
            f"{' , '.join(shown(n) for n in nots)}"
    if component == SH.InConstraintComponent:
        members: set[Node] = set()  # pySHACL lists a set, in that set's order
        for item in sg.items(rules(SH["in"])[0]):
            members.add(item)
        listed = [shown(item) for item in members]
        return f"Value {show(value) if value is not None else 'None'} not in list {listed}"
    if component == SH.LanguageInConstraintComponent:
        return f"String language is not in {shown(rules(SH.languageIn)[0])}"
    if component == SH.UniqueLangConstraintComponent:
        return "More than one String shares the same Language"
    if component == SH.ClosedConstraintComponent:
        return f"Node {show(focus)} is closed. It cannot have value: {show(value)}"
    if component == SH.NodeConstraintComponent:
        nodes = rules(SH.node)
        if len(nodes) < 2:
            text = f"Value does not conform to Shape {shown(nodes[0])}."
        else:
            text = "Value must conform to every Shape in ('{}').".format(
                "', '".join(shown(n) for n in nodes))
        return text + " See details for more information."
    if component in _LISTS:
        parameter, which = _LISTS[component]
        lists = rules(parameter)
        if len(lists) < 2:
            members = " , ".join(shown(m) for m in sg.items(lists[0]))
        else:
            members = " and ".join(
                "({})".format(" , ".join(shown(m) for m in sg.items(lst))) for lst in lists)
        return f"Node {show(value)} must conform to {which} in {members}"
    if component in (SH.QualifiedMinCountConstraintComponent,
                     SH.QualifiedMaxCountConstraintComponent):
        least, most = sg.value(shape.node, SH.qualifiedMinCount), \
            sg.value(shape.node, SH.qualifiedMaxCount)
        counts = (f" MinCount {least}" if least is not None else "") + \
                 (f" MaxCount {most}" if most is not None else "")
        shapes_shown = ",".join(shown(s) for s in rules(SH.qualifiedValueShape))
        return f"Focus node does not conform to shape{counts}: {shapes_shown}"
    raise ValueError(f"no generic message for {component}")


_RANGES = {
    SH.MinInclusiveConstraintComponent: (SH.minInclusive, ">="),
    SH.MinExclusiveConstraintComponent: (SH.minExclusive, ">"),
    SH.MaxInclusiveConstraintComponent: (SH.maxInclusive, "<="),
    SH.MaxExclusiveConstraintComponent: (SH.maxExclusive, "<"),
}
_LENGTHS = {
    SH.MinLengthConstraintComponent: (SH.minLength, ">="),
    SH.MaxLengthConstraintComponent: (SH.maxLength, "<="),
}
# The sign that pySHACL writes between a value and the other property's value that fail.
_PAIRS = {
    SH.EqualsConstraintComponent: (SH.equals, "!="),
    SH.DisjointConstraintComponent: (SH.disjoint, "=="),
    SH.LessThanConstraintComponent: (SH.lessThan, "<="),
    SH.LessThanOrEqualsConstraintComponent: (SH.lessThanOrEquals, "<"),
}
_LISTS = {
    SH.OrConstraintComponent: (SH["or"], "one or more shapes"),
    SH.XoneConstraintComponent: (SH.xone, "exactly one shape"),
    SH.AndConstraintComponent: (SH["and"], "all shapes"),
}


def describer(graph_of: Callable[[BNode], Graph], namespaces: Graph) -> Describe:
    """`stringify_node` over the data graph; `graph_of` gives a blank node's description."""

    def show(node: Node) -> str:
        if isinstance(node, BNode):
            return stringify_node(graph_of(node), node)
        return stringify_node(namespaces, node)

    return show
