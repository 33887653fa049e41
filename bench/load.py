"""Load test on loopback: the canned queries and resource pages at 32 concurrent clients for
60 s against gunicorn with the repository's production config, every answer checked; then the
same while one more client sends runaway queries, to show the others are not held up.

Expected answers are computed in this process, independently of the server: each canned query
runs on an in-process store through the same writer (so the bytes must match), each resource's
Turtle must hold exactly the triples of its description query, and each HTML page must match
the page served before the load. Every response body is checked (by hash once verified).

`--write` replaces the "Load" section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import http.client
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox

from harness import Server, free_port, replace_sections
from ltc_graph.publish.description import BASE, construct, path_for
from ltc_graph.queries.registry import Registry
from ltc_graph.rdf.files import Layout
from ltc_graph.sparql.execution import Job, Limits
from ltc_graph.store.local import LocalStore

ROOT = Path(__file__).resolve().parents[1]
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE {{ ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }} # {n}"
SEE_ALSO = "<http://www.w3.org/2000/01/rdf-schema#seeAlso>"


@dataclass
class Target:
    """One URL of the mix and how to tell a right answer."""

    kind: str
    path: str
    accept: str
    check: object  # bytes to equal, or the triples' shapes (see `shapes`) to equal


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    wrong: int = 0
    statuses: dict[int, int] = field(default_factory=dict)


def targets(base: str, resources: int) -> list[Target]:
    """The canned queries with their example parameters, and a spread of resource pages."""
    store = LocalStore.from_layout(Layout.of(ROOT))
    mix: list[Target] = []
    for query in Registry(ROOT / "queries"):
        given = {p.name: p.example or p.default for p in query.params if p.example or p.default}
        bindings = query.bindings(given)
        path = f"/queries/{query.name}" + ("?" + urlencode(given) if given else "")
        job = Job(query.sparql, "json", (), (), bindings, False,
                  base_iri=f"{base}/queries/{query.name}", where=query.info.where)
        answer = job.perform(store, Limits())
        assert answer.ok, (query.name, answer.error)
        mix.append(Target("canned query", path, "application/sparql-results+json",
                          answer.body))
    subjects = [row["s"].value for row in store.query(
        f'SELECT DISTINCT ?s WHERE {{ ?s a ?t FILTER(STRSTARTS(STR(?s), "{BASE}/id/")) }} '
        "ORDER BY ?s")]
    step = max(1, len(subjects) // resources)
    for iri in subjects[::step][:resources]:
        expected = shapes(store.query(construct(iri)))
        path = path_for(iri)
        assert path is not None
        mix.append(Target("resource, Turtle", path, "text/turtle", expected))
        mix.append(Target("resource, HTML", path, "text/html", b""))
    return mix


def shapes(triples: Iterable[ox.Triple]) -> Counter[str]:
    """Triples as text with blank nodes anonymous (their labels differ between documents)."""
    def show(term: object) -> str:
        return "_:" if isinstance(term, ox.BlankNode) else str(term)

    return Counter(f"{show(t.subject)} {t.predicate} {show(t.object)}" for t in triples)


def fetch(conn: http.client.HTTPConnection, target: Target,
          address: str = "10.0.2.1") -> tuple[int, bytes]:
    """GET a target as the client at `address` (the trusted proxy header names it)."""
    conn.request("GET", target.path, headers={"Accept": target.accept,
                                              "Accept-Encoding": "gzip",
                                              "X-Forwarded-For": address})
    response = conn.getresponse()
    body = response.read()
    if response.getheader("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return response.status, body


class Checker:
    """Tells right answers from wrong ones; a body once verified is known by its hash."""

    def __init__(self) -> None:
        self.good: set[tuple[str, str]] = set()
        self.lock = threading.Lock()

    def right(self, target: Target, body: bytes) -> bool:
        key = (target.path + target.accept, hashlib.sha256(body).hexdigest())
        if key in self.good:
            return True
        if isinstance(target.check, Counter):
            got = shapes(t for t in ox.parse(body, format=ox.RdfFormat.TURTLE)
                         if str(t.predicate) != SEE_ALSO)
            ok = got == target.check
        else:
            ok = body == target.check
        if ok:
            with self.lock:
                self.good.add(key)
        return ok


def warm_up(host: str, port: int, mix: list[Target], checker: Checker) -> None:
    """One quiet pass: every answer must be right; HTML pages become their own reference."""
    conn = http.client.HTTPConnection(host, port, timeout=120)
    for target in mix:
        for _ in range(60):
            status, body = fetch(conn, target)
            if status == 200 and (target.kind != "resource, HTML"
                                  or b"is being produced" not in body):
                break
            time.sleep(0.5)
        assert status == 200, (target.path, status, body[:300])
        if target.kind == "resource, HTML":
            target.check = body
        assert checker.right(target, body), f"wrong answer before the load: {target.path}"
    conn.close()


def client(host: str, port: int, mix: list[Target], offset: int, until: float,
           checker: Checker, tally: Tally, lock: threading.Lock) -> None:
    conn = http.client.HTTPConnection(host, port, timeout=120)
    mine = Tally()
    i = offset
    while time.monotonic() < until:
        target = mix[i % len(mix)]
        i += 1
        began = time.perf_counter()
        try:
            status, body = fetch(conn, target, f"10.0.0.{offset % 250 + 1}")
        except (OSError, http.client.HTTPException):
            mine.errors += 1
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=120)
            continue
        mine.latencies.append(time.perf_counter() - began)
        mine.statuses[status] = mine.statuses.get(status, 0) + 1
        if status != 200:
            mine.errors += 1
        elif not checker.right(target, body):
            mine.wrong += 1
    conn.close()
    with lock:
        tally.latencies += mine.latencies
        tally.errors += mine.errors
        tally.wrong += mine.wrong
        for code, n in mine.statuses.items():
            tally.statuses[code] = tally.statuses.get(code, 0) + n


def runaway(host: str, port: int, until: float, statuses: dict[int, int]) -> None:
    """One client sending queries that only the time limit stops, one after another."""
    conn = http.client.HTTPConnection(host, port, timeout=120)
    n = 0
    while time.monotonic() < until:
        n += 1
        target = Target("runaway", "/sparql?" + urlencode({"query": RUNAWAY.format(n=n)}),
                        "application/sparql-results+json", b"")
        try:
            status, _ = fetch(conn, target, "10.0.1.1")
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=120)
        statuses[status] = statuses.get(status, 0) + 1
    conn.close()


def phase(host: str, port: int, mix: list[Target], clients: int, seconds: float,
          checker: Checker, with_runaway: bool) -> tuple[Tally, float, dict[int, int]]:
    tally, lock = Tally(), threading.Lock()
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(host, port, mix, k * 7, until, checker,
                                                     tally, lock)) for k in range(clients)]
    runaway_statuses: dict[int, int] = {}
    if with_runaway:
        threads.append(threading.Thread(target=runaway,
                                        args=(host, port, until, runaway_statuses)))
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads[:clients]:
        thread.join()
    elapsed = time.perf_counter() - began
    for thread in threads[clients:]:
        thread.join()  # the runaway query in flight runs on to the time limit
    return tally, elapsed, runaway_statuses


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--resources", type=int, default=40,
                        help="resource pages in the mix (each as Turtle and as HTML)")
    parser.add_argument("--env", action="append", default=[], metavar="KEY=VALUE",
                        help="extra settings for the server, e.g. LTC_QUERY_WORKERS=3")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    extra = dict(item.split("=", 1) for item in args.env)
    # Every client has its own address, named by X-Forwarded-For as a proxy in front would:
    # the per-client budgets and caps apply at their defaults, as in production.
    settings = {"LTC_BIND": f"127.0.0.1:{port}", "LTC_TRUST_PROXY": "1", **extra}
    mix = targets(base, args.resources)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    with tempfile.TemporaryDirectory() as tmp:
        server = Server("gunicorn", [str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py")],
                        f"{base}/sparql?query=ASK%7B%7D", env=settings, cwd=Path(tmp),
                        log=Path(tmp) / "server.log")
        server.start()
        try:
            checker = Checker()
            warm_up("127.0.0.1", port, mix, checker)
            quiet = phase("127.0.0.1", port, mix, args.clients, args.seconds, checker, False)
            loud = phase("127.0.0.1", port, mix, args.clients, args.seconds, checker, True)
        finally:
            server.stop()
    lines = report(args, mix, settings, quiet, loud)
    print("\n".join(lines))
    if args.write:
        replace_sections(ROOT / "bench" / "RESULTS.md", {"Load": "\n".join(lines)})


def report(args: argparse.Namespace, mix: list[Target], settings: dict[str, str],
           quiet: tuple[Tally, float, dict[int, int]],
           loud: tuple[Tally, float, dict[int, int]]) -> list[str]:
    kinds = {k: sum(t.kind == k for t in mix) for k in dict.fromkeys(t.kind for t in mix)}
    shown = ", ".join(f"{k}={v}" for k, v in settings.items() if k != "LTC_BIND")
    lines = [
        "Produced by `python bench/load.py --write`. "
        f"Date: {date.today().isoformat()}. Machine: {os.cpu_count()} cores, "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}; "
        "the load generator runs on the same cores as the server.",
        "",
        f"gunicorn with `gunicorn.conf.py` (settings: {shown or 'defaults'}); "
        f"{args.clients} clients, each its own address (`X-Forwarded-For`), so the per-client "
        "budgets and caps apply at their defaults (`docs/operations.md`, Guarantees), on "
        f"keep-alive connections for {args.seconds:g} s per run, "
        "cycling through " + ", ".join(f"{k} ({n})" for k, n in kinds.items())
        + ". Every answer is checked against one computed in-process.",
        "",
        "| run | requests | statuses | errors | wrong answers | throughput | p50 | p99 |",
        "|---|---:|---|---:|---:|---:|---:|---:|",
    ]
    for name, (tally, elapsed, _) in (("quiet", quiet), ("with one runaway client", loud)):
        lat = tally.latencies
        statuses = ", ".join(f"{n} x {code}" for code, n in sorted(tally.statuses.items()))
        lines.append(f"| {name} | {len(lat)} | {statuses} | {tally.errors} | {tally.wrong} | "
                     f"{len(lat) / elapsed:.0f} req/s | {1000 * statistics.median(lat):.1f} ms"
                     f" | {1000 * percentile(lat, 0.99):.1f} ms |")
    ratio = percentile(loud[0].latencies, 0.99) / percentile(quiet[0].latencies, 0.99)
    runaway = ", ".join(f"{n}x {code}" for code, n in sorted(loud[2].items()))
    lines += ["", f"The runaway client's queries (a four-way cross join, each new) ended as: "
              f"{runaway}. The other clients' p99 with it is {ratio:.2f}x the quiet run's "
              f"(goal: at most 2x)."]
    return lines


if __name__ == "__main__":
    main()
