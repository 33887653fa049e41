"""Cluster of Technologies for Smart Cities & Communities - Lombardy (brochure pages 18-19),
against the source.

Every expected value below was read off the brochure text, not off the data files. The synergy
boxes print "Information and Connectivity Ecosystem", a variant of the S3 ecosystem
"Connectivity and Information".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from rdflib.query import ResultRow

Select = Callable[[str], list[ResultRow]]

Box = tuple[frozenset[str], frozenset[tuple[str, str, str]]]


# --- helpers -----------------------------------------------------------------------------------


def named(select: Select, pattern: str) -> dict[str, set[str]]:
    """Every ?x bound by `pattern`, with all the names it goes by (labels, acronyms, both)."""
    rows = select(
        f"""SELECT DISTINCT ?x ?nameKind ?nameText WHERE {{
            {{ {pattern} }}
            OPTIONAL {{
                {{ ?x rdfs:label|skos:altLabel|skos:prefLabel ?nameText
                   BIND("label" AS ?nameKind) }}
                UNION {{ ?x ltc:acronym ?nameText BIND("acronym" AS ?nameKind) }}
            }}
        }}"""
    )
    labels: dict[str, set[str]] = {}
    acronyms: dict[str, set[str]] = {}
    for r in rows:
        labels.setdefault(str(r.x), set())
        acronyms.setdefault(str(r.x), set())
        if r.nameText is not None:
            kind = labels if str(r.nameKind) == "label" else acronyms
            kind[str(r.x)].add(str(r.nameText))
    return {
        x: labels[x] | acronyms[x] | {f"{lab} ({acr})" for lab in labels[x] for acr in acronyms[x]}
        for x in labels
    }


def match(expected: set[str], found: dict[str, set[str]]) -> dict[str, str]:
    """Pair each expected name with the one node that bears it; no node left over."""
    pairs: dict[str, str] = {}
    for name in expected:
        hits = [iri for iri, names in found.items() if name in names]
        assert len(hits) == 1, f"{name!r} names {len(hits)} nodes: {hits}"
        pairs[name] = hits[0]
    assert set(pairs.values()) == set(found), f"unexpected: {set(found) - set(pairs.values())}"
    return pairs


def the(select: Select, name: str, pattern: str = "?x a ltc:Project .") -> str:
    """The IRI (in angle brackets) of the one node bound to ?x by `pattern` named `name`."""
    hits = [iri for iri, names in named(select, pattern).items() if name in names]
    assert len(hits) == 1, f"{name!r} names {len(hits)} nodes: {hits}"
    return f"<{hits[0]}>"


def names_of(select: Select, node: str) -> set[str]:
    """All the names a node goes by."""
    found = named(select, f"VALUES ?x {{ {node} }}")
    assert len(found) == 1
    return next(iter(found.values()))


def values(select: Select, query: str) -> list[str]:
    """The first column of a SELECT, as sorted strings."""
    return sorted(str(r[0]) for r in select(query))


def quantities(select: Select, node: str) -> set[tuple[int, str | None]]:
    """The figures stated about a node: (value, qualifier such as "around" or None)."""
    rows = select(
        f"""SELECT ?v ?q WHERE {{ {node} ltc:quantity ?x . ?x schema:value ?v .
            OPTIONAL {{ ?x ltc:approximation ?q }} }}"""
    )
    return {(int(r.v), None if r.q is None else str(r.q).lower()) for r in rows}


def synergy_boxes(select: Select, cluster: str) -> Counter[Box]:
    """Each synergy box of the cluster as (S3 ecosystem labels, PNRR references)."""
    scope = f"""{{ ?s ltc:cluster {cluster} }} UNION {{ ?s ltc:synergyOf {cluster} }}
        UNION {{ ?s ltc:synergyOf ?p . ?p ltc:cluster {cluster} }} ?s a ltc:Synergy ."""
    boxes: dict[str, tuple[set[str], set[tuple[str, str, str]]]] = {
        str(r.s): (set(), set()) for r in select(f"SELECT DISTINCT ?s WHERE {{ {scope} }}")
    }
    for r in select(
        f"""SELECT DISTINCT ?s ?l WHERE {{ {scope} ?s ltc:s3Ecosystem ?e .
            ?e rdfs:label ?l FILTER(lang(?l) = "en") }}"""
    ):
        boxes[str(r.s)][0].add(str(r.l))
    for r in select(
        f"""SELECT DISTINCT ?s ?ref ?n ?sn ?sl WHERE {{ {scope} ?s ltc:pnrrReference ?ref .
            ?ref ltc:component ?c ; ltc:statedNotation ?sn ; ltc:statedLabel ?sl .
            ?c skos:notation ?n }}"""
    ):
        boxes[str(r.s)][1].add((str(r.n), str(r.sn), str(r.sl)))
    return Counter((frozenset(e), frozenset(p)) for e, p in boxes.values())


def box(s3: set[str], *refs: tuple[str, str, str]) -> Box:
    """A synergy box: S3 ecosystems and (component, number as printed, wording as printed)."""
    return frozenset(s3), frozenset(refs)


def seats(select: Select, cluster: str) -> dict[str, dict[str, set[str]]]:
    """The seats of a cluster by full address: postcodes, city names, countries, site types."""
    rows = select(
        f"""SELECT ?full ?pc ?cityname ?country ?type WHERE {{
            {cluster} org:hasSite ?site . ?site org:siteAddress ?a . ?a locn:fullAddress ?full .
            OPTIONAL {{ ?a locn:postCode ?pc }}
            OPTIONAL {{ ?a ltc:city ?city . ?city rdfs:label|skos:altLabel ?cityname }}
            OPTIONAL {{ ?a ltc:country ?c . ?c skos:notation ?country }}
            OPTIONAL {{ ?site ltc:siteType ?t . ?t skos:notation ?type }}
        }}"""
    )
    found: dict[str, dict[str, set[str]]] = {}
    for r in rows:
        entry = found.setdefault(
            str(r.full), {"pc": set(), "city": set(), "country": set(), "type": set()}
        )
        for key, value in (
            ("pc", r.pc),
            ("city", r.cityname),
            ("country", r.country),
            ("type", r.type),
        ):
            if value is not None:
                entry[key].add(str(value))
    return found


# --- what the source prints --------------------------------------------------------------------

CLUSTER = "cluster:smart-communities"
NAMES = {"en": "Cluster of Technologies for Smart Cities & Communities - Lombardy"}
ACRONYMS = {"SCC"}
WEBSITE = "www.clusterscclombardia.it"
ECOSYSTEMS = {
    "Health and Life Science",
    "Culture and Knowledge",
    "Connectivity and Information",
    "Smart Mobility and Architecture",
    "Sustainability",
    "Social Development",
}
AREAS = ["Digital Systems"]

# (full address as printed, postcode, city as printed, ISO country where printed, site type)
SEATS = [("Via Giovanni Durando, 38 - 20158 Milano", "20158", "Milano", None, "headquarters")]

MEMBERS = {"total": 88, "companies": 69, "research": 11, "other": 8}

NETWORKS = {"Smart Cities Tech", "European Cluster Collaboration Platform"}

ONGOING = {"AMBITIOUS": "ongoing", "Smart Land": "ongoing"}

M1C2_AS_PRINTED = "Digitalisation, innovation and competitiveness of the production system"
SYNERGIES = [
    box(
        {"Health and Life Science", "Connectivity and Information", "Sustainability"},
        ("M1C2", "M1C2", M1C2_AS_PRINTED),
    ),
    box(
        {"Health and Life Science", "Connectivity and Information", "Sustainability"},
        ("M1C2", "M1C2", M1C2_AS_PRINTED),
    ),
]


# --- identity ----------------------------------------------------------------------------------


def test_name(select: Select) -> None:
    rows = select(f"SELECT ?l WHERE {{ {CLUSTER} a ltc:Cluster ; rdfs:label ?l }}")
    assert {(r.l.language, str(r.l)) for r in rows if r.l.language == "en"} == {("en", NAMES["en"])}
    assert {(r.l.language, str(r.l).casefold()) for r in rows} == {
        (lang, name.casefold()) for lang, name in NAMES.items()
    }


def test_acronym(select: Select) -> None:
    assert values(select, f"SELECT ?a WHERE {{ {CLUSTER} ltc:acronym ?a }}") == sorted(ACRONYMS)


def test_website(select: Select) -> None:
    rows = select(f"SELECT ?w WHERE {{ {CLUSTER} foaf:homepage ?w }}")
    assert len(rows) == 1
    url = urlsplit(str(rows[0].w))
    assert url.netloc == WEBSITE.split("/")[0]
    assert url.netloc + url.path == WEBSITE


def test_reference_ecosystems(select: Select) -> None:
    found = values(
        select,
        f"""SELECT ?l WHERE {{ {CLUSTER} ltc:referenceEcosystem ?e .
            ?e a ltc:S3Ecosystem ; rdfs:label ?l FILTER(lang(?l) = "en") }}""",
    )
    assert found == sorted(ECOSYSTEMS)


def test_technology_areas(select: Select) -> None:
    rows = select(
        f"""SELECT ?a ?l WHERE {{ {CLUSTER} ltc:technologyArea ?a .
            ?a a ltc:TechnologyArea ; rdfs:label ?l FILTER(lang(?l) = "en") }}"""
    )
    assert len({r.a for r in rows}) == len(AREAS)
    assert sorted(str(r.l) for r in rows) == sorted(AREAS)


# --- seats -------------------------------------------------------------------------------------


def test_seat_addresses_are_exactly_the_printed_ones(select: Select) -> None:
    assert sorted(seats(select, CLUSTER)) == sorted(s[0] for s in SEATS)


@pytest.mark.parametrize(("full", "postcode", "city", "country", "site_type"), SEATS)
def test_seat(
    select: Select,
    full: str,
    postcode: str | None,
    city: str,
    country: str | None,
    site_type: str,
) -> None:
    seat = seats(select, CLUSTER)[full]
    assert seat["pc"] == ({postcode} if postcode else set())
    assert city in seat["city"]
    assert seat["country"] == ({country} if country else set()), "a country only where printed"
    assert seat["type"] == {site_type}


# --- members -----------------------------------------------------------------------------------


def test_member_counts(select: Select) -> None:
    rows = select(
        f"""SELECT ?cat ?v WHERE {{ ?c a ltc:MemberCount ; ltc:countOf {CLUSTER} ;
            ltc:memberCategory/skos:notation ?cat ; schema:value ?v }}"""
    )
    assert sorted((str(r.cat), int(r.v)) for r in rows) == sorted(MEMBERS.items())


def test_no_member_count_beyond_the_printed_ones(select: Select) -> None:
    """A blank field is no count at all: no zero, no empty observation."""
    rows = select(f"SELECT ?c WHERE {{ ?c ltc:countOf {CLUSTER} }}")
    assert len(rows) == len(MEMBERS)


# --- networks ----------------------------------------------------------------------------------


def test_networks(select: Select) -> None:
    found = named(
        select, f"?m a ltc:NetworkMembership ; org:member {CLUSTER} ; org:organization ?x ."
    )
    match(NETWORKS, found)


# --- ongoing projects 2024 ---------------------------------------------------------------------


def test_ongoing_projects_2024(select: Select) -> None:
    """The projects under the page's ONGOING PROJECTS 2024 heading, with their status."""
    pattern = f"""?x a ltc:Project ; ltc:cluster {CLUSTER} ; ltc:status/skos:notation ?st .
        FILTER(str(?st) IN ("ongoing", "proposed"))"""
    pairs = match(set(ONGOING), named(select, pattern))
    status = {
        str(r.x): str(r.st)
        for r in select(
            f"SELECT ?x ?st WHERE {{ ?x ltc:cluster {CLUSTER} ; ltc:status/skos:notation ?st }}"
        )
    }
    assert {name: status[iri] for name, iri in pairs.items()} == ONGOING


