"""AFIL, Lombardy Intelligent Factory Association (brochure pages 6-7), against the source.

Every expected value below was read off the brochure text, not off the data files.
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

CLUSTER = "cluster:afil"
NAMES = {"en": "Lombardy Intelligent Factory Association"}
ACRONYMS = {"AFIL"}
WEBSITE = "www.afil.it/"
ECOSYSTEMS = {"Advanced Manufacturing"}
AREAS = ["Advanced Manufacturing materials, processes, methods and technologies"]

# (full address as printed, postcode, city as printed, ISO country where printed, site type)
SEATS = [
    ("Via G. Colombo, 83 - 20133 Milan (Italy)", "20133", "Milan", "IT", "headquarters"),
    (
        "Place du Champ de Mars 1/3, 1050 Brussels (Belgium)",
        "1050",
        "Brussels",
        "BE",
        "headquarters",
    ),
]

# NUMBER OF MEMBERS: 143, no breakdown printed.
MEMBERS = {"total": 143}

NETWORKS = {
    "4 Motors of Europe (4ME)",
    "Vanguard Initiative (VI)",
    "S3 Thematic Platforms and Partnerships (S3P)",
    "European Cluster Collaboration Platform (ECCP)",
    "EDIH Manufacturing Network (EDIH4MANU)",
    "World Economic Forum (WEF)",
}

# European projects as printed -> funding programme as printed
EUROPEAN_PROJECTS = {
    "GREENSMARTMED": "Interreg Euro-MED",
    "SMART-Growth": "I3",
    "BATMASS": "I3",
    "PLASTIX": "Interreg Europe",
    "AI REDGIO 5.0": "Horizon Europe",
    "DeremCo": "I3",
    "PIMAP4Sustainability": "Single Market Programme",
    "LCAMP": "Erasmus+",
    "ADMA TranS4MErs": "Horizon 2020",
    "ADMANTEX2i": "Clusters Go International",
}

ONGOING = {"PLASTIX": "ongoing", "AI REDGIO 5.0": "ongoing"}

SYNERGIES = [
    box(
        {"Advanced Manufacturing", "Sustainability"},
        ("M2C1", "M2C1", "Circular economy and sustainable agriculture"),
    ),
    box(
        {"Advanced Manufacturing", "Connectivity and Information"},
        ("M1C2", "M1C2", "Digitalisation, innovation, competitiveness in the production system"),
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


# --- European projects -------------------------------------------------------------------------


def test_european_projects_are_exactly_the_printed_ones(select: Select) -> None:
    match(set(EUROPEAN_PROJECTS), named(select, f"?x a ltc:Project ; ltc:cluster {CLUSTER} ."))


@pytest.mark.parametrize(("project", "programme"), sorted(EUROPEAN_PROJECTS.items()))
def test_european_project_programme(select: Select, project: str, programme: str) -> None:
    iri = the(select, project, f"?x a ltc:Project ; ltc:cluster {CLUSTER} .")
    match({programme}, named(select, f"{iri} ltc:fundingProgramme ?x ."))


def test_clusters_go_international_is_part_of_cosme(select: Select) -> None:
    strand = the(select, "Clusters Go International", "?x a ltc:FundingProgramme .")
    match({"COSME"}, named(select, f"{strand} ltc:partOfProgramme ?x ."))


# --- PLASTIX -----------------------------------------------------------------------------------


def test_plastix_full_name_and_regions(select: Select) -> None:
    plastix = the(select, "PLASTIX")
    rows = select(f"SELECT ?f ?n WHERE {{ {plastix} ltc:fullName ?f ; ltc:regionCount ?n }}")
    assert [(str(r.f), int(r.n)) for r in rows] == [("Plastics Revolution for European Regions", 6)]
    found = named(select, f"{plastix} ltc:participatingRegion ?x .")
    match({"Lombardy", "Catalonia", "Fryslân", "Savinja-Šalek", "Tampere", "Värmland"}, found)


@pytest.mark.parametrize(
    ("holder", "role"),
    [
        ("Regione Lombardia", "Associated Policy Authority"),
        (
            "Strategic Community and regional value-chain on Advanced Polymers",
            "Regional Stakeholder Group",
        ),
    ],
)
def test_plastix_roles(select: Select, holder: str, role: str) -> None:
    plastix = the(select, "PLASTIX")
    iri = the(select, holder, f"?r ltc:roleIn {plastix} ; ltc:roleHolder ?x .")
    names = values(
        select,
        f"SELECT ?n WHERE {{ ?r ltc:roleIn {plastix} ; ltc:roleHolder {iri} ; ltc:roleName ?n }}",
    )
    assert names == [role]


def test_plastix_addresses_the_regional_value_chain_instrument(select: Select) -> None:
    """The policy instrument was launched in 2022 by Lombardy Region."""
    plastix = the(select, "PLASTIX")
    name = "Development and consolidation of advanced industrial regional value-chains"
    instrument = the(select, name, f"{plastix} ltc:relatedTo ?x .")
    assert values(select, f"SELECT ?y WHERE {{ {instrument} dcterms:issued ?y }}") == ["2022"]
    match({"Regione Lombardia"}, named(select, f"{instrument} ltc:managedBy ?x ."))


# --- AI REDGIO 5.0 -----------------------------------------------------------------------------


def test_ai_redgio_partners_and_countries_as_stated(select: Select) -> None:
    """43 partners from 18 countries is what the page says, though it lists only 17."""
    redgio = the(select, "AI REDGIO 5.0")
    rows = select(
        f"SELECT ?pc ?cc WHERE {{ {redgio} ltc:partnerCount ?pc ; ltc:countryCount ?cc }}"
    )
    assert [(int(r.pc), int(r.cc)) for r in rows] == [(43, 18)]
    listed = ["IT", "SI", "NL", "FR", "BE", "ES", "RO", "CZ", "DK", "HU", "AT", "SE", "CY", "LU"]
    listed += ["PT", "GB", "RS"]
    codes = values(
        select, f"SELECT ?code WHERE {{ {redgio} ltc:participatingCountry/skos:notation ?code }}"
    )
    assert codes == sorted(listed)
    conflicts = select(f"SELECT ?n WHERE {{ {redgio} ltc:sourceConflict ?n }}")
    assert len(conflicts) == 1, "the 18-vs-17 conflict must be flagged on the project"


def test_ai_redgio_consortium_composition(select: Select) -> None:
    """7 SMEs from different manufacturing sectors and 13 technology providers."""
    assert quantities(select, the(select, "AI REDGIO 5.0")) == {(7, None), (13, None)}


def test_ai_redgio_originates_from_two_vanguard_pilots(select: Select) -> None:
    redgio = the(select, "AI REDGIO 5.0")
    pilots = named(select, f"{redgio} ltc:originatesFrom ?x . ?x org:unitOf ?vi .")
    esm = "Efficient and Sustainable Manufacturing (ESM) Pilot"
    match({esm, "Artificial Intelligence (AI) Pilot"}, pilots)
    networks = named(select, f"{redgio} ltc:originatesFrom ?p . ?p org:unitOf ?x .")
    match({"Vanguard Initiative"}, networks)


def test_afil_leads_ai_redgio_communication_and_dissemination(select: Select) -> None:
    redgio = the(select, "AI REDGIO 5.0")
    rows = select(
        f"SELECT ?n WHERE {{ ?r ltc:roleHolder {CLUSTER} ; ltc:roleIn {redgio} ; ltc:roleName ?n }}"
    )
    assert len(rows) == 1
    role = str(rows[0].n).lower()
    assert "leader" in role
    assert "communication and dissemination" in role


# --- success stories ---------------------------------------------------------------------------


def test_circular_economy_roadmap_endorsed_in_2020(select: Select) -> None:
    name = "Lombardy Roadmap for Research and Innovation on Circular Economy"
    roadmap = the(select, name, "?x a ltc:PolicyDocument .")
    assert values(select, f"SELECT ?y WHERE {{ {roadmap} dcterms:issued ?y }}") == ["2020"]


def test_sustainable_development_protocol_signed_by_afil_in_2022(select: Select) -> None:
    name = "Lombardy Protocol for Sustainable Development"
    protocol = the(select, name, "?x a ltc:PolicyDocument .")
    signatories = values(select, f"SELECT ?s WHERE {{ {protocol} ltc:signatory ?s }}")
    assert signatories == ["https://w3id.org/ltc/id/cluster/afil"]
    years = values(
        select,
        f"""SELECT DISTINCT ?y WHERE {{ ?s a ltc:SuccessStory ; ltc:cluster {CLUSTER} ;
            ltc:about {protocol} ; dcterms:date ?y }}""",
    )
    assert years == ["2022"]
