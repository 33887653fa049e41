"""Where every fact comes from: named graphs per brochure section, described with PROV.

Each brochure section's facts live in a graph named after the section; the section says which
source it is part of and, where the brochure's index gives one, the page it starts on. Every
node with an IRI says which section(s) it is derived from.
"""

from __future__ import annotations

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS

from facts import Select
from ltc_graph.namespaces import GRAPH, ID, LTC, ONTOLOGY_GRAPH, PREFIXES, SHAPES_GRAPH

PREFIX_BLOCK = "\n".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES.items())
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
NOT_DATA = {ONTOLOGY_GRAPH, SHAPES_GRAPH}

# Start pages from the brochure's own index.
PAGES = {
    "afil": 6,
    "agrifood": 8,
    "mobility": 10,
    "life-sciences": 12,
    "living-environments": 16,
    "smart-communities": 18,
    "aerospace": 20,
    "energy": 22,
    "green-chemistry": 24,
    "co-design": 26,
    "confindustria-lombardia": 27,
}
# Sections the index gives no page: the cover, the foreword, the overview, the back cover.
UNPAGED = ["cover", "foreword", "overview", "contacts"]

# The brochure's sections in print order.
PRINT_ORDER = [
    "cover",
    "foreword",
    "afil",
    "agrifood",
    "mobility",
    "life-sciences",
    "overview",
    "living-environments",
    "smart-communities",
    "aerospace",
    "energy",
    "green-chemistry",
    "co-design",
    "confindustria-lombardia",
    "contacts",
]

# Each cluster and the section that presents it (its slug is the cluster's).
CLUSTERS = [slug for slug in PAGES if slug not in {"co-design", "confindustria-lombardia"}]


def data_graphs(dataset: Dataset) -> list[Graph]:
    """The graphs that hold facts: everything but the ontology, the shapes and empty graphs."""
    return [g for g in dataset.graphs() if g.identifier not in NOT_DATA and len(g) > 0]


def graphs_stating(dataset: Dataset, pattern: str) -> set[str]:
    """The names of the graphs (other than the ontology and shapes) in which `pattern` matches."""
    query = f"{PREFIX_BLOCK}\nASK {{ {pattern} }}"
    return {str(g.identifier) for g in data_graphs(dataset) if g.query(query).askAnswer}


# --- every triple in a described section graph -------------------------------------------------


def test_no_data_outside_section_graphs(dataset: Dataset) -> None:
    """No triple in the default graph, nor in a graph named after a file."""
    names = [str(g.identifier) for g in data_graphs(dataset)]
    assert [n for n in names if not n.startswith(str(GRAPH))] == []


def test_data_graphs_are_all_described(dataset: Dataset, graph: Graph) -> None:
    """Every graph holding data is a ltc:SourceSection with prov:wasDerivedFrom a ltc:Source."""
    described = {
        str(r.s)
        for r in graph.query(
            f"""{PREFIX_BLOCK}
            SELECT ?s WHERE {{ ?s a ltc:SourceSection ; prov:wasDerivedFrom ?src .
                ?src a ltc:Source }}"""
        )
    }
    undescribed = sorted(
        str(g.identifier) for g in data_graphs(dataset) if str(g.identifier) not in described
    )
    assert undescribed == []


# --- every node with an IRI derived from a section ---------------------------------------------


def test_every_id_subject_is_derived_from_a_section(dataset: Dataset, graph: Graph) -> None:
    """Sources themselves are the roots of provenance and are derived from themselves."""
    sections = set(graph.subjects(RDF.type, LTC.SourceSection))
    sources = set(graph.subjects(RDF.type, LTC.Source))
    subjects = {
        s
        for g in data_graphs(dataset)
        for s in g.subjects(unique=True)
        if isinstance(s, URIRef) and str(s).startswith(str(ID))
    }
    unsourced = sorted(
        str(s) for s in subjects - sources if not set(graph.objects(s, PROV_DERIVED)) & sections
    )
    assert unsourced == []


def test_each_section_graph_derives_its_own_nodes(dataset: Dataset) -> None:
    """A node with an IRI stated in a section's graph says, in that graph, it derives from it."""
    missing: list[tuple[str, str]] = []
    for g in data_graphs(dataset):
        sources_here = set(g.subjects(RDF.type, LTC.Source))
        for s in g.subjects(unique=True):
            if not isinstance(s, URIRef) or not str(s).startswith(str(ID)) or s in sources_here:
                continue
            if (s, PROV_DERIVED, g.identifier) not in g:
                missing.append((str(g.identifier), str(s)))
    assert missing == []


def test_label_comes_from_the_first_section_naming_the_thing(dataset: Dataset) -> None:
    """The first section in page order that names a thing gives its rdfs:label.

    Clusters and the cluster system are the one exception: the cover names only their themes
    (AEROSPACE, AGRIFOOD...), and their own pages give their names.
    """
    graphs = {str(g.identifier)[len(str(GRAPH)) :]: g for g in dataset.graphs()}
    sections = [graphs[name] for name in PRINT_ORDER]
    misplaced: list[tuple[str, str, str]] = []
    seen: set[URIRef] = set()
    for section in sections:
        for node in section.subjects(unique=True):
            if not isinstance(node, URIRef) or not str(node).startswith(str(ID)) or node in seen:
                continue
            seen.add(node)
            if (node, RDF.type, LTC.Cluster) in section or (
                node,
                RDF.type,
                LTC.ClusterSystem,
            ) in section:
                continue
            labelled = [s for s in sections if (node, RDFS.label, None) in s]
            if labelled and labelled[0] is not section:
                first, where = section.identifier, labelled[0].identifier
                misplaced.append((str(node), f"first named in {first}", f"labelled in {where}"))
    assert misplaced == []


