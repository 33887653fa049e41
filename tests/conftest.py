"""Shared fixtures: the repository's graph loaded once per session, as rdflib sees it
(`dataset`, `graph`, `select`, `ask`), as the query service runs it without a server (`store`,
`service`), and the web app in this process (`app`, `client`); `backend` gives each store."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from rdflib import Dataset, Graph, URIRef
from rdflib.query import ResultRow

from backends import NAMES, Backend, service_on
from ltc_graph.namespaces import SHAPES_GRAPH, SPARQL_PREFIXES
from ltc_graph.rdf.files import Layout, load_project, union
from ltc_graph.sparql.service import QueryService
from ltc_graph.store import GraphStore
from ltc_graph.store.local import LocalStore
from ltc_graph.web.app import create_app
from ltc_graph.web.state import state


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    """Ontology, data and shapes, each source section in its own named graph."""
    return load_project()


@pytest.fixture(scope="session")
def graph(dataset: Dataset) -> Graph:
    """The union of ontology and data (no shapes): what validation and analysts see."""
    return union(dataset, exclude=[SHAPES_GRAPH])


@pytest.fixture(scope="session")
def select(graph: Graph) -> Callable[[str], list[ResultRow]]:
    """Run a SELECT over the union graph with the project's prefixes predeclared."""

    def run(query: str) -> list[ResultRow]:
        return list(graph.query(SPARQL_PREFIXES + query))

    return run


@pytest.fixture(scope="session")
def ask(graph: Graph) -> Callable[[str], bool]:
    """Run an ASK over the union graph with the project's prefixes predeclared."""

    def run(query: str) -> bool:
        return bool(graph.query(SPARQL_PREFIXES + query).askAnswer)

    return run


@pytest.fixture(scope="session", params=NAMES)
def backend(request: pytest.FixtureRequest,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[Backend]:
    """Each store backend in turn; tests that take it run once per backend."""
    chosen = Backend(request.param, tmp_path_factory.mktemp(request.param))
    yield chosen
    chosen.close()


@pytest.fixture(scope="session")
def store() -> GraphStore:
    """The repository's files in an in-memory Oxigraph store, as a query worker holds them."""
    return LocalStore.from_layout(Layout.of())


@pytest.fixture(scope="session")
def service(store: GraphStore) -> QueryService:
    """The query service on `store` in this process: no workers, no server."""
    return service_on(store)


@pytest.fixture(scope="session")
def app() -> Iterator[Flask]:
    """The web app with one query worker, served to `client` without a server."""
    application = create_app({"QUERY_WORKERS": 1})
    yield application
    state(application).close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="session")
def afil(graph: Graph) -> int:
    """How many statements the files make about AFIL (none is derived when the store is
    loaded): what a CONSTRUCT or a client's triples of it must count."""
    return len(set(graph.triples((URIRef("https://w3id.org/ltc/id/cluster/afil"), None, None))))
