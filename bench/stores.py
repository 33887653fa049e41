"""Stores and servers, side by side: the three backends in-process, and the server over HTTP
against `oxigraph serve-read-only` and rdflib-endpoint, on the real data and synthetic graphs.

One run, measurements interleaved (each round visits every contender before the next round):

1. in-process, per backend (memory, on-disk, an external `oxigraph serve`, an external
   Virtuoso): load or build time, RSS of the process holding the store, and every canned
   query with its example parameters (p50 and max of N runs after one warm-up);
2. over HTTP on loopback with `hey`, at 1 and 8 clients: `ASK {}`, a 3-hop join (cluster,
   project, funding programme label) and the heaviest canned query, against this server in
   its production config (gunicorn.conf.py; memory and on-disk store), `oxigraph
   serve-read-only` on the same database directory and rdflib-endpoint on the same triples;
   then every canned query at /queries/NAME against the same SPARQL text sent to Oxigraph;
3. cold start (process start to first answer) and the memory of each server's process tree;
4. the project's targets, met or missed with the margin.

`--write` replaces this script's sections of bench/RESULTS.md and keeps the others; with
`--virtuoso-only` only step 1 runs, and only the section "Virtuoso" is written. Needs `hey`
(`apt-get install -y hey`), rdflib-endpoint (`pip install -e '.[bench]'`) and Debian's
`virtuoso-opensource`.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.metadata
import itertools
import json
import multiprocessing as mp
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path
from urllib.parse import quote, urlencode

import pyoxigraph as ox

from harness import (
    HEY_MISSING,
    Load,
    Server,
    TreeMemory,
    free_port,
    get,
    hey,
    replace_sections,
    repository,
    rss,
    tree_memory,
)
from ltc_graph.namespaces import PREFIXES
from ltc_graph.queries.registry import NamedQuery, Registry
from ltc_graph.rdf.files import Layout
from ltc_graph.rdf.terms import Binding, substitutions
from ltc_graph.sparql.text import bind_values, inspect
from ltc_graph.store import INFO_FILE, open_store
from ltc_graph.store.local import LocalStore, open_directory
from ltc_graph.store.remote import StoreUnavailable
from ltc_graph.web.app import DEFAULTS
from timing import machine

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SIZES = {"real": 0, "10k": 10_000, "100k": 100_000, "1m": 1_000_000, "5m": 5_000_000}
BACKENDS = ("memory", "on-disk", "oxigraph server", "virtuoso")
OURS = ("ours, memory", "ours, on-disk", "ours, on-disk, no cache")
SERVERS = (*OURS, "oxigraph", "rdflib-endpoint")
CANNED = (OURS[1], OURS[2], "oxigraph")  # with the cache on, memory and on-disk answer alike
CLIENTS = (1, 8)
SLOW = 20.0  # seconds: a server that takes longer for one request is not loaded further
CELL_BUDGET = 12.0  # seconds a load test may take, counting requests one after the other
STARTS_BUDGET = 20.0  # seconds of cold starts per server, after which starts are not repeated

TRIVIAL = "ASK {}"
THREE_HOP = NamedQuery("three-hop", "Programmes by the clusters they reach", "", """
SELECT ?programme (COUNT(DISTINCT ?cluster) AS ?clusters) WHERE {
  ?cluster a ltc:Cluster .
  ?project ltc:cluster ?cluster ; ltc:fundingProgramme ?funder .
  ?funder rdfs:label ?programme . FILTER(LANG(?programme) = "en")
}
GROUP BY ?programme
ORDER BY DESC(?clusters) ?programme
LIMIT 20
""").sparql


# --- data ----------------------------------------------------------------------------------

@dataclass
class Data:
    """One size: a repository-shaped folder, its on-disk store and the queries' parameters."""

    label: str
    root: Path
    store: Path
    build: float  # seconds of `ltc-graph load --into DIR`, the whole command
    triples: int  # in the default graph (the union of the data graphs)
    quads: int
    triples_file: Path  # the default graph as N-Triples, as rdflib-endpoint is given it
    params: dict[str, dict[str, str]] = field(default_factory=dict)  # query -> name -> value


def prepare(label: str, registry: Registry, tmp: Path) -> Data:
    """Write the synthetic file (unless real), build the on-disk store, pick parameters."""
    root = repository(ROOT, SIZES[label], tmp / label)
    store = tmp / f"{label}.store"
    began = time.perf_counter()
    ltc("load", "--into", str(store), home=root)
    build = time.perf_counter() - began
    info = json.loads((store / INFO_FILE).read_text(encoding="utf-8"))
    opened = open_directory(store)
    triples_file = tmp / f"{label}.nt"
    opened.store.dump(output=str(triples_file), format=ox.RdfFormat.N_TRIPLES,
                      from_graph=ox.DefaultGraph())
    data = Data(label, root, store, build, info["default_size"], sum(info["sizes"].values()),
                triples_file)
    data.params = parameters(registry, None if label == "real" else opened)
    return data


def ltc(*argv: str, home: Path, **settings: str) -> None:
    subprocess.run([str(BIN / "ltc-graph"), *argv], env=env(LTC_HOME=str(home), **settings),
                   check=True, stdout=subprocess.DEVNULL)


def env(**values: str) -> dict[str, str]:
    return {**os.environ, **values}


_REAL: LocalStore | None = None


