"""The query service: a SPARQL query, or a canned query with its parameters, in; an answer out.

Every caller runs its queries here: `/sparql`, the canned queries' pages and API, the
dashboard, resource pages, `/validate` and `ltc-graph query`. The service reads the text once
(what it asks for, what is never allowed, where parameter values go), looks the answer up in
the answer cache under one key, and otherwise hands the job to an executor: the pool of
killable query workers in the server, or the store itself on the command line. Callers
choose the format (the workers write the bytes), and write or read the answer as they need.
No Flask here: failures are `QueryFailed`, whose status the web layer sends as it is.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, replace
from typing import Any, Protocol

from ..namespaces import PREFIXES
from ..rdf.terms import Binding
from .cache import ResultCache
from .execution import Answer, Executor, Job, Task
from .text import QueryRefused, inspect
from .workers import Busy, QueryTimeout, WorkerDied


class QueryFailed(Exception):
    """A query or job that got no answer: `status` says whose fault, as HTTP does (400 the
    query's, 403 refused by the workers' sandbox, 503 try again after `retry_after` s)."""

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


class Canned(Protocol):
    """A canned query as the service needs it (queries/registry.py NamedQuery)."""

    sparql: str

    def bindings(self, given: dict[str, str]) -> tuple[Binding, ...]:
        """Typed parameter values; ValueError for a value that does not fit."""
        ...


@dataclass(frozen=True)
class Query:
    """One query with its protocol options, as a caller asks it."""

    text: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    bindings: tuple[Binding, ...] = ()
    predeclared: bool = False  # the project's prefixes may be used undeclared
    base_iri: str | None = None  # relative IRIs resolve against it (the endpoint's URL)


@dataclass(frozen=True)
class Checked:
    """A query read and allowed: its form, and the dataset it runs on (the protocol's, else
    its own FROM and FROM NAMED)."""

    query: Query
    form: str
    where: int | None

    def job(self, fmt: str) -> Job:
        q = self.query
        return Job(q.text, fmt, q.default_graphs, q.named_graphs, q.bindings, q.predeclared,
                   q.base_iri, self.where)


@dataclass(frozen=True)
class Reply:
    """An answer with what callers put in headers: its key (the cache key, also the ETag),
    the data version it was computed on, and whether it came from the cache."""

    answer: Answer
    key: str
    version: str
    cached: bool

    def json(self) -> dict[str, Any]:
        """The answer as SPARQL JSON results (for answers asked for in `json`)."""
        return json.loads(self.answer.body)


@dataclass
class QueryService:
    """Runs queries on `executor`, keeping answers in `cache` under the data `version()`.

    `meter` wraps each trip to the executor (the web layer charges its time to the client's
    budget there); `time_limit` is only for messages.
    """

    executor: Executor
    version: Callable[[], str]
    cache: ResultCache | None = None
    meter: Callable[[], AbstractContextManager[object]] = nullcontext
    time_limit: float = 30.0

    def check(self, query: Query) -> Checked:
        """Read the query once: its form, where values go, and its own dataset.

        :raise QueryFailed: 400 for what is never run (an update, SERVICE, too deep).
        """
        try:
            info = inspect(query.text, PREFIXES if query.predeclared else None)
        except QueryRefused as exc:
            raise QueryFailed(400, str(exc)) from None
        if not query.default_graphs and not query.named_graphs:
            query = replace(query, default_graphs=tuple(info.from_graphs),
                            named_graphs=tuple(info.from_named))
        return Checked(query, info.form, info.where)

    def key(self, checked: Checked, fmt: str) -> str:
        """The one key of an answer: the data version and everything that makes it."""
        q = checked.query
        made = repr((self.version(), q.text, q.default_graphs, q.named_graphs, q.bindings,
                     q.predeclared, q.base_iri, fmt))
        return hashlib.sha256(made.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def answer(self, checked: Checked, fmt: str) -> Reply:
        """The answer in `fmt` (a writer name: json, csv, turtle, ...), cached or computed.

        :raise QueryFailed: as `perform` does, and 400 for a query the engine rejects.
        """
        version = self.version()
        key = self.key(checked, fmt)
        if self.cache is not None and (kept := self.cache.get(key)) is not None:
            return Reply(kept, key, version, cached=True)
        answer = self.perform(checked.job(fmt))
        if self.cache is not None:
            self.cache.put(key, answer)
        return Reply(answer, key, version, cached=False)

    def run(self, text: str, fmt: str = "json", bindings: tuple[Binding, ...] = (),
            predeclared: bool = False) -> Reply:
        """Check and answer a query the caller wrote (the pages' own queries)."""
        return self.answer(self.check(Query(text, bindings=bindings, predeclared=predeclared)),
                           fmt)

    def rows(self, text: str, bindings: tuple[Binding, ...] = (),
             predeclared: bool = False) -> list[dict[str, str]]:
        """A SELECT's rows as {variable: value} (unbound variables left out)."""
        answer = self.run(text, "json", bindings, predeclared).json()
        return [{k: v["value"] for k, v in b.items()} for b in answer["results"]["bindings"]]

    def canned(self, query: Canned, given: dict[str, str], fmt: str = "json") -> Reply:
        """A canned query's answer with the parameter values `given` (defaults for the rest).

        :raise QueryFailed: 400 for an unknown parameter or a value of the wrong type.
        """
        return self.answer(self.check(Query(query.sparql, bindings=self.bind(query, given))),
                           fmt)

    @staticmethod
    def bind(query: Canned, given: dict[str, str]) -> tuple[Binding, ...]:
        """The typed values of a canned query's parameters.

        :raise QueryFailed: 400 for an unknown parameter or a value of the wrong type.
        """
        try:
            return query.bindings(given)
        except ValueError as exc:
            raise QueryFailed(400, str(exc)) from None

    def perform(self, task: Task, what: str = "query") -> Answer:
        """Run a job on the executor (a query, or other work `what` names in messages, such as
        a validation), never cached.

        :raise QueryFailed: 403 when the workers' sandbox refused something the job tried;
            503 at the time limit, with every worker busy, or when the worker died; 400 for
            a job that failed on its own input.
        """
        try:
            with self.meter():
                answer = self.executor.run(task)
        except QueryTimeout:
            raise QueryFailed(503, f"the {what} was stopped at the {self.time_limit:g} s time "
                              "limit", 10) from None
        except Busy:
            raise QueryFailed(503, "every query worker is busy; try again shortly", 5) from None
        except WorkerDied:
            raise QueryFailed(503, "the query worker stopped before answering (it may have run "
                              "out of memory) and is being replaced; try again in a few "
                              "seconds, and simplify the query if it happens again", 5) from None
        if answer.refused:
            raise QueryFailed(403, answer.error)
        if answer.unavailable:
            raise QueryFailed(503, answer.error, 10)
        if not answer.ok:
            raise QueryFailed(400, answer.error)
        return answer