# --- sections and pages ------------------------------------------------------------------------


def test_brochure_sections(select: Select) -> None:
    rows = select("SELECT ?s WHERE { source:brochure-2024 ltc:section ?s }")
    assert sorted(str(r.s) for r in rows) == sorted(str(GRAPH[s]) for s in [*PAGES, *UNPAGED])


@pytest.mark.parametrize(("section", "page"), sorted(PAGES.items(), key=lambda kv: kv[1]))
def test_start_page(select: Select, section: str, page: int) -> None:
    rows = select(
        f"""SELECT ?p WHERE {{ g:{section} a ltc:SourceSection ;
            prov:wasDerivedFrom source:brochure-2024 ; ltc:startPage ?p }}"""
    )
    assert [int(r.p) for r in rows] == [page]


@pytest.mark.parametrize("section", UNPAGED)
def test_no_page_where_the_index_gives_none(select: Select, section: str) -> None:
    rows = select(
        f"""SELECT ?s ?p WHERE {{ VALUES ?s {{ g:{section} }}
            ?s a ltc:SourceSection ; prov:wasDerivedFrom source:brochure-2024 .
            OPTIONAL {{ ?s ltc:startPage ?p }} }}"""
    )
    assert [r.p for r in rows] == [None]


# --- each cluster's facts live in its section --------------------------------------------------


@pytest.mark.parametrize("slug", CLUSTERS)
def test_cluster_facts_live_in_their_section(dataset: Dataset, slug: str) -> None:
    """Identity, seats, counts, networks, projects and synergies of a cluster: its own pages."""
    cluster = f"cluster:{slug}"
    pattern = f"""
        {{ {cluster} ?p ?o FILTER(?p IN (rdfs:label, ltc:acronym, foaf:homepage,
            ltc:referenceEcosystem, ltc:technologyArea, org:hasSite)) }}
        UNION {{ {cluster} org:hasSite ?site . ?site org:siteAddress ?a }}
        UNION {{ ?count ltc:countOf {cluster} }}
        UNION {{ ?m org:member {cluster} }}
        UNION {{ ?x ltc:cluster {cluster} }}"""
    assert graphs_stating(dataset, pattern) == {str(GRAPH[slug])}


@pytest.mark.parametrize("slug", CLUSTERS)
def test_cluster_section_page(select: Select, slug: str) -> None:
    rows = select(f"SELECT ?p WHERE {{ g:{slug} ltc:startPage ?p }}")
    assert [int(r.p) for r in rows] == [PAGES[slug]]


@pytest.mark.parametrize(
    ("pattern", "section"),
    [
        # page 26: the resolutions and the strategy they approve
        ('?d ltc:documentNumber ?n FILTER(str(?n) = "XI/4155")', "co-design"),
        ('?d ltc:documentNumber ?n FILTER(str(?n) = "XII/262")', "co-design"),
        ('?d ltc:documentNumber ?n FILTER(str(?n) = "XII/1430")', "co-design"),
        ("?d ltc:approvedBy ?a", "co-design"),
        # foreword: the national decree, the people and their posts
        ('?d ltc:documentNumber ?n FILTER(str(?n) = "257/Ric")', "foreword"),
        ("?post org:heldBy ?person", "foreword"),
        # overview: the joint member figures and the lines of action
        ("?c ltc:countOf cluster:lombardy-technology-clusters ; schema:value ?v", "overview"),
        ("cluster:lombardy-technology-clusters ltc:lineOfAction ?l", "overview"),
        ("cluster:lombardy-technology-clusters ltc:hasCluster ?c", "overview"),
        # page 27: Confindustria Lombardia's figures and structure
        ("organisation:confindustria-lombardia ltc:quantity ?q", "confindustria-lombardia"),
        ("organisation:world-manufacturing-foundation ltc:founder ?f", "confindustria-lombardia"),
        # back cover: telephone numbers and e-mail addresses
        ("?who ltc:telephone ?t", "contacts"),
        ("?who ltc:email ?e", "contacts"),
    ],
)
def test_overview_facts_live_in_their_section(dataset: Dataset, pattern: str, section: str) -> None:
    assert graphs_stating(dataset, pattern) == {str(GRAPH[section])}


def test_pnrr_structure_comes_from_the_plan(dataset: Dataset, select: Select) -> None:
    """Missions and components are stated in the PNRR graph, derived from the plan itself."""
    pattern = "?c skos:broader ?m . ?m a ltc:PNRRMission"
    assert graphs_stating(dataset, pattern) == {str(GRAPH["pnrr"])}
    rows = select("SELECT ?src WHERE { g:pnrr prov:wasDerivedFrom ?src . ?src a ltc:Source }")
    assert [str(r.src) for r in rows] == [str(ID) + "source/pnrr"]
