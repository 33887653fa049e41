"""The brochure's overview pages against the source: the "9 Lombardy Technology Clusters"
page, the foreword, the cover, "Co-design for the development of Lombardy" (page 26), "The
role of Confindustria Lombardia" (page 27) and the back-cover contacts; plus the official PNRR
structure the synergy boxes refer to.

Every expected value below was read off the brochure (and, for the PNRR, the official plan),
not off the data files.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from rdflib import Dataset
from test_facts_provenance import graphs_stating

from facts import Select, match, named, names_of, quantities, the, values
from ltc_graph.namespaces import GRAPH, ID

# --- the cluster system ------------------------------------------------------------------------

SYSTEM = "cluster:lombardy-technology-clusters"

# The index of the brochure names the nine clusters.
CLUSTERS = {
    "Lombardy Intelligent Factory Association",
    "High Technology Cluster Agrifood Lombardy",
    "Lombardy Mobility Cluster",
    "Lombardy Life Sciences Cluster",
    "Lombardy Cluster for Technologies for Living Environments Foundation",
    "Cluster of Technologies for Smart Cities & Communities - Lombardy",
    "Lombardia Aerospace Cluster",
    "Lombardy Energy Cleantech Cluster",
    "Lombardy Green Chemistry Association",
}

LINES_OF_ACTION = {
    "Privileged relationship with Region",
    "System actions with the territory",
    "Support for SMEs",
    "Catalysts of public funds",
    "Innovation accelerators",
    "International networking",
}


def test_system_name(select: Select) -> None:
    names = names_of(select, SYSTEM)
    assert {"9 Lombardy Technology Clusters", "9LTCs", "LTCs"} <= names


def test_the_nine_clusters_of_the_system(select: Select) -> None:
    match(CLUSTERS, named(select, f"{SYSTEM} ltc:hasCluster ?x . ?x a ltc:Cluster ."))


def test_there_are_exactly_nine_clusters(select: Select) -> None:
    match(CLUSTERS, named(select, "?x a ltc:Cluster ."))


def test_member_figures(select: Select) -> None:
    """794 members, of which 585 companies, 111 research organisations, 98 other entities."""
    rows = select(
        f"""SELECT ?cat ?v WHERE {{ ?c a ltc:MemberCount ; ltc:countOf {SYSTEM} ;
            ltc:memberCategory/skos:notation ?cat ; schema:value ?v }}"""
    )
    assert sorted((str(r.cat), int(r.v)) for r in rows) == sorted(
        [("total", 794), ("companies", 585), ("research", 111), ("other", 98)]
    )


def test_foreword_almost_700_is_kept_apart_and_flagged(select: Select) -> None:
    """The foreword speaks of "almost 700 subjects"; the overview page counts 794."""
    rows = select(
        f"""SELECT ?c ?v ?q ?conflict WHERE {{ ?c a ltc:MemberCount ; ltc:countOf {SYSTEM} ;
            schema:value|schema:maxValue ?v ; ltc:approximation ?q .
            OPTIONAL {{ ?c ltc:sourceConflict ?conflict }} }}"""
    )
    assert [(int(r.v), str(r.q).lower()) for r in rows] == [(700, "almost")]
    assert rows[0].conflict is not None


def test_lines_of_action(select: Select) -> None:
    match(LINES_OF_ACTION, named(select, f"{SYSTEM} ltc:lineOfAction ?x ."))


def test_governance_roles(select: Select) -> None:
    """Regione Lombardia, the European Commission and Confindustria Lombardia."""
    holders = named(select, f"?r a ltc:GovernanceRole ; ltc:roleIn {SYSTEM} ; ltc:roleHolder ?x .")
    match({"Regione Lombardia", "European Commission", "Confindustria Lombardia"}, holders)


def test_confindustria_supports_the_clusters_since_2014(select: Select) -> None:
    confindustria = the(select, "Confindustria Lombardia", "?x a ltc:Organisation .")
    years = values(
        select,
        f"""SELECT ?y WHERE {{ ?r a ltc:GovernanceRole ; ltc:roleIn {SYSTEM} ;
            ltc:roleHolder {confindustria} ; schema:startDate ?y }}""",
    )
    assert years == ["2014"]


def test_cluster_technical_committee_of_confindustria(select: Select) -> None:
    committee = the(select, "Cluster Technical Committee", "?x a ltc:Unit .")
    match({"Confindustria Lombardia"}, named(select, f"{committee} org:unitOf ?x ."))


# --- cover -------------------------------------------------------------------------------------

COVER = {
    "cluster:aerospace": "Aerospace",
    "cluster:agrifood": "Agrifood",
    "cluster:green-chemistry": "Green Chemistry",
    "cluster:energy": "Energy",
    "cluster:mobility": "Mobility",
    "cluster:afil": "Advanced Manufacturing",
    "cluster:life-sciences": "Life Sciences",
    "cluster:smart-communities": "Technologies for Smart Communities",
    "cluster:living-environments": "Technologies for Life Environments",
}


@pytest.mark.parametrize(("cluster", "theme"), sorted(COVER.items()))
def test_cover_theme_names_the_cluster(select: Select, cluster: str, theme: str) -> None:
    assert theme.casefold() in {n.casefold() for n in names_of(select, cluster)}


# --- people ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("person", "post", "organisation"),
    [
        (
            "Alessandro Fermi",
            "Councilor for University, Research, Innovation",
            "Regione Lombardia",
        ),
        ("Francesco Buzzella", "Chairman of Confindustria Lombardia", "Confindustria Lombardia"),
    ],
)
def test_person_and_post(select: Select, person: str, post: str, organisation: str) -> None:
    holder = the(select, person, "?x a ltc:Person .")
    assert values(select, f"SELECT ?n WHERE {{ {holder} foaf:name ?n }}") == [person]
    posts = named(select, f"?x a ltc:Post ; org:heldBy {holder} .")
    iri = match({post}, posts)[post]
    match({organisation}, named(select, f"<{iri}> org:postIn ?x ."))


# --- policy documents --------------------------------------------------------------------------

# number as printed -> date of the act
DOCUMENTS = {
    "257/Ric": "2012-05-30",  # Directorial Decree 257/Ric of 30 May 2012 (foreword footnote)
    "XI/4155": "2020-12-30",  # DGR no. XI/4155 of 30 December 2020 (page 26)
    "XII/262": "2023-05-11",  # Resolution XII/262 of 11/05/2023 (page 26)
    "XII/1430": "2023-11-27",  # Resolution XII/1430 of 27/11/2023 (page 26 footnote)
}


def test_numbered_documents_are_exactly_the_printed_ones(select: Select) -> None:
    rows = select("SELECT ?d ?n WHERE { ?d a ltc:PolicyDocument ; ltc:documentNumber ?n }")
    assert sorted(str(r.n) for r in rows) == sorted(DOCUMENTS)


@pytest.mark.parametrize(("number", "date"), sorted(DOCUMENTS.items()))
def test_document_date(select: Select, number: str, date: str) -> None:
    rows = select(
        f"""SELECT ?date WHERE {{ ?d a ltc:PolicyDocument ; ltc:documentNumber ?n ;
            dcterms:issued ?date FILTER(str(?n) = "{number}") }}"""
    )
    assert [str(r.date) for r in rows] == [date]


def test_decree_257_ric_is_a_directorial_decree(select: Select) -> None:
    rows = select(
        """SELECT ?t WHERE { ?d ltc:documentNumber ?n ; ltc:documentType ?t
           FILTER(str(?n) = "257/Ric") }"""
    )
    assert [str(r.t).lower() for r in rows] == ["directorial decree"]


def test_dgr_xi_4155_is_typed_as_printed(select: Select) -> None:
    """"approved by DGR no. XI/4155 of 30 December 2020": the page does not say which body
    of the Region adopted it, so the type is the printed "DGR" only."""
    rows = select(
        """SELECT ?t WHERE { ?d ltc:documentNumber ?n ; ltc:documentType ?t
           FILTER(str(?n) = "XI/4155") }"""
    )
    assert [str(r.t) for r in rows] == ["DGR"]


def _document(select: Select, number: str) -> str:
    rows = select(
        f"""SELECT ?d WHERE {{ ?d ltc:documentNumber ?n FILTER(str(?n) = "{number}") }}"""
    )
    assert len(rows) == 1
    return f"<{rows[0].d}>"


@pytest.mark.parametrize(
    ("document", "numbers"),
    [
        # RIS3 approved by DGR XI/4155, updated by Resolution XII/1430.
        (
            "Regional Strategy for Smart Specialisation in Research and Innovation 2012-2027",
            {"XI/4155", "XII/1430"},
        ),
        ("Regional Programme for the Sustainable Development", {"XII/262"}),
        ("Research and Innovation Work Programmes 2024-2025", {"XII/1430"}),
    ],
)
def test_approved_by(select: Select, document: str, numbers: set[str]) -> None:
    iri = the(select, document, "?x a ltc:PolicyDocument .")
    approving = values(select, f"SELECT ?a WHERE {{ {iri} ltc:approvedBy ?a }}")
    assert approving == sorted(_document(select, n).strip("<>") for n in numbers)


def test_ris3_printed_period_conflict_is_flagged(select: Select) -> None:
    """Page 26 prints "2012-2027" for the S3 2021-2027."""
    name = "Regional Strategy for Smart Specialisation in Research and Innovation 2012-2027"
    ris3 = the(select, name, "?x a ltc:PolicyDocument .")
    assert len(select(f"SELECT ?n WHERE {{ {ris3} ltc:sourceConflict ?n }}")) == 1


# --- Confindustria Lombardia (page 27) ---------------------------------------------------------


def confindustria(select: Select) -> str:
    return the(select, "Confindustria Lombardia", "?x a ltc:Organisation .")


def test_confindustria_lombardia_figures(select: Select) -> None:
    """9 territorial associations; more than 13,000 companies; around 700,000 employees."""
    assert quantities(select, confindustria(select)) == {
        (9, None),
        (13_000, "more than"),
        (700_000, "around"),
    }


def test_confindustria_lombardia_structure(select: Select) -> None:
    node = confindustria(select)
    match({"ANCE Lombardia"}, named(select, f"{node} org:hasSubOrganization ?x ."))
    match({"Confindustria"}, named(select, f"{node} org:subOrganizationOf ?x ."))


def test_dih_lombardia_set_up_by_confindustria_lombardia(select: Select) -> None:
    dih = the(select, "DIH Lombardia", "?x a ltc:Organisation .")
    match({"Confindustria Lombardia"}, named(select, f"{dih} ltc:founder ?x ."))


def test_een_partner_through_simpler(select: Select) -> None:
    node = confindustria(select)
    unit = match(
        {"SIMPLER consortium"},
        named(select, f"?m a ltc:NetworkMembership ; org:member {node} ; org:organization ?x ."),
    )["SIMPLER consortium"]
    match({"Enterprise Europe Network (EEN)"}, named(select, f"<{unit}> org:unitOf ?x ."))
    een = the(select, "Enterprise Europe Network (EEN)", "?x a ltc:Network .")
    assert quantities(select, een) == {(60, "over")}


def test_world_manufacturing_foundation(select: Select) -> None:
    """Founded in 2018 by Confindustria Lombardia, IMS International, Politecnico di Milano."""
    wmf = the(select, "World Manufacturing Foundation (WMF)", "?x a ltc:Organisation .")
    founders = named(select, f"{wmf} ltc:founder ?x .")
    match({"Confindustria Lombardia", "IMS International", "Politecnico di Milano"}, founders)
    assert values(select, f"SELECT ?y WHERE {{ {wmf} schema:foundingDate ?y }}") == ["2018"]
    forum = the(select, "World Manufacturing Forum", "?x a ltc:Event .")
    assert values(select, f"SELECT ?f WHERE {{ {forum} ltc:frequency ?f }}") == ["annual"]
    assert values(select, f"SELECT ?o WHERE {{ {forum} ltc:organiser ?o }}") == [wmf.strip("<>")]


# --- contacts (back cover) ---------------------------------------------------------------------

CONTACTS = [
    # (who, full address as printed with its two lines joined, postcode, telephone, e-mail, web)
    (
        "General Directorate University, Research, Innovation",
        "Piazza Città di Lombardia, 1 20124 Milano",
        "20124",
        "+ 39 02 67656536",
        "Ricercaassociazione@regione.lombardia.it",
        "www.regione.lombardia.it",
    ),
    (
        "Confindustria Lombardia",
        "Via Pantano, 9 - Palazzo Gio Ponti 20122 Milano",
        "20122",
        "+ 39 02 58370800",
        "segreteria@confindustria.lombardia.it",
        "www.confindustria.lombardia.it",
    ),
]


@pytest.mark.parametrize(("who", "address", "postcode", "phone", "email", "web"), CONTACTS)
def test_contacts(
    select: Select, who: str, address: str, postcode: str, phone: str, email: str, web: str
) -> None:
    node = the(select, who, "{ ?x a ltc:Organisation } UNION { ?x a ltc:Unit }")
    # The directorate's website is Regione Lombardia's: take the node and what it is a unit of.
    scope = f"{{ BIND({node} AS ?n) }} UNION {{ {node} org:unitOf ?n }}"
    rows = select(
        f"""SELECT ?full ?pc WHERE {{ {node} org:hasSite/org:siteAddress ?a .
            ?a locn:fullAddress ?full ; locn:postCode ?pc }}"""
    )
    assert [(str(r.full), str(r.pc)) for r in rows] == [(address, postcode)]
    assert values(select, f"SELECT ?t WHERE {{ {node} ltc:telephone ?t }}") == [phone]
    assert values(select, f"SELECT ?e WHERE {{ {node} ltc:email ?e }}") == [email]
    sites = values(select, f"SELECT ?w WHERE {{ {scope} ?n foaf:homepage ?w }}")
    assert [urlsplit(w).netloc for w in sites] == [web]
    assert (
        values(select, f"SELECT ?c WHERE {{ {node} org:hasSite/org:siteAddress/ltc:country ?c }}")
        == []
    ), "the back cover prints no country"


# --- PNRR: the official list -------------------------------------------------------------------

COMPONENTS = {
    "M1": ["M1C1", "M1C2", "M1C3"],
    "M2": ["M2C1", "M2C2", "M2C3", "M2C4"],
    "M3": ["M3C1", "M3C2"],
    "M4": ["M4C1", "M4C2"],
    "M5": ["M5C1", "M5C2", "M5C3"],
    "M6": ["M6C1", "M6C2"],
    "M7": [],  # REPowerEU: reforms and investments, no components
}


def test_pnrr_has_seven_missions(select: Select) -> None:
    rows = select("SELECT ?n WHERE { ?m a ltc:PNRRMission ; skos:notation ?n }")
    assert sorted(str(r.n) for r in rows) == sorted(COMPONENTS)


def test_pnrr_has_sixteen_components(select: Select) -> None:
    rows = select("SELECT ?n WHERE { ?c a ltc:PNRRComponent ; skos:notation ?n }")
    expected = sorted(c for cs in COMPONENTS.values() for c in cs)
    assert len(expected) == 16
    assert sorted(str(r.n) for r in rows) == expected


@pytest.mark.parametrize(("mission", "components"), sorted(COMPONENTS.items()))
def test_pnrr_components_are_narrower_than_their_mission(
    select: Select, mission: str, components: list[str]
) -> None:
    rows = select(
        f"""SELECT ?cn WHERE {{ ?c a ltc:PNRRComponent ; skos:notation ?cn ; skos:broader ?m .
            ?m a ltc:PNRRMission ; skos:notation ?mn FILTER(str(?mn) = "{mission}") }}"""
    )
    assert sorted(str(r.cn) for r in rows) == components


def test_every_component_has_exactly_one_broader_mission(select: Select) -> None:
    rows = select(
        """SELECT ?c (COUNT(DISTINCT ?m) AS ?k) WHERE { ?c a ltc:PNRRComponent .
           OPTIONAL { ?c skos:broader ?m . ?m a ltc:PNRRMission } } GROUP BY ?c"""
    )
    assert len(rows) == 16
    assert {int(r.k) for r in rows} == {1}


def test_every_stated_pnrr_wording_names_its_component(select: Select) -> None:
    """Resolution by wording: each printed component wording is a name of the resolved node."""
    rows = select(
        "SELECT ?ref ?c ?sl WHERE { ?ref a ltc:PNRRReference ; ltc:component ?c ; "
        "ltc:statedLabel ?sl }"
    )
    assert rows
    for r in rows:
        names = {n.casefold() for n in names_of(select, f"<{r.c}>")}
        assert str(r.sl).casefold() in names, (str(r.c), str(r.sl))


@pytest.mark.parametrize(
    ("mission", "wording"),
    [
        ("M1", "Digitalisation, innovation, competitiveness, culture and tourism"),
        ("M2", "Green revolution and ecological transition"),
        ("M3", "Infrastructures for sustainable mobility"),
        ("M4", "Education and research"),
        ("M6", "Health"),
    ],
)
def test_mission_wording_printed_in_the_boxes_names_the_mission(
    select: Select, mission: str, wording: str
) -> None:
    rows = select(
        f"""SELECT ?m WHERE {{ ?m a ltc:PNRRMission ; skos:notation ?n
            FILTER(str(?n) = "{mission}") }}"""
    )
    assert len(rows) == 1
    assert wording.casefold() in {n.casefold() for n in names_of(select, f"<{rows[0].m}>")}


# --- each fact in the graph of the section that states it --------------------------------------


def section(name: str) -> set[str]:
    return {str(GRAPH[name])}


def literal(subject: str, prop: str, *words: str) -> str:
    """A pattern: `subject` has a `prop` value that contains every one of `words`."""
    tests = " && ".join(f'CONTAINS(LCASE(STR(?v)), "{w.lower()}")' for w in words)
    return f"{subject} {prop} ?v FILTER({tests})"


@pytest.mark.parametrize(
    ("pattern", "where"),
    [
        # foreword: "distributed in all provincial territories"
        (literal(SYSTEM, "skos:note", "every province"), "foreword"),
        # foreword: clusters "entitled to contribute to the development of the missions" of
        # the National Recovery and Resilience Plan
        (literal(SYSTEM, "skos:note", "missions", "National Recovery and Resilience Plan"),
         "foreword"),
        # foreword: "Clusters are recognised in the S3 ... as strategic players"; "its
        # place-based approach"
        (literal("document:s3-lombardia-2021-2027", "skos:note", "strategic players",
                 "place-based"), "foreword"),
        # foreword: "almost 700 subjects (including companies, research centres,
        # universities, public and private institutions and other subjects ...)"
        (literal("count:lombardy-technology-clusters-2024-total-foreword", "skos:note",
                 "companies", "research centres", "universities", "institutions"), "foreword"),
        # foreword: "Regione Lombardia's policy on technology clusters ... for almost ten years"
        ("""role:regione-lombardia--lombardy-technology-clusters ltc:quantity ?q .
            ?q schema:value 10 ; ltc:approximation "almost" """, "foreword"),
        # page 26: "Following the paradigm of 'Responsible Research and Innovation' (RRI)"
        (literal("document:s3-lombardia-2021-2027", "skos:note",
                 "Responsible Research and Innovation"), "co-design"),
        # page 26: "the Development Pact, the Regional Forum for Research and Innovation and the
        # Lombardy Technology Clusters, which bring together business associations, trade
        # associations, research bodies, enterprises and social partners"
        (literal("organisation:development-pact", "skos:note", "business and trade associations",
                 "research bodies", "social partners"), "co-design"),
        (literal("organisation:regional-forum-research-innovation", "skos:note",
                 "business and trade associations", "research bodies", "social partners"),
         "co-design"),
        (literal(SYSTEM, "skos:note", "Development Pact", "Regional Forum",
                 "business and trade associations"), "co-design"),
        # page 26: measures aimed at "supporting internationalisation, strengthening the ability
        # to attract foreign investments"
        (literal("organisation:regione-lombardia", "skos:note", "internationalisation",
                 "foreign investment"), "co-design"),
        # page 26: "its operational tool - the RIS3 Work Programmes for Research and Innovation"
        (literal("document:ri-work-programmes", "skos:note", "operational tool"), "co-design"),
        ('document:ri-work-programmes skos:altLabel ?v '
         'FILTER(STR(?v) = "RIS3 Work Programmes for Research and Innovation")', "co-design"),
        ("document:ri-work-programmes ltc:issuer ?v", "co-design"),
        # page 27: "Confindustria disseminates information and documents on the legislative
        # and administrative activities of the Region"
        (literal("organisation:confindustria-lombardia", "skos:note", "administrative acts"),
         "confindustria-lombardia"),
        # page 27: "the regional representation of Confindustria"
        ("organisation:confindustria-lombardia dcterms:description ?v", "confindustria-lombardia"),
        # the overview, not the foreword, speaks of lobbying
        (literal("role:confindustria-lombardia--lombardy-technology-clusters",
                 "ltc:roleName|dcterms:description|skos:note", "lobbying"), "overview"),
    ],
)
def test_fact_lives_in_the_section_that_states_it(
    dataset: Dataset, pattern: str, where: str
) -> None:
    assert graphs_stating(dataset, pattern) == section(where)


def test_the_foreword_asserts_no_country(dataset: Dataset) -> None:
    """The foreword never names Italy: Lombardy's country comes from ISO 3166-2 alone."""
    assert str(GRAPH["foreword"]) not in graphs_stating(dataset, "?x ltc:country ?c")
    assert str(GRAPH["foreword"]) not in graphs_stating(dataset, "?c a ltc:Country")
    assert graphs_stating(dataset, "place:lombardy ltc:country country:it") == section("iso3166-2")


