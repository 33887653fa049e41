"""Lombardy Energy Cleantech Cluster, LE2C (brochure pages 22-23), against the source.

Every expected value below was read off the brochure text, not off the data files.
"""

from __future__ import annotations

import pytest

from facts import Select, box, match, named, names_of, quantities, roles, span, the, values

# --- what the source prints --------------------------------------------------------------------

CLUSTER = "cluster:energy"
NAMES = {"en": "Lombardy Energy Cleantech Cluster"}
ACRONYMS = {"LE2C"}
SHORT_NAME = ("energy", "LE2C")  # (section stating it, name)
WEBSITE = "energycluster.it/en"
ECOSYSTEMS = {"Sustainability"}
AREAS = [
    "Water Energy Nexus - water management and purification",
    "Smart Energy Systems - energy production and distribution",
    "Green Building",
    "Sustainable Manufacturing",
    "Clean Air",
    "Circular Economy",
]

# (full address as printed, postcode, city as printed, ISO country where printed, site type)
SEATS = [("Via Pantano, 9 - 20122 Milano", "20122", "Milano", None, "headquarters")]

MEMBERS = {"total": 140, "companies": 104, "research": 10, "other": 26}

# The page's list, plus what the VANGUARD INITIATIVE block says LE2C takes part in: the ADMA and
# Hydrogen working groups and the HERE Network it promoted.
NETWORKS = {
    "Vanguard Initiative",
    "ICEI Alliance (ICEI-A)",
    "European Cluster Collaboration Platform (ECCP)",
    "S3 Partnerships of European Regions (ESPC)",
    "Digital Innovation Hub (DIH)",
    "Enterprise Europe Network (EEN)",
    "Cluster Tecnologico Nazionale Energia (CTNE)",
    "ADMA",
    "Hydrogen (H2)",
    "HERE Network",
}

# European projects as printed -> funder as printed; and the REC project of the success story.
PROJECTS = {
    "ESECA": "COSME",
    "iDesignRES": "Horizon Europe",
    "RISE": "I3",
    "SYSCHEMIQ": "Horizon Europe",
    "EDIH Lombardia": "MIMIT",
    "SMaRT PCBs": "MASE",
    "Tech4lib": "Fondazione Cariplo",
    "Transition to the RECs ecosystem": "Filiere & ecosistemi 2023",
}

ONGOING = {"SYSCHEMIQ": "ongoing"}

SYNERGIES = [
    box({"Sustainability"}, ("M2C1", "M2C1", "Circular economy and sustainable agriculture")),
    box(
        {"Sustainability"},
        ("M2C2", "M2C2", "Renewable energy, hydrogen, network and sustainable mobility"),
        ("M2C3", "M2C3", "Energy efficiency and building rehabilitation"),
        ("M4C2", "M4C2", "From research to enterprise"),
    ),
]


# --- identity ----------------------------------------------------------------------------------


# --- seats -------------------------------------------------------------------------------------


# --- members -----------------------------------------------------------------------------------


# --- networks ----------------------------------------------------------------------------------


# --- ongoing projects 2024 ---------------------------------------------------------------------


# --- synergy boxes -----------------------------------------------------------------------------


# --- European projects -------------------------------------------------------------------------


def test_projects_are_exactly_the_printed_ones(select: Select) -> None:
    match(set(PROJECTS), named(select, f"?x a ltc:Project ; ltc:cluster {CLUSTER} ."))


@pytest.mark.parametrize(("project", "programme"), sorted(PROJECTS.items()))
def test_project_programme(select: Select, project: str, programme: str) -> None:
    iri = the(select, project, f"?x a ltc:Project ; ltc:cluster {CLUSTER} .")
    match({programme}, named(select, f"{iri} ltc:fundingProgramme ?x ."))


def test_syschemiq_years_and_partners(select: Select) -> None:
    """SYSCHEMIQ (2022-2026) involves 21 European partners."""
    assert span(select, the(select, "SYSCHEMIQ")) == [("2022", "2026", 21)]


def test_le2c_promotes_syschemiq_replicability_in_lombardy(select: Select) -> None:
    found = roles(select, CLUSTER, the(select, "SYSCHEMIQ"))
    assert len(found) == 1
    assert "replicability" in found[0]


# --- Vanguard Initiative, HERE Network, DeHSK --------------------------------------------------


def test_vanguard_working_groups(select: Select) -> None:
    groups = named(
        select,
        f"""?m org:member {CLUSTER} ; org:organization ?x . ?x org:unitOf ?vi .
            ?vi rdfs:label ?l FILTER(str(?l) = "Vanguard Initiative")""",
    )
    match({"ADMA", "Hydrogen (H2)"}, groups)


