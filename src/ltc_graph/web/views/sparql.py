"""`/sparql`: the SPARQL 1.1 Protocol (query operation), read-only.

The project's prefixes (ltc:, cluster:, pnrr:, ...) are predeclared, as the Wikidata Query
Service does for its own; a query's PREFIX lines override them. Relative IRIs in a query
resolve against the endpoint's own URL, the service's base IRI. Graphs named by
`default-graph-uri`, `named-graph-uri`, FROM or FROM NAMED are looked up in this dataset
only: nothing is ever fetched or read, and a graph the dataset lacks is empty.

:raise 400: malformed query (with line and column), update, SERVICE, repeated or missing
    `query`, bad encoding
:raise 406: no acceptable result format
:raise 413: request body over the limit
:raise 415: POST with a media type the protocol does not define, or a non-UTF-8 charset
:raise 503: time limit reached (the worker is stopped) or every worker busy, with Retry-After
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl

from flask import Blueprint, Response, current_app, request

from ...errors import HttpError
from ...namespaces import PREFIXES
from ...rdf.terms import Binding
from ...sparql.description import describe
from ...sparql.execution import Answer, Job, Task
from ...sparql.text import QueryRefused, inspect
from ...sparql.workers import Busy, QueryTimeout, WorkerDied
from ..negotiation import GRAPHS, choose, result_table
from ..traffic import metered
from .editor import editor_page

bp = Blueprint("sparql", __name__)

FORM_TYPE = "application/x-www-form-urlencoded"
QUERY_TYPE = "application/sparql-query"
UPDATE_TYPE = "application/sparql-update"


@bp.get("/")
def home() -> Response:
    """The home page is the dashboard; the query editor is at /sparql."""
    from .dashboard import dashboard_page  # which runs its queries through execute, below

    return dashboard_page()


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
    return run_query(queries[0],
                     default_graphs=[v for k, v in params if k == "default-graph-uri"],
                     named_graphs=[v for k, v in params if k == "named-graph-uri"],
                     fmt=next((v for k, v in params if k == "format"), None),
                     predeclared=True)


def run_query(text: str, default_graphs: list[str] | None = None,
              named_graphs: list[str] | None = None, fmt: str | None = None,
              substitutions: tuple[Binding, ...] = (), predeclared: bool = False) -> Response:
    """Check, negotiate, run and answer one query (also used by the canned queries)."""
    store = current_app.extensions["ltc_store"]
    try:
        info = inspect(text, PREFIXES if predeclared else None)
    except QueryRefused as exc:
        raise HttpError(400, str(exc)) from None
    if not default_graphs and not named_graphs:
        # The query's own FROM / FROM NAMED apply; a protocol-given dataset overrides them.
        default_graphs, named_graphs = info.from_graphs, info.from_named
    chosen = choose(info.form, request.accept_mimetypes, fmt)
    if chosen is None:
        offered = ", ".join(sorted(result_table(info.form)))
        raise HttpError(406, f"no acceptable format for a {info.form} result; offered: {offered}")
    media, writer = chosen
    etag = _etag(store.version, text, writer, default_graphs, named_graphs, substitutions)
    cacheable = request.method in ("GET", "HEAD")
    if cacheable and (etag in request.if_none_match or f"{etag}-gz" in request.if_none_match):
        return _not_modified(etag, store)
    cache = current_app.extensions["ltc_results"]
    key = f"{etag}|{request.base_url}"
    answer = cache.get(key)
    hit = answer is not None
    if answer is None:
        answer = execute(Job(text, writer, tuple(default_graphs), tuple(named_graphs),
                             substitutions, predeclared, base_iri=request.base_url))
        cache.put(key, answer)
    response = Response(answer.body, mimetype=media)
    if media.startswith("text/") or media.endswith(("json", "xml")):
        response.charset = "utf-8"
    response.headers["X-Result-Count"] = str(answer.count)
    response.headers["X-Result-Cap"] = str(current_app.config["MAX_ROWS"])
    response.headers["X-Cache"] = "HIT" if hit else "MISS"
    if answer.truncated:
        response.headers["X-Result-Truncated"] = "true"
    response.vary.add("Accept")
    if cacheable:
        response.set_etag(etag)
        response.last_modified = store.loaded_at
        response.cache_control.public = True
        response.cache_control.max_age = int(current_app.config["CACHE_SECONDS"])
    return response


def execute(job: Task, what: str = "query", cached: bool = False) -> Answer:
    """Run a job on a query worker (a query, or other work `what` names in messages, such as
    a validation); limits and failures become HTTP errors.

    `cached`: the pages' own queries (resource pages, the dashboard, query pages) are kept
    in the answer cache by job and data version, so a page seen again costs no worker time.

    :raise 403: the worker's sandbox refused something the job tried (a file, an address)
    :raise 503: time limit, every worker busy, or the worker died; with Retry-After
    """
    key = None
    if cached:
        version = current_app.extensions["ltc_store"].version
        key = "job|" + hashlib.sha256(repr((version, job)).encode()).hexdigest()
        if (kept := current_app.extensions["ltc_results"].get(key)) is not None:
            return kept
    try:
        with metered():  # charged to the client's query budget
            answer = current_app.extensions["ltc_pool"].run(job)
    except QueryTimeout:
        seconds = current_app.config["QUERY_TIMEOUT"]
        raise HttpError(503, f"the {what} was stopped at the {seconds:g} s time limit",
                        {"Retry-After": "10"}) from None
    except Busy:
        raise HttpError(503, "every query worker is busy; try again shortly",
                        {"Retry-After": "5"}) from None
    except WorkerDied:
        raise HttpError(503, "the query worker stopped before answering (it may have run out "
                        "of memory) and is being replaced; try again in a few seconds, and "
                        "simplify the query if it happens again", {"Retry-After": "5"}) from None
    if answer.refused:
        raise HttpError(403, answer.error)
    if answer.unavailable:
        raise HttpError(503, answer.error, {"Retry-After": "10"})
    if not answer.ok:
        raise HttpError(400, answer.error)
    if key is not None:
        current_app.extensions["ltc_results"].put(key, answer)
    return answer


def _params() -> list[tuple[str, str]]:
    """Protocol parameters from the URL and, for POST, the body; decoded as strict UTF-8."""
    params = _decode_pairs(request.query_string, "the URL")
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


def _etag(version: str, *parts: object) -> str:
    digest = hashlib.sha256(repr((version, *parts)).encode()).hexdigest()[:32]
    return digest


def _not_modified(etag: str, store) -> Response:
    response = Response(status=304)
    response.set_etag(etag)
    response.last_modified = store.loaded_at
    response.vary.add("Accept")
    return response


def _service_description() -> Response:
    """No query: the service description for machines, the query editor for browsers."""
    store = current_app.extensions["ltc_store"]
    offered = ["text/html", *GRAPHS]
    best = request.accept_mimetypes.best_match(offered) if request.accept_mimetypes else None
    if best == "text/html":
        return editor_page()
    media = best or "text/turtle"
    body = describe(store, request.base_url, GRAPHS[media].name)
    response = Response(body, mimetype=media)
    response.vary.add("Accept")
    return response
