"""The query patterns the data dictionary documents: how to ask when, where and in which
network, whatever the class of the resource. Each is a short text in English and Italian and
a query that runs as shown (the project's prefixes predeclared).

The first two read statements the served graph derives when the store is loaded
(store/derived.py): places typed as places, `ltc:locatedIn`, `ltc:firstDay`, `ltc:lastDay`
and `ltc:datePrecision`. The third reads what is stated: a membership of a network's pilot,
working group or table counts as membership of the network, through `org:unitOf`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Pattern:
    """One documented pattern: its anchor, title and text by language, and its query."""

    slug: str
    title: dict[str, str]
    text: dict[str, str]
    query: str


PATTERNS = (
    Pattern(
        "when",
        {"en": "When: every dated resource, by day or by year",
         "it": "Quando: ogni risorsa datata, al giorno o all'anno"},
        {"en": "The sources date resources by several properties (schema:startDate and "
               "schema:endDate, dcterms:date, dcterms:issued, dcterms:created, "
               "dcterms:dateSubmitted, ltc:endorsementDate, schema:foundingDate, "
               "ltc:referenceYear), each as precisely as the source: a day (xsd:date), a month "
               "(xsd:gYearMonth) or a year (xsd:gYear). The served graph gives every dated "
               "resource of an ltc: class one span: ltc:firstDay and ltc:lastDay (xsd:date; a "
               "year counts from 1 January to 31 December) and ltc:datePrecision (vocab:day, "
               "vocab:month or vocab:year, the coarsest of its dates). Something dated only by "
               "when it began has no ltc:lastDay. So one filter finds everything dated in a "
               "year, whether by day or by year alone: its span meets the year, or, with no "
               "last day, it began in the year.",
         "it": "Le fonti datano le risorse con diverse proprietà (schema:startDate e "
               "schema:endDate, dcterms:date, dcterms:issued, dcterms:created, "
               "dcterms:dateSubmitted, ltc:endorsementDate, schema:foundingDate, "
               "ltc:referenceYear), ciascuna con la precisione della fonte: un giorno "
               "(xsd:date), un mese (xsd:gYearMonth) o un anno (xsd:gYear). Il grafo pubblicato "
               "dà a ogni risorsa datata di una classe ltc: un solo periodo: ltc:firstDay e "
               "ltc:lastDay (xsd:date; un anno vale dal 1° gennaio al 31 dicembre) e "
               "ltc:datePrecision (vocab:day, vocab:month o vocab:year, la più grossolana delle "
               "sue date). Ciò che è datato solo dall'inizio non ha ltc:lastDay. Così un solo "
               "filtro trova tutto ciò che è datato in un anno, al giorno o con il solo anno: "
               "il suo periodo tocca l'anno o, senza ultimo giorno, è iniziato in quell'anno."},
        """SELECT ?thing ?first ?last ?precision WHERE {
  ?thing ltc:firstDay ?first ; ltc:datePrecision ?precision .
  OPTIONAL { ?thing ltc:lastDay ?last }
  FILTER(?first <= "2024-12-31"^^xsd:date && IF(BOUND(?last),
         ?last >= "2024-01-01"^^xsd:date, ?first >= "2024-01-01"^^xsd:date))
} ORDER BY ?first ?thing"""),
    Pattern(
        "where",
        {"en": "Where: every located resource, to its city, region and country",
         "it": "Dove: ogni risorsa localizzata, fino a città, regione e paese"},
        {"en": "Places are stated on different properties: an event's ltc:location, the "
               "ltc:city and ltc:country of a seat's address (org:siteAddress), a place's "
               "ltc:inRegion and ltc:country. The served graph adds ltc:locatedIn from every "
               "resource with an IRI to every place it lies in, at every level (an event in "
               "Turin is in Turin and in Italy; a province is in Lombardy and in Italy), and "
               "types every city, region and country also as an ltc:Place (the class hierarchy "
               "of the ontology's own classes; classes of other vocabularies above them are not "
               "added: for those, use a/rdfs:subClassOf*). So one property and the place's class "
               "answer where: a located resource's city, region or country is the place it "
               "lies in of that class. An organisation is where its seats are "
               "(org:hasSite/ltc:locatedIn). A place the source names without its kind (the "
               "Emirates) is an ltc:Place only, with no city, region or country.",
         "it": "I luoghi sono indicati con proprietà diverse: ltc:location di un evento, "
               "ltc:city e ltc:country dell'indirizzo di una sede (org:siteAddress), "
               "ltc:inRegion e ltc:country di un luogo. Il grafo pubblicato aggiunge "
               "ltc:locatedIn da ogni risorsa con un IRI a ogni luogo in cui si trova, a ogni "
               "livello (un evento a Torino è a Torino e in Italia; una provincia è in Lombardia "
               "e in Italia), e indica ogni città, regione e paese anche come ltc:Place (la "
               "gerarchia delle classi dell'ontologia stessa; le classi di altri vocabolari "
               "sopra di esse non sono aggiunte: per quelle si usa a/rdfs:subClassOf*). Così "
               "una proprietà e la classe del luogo rispondono a dove: la città, la regione o "
               "il paese di una risorsa localizzata è il luogo di quella classe in cui si trova. "
               "Un'organizzazione è dove sono le sue sedi (org:hasSite/ltc:locatedIn). Un luogo "
               "che la fonte nomina senza dirne il tipo (gli Emirati) è solo un ltc:Place, "
               "senza città, regione né paese."},
        """SELECT DISTINCT ?thing ?city ?region ?country WHERE {
  ?thing ltc:locatedIn [] . FILTER NOT EXISTS { ?thing a ltc:Place }
  OPTIONAL { ?thing ltc:locatedIn ?city . ?city a ltc:City }
  OPTIONAL { ?thing ltc:locatedIn ?region . ?region a ltc:Region }
  OPTIONAL { ?thing ltc:locatedIn ?country . ?country a ltc:Country }
} ORDER BY ?thing"""),
    Pattern(
        "networks",
        {"en": "Networks with their parts: members through pilots and working tables",
         "it": "Le reti con le loro parti: i membri tramite piloti e tavoli di lavoro"},
        {"en": "A membership (ltc:NetworkMembership) is of a network or of one of its units "
               "(ltc:Unit: a pilot, working group or table, linked to its network with "
               "org:unitOf), as the source states it. A member of a unit counts as a member of "
               "the unit's network: follow org:organization/org:unitOf* to the network, and "
               "keep the unit and the role to say how (directly, through the Smart Health "
               "Pilot, as technical coordinator of the Bioeconomy Pilot). No statement is "
               "derived for this: the path is the answer.",
         "it": "Un'adesione (ltc:NetworkMembership) è a una rete o a una sua unità (ltc:Unit: "
               "un pilota, un gruppo o un tavolo di lavoro, collegato alla sua rete con "
               "org:unitOf), come indicato dalla fonte. Un membro di un'unità conta come membro "
               "della rete dell'unità: si segue org:organization/org:unitOf* fino alla rete e "
               "si tengono l'unità e il ruolo per dire come (direttamente, tramite lo Smart "
               "Health Pilot, come coordinatore tecnico del Bioeconomy Pilot). Non si deriva "
               "nessuna informazione: il percorso è la risposta."},
        """SELECT ?member ?via ?role WHERE {
  ?membership org:member ?member ; org:organization ?joined .
  ?joined org:unitOf* network:vanguard-initiative .
  BIND(IF(?joined != network:vanguard-initiative, ?joined, ?directly) AS ?via)
  OPTIONAL { ?membership ltc:roleName ?role }
} ORDER BY ?member ?via"""),
)
