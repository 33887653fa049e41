"""Lombardy Mobility Cluster (brochure pages 10-11), against the source.

Every expected value below was read off the brochure text, not off the data files. The page
leaves NUMBER OF MEMBERS blank and names EU programmes without naming their projects.
"""

from __future__ import annotations

import pytest

from facts import Select, box, match, named, names_of, quantities, the, values

# --- what the source prints --------------------------------------------------------------------

CLUSTER = "cluster:mobility"
NAMES = {"en": "Lombardy Mobility Cluster"}
ACRONYMS = {"CLM"}
SHORT_NAME = ("mobility", "CLM")  # (section stating it, name)
WEBSITE = "www.clusterlombardomobilita.it"
ECOSYSTEMS = {"Smart Mobility and Architecture"}
AREAS = ["Sustainable and smart mobility"]

# (full address as printed, postcode, city as printed, ISO country where printed, site type)
SEATS = [
    ("Piazza Leonardo da Vinci 32, Milano (Italy)", None, "Milano", "IT", "headquarters"),
    ("Via Cefalonia 60, Brescia (Italy)", None, "Brescia", "IT", "operational-office"),
]

# NUMBER OF MEMBERS is blank: no count at all.
MEMBERS: dict[str, int] = {}

NETWORKS = {
    "EUSALP",
    "Automotive Regions Alliance (ARA)",
    "Four Motors of Europe",
    "ECH2A",
    "C2Future",
}
PROGRAMMES = {"COSME", "Horizon", "LIFE", "CEF"}

ONGOING = {
    "COEVE": "ongoing",
    "SHINE": "ongoing",
    "IA for the mobility and road safety": "ongoing",
}

# Success stories: recent projects for electric traction, methane, hydrogen and on-board AI.
PROJECTS = {"Hyper", "Inproves", "COEVE", "DualING", "SHINE", "Road Safety"}

SYNERGIES = [
    box(
        {"Smart Mobility and Architecture", "Sustainability"},
        ("M2C2", "M2C2", "Renewable energy, hydrogen, grid and sustainable mobility"),
    ),
    box(
        {"Smart Mobility and Architecture", "Sustainability"},
        ("M1C2", "M1C2", "Digitalisation, innovation and competitiveness in the production system"),
        ("M4C2", "M4C2", "From research to enterprise"),
    ),
]


# --- identity ----------------------------------------------------------------------------------


# --- seats -------------------------------------------------------------------------------------


# --- members -----------------------------------------------------------------------------------


# --- networks ----------------------------------------------------------------------------------


# --- ongoing projects 2024 ---------------------------------------------------------------------


# --- synergy boxes -----------------------------------------------------------------------------


# --- programmes and projects -------------------------------------------------------------------


def test_attends_projects_of_the_named_programmes(select: Select) -> None:
    match(PROGRAMMES, named(select, f"{CLUSTER} ltc:participatesInProgramme ?x ."))


def test_projects_are_the_ongoing_ones_and_the_success_stories(select: Select) -> None:
    match(PROJECTS, named(select, f"?x a ltc:Project ; ltc:cluster {CLUSTER} ."))


def test_road_safety_is_the_ia_for_mobility_project(select: Select) -> None:
    assert the(select, "Road Safety") == the(select, "IA for the mobility and road safety")


def test_road_safety_developed_within_mosore(select: Select) -> None:
    road_safety = the(select, "Road Safety")
    match(
        {"MoSoRe@Unibs"}, named(select, f"{road_safety} ltc:relatedTo ?x . ?x a schema:Project .")
    )


@pytest.mark.parametrize(
    ("project", "full_names"),
    [
        (
            "COEVE",
            {
                ("it", "Componenti Eccellenti lombardi per Veicoli Elettrificati"),
                ("en", "Lombardy's Excellent Components for Electrified Vehicles"),
            },
        ),
        ("SHINE", {("en", "Sustainable Hydrogen in New Mobility and Energy Management")}),
    ],
)
def test_full_names(select: Select, project: str, full_names: set[tuple[str, str]]) -> None:
    rows = select(f"SELECT ?f WHERE {{ {the(select, project)} ltc:fullName ?f }}")
    assert {(r.f.language, str(r.f)) for r in rows} == full_names


def test_coeve_supply_chain_of_38_companies(select: Select) -> None:
    assert quantities(select, the(select, "COEVE")) == {(38, None)}


def test_shine_two_city_buses_in_brescia(select: Select) -> None:
    shine = the(select, "SHINE")
    assert quantities(select, shine) == {(2, None)}
    the(select, "Brescia", f"{shine} ltc:relatedTo ?x .")


# --- recent projects: named, but with no status ------------------------------------------------


@pytest.mark.parametrize("project", ["Hyper", "Inproves", "DualING"])
def test_recent_projects_have_no_status(select: Select, project: str) -> None:
    """"Noteworthy are the recent projects for electric traction (Hyper, Inproves, COEVE),
    methane (DualING)...": the page calls them recent and gives no status."""
    iri = the(select, project)
    assert values(select, f"SELECT ?s WHERE {{ {iri} ltc:status ?s }}") == []
    descriptions = values(select, f"SELECT ?d WHERE {{ {iri} dcterms:description ?d }}")
    assert "recent" in descriptions[0].lower()


# --- ECH2A: printed only as an acronym ---------------------------------------------------------


def test_ech2a_is_named_only_as_printed(select: Select) -> None:
    """The network list prints "ECH2A" and never spells it out."""
    network = the(select, "ECH2A", "?x a ltc:Network .")
    assert {n for n in names_of(select, network) if "(" not in n} == {"ECH2A"}
    assert values(select, f"SELECT ?f WHERE {{ {network} ltc:fullName ?f }}") == []


def test_shine_is_not_linked_to_ech2a(select: Select) -> None:
    """SHINE was listed among "European Clean Hydrogen Alliance Projects"; the page does not
    say that this alliance is the ECH2A of its network list."""
    network = the(select, "ECH2A", "?x a ltc:Network .")
    shine = the(select, "SHINE")
    assert select(f"SELECT ?p WHERE {{ {shine} ?p {network} }}") == []
