"""Lombardy Cluster for Technologies for Living Environments Foundation, Cluster TAV
(brochure pages 16-17), against the source.

Every expected value below was read off the brochure text, not off the data files. Its list of
past projects prints Autitec's years as "2028-2021", a range that runs backwards; the graph keeps
the years as printed and flags the conflict.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from urllib.parse import urlsplit

import pytest
from rdflib.query import ResultRow

Select = Callable[[str], list[ResultRow]]

Box = tuple[frozenset[str], frozenset[tuple[str, str, str]]]


# --- helpers -----------------------------------------------------------------------------------


def named(select: Select, pattern: str) -> dict[str, set[str]]:
    """Every ?x bound by `pattern`, with all the names it goes by (labels, acronyms, both)."""
    rows = select(
        f"""SELECT DISTINCT ?x ?nameKind ?nameText WHERE {{
            {{ {pattern} }}
            OPTIONAL {{
                {{ ?x rdfs:label|skos:altLabel|skos:prefLabel ?nameText
                   BIND("label" AS ?nameKind) }}
                UNION {{ ?x ltc:acronym ?nameText BIND("acronym" AS ?nameKind) }}
            }}
        }}"""
    )
    labels: dict[str, set[str]] = {}
    acronyms: dict[str, set[str]] = {}
    for r in rows:
        labels.setdefault(str(r.x), set())
        acronyms.setdefault(str(r.x), set())
        if r.nameText is not None:
            kind = labels if str(r.nameKind) == "label" else acronyms
            kind[str(r.x)].add(str(r.nameText))
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


def the(select: Select, name: str, pattern: str = "?x a ltc:Project .") -> str:
    """The IRI (in angle brackets) of the one node bound to ?x by `pattern` named `name`."""
    hits = [iri for iri, names in named(select, pattern).items() if name in names]
    assert len(hits) == 1, f"{name!r} names {len(hits)} nodes: {hits}"
    return f"<{hits[0]}>"


def names_of(select: Select, node: str) -> set[str]:
    """All the names a node goes by."""
    found = named(select, f"VALUES ?x {{ {node} }}")
    assert len(found) == 1
    return next(iter(found.values()))


def values(select: Select, query: str) -> list[str]:
    """The first column of a SELECT, as sorted strings."""
    return sorted(str(r[0]) for r in select(query))


def quantities(select: Select, node: str) -> set[tuple[int, str | None]]:
    """The figures stated about a node: (value, qualifier such as "around" or None)."""
    rows = select(
        f"""SELECT ?v ?q WHERE {{ {node} ltc:quantity ?x . ?x schema:value ?v .
            OPTIONAL {{ ?x ltc:approximation ?q }} }}"""
    )
    return {(int(r.v), None if r.q is None else str(r.q).lower()) for r in rows}


def synergy_boxes(select: Select, cluster: str) -> Counter[Box]:
    """Each synergy box of the cluster as (S3 ecosystem labels, PNRR references)."""
    scope = f"""{{ ?s ltc:cluster {cluster} }} UNION {{ ?s ltc:synergyOf {cluster} }}
        UNION {{ ?s ltc:synergyOf ?p . ?p ltc:cluster {cluster} }} ?s a ltc:Synergy ."""
    boxes: dict[str, tuple[set[str], set[tuple[str, str, str]]]] = {
        str(r.s): (set(), set()) for r in select(f"SELECT DISTINCT ?s WHERE {{ {scope} }}")
    }
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


def box(s3: set[str], *refs: tuple[str, str, str]) -> Box:
    """A synergy box: S3 ecosystems and (component, number as printed, wording as printed)."""
    return frozenset(s3), frozenset(refs)


def seats(select: Select, cluster: str) -> dict[str, dict[str, set[str]]]:
    """The seats of a cluster by full address: postcodes, city names, countries, site types."""
    rows = select(
        f"""SELECT ?full ?pc ?cityname ?country ?type WHERE {{
            {cluster} org:hasSite ?site . ?site org:siteAddress ?a . ?a locn:fullAddress ?full .
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
        for key, value in (
            ("pc", r.pc),
            ("city", r.cityname),
            ("country", r.country),
            ("type", r.type),
        ):
            if value is not None:
                entry[key].add(str(value))
    return found


# --- what the source prints --------------------------------------------------------------------

CLUSTER = "cluster:living-environments"
NAMES = {
    "en": "Lombardy Cluster for Technologies for Living Environments Foundation",
    "it": "CTL Tecnologie per gli Ambienti di Vita",
}
ACRONYMS = {"TAV"}
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


def test_name(select: Select) -> None:
    rows = select(f"SELECT ?l WHERE {{ {CLUSTER} a ltc:Cluster ; rdfs:label ?l }}")
    assert {(r.l.language, str(r.l)) for r in rows if r.l.language == "en"} == {("en", NAMES["en"])}
    assert {(r.l.language, str(r.l).casefold()) for r in rows} == {
        (lang, name.casefold()) for lang, name in NAMES.items()
    }


def test_acronym(select: Select) -> None:
    assert values(select, f"SELECT ?a WHERE {{ {CLUSTER} ltc:acronym ?a }}") == sorted(ACRONYMS)


def test_website(select: Select) -> None:
    rows = select(f"SELECT ?w WHERE {{ {CLUSTER} foaf:homepage ?w }}")
    assert len(rows) == 1
    url = urlsplit(str(rows[0].w))
    assert url.netloc == WEBSITE.split("/")[0]
    assert url.netloc + url.path == WEBSITE


def test_reference_ecosystems(select: Select) -> None:
    found = values(
        select,
        f"""SELECT ?l WHERE {{ {CLUSTER} ltc:referenceEcosystem ?e .
            ?e a ltc:S3Ecosystem ; rdfs:label ?l FILTER(lang(?l) = "en") }}""",
    )
    assert found == sorted(ECOSYSTEMS)


def test_technology_areas(select: Select) -> None:
    rows = select(
        f"""SELECT ?a ?l WHERE {{ {CLUSTER} ltc:technologyArea ?a .
            ?a a ltc:TechnologyArea ; rdfs:label ?l FILTER(lang(?l) = "en") }}"""
    )
    assert len({r.a for r in rows}) == len(AREAS)
    assert sorted(str(r.l) for r in rows) == sorted(AREAS)


# --- seats -------------------------------------------------------------------------------------


def test_seat_addresses_are_exactly_the_printed_ones(select: Select) -> None:
    assert sorted(seats(select, CLUSTER)) == sorted(s[0] for s in SEATS)


@pytest.mark.parametrize(("full", "postcode", "city", "country", "site_type"), SEATS)
def test_seat(
    select: Select,
    full: str,
    postcode: str | None,
    city: str,
    country: str | None,
    site_type: str,
) -> None:
    seat = seats(select, CLUSTER)[full]
    assert seat["pc"] == ({postcode} if postcode else set())
    assert city in seat["city"]
    assert seat["country"] == ({country} if country else set()), "a country only where printed"
    assert seat["type"] == {site_type}


# --- members -----------------------------------------------------------------------------------


def test_member_counts(select: Select) -> None:
    rows = select(
        f"""SELECT ?cat ?v WHERE {{ ?c a ltc:MemberCount ; ltc:countOf {CLUSTER} ;
            ltc:memberCategory/skos:notation ?cat ; schema:value ?v }}"""
    )
    assert sorted((str(r.cat), int(r.v)) for r in rows) == sorted(MEMBERS.items())


def test_no_member_count_beyond_the_printed_ones(select: Select) -> None:
    """A blank field is no count at all: no zero, no empty observation."""
    rows = select(f"SELECT ?c WHERE {{ ?c ltc:countOf {CLUSTER} }}")
    assert len(rows) == len(MEMBERS)


# --- networks ----------------------------------------------------------------------------------


def test_networks(select: Select) -> None:
    found = named(
        select, f"?m a ltc:NetworkMembership ; org:member {CLUSTER} ; org:organization ?x ."
    )
    match(NETWORKS, found)


# --- ongoing projects 2024 ---------------------------------------------------------------------


def test_ongoing_projects_2024(select: Select) -> None:
    """The projects under the page's ONGOING PROJECTS 2024 heading, with their status."""
    pattern = f"""?x a ltc:Project ; ltc:cluster {CLUSTER} ; ltc:status/skos:notation ?st .
        FILTER(str(?st) IN ("ongoing", "proposed"))"""
    pairs = match(set(ONGOING), named(select, pattern))
    status = {
        str(r.x): str(r.st)
        for r in select(
            f"SELECT ?x ?st WHERE {{ ?x ltc:cluster {CLUSTER} ; ltc:status/skos:notation ?st }}"
        )
    }
    assert {name: status[iri] for name, iri in pairs.items()} == ONGOING


# --- synergy boxes -----------------------------------------------------------------------------


def test_synergy_boxes(select: Select) -> None:
    """Count, S3 ecosystems and PNRR components (canonical, as numbered, as worded)."""
    assert synergy_boxes(select, CLUSTER) == Counter(SYNERGIES)


def test_synergy_boxes_belong_to_the_cluster_or_its_projects(select: Select) -> None:
    rows = select(
        f"""SELECT ?s ?of WHERE {{ ?s a ltc:Synergy ; ltc:cluster {CLUSTER} ; ltc:synergyOf ?of .
            FILTER NOT EXISTS {{ ?of ltc:cluster {CLUSTER} }}
            FILTER(?of != {CLUSTER}) }}"""
    )
    assert rows == []


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
    xpandh = the(select, "XpanDH")
    rows = select(
        f"""SELECT ?s ?e ?n WHERE {{ {xpandh} schema:startDate ?s ; schema:endDate ?e ;
            ltc:partnerCount ?n }}"""
    )
    assert [(str(r.s), str(r.e), int(r.n)) for r in rows] == [("2023-01-01", "2024-12-31", 26)]


def test_cluster_is_in_two_xpandh_work_packages(select: Select) -> None:
    xpandh = the(select, "XpanDH")
    rows = values(
        select,
        f"SELECT ?n WHERE {{ ?r ltc:roleHolder {CLUSTER} ; ltc:roleIn {xpandh} ; "
        "ltc:roleName ?n }",
    )
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
