"""Validation speed, side by side: `ltc-graph validate` against plain pySHACL on the same data.

Runs in one go and prints medians and ratios as a Markdown table; `--write` also stores them
in bench/RESULTS.md with the machine and the date.

- whole command: `ltc-graph validate` as a user runs it (process start-up included);
- baseline: rdflib's parser and pySHACL evaluating every constraint itself (SPARQL
  constraints once per focus node), the straightforward way to validate with these libraries;
- parsing alone: Oxigraph's parser against rdflib's, over the same files.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from datetime import date
from pathlib import Path

from pyshacl import validate as pyshacl_validate
from rdflib import Dataset, Graph

from ltc_graph.dataset import Layout, load, union
from timing import machine, median_time

ROOT = Path(__file__).resolve().parents[1]


def command() -> None:
    subprocess.run([sys.executable, "-m", "ltc_graph.cli", "validate"], cwd=ROOT, check=True,
                   capture_output=True)


def rdflib_parse(layout: Layout) -> Graph:
    dataset = Dataset()
    for path in [*layout.ontology, *layout.data]:
        dataset.parse(path, format="trig" if path.suffix == ".trig" else "turtle")
    graph = Graph()
    for g in dataset.graphs():
        graph += g
    return graph


def baseline(layout: Layout) -> None:
    """Plain pySHACL must finish with a real report, or the comparison means nothing."""
    data = rdflib_parse(layout)
    shapes = Graph()
    for path in layout.shapes:
        shapes.parse(path, format="turtle")
    _, report, text = pyshacl_validate(data, shacl_graph=shapes, inference="none",
                                       advanced=True, allow_warnings=True)
    if not isinstance(report, Graph):
        raise SystemExit(f"plain pySHACL failed: {text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()

    layout = Layout.of(ROOT)
    files = [*layout.ontology, *layout.data]
    triples = len(union(load(files)))
    ours = median_time(command, args.runs)
    theirs = median_time(lambda: baseline(layout), 1)
    ox_parse = median_time(lambda: load(files), args.runs)
    rdflib_time = median_time(lambda: rdflib_parse(layout), args.runs)

    rows = [
        ("validate, whole command (start-up included)", ours, "plain pySHACL, in-process",
         theirs),
        ("parse all files with Oxigraph", ox_parse, "parse all files with rdflib", rdflib_time),
    ]
    lines = [
        f"Date: {date.today().isoformat()}. Machine: {machine()}.",
        f"Data: {triples} triples in {len(files)} files; medians of {args.runs} runs "
        "(the plain pySHACL baseline runs once).",
        "",
        "| ltc-graph | time | compared with | time | ratio |",
        "|---|---:|---|---:|---:|",
    ]
    lines += [f"| {a} | {x:.2f} s | {b} | {y:.2f} s | {y / x:.1f}x |" for a, x, b, y in rows]
    report = "\n".join(lines) + "\n"
    print(report)
    if args.write:
        results = ROOT / "bench" / "RESULTS.md"
        rest = ""
        if results.is_file() and "\n## Endpoint" in (old := results.read_text(encoding="utf-8")):
            rest = "\n## Endpoint" + old.split("\n## Endpoint", 1)[1]
        results.write_text(
            "# Benchmark results\n\nProduced by `python bench/validate_speed.py --write`.\n\n"
            + report + rest, encoding="utf-8")


if __name__ == "__main__":
    main()
