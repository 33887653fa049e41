"""`/sparql`: the SPARQL 1.1 Protocol (query operation), read-only.

The project's prefixes (ltc:, cluster:, pnrr:, ...) are predeclared, as the Wikidata Query
Service does for its own; a query's PREFIX lines override them. Relative IRIs in a query
resolve against the endpoint's own URL, the service's base IRI. Graphs named by
`default-graph-uri`, `named-graph-uri`, FROM or FROM NAMED are looked up in this dataset
only: nothing is ever fetched or read, and a graph the dataset lacks is empty. Without a
query, browsers get the query editor and programs the service description.

:raise 400: malformed query (with line and column), update, SERVICE, repeated or missing
    `query`, bad encoding
:raise 406: no acceptable result format
:raise 413: request body over the limit
:raise 415: POST with a media type the protocol does not define, or a non-UTF-8 charset
:raise 503: time limit reached (the worker is stopped) or every worker busy, with Retry-After
"""

from __future__ import annotations

from urllib.parse import parse_qsl

from flask import Blueprint, Response, g, render_template, request

from ...errors import HttpError
from ...namespaces import prologue
from ...sparql.description import describe
from ...sparql.service import Query
from ..answers import answer_response, held, not_modified
from ..negotiation import GRAPHS, HTML, best_of, choose, result_table
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
    g.ltc_query_text = queries[0]  # hashed in the access log, never written
    service = state().service
    checked = service.check(Query(
        queries[0],
        default_graphs=tuple(v for k, v in params if k == "default-graph-uri"),
        named_graphs=tuple(v for k, v in params if k == "named-graph-uri"),
        predeclared=True, base_iri=request.base_url))
    chosen = choose(checked.form, request.accept_mimetypes,
                    next((v for k, v in params if k == "format"), None))
    if chosen is None:
        offered = ", ".join(sorted(result_table(checked.form)))
        raise HttpError(406, f"no acceptable format for a {checked.form} result; offered: "
                        f"{offered}")
    media, writer = chosen
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
    text = _utf8(raw, where)
    try:
        return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
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


DEFAULT_QUERY = """SELECT ?cluster ?name ?members WHERE {
  ?cluster a ltc:Cluster ; rdfs:label ?name .
  FILTER(LANG(?name) = "en")
  OPTIONAL { ?count ltc:countOf ?cluster ; ltc:memberCategory vocab:all-members ;
                    schema:value ?members }
}
ORDER BY ?name
"""
SHOWN_PREFIXES = ("ltc", "cluster", "vocab", "rdfs", "schema", "skos", "pnrr", "project",
                  "network", "org", "prov", "g")


def editor_page() -> Response:
    """The query editor, with the project's prefixes written out and the canned queries."""
    query = prologue(*SHOWN_PREFIXES) + "\n" + DEFAULT_QUERY
    canned = list(state().queries)
    config = {
        "endpoint": request.base_url,
        "prefixes": "/prefixes.json",
        "query": query,
        "canned": {q.name: q.sparql for q in canned},
    }
    page = render_template("editor.html", endpoint=request.base_url, config=config,
                           canned=canned, default_query=query,
                           yasgui=installed("yasgui", "yasgui.min.js"))
    return Response(page, mimetype="text/html")
