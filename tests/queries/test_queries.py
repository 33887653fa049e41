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


# The answers, complete: each test states the whole answer of a canned query (its rows in the
# query's order, the columns that say what the brochure states), read off the brochure.

AFIL = "Lombardy Intelligent Factory Association"
AGRIFOOD = "High Technology Cluster Agrifood Lombardy"
LAC = "Lombardia Aerospace Cluster"
LE2C = "Lombardy Energy Cleantech Cluster"
LGCA = "Lombardy Green Chemistry Association"
CLM = "Lombardy Mobility Cluster"
LIFE = "Lombardy Life Sciences Cluster"
SCC = "Cluster of Technologies for Smart Cities & Communities - Lombardy"
TAV = "Lombardy Cluster for Technologies for Living Environments Foundation"
ID = "https://w3id.org/ltc/id/"


def short(value: str) -> str:
    """An IRI of the data as `kind/slug`; any other value as it is."""
    return value[len(ID):] if value.startswith(ID) else value


def table(store: GraphStore, name: str, columns: str, **params: str) -> list[tuple[str, ...]]:
    """The answer's rows in order, as tuples of `columns` (space-separated; IRIs shortened)."""
    return [tuple(short(row[c]) for c in columns.split())
            for row in answer(store, name, **params)]


def listed(text: str) -> tuple[str, ...]:
    """A GROUP_CONCAT list, its items sorted: SPARQL leaves their order to the engine."""
    return tuple(sorted(text.split(", "))) if text else ()


def test_clusters_the_nine_with_short_names_websites_and_stated_totals(
        store: GraphStore) -> None:
    assert table(store, "clusters", "cluster name acronym shortName website members") == [
        ("cluster/smart-communities", SCC, "SCC", "SCC", "http://www.clusterscclombardia.it",
         "88"),
        ("cluster/agrifood", AGRIFOOD, "", "Agrifood", "http://www.clusteragrofoodlombardia.eu",
         ""),
        ("cluster/aerospace", LAC, "LAC", "LAC", "http://www.aerospacelombardia.it/en", "114"),
        ("cluster/living-environments", TAV, "TAV", "TAV", "http://cluster.techforlife.it",
         "31"),
        ("cluster/energy", LE2C, "LE2C", "LE2C", "http://energycluster.it/en", "140"),
        ("cluster/green-chemistry", LGCA, "LGCA", "LGCA",
         "http://www.chimicaverdelombardia.it/en/", ""),
        ("cluster/afil", AFIL, "AFIL", "AFIL", "http://www.afil.it/", "143"),
        ("cluster/life-sciences", LIFE, "", "Life Sciences",
         "http://www.lombardialifesciences.it/en/", "114"),
        ("cluster/mobility", CLM, "CLM", "CLM", "http://www.clusterlombardomobilita.it", ""),
    ]


def test_members_by_cluster_with_short_names_and_blanks_for_what_is_not_stated(
        store: GraphStore) -> None:
    assert table(store, "members-by-cluster",
                 "cluster shortName total companies research other year") == [
        ("cluster/smart-communities", "SCC", "88", "69", "11", "8", "2024"),
        ("cluster/agrifood", "Agrifood", "", "", "", "", "2024"),
        ("cluster/aerospace", "LAC", "114", "106", "6", "2", "2024"),
        ("cluster/living-environments", "TAV", "31", "9", "13", "9", "2024"),
        ("cluster/energy", "LE2C", "140", "104", "10", "26", "2024"),
        ("cluster/green-chemistry", "LGCA", "", "", "", "", "2024"),
        ("cluster/afil", "AFIL", "143", "", "", "", "2024"),
        ("cluster/life-sciences", "Life Sciences", "114", "63", "36", "15", "2024"),
        ("cluster/mobility", "CLM", "", "", "", "", "2024"),
    ]


def test_members_by_type(store: GraphStore) -> None:
    categories = ("All members", "Companies", "Other entities", "Research organisations")
    expected = [
        ("9 Lombardy Technology Clusters", (794, 585, 98, 111)),
        (SCC, (88, 69, 8, 11)), (LAC, (114, 106, 2, 6)), (TAV, (31, 9, 9, 13)),
        (LE2C, (140, 104, 26, 10)), (AFIL, (143,)), (LIFE, (114, 63, 15, 36)),
    ]
    assert table(store, "member-breakdown", "organisation category members") == [
        (organisation, category, str(value)) for organisation, figures in expected
        for category, value in zip(categories, figures, strict=False)]


def test_member_totals_against_the_sum_of_stated_counts(store: GraphStore) -> None:
    assert table(store, "member-totals", "category overview sumOfStated clustersStating") == [
        ("All members", "794", "630", "6"), ("Companies", "585", "351", "5"),
        ("Research organisations", "111", "76", "5"), ("Other entities", "98", "60", "5"),
    ]