def parameters(registry: Registry, synthetic: LocalStore | None) -> dict[str, dict[str, str]]:
    """Each query's example values (default when there is no example). On synthetic data an
    IRI is replaced by the most referenced node of its class there, since the real one is
    absent: the busiest network, cluster or project, the worst case for the query."""
    global _REAL
    chosen: dict[str, dict[str, str]] = {}
    for query in registry:
        values = {}
        for p in query.params:
            raw = p.example or p.default
            if raw is None:
                continue
            if p.type == "iri" and synthetic is not None:
                _REAL = _REAL or LocalStore.from_layout(Layout.of(ROOT))
                raw = busiest_like(p.term(raw)[1], _REAL, synthetic)
            values[p.name] = raw
        chosen[query.name] = values
    return chosen


def busiest_like(iri: str, real: LocalStore, synthetic: LocalStore) -> str:
    kinds = [row["t"] for row in real.query(
        f"SELECT ?t WHERE {{ <{iri}> a ?t FILTER(STRSTARTS(STR(?t), STR(ltc:))) }} ORDER BY ?t",
        prefixes=PREFIXES)]
    for kind in kinds:
        for row in synthetic.query(
                f"SELECT ?x (COUNT(?s) AS ?n) WHERE {{ ?x a {kind} . ?s ?p ?x }} "
                "GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 1"):
            return row["x"].value
    return iri


def inline(query: NamedQuery, values: dict[str, str]) -> str:
    """The query's self-contained text with its parameter values in a VALUES block, as any
    SPARQL endpoint takes it; the same values this server substitutes."""
    bindings = query.bindings(values)
    text = query.sparql
    if not bindings:
        return text
    terms = " ".join(str(term) for term in _terms(bindings))
    names = " ".join(f"?{name}" for name, _ in bindings)
    start = inspect(text).where
    assert start is not None
    return f"{text[:start]} VALUES ({names}) {{ ({terms}) }} {text[start:]}"


def _terms(bindings: tuple[Binding, ...]) -> list[ox.NamedNode | ox.Literal]:
    return [ox.NamedNode(value) if kind == "iri"
            else ox.Literal(value, datatype=ox.NamedNode(datatype))
            for _, (kind, value, datatype) in bindings]


# --- 1. in-process -------------------------------------------------------------------------

def hold(conn: Connection, spec: str, root: str) -> None:
    """A child process holding one store: opens it, then times the queries it is sent,
    reading at most `cap` rows of each answer, as the server does."""
    began = time.perf_counter()
    store = open_store(spec, Path(root))
    conn.send((time.perf_counter() - began, rss()))
    while (job := conn.recv()) is not None:
        text, bindings, cap = job
        began = time.perf_counter()
        try:
            bound = bind_values(text, inspect(text, PREFIXES).where, substitutions(bindings))
            answer = store.query(bound, prefixes=PREFIXES)
            rows = sum(1 for _ in itertools.islice(answer, cap))
        except (SyntaxError, ValueError, OSError, StoreUnavailable) as exc:
            conn.send(str(exc))
            continue
        conn.send((time.perf_counter() - began, rows))
    conn.send(rss())


class Holder:
    """The parent's side of a `hold` process; a query past its time limit kills the process,
    and a new one opens the store again."""

    def __init__(self, spec: str, root: Path) -> None:
        self.spec, self.root = spec, root
        self.opened = self._start()

    def _start(self) -> float:
        context = mp.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=hold, args=(child, self.spec, str(self.root)),
                                       daemon=True)
        self.process.start()
        child.close()
        opened, _ = self.conn.recv()
        return opened

    def run(self, job: tuple[str, tuple[Binding, ...], int], limit: float
            ) -> tuple[float, int] | str:
        self.conn.send(job)
        if self.conn.poll(limit):
            return self.conn.recv()
        self.process.kill()
        self.process.join()
        self._start()
        return f"over {limit:g} s"

    def close(self) -> int:
        self.conn.send(None)
        size = self.conn.recv()
        self.process.join()
        return size


@dataclass
class Backend:
    name: str
    load: float | None  # seconds: parse (memory), `ltc-graph load` (on-disk, external)
    opened: float  # seconds for the process to open its store
    rss: int = 0  # bytes: the process holding the store, after the queries
    times: dict[str, list[float]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)  # query -> why it has no time


