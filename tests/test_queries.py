"""The example queries in queries/ answer their questions, exactly, through the CLI too."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset

from ltc_graph.queries import Table, named_queries, select
from ltc_graph.store import GraphStore

ROOT = Path(__file__).resolve().parents[1]
QUERIES = named_queries(ROOT / "queries")


@pytest.fixture(scope="module")
def store(dataset: Dataset) -> ox.Store:
    return GraphStore.from_dataset(dataset).store


def answer(store: ox.Store, name: str) -> list[dict[str, str]]:
    query = next(q for q in QUERIES if q.name == name)
    table: Table = select(store, query.text)
    return [{c: (v.value if v is not None else "") for c, v in zip(table.columns, row, strict=True)}
            for row in table.rows]


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_every_query_is_documented_and_ordered(query, store: ox.Store) -> None:
    assert query.title != query.name and query.description
    assert "ORDER BY" in query.text
    assert select(store, query.text).rows, "an example query must answer something"


def test_clusters_lists_the_nine_with_stated_totals_only(store: ox.Store) -> None:
    rows = answer(store, "clusters")
    assert len(rows) == 9
    totals = {r["cluster"].rsplit("/", 1)[1]: r["members"] for r in rows}
    assert totals == {
        "afil": "143", "agrifood": "", "mobility": "", "life-sciences": "114",
        "living-environments": "31", "smart-communities": "88", "aerospace": "114",
        "energy": "140", "green-chemistry": "",
    }


def test_events_2024_are_the_aerospace_calendar(store: ox.Store) -> None:
    rows = answer(store, "events-2024")
    assert [(r["start"], r["city"]) for r in rows] == [
        ("2024-03-17", "Istanbul"), ("2024-04-11", "Turin"), ("2024-04-17", "Wrocław"),
        ("2024-05-14", "Seville"), ("2024-05-20", "Venice"), ("2024-06-05", "Berlin"),
        ("2024-07-22", "London"), ("2024-11-04", "Amsterdam"), ("2024-12-03", "Toulouse"),
    ]


def test_where_is_it_stated_gives_sections_with_their_pages(store: ox.Store) -> None:
    rows = answer(store, "where-is-it-stated")
    sections = {(r["section"].rsplit("/", 1)[1], r["page"]) for r in rows}
    assert sections == {("afil", "6"), ("cover", "")}
    assert {"http://www.afil.it/", "143"} & {r["value"] for r in rows} == {"http://www.afil.it/"}


def test_source_conflicts_lists_each_known_conflict(store: ox.Store) -> None:
    rows = answer(store, "source-conflicts")
    resources = {r["resource"].rsplit("/", 1)[1] for r in rows}
    assert {"autitec", "ai-redgio-5-0", "green-chemistry", "life-sciences-1",
            "lombardy-technology-clusters-2024-total-foreword"} <= resources


def test_a_triple_stated_by_two_sections_counts_once(store: ox.Store) -> None:
    rows = select(store, "SELECT (COUNT(*) AS ?n) WHERE { ?c a ltc:Cluster }").rows
    assert rows[0][0].value == "9"
    stated_in = "SELECT ?g WHERE { GRAPH ?g { cluster:mobility a ltc:Cluster } } ORDER BY ?g"
    assert [r[0].value.rsplit("/", 1)[1] for r in select(store, stated_in).rows] == [
        "cover", "mobility"]


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ltc_graph.cli", "query", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)


def test_query_command_prints_table_csv_and_json() -> None:
    table = cli("queries/clusters.rq")
    assert table.returncode == 0 and table.stdout.rstrip().endswith("(9 rows)")
    csv_rows = cli("queries/clusters.rq", "--format", "csv").stdout.splitlines()
    assert csv_rows[0] == "cluster,name,acronym,website,members" and len(csv_rows) == 10
    rows = json.loads(cli("queries/clusters.rq", "--format", "json").stdout)
    assert {r["name"] for r in rows if r.get("acronym") == "AFIL"} == {
        "Lombardy Intelligent Factory Association"}


def test_query_command_takes_query_text_and_reports_syntax_errors() -> None:
    done = cli("SELECT ?n WHERE { ?x ltc:partnerCount ?n } ORDER BY ?n", "--format", "csv")
    assert done.returncode == 0 and done.stdout.splitlines()[0] == "n"
    bad = cli("SELECT ?x WHERE { ?x ?y }")
    assert bad.returncode == 2 and bad.stderr.startswith("ltc-graph: SPARQL syntax error")