def test_le2c_represents_the_region_in_the_vanguard_initiative(select: Select) -> None:
    found = values(
        select,
        f"""SELECT ?n WHERE {{ ?m org:member {CLUSTER} ; org:organization ?vi ; ltc:roleName ?n .
            ?vi rdfs:label ?l FILTER(str(?l) = "Vanguard Initiative") }}""",
    )
    assert len(found) == 1
    assert "Lombardy Region" in found[0]


def test_le2c_co_coordinates_the_hydrogen_table(select: Select) -> None:
    table = the(select, "Hydrogen Table", "?x a ltc:Unit .")
    found = values(
        select,
        f"SELECT ?n WHERE {{ ?m org:member {CLUSTER} ; org:organization {table} ; "
        "ltc:roleName ?n }",
    )
    assert len(found) == 1
    assert "co-coordinator" in found[0].lower()


def test_here_network_promoted_by_le2c_assolombarda_and_h2it(select: Select) -> None:
    here = the(select, "HERE Network", "?x a ltc:Network .")
    match({NAMES["en"], "Assolombarda", "H2IT"}, named(select, f"{here} ltc:founder ?x ."))


def test_dehsk_22_actors_in_7_provinces(select: Select) -> None:
    dehsk = the(select, "DeHSK - Development Hydrogen Skills", "?x a ltc:Unit .")
    assert quantities(select, dehsk) == {(22, None)}
    assert values(select, f"SELECT ?n WHERE {{ {dehsk} ltc:regionCount ?n }}") == ["7"]
    match({NAMES["en"]}, named(select, f"{dehsk} org:unitOf ?x ."))


# --- success story: renewable energy communities -----------------------------------------------


def test_rec_working_table_activated_in_2022(select: Select) -> None:
    table = the(select, "Working table on Renewable Energy Communities (RECs)", "?x a ltc:Unit .")
    assert values(select, f"SELECT ?y WHERE {{ {table} dcterms:created ?y }}") == ["2022"]


def test_rec_supply_chain(select: Select) -> None:
    """Led by TerrAria srl, 11 LE2C member entities in the provinces of Bergamo, Brescia, Milan."""
    chain = the(select, "Transition to the RECs ecosystem supply chain", "?x a ltc:Unit .")
    assert quantities(select, chain) == {(11, None)}
    match({"TerrAria srl"}, named(select, f"?m org:organization {chain} ; org:member ?x ."))
    provinces = named(select, f"{chain} ltc:participatingRegion ?x .")
    match({"Province of Bergamo", "Province of Brescia", "Province of Milan"}, provinces)


def test_rec_project_pilot_cases(select: Select) -> None:
    """Pilot cases in Cuggiono and Legnano; the proposal was submitted in 2023."""
    project = the(select, "Transition to the RECs ecosystem")
    match({"Cuggiono", "Legnano"}, named(select, f"{project} schema:location ?x ."))
    assert values(select, f"SELECT ?y WHERE {{ {project} dcterms:dateSubmitted ?y }}") == ["2023"]


def test_rec_project_has_no_status(select: Select) -> None:
    """The success story tells of the project in the past tense and gives no status."""
    project = the(select, "Transition to the RECs ecosystem")
    assert values(select, f"SELECT ?s WHERE {{ {project} ltc:status ?s }}") == []


# --- names the page prints without saying what they are ---------------------------------------


@pytest.mark.parametrize(
    ("name", "pattern", "outside"),
    [
        # "EDIH Lombardia (MIMIT), SMaRT PCBs (MASE), Tech4lib (Fondazione Cariplo)": the page
        # prints these names only; what they stand for or are is not on it.
        ("MIMIT", "?x a ltc:FundingProgramme .", ["ministry", "made in italy"]),
        ("MASE", "?x a ltc:FundingProgramme .", ["ministry", "environment"]),
        ("Fondazione Cariplo", "?x a ltc:FundingProgramme .", ["philanthrop", "foundation"]),
        # "LE2C, together with Assolombarda and H2IT, has promoted the creation of HERE Network"
        ("Assolombarda", "?x a ltc:Organisation .", ["association"]),
    ],
)
def test_names_carry_no_knowledge_from_outside(
    select: Select, name: str, pattern: str, outside: list[str]
) -> None:
    node = the(select, name, pattern)
    assert {n for n in names_of(select, node) if "(" not in n} == {name}
    texts = values(select, f"SELECT ?t WHERE {{ {node} dcterms:description|skos:note ?t }}")
    assert texts, "described in our words"
    for text in texts:
        assert not any(word in text.lower() for word in outside), text