def in_process(data: Data, registry: Registry, args: argparse.Namespace, tmp: Path,
               ) -> dict[str, Backend]:
    """Every canned query on every backend, interleaved: a warm-up, then up to `runs` timed
    runs while the query has used less than `budget` seconds (a query slower than that on
    its warm-up is timed by that one run); a query past `limit` seconds is stopped."""
    port = free_port()
    location = tmp / f"{data.label}.external"
    upload = SIZES[data.label] <= SIZES[args.upload_up_to]
    if not upload:  # the same database `load --into URL` would make, in seconds, not minutes
        shutil.copytree(data.store, location)
    external = Server("oxigraph serve", [str(BIN / "oxigraph"), "serve", "--location",
                                         str(location), "--bind", f"127.0.0.1:{port}",
                                         "--timeout-s", str(int(args.limit) + 1)],
                      f"http://127.0.0.1:{port}/query?query=" + quote(TRIVIAL))
    external.start()
    holders: dict[str, Holder] = {}
    virtuoso = Virtuoso(tmp / f"{data.label}.virtuoso", args.limit) if upload else None
    try:
        began = time.perf_counter()
        if upload:
            ltc("load", "--into", f"http://127.0.0.1:{port}/store", home=data.root)
        uploaded = time.perf_counter() - began if upload else None
        specs = {"memory": "memory", "on-disk": str(data.store),
                 "oxigraph server": f"http://127.0.0.1:{port}/query"}
        loads = {"on-disk": data.build, "oxigraph server": uploaded}
        if virtuoso is not None:
            virtuoso.start()
            began = time.perf_counter()
            ltc("load", "--into", virtuoso.update_url, "--update", "--user", "dba",
                home=data.root, LTC_STORE_PASSWORD=virtuoso.password)
            loads["virtuoso"] = time.perf_counter() - began
            specs["virtuoso"] = virtuoso.query_url
        backends: dict[str, Backend] = {}
        for name, spec in specs.items():  # one at a time, so no load competes with another
            holders[name] = Holder(spec, data.root)
            opened = holders[name].opened
            backends[name] = Backend(name, loads.get(name, opened), opened)
        jobs = {q.name: (q.body, q.bindings(data.params[q.name]), args.cap) for q in registry}
        spent = {(q, b): 0.0 for q in jobs for b in backends}
        slow: set[tuple[str, str]] = set()  # timed by their warm-up alone
        for round_ in range(args.runs + 1):
            for query, job in jobs.items():
                for name in rotate(list(backends), round_):
                    backend = backends[name]
                    samples = backend.times.get(query, [])
                    if query in backend.failed or len(samples) >= args.runs or (
                            spent[query, name] > args.budget
                            and (len(samples) >= 3 or (query, name) in slow)):
                        continue
                    answer = holders[name].run(job, args.limit)
                    if isinstance(answer, str):
                        backend.failed[query] = answer
                        continue
                    seconds, backend.rows[query] = answer
                    spent[query, name] += seconds
                    if round_ == 0 and seconds > args.budget:
                        slow.add((query, name))
                    if round_ or (query, name) in slow:
                        backend.times.setdefault(query, []).append(seconds)
        for name, holder in holders.items():
            backends[name].rss = holder.close()
        backends["oxigraph server"].rss = rss(external.pid)
        if virtuoso is not None:
            backends["virtuoso"].rss = rss(virtuoso.server.pid)
        else:  # SPARQL Update takes minutes there; Virtuoso's bulk loader is not the project's
            backends["virtuoso"] = Backend("virtuoso", None, 0.0, failed=dict.fromkeys(
                jobs, f"not loaded (over {args.upload_up_to})"))
        for query in jobs:
            counts = {b.rows[query] for b in backends.values() if query in b.rows}
            if len(counts) > 1:
                print(f"warning: {data.label} {query}: backends disagree on the row count "
                      f"({', '.join(f'{b.name} {b.rows.get(query)}' for b in backends.values())})",
                      file=sys.stderr)
        return backends
    finally:
        for holder in holders.values():
            holder.process.kill()
        external.stop()
        if virtuoso is not None:
            virtuoso.server.stop()
        shutil.rmtree(tmp / f"{data.label}.external", ignore_errors=True)
        shutil.rmtree(tmp / f"{data.label}.virtuoso", ignore_errors=True)


VIRTUOSO_INI = ROOT / "tests" / "virtuoso.ini"  # the one the tests start Virtuoso with


class Virtuoso:
    """Debian's `virtuoso-t` on loopback, with its database and ini in `place`, as
    docs/endpoint.md says to set it up (its limits above the server's: here above the
    in-process time limit); its `dba` password is changed to one made for the run. Buffers:
    400 MB, room for the largest size it is loaded with."""

    def __init__(self, place: Path, limit: float) -> None:
        place.mkdir(parents=True, exist_ok=True)
        self.sql_port, http_port = free_port(), free_port()
        ini = place / "virtuoso.ini"
        ini.write_text(VIRTUOSO_INI.read_text(encoding="utf-8").format(
            dir=place, sql_port=self.sql_port, http_port=http_port, buffers=50_000,
            dirty_buffers=37_500, extra_parameters="", extra_http="", max_rows=1_000_000,
            seconds=int(limit) + 1), encoding="utf-8")
        base = f"http://127.0.0.1:{http_port}"
        self.query_url, self.update_url = base + "/sparql", base + "/sparql-auth"
        self.server = Server("virtuoso", ["virtuoso-t", "+configfile", str(ini), "+foreground"],
                             f"{self.query_url}?query=" + quote(TRIVIAL), cwd=place)
        self.password = secrets.token_urlsafe(16)

    def start(self) -> None:
        self.server.start()
        subprocess.run(["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", "dba",
                        f"exec=USER_SET_PASSWORD('dba', '{self.password}');"],
                       check=True, stdout=subprocess.DEVNULL, timeout=60)


def timed(backends: dict[str, Backend], names: list[str] | tuple[str, ...], query: str,
          ) -> tuple[list[str], dict[str, float]]:
    """Per backend in `names`, the cell for `query` (p50 / max, or why it failed) and its p50."""
    cells, p50 = [], {}
    for name in names:
        samples = backends[name].times.get(query)
        if samples:
            p50[name] = statistics.median(samples)
            cells.append(f"{ms(p50[name])} / {ms(max(samples))}")
        else:
            cells.append(backends[name].failed.get(query, "-"))
    return cells, p50


def heaviest_of(backends: dict[str, Backend]) -> str:
    """The canned query slowest in memory among those no backend had to stop."""
    stopped = {q for b in backends.values() for q in b.failed}
    times = {q: statistics.median(t) for q, t in backends["memory"].times.items()
             if q not in stopped}
    return max(times, key=times.__getitem__)


