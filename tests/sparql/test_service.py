"""The query service without a server: one reading of the text, one cache key, canned queries
with typed parameters, and every failure of the workers as a status a caller can send."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from backends import ROOT
from ltc_graph.queries.registry import Registry
from ltc_graph.sparql import text
from ltc_graph.sparql.cache import ResultCache
from ltc_graph.sparql.execution import Answer, InProcess, Task
from ltc_graph.sparql.service import Query, QueryFailed, QueryService
from ltc_graph.sparql.workers import Busy, QueryTimeout, WorkerDied
from ltc_graph.store import GraphStore

QUERIES = Registry(ROOT / "queries")
CLUSTERS = "SELECT ?c WHERE { ?c a ltc:Cluster } ORDER BY ?c"
AFIL = "https://w3id.org/ltc/id/cluster/afil"


def cached_service(store: GraphStore, version: str = "v1") -> QueryService:
    return QueryService(InProcess(store), lambda: version, ResultCache(2**20))


def test_a_query_answers_in_the_format_asked_with_its_count(service: QueryService) -> None:
    reply = service.answer(service.check(Query(CLUSTERS, predeclared=True)), "csv")
    lines = reply.answer.body.decode().splitlines()
    assert lines[0] == "c" and len(lines) == 10 and reply.answer.count == 9
    assert not reply.answer.truncated and not reply.cached


@pytest.mark.parametrize(("query", "message"), [
    ("INSERT DATA { <a:b> <a:c> <a:d> }", "this endpoint is read-only"),
    ("SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }", "SERVICE is not allowed"),
    ("DESCRIBE" + " {" * 80, "nests brackets more than 64 levels"),
])
def test_what_is_never_run_is_a_400_before_any_job(query: str, message: str) -> None:
    ran: list[Task] = []
    service = QueryService(_Recorder(ran), lambda: "v")
    with pytest.raises(QueryFailed) as failed:
        service.check(Query(query))
    assert failed.value.status == 400 and message in failed.value.message and not ran


def test_the_querys_own_from_clauses_are_its_dataset_unless_the_protocol_gives_one(
        service: QueryService) -> None:
    query = "SELECT (COUNT(*) AS ?n) FROM <https://w3id.org/ltc/graph/afil> WHERE { ?s ?p ?o }"
    own = service.check(Query(query))
    given = service.check(Query(query, default_graphs=("https://w3id.org/ltc/graph/ontology",)))
    assert own.query.default_graphs == ("https://w3id.org/ltc/graph/afil",)
    assert given.query.default_graphs == ("https://w3id.org/ltc/graph/ontology",)
    counts = [int(service.answer(c, "json").json()["results"]["bindings"][0]["n"]["value"])
              for c in (own, given)]
    assert counts[0] > 0 and counts[1] > 0 and counts[0] != counts[1]


def test_the_text_is_read_once_per_query(store: GraphStore,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    real = text._TOKEN

    class Counting:
        def finditer(self, query: str):
            reads.append(query)
            return real.finditer(query)

    monkeypatch.setattr(text, "_TOKEN", Counting())
    query = QUERIES.get("clusters-in-network")
    assert query is not None
    service = QueryService(InProcess(store), lambda: "v")
    reply = service.canned(query, {"network": "network:vanguard-initiative"})
    assert len(reads) == 1 and reply.answer.count > 0


def test_one_key_per_answer_made_of_the_version_the_query_and_the_format(
        store: GraphStore) -> None:
    service = cached_service(store)
    checked = service.check(Query(CLUSTERS, predeclared=True))
    first, again = service.answer(checked, "json"), service.answer(checked, "json")
    assert (first.cached, again.cached) == (False, True)
    assert first.key == again.key == service.key(checked, "json")
    assert service.key(checked, "csv") != first.key
    assert service.key(service.check(Query(CLUSTERS + " LIMIT 1", predeclared=True)),
                       "json") != first.key
    assert cached_service(store, "v2").key(checked, "json") != first.key
    assert again.answer.body == first.answer.body and again.version == "v1"


def test_a_canned_query_binds_its_typed_parameters(service: QueryService) -> None:
    query = QUERIES.get("where-is-it-stated")
    assert query is not None
    rows = service.canned(query, {"resource": "project:plastix"}).json()["results"]["bindings"]
    assert rows and {row["resource"]["value"] for row in rows} == {
        "https://w3id.org/ltc/id/project/plastix"}
    for given, message in (({"resource": "not an iri"}, "parameter 'resource' must be"),
                           ({"nope": "1"}, "unknown parameter 'nope'")):
        with pytest.raises(QueryFailed) as failed:
            service.canned(query, given)
        assert failed.value.status == 400 and message in failed.value.message


def test_rows_are_plain_values_with_unbound_variables_left_out(service: QueryService) -> None:
    rows = service.rows(f"SELECT ?label ?none WHERE {{ <{AFIL}> rdfs:label ?label "
                        "FILTER(LANG(?label) = 'en') }", predeclared=True)
    assert rows == [{"label": "Lombardy Intelligent Factory Association"}]


@pytest.mark.parametrize(("outcome", "status", "retry", "message"), [
    (QueryTimeout(), 503, 10, "the query was stopped at the 30 s time limit"),
    (Busy(), 503, 5, "every query worker is busy; try again shortly"),
    (WorkerDied(), 503, 5, "the query worker stopped before answering"),
    (Answer(ok=False, refused=True, error="a query worker may not be reading /etc/passwd"),
     403, None, "a query worker may not be reading /etc/passwd"),
    (Answer(ok=False, unavailable=True, error="the graph store did not answer"), 503, 10,
     "the graph store did not answer"),
    (Answer(ok=False, error="SPARQL syntax error at line 1"), 400, None, "SPARQL syntax error"),
])
def test_every_failure_is_a_status_with_advice(outcome: Answer | Exception, status: int,
                                               retry: int | None, message: str) -> None:
    service = QueryService(_Stub(outcome), lambda: "v", ResultCache(2**20))
    checked = service.check(Query("ASK {}"))
    with pytest.raises(QueryFailed) as failed:
        service.answer(checked, "json")
    assert (failed.value.status, failed.value.retry_after) == (status, retry)
    assert failed.value.message.startswith(message)
    assert service.cache is not None and service.cache.get(service.key(checked, "json")) is None


def test_the_meter_wraps_every_trip_to_the_executor(store: GraphStore) -> None:
    trips: list[str] = []

    class Meter:
        def __enter__(self) -> None:
            trips.append("in")

        def __exit__(self, *exc: object) -> None:
            trips.append("out")

    service = QueryService(InProcess(store), lambda: "v", ResultCache(2**20), Meter)
    checked = service.check(Query("ASK {}"))
    service.answer(checked, "json")
    service.answer(checked, "json")  # from the cache: no trip
    assert trips == ["in", "out"]
    assert json.loads(service.answer(checked, "json").answer.body) == {"head": {},
                                                                        "boolean": True}


@dataclass
class _Stub:
    outcome: Answer | Exception

    def run(self, task: Task) -> Answer:
        if isinstance(self.outcome, Exception):
            raise self.outcome
        return self.outcome


@dataclass
class _Recorder:
    ran: list[Task] = field(default_factory=list)

    def run(self, task: Task) -> Answer:
        self.ran.append(task)
        return Answer(ok=True)

