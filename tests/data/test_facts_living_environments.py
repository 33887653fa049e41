"""Lombardy Cluster for Technologies for Living Environments Foundation, Cluster TAV
(brochure pages 16-17), against the source.

Every expected value below was read off the brochure text, not off the data files. Its list of
past projects prints Autitec's years as "2028-2021", a range that runs backwards; the graph keeps
the years as printed and flags the conflict.
"""

from __future__ import annotations

import pytest
from rdflib import Dataset
from test_facts_provenance import graphs_stating

from facts import Select, box, match, named, names_of, quantities, roles, span, the, values
from ltc_graph.namespaces import GRAPH

# --- what the source prints --------------------------------------------------------------------

CLUSTER = "cluster:living-environments"
NAMES = {
    "en": "Lombardy Cluster for Technologies for Living Environments Foundation",
    "it": "CTL Tecnologie per gli Ambienti di Vita",
}
ACRONYMS = {"TAV"}
SHORT_NAME = ("living-environments", "TAV")  # (section stating it, name)
WEBSITE = "cluster.techforlife.it"
ECOSYSTEMS = {"Health and Life Science"}
AREAS = [
    "Health and Well-being",
    "Digital Health",
    "Personalised Medicine",
    "Rehabilitation",
    "Nutrition",
    "Active Ageing",
    "Health Tourism & Sport",
    "Future Environments of Life",
]

# (full address as printed, postcode, city as printed, ISO country where printed, site type)
SEATS = [("Viale Tonale, 28/30 - 23900 Lecco", "23900", "Lecco", None, "headquarters")]

MEMBERS = {"total": 31, "companies": 9, "research": 13, "other": 9}

# "Vanguard Initiative Smart Health Pilot, Medical Technologies partnership (MedTech)"; the
# list's XpanDH and JA-ImplementAL are projects.
NETWORKS = {"Smart Health Pilot", "Medical Technologies partnership (MedTech)"}

ONGOING = {"XpanDH": "ongoing", "Fit4MedRob": "ongoing", "AGE-IT": "ongoing"}

# Success stories: past projects with the years printed next to them.
PAST_PROJECTS = {
    "MedTech4Europe": ("2018", "2022"),
    "HEALPS 2": ("2019", "2022"),
    "SpatialS3": ("2020", "2022"),
    "Autitec": ("2028", "2021"),
    "DESIGN4All": ("2013", "2016"),
    "Smart Piquer": ("2017", "2019"),
    "Ability": ("2014", "2015"),
}

HEALTH_BOX = box(
    {"Health and Life Science", "Social Development", "Connectivity and Information"},
    ("M6C1", "M6C1", "Proximity networks, facilities and telemedicine for territorial health care"),
    ("M6C2", "M6C2", "Innovation, research and digitisation of the National Health Service"),
)
SYNERGIES = [HEALTH_BOX, HEALTH_BOX]


# --- identity ----------------------------------------------------------------------------------


# --- seats -------------------------------------------------------------------------------------


# --- members -----------------------------------------------------------------------------------


# --- networks ----------------------------------------------------------------------------------


# --- ongoing projects 2024 ---------------------------------------------------------------------


# --- synergy boxes -----------------------------------------------------------------------------


# --- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["Cluster TAV", "Cluster TAV Tech for Life"])
def test_printed_short_names(select: Select, name: str) -> None:
    assert name.casefold() in {n.casefold() for n in names_of(select, CLUSTER)}


def test_smart_health_pilot_is_a_vanguard_initiative_pilot(select: Select) -> None:
    pilot = the(select, "Smart Health Pilot", "?x a ltc:Unit .")
    match({"Vanguard Initiative"}, named(select, f"{pilot} org:unitOf ?x ."))


# --- projects ----------------------------------------------------------------------------------


def test_projects_are_the_listed_ongoing_and_past_ones(select: Select) -> None:
    """Ongoing, the two listed among European projects, the past ones and one unnamed entry."""
    expected = set(ONGOING) | set(PAST_PROJECTS) | {"JA-ImplementAL"}
    found = named(select, f"?x a ltc:Project ; ltc:cluster {CLUSTER} .")
    unnamed = {iri for iri, names in found.items() if not names & expected}
    assert len(unnamed) == 1, "one past entry prints no name: Interreg Alpine Space: (2018-2020)"
    match(expected, {iri: names for iri, names in found.items() if iri not in unnamed})


@pytest.mark.parametrize(("project", "years"), sorted(PAST_PROJECTS.items()))
def test_past_project_years(select: Select, project: str, years: tuple[str, str]) -> None:
    iri = the(select, project, f"?x ltc:cluster {CLUSTER} .")
    rows = select(f"SELECT ?s ?e WHERE {{ {iri} schema:startDate ?s ; schema:endDate ?e }}")
    assert [(str(r.s), str(r.e)) for r in rows] == [years]


def test_autitec_backwards_range_is_flagged(select: Select) -> None:
    autitec = the(select, "Autitec")
    assert len(select(f"SELECT ?n WHERE {{ {autitec} ltc:sourceConflict ?n }}")) == 1


