"""Build a release: the versioned files a publisher uploads, the same bytes every time.

Nothing depends on the clock or the machine: the version and date come from the dataset's own
description (`owl:versionInfo`, `dcterms:modified` in data/dataset.trig), the dumps are the
deterministic ones of `export`, and the gzip files carry mtime 0 and no file name. So anyone
can rebuild a release from its git tag and check it against the published checksums.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import subprocess
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Literal

from ..errors import InputError
from ..namespaces import BASE, DATASET_IRI, DCTERMS, GRAPH, OWL, VOID_GRAPH
from ..publish import export, void
from ..rdf.files import Layout, load_layout
from . import patch
from . import report as changes_report
from .diff import compare
from .snapshot import read

DUMP_FORMATS = ("ttl", "trig", "nq", "jsonld")  # the formats the VoID description lists


@dataclass(frozen=True)
class Version:
    number: str
    modified: str

    @classmethod
    def of(cls, dataset: Dataset) -> Version:
        """The version stated in the dataset's description.

        :raise InputError: no owl:versionInfo or dcterms:modified on the dataset.
        """
        described = dataset.graph(GRAPH["dataset"])
        number = described.value(DATASET_IRI, OWL.versionInfo)
        modified = described.value(DATASET_IRI, DCTERMS.modified)
        if not isinstance(number, Literal) or not isinstance(modified, Literal):
            raise InputError("the dataset states no owl:versionInfo and dcterms:modified",
                             "data/dataset.trig")
        return cls(str(number), str(modified))


def build(root: Path, out: Path, since: str | None = None) -> list[Path]:
    """Write the release of the project at `root` into `out`; return the files written.

    `since` is the git revision of the previous release; by default the latest tag `v*`
    reachable from HEAD other than this version's own tag. Without one, the change report
    says this is the first release.
    """
    layout = Layout.of(root)
    dataset = load_layout(layout)
    version = Version.of(dataset)
    name = f"ltc-graph-{version.number}"
    description = void.describe(dataset, BASE)
    files: dict[str, bytes] = {}
    for fmt, text in export.dumps(dataset, DUMP_FORMATS, {VOID_GRAPH: description}).items():
        data = text.encode()
        files[f"{name}.{fmt}"] = data
        files[f"{name}.{fmt}.gz"] = gzipped(data)
    files[f"{name}-void.ttl"] = export.dump(Dataset(), "ttl",
                                            {VOID_GRAPH: description}).encode()
    for source in layout.ontology:
        files[f"ontology-{source.stem}-{version.number}.ttl"] = source.read_bytes()
    files.update(_changes(root, name, version, since))
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, data in sorted(files.items()):
        (out / file_name).write_bytes(data)
        written.append(out / file_name)
    sums = "".join(f"{hashlib.sha256(data).hexdigest()}  {file_name}\n"
                   for file_name, data in sorted(files.items()))
    (out / f"{name}.sha256").write_text(sums, encoding="utf-8")
    return [*written, out / f"{name}.sha256"]


def gzipped(data: bytes) -> bytes:
    """gzip with a fixed header: no file name, mtime 0, and "unknown" as the system (GzipFile
    writes 255 where zlib would write the machine's code)."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9,
                       mtime=0) as stream:
        stream.write(data)
    return buffer.getvalue()


def _changes(root: Path, name: str, version: Version, since: str | None) -> dict[str, bytes]:
    """The change report (and RDF Patch) against the previous release."""
    previous = since or previous_tag(root, version.number)
    if previous is None:
        return {f"{name}-changes.txt": (
            f"Release {version.number} ({version.modified}): first release, no earlier "
            "release (git tag v*) to compare with.\n").encode()}
    old = read(previous, repo=root)
    new = read(str(root), name=f"release {version.number} ({version.modified})")
    diff = compare(old, new)
    report = changes_report.text(diff, changes_report.Names(new.quads, old.quads))
    return {f"{name}-changes.txt": report.encode(),
            f"{name}-changes.rdfp": patch.write(diff.removed, diff.added).encode()}


def previous_tag(root: Path, number: str) -> str | None:
    """The latest release tag (`v*`) reachable from HEAD, leaving out `v{number}` itself so
    that rebuilding a tagged release compares it with the one before."""
    try:
        done = subprocess.run(["git", "-C", str(root), "describe", "--tags", "--abbrev=0",
                               "--match", "v*", "--exclude", f"v{number}", "HEAD"],
                              capture_output=True, check=False, timeout=60, text=True)
    except (OSError, subprocess.TimeoutExpired):
        return None
    tag = done.stdout.strip() if done.returncode == 0 else ""
    return tag or None
