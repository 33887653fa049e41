"""Names in a brochure section's graph are the brochure's: printed, not recalled.

Names, acronyms and expansions carry over exactly as printed (CONTRIBUTING, rule 2). A name
the brochure does not print (an acronym spelled out from general knowledge, a place made more
precise, a country matched to a loose place name) belongs only to an official list, in that
list's own graph. The shapes check what the union of the graphs can show (ExpansionShape,
CountryLinkShape, OfficialListShape); these tests read each section's graph against the text.
"""

from __future__ import annotations

import pytest
from rdflib import FOAF, RDF, RDFS, SKOS, Dataset, Graph, Literal, URIRef

from data.fingerprints import committed, printed, printed_near
from ltc_graph.namespaces import GRAPH, ID, LTC

SCHEMA_PROJECT = URIRef("https://schema.org/Project")
BROCHURE = ID["source/brochure-2024"]
NAME_PROPERTIES = (RDFS.label, SKOS.altLabel, LTC.acronym, LTC.shortName, LTC.fullName,
                   FOAF.name)
NAMED_CLASSES = {
    LTC.Cluster, LTC.ClusterSystem, LTC.Organisation, LTC.Network, LTC.Unit,
    LTC.FundingProgramme, LTC.Project, LTC.Event, LTC.PolicyDocument, LTC.Place, LTC.City,
    LTC.Region, LTC.Country, LTC.Person, SCHEMA_PROJECT,
}
# Labels we compose because the brochure gives the thing no name of its own, or names it
# only as part of a sentence. Each is a description of the thing, not a name it goes by.
COMPOSED = {
    ("smart-communities", "event/smart-city-now-2023", "Smart City Now 2023"),
    ("life-sciences", "event/life-sciences-business-mission-emirates-2024",
     "Lombardy Life Sciences Cluster business mission to the Emirates (2024)"),
    ("life-sciences", "event/life-sciences-member-events",
     "Lombardy Life Sciences Cluster events and workshops for members"),
    ("aerospace", "document/enac-advanced-mobility-plan",
     "ENAC Advanced Mobility development plan"),
    ("co-design", "document/ri-work-programmes-2024-2025",
     "Research and Innovation Work Programmes 2024-2025"),
    ("energy", "place/province-of-bergamo", "Province of Bergamo"),
    ("energy", "place/province-of-brescia", "Province of Brescia"),
    ("energy", "place/province-of-milan", "Province of Milan"),
    ("energy", "unit/energy-transition-to-recs-ecosystem-supply-chain",
     "Transition to the RECs ecosystem supply chain"),
    ("energy", "unit/vanguard-initiative-adma", "ADMA working group"),
    ("energy", "unit/vanguard-initiative-hydrogen", "Hydrogen working table"),
    ("living-environments", "project/living-environments-interreg-alpine-space-2018-2020",
     "Unnamed Interreg Alpine Space project of Cluster TAV (2018-2020)"),
    ("confindustria-lombardia", "unit/confindustria-lombardia-commissions-technical-committees",
     "Commissions and Technical Committees of Confindustria Lombardia"),
    ("agrifood", "document/farm-to-fork-strategy", "Farm to Fork strategy"),
}


@pytest.fixture(scope="module")
def brochure() -> set[str]:
    """The brochure's committed fingerprints (`fingerprints.py`)."""
    return committed()


@pytest.fixture(scope="module")
def sections(dataset: Dataset, graph: Graph) -> dict[str, Graph]:
    """The graph of each section of the brochure, by its slug."""
    names = set(graph.objects(BROCHURE, LTC.section))
    assert names, "the brochure lists its sections"
    return {str(n)[len(str(GRAPH)):]: dataset.graph(n) for n in names}


def names_in(section: Graph, graph: Graph) -> list[tuple[str, str, str]]:
    """(node, property, name) for every name a section's graph gives a named thing."""
    found = []
    for prop in NAME_PROPERTIES:
        for node, name in section.subject_objects(prop):
            if isinstance(name, Literal) and any(
                (node, RDF.type, c) in graph for c in NAMED_CLASSES
            ):
                found.append((str(node)[len(str(ID)):], str(prop), str(name)))
    return found


def test_every_name_in_a_brochure_section_is_printed(
    sections: dict[str, Graph], graph: Graph, brochure: set[str]
) -> None:
    unprinted = sorted(
        (slug, node, name)
        for slug, section in sections.items()
        for node, _, name in names_in(section, graph)
        if not printed(name, brochure) and (slug, node, name) not in COMPOSED
    )
    assert unprinted == [], "a name the brochure does not print: " + repr(unprinted)


def test_every_composed_label_is_still_used(sections: dict[str, Graph], graph: Graph) -> None:
    used = {
        (slug, node, name)
        for slug, section in sections.items()
        for node, _, name in names_in(section, graph)
    }
    assert used >= COMPOSED, COMPOSED - used


def test_every_expansion_is_printed_next_to_its_acronym(
    sections: dict[str, Graph], graph: Graph, brochure: set[str]
) -> None:
    """A full name stated by a brochure section starts near the acronym it expands."""
    far: list[tuple[str, str, str, str]] = []
    checked = 0
    for slug, section in sections.items():
        for node, full in section.subject_objects(LTC.fullName):
            for acronym in graph.objects(node, LTC.acronym):
                checked += 1
                if not (printed(str(full), brochure)
                        and printed_near(str(acronym), str(full), brochure)):
                    far.append((slug, str(node), str(acronym), str(full)))
    assert checked > 20
    assert far == []


def test_no_brochure_section_names_or_codes_an_official_concept(
    sections: dict[str, Graph], graph: Graph
) -> None:
    """Countries, PNRR missions and components and S3 ecosystems take their labels and codes
    from their official list; a brochure section adds only its own wording (skos:altLabel)."""
    official = (LTC.Country, LTC.PNRRMission, LTC.PNRRComponent, LTC.S3Ecosystem)
    stated = sorted(
        (slug, str(node), str(prop))
        for slug, section in sections.items()
        for prop in (RDFS.label, SKOS.prefLabel, SKOS.notation, LTC.fullName)
        for node in section.subjects(prop)
        if any((node, RDF.type, c) in graph for c in official)
    )
    assert stated == []


def test_a_country_is_stated_only_by_a_section_that_declares_it(
    sections: dict[str, Graph],
) -> None:
    """A section that gives something a country names that country in its own graph."""
    undeclared = sorted(
        (slug, str(country))
        for slug, section in sections.items()
        for prop in (LTC.country, LTC.participatingCountry, LTC.location)
        for country in section.objects(None, prop)
        if str(country).startswith(str(ID["country/"]))
        and (country, RDF.type, LTC.Country) not in section
    )
    assert undeclared == []
