"""Lombardy Life Sciences Cluster (brochure pages 12-13), against the source.

Every expected value below was read off the brochure text, not off the data files. The first
synergy box of the page prints the two Mission 6 component numbers swapped: its "Component 1"
carries the wording of M6C2 and its "Component 2" that of M6C1. The graph resolves each one by
its wording and keeps the printed number.
"""

from __future__ import annotations

import pytest
from rdflib import Dataset
from test_facts_provenance import graphs_stating

from facts import Select, box, match, named, names_of, quantities, the, values
from ltc_graph.namespaces import GRAPH

# --- what the source prints --------------------------------------------------------------------

CLUSTER = "cluster:life-sciences"
NAMES = {"en": "Lombardy Life Sciences Cluster", "it": "Cluster lombardo scienze della vita"}
ACRONYMS: set[str] = set()
# The short name figures show: the acronym, or the cover's sector name where none is printed
SHORT_NAME = ("cover", "Life Sciences")  # (section stating it, name)
WEBSITE = "www.lombardialifesciences.it/en/"
ECOSYSTEMS = {"Health and Life Science"}
AREAS = [
    "Medical Devices",
    "Digital Health",
    "Health and Wellness",
    "Pharmaceuticals",
    "Biotechnology",
]

# (full address as printed, postcode, city as printed, ISO country where printed, site type)
SEATS = [("Via Pantano, 9 - 20122 Milano", "20122", "Milano", None, "headquarters")]

MEMBERS = {"total": 114, "companies": 63, "research": 36, "other": 15}

NETWORKS = {
    "Digital Innovation Hub (EDIH)",
    "European Union of Private Hospitals (UEHP)",
    "Council for European BioRegions (CEBR)",
    "Vanguard Initiative",
}

ONGOING = {
    "SmartLS - Decentralized Clinical Trials": "ongoing",
    "C4Life - Continuity of Care": "ongoing",
    "Life sciences networking activities": "ongoing",
}

INNOVATION = "Innovation, research and digitisation of the National Health Service"
PROXIMITY = "Proximity networks, facilities and telemedicine for territorial health care"

SYNERGIES = [
    # Printed "Component 1" with M6C2's wording and "Component 2" with M6C1's wording.
    box({"Health and Life Science"}, ("M6C2", "M6C1", INNOVATION), ("M6C1", "M6C2", PROXIMITY)),
    box({"Health and Life Science"}, ("M4C2", "M4C2", "From research to enterprise")),
]


# --- identity ----------------------------------------------------------------------------------


# --- seats -------------------------------------------------------------------------------------


# --- members -----------------------------------------------------------------------------------


# --- networks ----------------------------------------------------------------------------------


# --- ongoing projects 2024 ---------------------------------------------------------------------


# --- synergy boxes -----------------------------------------------------------------------------


# --- the swapped Mission 6 components ----------------------------------------------------------


@pytest.mark.parametrize(
    ("stated", "canonical", "wording"),
    [("M6C1", "M6C2", INNOVATION), ("M6C2", "M6C1", PROXIMITY)],
)
def test_swapped_component_is_resolved_by_wording_and_flagged(
    select: Select, stated: str, canonical: str, wording: str
) -> None:
    rows = select(
        f"""SELECT ?n ?label ?conflict WHERE {{
            ?s a ltc:Synergy ; ltc:cluster {CLUSTER} ; ltc:pnrrReference ?ref .
            ?ref ltc:statedNotation ?sn ; ltc:component ?c ; ltc:statedLabel ?label .
            ?c skos:notation ?n .
            OPTIONAL {{ ?ref ltc:sourceConflict ?conflict }}
            FILTER(str(?sn) = "{stated}") }}"""
    )
    assert [(str(r.n), str(r.label)) for r in rows] == [(canonical, wording)]
    assert rows[0].conflict is not None, "the swapped number must carry an ltc:sourceConflict"


def test_official_wording_of_mission_6_components(select: Select) -> None:
    """The canonical M6C1 is the proximity-care component, M6C2 the NHS-digitalisation one."""
    m6c1 = named(select, "?x skos:notation ?n FILTER(str(?n) = 'M6C1')")
    m6c2 = named(select, "?x skos:notation ?n FILTER(str(?n) = 'M6C2')")
    assert PROXIMITY in next(iter(m6c1.values()))
    assert INNOVATION in next(iter(m6c2.values()))


