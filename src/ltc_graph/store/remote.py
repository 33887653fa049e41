"""An external SPARQL 1.1 store (Oxigraph server, Fuseki, Virtuoso, GraphDB, QLever) as a backend.

Queries go out through SPARQLWrapper over the SPARQL 1.1 Protocol; answers come back as
SPARQL JSON or Turtle and are parsed into the same Oxigraph objects a local store returns,
so results are written, capped and negotiated by the same code for every backend. The data
goes in through upload.py.

Oxigraph's query options are carried in standard SPARQL: prefixes and the base as a prologue,
the dataset as FROM and FROM NAMED clauses. Parameter values come already bound in the text
(a VALUES block, sparql/execution.py), as for every store.

The same answers as the embedded store, whatever the engine (docs/endpoint.md, "Stores",
lists each difference): the dataset is always written whole into the text, the options'
graphs in place of the query's own FROM clauses and a side left empty as NO_GRAPH (Virtuoso
opens every graph it holds to a side not named, adds protocol parameters to the text's
clauses, and echoes each protocol graph as a response header, past the 100 that Python's
HTTP client reads); a store loaded by `load --update` keeps its default graph in the named
graph DEFAULT_GRAPH and describes its dataset in DESCRIPTION_GRAPH, so a query without a
dataset is sent with those graphs; an answer the store cut at its own time or row limit is
an error, never a silently partial answer; and portable.py evens out the text sent and the
answers read.
"""

from __future__ import annotations

import ast
import hashlib
import json
import re
import socket
import urllib.error
import urllib.parse
from dataclasses import dataclass
from http.client import HTTPException
from typing import Any

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, TURTLE, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from ..errors import InputError
from ..namespaces import GRAPH, SD
from . import StoreInfo
from .local import describe
from .portable import (
    boolean_answer,
    concatenations,
    evened,
    sent,
    with_dataset,
    without_dataset,
)

TIMEOUT = 60.0  # seconds; the workers' own time limit usually stops a query first
STORE = "https://w3id.org/ltc/store/"  # graphs the loader keeps for itself, never data
DEFAULT_GRAPH = STORE + "default-graph"
DESCRIPTION_GRAPH = STORE + "dataset"
NO_GRAPH = STORE + "no-graph"  # names no graph: a side of the dataset left empty
# Virtuoso past its MaxQueryExecutionTime: "Virtuoso S1T00 Error SR171: Transaction timed out"
TIMED_OUT = re.compile(r"\bS1T00\b|timed out", re.I)


class StoreUnavailable(Exception):
    """The external store did not answer (down, unreachable or overloaded)."""


@dataclass(frozen=True)
class RemoteInfo(StoreInfo):
    """A store's description, with where its default graph lives: in the store's own default
    graph (""), or in a named graph for a store that has none of its own (Virtuoso)."""

    default_graph: str = ""


