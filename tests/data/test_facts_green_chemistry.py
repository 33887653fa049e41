"""Lombardy Green Chemistry Association, LGCA (brochure pages 24-25), against the source.

Every expected value below was read off the brochure text, not off the data files. The page
leaves NUMBER OF MEMBERS blank, and its list of European projects and international networks is
a word-for-word copy of the mobility cluster's (page 10): the graph keeps it as stated, flagged.
"""

from __future__ import annotations

import pytest
from rdflib import Dataset
from test_facts_provenance import graphs_stating

from facts import Select, box, match, named, quantities, roles, the, values
from ltc_graph.namespaces import GRAPH

# --- what the source prints --------------------------------------------------------------------

CLUSTER = "cluster:green-chemistry"
NAMES = {"en": "Lombardy Green Chemistry Association"}
ACRONYMS = {"LGCA"}
SHORT_NAME = ("green-chemistry", "LGCA")  # (section stating it, name)
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


# --- seats -------------------------------------------------------------------------------------


# --- members -----------------------------------------------------------------------------------


# --- networks ----------------------------------------------------------------------------------


# --- ongoing projects 2024 ---------------------------------------------------------------------


# --- synergy boxes -----------------------------------------------------------------------------


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


def test_bioeconomy_pilot_35_regions_and_70_million(select: Select, dataset: Dataset) -> None:
    """"This European network brings together 35 regions", right after the pilot's name: the
    count is the pilot's, with a note on the sentence that could also mean the whole
    Vanguard Initiative; the network itself states no count on this page."""
    pilot = the(select, "Bioeconomy Pilot", "?x a ltc:Unit .")
    assert values(select, f"SELECT ?n WHERE {{ {pilot} ltc:regionCount ?n }}") == ["35"]
    assert quantities(select, pilot) == {(70_000_000, "over")}
    notes = values(select, f"SELECT ?t WHERE {{ {pilot} skos:editorialNote ?t }}")
    assert len(notes) == 1 and "35 regions" in notes[0] and "Vanguard Initiative" in notes[0]
    assert graphs_stating(dataset, "network:vanguard-initiative ltc:regionCount ?n") == {
        str(GRAPH["life-sciences"])}


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
    found = roles(select, CLUSTER, the(select, "SYMBIO"))
    assert [r.lower() for r in found] == ["leader"]
