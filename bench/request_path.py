"""The request path, side by side with a minimal endpoint and Oxigraph's own server.

What the safety layers of `/sparql` (strict decoding, the checks, the hop to a killable query
worker, limits, budgets, metrics, the log) cost is measured against two servers on the same
data, started together and loaded in turn within the same minute:

- ours: `gunicorn -c gunicorn.conf.py` as shipped, with the answer cache off
  (LTC_RESULT_CACHE_BYTES=0) and loopback budgets off (the load comes from one address), on
  the memory store and on the on-disk store built by `ltc-graph load`; and once with the
  cache on, asked the same ASK again and again (a cached answer);
- minimal: bench/minimal_endpoint.py under gunicorn (gthread, 8 threads), which only runs the
  query on an in-memory store holding the same default graph and writes Oxigraph's JSON;
- oxigraph: `oxigraph serve-read-only` on the on-disk store's directory (its default graph is
  the union the others answer from).

Every request carries a different query text (wrk with a Lua counter, bench/wrk.py), at 1
and 8 clients, on the real data and on a synthetic graph of about a million triples
(`ltc-graph synth`). Each cell is run `--rounds` times, the servers' order rotating, and the
median kept; the load average is recorded with every cell, and a round whose load moved by
more than `--load-swing` is run again. `--write` puts the tables and the targets in their
own section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from harness import Server, descendants, free_port, get, replace_sections, repository
from ltc_graph.namespaces import prologue
from ltc_graph.store import INFO_FILE
from ltc_graph.store.local import open_directory
from timing import machine
from wrk import PLACEHOLDER, Run, available, wrk

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SIZES = {"real": 0, "1m": 1_000_000}
CLIENTS = (1, 8)
TITLE = "Request path against a minimal endpoint and oxigraph"
N = PLACEHOLDER
P = prologue("ltc", "rdfs", "schema") + "\n"


@dataclass(frozen=True)
class Shape:
    name: str
    title: str
    text: str  # with __N__ where each request's number goes


SHAPES = (
    Shape("ask", "`ASK { FILTER(n > 0) }`", f"ASK {{ FILTER({N} > 0) }}"),
    Shape("labels", "clusters and labels",
          P + "SELECT ?cluster ?label WHERE {\n  ?cluster a ltc:Cluster ; rdfs:label ?label .\n"
          f"  FILTER({N} > 0)\n}}\nORDER BY ?cluster ?label\n"),
    Shape("aggregate", "members per cluster (aggregate)",
          P + "SELECT ?cluster (SUM(?value) AS ?members) (COUNT(?count) AS ?counts) WHERE {\n"
          "  ?count ltc:countOf ?cluster ; schema:value ?value .\n  ?cluster a ltc:Cluster .\n"
          f"  FILTER({N} > 0)\n}}\nGROUP BY ?cluster\nORDER BY ?cluster\n"),
    Shape("join", "2-hop join grouped by predicate",
          f"SELECT ?p (COUNT(*) AS ?n) WHERE {{\n  ?s ?p ?o . ?o ?q ?r .\n  FILTER({N} > 0)\n}}\n"
          "GROUP BY ?p\nORDER BY DESC(?n) ?p\n"),
)
# Left out at a size, with the reason the report prints: a million triples make the 2-hop join
# an engine benchmark (every server, Oxigraph's own included, took over 12 s per answer, so no
# rate could be measured), no longer a measure of the request path.
LEFT_OUT = {("1m", "join"): "every server takes more than 12 s to answer it at this size (ours "
            "stops it at its time limit), so it measures the engine, not the request path"}
OURS = ("ours, memory", "ours, on-disk")
PEERS = ("minimal", "oxigraph")
CACHED = "ours, cached"
CACHED_ASK = "ASK { FILTER(1 > 0) }"


# --- data ----------------------------------------------------------------------------------

@dataclass
class Data:
    label: str
    root: Path  # a repository: ontology/, data/, shapes/, queries/
    store: Path  # built by `ltc-graph load --into`
    triples: Path  # the default graph as N-Triples, for the minimal endpoint
    size: int  # triples in the default graph


def prepare(label: str, tmp: Path) -> Data:
    root = repository(ROOT, SIZES[label], tmp / label)
    store = tmp / f"{label}.store"
    subprocess.run([str(BIN / "ltc-graph"), "load", "--into", str(store)], check=True,
                   env={**os.environ, "LTC_HOME": str(root)}, stdout=subprocess.DEVNULL)
    triples = tmp / f"{label}.nt"
    opened = open_directory(store)
    opened.store.dump(output=str(triples), format=ox.RdfFormat.N_TRIPLES,
                      from_graph=ox.DefaultGraph())
    del opened
    size = json.loads((store / INFO_FILE).read_text(encoding="utf-8"))["default_size"]
    return Data(label, root, store, triples, size)


# --- servers -------------------------------------------------------------------------------

@dataclass
class Contender:
    server: Server
    path: str  # where a query goes: /sparql or /query

    def url(self, text: str) -> str:
        port = self.server.probe.split("/")[2]
        return f"http://{port}{self.path}?query=" + quote(text, safe="_")


def contenders(data: Data, log: Path, timeout: float) -> dict[str, Contender]:
    found: dict[str, Contender] = {}
    ours = ((OURS[0], "memory", "0"), (OURS[1], str(data.store), "0"),
            (CACHED, str(data.store), None))
    for name, store, cache in ours:
        port = free_port()
        settings = {"LTC_STORE": store, "LTC_HOME": str(data.root),
                    "LTC_BIND": f"127.0.0.1:{port}", "LTC_BUDGET_LOOPBACK": "false",
                    "LTC_QUERY_TIMEOUT": str(timeout)}
        if cache is not None:
            settings["LTC_RESULT_CACHE_BYTES"] = cache
        found[name] = Contender(Server(
            name, [str(BIN / "gunicorn"), "-c", str(ROOT / "gunicorn.conf.py")],
            f"http://127.0.0.1:{port}/sparql?query=" + quote("ASK {}"), settings, ROOT, log),
            "/sparql")
    port = free_port()
    found["minimal"] = Contender(Server(
        "minimal", [str(BIN / "gunicorn"), "-k", "gthread", "--threads", "8", "-w", "1",
                    "--timeout", str(int(timeout) + 30), "-b", f"127.0.0.1:{port}",
                    "--chdir", str(ROOT / "bench"), "minimal_endpoint:create_app()"],
        f"http://127.0.0.1:{port}/sparql?query=" + quote("ASK {}"),
        {"MINIMAL_DATA": str(data.triples)}, ROOT, log), "/sparql")
    port = free_port()
    found["oxigraph"] = Contender(Server(
        # no --timeout-s: with it, oxigraph 0.5.13 fails every request at 8 clients (EAGAIN)
        "oxigraph", [str(BIN / "oxigraph"), "serve-read-only", "--location", str(data.store),
                     "--bind", f"127.0.0.1:{port}"],
        f"http://127.0.0.1:{port}/query?query=" + quote("ASK {}"), log=log), "/query")
    return found


def cpu_seconds(pid: int) -> float:
    total = 0.0
    for member in descendants(pid):
        try:
            fields = Path(f"/proc/{member}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def settle(servers: dict[str, Contender], limit: float = 600) -> None:
    """Wait until no server's processes use CPU any more: every query worker has opened
    its store (a memory store parses its files in each)."""
    deadline = time.monotonic() + limit
    before = sum(cpu_seconds(c.server.pid) for c in servers.values())
    while time.monotonic() < deadline:
        time.sleep(1)
        now = sum(cpu_seconds(c.server.pid) for c in servers.values())
        if now - before < 0.05:
            return
        before = now


# --- measurement ---------------------------------------------------------------------------

@dataclass
class Cell:
    runs: list[Run] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)  # 1-minute load average at each run

    @property
    def rps(self) -> float:
        return statistics.median(r.rps for r in self.runs)

    @property
    def p50(self) -> float:
        return statistics.median(r.p50 for r in self.runs)

    @property
    def failed(self) -> int:
        return sum(r.failed for r in self.runs)


@dataclass
class Results:
    data: Data
    cells: dict[tuple[str, int, str], Cell] = field(default_factory=dict)  # shape, clients, server
    seconds: dict[str, float] = field(default_factory=dict)  # shape -> seconds a cell ran
    disagree: list[str] = field(default_factory=list)
    repeated: int = 0


def answers_agree(servers: dict[str, Contender], shape: Shape) -> str | None:
    """Each server's answer to the shape's first query, as sets of rows: None when all agree."""
    seen = {}
    for name, contender in servers.items():
        if name == CACHED:
            continue
        status, body, _ = get(contender.url(shape.text.replace(N, "1")))
        if status != 200:
            return f"{name} answered {status}: {body[:200]!r}"
        answer = json.loads(body)
        if "boolean" in answer:
            seen[name] = answer["boolean"]
        else:
            seen[name] = sorted(json.dumps({k: v["value"] for k, v in row.items()},
                                           sort_keys=True)
                                for row in answer["results"]["bindings"])
    first = next(iter(seen.values()))
    if any(v != first for v in seen.values()):
        return f"{shape.name}: the servers' answers differ ({', '.join(seen)})"
    return None


def single(contender: Contender, text: str) -> float:
    began = time.perf_counter()
    status, _, _ = get(contender.url(text))
    assert status == 200, status
    return time.perf_counter() - began


def shapes_for(label: str) -> list[Shape]:
    return [shape for shape in SHAPES if (label, shape.name) not in LEFT_OUT]


def measure(servers: dict[str, Contender], data: Data, args: argparse.Namespace) -> Results:
    result = Results(data)
    order = [*OURS, *PEERS]
    counter = 1_000
    for shape in shapes_for(data.label):
        if problem := answers_agree(servers, shape):
            result.disagree.append(problem)
            print(f"warning: {problem}", file=sys.stderr)
        slowest = max(single(servers[s], shape.text.replace(N, str(i)))
                      for i, s in enumerate(order, 2))
        seconds = result.seconds[shape.name] = min(max(args.seconds, 10 * slowest), 12.0)
        for clients in CLIENTS:
            for round_ in range(args.rounds):
                for attempt in range(3):
                    load_before = os.getloadavg()[0]
                    runs = {}
                    for name in rotate(order, round_):
                        runs[name] = wrk(servers[name].url(shape.text), clients, seconds,
                                         first=counter)
                        counter += 1_000_000
                    load_after = os.getloadavg()[0]
                    if abs(load_after - load_before) <= args.load_swing or attempt == 2:
                        break
                    result.repeated += 1
                    print(f"  load moved {load_before:.1f} -> {load_after:.1f}: again",
                          file=sys.stderr)
                for name, run in runs.items():
                    cell = result.cells.setdefault((shape.name, clients, name), Cell())
                    cell.runs.append(run)
                    cell.loads.append((load_before + load_after) / 2)
                print(f"  {data.label} {shape.name} c{clients} r{round_}: "
                      + "; ".join(f"{n} {r.rps:,.0f}" for n, r in runs.items())
                      + f" (load {load_before:.1f}-{load_after:.1f})", file=sys.stderr)
            if shape.name == "ask":
                for round_ in range(args.rounds):
                    load = os.getloadavg()[0]
                    pair = {}
                    for name in rotate([CACHED, "minimal"], round_):
                        text = CACHED_ASK if name == CACHED else shape.text
                        pair[name] = wrk(servers[name].url(text), clients, args.seconds,
                                         first=counter)
                        counter += 1_000_000
                    for name, run in pair.items():
                        key = ("cached-ask" if name == CACHED else "ask-again", clients, name)
                        cell = result.cells.setdefault(key, Cell())
                        cell.runs.append(run)
                        cell.loads.append(load)
    return result


def rotate(items: list[str], k: int) -> list[str]:
    k %= len(items)
    return items[k:] + items[:k]


# --- report --------------------------------------------------------------------------------

def rate(rps: float) -> str:
    return f"{rps:,.0f}" if rps >= 10 else f"{rps:.2f}"


def table(result: Results) -> str:
    lines = ["| query | clients | ours, memory | ours, on-disk | minimal | oxigraph | "
             "memory / minimal | on-disk / minimal | memory / oxigraph | on-disk / oxigraph | "
             "load |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for shape in shapes_for(result.data.label):
        for clients in CLIENTS:
            cells = {s: result.cells[shape.name, clients, s] for s in (*OURS, *PEERS)}
            rps = {s: c.rps for s, c in cells.items()}
            loads = [x for c in cells.values() for x in c.loads]
            lines.append(
                f"| {shape.title} | {clients} | "
                + " | ".join(rate(rps[s]) for s in (*OURS, *PEERS)) + " | "
                + " | ".join(f"{rps[o] / rps[p]:.2f}" for p in PEERS for o in OURS) + " | "
                + f"{min(loads):.1f}-{max(loads):.1f} |")
    for clients in CLIENTS:
        cached = result.cells["cached-ask", clients, CACHED]
        minimal = result.cells["ask-again", clients, "minimal"]
        lines.append(f"| ours, cached: the same ASK again; minimal: ASK, each new | {clients} | "
                     f"{rate(cached.rps)} (cached) | | {rate(minimal.rps)} | | "
                     f"{cached.rps / minimal.rps:.2f} | | | | "
                     f"{min(cached.loads):.1f}-{max(cached.loads):.1f} |")
    return "\n".join(lines)


@dataclass
class Target:
    what: str
    ratio: float
    bound: float

    @property
    def met(self) -> bool:
        return self.ratio >= self.bound

    @property
    def why(self) -> str:
        """Why a target like this one is missed, as measured (docs/performance.md)."""
        if self.met:
            return ""
        if "on-disk / oxigraph" in self.what:
            return ("the same store; the Python request path and answer writing on a query of "
                    "100 ms or more, not profiled further")
        if self.what.startswith("1m, ") and ("labels" in self.what or "aggregate" in self.what):
            return ("thousands of rows, written row by row in Python so that the row and byte "
                    "caps hold; the minimal endpoint hands them to Oxigraph's writer uncapped")
        return ("the hop to a query worker that the time limit can kill, about 50-80 us per "
                "request, as long as the minimal endpoint's whole work; kept as a guarantee")


def targets(results: list[Results]) -> list[Target]:
    found = []
    for result in results:
        label = result.data.label
        for shape in shapes_for(label):
            for clients in CLIENTS:
                c = {s: result.cells[shape.name, clients, s].rps for s in (*OURS, *PEERS)}
                found.append(Target(f"{label}, {shape.title}, {clients} client(s): "
                                    "ours (memory) / minimal", c[OURS[0]] / c["minimal"], 0.8))
                if shape.name == "join":
                    found += [Target(f"{label}, {shape.title}, {clients} client(s): "
                                     f"{o} / oxigraph", c[o] / c["oxigraph"], 1.0) for o in OURS]
        for clients in CLIENTS:
            cached = result.cells["cached-ask", clients, CACHED].rps
            minimal = result.cells["ask-again", clients, "minimal"].rps
            found.append(Target(f"{label}, {clients} client(s): a cached answer / the minimal "
                                "endpoint's ASK", cached / minimal, 1.0))
    return found


def versions() -> str:
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True
                                 ).stdout.split(" [", 1)[0]
    names = ("pyoxigraph", "oxigraph", "Flask", "gunicorn")
    return ", ".join(f"{n} {importlib.metadata.version(n)}" for n in names) + f", {wrk_version}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="real,1m", help="comma-separated: real, 1m")
    parser.add_argument("--seconds", type=float, default=2.0, help="wrk seconds per cell "
                        "(slow queries get longer: ten times one request, up to 12 s)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each cell")
    parser.add_argument("--load-swing", type=float, default=1.5,
                        help="a round whose 1-minute load average moved more is run again")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="the servers' query time limit, seconds")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()
    sizes = args.sizes.split(",")
    if unknown := [s for s in sizes if s not in SIZES]:
        parser.error(f"unknown size {unknown[0]!r}; choose from {', '.join(SIZES)}")
    if not available():
        raise SystemExit("`wrk` is not installed: on Debian or Ubuntu, apt-get install -y wrk")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on the way out
    began = time.perf_counter()
    loads = [os.getloadavg()]
    results = []
    with tempfile.TemporaryDirectory(prefix="ltc-request-path-") as name:
        tmp = Path(name)
        for label in sizes:
            data = prepare(label, tmp)
            print(f"[{time.perf_counter() - began:5.0f} s] {label}: {data.size:,} triples",
                  file=sys.stderr)
            servers = contenders(data, tmp / "servers.log", args.timeout)
            try:
                for contender in servers.values():
                    contender.server.start()
                settle(servers)
                results.append(measure(servers, data, args))
            finally:
                for contender in servers.values():
                    contender.server.stop()
            loads.append(os.getloadavg())
    elapsed = time.perf_counter() - began
    found = targets(results)
    header = (f"Produced by `python bench/request_path.py --write` on "
              f"{date.today().isoformat()}, in {elapsed / 60:.1f} min. Machine: {machine()}; "
              f"load average (1 min) {loads[0][0]:.1f} at the start and {loads[-1][0]:.1f} at "
              f"the end (other work shares the machine). Versions: {versions()}.\n\n"
              "Requests per second, the median of "
              f"{args.rounds} runs of {args.seconds:g} s or more (slow queries: ten times one "
              "request, up to 12 s), each request a new query text; the servers were loaded "
              "in turn, their order rotating, in the same minute; `load` is the 1-minute "
              "load average over the row's runs.")
    body = [header]
    for result in results:
        body.append(f"### {result.data.label} ({result.data.size:,} triples in the default "
                    "graph)\n\n" + table(result))
        body += [f"Left out: {shape.title}: {why}." for (label, name), why in LEFT_OUT.items()
                 for shape in SHAPES if label == result.data.label and name == shape.name]
        if result.disagree:
            body.append("Answers differed: " + "; ".join(result.disagree))
    body.append("### Targets\n\n| target | ratio | bound | result |\n|---|---:|---:|---|\n"
                + "\n".join(f"| {t.what} | {t.ratio:.2f} | {t.bound:g} | "
                            f"{'met' if t.met else 'missed: ' + t.why} |" for t in found))
    text = "\n\n".join(body)
    print(f"## {TITLE}\n\n{text}\n")
    if args.write:
        replace_sections(ROOT / "bench" / "RESULTS.md", {TITLE: text})


if __name__ == "__main__":
    main()
