"""The README and the manual in docs/ match what a new user types and sees."""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Dataset

from ltc_graph.cli import build_parser
from ltc_graph.namespaces import ONTOLOGY_GRAPH
from ltc_graph.publish.diagram import mermaid
from ltc_graph.web.app import DEFAULTS

ROOT = Path(__file__).resolve().parents[1]
README_FILE = ROOT / "README.md"
README = README_FILE.read_text(encoding="utf-8")
PAGES = sorted((ROOT / "docs").glob("*.md"))
DOCS = {page: page.read_text(encoding="utf-8") for page in PAGES}
EVERYTHING = README + "".join(DOCS.values())
MODEL = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
OPERATIONS = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")

# A markdown link or image: [text](target) or ![alt](target), the target up to a space or ")".
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)[^)]*\)")
PACKAGE = ROOT / "src" / "ltc_graph"
ARCHITECTURE = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def test_the_model_diagram_is_generated_from_the_current_ontology(dataset: Dataset) -> None:
    shown = re.search(r"<!-- diagram:start -->\n```mermaid\n(.*?)```\n<!-- diagram:end -->",
                      MODEL, re.S)
    assert shown, "docs/model.md has no diagram block"
    assert "`ltc-graph diagram`" in MODEL, "docs/model.md no longer says how to regenerate it"
    assert shown.group(1) == mermaid(dataset.graph(ONTOLOGY_GRAPH)), (
        "regenerate it with: .venv/bin/ltc-graph diagram")


def test_every_command_is_documented() -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices
    for command in commands:
        assert f"ltc-graph {command}" in EVERYTHING, command


def test_the_set_up_commands_exist_in_the_makefile() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("serve", "test"):
        assert f"make {target}" in README
        assert re.search(rf"^{target}:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_example_query_file_named_in_the_docs_exists() -> None:
    for name in re.findall(r"queries/([\w-]+\.rq)", EVERYTHING):
        assert (ROOT / "queries" / name).is_file(), name


def test_every_guarantee_names_a_test_that_exists() -> None:
    section = OPERATIONS.split("\n## Guarantees\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`test_" in line]
    assert len(rows) >= 25
    tests = ROOT / "tests"
    for row in rows:
        proof = row.rstrip(" |").rsplit(" | ", 1)[1]
        names = re.findall(r"`(test_\w+\.py)?::(test_\w+)`", proof)
        assert names, row
        module = None
        for file, test in names:
            module = file or module
            assert module, row
            found = sorted(tests.rglob(module))
            assert found, f"{module} is not under tests/"
            source = found[0].read_text(encoding="utf-8")
            assert re.search(rf"^def {test}\(", source, re.M), f"{module}::{test} is missing"


def test_the_readme_is_short_and_links_every_docs_page() -> None:
    assert README_FILE.stat().st_size <= 10_240, "the README is a front door: move text to docs/"
    targets = set(LINK.findall(README))
    for page in PAGES:
        assert f"docs/{page.name}" in targets, f"the README does not link docs/{page.name}"


def test_every_relative_link_resolves() -> None:
    for file, text in [(README_FILE, README), *DOCS.items()]:
        for target in LINK.findall(text):
            if target.startswith(("http://", "https://", "#")):
                continue
            path = (file.parent / target.split("#", 1)[0]).resolve()
            assert path.exists(), f"{file.relative_to(ROOT)}: {target} does not exist"


def test_every_setting_is_documented() -> None:
    documented = "".join(DOCS.values())
    for key in DEFAULTS:
        assert f"LTC_{key}" in documented, f"LTC_{key} is not documented in docs/"


def test_the_top_level_of_the_package_holds_only_the_cli_errors_and_namespaces() -> None:
    modules = {p.name for p in PACKAGE.glob("*.py")}
    assert modules == {"__init__.py", "__main__.py", "cli.py", "errors.py", "namespaces.py"}


def test_the_architecture_page_describes_every_package_and_names_real_modules() -> None:
    packages = sorted(p.parent.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("__init__.py")
                      if p.parent != PACKAGE)
    for package in packages:
        if "/" not in package:
            assert f"**`{package}/`**" in ARCHITECTURE, f"no paragraph for {package}/"
        else:
            assert f"`{package.split('/', 1)[1]}/`" in ARCHITECTURE, f"{package}/ is not named"
    modules = {p.name for folder in (PACKAGE, ROOT / "tests") for p in folder.rglob("*.py")}
    for named in re.findall(r"`(?:[\w/]+/)?(\w+\.py)`", ARCHITECTURE):
        assert named in modules, f"docs/architecture.md names {named}, which does not exist"