def rotate(items: list, k: int) -> list:
    """`items` starting at position k: the first place in each round goes round in turn."""
    k %= len(items)
    return items[k:] + items[:k]


# --- 2 and 3. over HTTP --------------------------------------------------------------------

@dataclass
class Contender:
    """A server under test, and how a query is put to it."""

    server: Server
    ask: Callable[[str], str]  # SPARQL text -> URL
    canned: Callable[[NamedQuery, dict[str, str]], str] | None = None  # ours: /queries/NAME


def contenders(data: Data, log: Path, limit: float) -> dict[str, Contender]:
    """Ours three times (memory, on-disk, on-disk with the answer cache off), then the peers."""
    found: dict[str, Contender] = {}
    for name, store, cache in ((OURS[0], "memory", None), (OURS[1], str(data.store), None),
                               (OURS[2], str(data.store), "0")):
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        settings = {"LTC_STORE": store, "LTC_HOME": str(data.root),
                    "LTC_BIND": f"127.0.0.1:{port}"}
        if cache is not None:
            settings["LTC_RESULT_CACHE_BYTES"] = cache
        server = Server(name, [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py")],
                        f"{base}/sparql?query=" + quote(TRIVIAL), settings, ROOT, log)
        found[name] = Contender(
            server, lambda text, b=base: f"{b}/sparql?query=" + quote(text),
            lambda q, values, b=base: f"{b}/queries/{q.name}" +
            ("?" + urlencode(values) if values else ""))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    found["oxigraph"] = Contender(
        Server("oxigraph", [str(BIN / "oxigraph"), "serve-read-only", "--location",
                            str(data.store), "--bind", f"127.0.0.1:{port}",
                            "--timeout-s", str(int(max(limit, SLOW)) + 1)],
               f"{base}/query?query=" + quote(TRIVIAL), log=log),
        lambda text, b=base: f"{b}/query?query=" + quote(text))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    found["rdflib-endpoint"] = Contender(
        Server("rdflib-endpoint", [str(BIN / "rdflib-endpoint"), "serve",
                                   str(data.triples_file), "--host", "127.0.0.1", "--port",
                                   str(port)],
               f"{base}/?query=" + quote(TRIVIAL), log=log),
        lambda text, b=base: f"{b}/?query=" + quote(text))
    return found


@dataclass
class Http:
    starts: dict[str, list[float]] = field(default_factory=dict)
    loads: dict[tuple[str, int, str], Load | str] = field(default_factory=dict)
    singles: dict[tuple[str, int, str], float | None] = field(default_factory=dict)
    canned: dict[tuple[str, str], Load | str] = field(default_factory=dict)
    memory: dict[str, TreeMemory] = field(default_factory=dict)


def over_http(data: Data, registry: Registry, heaviest: str, args: argparse.Namespace,
              tmp: Path, backends: dict[str, Backend]) -> Http:
    """Cold starts, then the load tests. A canned query stopped in-process is not sent; one
    whose answer is over the cap is sent to the peers with LIMIT cap, the rows ours sends."""
    result = Http()
    servers = contenders(data, tmp / "servers.log", args.limit)
    cold = [OURS[0], OURS[1], "oxigraph"]

    def peer_text(query: NamedQuery) -> str:
        capped = any(b.rows.get(query.name, 0) >= args.cap for b in backends.values())
        return inline(query, data.params[query.name]) + (f"LIMIT {args.cap}\n" if capped else "")

    try:
        for round_ in range(args.starts):
            for name in rotate(cold, round_):
                if round_ and sum(result.starts[name]) > STARTS_BUDGET:
                    continue
                servers[name].server.stop()
                seconds = servers[name].server.start()
                result.starts.setdefault(name, []).append(seconds)
        for name in (OURS[2], "rdflib-endpoint"):
            result.starts[name] = [servers[name].server.start()]
        heavy = registry.get(heaviest)
        assert heavy is not None
        queries = {"ASK {}": TRIVIAL, "3-hop join": THREE_HOP,
                   f"heaviest canned ({heaviest})": peer_text(heavy)}
        cell = 0
        slow: set[str] = set()
        for label, text in queries.items():
            for clients in CLIENTS:
                answers = {}
                for name in rotate(list(SERVERS), cell):
                    answers[name], result.loads[label, clients, name], single = load(
                        servers[name].ask(text), clients, args.seconds, slow)
                    result.singles[label, clients, name] = single
                agree(f"{data.label} {label}", answers)
                cell += 1
        result.memory["rdflib-endpoint"] = tree_memory(servers["rdflib-endpoint"].server.pid)
        servers["rdflib-endpoint"].server.stop(grace=5)  # it may still be on a slow query
        for query in registry:
            stopped = [b.failed[query.name] for b in backends.values() if query.name in b.failed]
            answers = {}
            for name in rotate(list(CANNED), cell):
                if stopped:
                    result.canned[query.name, name] = f"not run ({stopped[0]} in-process)"
                    continue
                contender = servers[name]
                url = (contender.canned(query, data.params[query.name]) if contender.canned
                       else contender.ask(peer_text(query)))
                answers[name], result.canned[query.name, name], _ = load(
                    url, args.canned_clients, args.canned_seconds, slow)
            agree(f"{data.label} /queries/{query.name}", answers)
            cell += 1
        for name in (OURS[0], *CANNED):
            result.memory[name] = tree_memory(servers[name].server.pid)
    finally:
        for contender in servers.values():
            contender.server.stop()
    return result


def load(url: str, clients: int, seconds: float, slow: set[str]
         ) -> tuple[object, Load | str, float | None]:
    """One request (its answer, its time; it also warms up), then `hey` on `url` for
    `seconds`, or one request per client when a request takes over a third of that. Not
    loaded: a URL that took over SLOW seconds once (`slow`), or whose requests would take
    over CELL_BUDGET seconds end to end if the server ran them one at a time."""
    if url in slow:
        return None, f"over {SLOW:g} s per request", None
    try:
        single, status, body, headers = timed_get(url)
        if headers.get("X-Cache") == "MISS":  # ours: the next request is the cache's
            single, status, body, _ = timed_get(url)
    except TimeoutError:
        slow.add(url)
        return None, f"over {SLOW:g} s per request", None
    if status != 200:
        return None, f"HTTP {status}", single
    answer = json.loads(body)
    answer = answer.get("boolean", len(answer.get("results", {}).get("bindings", [])))
    if clients > 1 and single * clients > CELL_BUDGET:
        return answer, f"not loaded: {single:.1f} s per request", single
    if single * 3 > seconds:
        return answer, hey(url, clients, seconds, requests=clients), single
    return answer, hey(url, clients, seconds), single


def timed_get(url: str) -> tuple[float, int, bytes, dict[str, str]]:
    began = time.perf_counter()
    status, body, headers = get(url, timeout=SLOW)
    return time.perf_counter() - began, status, body, headers


def agree(what: str, answers: dict[str, object]) -> None:
    """Warn when the servers give different answers (row counts, or ASK's boolean)."""
    if len({repr(a) for a in answers.values() if a is not None}) > 1:
        print(f"warning: {what}: the answers differ: "
              + ", ".join(f"{name} {value}" for name, value in answers.items()), file=sys.stderr)


# --- report --------------------------------------------------------------------------------

def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.2f}" if value < 1 else f"{value:.1f}" if value < 10 else f"{value:.0f}"