def test_where_is_it_stated_gives_every_statement_with_its_section_and_page(
        store: GraphStore) -> None:
    rdf, rdfs = "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#"
    ltc, graph = "https://w3id.org/ltc/ontology#", "https://w3id.org/ltc/graph/"
    org, prov = "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#"
    afil = [(p.replace("rdf:", rdf).replace("rdfs:", rdfs).replace("ltc:", ltc)
             .replace("org:", org).replace("prov:", prov), v, graph + g, page)
            for p, v, g, page in [
        ("http://purl.org/dc/terms/description", "Regional cluster for advanced manufacturing; "
         "it also runs strategic communities on circular economy and digital transformation.",
         "afil", "6"),
        ("rdf:type", ltc + "Cluster", "afil", "6"),
        ("rdfs:label", AFIL, "afil", "6"),
        ("org:hasSite", "site/afil-brussels", "afil", "6"),
        ("org:hasSite", "site/afil-milano", "afil", "6"),
        ("prov:wasDerivedFrom", graph + "afil", "afil", "6"),
        ("http://xmlns.com/foaf/0.1/homepage", "http://www.afil.it/", "afil", "6"),
        ("ltc:acronym", "AFIL", "afil", "6"),
        ("ltc:referenceEcosystem", "s3/advanced-manufacturing", "afil", "6"),
        ("ltc:shortName", "AFIL", "afil", "6"),
        ("ltc:technologyArea",
         "area/advanced-manufacturing-materials-processes-methods-technologies", "afil", "6"),
        ("rdf:type", ltc + "Cluster", "cover", ""),
        ("http://www.w3.org/2004/02/skos/core#altLabel", "Advanced Manufacturing", "cover", ""),
        ("prov:wasDerivedFrom", graph + "cover", "cover", ""),
    ]]
    assert table(store, "where-is-it-stated", "property value section page") == afil
    plastix = table(store, "where-is-it-stated", "resource section source page",
                    resource="project:plastix")
    assert set(plastix) == {("project/plastix", graph + "afil", "source/brochure-2024", "6")}
    assert len(plastix) == 17


def test_networks_shared_by_several_clusters_with_every_way_in(store: GraphStore) -> None:
    rows = [(network, int(n), listed(members))
            for network, n, members in table(store, "shared-networks", "network clusters members")]

    def directly(*clusters: str) -> tuple[str, ...]:
        return listed(", ".join(f"{c} (directly)" for c in clusters))

    assert rows == [
        ("Vanguard Initiative", 5, listed(", ".join([
            f"{AFIL} (directly)", f"{LIFE} (directly)",
            f"{LE2C} (directly, Representative of the Lombardy Region)",
            f"{LE2C} (through ADMA working group)",
            f"{LE2C} (through Hydrogen working table, Co-coordinator of the Hydrogen Table)",
            f"{TAV} (through Smart Health Pilot)",
            f"{LGCA} (through Bioeconomy Pilot, Technical coordinator)"]))),
        ("European Cluster Collaboration Platform", 4, directly(AFIL, AGRIFOOD, LE2C, SCC)),
        ("4 Motors of Europe", 3, directly(AFIL, LGCA, CLM)),
        ("Automotive Regions Alliance", 2, directly(CLM, LGCA)),
        ("C2Future", 2, directly(LGCA, CLM)), ("ECH2A", 2, directly(LGCA, CLM)),
        ("EUSALP", 2, directly(CLM, LGCA)),
    ]


@pytest.mark.parametrize(("network", "members"), [
    (None, [("cluster/smart-communities", "directly", "", ""),
            ("cluster/agrifood", "directly", "", ""),
            ("cluster/energy", "directly", "", ""),
            ("cluster/afil", "directly", "", "")]),
    ("network:vanguard-initiative", [
        ("cluster/living-environments", "through Smart Health Pilot",
         "unit/vanguard-initiative-smart-health-pilot", ""),
        ("cluster/energy", "directly", "", "Representative of the Lombardy Region"),
        ("cluster/energy", "through ADMA working group", "unit/vanguard-initiative-adma", ""),
        ("cluster/energy", "through Hydrogen working table", "unit/vanguard-initiative-hydrogen",
         "Co-coordinator of the Hydrogen Table"),
        ("cluster/green-chemistry", "through Bioeconomy Pilot",
         "unit/vanguard-initiative-bioeconomy-pilot", "Technical coordinator"),
        ("cluster/afil", "directly", "", ""),
        ("cluster/life-sciences", "directly", "", "")]),
    ("https://w3id.org/ltc/id/network/enterprise-europe-network", [
        ("organisation/confindustria-lombardia", "through SIMPLER consortium",
         "unit/enterprise-europe-network-simpler", "Partner"),
        ("cluster/energy", "directly", "", "")]),
    ("network:eusalp", [("cluster/green-chemistry", "directly", "", ""),
                        ("cluster/mobility", "directly", "", "")]),
])
def test_clusters_in_a_network_with_how_each_is_in_it(
        store: GraphStore, network: str | None, members: list[tuple[str, ...]]) -> None:
    params = {"network": network} if network else {}
    assert table(store, "clusters-in-network", "member path via role", **params) == members


