"""Run pySHACL on the core constraints, optionally split over two forked processes.

pySHACL works shape by shape on one core. The command-line validator, a single-threaded
process, can fork: each child checks half of the shapes against the already loaded graph and
sends its report back. The server never forks here (it runs threads).
"""

from __future__ import annotations

import multiprocessing as mp
import os
from multiprocessing.connection import Connection

from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal
from rdflib.term import Node

from ..namespaces import RDF, SH

TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)


def check(data: Graph, shapes: Graph, jobs: int = 1, allow_warnings: bool = True) -> Graph:
    """The W3C validation report of `data` against the core constraints of `shapes`
    (`allow_warnings`: warnings and infos conform, the project's setting)."""
    if jobs <= 1 or not hasattr(os, "fork"):
        return _validate(data, shapes, allow_warnings)
    groups = _partition(shapes, jobs)
    context = mp.get_context("fork")
    pipes = []
    for group in groups[1:]:
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_child,
                                args=(data, _only(shapes, group), send, allow_warnings))
        child.start()
        send.close()
        pipes.append((child, receive))
    report = _validate(data, _only(shapes, groups[0]), allow_warnings)
    for child, receive in pipes:
        for triple in receive.recv():
            report.add(triple)
        child.join()
    _merge_reports(report, conforms=not any(report.subjects(RDF.type, SH.ValidationResult)))
    return report


def _validate(data: Graph, shapes: Graph, allow_warnings: bool = True) -> Graph:
    _, report, _ = shacl_validate(data, shacl_graph=shapes, inference="none", advanced=True,
                                  do_owl_imports=False, allow_warnings=allow_warnings)
    return report


def _child(data: Graph, shapes: Graph, send: Connection, allow_warnings: bool) -> None:
    # Triples travel pickled, so blank nodes keep the identity they have in `data`.
    send.send(list(_validate(data, shapes, allow_warnings)))
    send.close()


def _partition(shapes: Graph, jobs: int) -> list[set[Node]]:
    """Shapes with targets, dealt round-robin into `jobs` groups."""
    targeted = sorted({s for p in TARGETS for s in shapes.subjects(p, None)}, key=str)
    groups: list[set[Node]] = [set() for _ in range(jobs)]
    for i, shape in enumerate(targeted):
        groups[i % jobs].add(shape)
    return groups


def _only(shapes: Graph, keep: set[Node]) -> Graph:
    """The shapes graph with the targets of every shape outside `keep` taken away."""
    subset = Graph()
    for s, p, o in shapes:
        if p in TARGETS and s not in keep:
            continue
        subset.add((s, p, o))
    return subset


def _merge_reports(report: Graph, conforms: bool) -> None:
    """One sh:ValidationReport node holding every result, with the overall sh:conforms."""
    nodes = list(report.subjects(RDF.type, SH.ValidationReport))
    main = nodes[0]
    for other in nodes[1:]:
        for result in list(report.objects(other, SH.result)):
            report.add((main, SH.result, result))
        report.remove((other, None, None))
    report.set((main, SH.conforms, Literal(conforms)))
