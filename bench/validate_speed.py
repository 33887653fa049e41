"""Validation speed: the compiled SHACL engine against pySHACL, on the real data and at scale.

Runs in one go and prints Markdown tables; `--write` replaces the "## Validation at scale"
section of bench/RESULTS.md and leaves every other section as it is.

- real data: `ltc-graph validate` as a user runs it (process start-up included), with each
  engine, and plain pySHACL (rdflib's parser, every constraint on pySHACL, SPARQL ones once
  per focus node) once, the straightforward way to validate with these libraries;
- at scale: graphs written by `ltc-graph synth` (10k, 100k, 1M quads by default). For each:
  loading into Oxigraph; the core constraints on the compiled engine and on pySHACL (two
  processes, as the command line runs it; only up to --pyshacl-max triples, since it costs
  about 75 us per triple); the SHACL-SPARQL constraints both engines share (up to
  --sparql-max: some of the shapes' queries grow faster than the graph); the file/line index
  for the results; and the whole command (up to --command-max). LTC_HOME chooses the shapes,
  as it does for the command.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pyoxigraph import NamedNode
from pyshacl import validate as pyshacl_validate
from rdflib import Dataset, Graph

from ltc_graph.authoring import synth
from ltc_graph.rdf.files import Layout, load, union
from ltc_graph.validation import pyshacl_engine as core_shacl
from ltc_graph.validation import sparql_constraints
from ltc_graph.validation.compiled.engine import Engine, Found
from ltc_graph.validation.compiled.model import compile_shapes
from ltc_graph.validation.data import ValidationData
from ltc_graph.validation.locations import LocationIndex
from timing import machine, median_time

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## Validation at scale"


def command(paths: list[Path], engine: str) -> None:
    subprocess.run([sys.executable, "-m", "ltc_graph.cli", "validate", "--engine", engine,
                    *map(str, paths)], cwd=ROOT, check=False, capture_output=True)


def plain_pyshacl(layout: Layout) -> None:
    """Plain pySHACL must finish with a real report, or the comparison means nothing."""
    dataset = Dataset()
    for path in [*layout.ontology, *layout.data]:
        dataset.parse(path, format="trig" if path.suffix == ".trig" else "turtle")
    data = Graph()
    for g in dataset.graphs():
        data += g
    shapes = Graph()
    for path in layout.shapes:
        shapes.parse(path, format="turtle")
    _, report, text = pyshacl_validate(data, shacl_graph=shapes, inference="none",
                                       advanced=True, allow_warnings=True)
    if not isinstance(report, Graph):
        raise SystemExit(f"plain pySHACL failed: {text}")


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def count(found: list[Found]) -> int:
    """Results with the ones nested under sh:detail, as the report counts them."""
    return sum(1 + count(list(f.details)) for f in found)


def at_scale(files: list[Path], shapes: Graph, limits: argparse.Namespace) -> dict[str, object]:
    """One row: every time in seconds, None where it was not measured."""
    core = sparql_constraints.without_sparql(shapes)
    load_s, data = timed(lambda: ValidationData.from_files(files))
    assert isinstance(data, ValidationData)
    triples = len(data)
    compiled_s, found = timed(lambda: Engine(data).run(compile_shapes(core)))
    assert isinstance(found, list)
    row: dict[str, object] = {"triples": triples, "load": load_s, "compiled": compiled_s,
                              "results": count(found), "pyshacl": None, "sparql": None,
                              "index": None, "command": None, "command_pyshacl": None}
    subjects = {f.focus.value for f in found if isinstance(f.focus, NamedNode)}
    row["index"], _ = timed(lambda: _locate(files, subjects))
    if triples <= limits.sparql_max:
        row["sparql"], _ = timed(lambda: sparql_constraints.evaluate(shapes, data.store))
    if triples <= limits.pyshacl_max:
        graph = union(load(files))
        row["pyshacl"], report = timed(lambda: core_shacl.check(graph, core, jobs=2))
        assert isinstance(report, Graph)
        expected = len(list(report.subjects(None, core_shacl.SH.ValidationResult)))
        if expected != row["results"]:
            raise SystemExit(f"the engines disagree: pySHACL {expected} results, "
                             f"compiled {row['results']}")
    if triples <= limits.command_max:
        row["command"] = median_time(lambda: command(files, "compiled"), 1)
    if triples <= limits.command_pyshacl_max:
        row["command_pyshacl"] = median_time(lambda: command(files, "pyshacl"), 1)
    return row


def _locate(files: list[Path], subjects: set[str]) -> None:
    index = LocationIndex(files, relative_to=ROOT)
    index.want(subjects)
    for subject in subjects:
        index.find(subject)


def seconds(value: object) -> str:
    return f"{value:.2f} s" if isinstance(value, float) else "-"


def ratio(slow: object, fast: object) -> str:
    ok = isinstance(slow, float) and isinstance(fast, float) and fast > 0
    return f"{slow / fast:.0f}x" if ok else "-"  # type: ignore[operator]


def scale_table(rows: list[tuple[str, dict[str, object]]]) -> list[str]:
    lines = [
        "| graph | triples | load (Oxigraph) | core: compiled | core: pySHACL | ratio "
        "| SHACL-SPARQL | file/line index | command, compiled | command, pySHACL |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, r in rows:
        lines.append(
            f"| {name} | {r['triples']:,} | {seconds(r['load'])} | {seconds(r['compiled'])} "
            f"| {seconds(r['pyshacl'])} | {ratio(r['pyshacl'], r['compiled'])} "
            f"| {seconds(r['sparql'])} | {seconds(r['index'])} | {seconds(r['command'])} "
            f"| {seconds(r['command_pyshacl'])} |")
    return lines


def write_section(text: str) -> None:
    """Replace this script's section of RESULTS.md (or add it at the end); keep the rest."""
    results = ROOT / "bench" / "RESULTS.md"
    old = results.read_text(encoding="utf-8") if results.is_file() else "# Benchmark results\n"
    pattern = re.compile(rf"^{re.escape(SECTION)}\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(old):
        new = pattern.sub(lambda _: text.rstrip("\n") + "\n\n", old, count=1)
    else:
        new = old.rstrip("\n") + "\n\n" + text
    results.write_text(new, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs on the real data")
    parser.add_argument("--sizes", default="10000,100000,1000000",
                        help="synthetic sizes in quads, comma-separated")
    parser.add_argument("--pyshacl-max", type=int, default=120_000)
    parser.add_argument("--sparql-max", type=int, default=2_000_000)
    parser.add_argument("--command-max", type=int, default=2_000_000)
    parser.add_argument("--command-pyshacl-max", type=int, default=20_000)
    parser.add_argument("--plain", action=argparse.BooleanOptionalAction, default=True,
                        help="run plain pySHACL on the real data (150-260 s)")
    parser.add_argument("--write", action="store_true", help="update bench/RESULTS.md")
    args = parser.parse_args()

    load_before = os.getloadavg()[0]
    layout = Layout.of()
    shapes = union(load(layout.shapes))
    files = [*layout.ontology, *layout.data]
    real = {
        "compiled": median_time(lambda: command([], "compiled"), args.runs),
        "pyshacl": median_time(lambda: command([], "pyshacl"), args.runs),
        "plain": median_time(lambda: plain_pyshacl(layout), 1) if args.plain else None,
    }
    real_row = at_scale(files, shapes, argparse.Namespace(
        pyshacl_max=10**9, sparql_max=10**9, command_max=0, command_pyshacl_max=0))
    real_row["command"], real_row["command_pyshacl"] = real["compiled"], real["pyshacl"]
    rows = [("real data", real_row)]
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",") if s):
            path = Path(tmp) / f"synth-{size}.trig"
            synth.write(path, scale=synth.SIZES.get(size) or synth.scale_for(size))
            rows.append((f"synth {size:,}", at_scale([*layout.ontology, path], shapes, args)))
            print(f"{size}: {rows[-1][1]}", file=sys.stderr, flush=True)

    lines = [
        SECTION, "",
        "Produced by `python bench/validate_speed.py --write`.", "",
        f"Date: {date.today().isoformat()}. Machine: {machine()}; load average "
        f"{load_before:.1f} at the start and {os.getloadavg()[0]:.1f} at the end (other "
        "work ran on the machine: times vary by up to two times between runs).",
        f"Real data: `ltc-graph validate`, medians of {args.runs} runs: "
        f"{real['compiled']:.2f} s with the compiled engine, {real['pyshacl']:.2f} s with "
        f"pySHACL for the core constraints; plain pySHACL (one run): {seconds(real['plain'])}.",
        "Synthetic graphs from `ltc-graph synth` (one run each). Core: the constraints "
        "pySHACL or the compiled engine checks, on data already loaded (pySHACL on two "
        "processes, rdflib graph ready). SHACL-SPARQL: the shapes' SPARQL constraints, "
        "shared by both engines. Command: `ltc-graph validate FILE` with each engine, "
        "start-up and report included (on the command line the SHACL-SPARQL constraints run "
        "on a second thread beside the core ones). File/line index: finding the block of "
        "every result's subject. \"-\": not measured.",
        "",
        *scale_table(rows),
        "",
    ]
    report = "\n".join(lines)
    print(report)
    if args.write:
        write_section(report)


if __name__ == "__main__":
    main()
