"""High Technology Cluster Agrifood Lombardy (brochure pages 8-9), against the source.

Every expected value below was read off the brochure text, not off the data files. The page
prints no acronym and leaves NUMBER OF MEMBERS blank.
"""

from __future__ import annotations

import pytest

from facts import Select, box, match, named, the, values

# --- what the source prints --------------------------------------------------------------------

CLUSTER = "cluster:agrifood"
NAMES = {"en": "High Technology Cluster Agrifood Lombardy"}
ACRONYMS: set[str] = set()
# The short name figures show: the acronym, or the cover's sector name where none is printed
SHORT_NAME = ("cover", "Agrifood")  # (section stating it, name)
WEBSITE = "www.clusteragrofoodlombardia.eu"
ECOSYSTEMS = {"Nutrition"}
AREAS = [
    "Lombardy's agri-food chain that fosters collaboration between the various players to "
    "promote and improve technological development and innovation and to support the "
    "competitiveness and growth of the sector"
]

# (full address as printed, postcode, city as printed, ISO country where printed, site type)
SEATS = [
    ("Via Einstein - loc. Cascina Codazza - 26900 Lodi", "26900", "Lodi", None, "headquarters")
]

# NUMBER OF MEMBERS is blank: no count at all.
MEMBERS: dict[str, int] = {}

NETWORKS = {
    "European Cluster Collaboration Platform",
    "EU4FOOD",
    "Space4Globe",
    "Neptune Blue Growth Accelerator",
}

# Both items are proposals being prepared or submitted under Horizon Europe calls.
ONGOING = {
    "Assessing and improving labour conditions and health and safety at work in farming": (
        "proposed"
    ),
    "Enhancing biosecurity in terrestrial livestock production": "proposed",
}

CALLS = {
    "Assessing and improving labour conditions and health and safety at work in farming": (
        "Cluster 6 - 2022 - Communities - 01 - 02"
    ),
    "Enhancing biosecurity in terrestrial livestock production": (
        "Cluster 6 - 2022 - Farm2fork - 01 - 03"
    ),
}

SYNERGIES = [
    box({"Nutrition"}, ("M2C1", "M2C1", "Circular economy and sustainable agriculture")),
    box({"Nutrition"}, ("M2C1", "M2C1", "Circular economy and sustainable agriculture")),
]


# --- identity ----------------------------------------------------------------------------------


# --- seats -------------------------------------------------------------------------------------


# --- members -----------------------------------------------------------------------------------


# --- networks ----------------------------------------------------------------------------------


# --- ongoing projects 2024 ---------------------------------------------------------------------


# --- synergy boxes -----------------------------------------------------------------------------


# --- the two Horizon Europe calls --------------------------------------------------------------


def test_the_only_projects_are_the_two_proposals(select: Select) -> None:
    match(set(ONGOING), named(select, f"?x a ltc:Project ; ltc:cluster {CLUSTER} ."))


@pytest.mark.parametrize(("project", "call"), sorted(CALLS.items()))
def test_proposal_call_and_programme(select: Select, project: str, call: str) -> None:
    iri = the(select, project, f"?x ltc:cluster {CLUSTER} .")
    assert values(select, f"SELECT ?c WHERE {{ {iri} ltc:callReference ?c }}") == [call]
    match({"Horizon Europe"}, named(select, f"{iri} ltc:fundingProgramme ?x ."))


def test_biosecurity_call_is_in_line_with_farm_to_fork(select: Select) -> None:
    """The call is in line with the European Commission's Farm to Fork (F2F) strategy."""
    project = the(select, "Enhancing biosecurity in terrestrial livestock production")
    related = named(select, f"{project} ltc:relatedTo ?x .")
    strategy = match({"F2F"}, related)["F2F"]
    assert any("Farm to Fork" in name for name in related[strategy])
    match({"European Commission"}, named(select, f"<{strategy}> ltc:issuer ?x ."))
