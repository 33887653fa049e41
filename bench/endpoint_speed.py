"""Endpoint speed, side by side: the server (Oxigraph in worker processes) against rdflib.

Runs in one go and prints medians and ratios as a Markdown table; `--write` puts them in
their own section of bench/RESULTS.md.

- start-up: `ltc-graph serve` from process start to its first answer, against rdflib parsing
  the same files and answering the same first query in-process;
- canned queries: each one at its URL over HTTP on loopback (all costs included, the answer
  cache off), against
  rdflib's own SPARQL engine running the same query, with the same parameters, in-process.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from datetime import date
from pathlib import Path

from rdflib import Dataset, Literal, URIRef
from rdflib.term import Node

from harness import replace_sections
from ltc_graph.namespaces import SPARQL_PREFIXES
from ltc_graph.queries.registry import NamedQuery, Registry
from ltc_graph.rdf.files import Layout
from timing import machine, median_time

ROOT = Path(__file__).resolve().parents[1]
FIRST = "ASK { ?s ?p ?o }"


def serve_until_first_answer() -> tuple[float, subprocess.Popen[str], str]:
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "ltc_graph.cli", "serve", "--port", "0"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               text=True, env={**os.environ, "LTC_RESULT_CACHE_BYTES": "0"})
    assert process.stdout is not None
    url = process.stdout.readline().rsplit(" ", 1)[1].strip()
    fetch(url, FIRST)
    return time.perf_counter() - start, process, url


def fetch(url: str, query: str) -> bytes:
    target = url + "?" + urllib.parse.urlencode({"query": query})
    with urllib.request.urlopen(target, timeout=60) as response:
        return response.read()


def rdflib_until_first_answer() -> tuple[float, Dataset]:
    start = time.perf_counter()
    layout = Layout.of(ROOT)
    dataset = Dataset(default_union=True)
    for path in [*layout.ontology, *layout.data]:
        dataset.parse(path, format="trig" if path.suffix == ".trig" else "turtle")
    dataset.query(FIRST)
    return time.perf_counter() - start, dataset


def rdflib_bindings(query: NamedQuery) -> dict[str, Node]:
    """The query's default parameters as rdflib terms, for rdflib's initBindings."""
    return {name: URIRef(value) if kind == "iri" else Literal(value, datatype=URIRef(extra))
            for name, (kind, value, extra) in query.bindings({})}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()

    starts, rdflib_starts = [], []
    process = None
    for _ in range(args.runs):
        if process is not None:
            process.terminate()
            process.wait()
        seconds, process, url = serve_until_first_answer()
        starts.append(seconds)
        rdflib_seconds, graph = rdflib_until_first_answer()
        rdflib_starts.append(rdflib_seconds)
    rows = [("serve: start to first answer", statistics.median(starts),
             "rdflib: parse and first answer", statistics.median(rdflib_starts))]
    for query in Registry(ROOT / "queries"):
        if any(p.required for p in query.params):
            continue
        canned = url.rsplit("/sparql", 1)[0] + f"/queries/{query.name}?format=json"
        ours = median_time(lambda c=canned: urllib.request.urlopen(c, timeout=60).read(), args.runs)
        theirs = median_time(lambda q=query: list(graph.query(
            SPARQL_PREFIXES + q.body, initBindings=rdflib_bindings(q))), args.runs)
        rows.append((f"`/queries/{query.name}` over HTTP", ours, "rdflib in-process", theirs))
    process.terminate()
    process.wait()
    lines = ["| endpoint | time | compared with | time | ratio |", "|---|---:|---|---:|---:|"]
    lines += [f"| {a} | {x * 1000:.0f} ms | {b} | {y * 1000:.0f} ms | {y / x:.1f}x |"
              for a, x, b, y in rows]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.write:
        replace_sections(ROOT / "bench" / "RESULTS.md", {"Endpoint": (
            f"Produced by `python bench/endpoint_speed.py --write` on {date.today()}. Machine: "
            f"{machine()}. Medians of {args.runs} runs; rdflib, in-process, is the baseline "
            "a project reaches for first; the server's answer cache is off "
            "(`LTC_RESULT_CACHE_BYTES=0`), so every answer is computed.\n\n" + report)})


if __name__ == "__main__":
    main()