def test_the_foreword_keeps_only_its_own_wording_of_the_work_programmes(
    dataset: Dataset,
) -> None:
    """The foreword speaks of the "Research and Innovation Work Programmes", updated every
    two years; the RIS3 name and their role as the S3's operational tool are page 26's."""
    foreword = dataset.graph(GRAPH["foreword"])
    texts = [str(o) for o in foreword.objects(ID["document/ri-work-programmes"], None)]
    assert not any("RIS3" in t or "operational tool" in t for t in texts)


@pytest.mark.parametrize(
    ("name", "pattern", "outside"),
    [
        # page 27 says only that Confindustria Lombardia is its regional representation
        ("Confindustria", "?x a ltc:Organisation .", ["confederation", "italian industry"]),
        # "wrote Antoine de Saint-Exupéry"
        ("Antoine de Saint-Exupéry", "?x a ltc:Person .", ["writer"]),
    ],
)
def test_no_description_from_outside_the_brochure(
    select: Select, name: str, pattern: str, outside: list[str]
) -> None:
    node = the(select, name, pattern)
    texts = values(select, f"SELECT ?t WHERE {{ {node} dcterms:description ?t }}")
    assert texts
    for text in texts:
        assert not any(word in text.lower() for word in outside), text


def test_esf_plus_is_named_as_printed(select: Select) -> None:
    """"lobbying on the definition and implementation of the ERDF and ESF+ European
    Programmes": ESF+ is printed only as an acronym, while page 26 spells out the ERDF."""
    esf = the(select, "ESF+", "?x a ltc:FundingProgramme .")
    assert {n for n in names_of(select, esf) if "(" not in n} == {"ESF+"}
    erdf = the(select, "ERDF", "?x a ltc:FundingProgramme .")
    assert "European Regional Development Fund" in names_of(select, erdf)
