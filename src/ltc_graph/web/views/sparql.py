"""`/sparql`: the SPARQL 1.1 Protocol (query operation), read-only.

The project's prefixes (ltc:, cluster:, pnrr:, ...) are predeclared, as the Wikidata Query
Service does for its own; a query's PREFIX lines override them. Relative IRIs in a query
resolve against the endpoint's own URL, the service's base IRI. Graphs named by
`default-graph-uri`, `named-graph-uri`, FROM or FROM NAMED are looked up in this dataset
only: nothing is ever fetched or read, and a graph the dataset lacks is empty. Without a
query, browsers get the query editor and programs the service description.

The editor opens `/sparql?canned=NAME&PARAM=VALUE...` with that canned query's text, its
parameters bound as a VALUES block (given values, else the defaults or examples of its
header), and `/sparql#query=<percent-encoded SPARQL>` with that text (read by its script);
other pages link to both. `/sparql/places.json` places an answer's places on its map.

:raise 400: malformed query (with line and column), update, SERVICE, repeated or missing
    `query`, bad encoding; for the editor, an unknown canned query or a bad parameter value
:raise 406: no acceptable result format
:raise 413: request body over the limit
:raise 415: POST with a media type the protocol does not define, or a non-UTF-8 charset
:raise 503: time limit reached (the worker is stopped) or every worker busy, with Retry-After
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from flask import Blueprint, Flask, Response, jsonify, render_template, request
from werkzeug.datastructures import MIMEAccept
from werkzeug.http import HTTP_STATUS_CODES
from werkzeug.wsgi import get_current_url

from ...errors import HttpError
from ...namespaces import BASE, PREFIXES, prologue
from ...queries.registry import LANGUAGE_PARAM, RESERVED, NamedQuery
from ...queries.snippets import bound_text
from ...sparql.description import describe
from ...sparql.service import Checked, Query, QueryFailed, QueryService, Reply
from .. import traffic
from ..answers import (
    CORS_HEADERS,
    POLICY_HEADERS,
    accepted,
    answer_headers,
    answer_response,
    compressible,
    error_body,
    gzipped,
    held,
    not_modified,
)
from ..figures.gazetteer import locate_all
from ..i18n import _, page_language
from ..limits.strict import strict_pairs
from ..negotiation import GRAPHS, HTML, best_of, choose, result_table
from ..state import AppState, state
from ..vendor import installed

bp = Blueprint("sparql", __name__)

FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


@bp.route("/sparql", methods=["GET", "POST"])
def endpoint() -> Response:
    params = _params()
    queries = [v for k, v in params if k == "query"]
    if "update" in {k for k, _ in params} or request.mimetype == UPDATE_TYPE:
        raise HttpError(400, "this endpoint is read-only: SPARQL Update is not accepted")
    if not queries:
        if request.method == "POST":
            raise HttpError(400, "missing query: send it as the 'query' parameter")
        return _service_description()
    if len(queries) > 1:
        raise HttpError(400, "give exactly one 'query' parameter")
    service = state().service
    checked = _check(service, params, queries[0], request.base_url)
    media, writer = _negotiate(checked, params, request.accept_mimetypes)
    if held(key := service.key(checked, writer)):
        return not_modified(key)
    return answer_response(service.answer(checked, writer), media)


def _check(service: QueryService, params: list[tuple[str, str]], text: str,
           base_url: str) -> Checked:
    """The query read once, with the protocol's dataset; its text noted for the log line.

    :raise QueryFailed: 400 for what is never run
    """
    if (visit := traffic.current()) is not None:
        visit.query_text = text  # hashed in the access log, never written
    return service.check(Query(
        text,
        default_graphs=tuple(v for k, v in params if k == "default-graph-uri"),
        named_graphs=tuple(v for k, v in params if k == "named-graph-uri"),
        predeclared=True, base_iri=base_url))


def _negotiate(checked: Checked, params: list[tuple[str, str]],
               accept: MIMEAccept) -> tuple[str, str]:
    """(media type, writer) of the answer.

    :raise 406: no format the client accepts
    """
    return _chosen(checked.form, accept, next((v for k, v in params if k == "format"), None))


def _chosen(form: str, accept: MIMEAccept, fmt: str | None) -> tuple[str, str]:
    if (chosen := choose(form, accept, fmt)) is None:
        offered = ", ".join(sorted(result_table(form)))
        raise HttpError(406, f"no acceptable format for a {form} result; offered: {offered}")
    return chosen


@lru_cache(maxsize=512)
def _negotiated(form: str, accept: str | None, fmt: str | None) -> tuple[str, str]:
    """`_chosen` for the Accept header as sent: clients send the same few again and again.

    :raise 406: no format the client accepts (not kept)
    """
    return _chosen(form, accepted(accept), fmt)


Environ = dict[str, Any]
StartResponse = Callable[..., Any]
UNUSUAL = frozenset({"update", "lang"})  # refused, or a language cookie to set: Flask's
log = logging.getLogger("ltc_graph.web.app")  # unexpected errors, logged as the app logs them


@lru_cache(maxsize=64)
def _base_url(scheme: str, host: str | None, server: str, port: str) -> str:
    """`request.base_url` of `/sparql` (the query's base IRI), as Werkzeug makes it."""
    return get_current_url({"wsgi.url_scheme": scheme, "SERVER_NAME": server,
                            "SERVER_PORT": port, "PATH_INFO": "/sparql",
                            **({"HTTP_HOST": host} if host is not None else {})},
                           strip_querystring=True)


class FastPath:
    """WSGI in front of Flask: `GET /sparql` with one query, answered without Flask.

    Most requests to a public endpoint are exactly this, and Flask's request context, routing,
    hooks and response object cost more than all the checks. Here the URL is decoded once
    (strictly), the query checked once, admitted, sent to a query worker once and its bytes
    written with the very headers the Flask view and the app's last steps write (answers.py),
    counted, charged and logged by the same functions (traffic.py). Anything else (POST,
    HEAD, a conditional request, the service description or editor, a URL that is not UTF-8,
    a repeated or missing `query`, `update`, `lang`) goes on to Flask untouched.
    """

    def __init__(self, app: Flask, wsgi: Callable[[Environ, StartResponse], Iterable[bytes]]
                 ) -> None:
        self.app, self.wsgi = app, wsgi

    def __call__(self, environ: Environ, start_response: StartResponse) -> Iterable[bytes]:
        if (environ.get("PATH_INFO") != "/sparql" or environ.get("REQUEST_METHOD") != "GET"
                or "HTTP_IF_NONE_MATCH" in environ or environ.get("SCRIPT_NAME")):
            return self.wsgi(environ, start_response)
        try:
            params = strict_pairs(environ.get("QUERY_STRING", "").encode("latin-1"))
        except UnicodeError:
            return self.wsgi(environ, start_response)
        queries = [v for k, v in params if k == "query"]
        if len(queries) != 1 or any(k in UNUSUAL for k, _ in params):
            return self.wsgi(environ, start_response)
        found = state(self.app)
        visit = found.traffic.open(environ.get("HTTP_X_REQUEST_ID"))
        try:
            status, headers, body, cache = self._answer(found, environ, params, queries[0])
            headers += [*CORS_HEADERS, *POLICY_HEADERS, ("Content-Length", str(len(body))),
                        ("X-Request-Id", visit.request_id)]
            found.traffic.close(visit, route="/sparql", method="GET", path="/sparql",
                                status=status, size=len(body),
                                remote=environ.get("REMOTE_ADDR"), cache=cache)
        finally:
            found.traffic.leave(visit)
        start_response(f"{status} {HTTP_STATUS_CODES[status]}", headers)
        return [body]

    def _answer(self, found: AppState, environ: Environ, params: list[tuple[str, str]],
                text: str) -> tuple[int, list[tuple[str, str]], bytes, str | None]:
        """(status, headers, body, X-Cache) as the Flask view and `_finish` would make them."""
        accept = accepted(environ.get("HTTP_ACCEPT"))
        visit = traffic.current()
        assert visit is not None
        try:
            found.traffic.admit(visit, environ.get("REMOTE_ADDR") or "")
            checked = _check(found.service, params, text, _base_url(
                environ.get("wsgi.url_scheme", "http"), environ.get("HTTP_HOST"),
                environ.get("SERVER_NAME", ""), environ.get("SERVER_PORT", "")))
            media, writer = _negotiated(checked.form, environ.get("HTTP_ACCEPT"),
                                        next((v for k, v in params if k == "format"), None))
            reply = found.service.answer(checked, writer)
        except HttpError as error:
            return (*self._error(error.status, error.message, error.headers, accept), None)
        except QueryFailed as error:
            retry = {"Retry-After": str(error.retry_after)} if error.retry_after else {}
            return (*self._error(error.status, error.message, retry, accept), None)
        except Exception:
            log.exception("unexpected error (request %s)", visit.request_id)
            return (*self._error(500, f"internal error; request id {visit.request_id}", {},
                                 accept), None)
        config = self.app.config
        headers = answer_headers(reply, media, int(config["MAX_ROWS"]),
                                 int(config["CACHE_SECONDS"]), found.info.loaded_at)
        return (200, *self._finished(reply, media, headers, environ),
                "HIT" if reply.cached else "MISS")

    @staticmethod
    def _finished(reply: Reply, media: str, headers: list[tuple[str, str]],
                  environ: Environ) -> tuple[list[tuple[str, str]], bytes]:
        """The steps `_finish` takes for an answer: Vary for a language (CSV), gzip."""
        body = reply.answer.body
        vary = ["Accept"]
        if media == "text/csv":
            vary += ["Accept-Language", "Cookie"]
        if compressible(200, environ.get("HTTP_ACCEPT_ENCODING"), len(body)):
            body = gzipped(body)
            vary.append("Accept-Encoding")
            headers = [(k, f'"{reply.key}-gz"' if k == "ETag" else v) for k, v in headers]
            headers.append(("Content-Encoding", "gzip"))
        headers = [(k, ", ".join(vary) if k == "Vary" else v) for k, v in headers]
        return headers, body

    @staticmethod
    def _error(status: int, message: str, extra: dict[str, str], accept: MIMEAccept
               ) -> tuple[int, list[tuple[str, str]], bytes]:
        body, content_type = error_body(status, message, accept)
        return status, [("Content-Type", content_type), *extra.items()], body


def _params() -> list[tuple[str, str]]:
    """Protocol parameters from the URL and, for POST, the body; decoded as strict UTF-8."""
    params = list(request.args.items(multi=True))
    if request.method != "POST":
        return params
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise HttpError(415, f"charset {charset} is not accepted: send UTF-8")
    if request.mimetype == FORM_TYPE:
        return params + _decode_pairs(request.get_data(cache=True), "the request body")
    if request.mimetype == QUERY_TYPE:
        if any(k == "query" for k, _ in params):
            raise HttpError(400, "a direct POST carries the query in its body, not in the URL")
        return [*params, ("query", _utf8(request.get_data(cache=True), "the request body"))]
    if request.mimetype == UPDATE_TYPE:
        return [("update", "")]
    raise HttpError(415, f"POST needs Content-Type {FORM_TYPE} or {QUERY_TYPE}"
                    + (f", not {request.mimetype}" if request.mimetype else ""))


def _decode_pairs(raw: bytes, where: str) -> list[tuple[str, str]]:
    try:
        return strict_pairs(raw)
    except UnicodeDecodeError:
        _utf8(raw, where)  # the bytes themselves, else what they encode
        raise HttpError(400, f"{where} is not valid UTF-8 once percent-decoded") from None


def _utf8(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        raise HttpError(400, f"{where} is not valid UTF-8") from None


def _service_description() -> Response:
    """No query: the service description for machines, the query editor for browsers."""
    best = best_of([HTML, *GRAPHS], "text/turtle") or "text/turtle"
    if best == HTML:
        return editor_page()
    body = describe(state().info, request.base_url, GRAPHS[best].name)
    response = Response(body, mimetype=best)
    response.vary.add("Accept")
    return response


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


def editor_page() -> Response:
    """The query editor: the URL's canned query (`canned=NAME` and its parameters) or the
    default query, the examples with their parameters bound, and the words of its script.

    :raise 400: an unknown canned query, or a parameter it does not take or a bad value
    """
    lang = page_language()
    canned = list(state().queries)
    name = request.args.get("canned")
    if name is not None:
        chosen = state().queries.get(name)
        if chosen is None:
            known = ", ".join(q.name for q in canned)
            raise HttpError(400, f"no canned query named '{name}'; see /queries ({known})")
        given = {k: v for k, v in request.args.items() if k not in (*RESERVED, "canned")}
        query = example_text(chosen, given, lang)
    else:
        query = prologue(*SHOWN_PREFIXES) + "\n" + DEFAULT_QUERY.get(lang, DEFAULT_QUERY["en"])
    examples = [{"name": q.name, "title": q.titled(lang), "description": q.described(lang),
                 "titleLang": _said_in(q.title_it, lang),
                 "descriptionLang": _said_in(q.description_it, lang)} for q in canned]
    config = {
        "endpoint": request.base_url,
        "lang": lang,
        "base": BASE,
        "prefixes": PREFIXES,
        "prefixList": "/prefixes.json",
        "places": "/sparql/places.json",
        "outlines": "/static/world-atlas/countries-50m.json",
        "query": query,
        "fromUrl": name is not None,
        "examples": {q.name: example_text(q, {}, lang) for q in canned},
        "words": editor_words(),
        "yasgui": yasgui_words(),
    }
    page = render_template("editor.html", endpoint=request.base_url, config=config,
                           examples=examples, default_query=query,
                           yasgui=installed("yasgui", "yasgui.min.js"))
    return Response(page, mimetype="text/html")


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


@bp.get("/sparql/places.json")
def places() -> Response:
    """Where the places an answer names are, for the editor's map: `iri=` (a place's IRI)
    and `name=` (a place's name in any language), repeated; each with its name in the
    page's language, its page and the gazetteer's coordinates (none for a place the
    gazetteer does not know, such as a region)."""
    iris = list(dict.fromkeys(v for v in request.args.getlist("iri")
                              if PLACE_IRI.fullmatch(v)))[:MAX_PLACES]
    names = list(dict.fromkeys(v.strip() for v in request.args.getlist("name")
                               if PLACE_NAME.fullmatch(v.strip())))[:MAX_PLACES]
    found: dict[str, dict[str, Any]] = {}
    if iris or names:
        rows = state().service.rows(_places_query(iris, names, page_language()),
                                    predeclared=True)
        spots = locate_all({(row["english"], row["code"]) for row in rows if "code" in row})
        for row in rows:
            spot = spots.get((row["english"], row.get("code", "")))
            found.setdefault(row["asked"], {
                "iri": row["place"], "name": row["shown"], "href": row["place"][len(BASE):],
                "latitude": spot.latitude if spot else None,
                "longitude": spot.longitude if spot else None})
    response = jsonify({"places": found})
    response.vary.add("Accept-Language")
    return response


def _places_query(iris: list[str], names: list[str], lang: str) -> str:
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
