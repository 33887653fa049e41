"""Cluster of Technologies for Smart Cities & Communities - Lombardy (brochure pages 18-19),
against the source.

Every expected value below was read off the brochure text, not off the data files. The synergy
boxes print "Information and Connectivity Ecosystem", a variant of the S3 ecosystem
"Connectivity and Information".
"""

from __future__ import annotations

from facts import Select, box, names_of, quantities, roles, the, values

# --- what the source prints --------------------------------------------------------------------

CLUSTER = "cluster:smart-communities"
NAMES = {"en": "Cluster of Technologies for Smart Cities & Communities - Lombardy"}
ACRONYMS = {"SCC"}
SHORT_NAME = ("smart-communities", "SCC")  # (section stating it, name)
WEBSITE = "www.clusterscclombardia.it"
ECOSYSTEMS = {
    "Health and Life Science",
    "Culture and Knowledge",
    "Connectivity and Information",
    "Smart Mobility and Architecture",
    "Sustainability",
    "Social Development",
}
AREAS = ["Digital Systems"]

# (full address as printed, postcode, city as printed, ISO country where printed, site type)
SEATS = [("Via Giovanni Durando, 38 - 20158 Milano", "20158", "Milano", None, "headquarters")]

MEMBERS = {"total": 88, "companies": 69, "research": 11, "other": 8}

NETWORKS = {"Smart Cities Tech", "European Cluster Collaboration Platform"}

ONGOING = {"AMBITIOUS": "ongoing", "Smart Land": "ongoing"}

M1C2_AS_PRINTED = "Digitalisation, innovation and competitiveness of the production system"
SYNERGIES = [
    box(
        {"Health and Life Science", "Connectivity and Information", "Sustainability"},
        ("M1C2", "M1C2", M1C2_AS_PRINTED),
    ),
    box(
        {"Health and Life Science", "Connectivity and Information", "Sustainability"},
        ("M1C2", "M1C2", M1C2_AS_PRINTED),
    ),
]


# --- identity ----------------------------------------------------------------------------------


# --- seats -------------------------------------------------------------------------------------


# --- members -----------------------------------------------------------------------------------


# --- networks ----------------------------------------------------------------------------------


# --- ongoing projects 2024 ---------------------------------------------------------------------


# --- synergy boxes -----------------------------------------------------------------------------


def test_printed_short_name(select: Select) -> None:
    assert "SCC Cluster" in names_of(select, CLUSTER)


def test_information_and_connectivity_is_the_connectivity_ecosystem(select: Select) -> None:
    """The box's wording resolves to the canonical ecosystem, kept as an alternative name."""
    assert the(select, "Information and Connectivity", "?x a ltc:S3Ecosystem .") == the(
        select, "Connectivity and Information", "?x a ltc:S3Ecosystem ."
    )


def test_ambitious_full_name(select: Select) -> None:
    ambitious = the(select, "AMBITIOUS")
    assert values(select, f"SELECT ?f WHERE {{ {ambitious} ltc:fullName ?f }}") == [
        "Digital solutions for the 5G era"
    ]


def test_cluster_works_on_the_agora_pillar_of_ambitious(select: Select) -> None:
    found = roles(select, CLUSTER, the(select, "AMBITIOUS"))
    assert len(found) == 1
    assert "AGORA" in found[0]


def test_smart_city_now_is_annual_and_its_edition_is_flagged(select: Select) -> None:
    """ "now in its fifth eighth": two ordinals, so the edition stays unknown and flagged."""
    event = the(select, "Smart City Now (SCN)", "?x a ltc:Event .")
    assert values(select, f"SELECT ?f WHERE {{ {event} ltc:frequency ?f }}") == ["annual"]
    assert values(select, f"SELECT ?o WHERE {{ {event} ltc:organiser ?o }}") == [
        "https://w3id.org/ltc/id/cluster/smart-communities"
    ]
    assert len(select(f"SELECT ?n WHERE {{ {event} ltc:sourceConflict ?n }}")) == 1


def test_smart_city_now_2023_had_more_than_500_participants(select: Select) -> None:
    rows = select(
        """SELECT ?e WHERE { ?e a ltc:Event ; schema:startDate ?d ; schema:endDate ?d
                              FILTER(str(?d) = "2023") }"""
    )
    editions = [f"<{r.e}>" for r in rows]
    assert len(editions) == 1
    assert quantities(select, editions[0]) == {(500, "more than")}
