"""The SHACL report of the data the server publishes, produced once per process and kept.

It is made from the repository's files, as the dumps and the VoID description are, in a
background thread started on first need (not at start-up, so the first answer is not delayed;
about a second on the real data). Resource pages show the results about their resource, and
`/validation` the whole report, also as RDF stamped with its time and the data version.
No Flask here.
"""

from __future__ import annotations

import logging
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef

from ..namespaces import (
    DCAT,
    OWL,
    PROV,
    RDF,
    SCHEMA,
    SH,
    VALIDATION_REPORT_IRI,
    XSD,
    shorten,
)
from ..rdf.files import Layout, load_shapes
from ..store.local import fill
from .locations import LocationIndex
from .validate import Report, Result, validate_files

log = logging.getLogger(__name__)

REPORT_IRI = URIRef(VALIDATION_REPORT_IRI)


@dataclass(frozen=True)
class Finding:
    """One result with the classes of the resource it is about, for filtering by class."""

    result: Result
    classes: tuple[str, ...] = ()


@dataclass
class Produced:
    """A finished report: when it was made, and which data it describes."""

    report: Report
    findings: list[Finding]
    created: datetime
    version: str  # the fingerprint of the files, the data version in ETags
    release: str | None  # the release IRI the data declares as current
    release_name: str | None = None
    by_subject: dict[str, list[Finding]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for finding in self.findings:
            if finding.result.subject:
                self.by_subject.setdefault(finding.result.subject, []).append(finding)

    def classes(self) -> Counter[str]:
        """How many results each class has (a result counts once per class of its resource)."""
        return Counter(c for f in self.findings for c in f.classes)

    def select(self, severities: set[str], cls: str | None) -> list[Finding]:
        return [f for f in self.findings
                if (not severities or f.result.severity in severities)
                and (cls is None or cls in f.classes)]

    def as_rdf(self) -> Graph:
        """The W3C report under a stable IRI, with the time it was produced, the release it
        describes (prov:wasDerivedFrom) and the exact data version (schema:version)."""
        graph = Graph()
        graph.bind("sh", SH)
        graph.bind("prov", PROV)
        graph.bind("schema", SCHEMA)
        source = self.report.graph
        top = next(source.subjects(RDF.type, SH.ValidationReport), None)
        for s, p, o in source:
            graph.add((REPORT_IRI if s == top else s, p, REPORT_IRI if o == top else o))
        graph.add((REPORT_IRI, PROV.generatedAtTime,
                   Literal(self.created.isoformat(timespec="seconds"), datatype=XSD.dateTime)))
        graph.add((REPORT_IRI, SCHEMA.version, Literal(self.version)))
        if self.release:
            graph.add((REPORT_IRI, PROV.wasDerivedFrom, URIRef(self.release)))
        return graph


def produce(root: Path) -> Produced:
    """Validate the repository at `root` as `ltc-graph validate` does, with file and line."""
    layout = Layout.of(root)
    files = [*layout.ontology, *layout.data]
    shapes = load_shapes(layout)
    created = datetime.now(UTC)
    report = validate_files(files, shapes, LocationIndex(files, relative_to=root))
    store = ox.Store()
    info = fill(store, layout)
    types: dict[str, list[str]] = {}
    subjects = sorted({r.subject for r in report.results if r.subject})
    if subjects:
        values = " ".join(f"<{s}>" for s in subjects)
        for row in store.query(f"SELECT DISTINCT ?s ?t WHERE {{ VALUES ?s {{ {values} }} "
                               "?s a ?t FILTER(isIRI(?t)) }"):
            types.setdefault(row["s"].value, []).append(shorten(row["t"].value))
    findings = [Finding(r, tuple(sorted(types.get(r.subject or "", [])))) for r in report.results]
    release = next(iter(store.query(
        f"SELECT ?r ?v WHERE {{ ?d <{DCAT}hasCurrentVersion> ?r "
        f"OPTIONAL {{ ?r <{OWL.versionInfo}> ?v }} }} ORDER BY ?r LIMIT 1")), None)
    return Produced(report=report, findings=findings, created=created, version=info.version,
                    release=release["r"].value if release else None,
                    release_name=release["v"].value if release and release["v"] else None)


class ServedValidation:
    """Produces the report once, in a daemon thread, and hands it to whoever waits for it."""

    def __init__(self, root: Path, producer: Callable[[Path], Produced] = produce) -> None:
        self._root = root
        self._producer = producer
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._started = False
        self.produced: Produced | None = None
        self.error: str | None = None

    def start(self) -> None:
        with self._lock:
            if not self._started:
                self._started = True
                threading.Thread(target=self._run, name="validation", daemon=True).start()

    def wait(self, seconds: float) -> Produced | None:
        """The report, or None while it is still being produced after `seconds`.

        :raise RuntimeError: producing it failed (the message says why).
        """
        self.start()
        self._done.wait(seconds)
        if self.error is not None:
            raise RuntimeError(self.error)
        return self.produced

    def _run(self) -> None:
        try:
            self.produced = self._producer(self._root)
        except Exception as exc:  # reported on /validation and in the log, never raised here
            log.exception("the validation report could not be produced")
            self.error = f"the validation report could not be produced: {exc}"
        finally:
            self._done.set()

