"""What every cluster page prints, checked the same way for each cluster.

Each test_facts_<cluster>.py module holds the values its page prints (CLUSTER, NAMES,
ACRONYMS, SHORT_NAME, WEBSITE, ECOSYSTEMS, AREAS, SEATS, MEMBERS, NETWORKS, ONGOING,
SYNERGIES), read off the brochure, and the tests particular to that page; the tests below run
on all nine.
"""

from __future__ import annotations

from collections import Counter
from types import ModuleType
from urllib.parse import urlsplit

import pytest
import test_facts_aerospace
import test_facts_afil
import test_facts_agrifood
import test_facts_energy
import test_facts_green_chemistry
import test_facts_life_sciences
import test_facts_living_environments
import test_facts_mobility
import test_facts_smart_communities
from rdflib import Dataset
from test_facts_provenance import graphs_stating

from facts import Select, match, named, seats, synergy_boxes, values
from ltc_graph.namespaces import GRAPH

CLUSTERS: list[ModuleType] = [
    test_facts_aerospace,
    test_facts_afil,
    test_facts_agrifood,
    test_facts_energy,
    test_facts_green_chemistry,
    test_facts_life_sciences,
    test_facts_living_environments,
    test_facts_mobility,
    test_facts_smart_communities,
]
IDS = [c.CLUSTER.split(":")[1] for c in CLUSTERS]
SEAT_CASES = [
    pytest.param(c, *seat, id=f"{c.CLUSTER.split(':')[1]}-{i}")
    for c in CLUSTERS
    for i, seat in enumerate(c.SEATS, start=1)
]


@pytest.mark.parametrize("c", CLUSTERS, ids=IDS)
def test_name(c: ModuleType, select: Select) -> None:
    rows = select(f"SELECT ?l WHERE {{ {c.CLUSTER} a ltc:Cluster ; rdfs:label ?l }}")
    assert {(r.l.language, str(r.l)) for r in rows if r.l.language == "en"} == {
        ("en", c.NAMES["en"])
    }
    assert {(r.l.language, str(r.l).casefold()) for r in rows} == {
        (lang, name.casefold()) for lang, name in c.NAMES.items()
    }


@pytest.mark.parametrize("c", CLUSTERS, ids=IDS)
def test_acronym(c: ModuleType, select: Select) -> None:
    assert values(select, f"SELECT ?a WHERE {{ {c.CLUSTER} ltc:acronym ?a }}") == sorted(c.ACRONYMS)


@pytest.mark.parametrize("c", CLUSTERS, ids=IDS)
def test_short_name_from_the_section_that_prints_it(c: ModuleType, dataset: Dataset) -> None:
    section, name = c.SHORT_NAME
    assert graphs_stating(dataset, f'{c.CLUSTER} ltc:shortName "{name}"') == {str(GRAPH[section])}
    assert graphs_stating(dataset, f"{c.CLUSTER} ltc:shortName ?other") == {str(GRAPH[section])}


@pytest.mark.parametrize("c", CLUSTERS, ids=IDS)
def test_website(c: ModuleType, select: Select) -> None:
    rows = select(f"SELECT ?w WHERE {{ {c.CLUSTER} foaf:homepage ?w }}")
    assert len(rows) == 1
    url = urlsplit(str(rows[0].w))
    assert url.netloc == c.WEBSITE.split("/")[0]
    assert url.netloc + url.path == c.WEBSITE


@pytest.mark.parametrize("c", CLUSTERS, ids=IDS)
def test_reference_ecosystems(c: ModuleType, select: Select) -> None:
    found = values(
        select,
        f"""SELECT ?l WHERE {{ {c.CLUSTER} ltc:referenceEcosystem ?e .
            ?e a ltc:S3Ecosystem ; rdfs:label ?l FILTER(lang(?l) = "en") }}""",
    )
    assert found == sorted(c.ECOSYSTEMS)