def test_who_shares_networks_with_whom_and_how(store: GraphStore) -> None:
    ecc, vi = "European Cluster Collaboration Platform", "Vanguard Initiative"
    rows = [(a, b, int(n), listed(networks)) for a, b, n, networks in
            table(store, "network-partners", "cluster partner shared networks")]
    assert rows == [
        (LGCA, CLM, 5, listed("EUSALP, Automotive Regions Alliance, 4 Motors of Europe, ECH2A, "
                              "C2Future")),
        (AFIL, LE2C, 2, (ecc, vi)),
        (AFIL, LGCA, 2, ("4 Motors of Europe", "Vanguard Initiative (LGCA through Bioeconomy "
                                               "Pilot)")),
        (AGRIFOOD, SCC, 1, (ecc,)), (AGRIFOOD, LE2C, 1, (ecc,)), (LE2C, SCC, 1, (ecc,)),
        (LE2C, TAV, 1, ("Vanguard Initiative (TAV through Smart Health Pilot)",)),
        (LE2C, LGCA, 1, ("Vanguard Initiative (LGCA through Bioeconomy Pilot)",)),
        (LE2C, LIFE, 1, (vi,)),
        (LGCA, TAV, 1, ("Vanguard Initiative (LGCA through Bioeconomy Pilot; TAV through Smart "
                        "Health Pilot)",)),
        (LGCA, LIFE, 1, ("Vanguard Initiative (LGCA through Bioeconomy Pilot)",)),
        (AFIL, SCC, 1, (ecc,)), (AFIL, AGRIFOOD, 1, (ecc,)),
        (AFIL, TAV, 1, ("Vanguard Initiative (TAV through Smart Health Pilot)",)),
        (AFIL, LIFE, 1, (vi,)), (AFIL, CLM, 1, ("4 Motors of Europe",)),
        (LIFE, TAV, 1, ("Vanguard Initiative (TAV through Smart Health Pilot)",)),
    ]


def test_shared_memberships_every_cluster_with_every_way_in(store: GraphStore) -> None:
    rows = table(store, "shared-memberships", "cluster partner kind clusters via role")
    shared = {"network/european-cluster-collaboration-platform": ("network", "4"),
              "network/vanguard-initiative": ("network", "5"),
              "network/four-motors-of-europe": ("network", "3"),
              "network/automotive-regions-alliance": ("network", "2"),
              "network/c2future": ("network", "2"), "network/eusalp": ("network", "2"),
              "network/european-clean-hydrogen-alliance": ("network", "2"),
              "programme/horizon-europe": ("programme", "5"), "programme/cosme": ("programme", "3"),
              "programme/interreg-alpine-space": ("programme", "2"),
              "programme/i3": ("programme", "2"), "programme/cef": ("programme", "2"),
              "programme/horizon": ("programme", "2"), "programme/life": ("programme", "2")}
    vi = "network/vanguard-initiative"
    ways = {  # (cluster, partner): [(via, role)] where the cluster is in a network other ways
        ("cluster/living-environments", vi): [("unit/vanguard-initiative-smart-health-pilot", "")],
        ("cluster/energy", vi): [("", "Representative of the Lombardy Region"),
                                 ("unit/vanguard-initiative-adma", ""),
                                 ("unit/vanguard-initiative-hydrogen",
                                  "Co-coordinator of the Hydrogen Table")],
        ("cluster/green-chemistry", vi): [("unit/vanguard-initiative-bioeconomy-pilot",
                                           "Technical coordinator")],
    }
    partners = {
        "smart-communities": ["network/european-cluster-collaboration-platform"],
        "agrifood": ["programme/horizon-europe", "network/european-cluster-collaboration-platform"],
        "aerospace": [""],
        "living-environments": ["programme/horizon-europe", vi, "programme/interreg-alpine-space"],
        "energy": ["programme/horizon-europe", vi,
                   "network/european-cluster-collaboration-platform", "programme/cosme",
                   "programme/i3"],
        "green-chemistry": ["programme/horizon-europe", vi, "network/four-motors-of-europe",
                            "programme/cosme", "network/automotive-regions-alliance",
                            "network/c2future", "programme/cef",
                            "network/european-clean-hydrogen-alliance", "network/eusalp",
                            "programme/horizon", "programme/interreg-alpine-space",
                            "programme/life"],
        "afil": ["programme/horizon-europe", vi, "network/european-cluster-collaboration-platform",
                 "network/four-motors-of-europe", "programme/i3"],
        "life-sciences": [vi],
        "mobility": ["network/four-motors-of-europe", "programme/cosme",
                     "network/automotive-regions-alliance", "network/c2future", "programme/cef",
                     "network/european-clean-hydrogen-alliance", "network/eusalp",
                     "programme/horizon", "programme/life"],
    }
    assert rows == [(f"cluster/{c}", p, *shared.get(p, ("", "")), via, role)
                    for c, ps in partners.items() for p in ps
                    for via, role in ways.get((f"cluster/{c}", p), [("", "")])]


def test_events_calendar_2024_with_the_year_only_mission(store: GraphStore) -> None:
    assert table(store, "events-2024", "start end precision event place city country") == [
        ("2024", "2024", "Year",
         "Lombardy Life Sciences Cluster business mission to the Emirates (2024)", "Emirates",
         "", ""),
        ("2024-03-17", "2024-03-19", "Day", "Outgoing Mission To Türkiye", "Istanbul",
         "Istanbul", "Türkiye"),
        ("2024-04-11", "2024-04-11", "Day", 'Casa Vallonia "Space & Aeronautics"', "Turin",
         "Turin", "Italy"),
        ("2024-04-17", "2024-04-17", "Day", "Civil & Military Aeromixer III", "Wrocław",
         "Wrocław", "Poland"),
        ("2024-05-14", "2024-05-16", "Day", "Aerospace & Defense Meetings Sevilla", "Seville",
         "Seville", "Spain"),
        ("2024-05-20", "2024-05-22", "Day", "Space Meetings Veneto", "Venice", "Venice",
         "Italy"),
        ("2024-06-05", "2024-06-09", "Day", "Ila Berlin", "Berlin", "Berlin", "Germany"),
        ("2024-07-22", "2024-07-26", "Day", "Farnborough International Airshow", "London",
         "London", "United Kingdom"),
        ("2024-11-04", "2024-11-07", "Day", "European Rotors", "Amsterdam", "Amsterdam",
         "Netherlands"),
        ("2024-12-03", "2024-12-05", "Day", "Aeromart Toulouse", "Toulouse", "Toulouse",
         "France"),
    ]


