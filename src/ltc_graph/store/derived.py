"""Statements the served graph derives from the stated ones, added when a store is loaded.

The data files hold what the sources state, each fact in its section's graph. Three questions
would then need a different pattern for each class, so the default graph also holds:

- **classes**: each resource of an ontology class is also of the ontology's own classes above
  it (a city, region or country is an `ltc:Place`; an official list an `ltc:Source`);
- **where**: `ltc:locatedIn` from every resource with an IRI to every place it lies in (an
  event's place, a seat's city and country from its address, and the wider places of those),
  so that `?x ltc:locatedIn ?p . ?p a ltc:Country` finds any located resource's country;
- **when**: `ltc:firstDay`, `ltc:lastDay` (both `xsd:date`) and `ltc:datePrecision` (day,
  month or year) on every resource of an ontology class that a source dates, whatever the
  property (start and end, date, issue, creation, submission, endorsement, founding,
  reference year), so that one pattern finds everything dated in a year.

They go into the default graph only: no named graph holds them, since no source section
states them, and `GRAPH ?g` still tells what each section says. `UPDATES` are plain SPARQL 1.1
Update, run in order after the default graph holds the union of the named graphs: a store
loaded some other way gets the same by running them (`derive` takes any update function).
"""

from __future__ import annotations

from collections.abc import Callable

PREFIXES = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX ltc: <https://w3id.org/ltc/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX vocab: <https://w3id.org/ltc/id/vocab/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
OWN = "https://w3id.org/ltc/ontology#"

# The properties that date a resource: a start, an end, or a single date that is both.
STARTS = "schema:startDate"
ENDS = "schema:endDate"
SINGLE = ("dcterms:date|dcterms:issued|dcterms:created|dcterms:dateSubmitted"
          "|ltc:endorsementDate|schema:foundingDate|ltc:referenceYear")

# A date as the shapes allow it (xsd:date, xsd:gYearMonth, xsd:gYear, no time zone), on a
# resource of one of the ontology's classes; ?s is its lexical form.
DATED = f"""?v a ?dated . FILTER(STRSTARTS(STR(?dated), "{OWN}"))
    FILTER(DATATYPE(?value) IN (xsd:date, xsd:gYearMonth, xsd:gYear)
           && REGEX(STR(?value), "^[0-9]{{4}}(-[0-9]{{2}}(-[0-9]{{2}})?)?$"))
    BIND(STR(?value) AS ?s)"""

CLASSES = PREFIXES + f"""INSERT {{ ?x a ?super }} WHERE {{
  ?x a ?class . ?class rdfs:subClassOf+ ?super .
  FILTER(isIRI(?super) && STRSTARTS(STR(?super), "{OWN}"))
}}"""

WHERE = PREFIXES + """INSERT { ?x ltc:locatedIn ?place } WHERE {
  ?x (ltc:location|ltc:city|ltc:inRegion|ltc:country|org:siteAddress)+ ?place .
  ?place a ltc:Place .
  FILTER(isIRI(?x) && ?x != ?place)
}"""

FIRST_DAY = PREFIXES + f"""INSERT {{ ?v ltc:firstDay ?day }} WHERE {{
  {{ SELECT ?v (MIN(?first) AS ?earliest) WHERE {{
      ?v {STARTS}|{SINGLE} ?value .
      {DATED}
      BIND(IF(STRLEN(?s) = 4, CONCAT(?s, "-01-01"),
              IF(STRLEN(?s) = 7, CONCAT(?s, "-01"), ?s)) AS ?first)
    }} GROUP BY ?v }}
  BIND(STRDT(?earliest, xsd:date) AS ?day)
}}"""

# The last day of a month needs the month's length, February's from the leap-year rule.
LAST_DAY = PREFIXES + f"""INSERT {{ ?v ltc:lastDay ?day }} WHERE {{
  {{ SELECT ?v (MAX(?last) AS ?latest) WHERE {{
      ?v {ENDS}|{SINGLE} ?value .
      {DATED}
      BIND(xsd:integer(SUBSTR(?s, 1, 4)) AS ?y)
      BIND(IF(STRLEN(?s) = 7, xsd:integer(SUBSTR(?s, 6, 2)), 0) AS ?m)
      BIND((?y - 4 * FLOOR(?y / 4)) = 0
           && ((?y - 100 * FLOOR(?y / 100)) != 0 || (?y - 400 * FLOOR(?y / 400)) = 0) AS ?leap)
      BIND(IF(?m = 2, IF(?leap, "29", "28"), IF(?m IN (4, 6, 9, 11), "30", "31")) AS ?days)
      BIND(IF(STRLEN(?s) = 4, CONCAT(?s, "-12-31"),
              IF(STRLEN(?s) = 7, CONCAT(?s, "-", ?days), ?s)) AS ?last)
    }} GROUP BY ?v }}
  BIND(STRDT(?latest, xsd:date) AS ?day)
}}"""

PRECISION = PREFIXES + f"""INSERT {{ ?v ltc:datePrecision ?precision }} WHERE {{
  {{ SELECT ?v (MAX(?rank) AS ?coarsest) WHERE {{
      ?v {STARTS}|{ENDS}|{SINGLE} ?value .
      {DATED}
      BIND(IF(STRLEN(?s) = 4, 3, IF(STRLEN(?s) = 7, 2, 1)) AS ?rank)
    }} GROUP BY ?v }}
  BIND(IF(?coarsest = 3, vocab:year, IF(?coarsest = 2, vocab:month, vocab:day)) AS ?precision)
}}"""

# In order: places are typed before `ltc:locatedIn` looks for them.
UPDATES: tuple[str, ...] = (CLASSES, WHERE, FIRST_DAY, LAST_DAY, PRECISION)


def derive(update: Callable[[str], object]) -> None:
    """Add the derived statements to a default graph that holds the union of the named
    graphs, with `update` running one SPARQL Update (`pyoxigraph.Store.update`, or a
    store's update endpoint)."""
    for text in UPDATES:
        update(text)