@dataclass
class RemoteStore:
    endpoint: str
    info: StoreInfo

    @classmethod
    def connect(cls, endpoint: str) -> RemoteStore:
        """Describe the store's graphs; InputError when it cannot be reached at start-up."""
        try:
            described = cls(endpoint, RemoteInfo(graphs=frozenset(), version="")).query(
                f"SELECT ?default ?g WHERE {{ GRAPH <{DESCRIPTION_GRAPH}> {{ "
                f"?dataset <{SD.defaultGraph}> ?default "
                f"OPTIONAL {{ ?dataset <{SD.namedGraph}> ?g }} }} }}")
            rows = [(row["default"], row["g"]) for row in described]
            default = next((d.value for d, _ in rows), "")
            named = frozenset(g.value for _, g in rows if g is not None)
            counted = describe(cls(endpoint, RemoteInfo(named, "", default_graph=default)), "")
        except StoreUnavailable as exc:
            raise InputError(f"the SPARQL store is not reachable: {exc}", endpoint) from None
        except (SyntaxError, ValueError) as exc:
            raise InputError(f"not a SPARQL endpoint: {exc}", endpoint) from None
        if not default and DEFAULT_GRAPH in counted.sizes:
            raise InputError("the store holds a load that did not finish (its dataset is not "
                             "described): run `ltc-graph load --update` again", endpoint)
        sizes = {g: n for g, n in counted.sizes.items()
                 if (g in named if default else g.startswith(str(GRAPH)))}
        fingerprint = hashlib.sha256(repr(sorted(sizes.items())).encode()).hexdigest()[:16]
        return cls(endpoint, RemoteInfo(graphs=frozenset(sizes), version=fingerprint,
                                        sizes=sizes, default_size=counted.default_size,
                                        default_graph=default))

    def query(self, text: str, *, prefixes: dict[str, str] | None = None,
              default_graph: list[ox.NamedNode] | None = None,
              named_graphs: list[ox.NamedNode] | None = None,
              base_iri: str | None = None) -> Any:
        """Run `text` on the store with pyoxigraph's options; results as pyoxigraph objects.

        The text is parsed here first, on an empty store, so a syntax error reads as it does
        locally (line and column), and the kind of answer to ask for is known.
        """
        empty = ox.Store().query(text, prefixes=prefixes, base_iri=base_iri)
        rows = isinstance(empty, ox.QuerySolutions | ox.QueryBoolean)
        text, default, named = self._dataset(text, prefixes, base_iri, default_graph,
                                             named_graphs)
        client = SPARQLWrapper(self.endpoint)
        client.setMethod(POST)
        client.setRequestMethod(URLENCODED)
        client.setTimeout(int(TIMEOUT))
        client.setQuery(_prologue(prefixes, base_iri) + sent(with_dataset(text, default, named)))
        client.setReturnFormat(JSON if rows else TURTLE)
        try:
            with client.query().response as response:
                body = response.read()
                _check_complete(response.headers, body, rows)
        except SPARQLWrapperException as exc:
            said = _said(exc)
            if TIMED_OUT.search(said):
                raise StoreUnavailable(f"the query ran past the store's own time limit: {said}"
                                       ) from None
            raise ValueError(f"the SPARQL store refused the query: {said}") from None
        except (urllib.error.URLError, HTTPException, OSError) as exc:
            raise StoreUnavailable(reason(exc)) from None
        if isinstance(empty, ox.QueryBoolean):
            body = boolean_answer(body)
        if rows:
            return ox.parse_query_results(evened(body, concatenations(text)),
                                          format=ox.QueryResultsFormat.JSON)
        return [ox.Triple(q.subject, q.predicate, q.object)
                for q in ox.parse(body, format=ox.RdfFormat.TURTLE)]

    def _dataset(self, text: str, prefixes: dict[str, str] | None, base_iri: str | None,
                 default_graph: list[ox.NamedNode] | None,
                 named_graphs: list[ox.NamedNode] | None,
                 ) -> tuple[str, list[str], list[str]]:
        """The text without its FROM clauses, and the graphs to send: the options' (which
        override FROM, as in Oxigraph), else the text's, else the store's own dataset."""
        text, from_default, from_named = without_dataset(text, prefixes or {}, base_iri)
        if default_graph is not None or named_graphs is not None:
            default = [g.value for g in default_graph or ()]
            named = [g.value for g in named_graphs or ()]
        elif from_default or from_named:
            default, named = from_default, from_named
        elif isinstance(self.info, RemoteInfo) and self.info.default_graph:
            return text, [self.info.default_graph], sorted(self.info.graphs) or [NO_GRAPH]
        else:
            return text, [], []
        default, named = list(dict.fromkeys(default)), list(dict.fromkeys(named))
        return text, default or [NO_GRAPH], named or [NO_GRAPH]


def _check_complete(headers: Any, body: bytes, rows: bool) -> None:
    """Refuse an answer the store cut short and sent as if whole: Virtuoso may answer a query
    past its own time limit with what it found so far (StoreUnavailable, as a query past this
    server's time limit), and stops at its row limit without a word in the document
    (ValueError); its headers say so."""
    if headers.get("X-SQL-State") == "S1TAT":
        raise StoreUnavailable("the query ran past the store's own time limit (Virtuoso's "
                               "MaxQueryExecutionTime) and the store sent a partial answer")
    limit = headers.get("X-SPARQL-MaxRows")
    if limit and rows:
        found = len(json.loads(body).get("results", {}).get("bindings", []))
        if found >= int(limit):
            raise ValueError(f"the SPARQL store cut the answer at {limit} rows (Virtuoso's "
                             "ResultSetMaxRows, which must exceed LTC_MAX_ROWS)")


def _said(exc: SPARQLWrapperException) -> str:
    """What the store said, in its first line (Virtuoso goes on to repeat the whole query);
    SPARQLWrapper keeps the store's answer only in its message, after "Response:"."""
    message = str(exc)
    head, _, response = message.partition("\n\nResponse:\n")
    try:
        said = ast.literal_eval(response).decode("utf-8", "replace") if response else ""
    except (ValueError, SyntaxError, AttributeError):
        said = response
    lines = [line.strip() for line in said.splitlines() if line.strip()]
    return lines[0] if lines else head.strip()


def _prologue(prefixes: dict[str, str] | None, base_iri: str | None) -> str:
    lines = [f"BASE <{base_iri}>"] if base_iri else []
    lines += [f"PREFIX {name}: <{iri}>" for name, iri in (prefixes or {}).items()]
    return "".join(line + "\n" for line in lines)


def reason(exc: BaseException) -> str:
    """Why a request to the store failed, in a few words."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code}"
    cause = getattr(exc, "reason", exc)
    if isinstance(cause, socket.timeout | TimeoutError):
        return "no answer in time"
    return str(cause) or type(cause).__name__
