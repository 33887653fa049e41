"""What the query editor shows (`/sparql` in a browser): its first query, the canned
queries as examples with their parameters bound, the places of an answer for its map, and
every word its script shows, in the page's language."""

from __future__ import annotations

import re
from typing import Any

from ...namespaces import BASE, PREFIXES, prologue
from ...queries.registry import LANGUAGE_PARAM, NamedQuery
from ...queries.snippets import bound_text
from ...sparql.service import QueryService
from ..i18n import _

# The editor's first query when neither the URL nor the browser's storage gives one: names
# in the page's language, English where a cluster has no name in it.
DEFAULT_QUERY = {
    "en": """SELECT ?cluster ?name ?members WHERE {
  ?cluster a ltc:Cluster ; rdfs:label ?name .
  FILTER(LANG(?name) = "en")
  OPTIONAL { ?count ltc:countOf ?cluster ; ltc:memberCategory vocab:all-members ;
                    schema:value ?members }
}
ORDER BY ?name
""",
    "it": """SELECT ?cluster ?name ?members WHERE {
  ?cluster a ltc:Cluster ; rdfs:label ?english .
  FILTER(LANG(?english) = "en")
  OPTIONAL { ?cluster rdfs:label ?italian . FILTER(LANG(?italian) = "it") }
  BIND(COALESCE(?italian, ?english) AS ?name)
  OPTIONAL { ?count ltc:countOf ?cluster ; ltc:memberCategory vocab:all-members ;
                    schema:value ?members }
}
ORDER BY ?name
"""}
SHOWN_PREFIXES = ("ltc", "cluster", "vocab", "rdfs", "schema", "skos", "pnrr", "project",
                  "network", "org", "prov", "g")
# The result view an example opens in (the query's first line says so, as people may write).
EXAMPLE_VIEWS = {"members-by-cluster": "BarChart", "seat-cities": "Map",
                 "shared-memberships": "Graph", "events-by-year": "Timeline"}
PLACE_IRI = re.compile(r"https://w3id\.org/ltc/id/place/[A-Za-z0-9._~%-]+")
PLACE_NAME = re.compile(r"[\w .,'\u2019()&/-]{1,200}")  # never a quote or a backslash
MAX_PLACES = 500


def editor_setup(canned: list[NamedQuery], chosen: NamedQuery | None,
                 given: dict[str, str], lang: str) -> tuple[str, list[dict[str, str]],
                                                          dict[str, Any]]:
    """(the first query, the examples' list, the script's settings but the addresses): the
    `chosen` canned query with the values `given`, else the default query.

    :raise QueryFailed: 400 for a parameter the chosen query does not take or a bad value
    """
    if chosen is not None:
        query = example_text(chosen, given, lang)
    else:
        query = prologue(*SHOWN_PREFIXES) + "\n" + DEFAULT_QUERY.get(lang, DEFAULT_QUERY["en"])
    examples = [{"name": q.name, "title": q.titled(lang), "description": q.described(lang),
                 "titleLang": _said_in(q.title_it, lang),
                 "descriptionLang": _said_in(q.description_it, lang)} for q in canned]
    config = {
        "lang": lang,
        "base": BASE,
        "prefixes": PREFIXES,
        "prefixList": "/prefixes.json",
        "places": "/sparql/places.json",
        "outlines": "/static/world-atlas/countries-50m.json",
        "query": query,
        "fromUrl": chosen is not None,
        "examples": {q.name: example_text(q, {}, lang) for q in canned},
        "words": editor_words(),
        "yasgui": yasgui_words(),
    }
    return query, examples, config


def example_text(query: NamedQuery, given: dict[str, str], lang: str) -> str:
    """A canned query's text for the editor, its parameters bound in a VALUES block: the
    values `given`, else the header's default, else its example; a `language` parameter
    takes the page's language, as on the query's own page. A comment names each parameter.

    :raise QueryFailed: 400 for a parameter the query does not take or a value of the wrong
        type (as the canned-query API)
    """
    values = {}
    for p in query.params:
        value = given.get(p.name) or p.default or p.example or ""
        if p.name == LANGUAGE_PARAM and not given.get(p.name):
            value = lang
        if value:
            values[p.name] = value
    QueryService.bind(query, {**given, **values})  # unknown names, bad values: 400
    bindings = QueryService.bind(query, values)
    bound = bound_text(query, bindings)
    where = query.info.where
    view = EXAMPLE_VIEWS.get(query.name)
    head = f"#defaultView:{view}\n" if view else ""
    if where is None or bound == query.sparql:
        return head + bound
    block = bound[where:len(bound) - (len(query.sparql) - where)].strip()
    notes = "".join(f"\n  # ?{p.name}: {p.described(lang)}" for p in query.params
                    if p.name in values and p.described(lang))
    return head + bound[:where] + notes + "\n  " + block + query.sparql[where:]


