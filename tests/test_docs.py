"""The README matches what a new user types and sees."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Dataset

from ltc_graph.cli import build_parser
from ltc_graph.namespaces import ONTOLOGY_GRAPH
from ltc_graph.publish.diagram import mermaid

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_diagram_is_generated_from_the_current_ontology(dataset: Dataset) -> None:
    shown = re.search(r"<!-- diagram:start -->\n```mermaid\n(.*?)```\n<!-- diagram:end -->",
                      README, re.S)
    assert shown, "README has no diagram block"
    assert shown.group(1) == mermaid(dataset.graph(ONTOLOGY_GRAPH)), (
        "regenerate it with: .venv/bin/ltc-graph diagram")


def test_every_command_is_documented() -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for command in commands:
        assert f"ltc-graph {command}" in README, command


def test_the_set_up_commands_exist_in_the_makefile() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("serve", "test"):
        assert f"make {target}" in README
        assert re.search(rf"^{target}:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_example_query_file_named_in_the_readme_exists() -> None:
    for name in re.findall(r"queries/([\w-]+\.rq)", README):
        assert (ROOT / "queries" / name).is_file(), name


def test_every_guarantee_names_a_test_that_exists() -> None:
    section = README.split("### Guarantees", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`test_" in line]
    assert len(rows) >= 25
    for row in rows:
        proof = row.rstrip(" |").rsplit(" | ", 1)[1]
        names = re.findall(r"`(test_\w+\.py)?::(test_\w+)`", proof)
        assert names, row
        module = None
        for file, test in names:
            module = file or module
            assert module, row
            source = (ROOT / "tests" / module).read_text(encoding="utf-8")
            assert re.search(rf"^def {test}\(", source, re.M), f"{module}::{test} is missing"
