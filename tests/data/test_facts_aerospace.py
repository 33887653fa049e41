"""Lombardia Aerospace Cluster, LAC (brochure pages 20-21), against the source.

Every expected value below was read off the brochure text, not off the data files, including
the nine activities of the cluster's 2024 calendar.
"""

from __future__ import annotations

import pytest

from facts import Select, box, match, named, names_of, quantities, the, values

# --- what the source prints --------------------------------------------------------------------

CLUSTER = "cluster:aerospace"
NAMES = {"en": "Lombardia Aerospace Cluster"}
ACRONYMS = {"LAC"}
SHORT_NAME = ("aerospace", "LAC")  # (section stating it, name)
WEBSITE = "www.aerospacelombardia.it/en"
ECOSYSTEMS = {"Smart Mobility and Architecture", "Connectivity and Information"}
AREAS = ["Aerospace"]

# (full address as printed, postcode, city as printed, ISO country where printed, site type)
SEATS = [
    (
        "c/o Confindustria Varese, Piazza Monte Grappa 5, Varese",
        None,
        "Varese",
        None,
        "operative-headquarters",
    ),
    (
        "c/o Confindustria Lombardia, Via Pantano 9, Milano",
        None,
        "Milano",
        None,
        "legal-headquarters",
    ),
]

MEMBERS = {"total": 114, "companies": 106, "research": 6, "other": 2}

NETWORKS = {"European Aerospace Cluster Partnership (EACP)"}

AAM = "Advanced Air Mobility (AAM) Project for Winter Olympics Games 2026"
NETWORKING = "Internationalization and Business Networking activities"
ONGOING = {AAM: "ongoing", NETWORKING: "ongoing"}

# Activities on the 2024 Cluster calendar: (event, city, ISO country, start, end)
CALENDAR = [
    ("Civil & Military Aeromixer III", "Wrocław", "PL", "2024-04-17", "2024-04-17"),
    ("Aerospace & Defense Meetings Sevilla", "Seville", "ES", "2024-05-14", "2024-05-16"),
    ("Space Meetings Veneto", "Venice", "IT", "2024-05-20", "2024-05-22"),
    ("Ila Berlin", "Berlin", "DE", "2024-06-05", "2024-06-09"),
    ("Farnborough International Airshow", "London", "GB", "2024-07-22", "2024-07-26"),
    ("European Rotors", "Amsterdam", "NL", "2024-11-04", "2024-11-07"),
    ("Aeromart Toulouse", "Toulouse", "FR", "2024-12-03", "2024-12-05"),
    ('Casa Vallonia "Space & Aeronautics"', "Turin", "IT", "2024-04-11", "2024-04-11"),
    ("Outgoing Mission To Türkiye", "Istanbul", "TR", "2024-03-17", "2024-03-19"),
]

SYNERGIES = [
    box(
        {"Smart Mobility and Architecture", "Connectivity and Information"},
        ("M3C2", "M3C2", "Integrated logistics intermodality"),
        ("M4C2", "M4C2", "From research to enterprise"),
    ),
    box(
        {"Smart Mobility and Architecture", "Connectivity and Information"},
        ("M4C2", "M4C2", "From research to enterprise"),
    ),
]


# --- identity ----------------------------------------------------------------------------------


# --- seats -------------------------------------------------------------------------------------


# --- members -----------------------------------------------------------------------------------


# --- networks ----------------------------------------------------------------------------------


# --- ongoing projects 2024 ---------------------------------------------------------------------


# --- synergy boxes -----------------------------------------------------------------------------


# --- seats hosted by business associations -----------------------------------------------------


@pytest.mark.parametrize(
    ("full", "host"),
    [
        ("c/o Confindustria Varese, Piazza Monte Grappa 5, Varese", "Confindustria Varese"),
        ("c/o Confindustria Lombardia, Via Pantano 9, Milano", "Confindustria Lombardia"),
    ],
)
def test_seat_care_of(select: Select, full: str, host: str) -> None:
    found = named(
        select,
        f"""{CLUSTER} org:hasSite ?s . ?s org:siteAddress/locn:fullAddress ?f ;
            ltc:careOf ?x . FILTER(str(?f) = "{full}")""",
    )
    match({host}, found)


# --- the 2024 calendar -------------------------------------------------------------------------