CALENDAR_2024 = [  # the aerospace cluster's 2024 calendar (page 21): start, end, place, country
    ("outgoing-mission-to-turkiye-2024", "2024-03-17", "2024-03-19", "Istanbul", "Türkiye"),
    ("casa-vallonia-space-aeronautics-2024", "2024-04-11", "2024-04-11", "Turin", "Italy"),
    ("civil-military-aeromixer-iii-2024", "2024-04-17", "2024-04-17", "Wrocław", "Poland"),
    ("aerospace-defense-meetings-sevilla-2024", "2024-05-14", "2024-05-16", "Seville", "Spain"),
    ("space-meetings-veneto-2024", "2024-05-20", "2024-05-22", "Venice", "Italy"),
    ("ila-berlin-2024", "2024-06-05", "2024-06-09", "Berlin", "Germany"),
    ("farnborough-international-airshow-2024", "2024-07-22", "2024-07-26", "London",
     "United Kingdom"),
    ("european-rotors-2024", "2024-11-04", "2024-11-07", "Amsterdam", "Netherlands"),
    ("aeromart-toulouse-2024", "2024-12-03", "2024-12-05", "Toulouse", "France"),
]


@pytest.mark.parametrize(("year", "events"), [
    ("2024", [("event/life-sciences-business-mission-emirates-2024", "2024", "2024",
               "2024-01-01", "2024-12-31", "vocab/year", "Emirates", "", "",
               "cluster/life-sciences")]
     + [(f"event/{e}", start, end, start, end, "vocab/day", place, place, country,
         "cluster/aerospace") for e, start, end, place, country in CALENDAR_2024]),
    ("2023", [("event/smart-city-now-2023", "2023", "2023", "2023-01-01", "2023-12-31",
               "vocab/year", "", "", "", "cluster/smart-communities")]),
    ("2026", [("event/winter-olympics-games-2026", "2026", "2026", "2026-01-01", "2026-12-31",
               "vocab/year", "", "", "", "")]),
    # a yearly series dated only by its launch: listed in that year, without a last day
    ("2018", [("event/bioeconomy-dialogues", "2018", "", "2018-01-01", "", "vocab/year", "", "",
               "", "cluster/green-chemistry")]),
    ("2025", []),
])
def test_events_of_a_year_by_day_or_by_year(store: GraphStore, year: str,
                                            events: list[tuple[str, ...]]) -> None:
    assert table(store, "events-by-year", "event start end first last precision placeName "
                 "cityName countryName cluster", year=year) == events


@pytest.mark.parametrize(("year", "dated"), [
    ("2022", [
        ("project/medtech4europe", "Project", "2018 \u2013 2022", "Year", "TAV"),
        ("project/healps-2", "Project", "2019 \u2013 2022", "Year", "TAV"),
        ("project/spatials3", "Project", "2020 \u2013 2022", "Year", "TAV"),
        ("role/afil--regional-value-chains", "Project role", "since 2022", "Year", "AFIL"),
        ("story/afil-regional-value-chains", "Success story", "2022", "Year", "AFIL"),
        ("programme/regional-value-chains", "Funding programme", "2022", "Year", ""),
        ("story/afil-sustainable-development-protocol", "Success story", "2022", "Year",
         "AFIL"),
        ("unit/energy-renewable-energy-communities-working-table",
         "Pilot, working table or community", "2022", "Year", "LE2C"),
        ("story/energy-renewable-energy-communities", "Success story", "2022 \u2013 2023", "Year",
         "LE2C"),
        ("project/syschemiq", "Project", "2022 \u2013 2026", "Year", "LE2C"),
    ]),
    ("2024", [
        ("project/syschemiq", "Project", "2022 \u2013 2026", "Year", "LE2C"),
        ("project/xpandh", "Project", "2023-01-01 \u2013 2024-12-31", "Day", "TAV"),
        ("event/life-sciences-business-mission-emirates-2024", "Event", "2024", "Year",
         "Life Sciences"),
    ] + [(f"event/{e}", "Event", start if start == end else f"{start} \u2013 {end}", "Day", "LAC")
         for e, start, end, _, _ in CALENDAR_2024]),
    ("2020", [
        ("project/living-environments-interreg-alpine-space-2018-2020", "Project",
         "2018 \u2013 2020", "Year", "TAV"),
        ("project/medtech4europe", "Project", "2018 \u2013 2022", "Year", "TAV"),
        ("story/afil-circular-economy-roadmap", "Success story", "2019 \u2013 2020", "Year",
         "AFIL"),
        ("project/healps-2", "Project", "2019 \u2013 2022", "Year", "TAV"),
        ("document/lombardy-roadmap-circular-economy", "Policy document", "2020", "Year",
         "AFIL"),
        ("project/spatials3", "Project", "2020 \u2013 2022", "Year", "TAV"),
        ("document/dgr-xi-4155-2020", "Policy document", "2020-12-30", "Day", ""),
    ]),
    ("2016", [
        ("project/design4all", "Project", "2013 \u2013 2016", "Year", "TAV"),
        ("membership/green-chemistry--vanguard-initiative-bioeconomy-pilot",
         "Network membership", "since 2016", "Year", "LGCA"),
        ("story/green-chemistry-vanguard-bioeconomy-pilot", "Success story", "2016", "Year",
         "LGCA"),
    ]),
])
def test_what_happened_in_a_year_across_kinds(store: GraphStore, year: str,
                                              dated: list[tuple[str, ...]]) -> None:
    assert table(store, "what-happened-in-year", "thing kind when precision clusters",
                 year=year) == dated


