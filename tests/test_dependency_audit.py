"""The CI dependency audit fails on a vulnerability with a fix, lists one without, and says
loudly when nothing could be audited (.ci/audit_dependencies.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[1] / ".ci" / "audit_dependencies.py"


def _audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("audit_dependencies", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _dep(name: str, *vulns: tuple[str, list[str]]) -> dict:
    return {"name": name, "version": "1.0",
            "vulns": [{"id": i, "fix_versions": fixes} for i, fixes in vulns]}


def test_a_vulnerability_with_a_fix_fails_the_run() -> None:
    status, lines = _audit().verdict({"dependencies": [
        _dep("flask"), _dep("jinja2", ("PYSEC-1", ["3.1.5"]))]})
    assert status == 1
    assert "jinja2 1.0: PYSEC-1, fixed in 3.1.5: upgrade" in lines
    assert lines[-1].startswith("2 dependencies audited")


def test_a_vulnerability_without_a_fix_is_listed_but_passes() -> None:
    status, lines = _audit().verdict({"dependencies": [_dep("rdflib", ("GHSA-x", []))]})
    assert status == 0
    assert "rdflib 1.0: GHSA-x, no fix released yet" in lines


def test_nothing_audited_is_said_in_capitals() -> None:
    skipped = {"name": "flask", "skip_reason": "Dependency not found on PyPI"}
    status, lines = _audit().verdict({"dependencies": [skipped, dict(skipped, name="rdflib")]})
    assert status == 3
    assert lines[0].startswith("NO DEPENDENCY COULD BE AUDITED")


def test_our_own_package_skipped_is_not_a_failure() -> None:
    status, lines = _audit().verdict({"dependencies": [
        _dep("flask"), {"name": "ltc-graph", "skip_reason": "editable"}]})
    assert status == 0
    assert lines == ["1 dependencies audited, 1 skipped (not on PyPI, e.g. this project)"]
