"""Shared fixtures: the repository's graph, loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from rdflib import Dataset, Graph
from rdflib.query import ResultRow

from backends import NAMES, Backend
from ltc_graph.namespaces import SHAPES_GRAPH, SPARQL_PREFIXES
from ltc_graph.rdf.files import load_project, union


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
