"""Lombardy Mobility Cluster (brochure pages 10-11), against the source.

Every expected value below was read off the brochure text, not off the data files. The page
leaves NUMBER OF MEMBERS blank and names EU programmes without naming their projects.
"""

from __future__ import annotations

import pytest

from facts import Select, box, match, named, quantities, the

# --- what the source prints --------------------------------------------------------------------

CLUSTER = "cluster:mobility"
NAMES = {"en": "Lombardy Mobility Cluster"}
ACRONYMS = {"CLM"}
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