@pytest.mark.parametrize(("project", "years"), sorted(PAST_PROJECTS.items()))
def test_past_project_status_only_where_the_years_show_it(
    select: Select, project: str, years: tuple[str, str]
) -> None:
    """A range that ends before the 2024 edition is a finished project; Autitec's "2028-2021"
    runs backwards, so the page does not show whether it has ended: no status."""
    iri = the(select, project, f"?x ltc:cluster {CLUSTER} .")
    status = values(select, f"SELECT ?n WHERE {{ {iri} ltc:status/skos:notation ?n }}")
    start, end = years
    assert status == (["completed"] if start <= end < "2024" else [])


def test_ja_implemental_is_not_expanded(select: Select) -> None:
    """The page prints "JA-ImplementAL project" and "JA Implemental", never what JA stands for."""
    project = the(select, "JA-ImplementAL", f"?x ltc:cluster {CLUSTER} .")
    texts = values(
        select,
        f"""SELECT ?t WHERE {{ {{ {project} dcterms:description ?t }}
            UNION {{ ?r ltc:roleIn {project} ; dcterms:description ?t }} }}""",
    )
    assert texts and not any("joint action" in t.lower() for t in texts)


def test_pnrr_full_name_is_not_stated_here(dataset: Dataset) -> None:
    """The page prints "PNRR projects" only; the plan's full name comes from the plan itself."""
    assert graphs_stating(dataset, "programme:pnrr ltc:fullName ?f") == {str(GRAPH["pnrr"])}


def test_unnamed_interreg_alpine_space_entry(select: Select) -> None:
    """The list prints "Interreg Alpine Space: (2018-2020)" without a project name."""
    rows = select(
        f"""SELECT ?p WHERE {{ ?p ltc:cluster {CLUSTER} ; ltc:fundingProgramme ?g ;
            schema:startDate ?s ; schema:endDate ?e .
            ?g rdfs:label ?l FILTER(str(?l) = "Interreg Alpine Space")
            FILTER(str(?s) = "2018" && str(?e) = "2020") }}"""
    )
    assert len(rows) == 1


@pytest.mark.parametrize(
    ("project", "programme"),
    [
        ("HEALPS 2", "Interreg Alpine Space"),
        ("SpatialS3", "Call-HUB"),
        ("XpanDH", "Horizon Europe"),
        ("Fit4MedRob", "PNRR"),
        ("AGE-IT", "PNRR"),
    ],
)
def test_project_programme(select: Select, project: str, programme: str) -> None:
    iri = the(select, project, f"?x ltc:cluster {CLUSTER} .")
    match({programme}, named(select, f"{iri} ltc:fundingProgramme ?x ."))


def test_xpandh_dates_and_partners(select: Select) -> None:
    """A two-year project, 1 Jan. 2023 - 31 Dec. 2024, with 26 partners."""
    assert span(select, the(select, "XpanDH")) == [("2023-01-01", "2024-12-31", 26)]


def test_cluster_is_in_two_xpandh_work_packages(select: Select) -> None:
    rows = roles(select, CLUSTER, the(select, "XpanDH"))
    assert len(rows) == 1
    assert "Growing Digital Health ecosystems" in rows[0]
    assert "Dissemination & Outreach" in rows[0]


@pytest.mark.parametrize(
    ("project", "full_name"),
    [("Fit4MedRob", "Fit for Medical Robotics"), ("AGE-IT", "Ageing Well in an Ageing Society")],
)
def test_pnrr_project_full_names(select: Select, project: str, full_name: str) -> None:
    iri = the(select, project)
    assert values(select, f"SELECT ?f WHERE {{ {iri} ltc:fullName ?f }}") == [full_name]


# --- success stories ---------------------------------------------------------------------------


def test_spatials3_brought_in_four_clinical_institutions_two_irccs(select: Select) -> None:
    assert quantities(select, the(select, "SpatialS3")) == {(4, None), (2, None)}


def test_smau_milano_seven_years_and_seven_prizes(select: Select) -> None:
    smau = the(select, "SMAU Milano", "?x a ltc:Event .")
    stories = select(
        f"SELECT ?s WHERE {{ ?s a ltc:SuccessStory ; ltc:cluster {CLUSTER} ; ltc:about {smau} }}"
    )
    assert len(stories) == 1
    rows = select(f"SELECT ?v WHERE {{ <{stories[0].s}> ltc:quantity/schema:value ?v }}")
    assert sorted(int(r.v) for r in rows) == [7, 7], "7 consecutive years, 7 projects' prizes"
    the(select, "Milano", f"{smau} ltc:location ?x .")


def test_home_cognitive_rehabilitation_partners(select: Select) -> None:
    """Astir Srl, IRCCS Don Carlo Gnocchi and the cluster itself."""
    found = named(
        select,
        f"""?s a ltc:SuccessStory ; ltc:cluster {CLUSTER} ; ltc:about ?x , ?o .
            ?o rdfs:label ?l FILTER(str(?l) = "Astir Srl")""",
    )
    match({"Astir Srl", "IRCCS Don Carlo Gnocchi"}, found)


def test_asst_lecco_supported_in_ja_implemental(select: Select) -> None:
    project = the(select, "JA-ImplementAL", f"?x ltc:cluster {CLUSTER} .")
    match({"ASST Lecco"}, named(select, f"?r ltc:roleIn {project} ; ltc:roleHolder ?x ."))
