"""What every page's footer says of the dataset: its licence, its source with the date, its
release and data version, read from the graph (data/dataset.trig, data/sources.trig) once
per data version through the query service's cache.
"""

from __future__ import annotations

import logging

from ...sparql.service import QueryFailed
from ..i18n import page_language
from ..state import state

log = logging.getLogger(__name__)

QUERY = """SELECT ?title ?licence ?release ?modified ?source ?sourceLang ?year WHERE {
  dataset:ltc-graph dcterms:license ?licence ; owl:versionInfo ?release ;
    dcterms:modified ?modified ; dcterms:source source:brochure-2024 .
  OPTIONAL { dataset:ltc-graph dcterms:title ?wanted FILTER(LANG(?wanted) = ?lang) }
  OPTIONAL { dataset:ltc-graph dcterms:title ?english FILTER(LANG(?english) = "en") }
  OPTIONAL { source:brochure-2024 rdfs:label ?sourceWanted FILTER(LANG(?sourceWanted) = ?lang) }
  OPTIONAL { source:brochure-2024 rdfs:label ?sourceEnglish
             FILTER(LANG(?sourceEnglish) = "en") }
  OPTIONAL { source:brochure-2024 dcterms:temporal ?year }
  BIND(COALESCE(?wanted, ?english) AS ?title)
  BIND(COALESCE(?sourceWanted, ?sourceEnglish) AS ?source)
  BIND(LANG(?source) AS ?sourceLang)
}"""
PREFIXES = ("PREFIX dataset: <https://w3id.org/ltc/id/dataset/>\n"
            "PREFIX source: <https://w3id.org/ltc/id/source/>\n")


def identity() -> dict[str, str]:
    """The footer's facts in the page's language; the data version alone when the graph
    cannot be asked (every worker busy), so that a page never fails for its footer."""
    found = state()
    facts = {"version": found.info.version}
    lang = page_language()
    try:
        rows = found.service.rows(PREFIXES + QUERY.replace("?lang", f'"{lang}"'),
                                  predeclared=True)
    except QueryFailed as exc:
        log.warning("the footer's facts could not be read: %s", exc.message)
        return facts
    return {**(rows[0] if rows else {}), **facts}
