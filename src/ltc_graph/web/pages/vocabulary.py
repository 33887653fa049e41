"""The names of the terms pages show (properties and classes), in English and Italian, each
with the page that documents it, so that no page shows a raw IRI where a person reads a word.

The ontology labels its own terms and the borrowed terms the data uses in both languages
(ontology/ltc.ttl and ltc-borrowed.ttl, read from the graph once per data version through the
query service's cache). The few borrowed terms only the model and the dataset's description
use (OWL's and VoID's machinery, a superclass the data never states) have their names in the
table below. Where each vocabulary documents its terms is in `rdf/vocabularies.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...namespaces import (
    DCAT,
    DCTERMS,
    EURIO,
    FOAF,
    LOCN,
    MORE_PREFIXES,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    VOID,
    shorten,
)
from ...rdf.vocabularies import documentation, vocabulary_of
from ..state import state

TERMS = """SELECT ?term ?label ?lang WHERE {
  GRAPH g:ontology { ?term rdfs:label ?label } BIND(LANG(?label) AS ?lang) }"""


def _terms(namespace: object, names: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    return {f"{namespace}{local}": pair for local, pair in names.items()}


# Borrowed terms the graph does not label: (English, Italian); classes capitalised as the
# model's are, properties in lower case.
BORROWED: dict[str, tuple[str, str]] = {
    **_terms(DCTERMS, {
        "conformsTo": ("conforms to", "conforme a"),
        "dateAccepted": ("date accepted", "data di accettazione"),
        "hasPart": ("has part", "comprende"),
        "relation": ("related resource", "risorsa collegata"),
    }),
    **_terms(RDF, {
        "first": ("first item", "primo elemento"),
        "rest": ("rest of the list", "resto dell'elenco"),
        "Property": ("Property", "Proprietà"),
        "List": ("List", "Elenco"),
    }),
    **_terms(RDFS, {
        "comment": ("comment", "commento"),
        "domain": ("domain", "dominio"),
        "isDefinedBy": ("defined by", "definito da"),
        "range": ("range", "codominio"),
        "seeAlso": ("see also", "vedi anche"),
        "subClassOf": ("subclass of", "sottoclasse di"),
        "subPropertyOf": ("subproperty of", "sottoproprietà di"),
        "Class": ("Class", "Classe"),
        "Resource": ("Resource", "Risorsa"),
    }),
    **_terms(OWL, {
        "unionOf": ("union of", "unione di"),
        "versionIRI": ("version IRI", "IRI della versione"),
        "Class": ("Class", "Classe"),
        "ObjectProperty": ("Object property", "Proprietà di oggetto"),
        "DatatypeProperty": ("Datatype property", "Proprietà di dato"),
        "Ontology": ("Ontology", "Ontologia"),
        "Thing": ("Thing", "Cosa"),
        "TransitiveProperty": ("Transitive property", "Proprietà transitiva"),
    }),
    **_terms(SKOS, {
        "narrower": ("narrower", "più specifico"),
        "closeMatch": ("close match", "corrispondenza stretta"),
        "exactMatch": ("exact match", "corrispondenza esatta"),
        "Concept": ("Concept", "Concetto"),
    }),
    **_terms(ORG, {
        "hasMember": ("has member", "ha come membro"),
        "FormalOrganization": ("Formal organisation", "Organizzazione formale"),
        "Membership": ("Membership", "Adesione"),
        "Organization": ("Organisation", "Organizzazione"),
        "OrganizationalCollaboration": ("Collaboration", "Collaborazione"),
        "OrganizationalUnit": ("Organisational unit", "Unità organizzativa"),
        "Post": ("Post", "Carica"),
    }),
    **_terms(LOCN, {
    }),
    **_terms(SCHEMA, {
        "about": ("about", "riguarda"),
        "email": ("email", "email"),
        "organizer": ("organiser", "organizzatore"),
        "telephone": ("telephone", "telefono"),
        "AdministrativeArea": ("Administrative area", "Area amministrativa"),
        "City": ("City", "Città"),
        "Country": ("Country", "Paese"),
        "CreativeWork": ("Creative work", "Opera"),
        "Event": ("Event", "Evento"),
        "FundingScheme": ("Funding scheme", "Schema di finanziamento"),
        "Legislation": ("Legislation", "Atto normativo"),
        "Organization": ("Organisation", "Organizzazione"),
        "Person": ("Person", "Persona"),
        "Place": ("Place", "Luogo"),
    }),
    **_terms(PROV, {
        "Entity": ("Entity", "Entità"),
        "Role": ("Role", "Ruolo"),
    }),
    **_terms(FOAF, {
        "Document": ("Document", "Documento"),
        "Organization": ("Organisation", "Organizzazione"),
        "Person": ("Person", "Persona"),
        "Project": ("Project", "Progetto"),
    }),
    **_terms(VOID, {
        "class": ("class", "classe"),
        "classPartition": ("class partition", "partizione per classe"),
        "dataDump": ("data dump", "dump dei dati"),
        "distinctSubjects": ("distinct subjects", "soggetti distinti"),
        "entities": ("entities", "entità"),
        "property": ("property", "proprietà"),
        "propertyPartition": ("property partition", "partizione per proprietà"),
        "sparqlEndpoint": ("SPARQL endpoint", "endpoint SPARQL"),
        "triples": ("triples", "triple"),
    }),
    **_terms(DCAT, {
        "distribution": ("distribution", "distribuzione"),
        "downloadURL": ("download URL", "URL di scaricamento"),
        "mediaType": ("media type", "tipo di media"),
        "Distribution": ("Distribution", "Distribuzione"),
    }),
    **_terms(EURIO, {
        "shortForm": ("short form", "forma breve"),
        "Country": ("Country", "Paese"),
        "FundingScheme": ("Funding scheme", "Schema di finanziamento"),
        "Organisation": ("Organisation", "Organizzazione"),
        "OrganisationRole": ("Organisation role", "Ruolo dell'organizzazione"),
        "Project": ("Project", "Progetto"),
    }),
    **_terms(MORE_PREFIXES["vann"], {
        "preferredNamespacePrefix": ("preferred prefix", "prefisso preferito"),
        "preferredNamespaceUri": ("preferred namespace", "spazio dei nomi preferito"),
    }),
}


@dataclass(frozen=True)
class Name:
    """A term's name as a page shows it: the text, its language, and where it is documented."""

    text: str
    lang: str
    href: str | None