def test_clusters_per_s3_ecosystem_by_short_name(store: GraphStore) -> None:
    rows = [(e, int(n), listed(which))
            for e, n, which in table(store, "clusters-by-s3-ecosystem", "ecosystem clusters which")]
    assert rows == [
        ("Health and Life Science", 3, ("Life Sciences", "SCC", "TAV")),
        ("Smart Mobility and Architecture", 3, ("CLM", "LAC", "SCC")),
        ("Sustainability", 3, ("LE2C", "LGCA", "SCC")),
        ("Connectivity and Information", 2, ("LAC", "SCC")),
        ("Advanced Manufacturing", 1, ("AFIL",)), ("Culture and Knowledge", 1, ("SCC",)),
        ("Nutrition", 1, ("Agrifood",)), ("Social Development", 1, ("SCC",)),
    ]


def test_s3_ecosystems_by_cluster(store: GraphStore) -> None:
    connectivity, health = "s3/connectivity-and-information", "s3/health-and-life-science"
    mobility, sustainability = "s3/smart-mobility-and-architecture", "s3/sustainability"
    assert table(store, "s3-ecosystems-by-cluster", "cluster ecosystem reference synergies") == [
        ("cluster/smart-communities", connectivity, "true", "2"),
        ("cluster/smart-communities", "s3/culture-and-knowledge", "true", "0"),
        ("cluster/smart-communities", health, "true", "2"),
        ("cluster/smart-communities", mobility, "true", "0"),
        ("cluster/smart-communities", "s3/social-development", "true", "0"),
        ("cluster/smart-communities", sustainability, "true", "2"),
        ("cluster/agrifood", "s3/nutrition", "true", "2"),
        ("cluster/aerospace", connectivity, "true", "2"),
        ("cluster/aerospace", mobility, "true", "2"),
        ("cluster/living-environments", connectivity, "false", "2"),
        ("cluster/living-environments", health, "true", "2"),
        ("cluster/living-environments", "s3/social-development", "false", "2"),
        ("cluster/energy", sustainability, "true", "2"),
        ("cluster/green-chemistry", sustainability, "true", "2"),
        ("cluster/afil", "s3/advanced-manufacturing", "true", "2"),
        ("cluster/afil", connectivity, "false", "1"),
        ("cluster/afil", sustainability, "false", "1"),
        ("cluster/life-sciences", health, "true", "2"),
        ("cluster/mobility", mobility, "true", "2"),
        ("cluster/mobility", sustainability, "false", "2"),
    ]


def test_synergies_per_pnrr_mission(store: GraphStore) -> None:
    assert table(store, "projects-by-pnrr-mission", "notation boxes clusters") == [
        ("M1", "4", "3"), ("M2", "8", "5"), ("M3", "1", "1"), ("M4", "5", "4"),
        ("M5", "0", "0"), ("M6", "3", "2"), ("M7", "0", "0")]


# (component, cluster, what the synergy box belongs to): a project, or the cluster itself
PNRR = [
    ("M1C2", "cluster/smart-communities", "project/ambitious"),
    ("M1C2", "cluster/smart-communities", "project/smart-land"),
    ("M1C2", "cluster/afil", "project/ai-redgio-5-0"),
    ("M1C2", "cluster/mobility", "cluster/mobility"),
    ("M2C1", "cluster/agrifood", "project/agrifood-labour-conditions-farming"),
    ("M2C1", "cluster/agrifood", "project/agrifood-livestock-biosecurity"),
    ("M2C1", "cluster/energy", "project/syschemiq"),
    ("M2C1", "cluster/green-chemistry", "project/forest-ecovalue"),
    ("M2C1", "cluster/green-chemistry", "project/symbio"),
    ("M2C1", "cluster/afil", "project/plastix"),
    ("M2C2", "cluster/energy", "cluster/energy"),
    ("M2C2", "cluster/mobility", "cluster/mobility"),
    ("M2C3", "cluster/energy", "cluster/energy"),
    ("M3C2", "cluster/aerospace", "project/advanced-air-mobility-winter-olympics-2026"),
    ("M4C2", "cluster/aerospace", "project/advanced-air-mobility-winter-olympics-2026"),
    ("M4C2", "cluster/aerospace",
     "project/aerospace-internationalisation-and-business-networking"),
    ("M4C2", "cluster/energy", "cluster/energy"),
    ("M4C2", "cluster/life-sciences", "cluster/life-sciences"),
    ("M4C2", "cluster/mobility", "cluster/mobility"),
    ("M6C1", "cluster/living-environments", "cluster/living-environments"),
    ("M6C1", "cluster/life-sciences", "cluster/life-sciences"),
    ("M6C2", "cluster/living-environments", "cluster/living-environments"),
    ("M6C2", "cluster/life-sciences", "cluster/life-sciences"),
]


