"""A class diagram of the ontology in Mermaid, generated so it never drifts from the model.

Classes show their datatype properties; object properties are arrows from each domain class
to each range class (unions expanded); subclass links to reused vocabularies are drawn too.
"""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from ..namespaces import LTC, OWL, RDF, RDFS, shorten


def mermaid(ontology: Graph) -> str:
    classes = sorted(c for c in ontology.subjects(RDF.type, OWL.Class)
                     if isinstance(c, URIRef) and c.startswith(str(LTC)))
    lines = ["classDiagram", "    direction LR"]
    for cls in classes:
        attributes = sorted(
            _local(p) for p in ontology.subjects(RDF.type, OWL.DatatypeProperty)
            if cls in _members(ontology, ontology.value(p, RDFS.domain))
        )
        head = f'    class {_id(cls)}["{shorten(str(cls))}"]'
        if attributes:
            lines += [head + " {", *(f"        {name}" for name in attributes), "    }"]
        else:
            lines.append(head)
    external: set[URIRef] = set()
    for cls in classes:
        for parent in sorted(ontology.objects(cls, RDFS.subClassOf)):
            if isinstance(parent, URIRef):
                lines.append(f"    {_id(parent)} <|-- {_id(cls)}")
                external.add(parent)
    for prop in sorted(ontology.subjects(RDF.type, OWL.ObjectProperty)):
        for domain in _members(ontology, ontology.value(prop, RDFS.domain)):
            for target in _members(ontology, ontology.value(prop, RDFS.range)):
                if domain.startswith(str(LTC)) or target.startswith(str(LTC)):
                    lines.append(f"    {_id(domain)} --> {_id(target)} : {_local(prop)}")
                    external.update(t for t in (domain, target) if not t.startswith(str(LTC)))
    lines += [f'    class {_id(c)}["{shorten(str(c))}"]' for c in sorted(external)
              if not c.startswith(str(LTC))]
    return "\n".join(lines) + "\n"


def _members(ontology: Graph, node: Node | None) -> list[URIRef]:
    """The named classes a domain or range stands for (a union's members), not owl:Thing."""
    if node is None or node == OWL.Thing:
        return []
    if isinstance(node, URIRef):
        return [node]
    union = ontology.value(node, OWL.unionOf)
    if union is None:
        return []
    return sorted(m for m in Collection(ontology, union) if isinstance(m, URIRef))


def _id(iri: Node) -> str:
    return shorten(str(iri)).replace(":", "_").replace("<", "").replace(">", "").replace(
        "/", "_").replace(".", "_").replace("#", "_").replace("-", "_")


def _local(iri: Node) -> str:
    return shorten(str(iri)).split(":", 1)[-1]
