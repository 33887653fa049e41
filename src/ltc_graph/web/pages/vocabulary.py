"""The names of the terms pages show (properties and classes), in English and Italian, each
with the page that documents it, so that no page shows a raw IRI where a person reads a word.

The ontology labels its own terms in both languages (read from the graph, once per data
version, through the query service's cache); the vocabularies the data borrows (DCMI terms,
RDF, RDFS, SKOS, ORG, LOCN, schema.org, PROV, FOAF, VoID, DCAT, OWL, EURIO, VANN) say
nothing of themselves in the graph, so their terms' names are in the table below.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...namespaces import (
    DCAT,
    DCTERMS,
    EURIO,
    FOAF,
    LOCN,
    LTC,
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
from ..state import state

VANN = "http://purl.org/vocab/vann/"
TERMS = """SELECT ?term ?label ?lang WHERE {
  GRAPH g:ontology { ?term rdfs:label ?label } BIND(LANG(?label) AS ?lang) }"""

# Where each borrowed vocabulary documents its terms: a template on the term's local name,
# or the vocabulary's page when it has no reliable anchor per term.
DOCUMENTATION: dict[str, str] = {
    str(DCTERMS): "https://www.dublincore.org/specifications/dublin-core/dcmi-terms/terms/{}/",
    str(RDF): "https://www.w3.org/TR/rdf-schema/#ch_{lower}",
    str(RDFS): "https://www.w3.org/TR/rdf-schema/#ch_{lower}",
    str(SKOS): "https://www.w3.org/TR/skos-reference/",
    str(ORG): "https://www.w3.org/TR/vocab-org/#org:{}",
    str(LOCN): "https://semiceu.github.io/Core-Location-Vocabulary/releases/2.00/",
    str(SCHEMA): "https://schema.org/{}",
    str(PROV): "https://www.w3.org/TR/prov-o/#{}",
    str(FOAF): "http://xmlns.com/foaf/spec/#term_{}",
    str(VOID): "https://www.w3.org/TR/void/",
    str(DCAT): "https://www.w3.org/TR/vocab-dcat-3/",
    str(OWL): "https://www.w3.org/TR/owl2-overview/",
    str(EURIO): "https://op.europa.eu/en/web/eu-vocabularies/eurio",
    VANN: "https://vocab.org/vann/",
}


# The vocabularies themselves, as the dataset's description lists them: (English, Italian,
# the page that documents the vocabulary).
VOCABULARIES: dict[str, tuple[str, str, str]] = {
    str(LTC): ("Lombardy Technology Clusters ontology",
               "Ontologia dei Cluster Tecnologici Lombardi", "/ontology"),
    str(ORG): ("ORG, the Organization Ontology", "ORG, l'ontologia delle organizzazioni",
               "https://www.w3.org/TR/vocab-org/"),
    str(SKOS): ("SKOS, for concept schemes", "SKOS, per gli schemi di concetti",
                "https://www.w3.org/TR/skos-reference/"),
    str(LOCN): ("Core Location Vocabulary", "Vocabolario Core Location",
                "https://semiceu.github.io/Core-Location-Vocabulary/releases/2.00/"),
    str(PROV): ("PROV-O, the provenance ontology", "PROV-O, l'ontologia della provenienza",
                "https://www.w3.org/TR/prov-o/"),
    str(SCHEMA): ("schema.org", "schema.org", "https://schema.org/"),
    str(EURIO): ("EURIO, the EU research information ontology",
                 "EURIO, l'ontologia della ricerca dell'Unione europea",
                 "https://op.europa.eu/en/web/eu-vocabularies/eurio"),
    str(DCTERMS): ("DCMI Metadata Terms", "Termini di metadati DCMI",
                   "https://www.dublincore.org/specifications/dublin-core/dcmi-terms/"),
    str(FOAF): ("FOAF, Friend of a Friend", "FOAF",
                "http://xmlns.com/foaf/spec/"),
}


def _terms(namespace: object, names: dict[str, tuple[str, str]]) -> dict[str, tuple[str, str]]:
    return {f"{namespace}{local}": pair for local, pair in names.items()}


# The borrowed terms the data and the dataset's description use: (English, Italian); classes
# capitalised as the model's are, properties in lower case.
BORROWED: dict[str, tuple[str, str]] = {
    **_terms(DCTERMS, {
        "conformsTo": ("conforms to", "conforme a"),
        "contributor": ("contributor", "contributore"),
        "created": ("created", "data di creazione"),
        "dateAccepted": ("date accepted", "data di accettazione"),
        "creator": ("creator", "autore"),
        "date": ("date", "data"),
        "dateSubmitted": ("date submitted", "data di presentazione"),
        "description": ("description", "descrizione"),
        "hasPart": ("has part", "comprende"),
        "identifier": ("identifier", "identificativo"),
        "isPartOf": ("is part of", "fa parte di"),
        "issued": ("issued", "data di pubblicazione"),
        "language": ("language", "lingua"),
        "license": ("licence", "licenza"),
        "modified": ("modified", "data di modifica"),
        "publisher": ("publisher", "editore"),
        "relation": ("related resource", "risorsa collegata"),
        "source": ("source", "fonte"),
        "spatial": ("spatial coverage", "copertura geografica"),
        "temporal": ("temporal coverage", "copertura temporale"),
        "title": ("title", "titolo"),
    }),
    **_terms(RDF, {
        "type": ("type", "tipo"),
        "first": ("first item", "primo elemento"),
        "rest": ("rest of the list", "resto dell'elenco"),
        "Property": ("Property", "Proprietà"),
        "List": ("List", "Elenco"),
    }),
    **_terms(RDFS, {
        "label": ("label", "etichetta"),
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
        "versionInfo": ("version", "versione"),
        "Class": ("Class", "Classe"),
        "ObjectProperty": ("Object property", "Proprietà di oggetto"),
        "DatatypeProperty": ("Datatype property", "Proprietà di dato"),
        "Ontology": ("Ontology", "Ontologia"),
        "Thing": ("Thing", "Cosa"),
    }),
    **_terms(SKOS, {
        "altLabel": ("alternative label", "etichetta alternativa"),
        "broader": ("broader", "più generale"),
        "narrower": ("narrower", "più specifico"),
        "closeMatch": ("close match", "corrispondenza stretta"),
        "exactMatch": ("exact match", "corrispondenza esatta"),
        "definition": ("definition", "definizione"),
        "editorialNote": ("editorial note", "nota redazionale"),
        "hasTopConcept": ("top concept", "concetto di primo livello"),
        "inScheme": ("in scheme", "nello schema"),
        "notation": ("code", "codice"),
        "note": ("note", "nota"),
        "prefLabel": ("preferred label", "etichetta preferita"),
        "scopeNote": ("scope note", "nota d'ambito"),
        "topConceptOf": ("top concept of", "concetto di primo livello di"),
        "Concept": ("Concept", "Concetto"),
        "ConceptScheme": ("Concept scheme", "Schema di concetti"),
    }),
    **_terms(ORG, {
        "hasMember": ("has member", "ha come membro"),
        "hasPrimarySite": ("primary site", "sede principale"),
        "hasRegisteredSite": ("registered site", "sede legale"),
        "hasSite": ("site", "sede"),
        "hasSubOrganization": ("sub-organisation", "organizzazione controllata"),
        "heldBy": ("held by", "ricoperta da"),
        "member": ("member", "membro"),
        "memberOf": ("member of", "membro di"),
        "organization": ("organisation", "organizzazione"),
        "postIn": ("post in", "carica in"),
        "siteAddress": ("address", "indirizzo"),
        "subOrganizationOf": ("sub-organisation of", "organizzazione controllata da"),
        "unitOf": ("unit of", "unità di"),
        "FormalOrganization": ("Formal organisation", "Organizzazione formale"),
        "Membership": ("Membership", "Adesione"),
        "Organization": ("Organisation", "Organizzazione"),
        "OrganizationalCollaboration": ("Collaboration", "Collaborazione"),
        "OrganizationalUnit": ("Organisational unit", "Unità organizzativa"),
        "Post": ("Post", "Carica"),
        "Site": ("Site", "Sede"),
    }),
    **_terms(LOCN, {
        "addressArea": ("address area", "frazione o quartiere"),
        "fullAddress": ("full address", "indirizzo completo"),
        "locatorDesignator": ("street number", "numero civico"),
        "locatorName": ("building or unit", "edificio o interno"),
        "postCode": ("postcode", "codice postale"),
        "postName": ("post town", "località"),
        "thoroughfare": ("street", "via"),
        "Address": ("Address", "Indirizzo"),
    }),
    **_terms(SCHEMA, {
        "about": ("about", "riguarda"),
        "email": ("email", "email"),
        "endDate": ("end date", "data di fine"),
        "foundingDate": ("founding date", "data di fondazione"),
        "funder": ("funder", "finanziatore"),
        "location": ("location", "luogo"),
        "maxValue": ("maximum value", "valore massimo"),
        "organizer": ("organiser", "organizzatore"),
        "startDate": ("start date", "data di inizio"),
        "superEvent": ("part of the event", "parte dell'evento"),
        "telephone": ("telephone", "telefono"),
        "unitText": ("unit", "unità"),
        "value": ("value", "valore"),
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
        "Project": ("Project", "Progetto"),
        "QuantitativeValue": ("Quantity", "Quantità"),
    }),
    **_terms(PROV, {
        "wasDerivedFrom": ("derived from", "tratto da"),
        "Entity": ("Entity", "Entità"),
        "Role": ("Role", "Ruolo"),
    }),
    **_terms(FOAF, {
        "homepage": ("website", "sito web"),
        "name": ("name", "nome"),
        "page": ("page", "pagina"),
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
        "exampleResource": ("example resource", "risorsa di esempio"),
        "property": ("property", "proprietà"),
        "propertyPartition": ("property partition", "partizione per proprietà"),
        "sparqlEndpoint": ("SPARQL endpoint", "endpoint SPARQL"),
        "triples": ("triples", "triple"),
        "uriSpace": ("URI space", "spazio degli URI"),
        "vocabulary": ("vocabulary", "vocabolario"),
        "Dataset": ("Dataset (VoID)", "Dataset (VoID)"),
    }),
    **_terms(DCAT, {
        "distribution": ("distribution", "distribuzione"),
        "downloadURL": ("download URL", "URL di scaricamento"),
        "hasCurrentVersion": ("current version", "versione corrente"),
        "hasVersion": ("version", "versione"),
        "isVersionOf": ("version of", "versione di"),
        "keyword": ("keyword", "parola chiave"),
        "mediaType": ("media type", "tipo di media"),
        "Dataset": ("Dataset", "Dataset"),
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
    **_terms(VANN, {
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
    if namespace in VOCABULARIES:
        english, italian, page = VOCABULARIES[namespace]
        return Name(italian if lang == "it" else english, lang, page)
    return Name(namespace, "", namespace)


def documentation(iri: str) -> str | None:
    """The page documenting a term: the ontology's own page for ltc: terms, the vocabulary's
    specification for borrowed ones, None for a term of no known vocabulary."""
    if iri.startswith(str(LTC)):
        return "/ontology#" + iri[len(str(LTC)):]
    for namespace, template in DOCUMENTATION.items():
        if iri.startswith(namespace):
            local = iri[len(namespace):]
            return template.format(local, lower=local.lower())
    return None