# --- success stories and networking ------------------------------------------------------------


def test_call_hub_research_and_innovation_figures(select: Select) -> None:
    """33 projects eligible for funding, 11 of them in the Health and Life Science Ecosystem."""
    story = the(
        select,
        "Support to the Lombardy Region's Call Hub Research and Innovation",
        f"?x a ltc:SuccessStory ; ltc:cluster {CLUSTER} .",
    )
    assert quantities(select, story) == {(33, None), (11, None)}


def test_digital_health_working_group_with_cebr_and_vanguard(select: Select,
                                                            dataset: Dataset) -> None:
    """"... in close connection with the Council for European BioRegions (CEBR) and the Vanguard
    Initiative, gathering 38 of the most advanced industrial regions in Europe": the 38 are the
    Vanguard Initiative's, a network of regions, stated on this page; the story counts nothing."""
    story = the(
        select,
        "Activation of a Digital Health Working Group",
        f"?x a ltc:SuccessStory ; ltc:cluster {CLUSTER} .",
    )
    assert quantities(select, story) == set()
    vanguard = the(select, "Vanguard Initiative", "?x a ltc:Network .")
    assert values(select, f"SELECT ?n WHERE {{ {vanguard} ltc:regionCount ?n }}") == ["38"]
    stating = graphs_stating(dataset, f"{vanguard} ltc:regionCount 38")
    assert stating == {str(GRAPH["life-sciences"])}
    notes = values(select, f"SELECT ?t WHERE {{ {vanguard} skos:editorialNote ?t }}")
    assert len(notes) == 1 and "38" in notes[0] and "CEBR" in notes[0]
    group = the(select, "Digital Health Working Group", "?x a ltc:Unit .")
    match(
        {"Council for European BioRegions (CEBR)", "Vanguard Initiative"},
        named(select, f"{group} ltc:relatedTo ?x ."),
    )


def test_mit4ls_is_an_annual_event_on_the_een_platform(select: Select) -> None:
    event = the(select, "MIT4LS", "?x a ltc:Event .")
    assert "Meet in Italy for Life Sciences" in names_of(select, event)
    assert values(select, f"SELECT ?f WHERE {{ {event} ltc:frequency ?f }}") == ["annual"]
    the(select, "Enterprise Europe Network (EEN)", f"{event} ltc:relatedTo ?x .")


def test_2024_business_mission_to_the_emirates_with_frrb(select: Select) -> None:
    """"In 2024, the Cluster and one of its members (FRRB) joined a business mission to the
    Emirates": the page names the place, not a country, so no country code is given; the
    mission is dated by its year alone, as its start and its end."""
    rows = select(
        f"""SELECT ?e ?start ?end ?place WHERE {{ ?e a ltc:Event ; ltc:cluster {CLUSTER} ;
            ltc:location ?place ; schema:startDate ?start ; schema:endDate ?end .
            ?place rdfs:label ?l FILTER(str(?l) = "Emirates") }}"""
    )
    assert [(r.start.n3(), r.end.n3()) for r in rows] == [
        ('"2024"^^<http://www.w3.org/2001/XMLSchema#gYear>',
         '"2024"^^<http://www.w3.org/2001/XMLSchema#gYear>')]
    assert select(f"SELECT ?d WHERE {{ <{rows[0].e}> dcterms:date ?d }}") == []
    participants = named(select, f"<{rows[0].e}> ltc:participant ?x .")
    match({"FRRB", NAMES["en"]}, participants)
    place = f"<{rows[0].place}>"
    assert select(f"SELECT ?t WHERE {{ {place} a ltc:Country }}") == []
    assert select(f"SELECT ?c WHERE {{ {place} ltc:country|skos:notation ?c }}") == []
    assert select("SELECT ?c WHERE { ?c a ltc:Country ; skos:notation \"AE\" }") == []


def test_valve_center_is_described_as_printed(select: Select) -> None:
    """"... as done for the Ospedale San Raffaele Valve Center, launching new clinical
    trials": the page does not say what kind of valves."""
    centre = the(select, "Ospedale San Raffaele Valve Center", "?x a ltc:Organisation .")
    texts = values(select, f"SELECT ?t WHERE {{ {centre} dcterms:description ?t }}")
    assert len(texts) == 1 and "heart" not in texts[0].lower()
