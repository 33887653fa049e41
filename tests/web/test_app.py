"""The app in this process, through Flask's test client: its state and its request path (URL
decoded once, pages through the query service, what a reload remakes)."""

from __future__ import annotations

import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Graph

from ltc_graph.namespaces import DATASET_IRI, VOID
from ltc_graph.sparql.execution import Answer, Executor, Job, Task
from ltc_graph.web.app import create_app
from ltc_graph.web.limits import strict
from ltc_graph.web.state import state
from servers import ROOT


class Counting:
    """An executor that counts the jobs it passes on, by query text."""

    def __init__(self, inner: Executor) -> None:
        self.inner, self.jobs = inner, []

    def run(self, task: Task) -> Answer:
        if isinstance(task, Job):
            self.jobs.append(task.query)
        return self.inner.run(task)


@pytest.fixture
def counting(app: Flask) -> Iterator[Counting]:
    service = state(app).service
    found = Counting(service.executor)
    service.executor = found
    state(app).cache.__init__(state(app).cache.max_bytes)  # empty: every answer is computed
    yield found
    service.executor = found.inner


def test_a_get_to_sparql_decodes_its_parameters_once(client: FlaskClient,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    decoded: list[str] = []

    def counted(text: str, *args: object, real=strict.parse_qsl, **kwargs: object) -> list:
        decoded.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(strict, "parse_qsl", counted)  # every decoding of parameters
    query = "ASK { ?s a ltc:Cluster }"
    response = client.get("/sparql?" + urllib.parse.urlencode({"query": query}),
                          headers={"Accept": "application/sparql-results+json"})
    assert response.status_code == 200 and response.json == {"head": {}, "boolean": True}
    assert decoded == [urllib.parse.urlencode({"query": query})]


def test_a_page_seen_with_the_answers_own_etag_runs_its_query_once(
        client: FlaskClient, counting: Counting, app: Flask) -> None:
    canned = state(app).queries.get("clusters")
    assert canned is not None
    answer = client.get("/queries/clusters?format=json")
    page = client.get("/queries/clusters", headers={"Accept": "text/html",
                                                    "If-None-Match": answer.headers["ETag"]})
    assert answer.status_code == 200 and page.status_code == 200
    assert b"Lombardy Intelligent Factory Association" in page.data
    assert counting.jobs.count(canned.sparql) == 1


def test_the_home_page_is_the_dashboard_and_its_figures_share_the_cache(
        client: FlaskClient, counting: Counting) -> None:
    first = client.get("/", headers={"Accept": "text/html"})
    ran = len(counting.jobs)
    again = client.get("/", headers={"Accept": "text/html"})
    assert first.status_code == again.status_code == 200 and ran >= 7
    assert len(counting.jobs) == ran  # every figure's answer came from the cache


@pytest.fixture
def copied(tmp_path: Path) -> Iterator[Flask]:
    for name in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(ROOT / name, tmp_path / name)
    application = create_app({"DATA_ROOT": str(tmp_path), "QUERY_WORKERS": 1})
    yield application
    state(application).close()


def test_a_reload_remakes_what_was_made_from_the_old_files(copied: Flask) -> None:
    client = copied.test_client()

    def triples() -> int:
        body = client.get("/.well-known/void", headers={"Accept": "text/turtle"}).data
        return int(Graph().parse(data=body, format="turtle").value(DATASET_IRI, VOID.triples))

    before = triples()
    root = Path(copied.config["DATA_ROOT"])
    extra = root / "data" / "brochure" / "afil.trig"
    text = extra.read_text(encoding="utf-8")
    extra.write_text(text.replace("cluster:afil a ", "cluster:afil rdfs:comment \"x\"@en ; a ",
                                  1), encoding="utf-8")
    assert state(copied).reload()
    assert triples() == before + 1
    assert b'"x"@en' in client.get("/dumps/ltc-graph.nq").data
