"""An external SPARQL 1.1 store (Oxigraph server, Fuseki, Virtuoso, GraphDB, QLever) as a backend.

Queries go out through SPARQLWrapper over the SPARQL 1.1 Protocol; answers come back as
SPARQL JSON or N-Triples and are parsed into the same Oxigraph objects a local store returns,
so results are written, capped and negotiated by the same code for every backend. The data
goes in as one N-Quads document PUT to the store's dataset URL.

Oxigraph's query options are carried in standard SPARQL: prefixes and the base as a prologue,
the dataset as `default-graph-uri` / `named-graph-uri`. Parameter values come already bound in
the text (a VALUES block, sparql/execution.py), as for every store.
"""

from __future__ import annotations

import hashlib
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from http.client import HTTPException
from typing import Any

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, TURTLE, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from ..errors import InputError
from ..namespaces import GRAPH
from . import StoreInfo
from .local import describe

TIMEOUT = 60.0  # seconds; the workers' own time limit usually stops a query first


class StoreUnavailable(Exception):
    """The external store did not answer (down, unreachable or overloaded)."""


@dataclass
class RemoteStore:
    endpoint: str
    info: StoreInfo

    @classmethod
    def connect(cls, endpoint: str) -> RemoteStore:
        """Describe the store's graphs; InputError when it cannot be reached at start-up."""
        probe = cls(endpoint, StoreInfo(graphs=frozenset(), version=""))
        try:
            counted = describe(probe, "")
        except StoreUnavailable as exc:
            raise InputError(f"the SPARQL store is not reachable: {exc}", endpoint) from None
        except SyntaxError as exc:
            raise InputError(f"not a SPARQL endpoint: {exc}", endpoint) from None
        sizes = {g: n for g, n in counted.sizes.items() if g.startswith(str(GRAPH))}
        fingerprint = hashlib.sha256(repr(sorted(sizes.items())).encode()).hexdigest()[:16]
        return cls(endpoint, StoreInfo(graphs=frozenset(sizes), version=fingerprint,
                                       sizes=sizes, default_size=counted.default_size))

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
        client = SPARQLWrapper(self.endpoint)
        client.setMethod(POST)
        client.setRequestMethod(URLENCODED)
        client.setTimeout(int(TIMEOUT))
        client.setQuery(_prologue(prefixes, base_iri) + text)
        client.setReturnFormat(JSON if rows else TURTLE)
        for graph in dict.fromkeys(default_graph or ()):  # a graph named twice counts once
            client.addDefaultGraph(graph.value)
        for graph in dict.fromkeys(named_graphs or ()):
            client.addNamedGraph(graph.value)
        try:
            with client.query().response as response:
                body = response.read()
        except SPARQLWrapperException as exc:
            raise ValueError(f"the SPARQL store refused the query: {exc}") from None
        except (urllib.error.URLError, HTTPException, OSError) as exc:
            raise StoreUnavailable(_reason(exc)) from None
        if rows:
            return ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
        return [ox.Triple(q.subject, q.predicate, q.object)
                for q in ox.parse(body, format=ox.RdfFormat.TURTLE)]


def _prologue(prefixes: dict[str, str] | None, base_iri: str | None) -> str:
    lines = [f"BASE <{base_iri}>"] if base_iri else []
    lines += [f"PREFIX {name}: <{iri}>" for name, iri in (prefixes or {}).items()]
    return "".join(line + "\n" for line in lines)


def _reason(exc: BaseException) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code}"
    reason = getattr(exc, "reason", exc)
    if isinstance(reason, socket.timeout | TimeoutError):
        return "no answer in time"
    return str(reason) or type(reason).__name__


def upload(store: ox.Store, url: str) -> None:
    """Replace the dataset at `url` with `store`'s: one PUT of N-Quads.

    One document keeps blank nodes the same node across graphs (the default graph holds the
    union of the named graphs); one request per graph would split each blank node in two.
    Oxigraph (`/store`), Fuseki (the dataset URL) and GraphDB (`/statements`) take it.
    """
    body = store.dump(format=ox.RdfFormat.N_QUADS) or b""
    request = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": "application/n-quads"})
    try:
        with urllib.request.urlopen(request, timeout=3600) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read().decode("utf-8", "replace").strip().splitlines()[:1])
        raise InputError(f"the store refused the dataset: HTTP {exc.code} {detail}".strip(),
                         url) from None
    except (urllib.error.URLError, OSError) as exc:
        raise InputError(f"the store is not reachable: {_reason(exc)}", url) from None
