"""AFIL (brochure pages 6-7) checked against the source text, fact by fact.

Every expected value below was read off the brochure, not off the data files.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from rdflib.query import ResultRow

Select = Callable[[str], list[ResultRow]]
Ask = Callable[[str], bool]

# The project's union() still calls the deprecated Dataset.contexts(); the warning is not a fact.
pytestmark = pytest.mark.filterwarnings("ignore:Dataset.contexts is deprecated:DeprecationWarning")

CLUSTER = "cluster:afil"


# --- helpers -----------------------------------------------------------------------------------


def named(select: Select, pattern: str) -> dict[str, set[str]]:
    """Every ?x bound by `pattern`, with all the names it goes by (labels, acronyms, both)."""
    rows = select(
        f"""SELECT DISTINCT ?x ?kind ?n WHERE {{
            {{ {pattern} }}
            OPTIONAL {{
                {{ ?x rdfs:label|skos:altLabel|skos:prefLabel ?n BIND("label" AS ?kind) }}
                UNION {{ ?x ltc:acronym ?n BIND("acronym" AS ?kind) }}
            }}
        }}"""
    )
    labels: dict[str, set[str]] = {}
    acronyms: dict[str, set[str]] = {}
    for r in rows:
        labels.setdefault(str(r.x), set())
        acronyms.setdefault(str(r.x), set())
        if r.n is not None:
            (labels if str(r.kind) == "label" else acronyms)[str(r.x)].add(str(r.n))
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


def synergy_boxes(select: Select, cluster: str) -> Counter[tuple[frozenset, frozenset]]:
    """Each synergy box of the cluster as (S3 ecosystem labels, PNRR references)."""
    scope = f"""{{ ?s ltc:cluster {cluster} }} UNION {{ ?s ltc:synergyOf {cluster} }}
        UNION {{ ?s ltc:synergyOf ?p . ?p ltc:cluster {cluster} }} ?s a ltc:Synergy ."""
    boxes = {str(r.s): (set(), set()) for r in select(f"SELECT DISTINCT ?s WHERE {{ {scope} }}")}
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


def box(s3: set[str], *refs: tuple[str, str, str]) -> tuple[frozenset, frozenset]:
    return frozenset(s3), frozenset(refs)


# --- identity ----------------------------------------------------------------------------------


def test_name_and_acronym(select: Select) -> None:
    rows = select(f"SELECT ?l WHERE {{ {CLUSTER} a ltc:Cluster ; rdfs:label ?l }}")
    assert {(str(r.l), r.l.language) for r in rows} == {
        ("Lombardy Intelligent Factory Association", "en")
    }
    rows = select(f"SELECT ?a WHERE {{ {CLUSTER} ltc:acronym ?a }}")
    assert {str(r.a) for r in rows} == {"AFIL"}


def test_website(select: Select) -> None:
    rows = select(f"SELECT ?w WHERE {{ {CLUSTER} foaf:homepage ?w }}")
    assert len(rows) == 1
    url = urlsplit(str(rows[0].w))
    assert url.netloc == "www.afil.it"
    assert url.netloc + url.path == "www.afil.it/"


def test_reference_ecosystems(select: Select) -> None:
    rows = select(
        f"""SELECT ?l WHERE {{ {CLUSTER} ltc:referenceEcosystem ?e .
            ?e a ltc:S3Ecosystem ; rdfs:label ?l FILTER(lang(?l) = "en") }}"""
    )
    assert {str(r.l) for r in rows} == {"Advanced Manufacturing"}


def test_technology_areas(select: Select) -> None:
    rows = select(
        f"""SELECT ?a ?l WHERE {{ {CLUSTER} ltc:technologyArea ?a .
            ?a a ltc:TechnologyArea ; rdfs:label ?l FILTER(lang(?l) = "en") }}"""
    )
    assert len({r.a for r in rows}) == 1
    assert {str(r.l) for r in rows} == {
        "Advanced Manufacturing materials, processes, methods and technologies"
    }


# --- seats -------------------------------------------------------------------------------------

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


def seats(select: Select) -> dict[str, dict[str, set[str]]]:
    rows = select(
        f"""SELECT ?full ?pc ?city ?cityname ?country ?type WHERE {{
            {CLUSTER} org:hasSite ?site . ?site org:siteAddress ?a . ?a locn:fullAddress ?full .
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
        for key, value in (("pc", r.pc), ("city", r.cityname), ("country", r.country)):
            if value is not None:
                entry[key].add(str(value))
        if r.type is not None:
            entry["type"].add(str(r.type))
    return found


def test_seat_addresses_are_exactly_the_printed_ones(select: Select) -> None:
    assert set(seats(select)) == {s[0] for s in SEATS}


@pytest.mark.parametrize(("full", "postcode", "city", "country", "site_type"), SEATS)
def test_seat(
    select: Select, full: str, postcode: str, city: str, country: str, site_type: str
) -> None:
    seat = seats(select)[full]
    assert seat["pc"] == {postcode}
    assert city in seat["city"]
    assert seat["country"] == {country}
    assert seat["type"] == {site_type}


# --- members -----------------------------------------------------------------------------------


def test_member_count_is_the_printed_total_only(select: Select) -> None:
    rows = select(
        f"""SELECT ?cat ?v WHERE {{ ?c a ltc:MemberCount ; ltc:countOf {CLUSTER} ;
            ltc:memberCategory/skos:notation ?cat ; schema:value ?v }}"""
    )
    assert sorted((str(r.cat), int(r.v)) for r in rows) == [("total", 143)]


# --- networks and European projects ------------------------------------------------------------

NETWORKS = {
    "4 Motors of Europe (4ME)",
    "Vanguard Initiative (VI)",
    "S3 Thematic Platforms and Partnerships (S3P)",
    "European Cluster Collaboration Platform (ECCP)",
    "EDIH Manufacturing Network (EDIH4MANU)",
    "World Economic Forum (WEF)",
}

# project as printed -> funding programme as printed
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


def test_networks(select: Select) -> None:
    found = named(
        select,
        f"?m a ltc:NetworkMembership ; org:member {CLUSTER} ; org:organization ?x .",
    )
    match(NETWORKS, found)


def test_european_projects_are_exactly_the_printed_ones(select: Select) -> None:
    found = named(select, f"?x a ltc:Project ; ltc:cluster {CLUSTER} .")
    match(set(EUROPEAN_PROJECTS), found)


@pytest.mark.parametrize(("project", "programme"), sorted(EUROPEAN_PROJECTS.items()))
def test_european_project_programme(select: Select, project: str, programme: str) -> None:
    iri = match({project}, named(select, f"?x a ltc:Project ; ltc:cluster {CLUSTER} ; "
                                          f"(rdfs:label|ltc:acronym) {_lit(project)} ."))[project]
    programmes = named(select, f"<{iri}> ltc:fundingProgramme ?x .")
    match({programme}, programmes)


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def test_clusters_go_international_is_part_of_cosme(select: Select) -> None:
    found = named(
        select,
        """?p ltc:fundingProgramme ?g . ?g rdfs:label "Clusters Go International"@en ;
           ltc:partOfProgramme ?x .""",
    )
    match({"COSME"}, found)


# --- ongoing projects 2024 ---------------------------------------------------------------------


def test_ongoing_projects(select: Select) -> None:
    rows = select(
        f"""SELECT ?x WHERE {{ ?x a ltc:Project ; ltc:cluster {CLUSTER} ;
            ltc:status/skos:notation "ongoing" }}"""
    )
    found = named(select, f"VALUES ?x {{ {' '.join(f'<{r.x}>' for r in rows)} }}")
    match({"PLASTIX", "AI REDGIO 5.0"}, found)


def test_plastix_full_name_and_regions(select: Select) -> None:
    rows = select(
        'SELECT ?f ?n WHERE { ?p ltc:acronym "PLASTIX" ; ltc:fullName ?f ; ltc:regionCount ?n }'
    )
    assert [(str(r.f), int(r.n)) for r in rows] == [
        ("Plastics Revolution for European Regions", 6)
    ]
    rows = select(
        """SELECT ?l WHERE { ?p ltc:acronym "PLASTIX" ; ltc:participatingRegion ?r .
           ?r rdfs:label ?l FILTER(lang(?l) = "en") }"""
    )
    assert {str(r.l) for r in rows} == {
        "Lombardy",
        "Catalonia",
        "Fryslân",
        "Savinja-Šalek",
        "Tampere",
        "Värmland",
    }


@pytest.mark.parametrize(
    ("holder", "role"),
    [
        ("Regione Lombardia", "Associated Policy Authority"),
        ("Strategic Community and regional value-chain on Advanced Polymers",
         "Regional Stakeholder Group"),
    ],
)
def test_plastix_roles(select: Select, holder: str, role: str) -> None:
    rows = select(
        f"""SELECT ?r WHERE {{ ?r a ltc:ProjectRole ; ltc:roleIn ?p ; ltc:roleHolder ?h ;
            ltc:roleName ?n . ?p ltc:acronym "PLASTIX" .
            ?h rdfs:label|skos:altLabel {_lit(holder)}@en .
            FILTER(str(?n) = {_lit(role)}) }}"""
    )
    assert len(rows) == 1


def test_plastix_policy_instrument(select: Select) -> None:
    """The instrument addressed: launched in 2022 by Lombardy Region."""
    rows = select(
        """SELECT ?i ?y WHERE { ?p ltc:acronym "PLASTIX" ; ltc:relatedTo ?x .
           ?x rdfs:label ?l ; dcterms:issued ?y ; ltc:managedBy organisation:regione-lombardia .
           FILTER(str(?l) = "Development and consolidation of advanced industrial regional value-chains")
           BIND(?x AS ?i) }"""
    )
    assert [str(r.y) for r in rows] == ["2022"]


def test_ai_redgio_partners_and_countries_as_stated(select: Select) -> None:
    """43 partners from 18 countries is what the page says, though it lists only 17."""
    rows = select(
        """SELECT ?pc ?cc WHERE { ?p ltc:acronym "AI REDGIO 5.0" ;
           ltc:partnerCount ?pc ; ltc:countryCount ?cc }"""
    )
    assert [(int(r.pc), int(r.cc)) for r in rows] == [(43, 18)]
    rows = select(
        """SELECT ?code WHERE { ?p ltc:acronym "AI REDGIO 5.0" ;
           ltc:participatingCountry/skos:notation ?code }"""
    )
    assert sorted(str(r.code) for r in rows) == sorted(
        ["IT", "SI", "NL", "FR", "BE", "ES", "RO", "CZ", "DK", "HU", "AT", "SE", "CY", "LU",
         "PT", "GB", "RS"]
    )
    assert select(
        'SELECT ?n WHERE { ?p ltc:acronym "AI REDGIO 5.0" ; ltc:sourceConflict ?n }'
    ), "the 18-vs-17 conflict must be flagged on the project"


def test_ai_redgio_consortium_composition(select: Select) -> None:
    rows = select(
        """SELECT ?v WHERE { ?p ltc:acronym "AI REDGIO 5.0" ; ltc:quantity/schema:value ?v }"""
    )
    assert sorted(int(r.v) for r in rows) == [7, 13]


def test_ai_redgio_origins_and_afil_role(select: Select) -> None:
    found = named(select, '?p ltc:acronym "AI REDGIO 5.0" ; ltc:originatesFrom ?x .')
    match(
        {"Efficient and Sustainable Manufacturing (ESM) Pilot", "Artificial Intelligence (AI) Pilot"},
        found,
    )
    rows = select(
        """SELECT ?pilot WHERE { ?p ltc:acronym "AI REDGIO 5.0" ; ltc:originatesFrom ?pilot .
           ?pilot org:unitOf network:vanguard-initiative }"""
    )
    assert len(rows) == 2
    rows = select(
        f"""SELECT ?n WHERE {{ ?r ltc:roleHolder {CLUSTER} ; ltc:roleIn ?p ; ltc:roleName ?n .
            ?p ltc:acronym "AI REDGIO 5.0" }}"""
    )
    assert len(rows) == 1
    assert "communication and dissemination" in str(rows[0].n).lower()
    assert "leader" in str(rows[0].n).lower()


# --- success stories ---------------------------------------------------------------------------


def test_circular_economy_roadmap_endorsed_in_2020(select: Select) -> None:
    rows = select(
        """SELECT ?y WHERE { ?d a ltc:PolicyDocument ; dcterms:issued ?y ;
           rdfs:label "Lombardy Roadmap for Research and Innovation on Circular Economy"@en }"""
    )
    assert [str(r.y) for r in rows] == ["2020"]


def test_sustainable_development_protocol_signed_by_afil(select: Select) -> None:
    rows = select(
        f"""SELECT ?d WHERE {{ ?d a ltc:PolicyDocument ; ltc:signatory {CLUSTER} ;
            rdfs:label "Lombardy Protocol for Sustainable Development"@en }}"""
    )
    assert len(rows) == 1
    rows = select(
        f"""SELECT ?y WHERE {{ ?s a ltc:SuccessStory ; ltc:cluster {CLUSTER} ;
            ltc:about ?d ; dcterms:date ?y .
            ?d rdfs:label "Lombardy Protocol for Sustainable Development"@en }}"""
    )
    assert {str(r.y) for r in rows} == {"2022"}


# --- synergy boxes -----------------------------------------------------------------------------


def test_synergy_boxes(select: Select) -> None:
    assert synergy_boxes(select, CLUSTER) == Counter(
        [
            box(
                {"Advanced Manufacturing", "Sustainability"},
                ("M2C1", "M2C1", "Circular economy and sustainable agriculture"),
            ),
            box(
                {"Advanced Manufacturing", "Connectivity and Information"},
                ("M1C2", "M1C2",
                 "Digitalisation, innovation, competitiveness in the production system"),
            ),
        ]
    )