# --- synergy boxes -----------------------------------------------------------------------------


def test_synergy_boxes(select: Select) -> None:
    """Count, S3 ecosystems and PNRR components (canonical, as numbered, as worded)."""
    assert synergy_boxes(select, CLUSTER) == Counter(SYNERGIES)


def test_synergy_boxes_belong_to_the_cluster_or_its_projects(select: Select) -> None:
    rows = select(
        f"""SELECT ?s ?of WHERE {{ ?s a ltc:Synergy ; ltc:cluster {CLUSTER} ; ltc:synergyOf ?of .
            FILTER NOT EXISTS {{ ?of ltc:cluster {CLUSTER} }}
            FILTER(?of != {CLUSTER}) }}"""
    )
    assert rows == []


def test_printed_short_name(select: Select) -> None:
    assert "SCC Cluster" in names_of(select, CLUSTER)


def test_information_and_connectivity_is_the_connectivity_ecosystem(select: Select) -> None:
    """The box's wording resolves to the canonical ecosystem, kept as an alternative name."""
    assert the(select, "Information and Connectivity", "?x a ltc:S3Ecosystem .") == the(
        select, "Connectivity and Information", "?x a ltc:S3Ecosystem ."
    )


def test_ambitious_full_name(select: Select) -> None:
    ambitious = the(select, "AMBITIOUS")
    assert values(select, f"SELECT ?f WHERE {{ {ambitious} ltc:fullName ?f }}") == [
        "Digital solutions for the 5G era"
    ]


