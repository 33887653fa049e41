"""AFIL, Lombardy Intelligent Factory Association (brochure pages 6-7), against the source.

Every expected value below was read off the brochure text, not off the data files.
"""

from __future__ import annotations

import pytest
from rdflib import Dataset
from test_facts_provenance import PREFIX_BLOCK, graphs_stating

from facts import Select, box, match, named, quantities, roles, the, values
from ltc_graph.namespaces import GRAPH

# --- what the source prints --------------------------------------------------------------------

CLUSTER = "cluster:afil"
NAMES = {"en": "Lombardy Intelligent Factory Association"}
ACRONYMS = {"AFIL"}
SHORT_NAME = ("afil", "AFIL")  # (section stating it, name)
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


# --- seats -------------------------------------------------------------------------------------


# --- members -----------------------------------------------------------------------------------


# --- networks ----------------------------------------------------------------------------------


# --- ongoing projects 2024 ---------------------------------------------------------------------


# --- synergy boxes -----------------------------------------------------------------------------


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


def test_ai_redgio_consortium_includes_lombardy_actors(select: Select, dataset: Dataset) -> None:
    """"... including some Lombardy actors directly involved to demonstrate regional
    competences and capacities at European level"."""
    redgio = the(select, "AI REDGIO 5.0")
    pattern = f'''{redgio} skos:note ?n FILTER(CONTAINS(?n, "Lombardy actors"))'''
    assert graphs_stating(dataset, pattern) == {str(GRAPH["afil"])}


def test_countries_the_pages_print_are_declared_in_their_graph(dataset: Dataset) -> None:
    """The two addresses (Italy, Belgium) and AI REDGIO 5.0's list name countries; the page
    declares each, and takes names and codes from ISO 3166-1."""
    rows = dataset.graph(GRAPH["afil"]).query(
        f"{PREFIX_BLOCK}\nSELECT ?c WHERE {{ ?c a ltc:Country ; prov:wasDerivedFrom g:afil }}"
    )
    codes = {str(r.c).rsplit("/", 1)[1].upper() for r in rows}
    assert codes == {"IT", "BE", "SI", "NL", "FR", "ES", "RO", "CZ", "DK", "HU", "AT", "SE",
                     "CY", "LU", "PT", "GB", "RS"}


def test_ai_redgio_originates_from_two_vanguard_pilots(select: Select) -> None:
    redgio = the(select, "AI REDGIO 5.0")
    pilots = named(select, f"{redgio} ltc:originatesFrom ?x . ?x org:unitOf ?vi .")
    esm = "Efficient and Sustainable Manufacturing (ESM) Pilot"
    match({esm, "Artificial Intelligence (AI) Pilot"}, pilots)
    networks = named(select, f"{redgio} ltc:originatesFrom ?p . ?p org:unitOf ?x .")
    match({"Vanguard Initiative"}, networks)


def test_afil_leads_ai_redgio_communication_and_dissemination(select: Select) -> None:
    found = roles(select, CLUSTER, the(select, "AI REDGIO 5.0"))
    assert len(found) == 1
    role = found[0].lower()
    assert "leader" in role
    assert "communication and dissemination" in role


# --- success stories ---------------------------------------------------------------------------


def test_circular_economy_roadmap_developed_by_afil_endorsed_by_the_region_in_2020(
    select: Select, dataset: Dataset
) -> None:
    """AFIL developed the roadmap; "officially endorsed by Lombardy Region in 2020". The page
    does not say the Region issued it, nor when it was issued."""
    name = "Lombardy Roadmap for Research and Innovation on Circular Economy"
    roadmap = the(select, name, "?x a ltc:PolicyDocument .")
    match({"Regione Lombardia"}, named(select, f"{roadmap} ltc:endorsedBy ?x ."))
    assert values(select, f"SELECT ?y WHERE {{ {roadmap} ltc:endorsementDate ?y }}") == ["2020"]
    match({NAMES["en"]}, named(select, f"{roadmap} ltc:developedBy ?x ."))
    assert values(select, f"SELECT ?o WHERE {{ {roadmap} ltc:issuer|dcterms:issued ?o }}") == []
    assert graphs_stating(dataset, f"{roadmap} ltc:endorsedBy ?x") == {str(GRAPH["afil"])}


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


def test_afil_contributes_to_the_regional_value_chain_initiative_since_2022(
        select: Select) -> None:
    """"Since 2022, AFIL has been involved in the development of regional value-chains
    proposals": a role in the regional initiative that began in 2022 and goes on (no end)."""
    name = "Development and consolidation of advanced industrial regional value-chains"
    instrument = the(select, name, "?x a ltc:FundingProgramme .")
    rows = select(
        f"""SELECT ?role ?name ?start WHERE {{ ?role a ltc:ProjectRole ;
            ltc:roleHolder {CLUSTER} ; ltc:roleIn {instrument} ; ltc:roleName ?name ;
            schema:startDate ?start . FILTER NOT EXISTS {{ ?role schema:endDate ?end }} }}"""
    )
    assert [(str(r.name), r.start.n3()) for r in rows] == [
        ("Involved in the development of regional value-chain proposals",
         '"2022"^^<http://www.w3.org/2001/XMLSchema#gYear>')]