def span(values: list[float]) -> str:
    """min / median / max, in ms or s."""
    unit, scale = ("s", 1) if max(values) >= 1 else ("ms", 1000)
    parts = [min(values), statistics.median(values), max(values)]
    return " / ".join(f"{v * scale:.2f}" if scale == 1 else f"{v * scale:.0f}"
                      for v in parts) + f" {unit}"


def rate(rps: float) -> str:
    return f"{rps:.2f}" if rps < 10 else f"{rps:.0f}"


def mb(size: int) -> str:
    return f"{size / 2**20:.0f} MB"


def versions() -> str:
    found = []
    for name in ("pyoxigraph", "rdflib", "rdflib-endpoint", "Flask", "gunicorn"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            found.append(f"{name} {importlib.metadata.version(name)}")
    binary = subprocess.run([str(BIN / "oxigraph"), "--version"], capture_output=True,
                            text=True).stdout.split()
    found.insert(1, f"oxigraph (server) {binary[-1] if binary else '?'}")
    for name, package in (("hey", "hey"), ("virtuoso", "virtuoso-opensource-7-bin")):
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            found.append(f"{name} " + subprocess.run(
                ["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True,
                text=True, check=True).stdout)
    return ", ".join(found)


def ratio(a: Load | str | None, b: Load | str | None) -> float | None:
    if isinstance(a, Load) and isinstance(b, Load) and b.rps > 0:
        return a.rps / b.rps
    return None


def times(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}x" if x < 10 else f"{x:.0f}x"


def stores_section(datas: list[Data], inproc: dict[str, dict[str, Backend]],
                   args: argparse.Namespace, header: str) -> str:
    lines = [header, "",
             "| size | triples (default graph) | quads | ltc-graph load --into DIR |",
             "|---|---:|---:|---:|"]
    lines += [f"| {d.label} | {d.triples:,} | {d.quads:,} | {d.build:.2f} s |" for d in datas]
    lines += ["", "### Load and memory, in-process", "",
              "Load: memory parses the files in the process; on-disk and the external "
              "`oxigraph serve` are filled by `ltc-graph load --into` (the whole command), "
              "then opened (above " + args.upload_up_to + " the external store is a copy of "
              "the on-disk directory, the same database: uploading takes minutes); Virtuoso "
              "by `ltc-graph load --into URL --update`, up to " + args.upload_up_to + " only. "
              "RSS: the process holding the store, after all its queries (for the external "
              "stores, the `oxigraph serve` or `virtuoso-t` process).", "",
              "| size | backend | load | open | RSS |", "|---|---|---:|---:|---:|"]
    for d in datas:
        for b in inproc[d.label].values():
            shown = ("copied, not timed" if b.name == "oxigraph server" else "not loaded"
                     ) if b.load is None else f"{b.load:.2f} s"
            lines.append(f"| {d.label} | {b.name} | {shown} | {ms(b.opened)} ms | "
                         f"{mb(b.rss)} |")
    for d in datas:
        backends = inproc[d.label]
        lines += ["", f"### Canned queries in-process, {d.label} ({d.triples:,} triples)", "",
                  f"p50 / max in ms of up to {args.runs} runs after a warm-up, while a query "
                  f"has used under {args.budget:g} s (one run when the warm-up alone took "
                  f"longer; stopped past {args.limit:g} s). Each run: the store's `query` "
                  f"with the project's prefixes and the parameters substituted, and up to "
                  f"{args.cap:,} rows read (the server's cap). Parameters: the queries' "
                  "examples" + ("." if d.label == "real" else
                                ", IRIs replaced by the busiest synthetic node of the same "
                                "class.") + " Rows: the answer's size.", "",
                  "| query | rows | " + " | ".join(BACKENDS) + " | "
                  + " | ".join(f"{b} / memory" for b in BACKENDS[1:]) + " |",
                  "|---|---:|" + "---:|" * (2 * len(BACKENDS) - 1)]
        for query in sorted({q for b in backends.values() for q in [*b.times, *b.failed]}):
            cells, p50 = timed(backends, BACKENDS, query)
            counts = [b.rows[query] for b in backends.values() if query in b.rows]
            shown = "-" if not counts else f"{max(counts):,}" + (
                " (cap)" if max(counts) >= args.cap else "")
            lines.append(f"| {query} | {shown} | " + " | ".join(cells) + " | "
                         + " | ".join(times(p50[b] / p50["memory"]
                                            if b in p50 and "memory" in p50 else None)
                                      for b in BACKENDS[1:]) + " |")
    return "\n".join(lines)


def virtuoso_section(datas: list[Data], inproc: dict[str, dict[str, Backend]],
                     args: argparse.Namespace, header: str) -> str:
    """Virtuoso beside the embedded store and the Oxigraph server: its load and memory, and
    each canned query's time, as in "Stores" (same runs, same rules)."""
    lines = [header, "",
             "Virtuoso: Debian's `virtuoso-opensource` (`virtuoso-t` on loopback, 400 MB of "
             "buffers, limits above the bench's), filled by `ltc-graph load --into URL "
             "--update` (the whole command). Each run: the store's `query`, so for the "
             "external stores an HTTP request on loopback, SPARQL JSON parsed back. RSS: the "
             "process holding the store (for the external stores, the server's process). "
             "The machine is shared and was busy (the load average above): a time may vary "
             "by up to two times between runs, and the ratios are the figures to read. An "
             "error in a cell is Virtuoso's own.", "",
             "| size | backend | load | open | RSS |", "|---|---|---:|---:|---:|"]
    shown = ("memory", "oxigraph server", "virtuoso")
    for d in datas:
        for name in shown:
            b = inproc[d.label][name]
            load = "copied, not timed" if b.load is None else f"{b.load:.2f} s"
            lines.append(f"| {d.label} | {name} | {load} | {ms(b.opened)} ms | {mb(b.rss)} |")
    for d in datas:
        backends = inproc[d.label]
        lines += ["", f"### Virtuoso, canned queries in-process, {d.label} "
                      f"({d.triples:,} triples)", "",
                  f"p50 / max in ms of up to {args.runs} runs after a warm-up (see "
                  "\"Stores\"). Rows: memory's / Virtuoso's, where they differ (a query "
                  "Virtuoso 7.2 answers wrongly, docs/endpoint.md).", "",
                  "| query | rows | " + " | ".join(shown) + " | virtuoso / memory "
                  "| virtuoso / oxigraph server |", "|---|---:|" + "---:|" * 5]
        for query in sorted({q for b in backends.values() for q in [*b.times, *b.failed]}):
            cells, p50 = timed(backends, shown, query)
            rows = [backends[n].rows.get(query) for n in ("memory", "virtuoso")]
            count = "-" if rows[0] is None else f"{rows[0]:,}" + (
                f" / {rows[1]:,}" if rows[1] is not None and rows[1] != rows[0] else "")
            ratios = [times(p50["virtuoso"] / p50[peer]
                            if "virtuoso" in p50 and peer in p50 else None)
                      for peer in ("memory", "oxigraph server")]
            lines.append(f"| {query} | {count} | " + " | ".join(cells + ratios) + " |")
    return "\n".join(lines)


def http_section(datas: list[Data], https: dict[str, Http], args: argparse.Namespace) -> str:
    lines = ["Same run. `hey` on loopback, " f"{args.seconds:g} s per cell (a server slower "
             "than a third of that per request gets one request per client instead): "
             "requests per second and p50 / p99 latency. Ours: `gunicorn -c gunicorn.conf.py` "
             "with LTC_STORE=memory or the on-disk store, and once more with the answer cache "
             "off (LTC_RESULT_CACHE_BYTES=0), since `hey` repeats one query and the cache "
             "answers all but the first; oxigraph: `oxigraph serve-read-only` on the same "
             "database directory; rdflib-endpoint: `rdflib-endpoint serve` on the default "
             "graph as N-Triples (the triples every query here reads; its fastest parser). "
             "Ratios are of requests per second.", "",
             "| size | query | clients | server | req/s | p50 | p99 | / oxigraph "
             "| / rdflib-endpoint |", "|---|---|---:|---|---:|---:|---:|---:|---:|"]
    for d in datas:
        loads = https[d.label].loads
        for query, clients in dict.fromkeys((q, c) for q, c, _ in loads):
            for name in SERVERS:
                x = loads[query, clients, name]
                ratios = [times(ratio(x, loads[query, clients, peer])) if name in OURS else ""
                          for peer in ("oxigraph", "rdflib-endpoint")]
                lines.append(f"| {d.label} | {query} | {clients} | {name} | {load_cells(x)} | "
                             + " | ".join(ratios) + " |")
    lines += ["", "### Canned queries: /queries/NAME against the same text sent to oxigraph",
              "", f"{args.canned_clients} clients, {args.canned_seconds:g} s per cell; "
              "oxigraph gets the query's text with its parameter values in a VALUES block. "
              "Each cell: requests per second, p50 latency.", "",
              "| size | query | " + " | ".join(CANNED) + " | " +
              " | ".join(f"{n.removeprefix('ours, ')} / oxigraph" for n in CANNED[:-1]) + " |",
              "|---|---|" + "---:|" * (2 * len(CANNED) - 1)]
    for d in datas:
        canned = https[d.label].canned
        for query in dict.fromkeys(q for q, _ in canned):
            cells = {s: canned[query, s] for s in CANNED}
            lines.append(f"| {d.label} | {query} | "
                         + " | ".join(short_cell(x) for x in cells.values()) + " | "
                         + " | ".join(times(ratio(cells[s], cells["oxigraph"]))
                                      for s in CANNED[:-1]) + " |")
    return "\n".join(lines)


def load_cells(x: Load | str) -> str:
    if isinstance(x, str):
        return f"{x} | | "
    failed = f" ({x.failed} failed)" if x.failed else ""
    return f"{rate(x.rps)}{failed} | {ms(x.p50)} ms | {ms(x.p99)} ms"


def short_cell(x: Load | str) -> str:
    if isinstance(x, str):
        return x
    return f"{rate(x.rps)}, {ms(x.p50)} ms" + (f" ({x.failed} failed)" if x.failed else "")


def start_section(datas: list[Data], https: dict[str, Http], starts: int) -> str:
    shown = (OURS[0], OURS[1], "oxigraph", "rdflib-endpoint")
    lines = [f"Same run. Process start to the first answered `ASK {{}}`, min / median / max "
             f"of up to {starts} starts (fewer once a server has used {STARTS_BUDGET:g} s; "
             "rdflib-endpoint: once, from N-Triples). Ours runs gunicorn.conf.py; "
             "memory parses the Turtle and TriG files at start-up, on-disk opens the "
             "directory built by `ltc-graph load`.", "",
             "| size | " + " | ".join(shown) + " |", "|---|" + "---:|" * len(shown)]
    for d in datas:
        s = https[d.label].starts
        lines.append(f"| {d.label} | " + " | ".join(span(s[n]) for n in shown) + " |")
    lines += ["", "Memory of each server with all its processes, after the load tests: RSS "
              "summed over the process tree (shared pages count once per process) and PSS "
              "(shared pages split between processes).", "",
              "| size | server | processes | RSS | PSS |", "|---|---|---:|---:|---:|"]
    for d in datas:
        memory = https[d.label].memory
        for name, m in sorted(memory.items(), key=lambda item: SERVERS.index(item[0])):
            lines.append(f"| {d.label} | {name} | {m.processes} | {mb(m.rss)} | {mb(m.pss)} |")
    return "\n".join(lines)


@dataclass
class Target:
    what: str
    measured: float
    limit: float
    at_least: bool  # measured must be >= limit (else <=)
    unit: str = "x"

    @property
    def met(self) -> bool:
        return self.measured >= self.limit if self.at_least else self.measured <= self.limit

    def row(self) -> str:
        shown = {"x": f"{self.measured:.2f}x", "ms": f"{self.measured * 1000:.2f} ms",
                 "s": f"{self.measured:.2f} s", "MB": f"{self.measured / 2**20:.0f} MB"}
        sign = "≥" if self.at_least else "≤"
        limit = {"x": f"{self.limit:g}x", "ms": f"{self.limit * 1000:g} ms",
                 "s": f"{self.limit:g} s", "MB": f"{self.limit / 2**20:g} MB"}[self.unit]
        factor = self.measured / self.limit if self.at_least else self.limit / self.measured
        margin = (f"met, {factor:.2f}x the bound" if self.met
                  else f"missed by {1 / factor:.1f}x")
        return f"| {self.what} | {sign} {limit} | {shown[self.unit]} | {margin} |"


def targets(datas: list[Data], inproc: dict[str, dict[str, Backend]],
            https: dict[str, Http]) -> list[Target]:
    found: list[Target] = []
    labels = {d.label for d in datas}
    if "1m" in labels:
        h = https["1m"]
        for query in dict.fromkeys(q for q, c, _ in h.loads if c == 8):
            for name in OURS:
                for peer, bound in (("oxigraph", 0.9), ("rdflib-endpoint", 30)):
                    r = ratio(h.loads[query, 8, name], h.loads[query, 8, peer])
                    what = f"1M, 8 clients, {query}: {name} / {peer}"
                    if r is None and peer == "rdflib-endpoint" and isinstance(
                            ours := h.loads[query, 8, name], Load):
                        # It runs one query at a time, so 8 clients get what 1 gets at most.
                        r = ratio(ours, h.loads[query, 1, peer])
                        if r is None and (single := h.singles[query, 1, peer]):
                            r = ours.rps * single
                        what += " (a lower bound: its 1-client rate)"
                    if r is not None:
                        found.append(Target(what, r, bound, True))
    for label, bound in (("1m", 1.0), ("real", 0.5)):
        if label in labels:
            h = https[label]
            for name in CANNED[:-1]:
                pairs = {q: ratio(h.canned[q, name], h.canned[q, "oxigraph"])
                         for q in dict.fromkeys(q for q, _ in h.canned)}
                known = {q: r for q, r in pairs.items() if r is not None}
                worst = min(known, key=known.__getitem__)
                met = sum(r >= bound for r in known.values())
                found.append(Target(f"{label}, canned, {name} / oxigraph, {met} of "
                                    f"{len(pairs)} queries met; the worst: {worst}",
                                    known[worst], bound, True))
    if "real" in labels:
        for name, backend in inproc["real"].items():
            p50 = {q: statistics.median(t) for q, t in backend.times.items()}
            if not p50:
                continue
            slowest = max(p50, key=p50.__getitem__)
            met = sum(v <= 0.002 for v in p50.values())
            found.append(Target(f"real, in-process p50, {name}, {met} of {len(p50)} queries "
                                f"met; the slowest: {slowest}", p50[slowest], 0.002, False,
                                "ms"))
        for name in OURS[:2]:
            found.append(Target(f"real, first answer after start, {name}",
                                statistics.median(https["real"].starts[name]), 0.5, False, "s"))
    if "1m" in labels:
        h = https["1m"]
        found.append(Target("1M, first answer after start, ours from Turtle/TriG",
                            statistics.median(h.starts[OURS[0]]), 3.0, False, "s"))
        found.append(Target("1M, first answer after start, ours on-disk",
                            statistics.median(h.starts[OURS[1]]), 0.2, False, "s"))
        found.append(Target("1M, RSS of ours on-disk, all processes together",
                            h.memory[OURS[1]].rss, 200 * 2**20, False, "MB"))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="real,10k,100k,1m",
                        help="comma-separated: real, 10k, 100k, 1m, 5m (default: all but 5m)")
    parser.add_argument("--with-5m", action="store_true", help="add the 5M size (slow)")
    parser.add_argument("--runs", type=int, default=7, help="in-process runs per query")
    parser.add_argument("--budget", type=float, default=1.0,
                        help="in-process seconds per query and backend after which runs stop")
    parser.add_argument("--limit", type=float, default=10.0,
                        help="in-process seconds after which a query is stopped")
    parser.add_argument("--upload-up-to", choices=list(SIZES)[1:], default="100k",
                        help="largest size loaded into the external store by `ltc-graph load "
                        "--into URL` (larger: a copy of the on-disk store)")
    parser.add_argument("--cap", type=int, default=DEFAULTS["MAX_ROWS"],
                        help="rows read of an answer (the server's cap)")
    parser.add_argument("--seconds", type=float, default=1.0, help="hey seconds per cell")
    parser.add_argument("--canned-clients", type=int, default=8)
    parser.add_argument("--canned-seconds", type=float, default=0.5)
    parser.add_argument("--starts", type=int, default=3, help="cold starts per server")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    parser.add_argument("--virtuoso-only", action="store_true",
                        help="step 1 alone, and only the section Virtuoso")
    args = parser.parse_args()
    sizes = list(dict.fromkeys(args.sizes.split(",") + (["5m"] if args.with_5m else [])))
    if unknown := [s for s in sizes if s not in SIZES]:
        parser.error(f"unknown size {unknown[0]!r}; choose from {', '.join(SIZES)}")
    if shutil.which("virtuoso-t") is None:
        raise SystemExit("Virtuoso is not installed: apt-get install -y virtuoso-opensource")
    if shutil.which("hey") is None and not args.virtuoso_only:
        raise SystemExit(HEY_MISSING)
    if not (BIN / "rdflib-endpoint").exists() and not args.virtuoso_only:
        raise SystemExit("rdflib-endpoint is not installed: pip install -e '.[bench]'")

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on the way out
    began = time.perf_counter()
    load_before = os.getloadavg()[1]
    registry = Registry(ROOT / "queries")
    with tempfile.TemporaryDirectory(prefix="ltc-bench-") as name:
        tmp = Path(name)
        datas = [prepare(label, registry, tmp) for label in sizes]
        report(f"data ready: {', '.join(f'{d.label} {d.triples:,}' for d in datas)}", began)
        inproc = {}
        for d in datas:
            inproc[d.label] = in_process(d, registry, args, tmp)
            report(f"in-process {d.label}", began)
        https = {}
        if not args.virtuoso_only:
            heaviest = heaviest_of(inproc[max(datas, key=lambda d: d.triples).label])
            for d in datas:
                https[d.label] = over_http(d, registry, heaviest, args, tmp, inproc[d.label])
                report(f"HTTP {d.label}", began)
    elapsed = time.perf_counter() - began
    command = " ".join(["python bench/stores.py", *sys.argv[1:]])
    header = (f"Produced by `{command}` on {date.today().isoformat()}, "
              f"in {elapsed / 60:.1f} min. Machine: {machine()}; load average (5 min) "
              f"{load_before:.1f} before the run (other work on the machine), "
              f"{os.getloadavg()[1]:.1f} at its end (the run keeps both cores busy). "
              f"Versions: {versions()}.")
    if args.virtuoso_only:
        section = {"Virtuoso": virtuoso_section(datas, inproc, args, header)}
        print(f"## Virtuoso\n\n{section['Virtuoso']}\n")
        if args.write:
            replace_sections(ROOT / "bench" / "RESULTS.md", section)
        return
    found = targets(datas, inproc, https)
    sections = {
        "Stores": stores_section(datas, inproc, args, header),
        "HTTP against the peers": http_section(datas, https, args),
        "Start-up and memory": start_section(datas, https, args.starts),
        "Targets": "Same run.\n\n| target | bound | measured | result |\n|---|---:|---:|---|\n"
                   + "\n".join(t.row() for t in found),
    }
    for title, body in sections.items():
        print(f"## {title}\n\n{body}\n")
    if args.write:
        replace_sections(ROOT / "bench" / "RESULTS.md", sections)


def report(step: str, began: float) -> None:
    print(f"[{time.perf_counter() - began:6.0f} s] {step}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