def places_query(iris: list[str], names: list[str], lang: str) -> str:
    """The places named by IRI or by name (checked against PLACE_IRI and PLACE_NAME, so
    they are written in the text safely), with their English name and country code (the
    dataset's coverage, Italy, where the graph states none, as for the dashboard's map)."""
    by_iri = " ".join(f"<{iri}>" for iri in iris)
    by_name = " ".join(f'"{name}"' for name in names)
    return f"""SELECT ?asked ?place ?english ?shown ?code WHERE {{
  {{ VALUES ?place {{ {by_iri} }} BIND(STR(?place) AS ?asked) }}
  UNION
  {{ VALUES ?asked {{ {by_name} }} ?place rdfs:label ?named . FILTER(STR(?named) = ?asked) }}
  ?place a ?kind ; rdfs:label ?english . FILTER(?kind IN (ltc:City, ltc:Region))
  FILTER(LANG(?english) = "en")
  OPTIONAL {{ ?place rdfs:label ?own . FILTER(LANG(?own) = "{lang}") }}
  BIND(COALESCE(?own, ?english) AS ?shown)
  OPTIONAL {{ ?place ltc:country/skos:notation ?stated }}
  OPTIONAL {{
    SELECT (SAMPLE(?coverageCode) AS ?coverage) WHERE {{
      ?dataset dcterms:spatial/ltc:country/skos:notation ?coverageCode }}
  }}
  BIND(COALESCE(?stated, ?coverage) AS ?code)
}}
ORDER BY ?asked ?place
"""


def _said_in(italian: str, lang: str) -> str:
    """The language a title or description is shown in: English where Italian is missing."""
    return "it" if lang == "it" and italian else "en"


def editor_words() -> dict[str, Any]:
    """Every word the editor's script shows, in the page's language."""
    return {
        "editor": _("SPARQL query"),
        "run": _("Run"), "stop": _("Stop"), "running": _("Running…"),
        "linkCopied": _("Link copied"),
        "historyEntry": _("Opened in the editor: %(query)s"),
        "historyOpen": _("Open this query in the editor"),
        "noQueryText": _("(empty query)"),
        "oneResult": _("1 result"), "results": _("%(count)s results"),
        "seconds": _("in %(seconds)s s"),
        "capped": _("The answer stops at %(cap)s rows, the server's limit."),
        "failed": _("The query could not run. The server says:"),
        "unreachable": _("The server could not be reached; try again."),
        "views": {"table": _("Table"), "response": _("Response"), "barchart": _("Bar chart"),
                  "map": _("Map"), "graph": _("Graph"), "timeline": _("Timeline")},
        "unfit": _("The %(view)s view does not fit this answer, so it is shown as a table."),
        "drawnFirst": _("Only the first %(count)s are drawn."),
        "noPlaces": _("None of these places has known coordinates."),
        "unplaced": _("Not on the map, for want of coordinates: %(names)s."),
        "noOutlines": _("The country outlines could not be loaded: the places are drawn "
                        "without them."),
        "boolean": {"true": _("true"), "false": _("false")},
        # the columns of a CONSTRUCT or DESCRIBE answer's table
        "triple": {"subject": _("subject"), "predicate": _("predicate"),
                   "object": _("object")},
        "datatable": {
            "emptyTable": _("No rows"), "zeroRecords": _("No row matches the filter"),
            "info": _("Rows _START_ to _END_ of _TOTAL_"), "infoEmpty": _("No rows"),
            "infoFiltered": _("(filtered from _MAX_)"), "lengthMenu": _("_MENU_ rows per page"),
            "search": _("Filter:"), "loadingRecords": _("Loading…"),
            "entries": {"_": _("rows"), "1": _("row")},
            "paginate": {"first": "\u00ab", "last": "\u00bb", "next": "\u203a",
                         "previous": "\u2039"},
            "aria": {"orderable": _(": activate to sort"),
                     "orderableReverse": _(": activate to sort in reverse"),
                     "orderableRemove": _(": activate to remove the sorting"),
                     "paginate": {"first": _("First page"), "last": _("Last page"),
                                  "next": _("Next page"), "previous": _("Previous page"),
                                  "number": ""}},
        },
    }


def yasgui_words() -> dict[str, Any]:
    """YASGUI's own English, as it writes it (without the spaces around it), with what the
    page shows instead: exact texts and patterns whose named groups fill the placeholders
    (static/editor/translate.js)."""
    return {
        "texts": {
            "Download result": _("Download the result"),
            "Download Results": _("Download the result"),
            "Download not supported": _("This view cannot be downloaded"),
            "Show all": _("Show all"),
            "This line is invalid. Expected:": _("This line is not valid SPARQL. Expected:"),
            "Filter query results": _("Filter the results"),
            "Page size:": _("Rows per page:"),
            "All": _("All"),
            "Simple view": _("Simple view"),
            "Ellipse": _("Shorten long cells"),
            "True": _("True"), "False": _("False"),
            "cannot render result": _("This answer cannot be shown."),
            "Press CTRL - <spacebar> to autocomplete": _("Press Ctrl+Space to complete"),
            "pagination": _("Pages"),
        },
        "patterns": [
            {"match": "^Prefix '(?<prefix>[^']*)' is not defined$",
             "text": _("The prefix %(prefix)s is not declared")},
            {"match": "^Shows (?<view>.+) view$", "text": _("Show the %(view)s view")},
        ],
    }