@pytest.mark.parametrize("c", CLUSTERS, ids=IDS)
def test_technology_areas(c: ModuleType, select: Select) -> None:
    rows = select(
        f"""SELECT ?a ?l WHERE {{ {c.CLUSTER} ltc:technologyArea ?a .
            ?a a ltc:TechnologyArea ; rdfs:label ?l FILTER(lang(?l) = "en") }}"""
    )
    assert len({r.a for r in rows}) == len(c.AREAS)
    assert sorted(str(r.l) for r in rows) == sorted(c.AREAS)


@pytest.mark.parametrize(("c", "full", "postcode", "city", "country", "site_type"), SEAT_CASES)
def test_seat(
    c: ModuleType,
    select: Select,
    full: str,
    postcode: str | None,
    city: str,
    country: str | None,
    site_type: str,
) -> None:
    seat = seats(select, c.CLUSTER)[full]
    assert seat["pc"] == ({postcode} if postcode else set())
    assert city in seat["city"]
    assert seat["country"] == ({country} if country else set()), "a country only where printed"
    assert seat["type"] == {site_type}


@pytest.mark.parametrize("c", CLUSTERS, ids=IDS)
def test_seat_addresses_are_exactly_the_printed_ones(c: ModuleType, select: Select) -> None:
    assert sorted(seats(select, c.CLUSTER)) == sorted(s[0] for s in c.SEATS)


@pytest.mark.parametrize("c", CLUSTERS, ids=IDS)
def test_member_counts(c: ModuleType, select: Select) -> None:
    rows = select(
        f"""SELECT ?cat ?v WHERE {{ ?c a ltc:MemberCount ; ltc:countOf {c.CLUSTER} ;
            ltc:memberCategory/skos:notation ?cat ; schema:value ?v }}"""
    )
    assert sorted((str(r.cat), int(r.v)) for r in rows) == sorted(c.MEMBERS.items())


@pytest.mark.parametrize("c", CLUSTERS, ids=IDS)
def test_no_member_count_beyond_the_printed_ones(c: ModuleType, select: Select) -> None:
    """A blank field is no count at all: no zero, no empty observation."""
    rows = select(f"SELECT ?c WHERE {{ ?c ltc:countOf {c.CLUSTER} }}")
    assert len(rows) == len(c.MEMBERS)


@pytest.mark.parametrize("c", CLUSTERS, ids=IDS)
def test_networks(c: ModuleType, select: Select) -> None:
    found = named(
        select, f"?m a ltc:NetworkMembership ; org:member {c.CLUSTER} ; org:organization ?x ."
    )
    match(c.NETWORKS, found)


@pytest.mark.parametrize("c", CLUSTERS, ids=IDS)
def test_ongoing_projects_2024(c: ModuleType, select: Select) -> None:
    """The projects under the page's c.ONGOING PROJECTS 2024 heading, with their status."""
    pattern = f"""?x a ltc:Project ; ltc:cluster {c.CLUSTER} ; ltc:status/skos:notation ?st .
        FILTER(str(?st) IN ("ongoing", "proposed"))"""
    pairs = match(set(c.ONGOING), named(select, pattern))
    status = {
        str(r.x): str(r.st)
        for r in select(
            f"SELECT ?x ?st WHERE {{ ?x ltc:cluster {c.CLUSTER} ; ltc:status/skos:notation ?st }}"
        )
    }
    assert {name: status[iri] for name, iri in pairs.items()} == c.ONGOING


@pytest.mark.parametrize("c", CLUSTERS, ids=IDS)
def test_synergy_boxes(c: ModuleType, select: Select) -> None:
    """Count, S3 ecosystems and PNRR components (canonical, as numbered, as worded)."""
    assert synergy_boxes(select, c.CLUSTER) == Counter(c.SYNERGIES)


@pytest.mark.parametrize("c", CLUSTERS, ids=IDS)
def test_synergy_boxes_belong_to_the_cluster_or_its_projects(c: ModuleType, select: Select) -> None:
    rows = select(
        f"""SELECT ?s ?of WHERE {{ ?s a ltc:Synergy ; ltc:cluster {c.CLUSTER} ; ltc:synergyOf ?of .
            FILTER NOT EXISTS {{ ?of ltc:cluster {c.CLUSTER} }}
            FILTER(?of != {c.CLUSTER}) }}"""
    )
    assert rows == []
