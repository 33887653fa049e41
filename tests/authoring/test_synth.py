"""`ltc-graph synth`: the synthetic graph is deterministic, grows linearly with the scale and
validates exactly as its list of injected defects says."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib.compare import isomorphic

from ltc_graph.authoring import synth
from ltc_graph.cli import main
from ltc_graph.namespaces import shorten
from ltc_graph.rdf.files import load

ROOT = Path(__file__).resolve().parents[2]


def synth_cli(*args: str) -> str:
    """Run `ltc-graph synth` in-process; its summary line."""
    out = io.StringIO()
    assert main(["synth", *args], out=out) == 0
    return out.getvalue()


def validate(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ltc_graph.cli", "validate", "--format", "json", str(path)],
        cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": "0"}, capture_output=True, text=True,
        timeout=120, check=False,
    )


def count_quads(path: Path) -> int:
    fmt = ox.RdfFormat.N_QUADS if path.suffix == ".nq" else ox.RdfFormat.TRIG
    return sum(1 for _ in ox.parse(path=str(path), format=fmt))


class _Null(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)


def test_the_same_seed_and_scale_give_the_same_bytes_and_another_seed_does_not(
    tmp_path: Path,
) -> None:
    for name, seed in (("a", "7"), ("b", "7"), ("c", "8")):
        synth_cli("--scale", "2", "--seed", seed, "--out", str(tmp_path / f"{name}.trig"))
    a, b, c = ((tmp_path / f"{n}.trig").read_bytes() for n in "abc")
    assert a == b
    assert a != c
    manifest = [(tmp_path / f"{n}.trig.defects.json").read_bytes() for n in "ab"]
    assert manifest[0] == manifest[1]


def test_the_summary_counts_the_quads_and_both_syntaxes_hold_the_same_dataset(
    tmp_path: Path,
) -> None:
    trig, nq = tmp_path / "s.trig", tmp_path / "s.nq"
    said = synth_cli("--scale", "1", "--out", str(trig))
    assert said == synth_cli("--scale", "1", "--out", str(nq)).replace(str(nq), str(trig))
    quads = count_quads(trig)
    # the real vocabularies' graphs, the excerpt of the sources describing them, the
    # synthetic sources and shared pages, and a graph per cluster
    vocabularies = {q.graph_name for path in (ROOT / "data" / "vocab").glob("*.trig")
                    for q in ox.parse(path=str(path), format=ox.RdfFormat.TRIG)}
    expected = len(vocabularies) + 1 + 2 + 9
    assert said == (f"{trig}: {quads} quads in {expected} graphs, 9 clusters, "
                    "2 injected defects\n")
    assert count_quads(nq) == quads
    graphs = [{g.identifier: g for g in load([p]).graphs() if len(g)} for p in (trig, nq)]
    assert graphs[0].keys() == graphs[1].keys()
    assert len(graphs[0]) == expected
    assert all(isomorphic(graphs[0][name], graphs[1][name]) for name in graphs[0])


def test_quads_grow_linearly_with_the_scale_and_the_documented_sizes_hold() -> None:
    quads = {scale: synth.generate(_Null(), scale).quads for scale in (1, 2, 4, 8, 16, 34)}
    per_scale = [(quads[s] - synth.FIXED_QUADS) / s for s in quads]
    assert all(0.8 < n / synth.QUADS_PER_SCALE < 1.2 for n in per_scale), per_scale
    assert 1.8 < quads[16] / quads[8] < 2.2
    assert synth.scale_for(10_000) == synth.SIZES[10_000]
    assert abs(quads[synth.SIZES[100_000]] - 100_000) < 2_000
    assert synth.scale_for(2_000_000) == round((2_000_000 - synth.FIXED_QUADS)
                                               / synth.QUADS_PER_SCALE)
    assert synth.scale_for(10) == 1


def test_without_defects_the_graph_conforms(tmp_path: Path) -> None:
    path = tmp_path / "clean.trig"
    assert "0 injected defects" in synth_cli("--scale", "1", "--no-defects", "--out", str(path))
    assert json.loads((tmp_path / "clean.trig.defects.json").read_text()) == []
    done = validate(path)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr
    report = json.loads(done.stdout)
    assert (report["violations"], report["warnings"]) == (0, 0)


def test_the_report_names_exactly_the_injected_defects(tmp_path: Path) -> None:
    path = tmp_path / "defects.nq"
    synth_cli("--scale", "4", "--seed", "3", "--out", str(path))
    listed = json.loads((tmp_path / "defects.nq.defects.json").read_text())
    assert {d["reason"] for d in listed} == {reason for _, reason in synth._DEFECTS}
    done = validate(path)
    assert done.returncode == 1, done.stderr
    results = json.loads(done.stdout)["results"]
    reported = {r["focus"] for r in results if r["severity"] == "Violation"}
    assert reported == {shorten(d["focus"]) for d in listed}
    assert not [r for r in results if r["severity"] == "Warning"]


@pytest.mark.parametrize(("args", "message"), [
    (["--scale", "0", "--out", "{tmp}/x.trig"], "ltc-graph: --scale must be at least 1, not 0"),
    (["--scale", "1", "--out", "{tmp}/missing/x.trig"],
     "ltc-graph: {tmp}/missing/x.trig: No such file or directory"),
    (["--scale", "1", "--out", "{tmp}/x.ttl"],
     "ltc-graph: {tmp}/x.ttl: the output must end with .trig or .nq"),
])
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str,
) -> None:
    argv = ["synth", *(a.format(tmp=tmp_path) for a in args)]
    assert main(argv, out=io.StringIO()) == 2
    assert capsys.readouterr().err == message.format(tmp=tmp_path) + "\n"
    assert not (tmp_path / "x.trig").exists()
