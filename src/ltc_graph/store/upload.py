"""The dataset into an external store, as `ltc-graph load --into URL` sends it.

Two ways, both replacing what the last load put there:

- `put`: one N-Quads document PUT to the store's dataset URL (Oxigraph's `/store`, Fuseki's
  dataset, GraphDB's `/statements`). One document keeps each blank node one node across the
  graphs it is in (every statement of a named graph is also in the default graph).
- `update`: SPARQL 1.1 Update, for a store that takes no dataset document and has no default
  graph of its own (Virtuoso at `/sparql-auth`, whose default graph is the union of every
  graph it holds, its own system graphs included). The default graph goes into the named
  graph DEFAULT_GRAPH and the dataset is described in DESCRIPTION_GRAPH (remote.py reads it
  and asks every query of that dataset). Statements go in batches, each blank node with all
  the statements that hold it, so it stays one node across graphs.

Either way can log in (`--user`, the password in LTC_STORE_PASSWORD): HTTP digest or basic
authentication, as the store asks.
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator

import pyoxigraph as ox

from ..errors import InputError
from ..namespaces import SD
from .remote import DEFAULT_GRAPH, DESCRIPTION_GRAPH, reason

BATCH = 1000  # statements per INSERT: Virtuoso's parser runs out of memory near 5,000 lines
TIMEOUT = 3600  # seconds per request


def opener(url: str, user: str | None, password: str | None) -> urllib.request.OpenerDirector:
    """An HTTP client that answers the challenge of the store at `url` for `user`, digest or
    basic, with `password`."""
    if not user:
        return urllib.request.build_opener()
    if password is None:
        raise InputError("set the store's password in LTC_STORE_PASSWORD", f"--user {user}")
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, user, password)
    return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords),
                                       urllib.request.HTTPBasicAuthHandler(passwords))


def put(store: ox.Store, url: str, client: urllib.request.OpenerDirector) -> None:
    """Replace the dataset at `url` with `store`'s: one PUT of N-Quads."""
    body = store.dump(format=ox.RdfFormat.N_QUADS) or b""
    _send(client, url, body, "application/n-quads")


def update(store: ox.Store, url: str, client: urllib.request.OpenerDirector) -> int:
    """Replace the dataset at the SPARQL Update endpoint `url` with `store`'s; the number of
    requests it took.

    First the graphs about to be written and those the last load described are emptied, then
    the statements go in, and the description last: a load stopped half-way leaves no
    description, and `serve` refuses the store until it is loaded again.
    """
    graphs = sorted({q.graph_name.value for q in store.quads_for_pattern(None, None, None)
                     if isinstance(q.graph_name, ox.NamedNode)})
    # The graphs about to be written are dropped first, so that only those the last load
    # wrote and this one does not are left for the DELETE (a store may cap its rows).
    drops = [f"DROP SILENT GRAPH <{g}>" for g in (DEFAULT_GRAPH, *graphs)]
    stale = (f"DELETE {{ GRAPH ?g {{ ?s ?p ?o }} }} WHERE {{ GRAPH <{DESCRIPTION_GRAPH}> "
             f"{{ ?dataset <{SD.namedGraph}> ?g }} GRAPH ?g {{ ?s ?p ?o }} }}")
    requests = [" ;\n".join([*drops, stale, f"DROP SILENT GRAPH <{DESCRIPTION_GRAPH}>"])]
    requests += [_insert(batch) for batch in batches(store, BATCH)]
    named = "".join(f" ; <{SD.namedGraph}> <{g}>" for g in graphs)
    requests.append(f"INSERT DATA {{ GRAPH <{DESCRIPTION_GRAPH}> {{ <{DESCRIPTION_GRAPH}> "
                    f"a <{SD.Dataset}> ; <{SD.defaultGraph}> <{DEFAULT_GRAPH}>{named} . }} }}")
    for text in requests:
        _send(client, url, text.encode(), "application/sparql-update")
    return len(requests)


def batches(store: ox.Store, size: int) -> Iterator[list[ox.Quad]]:
    """The store's statements in lists of about `size`, each blank node in one list with
    every statement that holds it (a list grows past `size` only for a larger such group)."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while (up := parent.get(node, node)) != node:
            node = up
        return node

    groups: dict[str | None, list[ox.Quad]] = {}
    quads = list(store.quads_for_pattern(None, None, None))
    for quad in quads:
        blanks = [t.value for t in (quad.subject, quad.object) if isinstance(t, ox.BlankNode)]
        for other in blanks[1:]:
            parent[root(other)] = root(blanks[0])
    for quad in quads:
        blank = next((t.value for t in (quad.subject, quad.object)
                      if isinstance(t, ox.BlankNode)), None)
        groups.setdefault(blank and root(blank), []).append(quad)
    batch: list[ox.Quad] = []
    lone = groups.pop(None, [])
    for group in [*groups.values(), *([q] for q in lone)]:
        if batch and len(batch) + len(group) > size:
            yield batch
            batch = []
        batch.extend(group)
    if batch:
        yield batch


def _insert(quads: list[ox.Quad]) -> str:
    """One INSERT of `quads`, the default graph's into DEFAULT_GRAPH. A template with one
    solution, not INSERT DATA: Virtuoso takes no blank nodes in INSERT DATA, and fails on a
    blank node in two graphs of a template when the WHERE pattern is empty."""
    graphs: dict[str, list[str]] = {}
    for q in quads:
        name = DEFAULT_GRAPH if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
        graphs.setdefault(name, []).append(f"{q.subject} {q.predicate} {q.object} .")
    body = "\n".join(f"GRAPH <{g}> {{\n" + "\n".join(lines) + "\n}"
                     for g, lines in graphs.items())
    return f"INSERT {{\n{body}\n}} WHERE {{ BIND(1 AS ?one) }}"


def _send(client: urllib.request.OpenerDirector, url: str, body: bytes, media: str) -> None:
    request = urllib.request.Request(url, data=body, method="PUT" if "quads" in media else "POST",
                                     headers={"Content-Type": media})
    try:
        with client.open(request, timeout=TIMEOUT) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        lines = exc.read().decode("utf-8", "replace").strip().splitlines()
        detail = " ".join(line.strip() for line in lines[:1])
        raise InputError(f"the store refused the dataset: HTTP {exc.code} {detail}".strip(),
                         url) from None
    except (urllib.error.URLError, OSError) as exc:
        raise InputError(f"the store is not reachable: {reason(exc)}", url) from None
