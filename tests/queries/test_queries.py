"""Every canned query answers its question, checked against what the brochure states.

The expected values below were read off the brochure (member figures, networks, events,
synergy boxes), not off the data files.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from backends import Backend, select
from ltc_graph.queries.registry import NamedQuery, Registry
from ltc_graph.store import GraphStore
from servers import fetch, running_server

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = Registry(ROOT / "queries")
QUERIES = list(REGISTRY)


@pytest.fixture(scope="module")
def store(backend: Backend) -> GraphStore:
    return backend.open()


def answer(store: GraphStore, name: str, **params: str) -> list[dict[str, str]]:
    query = REGISTRY.get(name)
    assert query is not None
    answer = select(store, query.body, query.bindings(params))
    return [{c: row.get(c, {}).get("value", "") for c in answer["head"]["vars"]}
            for row in answer["results"]["bindings"]]


def tail(iri: str) -> str:
    return iri.rsplit("/", 1)[1]


def test_there_are_at_least_fifteen_canned_queries() -> None:
    assert len(QUERIES) >= 15


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_every_query_is_documented_self_contained_and_ordered(query: NamedQuery,
                                                              store: GraphStore) -> None:
    assert query.title != query.name and query.description and query.tags
    assert "ORDER BY" in query.body
    store.query(query.sparql)  # parses with no predeclared prefix: the shown text runs as is
    example = {p.name: p.example for p in query.params if p.required}
    assert answer(store, query.name, **example), "a canned query must answer something"


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_every_query_projects_its_variables_by_name(query: NamedQuery) -> None:
    # Engines order the columns of SELECT * differently; named columns are the same everywhere.
    assert not re.search(r"SELECT\s+(DISTINCT\s+|REDUCED\s+)?\*", query.body, re.I)


def test_clusters_lists_the_nine_with_stated_totals_only(store: GraphStore) -> None:
    totals = {tail(r["cluster"]): r["members"] for r in answer(store, "clusters")}
    assert totals == {
        "afil": "143", "agrifood": "", "mobility": "", "life-sciences": "114",
        "living-environments": "31", "smart-communities": "88", "aerospace": "114",
        "energy": "140", "green-chemistry": "",
    }


def test_members_by_type(store: GraphStore) -> None:
    rows = {(r["organisation"], r["category"]): int(r["members"])
            for r in answer(store, "member-breakdown")}
    expected = {
        "Lombardy Life Sciences Cluster": (114, 63, 36, 15),
        "Lombardy Cluster for Technologies for Living Environments Foundation": (31, 9, 13, 9),
        "Cluster of Technologies for Smart Cities & Communities - Lombardy": (88, 69, 11, 8),
        "Lombardia Aerospace Cluster": (114, 106, 6, 2),
        "Lombardy Energy Cleantech Cluster": (140, 104, 10, 26),
        "9 Lombardy Technology Clusters": (794, 585, 111, 98),
    }
    categories = ("All members", "Companies", "Research organisations", "Other entities")
    for organisation, figures in expected.items():
        for category, value in zip(categories, figures, strict=True):
            assert rows.pop((organisation, category)) == value
    assert rows == {("Lombardy Intelligent Factory Association", "All members"): 143}


def test_member_totals_against_the_sum_of_stated_counts(store: GraphStore) -> None:
    rows = {r["category"]: (r["overview"], r["sumOfStated"], r["clustersStating"])
            for r in answer(store, "member-totals")}
    assert rows == {
        "All members": ("794", "630", "6"),
        "Companies": ("585", "351", "5"),
        "Research organisations": ("111", "76", "5"),
        "Other entities": ("98", "60", "5"),
    }


def test_where_is_it_stated_gives_sections_with_their_pages(store: GraphStore) -> None:
    sections = {(tail(r["section"]), r["page"]) for r in answer(store, "where-is-it-stated")}
    assert sections == {("afil", "6"), ("cover", "")}
    plastix = answer(store, "where-is-it-stated", resource="project:plastix")
    assert {(tail(r["section"]), r["page"]) for r in plastix} == {("afil", "6")}
    assert {r["resource"] for r in plastix} == {"https://w3id.org/ltc/id/project/plastix"}


def test_networks_shared_by_several_clusters(store: GraphStore) -> None:
    rows = {r["network"]: int(r["clusters"]) for r in answer(store, "shared-networks")}
    assert rows == {
        "European Cluster Collaboration Platform": 4, "Vanguard Initiative": 3,
        "4 Motors of Europe": 3, "EUSALP": 2, "Automotive Regions Alliance": 2,
        "ECH2A": 2, "C2Future": 2,
    }


@pytest.mark.parametrize(("network", "members"), [
    (None, {"afil", "agrifood", "smart-communities", "energy"}),
    ("network:vanguard-initiative", {"afil", "life-sciences", "energy"}),
    ("https://w3id.org/ltc/id/network/eusalp", {"mobility", "green-chemistry"}),
])
def test_clusters_in_a_network(store: GraphStore, network: str | None, members: set[str]) -> None:
    params = {"network": network} if network else {}
    assert {tail(r["member"]) for r in answer(store, "clusters-in-network", **params)} == members


def test_who_shares_networks_with_whom(store: GraphStore) -> None:
    top = answer(store, "network-partners")[0]
    assert {top["cluster"], top["partner"]} == {"Lombardy Mobility Cluster",
                                                "Lombardy Green Chemistry Association"}
    assert top["shared"] == "5"


def test_events_calendar_2024(store: GraphStore) -> None:
    rows = answer(store, "events-2024")
    assert [(r["start"], r["end"], r["city"], r["country"]) for r in rows] == [
        ("2024-03-17", "2024-03-19", "Istanbul", "Türkiye"),
        ("2024-04-11", "2024-04-11", "Turin", "Italy"),
        ("2024-04-17", "2024-04-17", "Wrocław", "Poland"),
        ("2024-05-14", "2024-05-16", "Seville", "Spain"),
        ("2024-05-20", "2024-05-22", "Venice", "Italy"),
        ("2024-06-05", "2024-06-09", "Berlin", "Germany"),
        ("2024-07-22", "2024-07-26", "London", "United Kingdom"),
        ("2024-11-04", "2024-11-07", "Amsterdam", "Netherlands"),
        ("2024-12-03", "2024-12-05", "Toulouse", "France"),
    ]


def test_clusters_per_s3_ecosystem(store: GraphStore) -> None:
    rows = {r["ecosystem"]: int(r["clusters"]) for r in answer(store, "clusters-by-s3-ecosystem")}
    assert rows == {
        "Health and Life Science": 3, "Smart Mobility and Architecture": 3, "Sustainability": 3,
        "Connectivity and Information": 2, "Advanced Manufacturing": 1,
        "Culture and Knowledge": 1, "Nutrition": 1, "Social Development": 1,
    }


def test_synergies_per_pnrr_mission(store: GraphStore) -> None:
    rows = {r["notation"]: (int(r["boxes"]), int(r["clusters"]))
            for r in answer(store, "projects-by-pnrr-mission")}
    assert rows == {"M1": (4, 3), "M2": (8, 5), "M3": (1, 1), "M4": (5, 4), "M5": (0, 0),
                    "M6": (3, 2), "M7": (0, 0)}


def test_projects_per_pnrr_component(store: GraphStore) -> None:
    rows = {(r["notation"], r["attachedTo"]) for r in answer(store, "projects-by-pnrr-component")}
    assert {("M2C1", "PLASTIX"), ("M1C2", "AI REDGIO 5.0"), ("M2C1", "SYSCHEMIQ"),
            ("M2C1", "Forest EcoValue"), ("M2C1", "SYMBIO"), ("M1C2", "AMBITIOUS"),
            ("M1C2", "Smart Land"), ("M2C2", "Lombardy Mobility Cluster"),
            ("M6C2", "Lombardy Life Sciences Cluster")} <= rows
    assert {r["mission"] for r in answer(store, "projects-by-pnrr-component")} == {
        "M1", "M2", "M3", "M4", "M6"}


def test_projects_per_funding_programme(store: GraphStore) -> None:
    rows = {r["programme"]: int(r["projects"])
            for r in answer(store, "projects-by-funding-programme")}
    assert rows["Horizon Europe"] == 7 and rows["I3"] == 4
    assert rows["Interreg Alpine Space"] == 3 and rows["PNRR"] == 2
    assert rows["Interreg Europe"] == 1 and rows["Erasmus+"] == 1


def test_one_clusters_profile(store: GraphStore) -> None:
    facts = {(r["fact"], r["value"]) for r in answer(store, "cluster-profile")}
    assert {("name", "Lombardy Energy Cleantech Cluster"), ("acronym", "LE2C"),
            ("website", "http://energycluster.it/en"), ("seat", "Via Pantano, 9 - 20122 Milano"),
            ("members: total", "140"), ("members: companies", "104"),
            ("members: research", "10"), ("members: other", "26"),
            ("reference ecosystem", "Sustainability"), ("project", "SYSCHEMIQ")} <= facts
    aerospace = {(r["fact"], r["value"]) for r in answer(store, "cluster-profile",
                                                        cluster="cluster:aerospace")}
    assert ("acronym", "LAC") in aerospace and ("members: total", "114") in aerospace


def test_keyword_search(store: GraphStore) -> None:
    found = {tail(r["resource"]) for r in answer(store, "search", keyword="Hydrogen")}
    assert {"shine", "here-network", "M2C2", "european-clean-hydrogen-alliance"} <= found


@pytest.mark.parametrize("attack", ['") } ?s ?p ?o { ("', "x' || true || '", "%"])
def test_a_parameter_cannot_change_the_query(store: GraphStore, attack: str) -> None:
    assert answer(store, "search", keyword=attack) == []


def test_seats(store: GraphStore) -> None:
    rows = {(r["cluster"], r["address"], r["type"], r["city"], r["country"])
            for r in answer(store, "seats")}
    assert len(rows) == 12
    afil, lac, clm = ("Lombardy Intelligent Factory Association", "Lombardia Aerospace Cluster",
                      "Lombardy Mobility Cluster")
    assert (afil, "Via G. Colombo, 83 - 20133 Milan (Italy)", "Headquarters", "Milan",
            "Italy") in rows
    assert (lac, "c/o Confindustria Varese, Piazza Monte Grappa 5, Varese",
            "Operative headquarters", "Varese", "") in rows
    assert (clm, "Via Cefalonia 60, Brescia (Italy)", "Operational office", "Brescia",
            "Italy") in rows


def test_source_conflicts(store: GraphStore) -> None:
    resources = {tail(r["resource"]) for r in answer(store, "source-conflicts")}
    assert {"autitec", "ai-redgio-5-0", "green-chemistry", "life-sciences-1", "smart-city-now",
            "lombardy-technology-clusters-2024-total-foreword",
            "s3-lombardia-2021-2027"} <= resources


def test_success_stories(store: GraphStore) -> None:
    rows = {(r["cluster"], r["story"]): (r["from"], r["to"])
            for r in answer(store, "success-stories")}
    afil = {s: y for (c, s), y in rows.items() if c == "Lombardy Intelligent Factory Association"}
    assert sorted(afil.values()) == [("2019", "2020"), ("2022", "2022"), ("2022", "2022")]


def test_technology_areas(store: GraphStore) -> None:
    rows = answer(store, "technology-areas")
    assert rows[0]["area"] == "Digital Health" and rows[0]["clusters"] == "2"
    assert len(rows) == 26


LANGUAGE_AWARE = [q for q in QUERIES if any(p.name == "language" for p in q.params)]


@pytest.fixture(scope="module")
def italian_names(store: GraphStore) -> dict[str, str]:
    """English label -> Italian label, for the things whose two labels differ."""
    answer = select(store, """SELECT ?en ?it WHERE {
      ?thing rdfs:label ?en , ?it .
      FILTER(LANG(?en) = "en" && LANG(?it) = "it" && STR(?en) != STR(?it))
    } ORDER BY ?en""")
    return {row["en"]["value"]: row["it"]["value"] for row in answer["results"]["bindings"]}


@pytest.mark.parametrize("query", LANGUAGE_AWARE, ids=[q.name for q in LANGUAGE_AWARE])
def test_names_come_in_the_language_asked_with_english_by_default(
        query: NamedQuery, store: GraphStore, italian_names: dict[str, str]) -> None:
    required = {p.name: p.example for p in query.params if p.required and p.example}
    english = answer(store, query.name, **required, language="en")
    italian = answer(store, query.name, **required, language="it")
    assert answer(store, query.name, **required) == english
    assert len(italian) == len(english)
    assert {r["language"] for r in english} == {"en"} and {r["language"] for r in italian} == {"it"}
    shown = {v for r in english for k, v in r.items() if k != "language"}
    if shown & italian_names.keys():  # the answer names something the data names in Italian
        assert {v for r in italian for v in r.values()} & set(italian_names.values())


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ltc_graph.cli", "query", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)


def test_query_command_runs_canned_queries_with_parameters() -> None:
    table = cli("clusters")
    assert table.returncode == 0 and table.stdout.rstrip().endswith("(9 rows)")
    rows = json.loads(cli("where-is-it-stated", "--param", "resource=project:plastix",
                          "--format", "json").stdout)
    assert {r["page"] for r in rows} == {"6"}
    csv_rows = cli("queries/clusters.rq", "--format", "csv").stdout.splitlines()
    assert csv_rows[0] == "cluster,name,acronym,website,members,language" and len(csv_rows) == 10


def test_a_query_longer_than_a_file_name_runs_from_the_command_line() -> None:
    text = ("SELECT ?cluster WHERE { ?cluster a ltc:Cluster "
            + "FILTER(STRLEN(STR(?cluster)) > 0) " * 12 + "} ORDER BY ?cluster")
    assert len(text) > 300  # longer than a file name may be
    done = cli(text)
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith("(9 rows)")


@pytest.mark.parametrize(("args", "message"), [
    (["where-is-it-stated", "--param", "resource=not an iri"], "parameter 'resource' must be"),
    (["clusters", "--param", "x=1"], "unknown parameter 'x'"),
    (["search"], "parameter 'keyword' is required"),
    (["nope"], "no query named 'nope'"),
    (["SELECT ?x WHERE { ?x ?y }"], "SPARQL syntax error"),
])
def test_query_command_errors_exit_2(args: list[str], message: str) -> None:
    done = cli(*args)
    assert done.returncode == 2 and message in done.stderr, done.stderr


@pytest.fixture(scope="module")
def url(backend: Backend) -> Iterator[str]:
    with running_server(*backend.serve_args()) as endpoint:
        yield endpoint.rsplit("/sparql", 1)[0]


def get(url: str, path: str, accept: str = "*/*") -> tuple[int, str, bytes]:
    status, headers, body = fetch(url + path, accept)
    return status, headers.get("Content-Type", ""), body


def test_queries_are_listed_in_json_and_html(url: str) -> None:
    status, media, body = get(url, "/queries", "application/json")
    assert status == 200 and media.startswith("application/json")
    listed = json.loads(body)["queries"]
    assert {q["name"] for q in listed} == {q.name for q in QUERIES}
    assert all(q["url"].endswith(f"/queries/{q['name']}") for q in listed)
    status, media, body = get(url, "/queries", "text/html")
    assert status == 200 and b"The nine clusters" in body


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_a_canned_query_runs_at_its_url_in_every_format(url: str, fmt: str) -> None:
    status, _, body = get(url, f"/queries/clusters-in-network?format={fmt}"
                                   "&network=network:vanguard-initiative")
    assert status == 200
    text = body.decode()
    for cluster in ("afil", "life-sciences", "energy"):
        assert f"https://w3id.org/ltc/id/cluster/{cluster}" in text
    assert "agrifood" not in text


FORMAT_ROWS = {
    "json": lambda body: len(json.loads(body)["results"]["bindings"]),
    "xml": lambda body: body.count(b"<result>"),
    "csv": lambda body: len(body.decode().splitlines()) - 1,
    "tsv": lambda body: len(body.decode().splitlines()) - 1,
}


@pytest.mark.parametrize("query", QUERIES, ids=[q.name for q in QUERIES])
def test_every_canned_query_gives_the_same_answer_in_every_format(
    url: str, store: GraphStore, query: NamedQuery
) -> None:
    example = {p.name: p.example for p in query.params if p.required}
    expected = len(answer(store, query.name, **example))
    suffix = "".join(f"&{k}={v}" for k, v in example.items())
    for fmt, count in FORMAT_ROWS.items():
        status, _, body = get(url, f"/queries/{query.name}?format={fmt}{suffix}")
        assert status == 200 and count(body) == expected, fmt


def test_canned_query_page_for_people(url: str) -> None:
    status, media, body = get(url, "/queries/clusters", "text/html")
    assert status == 200 and media.startswith("text/html")
    assert b"Lombardy Intelligent Factory Association" in body and b"<table>" in body
    assert b"PREFIX ltc: &lt;https://w3id.org/ltc/ontology#&gt;" in body


@pytest.mark.parametrize(("path", "status", "message"), [
    ("/queries/where-is-it-stated?resource=not%20an%20iri", 400, "parameter 'resource' must be"),
    ("/queries/clusters?colour=red", 400, "unknown parameter 'colour'"),
    ("/queries/nope", 404, "no canned query named 'nope'"),
])
def test_canned_query_errors(url: str, path: str, status: int, message: str) -> None:
    got, _, body = get(url, path)
    assert got == status and message in body.decode()
