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

from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request

from ...errors import HttpError
from ...namespaces import BASE
from ...queries.registry import RESERVED
from ...sparql.description import describe
from ..answers import answer_response, held, not_modified
from ..figures.gazetteer import locate_all
from ..i18n import page_language
from ..limits.strict import strict_pairs
from ..negotiation import GRAPHS, HTML, best_of
from ..pages.editor import (
    MAX_PLACES,
    PLACE_IRI,
    PLACE_NAME,
    editor_setup,
    places_query,
)
from ..protocol import check, negotiate
from ..state import state
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
    checked = check(service, params, queries[0], request.base_url)
    media, writer = negotiate(checked, params, request.accept_mimetypes)
    if held(key := service.key(checked, writer)):
        return not_modified(key)
    return answer_response(service.answer(checked, writer), media)


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


def editor_page() -> Response:
    """The query editor: the URL's canned query (`canned=NAME` and its parameters) or the
    default query, the examples with their parameters bound, and the words of its script.

    :raise 400: an unknown canned query, or a parameter it does not take or a bad value
    """
    canned = list(state().queries)
    name = request.args.get("canned")
    chosen = None
    if name is not None:
        chosen = state().queries.get(name)
        if chosen is None:
            known = ", ".join(q.name for q in canned)
            raise HttpError(400, f"no canned query named '{name}'; see /queries ({known})")
    given = {k: v for k, v in request.args.items() if k not in (*RESERVED, "canned")}
    query, examples, config = editor_setup(canned, chosen, given, page_language())
    page = render_template("editor.html", endpoint=request.base_url,
                           config={"endpoint": request.base_url, **config},
                           examples=examples, default_query=query,
                           yasgui=installed("yasgui", "yasgui.min.js"))
    return Response(page, mimetype="text/html")


@bp.get("/sparql/places.json")
def places() -> Response:
    """Where the places an answer names are, for the editor's map: `iri=` (a place's IRI)
    and `name=` (a place's name in any language), repeated (`placed`)."""
    iris = list(dict.fromkeys(v for v in request.args.getlist("iri")
                              if PLACE_IRI.fullmatch(v)))[:MAX_PLACES]
    names = list(dict.fromkeys(v.strip() for v in request.args.getlist("name")
                               if PLACE_NAME.fullmatch(v.strip())))[:MAX_PLACES]
    rows = state().service.rows(places_query(iris, names, page_language()),
                                predeclared=True) if iris or names else []
    response = jsonify({"places": placed(rows)})
    response.vary.add("Accept-Language")
    return response


def placed(rows: list[dict[str, str]]) -> dict[str, dict[str, Any]]:
    """The answer of `places_query` by the name or IRI asked for: each place's IRI, name in
    the page's language, page and the gazetteer's coordinates (none for a place the
    gazetteer does not know, such as a region)."""
    found: dict[str, dict[str, Any]] = {}
    spots = locate_all({(row["english"], row["code"]) for row in rows if "code" in row})
    for row in rows:
        spot = spots.get((row["english"], row.get("code", "")))
        found.setdefault(row["asked"], {
            "iri": row["place"], "name": row["shown"], "href": row["place"][len(BASE):],
            "latitude": spot.latitude if spot else None,
            "longitude": spot.longitude if spot else None})
    return found