def calendar(select: Select) -> dict[str, tuple[set[str], set[str], str, str]]:
    """The cluster's events by IRI: city names, country codes, start, end."""
    rows = select(
        f"""SELECT ?e ?cityname ?code ?start ?end WHERE {{
            ?e a ltc:Event ; ltc:cluster {CLUSTER} ; schema:startDate ?start ;
               schema:endDate ?end ; ltc:location ?city .
            ?city rdfs:label|skos:altLabel ?cityname .
            OPTIONAL {{ {{ ?e ltc:country ?c }} UNION {{ ?city ltc:country ?c }}
                        ?c skos:notation ?code }} }}"""
    )
    found: dict[str, tuple[set[str], set[str], str, str]] = {}
    for r in rows:
        cities, codes, _, _ = found.setdefault(str(r.e), (set(), set(), str(r.start), str(r.end)))
        cities.add(str(r.cityname))
        if r.code is not None:
            codes.add(str(r.code))
    return found


def test_calendar_has_the_nine_printed_activities(select: Select) -> None:
    events = named(select, f"?x a ltc:Event ; ltc:cluster {CLUSTER} ; schema:startDate ?d .")
    match({c[0] for c in CALENDAR}, events)


@pytest.mark.parametrize(("event", "city", "country", "start", "end"), CALENDAR)
def test_calendar_activity(
    select: Select, event: str, city: str, country: str, start: str, end: str
) -> None:
    iri = the(select, event, f"?x a ltc:Event ; ltc:cluster {CLUSTER} .")
    cities, codes, found_start, found_end = calendar(select)[iri.strip("<>")]
    assert city in cities
    assert codes == {country}
    assert (found_start, found_end) == (start, end)


def test_calendar_belongs_to_the_networking_project(select: Select) -> None:
    project = the(select, NETWORKING)
    related = named(select, f"{project} ltc:relatedTo ?x . ?x a ltc:Event .")
    match({c[0] for c in CALENDAR}, related)


# --- ongoing projects --------------------------------------------------------------------------


def test_aam_project_figures_and_parties(select: Select) -> None:
    """Around 20 member companies, with ENAC and ENAV as reference bodies for the sector."""
    project = the(select, AAM)
    assert quantities(select, project) == {(20, "around")}
    holders = named(select, f"?r ltc:roleIn {project} ; ltc:roleHolder ?x .")
    expected = {
        NAMES["en"],
        "Lombardy Region",
        "Metropolitan City",
        "Municipality of Milan",
        "Milan-Cortina Foundation",
        "ENAC",
        "ENAV",
    }
    match(expected, holders)


def test_metropolitan_city_is_named_as_printed(select: Select) -> None:
    """"...the Lombardy Region, the Metropolitan City, the Municipality of Milan...": the page
    does not say which metropolitan city."""
    project = the(select, AAM)
    city = the(select, "Metropolitan City", f"?r ltc:roleIn {project} ; ltc:roleHolder ?x .")
    assert names_of(select, city) == {"Metropolitan City"}


def test_confindustria_varese_is_only_the_host_of_the_operative_seat(select: Select) -> None:
    """"Operative Headquarter: c/o Confindustria Varese": the page says nothing more of it."""
    host = the(select, "Confindustria Varese", "?x a ltc:Organisation .")
    texts = values(select, f"SELECT ?t WHERE {{ {host} dcterms:description ?t }}")
    assert len(texts) == 1 and "association" not in texts[0].lower()


def test_aam_project_is_linked_to_enac_advanced_mobility_plan(select: Select) -> None:
    project = the(select, AAM)
    plan = the(select, "ENAC Advanced Mobility development plan", f"{project} ltc:relatedTo ?x .")
    match({"ENAC"}, named(select, f"{plan} ltc:issuer ?x ."))


def test_networking_figures(select: Select) -> None:
    """Around 60 companies, more than 300 participations, around 30 companies in C2C meetings."""
    project = the(select, NETWORKING)
    assert quantities(select, project) == {(60, "around"), (300, "more than"), (30, "around")}


def test_cluster2cluster_mini_missions(select: Select) -> None:
    """Switzerland, Baden Württemberg, Poland, Auvergne-Rhône-Alpes..."""
    rows = select(
        f"""SELECT ?code WHERE {{ ?s a ltc:SuccessStory ; ltc:cluster {CLUSTER} ;
            ltc:participatingCountry/skos:notation ?code }}"""
    )
    assert sorted(str(r.code) for r in rows) == ["CH", "PL"]
    regions = named(
        select, f"?s a ltc:SuccessStory ; ltc:cluster {CLUSTER} ; ltc:participatingRegion ?x ."
    )
    match({"Baden Württemberg", "Auvergne-Rhône-Alpes"}, regions)