def test_pnrr_components_by_cluster(store: GraphStore) -> None:
    assert table(store, "pnrr-components-by-cluster", "notation cluster attachedTo") == PNRR


def test_clusters_on_a_pnrr_mission(store: GraphStore) -> None:
    assert table(store, "clusters-on-pnrr-mission", "cluster project component") == [
        ("cluster/agrifood", "project/agrifood-labour-conditions-farming", "M2C1"),
        ("cluster/agrifood", "project/agrifood-livestock-biosecurity", "M2C1"),
        ("cluster/energy", "", "M2C2"), ("cluster/energy", "", "M2C3"),
        ("cluster/energy", "project/syschemiq", "M2C1"),
        ("cluster/green-chemistry", "project/forest-ecovalue", "M2C1"),
        ("cluster/green-chemistry", "project/symbio", "M2C1"),
        ("cluster/afil", "project/plastix", "M2C1"),
        ("cluster/mobility", "", "M2C2"),
    ]


def test_projects_per_pnrr_component(store: GraphStore) -> None:
    names = {"cluster/smart-communities": SCC, "cluster/agrifood": AGRIFOOD,
             "cluster/aerospace": LAC, "cluster/living-environments": TAV,
             "cluster/energy": LE2C, "cluster/green-chemistry": LGCA, "cluster/afil": AFIL,
             "cluster/life-sciences": LIFE, "cluster/mobility": CLM,
             "project/ambitious": "AMBITIOUS", "project/smart-land": "Smart Land",
             "project/ai-redgio-5-0": "AI REDGIO 5.0",
             "project/agrifood-labour-conditions-farming": "Assessing and improving labour "
             "conditions and health and safety at work in farming",
             "project/agrifood-livestock-biosecurity": "Enhancing biosecurity in terrestrial "
             "livestock production",
             "project/syschemiq": "SYSCHEMIQ", "project/forest-ecovalue": "Forest EcoValue",
             "project/symbio": "SYMBIO", "project/plastix": "PLASTIX",
             "project/advanced-air-mobility-winter-olympics-2026": "Advanced Air Mobility (AAM) "
             "Project for Winter Olympics Games 2026",
             "project/aerospace-internationalisation-and-business-networking":
             "Internationalization and Business Networking activities"}
    # one row per synergy box: TAV's two boxes each name both Mission 6 components
    boxes = [row for row in PNRR for _ in range(2 if row[1] == "cluster/living-environments"
                                                 else 1)]
    assert table(store, "projects-by-pnrr-component", "notation cluster attachedTo") == [
        (component, names[cluster], names[attached]) for component, cluster, attached in boxes]


def test_projects_per_funding_programme(store: GraphStore) -> None:
    rows = [(p, int(n), listed(which)) for p, n, which in
            table(store, "projects-by-funding-programme", "programme projects which")]
    assert rows == [
        ("Horizon Europe", 7, listed(
            "AI REDGIO 5.0, Assessing and improving labour conditions and health and safety at "
            "work in farming, Enhancing biosecurity in terrestrial livestock production, "
            "iDesignRES, SYSCHEMIQ, SYMBIO, XpanDH")),
        ("I3", 4, ("BATMASS", "DeremCo", "RISE", "SMART-Growth")),
        ("Interreg Alpine Space", 3, ("Forest EcoValue", "HEALPS 2", "Unnamed Interreg Alpine "
                                      "Space project of Cluster TAV (2018-2020)")),
        ("PNRR", 2, ("AGE-IT", "Fit4MedRob")),
        ("COSME", 1, ("ESECA",)), ("Call Hub Research and Innovation", 1, ("SpatialS3",)),
        ("Clusters Go International", 1, ("ADMANTEX2i",)), ("Erasmus+", 1, ("LCAMP",)),
        ("Filiere & ecosistemi 2023", 1, ("Transition to the RECs ecosystem",)),
        ("Fondazione Cariplo", 1, ("Tech4lib",)), ("Horizon 2020", 1, ("ADMA TranS4MErs",)),
        ("Interreg Euro-MED", 1, ("GREENSMARTMED",)), ("Interreg Europe", 1, ("PLASTIX",)),
        ("MASE", 1, ("SMaRT PCBs",)), ("MIMIT", 1, ("EDIH Lombardia",)),
        ("Single Market Programme", 1, ("PIMAP4Sustainability",)),
    ]


def test_a_programmes_projects(store: GraphStore) -> None:
    assert table(store, "programme-projects", "project cluster status") == [
        ("project/agrifood-labour-conditions-farming", "cluster/agrifood", "vocab/proposed"),
        ("project/agrifood-livestock-biosecurity", "cluster/agrifood", "vocab/proposed"),
        ("project/xpandh", "cluster/living-environments", "vocab/ongoing"),
        ("project/syschemiq", "cluster/energy", "vocab/ongoing"),
        ("project/idesignres", "cluster/energy", ""),
        ("project/symbio", "cluster/green-chemistry", "vocab/ongoing"),
        ("project/ai-redgio-5-0", "cluster/afil", "vocab/ongoing"),
    ]


