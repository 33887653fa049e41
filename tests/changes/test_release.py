"""`ltc-graph release` on a small copy of the project (ontology, the dataset's description, the
member categories and the AFIL section): the same bytes on every build, gzip files that hold
the dumps, checksums that match, and the change report against the last release tag."""

from __future__ import annotations

import gzip
import hashlib
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from ltc_graph.changes import patch
from ltc_graph.changes.snapshot import read
from ltc_graph.cli import main

ROOT = Path(__file__).resolve().parents[2]
FILES = ["data/dataset.trig", "data/brochure/afil.trig", "data/vocab/model.trig"]
NAME = "ltc-graph-1.0.0"
RELEASED = sorted([
    f"{NAME}-changes.txt", f"{NAME}-void.ttl", f"{NAME}.sha256",
    *(f"{NAME}.{ext}{gz}" for ext in ("jsonld", "nq", "trig", "ttl") for gz in ("", ".gz")),
    "ontology-ltc-1.0.0.ttl", "ontology-ltc-aligns-1.0.0.ttl", "ontology-ltc-borrowed-1.0.0.ttl",
])


def copy_project(root: Path) -> Path:
    shutil.copytree(ROOT / "ontology", root / "ontology")
    for name in FILES:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, root / name)
    return root


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = copy_project(tmp_path / "project")
    monkeypatch.setenv("LTC_HOME", str(root))
    monkeypatch.chdir(tmp_path)
    return root


def release(*args: str) -> int:
    return main(["release", *args], io.StringIO())


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes],
                                                              dict[str, bytes]]:
    """The project copy and two builds of its release (a build takes seconds: built once)."""
    root = copy_project(tmp_path_factory.mktemp("release") / "project")
    with pytest.MonkeyPatch.context() as patch_env:
        patch_env.setenv("LTC_HOME", str(root))
        assert release("--out", str(root.parent / "one")) == 0
        assert release("--out", str(root.parent / "two")) == 0
    return root, contents(root.parent / "one"), contents(root.parent / "two")


Builds = tuple[Path, dict[str, bytes], dict[str, bytes]]


def test_two_builds_give_the_same_bytes(builds: Builds) -> None:
    _, one, two = builds
    assert sorted(one) == RELEASED
    assert one == two


def test_gzip_files_are_the_dumps_with_a_fixed_header(builds: Builds) -> None:
    _, built, _ = builds
    for name in (n for n in RELEASED if n.endswith(".gz")):
        data = built[name]
        assert gzip.decompress(data) == built[name.removesuffix(".gz")], name
        flags, mtime = data[3], data[4:8]
        assert flags == 0 and mtime == b"\0\0\0\0", name  # no file name, no timestamp


def test_the_checksums_match_every_other_file(builds: Builds) -> None:
    built = dict(builds[1])
    sums = dict(reversed(line.split("  ")) for line in
                built.pop(f"{NAME}.sha256").decode().splitlines())
    assert sums == {name: hashlib.sha256(data).hexdigest() for name, data in built.items()}


def test_the_dumps_and_ontology_are_the_project_s(builds: Builds, tmp_path: Path) -> None:
    root, built, _ = builds
    assert built["ontology-ltc-1.0.0.ttl"] == (root / "ontology" / "ltc.ttl").read_bytes()
    (tmp_path / "dump.nq").write_bytes(built[f"{NAME}.nq"])
    assert read(str(root)).quads <= read(str(tmp_path / "dump.nq")).quads
    void = built[f"{NAME}-void.ttl"].decode()
    assert 'owl:versionInfo "1.0.0"' in void and "void:triples" in void


def test_without_a_release_tag_it_is_the_first_release(builds: Builds) -> None:
    assert builds[1][f"{NAME}-changes.txt"].decode() == (
        "Release 1.0.0 (2026-11-25): first release, no earlier release (git tag v*) to "
        "compare with.\n")


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test", "-c",
                    "user.email=test@example.org", *args], check=True, capture_output=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_change_report_and_patch_go_back_to_the_last_tag(project: Path,
                                                              tmp_path: Path) -> None:
    git(project, "init", "-q")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "1.0.0")
    git(project, "tag", "v1.0.0")
    edit(project / "data" / "dataset.trig", 'owl:versionInfo "1.0.0"', 'owl:versionInfo "1.1.0"')
    edit(project / FILES[1], "schema:value 143 ;", "schema:value 151 ;")
    assert release() == 0
    dist = tmp_path / "dist"
    report = (dist / "ltc-graph-1.1.0-changes.txt").read_text().splitlines()
    assert report[:6] == ["Changes from v1.0.0 to release 1.1.0 (2026-11-25)", "",
                          "AFIL: member total 143 → 151",
                          "Other: dataset (DCAT) Lombardy Technology Clusters knowledge graph "
                          "changed (version); dataset (DCAT) Lombardy Technology Clusters "
                          "knowledge graph, release 1.0.0 changed (version)", "",
                          "3 resources differ (3 changed, 0 new, 0 removed): "
                          "3 statements added, 3 removed."]
    assert "  ~ value: 143 → 151" in report
    assert '  ~ version: "1.0.0" → "1.1.0"' in report
    replayed = patch.apply(read("v1.0.0", repo=project).quads,
                           (dist / "ltc-graph-1.1.0-changes.rdfp").read_text())
    assert replayed == read(str(project)).quads


def test_a_dataset_without_a_version_exits_2(project: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    edit(project / "data" / "dataset.trig", 'owl:versionInfo "1.0.0" ;', "")
    assert release() == 2
    assert capsys.readouterr().err == (
        "ltc-graph: data/dataset.trig: the dataset states no owl:versionInfo and "
        "dcterms:modified\n")
