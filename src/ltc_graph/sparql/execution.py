"""Run one SPARQL query on a GraphStore and write its answer: the work a query worker does.

Nothing here knows about HTTP or processes; the server runs it in killable worker processes
(workers.py), the command line and the tests in their own process (`InProcess`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import pyoxigraph as ox

from ..namespaces import PREFIXES
from ..rdf.terms import Binding, substitutions
from ..store import GraphStore
from ..store.remote import StoreUnavailable
from . import results
from .text import bind_values, syntax_message


@dataclass(frozen=True)
class Limits:
    max_rows: int = 10_000
    max_bytes: int = 50_000_000


class Task(Protocol):
    """Work a query worker can do on its store: a query, or another job sent to it."""

    def perform(self, store: GraphStore, limits: Limits) -> Answer: ...


class Executor(Protocol):
    """Where tasks run: the pool of query workers (workers.py), or this process."""

    def run(self, task: Task) -> Answer: ...


@dataclass
class InProcess:
    """Tasks run on a store in this process, with no time limit: the command line, tests."""

    store: GraphStore
    limits: Limits = field(default_factory=Limits)

    def run(self, task: Task) -> Answer:
        return task.perform(self.store, self.limits)


@dataclass(frozen=True)
class Job:
    """One SPARQL query with its protocol options and the result format to write; `where` is
    the offset at which parameter values are bound (QueryInfo.where), read once by the service.
    """

    query: str
    fmt: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    substitutions: tuple[Binding, ...] = ()
    predeclared_prefixes: bool = False
    base_iri: str | None = None
    where: int | None = None

    def perform(self, store: GraphStore, limits: Limits) -> Answer:
        return execute(store, self, limits)


@dataclass(frozen=True)
class Answer:
    ok: bool
    body: bytes = b""
    count: int = 0
    truncated: bool = False
    error: str = ""
    unavailable: bool = False  # the store did not answer: try again later, not the query's fault
    refused: bool = False  # the worker's sandbox stopped something the job tried (sandbox.py)
    meta: dict[str, str] = field(default_factory=dict)


def execute(store: GraphStore, job: Job, limits: Limits) -> Answer:
    """Run `job`; a query the engine rejects is an Answer with ok=False and a message."""
    options: dict[str, object] = {"base_iri": job.base_iri} if job.base_iri else {}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    if job.predeclared_prefixes:
        options["prefixes"] = PREFIXES
    text = bind_values(job.query, job.where, substitutions(job.substitutions))
    try:
        result = store.query(text, **options)
    except SyntaxError as exc:
        return Answer(ok=False, error=syntax_message(exc))
    except StoreUnavailable as exc:
        return Answer(ok=False, error=f"the graph store did not answer ({exc})", unavailable=True)
    except (OSError, ValueError, RuntimeError) as exc:
        return Answer(ok=False, error=f"query failed: {exc}")
    if isinstance(result, ox.QueryBoolean):
        written = results.write_boolean(bool(result), job.fmt)
    elif isinstance(result, ox.QuerySolutions):
        written = results.write_solutions(result, job.fmt, limits.max_rows, limits.max_bytes)
    else:
        written = results.write_graph(result, job.fmt, limits.max_rows, limits.max_bytes)
    return Answer(ok=True, body=written.body, count=written.count, truncated=written.truncated)