ENERGY_PROFILE = [
    ("acronym", "LE2C"),
    ("members: companies", "104"), ("members: other", "26"), ("members: research", "10"),
    ("members: total", "140"),
    ("name", LE2C),
    ("network", "Cluster Tecnologico Nazionale Energia"),
    ("network", "Digital Innovation Hub (DIH)"), ("network", "Enterprise Europe Network"),
    ("network", "European Cluster Collaboration Platform"), ("network", "HERE Network"),
    ("network", "ICEI Alliance"), ("network", "S3 Partnerships of European Regions"),
    ("network", "Vanguard Initiative"),
    ("network", "Vanguard Initiative (through ADMA working group)"),
    ("network", "Vanguard Initiative (through Hydrogen working table)"),
    ("project", "EDIH Lombardia"), ("project", "ESECA"), ("project", "RISE"),
    ("project", "SMaRT PCBs"), ("project", "SYSCHEMIQ"), ("project", "Tech4lib"),
    ("project", "Transition to the RECs ecosystem"), ("project", "iDesignRES"),
    ("reference ecosystem", "Sustainability"),
    ("seat", "Via Pantano, 9 - 20122 Milano"),
    ("short name", "LE2C"),
    ("technology area", "Circular Economy"), ("technology area", "Clean Air"),
    ("technology area", "Green Building"),
    ("technology area", "Smart Energy Systems - energy production and distribution"),
    ("technology area", "Sustainable Manufacturing"),
    ("technology area", "Water Energy Nexus - water management and purification"),
    ("website", "http://energycluster.it/en"),
]


def test_one_clusters_profile_with_its_networks_and_the_way_in(store: GraphStore) -> None:
    assert table(store, "cluster-profile", "fact value") == ENERGY_PROFILE
    tav = table(store, "cluster-profile", "fact value", cluster="cluster:living-environments",
                language="it")
    assert [row for row in tav if row[0] in ("name", "network", "short name")] == [
        ("name", "CTL Tecnologie per gli Ambienti di Vita"),
        ("network", "Medical Technologies partnership"),
        ("network", "Vanguard Initiative (tramite Smart Health Pilot)"),
        ("short name", "TAV"),
    ]
    life = table(store, "cluster-profile", "fact value", cluster="cluster:life-sciences")
    assert ("short name", "Life Sciences") in life and not [r for r in life if r[0] == "acronym"]


def test_keyword_search_names_each_resource_by_its_most_specific_class(
        store: GraphStore) -> None:
    assert table(store, "search", "resource type", keyword="Hydrogen") == [
        ("network/european-clean-hydrogen-alliance", "Network"),
        ("network/here-network", "Network"),
        ("membership/energy--vanguard-initiative-hydrogen", "Network membership"),
        ("pnrr/M2C2", "PNRR component"),
        ("unit/energy-dehsk", "Pilot, working table or community"),
        ("unit/vanguard-initiative-hydrogen", "Pilot, working table or community"),
        ("project/shine", "Project"),
        ("cluster/energy", "Technology cluster"),
    ]
    milan = table(store, "search", "resource type", keyword="Milan")
    assert [row for row in milan if row[0].startswith("place/")] == [
        ("place/milano", "City"), ("place/province-of-milan", "Region")]


@pytest.mark.parametrize("attack", ['") } ?s ?p ?o { ("', "x' || true || '", "%"])
def test_a_parameter_cannot_change_the_query(store: GraphStore, attack: str) -> None:
    assert answer(store, "search", keyword=attack) == []


def test_seats_with_their_city_and_the_country_they_lie_in(store: GraphStore) -> None:
    assert table(store, "seats", "cluster type address city country") == [
        (SCC, "Headquarters", "Via Giovanni Durando, 38 - 20158 Milano", "Milan", "Italy"),
        (AGRIFOOD, "Headquarters", "Via Einstein - loc. Cascina Codazza - 26900 Lodi", "Lodi",
         ""),
        (LAC, "Legal headquarters", "c/o Confindustria Lombardia, Via Pantano 9, Milano",
         "Milan", "Italy"),
        (LAC, "Operative headquarters", "c/o Confindustria Varese, Piazza Monte Grappa 5, Varese",
         "Varese", ""),
        (TAV, "Headquarters", "Viale Tonale, 28/30 - 23900 Lecco", "Lecco", ""),
        (LE2C, "Headquarters", "Via Pantano, 9 - 20122 Milano", "Milan", "Italy"),
        (LGCA, "Headquarters", "Piazza della Trivulziana, 4/A - 20126 Milano", "Milan", "Italy"),
        (AFIL, "Headquarters", "Place du Champ de Mars 1/3, 1050 Brussels (Belgium)", "Brussels",
         "Belgium"),
        (AFIL, "Headquarters", "Via G. Colombo, 83 - 20133 Milan (Italy)", "Milan", "Italy"),
        (LIFE, "Headquarters", "Via Pantano, 9 - 20122 Milano", "Milan", "Italy"),
        (CLM, "Headquarters", "Piazza Leonardo da Vinci 32, Milano (Italy)", "Milan", "Italy"),
        (CLM, "Operational office", "Via Cefalonia 60, Brescia (Italy)", "Brescia", "Italy"),
    ]


