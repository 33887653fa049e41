"""The vocabularies the model borrows terms from, in one table: each one's prefix, its name in
English and Italian, the title and address of its specification, and how to link one of its
terms to the place that documents it. The model page, the resource pages and the dataset's
page all read it."""

from __future__ import annotations

from dataclasses import dataclass

from ..namespaces import (
    DCAT,
    DCTERMS,
    EURIO,
    FOAF,
    LOCN,
    LTC,
    MORE_PREFIXES,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    VOID,
    XSD,
)


@dataclass(frozen=True)
class Vocabulary:
    """A vocabulary: `title` is its specification's own (English) title, `names` what pages
    call it in each language, `terms` a template for one term's documentation (`{}` the
    term's local name, `{lower}` the same in lower case), None where only the whole
    specification is a reliable link."""

    prefix: str
    namespace: str
    names: tuple[str, str]  # English, Italian
    title: str
    page: str
    terms: str | None = None

    def name(self, lang: str) -> str:
        return self.names[1] if lang == "it" else self.names[0]


VOCABULARIES: tuple[Vocabulary, ...] = (
    Vocabulary("ltc", str(LTC), ("Lombardy Technology Clusters ontology",
                                 "Ontologia dei Cluster Tecnologici Lombardi"),
               "Lombardy Technology Clusters ontology", "/ontology", "/ontology#{}"),
    Vocabulary("org", str(ORG), ("ORG, the Organization Ontology",
                                 "ORG, l'ontologia delle organizzazioni"),
               "The Organization Ontology", "https://www.w3.org/TR/vocab-org/",
               "https://www.w3.org/TR/vocab-org/#org:{}"),
    Vocabulary("schema", str(SCHEMA), ("schema.org", "schema.org"), "Schema.org",
               "https://schema.org/docs/schemas.html", "https://schema.org/{}"),
    Vocabulary("eurio", str(EURIO), ("EURIO, the EU research information ontology",
                                     "EURIO, l'ontologia della ricerca dell'Unione europea"),
               "EURIO, the EU Research Information Ontology",
               "https://op.europa.eu/en/web/eu-vocabularies/dataset/-/resource?uri=http://"
               "publications.europa.eu/resource/dataset/eurio"),
    Vocabulary("prov", str(PROV), ("PROV-O, the provenance ontology",
                                   "PROV-O, l'ontologia della provenienza"),
               "PROV-O: The PROV Ontology", "https://www.w3.org/TR/prov-o/",
               "https://www.w3.org/TR/prov-o/#{}"),
    Vocabulary("foaf", str(FOAF), ("FOAF, Friend of a Friend", "FOAF"),
               "FOAF Vocabulary Specification", "http://xmlns.com/foaf/spec/",
               "http://xmlns.com/foaf/spec/#term_{}"),
    Vocabulary("skos", str(SKOS), ("SKOS, for concept schemes",
                                   "SKOS, per gli schemi di concetti"),
               "SKOS Simple Knowledge Organization System Reference",
               "https://www.w3.org/TR/skos-reference/"),
    Vocabulary("dcterms", str(DCTERMS), ("DCMI Metadata Terms", "Termini di metadati DCMI"),
               "DCMI Metadata Terms",
               "https://www.dublincore.org/specifications/dublin-core/dcmi-terms/",
               "https://www.dublincore.org/specifications/dublin-core/dcmi-terms/terms/{}/"),
    Vocabulary("dcat", str(DCAT), ("DCAT, the data catalogue vocabulary",
                                   "DCAT, il vocabolario dei cataloghi di dati"),
               "Data Catalog Vocabulary (DCAT) Version 3", "https://www.w3.org/TR/vocab-dcat-3/"),
    Vocabulary("void", str(VOID), ("VoID, for describing datasets",
                                   "VoID, per descrivere i dataset"),
               "Describing Linked Datasets with the VoID Vocabulary",
               "https://www.w3.org/TR/void/"),
    Vocabulary("locn", str(LOCN), ("Core Location Vocabulary", "Vocabolario Core Location"),
               "ISA Programme Location Core Vocabulary",
               "https://semiceu.github.io/Core-Location-Vocabulary/releases/2.00/"),
    Vocabulary("dbo", "http://dbpedia.org/ontology/", ("The DBpedia Ontology",
                                                       "L'ontologia di DBpedia"),
               "The DBpedia Ontology", "https://dbpedia.org/ontology/"),
    Vocabulary("qb", "http://purl.org/linked-data/cube#", ("RDF Data Cube",
                                                           "RDF Data Cube"),
               "The RDF Data Cube Vocabulary", "https://www.w3.org/TR/vocab-data-cube/"),
    Vocabulary("eli", "http://data.europa.eu/eli/ontology#",
               ("ELI, the European Legislation Identifier",
                "ELI, l'identificatore europeo della legislazione"),
               "The European Legislation Identifier ontology",
               "https://op.europa.eu/en/web/eu-vocabularies/eli"),
    Vocabulary("vann", MORE_PREFIXES["vann"], ("VANN, for vocabulary annotations",
                                                       "VANN, per annotare i vocabolari"),
               "VANN: A vocabulary for annotating vocabulary descriptions",
               "https://vocab.org/vann/"),
    Vocabulary("owl", str(OWL), ("OWL 2", "OWL 2"), "OWL 2 Web Ontology Language",
               "https://www.w3.org/TR/owl2-overview/"),
    Vocabulary("rdfs", str(RDFS), ("RDF Schema", "RDF Schema"), "RDF Schema 1.1",
               "https://www.w3.org/TR/rdf-schema/", "https://www.w3.org/TR/rdf-schema/#ch_{lower}"),
    Vocabulary("rdf", str(RDF), ("RDF", "RDF"), "RDF 1.1 Concepts and Abstract Syntax",
               "https://www.w3.org/TR/rdf11-concepts/",
               "https://www.w3.org/TR/rdf-schema/#ch_{lower}"),
    Vocabulary("xsd", str(XSD), ("XML Schema datatypes", "Tipi di dato di XML Schema"),
               "XML Schema Definition Language 1.1, Part 2: Datatypes",
               "https://www.w3.org/TR/xmlschema11-2/"),
)
BORROWED = tuple(v for v in VOCABULARIES if v.prefix != "ltc")


def vocabulary_of(iri: str) -> Vocabulary | None:
    """The vocabulary a term belongs to, if it is one of the table's."""
    return next((v for v in VOCABULARIES if iri.startswith(v.namespace)), None)


def documentation(iri: str) -> str | None:
    """Where a term is documented: its own anchor where its vocabulary has reliable ones,
    else the vocabulary's specification; None for a term of no known vocabulary."""
    vocabulary = vocabulary_of(iri)
    if vocabulary is None:
        return None
    if vocabulary.terms is None:
        return vocabulary.page
    local = iri[len(vocabulary.namespace):]
    return vocabulary.terms.format(local, lower=local.lower())