def ontology_labels() -> dict[str, dict[str, str]]:
    """The ontology's own labels of its terms, by term and language."""
    labels: dict[str, dict[str, str]] = {}
    for row in state().service.rows(TERMS, predeclared=True):
        lang = row.get("lang", "")
        labels.setdefault(row["term"], {}).setdefault(lang, row["label"])
    return labels


def name(iri: str, lang: str, labels: dict[str, dict[str, str]]) -> Name:
    """The name of the term `iri` in `lang` (English when it has none in `lang`): the graph's
    label, else the table's, else its prefixed name (never the whole IRI)."""
    found = labels.get(iri, {})
    if lang in found:
        return Name(found[lang], lang, documentation(iri))
    if iri in BORROWED:
        english, italian = BORROWED[iri]
        return Name(italian if lang == "it" else english, lang, documentation(iri))
    if "en" in found:
        return Name(found["en"], "en", documentation(iri))
    return Name(shorten(iri).strip("<>"), "", documentation(iri))


def vocabulary(namespace: str, lang: str) -> Name:
    """A vocabulary's name in `lang`, linked to its documentation."""
    found = vocabulary_of(namespace)
    if found is not None and found.namespace == namespace:
        return Name(found.name(lang), lang, found.page)
    return Name(namespace, "", namespace)