def test_seat_cities_with_the_country_stated_or_the_datasets(store: GraphStore) -> None:
    head, legal, operative = ("vocab/headquarters", "vocab/legal-headquarters",
                              "vocab/operative-headquarters")
    assert table(store, "seat-cities", "cluster siteType city country countryStated") == [
        ("cluster/mobility", "vocab/operational-office", "place/brescia", "IT", "true"),
        ("cluster/afil", head, "place/brussels", "BE", "true"),
        ("cluster/living-environments", head, "place/lecco", "IT", "false"),
        ("cluster/agrifood", head, "place/lodi", "IT", "false"),
        ("cluster/smart-communities", head, "place/milano", "IT", "true"),
        ("cluster/aerospace", legal, "place/milano", "IT", "true"),
        ("cluster/energy", head, "place/milano", "IT", "true"),
        ("cluster/green-chemistry", head, "place/milano", "IT", "true"),
        ("cluster/afil", head, "place/milano", "IT", "true"),
        ("cluster/life-sciences", head, "place/milano", "IT", "true"),
        ("cluster/mobility", head, "place/milano", "IT", "true"),
        ("cluster/aerospace", operative, "place/varese", "IT", "false"),
    ]


def test_source_conflicts(store: GraphStore) -> None:
    assert table(store, "source-conflicts", "resource section") == [
        ("project/ai-redgio-5-0", "https://w3id.org/ltc/graph/afil"),
        ("document/s3-lombardia-2021-2027", "https://w3id.org/ltc/graph/co-design"),
        ("count/lombardy-technology-clusters-2024-total-foreword",
         "https://w3id.org/ltc/graph/foreword"),
        ("cluster/green-chemistry", "https://w3id.org/ltc/graph/green-chemistry"),
        ("synergy/life-sciences-1", "https://w3id.org/ltc/graph/life-sciences"),
        ("synergy/life-sciences-1", "https://w3id.org/ltc/graph/life-sciences"),
        ("project/autitec", "https://w3id.org/ltc/graph/living-environments"),
        ("event/smart-city-now", "https://w3id.org/ltc/graph/smart-communities"),
    ]


def test_success_stories_with_the_years_they_span(store: GraphStore) -> None:
    assert table(store, "success-stories", "cluster story from to") == [
        (SCC, "Smart City Now (SCN)", "2023", "2023"),
        (LAC, "LAC business networking: Cluster2Cluster mini-missions", "", ""),
        (LAC, "LAC education: technical institutes and universities", "", ""),
        (LAC, "LAC internationalisation of the supply chain", "", ""),
        (LAC, "LAC supply chain services for SMEs", "", ""),
        (LAC, "LAC technological topics: paths on Industry 4.0, Additive Manufacturing, Space "
              "Economy and Circular Economy", "", ""),
        (TAV, "Cluster TAV at the SMAU Milano fair", "", ""),
        (TAV, "Cluster TAV past European, Interreg and regional projects", "", ""),
        (TAV, "Innovative partnerships: SpatialS3 and JA-ImplementAL", "", ""),
        (TAV, "Stable collaboration between SMEs and research institutes/IRCCS", "", ""),
        (LE2C, "From the working table on Renewable Energy Communities to the project "
               "Transition to the RECs ecosystem", "2022", "2023"),
        (LGCA, "Bioeconomy Dialogues events", "2018", "2018"),
        (LGCA, "Technical coordination of the Vanguard Initiative Bioeconomy Pilot", "2016",
         "2016"),
        (AFIL, "Contribution to the Lombardy initiative on advanced industrial regional "
               "value-chains", "2022", "2022"),
        (AFIL, "Lombardy Roadmap for Research and Innovation on Circular Economy", "2019",
         "2020"),
        (AFIL, "Signature of the Lombardy Protocol for Sustainable Development", "2022", "2022"),
        (LIFE, "Activation of a Digital Health Working Group", "", ""),
        (LIFE, "Launch of a Public-Private Working Group on Clinical Trials and Privacy", "", ""),
        (LIFE, "Support to the Lombardy Region's Call Hub Research and Innovation", "", ""),
        (CLM, "CLM projects in alternative drives, intelligent transport and lightweighting", "",
         ""),
    ]


def test_technology_areas(store: GraphStore) -> None:
    rows = [(area, int(n), listed(which)) for area, n, which in
            table(store, "technology-areas", "area clusters which")]
    one = {  # area: the one cluster that declares it
        "Active Ageing": TAV,
        "Advanced Manufacturing materials, processes, methods and technologies": AFIL,
        "Aerospace": LAC, "Bioeconomy of the Future": LGCA, "Biorefineries": LGCA,
        "Biotechnology": LIFE, "Circular Economy": LE2C, "Clean Air": LE2C,
        "Digital Systems": SCC, "Future Environments of Life": TAV, "Green Building": LE2C,
        "Health Tourism & Sport": TAV, "Health and Well-being": TAV, "Health and Wellness": LIFE,
        "Lombardy's agri-food chain that fosters collaboration between the various players to "
        "promote and improve technological development and innovation and to support the "
        "competitiveness and growth of the sector": AGRIFOOD,
        "Medical Devices": LIFE, "Nutrition": TAV, "Personalised Medicine": TAV,
        "Pharmaceuticals": LIFE, "Rehabilitation": TAV,
        "Smart Energy Systems - energy production and distribution": LE2C,
        "Sustainable Chemistry": LGCA, "Sustainable Manufacturing": LE2C,
        "Sustainable and smart mobility": CLM,
        "Water Energy Nexus - water management and purification": LE2C,
    }
    assert rows == [("Digital Health", 2, listed(f"{LIFE}, {TAV}"))] + [
        (area, 1, (cluster,)) for area, cluster in one.items()]


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
    assert csv_rows[0] == "cluster,name,acronym,shortName,website,members,language"
    assert len(csv_rows) == 10


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
