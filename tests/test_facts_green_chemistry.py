"""Lombardy Green Chemistry Association, LGCA (brochure pages 24-25), against the source.

Every expected value below was read off the brochure text, not off the data files. The page
leaves NUMBER OF MEMBERS blank, and its list of European projects and international networks is
a word-for-word copy of the mobility cluster's (page 10): the graph keeps it as stated, flagged.
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

CLUSTER = "cluster:green-chemistry"
NAMES = {"en": "Lombardy Green Chemistry Association"}
ACRONYMS = {"LGCA"}
WEBSITE = "www.chimicaverdelombardia.it/en/"
ECOSYSTEMS = {"Sustainability"}
AREAS = ["Sustainable Chemistry", "Biorefineries", "Bioeconomy of the Future"]

# (full address as printed, postcode, city as printed, ISO country where printed, site type)
SEATS = [("Piazza della Trivulziana, 4/A - 20126 Milano", "20126", "Milano", None, "headquarters")]

# NUMBER OF MEMBERS is blank: no count at all.
MEMBERS: dict[str, int] = {}

# The list copied from page 10, plus the Vanguard Initiative's Bioeconomy Pilot that LGCA
# technically coordinates.
COPIED_NETWORKS = {
    "EUSALP",
    "Automotive Regions Alliance (ARA)",
    "Four Motors of Europe",
    "ECH2A",
    "C2Future",
}
NETWORKS = COPIED_NETWORKS | {"Bioeconomy Pilot"}
PROGRAMMES = {"COSME", "Horizon", "LIFE", "CEF"}

ONGOING = {"Forest Eco Value": "ongoing", "SYMBIO": "ongoing"}

SYNERGIES = [
    box({"Sustainability"}, ("M2C1", "M2C1", "Circular economy and sustainable agriculture")),
    box({"Sustainability"}, ("M2C1", "M2C1", "Circular economy and sustainable agriculture")),
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


# --- the list copied from the mobility page ----------------------------------------------------


def _network_iris(select: Select, cluster: str) -> list[str]:
    return values(
        select,
        f"""SELECT ?n WHERE {{ ?m a ltc:NetworkMembership ; org:member {cluster} ;
            org:organization ?n . ?n a ltc:Network }}""",
    )


def test_networks_are_the_mobility_clusters_networks(select: Select) -> None:
    assert _network_iris(select, CLUSTER) == _network_iris(select, "cluster:mobility")
    found = named(
        select,
        f"?m a ltc:NetworkMembership ; org:member {CLUSTER} ; org:organization ?x . "
        "?x a ltc:Network .",
    )
    match(COPIED_NETWORKS, found)


def test_programmes_are_the_mobility_clusters_programmes(select: Select) -> None:
    match(PROGRAMMES, named(select, f"{CLUSTER} ltc:participatesInProgramme ?x ."))
    match(PROGRAMMES, named(select, "cluster:mobility ltc:participatesInProgramme ?x ."))


def test_copied_list_is_flagged(select: Select) -> None:
    assert len(select(f"SELECT ?n WHERE {{ {CLUSTER} ltc:sourceConflict ?n }}")) == 1


# --- success stories ---------------------------------------------------------------------------


def test_bioeconomy_dialogues(select: Select) -> None:
    """Organised annually, launched in 2018, over 500 operators mobilised."""
    event = the(select, "Bioeconomy Dialogues", "?x a ltc:Event .")
    assert values(select, f"SELECT ?f WHERE {{ {event} ltc:frequency ?f }}") == ["annual"]
    assert values(select, f"SELECT ?y WHERE {{ {event} schema:startDate ?y }}") == ["2018"]
    assert quantities(select, event) == {(500, "over")}
    match({NAMES["en"]}, named(select, f"{event} ltc:organiser ?x ."))


def test_technical_coordinator_of_the_bioeconomy_pilot_since_2016(select: Select) -> None:
    pilot = the(select, "Bioeconomy Pilot", "?x a ltc:Unit .")
    match({"Vanguard Initiative"}, named(select, f"{pilot} org:unitOf ?x ."))
    rows = select(
        f"""SELECT ?n ?y WHERE {{ ?m org:member {CLUSTER} ; org:organization {pilot} ;
            ltc:roleName ?n ; schema:startDate ?y }}"""
    )
    assert [(str(r.n).lower(), str(r.y)) for r in rows] == [("technical coordinator", "2016")]


def test_bioeconomy_pilot_35_regions_and_70_million(select: Select) -> None:
    pilot = the(select, "Bioeconomy Pilot", "?x a ltc:Unit .")
    assert values(select, f"SELECT ?n WHERE {{ {pilot} ltc:regionCount ?n }}") == ["35"]
    assert quantities(select, pilot) == {(70_000_000, "over")}


# --- ongoing projects --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("project", "programme"),
    [("Forest Eco Value", "Interreg Alpine Space"), ("SYMBIO", "Horizon Europe")],
)
def test_ongoing_project_programme(select: Select, project: str, programme: str) -> None:
    iri = the(select, project, f"?x ltc:cluster {CLUSTER} .")
    match({programme}, named(select, f"{iri} ltc:fundingProgramme ?x ."))


def test_forest_ecovalue_spellings_are_one_project(select: Select) -> None:
    assert the(select, "Forest Eco Value") == the(select, "Forest EcoValue")


def test_lgca_leads_symbio(select: Select) -> None:
    symbio = the(select, "SYMBIO")
    roles = values(
        select,
        f"SELECT ?n WHERE {{ ?r ltc:roleHolder {CLUSTER} ; ltc:roleIn {symbio} ; "
        "ltc:roleName ?n }",
    )
    assert [r.lower() for r in roles] == ["leader"]
