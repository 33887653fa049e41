"""Convert RDF terms between rdflib and Oxigraph, the two engines the tools combine.

rdflib holds the graph for pySHACL and the serialisers; Oxigraph parses files and answers
SPARQL. Blank nodes can be skolemised into IRIs on the way to Oxigraph, so that query results
name the very rdflib blank nodes they came from.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from ..namespaces import XSD

SKOLEM = "urn:ltc-bnode:"
XSD_STRING = str(XSD.string)

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


def to_ox(term: Node, skolemize: bool = False) -> OxTerm:
    """The Oxigraph term for an rdflib term (blank nodes as `urn:ltc-bnode:` IRIs if asked)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.NamedNode(SKOLEM + str(term)) if skolemize else ox.BlankNode(str(term))
    if not isinstance(term, Literal):
        raise ValueError(f"unsupported RDF term {term!r}")
    if term.language:
        return ox.Literal(str(term), language=term.language)
    if term.datatype:
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
    return ox.Literal(str(term))


def from_ox(term: object) -> Node:
    """The rdflib term for an Oxigraph term; skolemised IRIs become blank nodes again.

    A literal typed xsd:string becomes a simple literal, which RDF 1.1 says it is, so that
    rdflib matches it against the plain strings of queries and shapes.
    """
    if isinstance(term, ox.NamedNode):
        value = term.value
        return BNode(value[len(SKOLEM):]) if value.startswith(SKOLEM) else URIRef(value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise ValueError(f"unsupported RDF term {term!r}")


# A query parameter's value, typed: (name, (kind, lexical value, datatype IRI)), where kind
# is "iri" or "typed". It crosses process boundaries as plain strings.
Binding = tuple[str, tuple[str, str, str]]


def substitutions(bindings: tuple[Binding, ...]) -> dict[ox.Variable, OxTerm]:
    """Oxigraph substitutions for typed parameter values: never text pasted into a query."""
    return {ox.Variable(name): ox.NamedNode(value) if kind == "iri"
            else ox.Literal(value, datatype=ox.NamedNode(datatype))
            for name, (kind, value, datatype) in bindings}
