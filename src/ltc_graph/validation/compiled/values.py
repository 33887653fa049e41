"""Checks of single value nodes, written the way pySHACL writes them.

The compiled engine asks Oxigraph for the distinct values a constraint has to look at and
checks each here, on rdflib terms, so that it agrees with pySHACL (the reference) on the edges:
ill-typed literals, the string form of a typed literal, case-insensitive language tags,
comparisons between literals of different types.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import Decimal

from pyshacl.rdfutil.compare import compare_literal
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ...namespaces import RDF, SH, XSD
from .model import Constraint

Check = Callable[[Node], bool]

_PYTHON_TYPES: dict[URIRef, type | tuple[type, ...]] = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}


def check_for(constraint: Constraint) -> Check:
    """The test one value node must pass for `constraint` (a value-level component)."""
    component, value = constraint.component, constraint.value
    if component == SH.datatype:
        return lambda v: has_datatype(v, URIRef(value))
    if component == SH.pattern:
        return _pattern(value, constraint.flags)
    if component in _RANGES:
        assert isinstance(value, Literal)
        accept = _RANGES[component]
        return lambda v: in_range(v, value, accept)
    if component in (SH.minLength, SH.maxLength):
        assert isinstance(value, Literal)
        return _length(int(value), component == SH.minLength)
    if component == SH["in"]:
        allowed = set(constraint.items)
        return lambda v: v in allowed
    if component == SH.languageIn:
        languages = {str(x.value).lower() for x in constraint.items if isinstance(x, Literal)}
        return lambda v: language_in(v, languages)
    raise ValueError(f"no value check for {component}")


def has_datatype(v: Node, datatype: URIRef) -> bool:
    if not isinstance(v, Literal):
        return False
    if v.datatype == datatype:
        return getattr(v, "ill_typed", None) is not True and _actual(v, datatype)
    if v.datatype is None and v.language is None and datatype == XSD.string:
        return True
    return datatype == RDF.langString and bool(v.language)


def _actual(v: Literal, datatype: URIRef) -> bool:
    expected = _PYTHON_TYPES.get(datatype)
    return expected is None or isinstance(v.value, expected)


def _pattern(pattern: Node, flags: str) -> Check:
    text = str(pattern.value) if isinstance(pattern, Literal) and pattern.value is not None \
        and len(pattern.value) > 1 else str(pattern)
    options = (re.I if "i" in flags.lower() else 0) | (re.M if "m" in flags.lower() else 0)
    regex = re.compile(text, options)

    def matches(v: Node) -> bool:
        return not isinstance(v, BNode) and regex.search(_string(v)) is not None

    return matches


def _string(v: Node) -> str:
    if isinstance(v, Literal) and v.value is not None \
            and v.datatype in (None, RDF.langString, XSD.string):
        return str(v.value)
    return str(v)


# How the comparison of a value with the bound must come out for each range component.
_RANGES: dict[URIRef, Callable[[int], bool]] = {
    SH.minInclusive: lambda c: c >= 0, SH.minExclusive: lambda c: c > 0,
    SH.maxInclusive: lambda c: c <= 0, SH.maxExclusive: lambda c: c < 0,
}


def in_range(v: Node, bound: Literal, accept: Callable[[int], bool]) -> bool:
    """pySHACL's test: literals only, never a string against a non-string, and a comparison
    that fails (incomparable types) fails the value."""
    if not isinstance(v, Literal):
        return False
    if isinstance(bound.value, str) != isinstance(v.value, str):
        return False
    try:
        return accept(compare_literal(v, bound))
    except (TypeError, NotImplementedError):
        return False


def _length(limit: int, minimum: bool) -> Check:
    """sh:minLength (a length of 0 lets even blank nodes pass) and sh:maxLength."""
    if minimum and limit <= 0:
        return lambda v: True
    if minimum:
        return lambda v: not isinstance(v, BNode) and len(_string(v)) >= limit
    return lambda v: not isinstance(v, BNode) and len(_string(v)) <= limit


def less_than(v: Node, other: Node, or_equal: bool) -> bool:
    """sh:lessThan and sh:lessThanOrEquals as pySHACL compares: IRIs and strings as text,
    other literals by value; a string against a non-string, a blank node or values that do
    not compare make the pair fail."""
    left, right = _comparable(v), _comparable(other)
    if left is None or right is None or left[0] != right[0]:
        return False
    try:
        return bool(left[1] <= right[1] if or_equal else left[1] < right[1])
    except TypeError:
        return False


def _comparable(v: Node) -> tuple[bool, object] | None:
    """(whether it compares as text, what to compare); None for a blank node."""
    if isinstance(v, URIRef):
        return True, str(v)
    if isinstance(v, Literal):
        return (True, v.value) if isinstance(v.value, str) else (False, v)
    return None


def language_in(v: Node, languages: set[str]) -> bool:
    if not isinstance(v, Literal) or not v.language:
        return False
    tag = str(v.language).lower()
    return "*" in languages or tag in languages or tag.split("-")[0] in languages
