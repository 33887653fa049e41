"""The `ltc-graph` command as a maintainer runs it: real processes, exit codes, outputs."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Namespace
from rdflib.compare import isomorphic

from ltc_graph.rdf.files import load, union

ROOT = Path(__file__).resolve().parents[1]
SH = Namespace("http://www.w3.org/ns/shacl#")
KNOWN_CONFLICTS = [
    "starts (2028) after it ends (2021)",
    "the source states 18 partner countries but lists 17",
    'printed as M6C1, but its wording "Innovation, research and digitisation',
    "its 5 networks are exactly those of cluster:mobility",
    "gives 794 members of the same category and year, above this figure's bound of 700",
]


def run(*args: str, cwd: Path = ROOT, seed: str = "0") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run(
        [sys.executable, "-m", "ltc_graph.cli", *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False,
    )


@pytest.fixture(scope="module")
def text_report() -> subprocess.CompletedProcess[str]:
    return run("validate")


@pytest.fixture(scope="module")
def json_report() -> dict:
    done = run("validate", "--format", "json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_validate_the_repository_exits_0_and_lists_the_source_conflicts_as_warnings(
    text_report: subprocess.CompletedProcess[str],
) -> None:
    assert text_report.returncode == 0, text_report.stdout + text_report.stderr
    warnings = [line for line in text_report.stdout.splitlines() if "  Warning " in line]
    for conflict in KNOWN_CONFLICTS:
        assert any(conflict in line for line in warnings), conflict
    assert re.search(r"^\d+ triples: 0 violations, \d+ warnings, \d+ infos: conforms$",
                     text_report.stdout, re.M)


def test_text_report_points_at_file_and_line(text_report: subprocess.CompletedProcess[str]) -> None:
    match = re.search(r"^project:autitec  \((data/brochure/living-environments\.trig):(\d+)\)$",
                      text_report.stdout, re.M)
    assert match, text_report.stdout
    line = (ROOT / match.group(1)).read_text(encoding="utf-8").splitlines()[int(match.group(2)) - 1]
    assert line.strip().startswith("project:autitec a ")


def test_strict_makes_warnings_fail() -> None:
    assert run("validate", "--strict").returncode == 1


def test_json_report_counts_match_its_results(json_report: dict) -> None:
    results = json_report["results"]
    assert json_report["conforms"] is True
    assert json_report["violations"] == 0
    assert json_report["warnings"] == sum(r["severity"] == "Warning" for r in results)
    assert json_report["warnings"] >= len(KNOWN_CONFLICTS)
    assert {"severity", "focus", "path", "value", "message", "shape", "file", "line"} <= set(
        results[0])


def test_turtle_report_is_a_shacl_validation_report(json_report: dict) -> None:
    done = run("validate", "--format", "turtle")
    assert done.returncode == 0
    report = Graph().parse(data=done.stdout, format="turtle")
    assert len(list(report.subjects(None, SH.ValidationReport))) == 1
    assert len(list(report.subjects(None, SH.ValidationResult))) == len(json_report["results"])


def test_a_broken_copy_fails_with_exit_1_and_the_shapes_message(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    afil = data / "brochure" / "afil.trig"
    afil.write_text(
        afil.read_text(encoding="utf-8").replace(
            "        foaf:homepage <http://www.afil.it/> ;\n", ""
        ),
        encoding="utf-8",
    )
    done = run("validate", str(data))
    assert done.returncode == 1
    assert re.search(r"^cluster:afil  \(.*afil\.trig:\d+\)$", done.stdout, re.M), done.stdout
    assert "Violation A cluster has exactly one website." in done.stdout


def test_syntax_error_is_one_line_with_file_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.trig"
    bad.write_text("@prefix ex: <http://example.org/> .\n<http://example.org/g> {\n"
                   "    ex:a ex:b ex:c ;\n        ex:d nope:e .\n}\n", encoding="utf-8")
    done = run("validate", str(bad))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1
    assert re.fullmatch(rf"ltc-graph: {re.escape(str(bad))}:4:14: syntax error: .*nope.*\n",
                        done.stderr), done.stderr


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["validate", "no/such/file.ttl"], "no such file or directory"),
        (["validate", "data/README.md"], "unknown RDF format"),
        (["validate", "--format", "xml"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_unusable_input_exits_2_with_a_one_line_reason(args: list[str], reason: str) -> None:
    done = run(*args)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and reason in done.stderr, done.stderr


def test_invalid_utf8_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.ttl"
    bad.write_bytes('<http://example.org/a> <http://example.org/b> "città" .\n'.encode("latin-1"))
    done = run("validate", str(bad))
    assert done.returncode == 2 and "not valid UTF-8" in done.stderr


@pytest.mark.parametrize("fmt", ["nt", "jsonld"])
def test_other_formats_validate_like_the_trig_files(tmp_path: Path, fmt: str, json_report: dict,
                                                    ) -> None:
    dump = tmp_path / f"all.{fmt}"
    assert run("export", "--format", fmt, "--output", str(dump)).returncode == 0
    done = run("validate", "--format", "json", str(dump))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert (report["violations"], report["warnings"]) == (0, json_report["warnings"])


def test_stats_counts_entities_per_class() -> None:
    done = run("stats", "--format", "json")
    assert done.returncode == 0
    stats = json.loads(done.stdout)
    assert stats["classes"]["ltc:Cluster"] == 9
    assert stats["classes"]["ltc:PNRRComponent"] == 16
    assert stats["classes"]["ltc:ClusterSystem"] == 1
    assert "g:afil" in stats["graphs"] and "g:pnrr" in stats["graphs"]
    text = run("stats").stdout
    assert re.search(r"^\s+9  ltc:Cluster$", text, re.M)


@pytest.mark.parametrize("fmt", ["ttl", "trig", "nq", "nt", "jsonld"])
def test_export_is_deterministic_and_complete(fmt: str, graph: Graph, tmp_path: Path) -> None:
    first, second = run("export", "--format", fmt), run("export", "--format", fmt, seed="42")
    assert first.returncode == 0
    assert first.stdout == second.stdout
    dump = tmp_path / f"dump.{fmt}"
    dump.write_text(first.stdout, encoding="utf-8")
    exported = union(load([dump]))
    assert len(exported) == len(graph)
    assert isomorphic(exported, graph)