def test_cluster_works_on_the_agora_pillar_of_ambitious(select: Select) -> None:
    ambitious = the(select, "AMBITIOUS")
    roles = values(
        select,
        f"SELECT ?n WHERE {{ ?r ltc:roleHolder {CLUSTER} ; ltc:roleIn {ambitious} ; "
        "ltc:roleName ?n }",
    )
    assert len(roles) == 1
    assert "AGORA" in roles[0]


def test_smart_city_now_is_annual_and_its_edition_is_flagged(select: Select) -> None:
    """ "now in its fifth eighth": two ordinals, so the edition stays unknown and flagged."""
    event = the(select, "Smart City Now (SCN)", "?x a ltc:Event .")
    assert values(select, f"SELECT ?f WHERE {{ {event} ltc:frequency ?f }}") == ["annual"]
    assert values(select, f"SELECT ?o WHERE {{ {event} ltc:organiser ?o }}") == [
        "https://w3id.org/ltc/id/cluster/smart-communities"
    ]
    assert len(select(f"SELECT ?n WHERE {{ {event} ltc:sourceConflict ?n }}")) == 1


def test_smart_city_now_2023_had_more_than_500_participants(select: Select) -> None:
    rows = select(
        """SELECT ?e WHERE { ?e a ltc:Event ; dcterms:date ?d FILTER(str(?d) = "2023") }"""
    )
    editions = [f"<{r.e}>" for r in rows]
    assert len(editions) == 1
    assert quantities(select, editions[0]) == {(500, "more than")}
