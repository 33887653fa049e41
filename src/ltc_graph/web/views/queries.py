"""`/queries`: the canned queries, listed and run with URL parameters at stable URLs; each one's
page for people, its embeddable table or chart, and `/openapi.json` describing them all.

Column names: JSON, XML, TSV and /sparql always name the SPARQL variables, so programs are
never broken. A CSV header names them too unless the request states a language (`lang=`, the
language cookie or Accept-Language, as browsers send): then it has the columns' titles in that
language (English fallback). Excel CSV and XLSX, made for people, always have titles.
`header=variables` or `header=titles` overrides all of this.

:raise 400: a parameter of the wrong type, unknown or missing (the message names it); a
    page for people shows its form instead, with the error beside the field (a missing value
    on a page is no error: the form asks for it)
:raise 404: no canned query of that name
"""

from __future__ import annotations

import json
from importlib.metadata import version

from flask import Blueprint, Response, render_template, request

from ...errors import HttpError
from ...queries.openapi import document
from ...queries.registry import RESERVED, NamedQuery, Registry
from ...queries.spreadsheets import excel_csv, titled_csv, xlsx
from ...rdf.formats import XLSX
from ...rdf.terms import Binding
from ...sparql.service import Query, QueryService
from ..answers import answer_response, cached_for_clients, held, not_modified
from ..i18n import COOKIE, LANGUAGES, page_language, pick
from ..negotiation import HTML, SOLUTIONS, best_of, choose
from ..pages.query import embed_context, page_context, tag_label
from ..state import state

bp = Blueprint("queries", __name__)

# The policy of the embeddable views: the pages' own, but any site may frame them.
EMBED_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; connect-src 'self'; font-src 'self' data:; "
    "frame-ancestors *; base-uri 'none'; form-action 'self'")


def registry() -> Registry:
    return state().queries


def wants_html() -> bool:
    if request.args.get("format"):
        return False
    return best_of([HTML, "application/json", "application/sparql-results+json"],
                   "application/json") == HTML


@bp.get("/queries")
def listing() -> Response:
    base = request.host_url.rstrip("/")
    items = [q.summary(base) for q in registry()]
    if wants_html():
        lang = page_language()
        shown = [dict(item, title=q.titled(lang), description=q.described(lang),
                      title_lang="en" if lang != "en" and not q.title_it else None,
                      description_lang="en" if lang != "en" and not q.description_it else None,
                      tags=[tag_label(t) for t in q.tags],
                      asks=[p.described(lang) or p.name for p in q.params if p.required])
                 for item, q in zip(items, registry(), strict=True)]
        return Response(render_template("queries.html", queries=shown), mimetype="text/html")
    response = Response(json.dumps({"queries": items}, ensure_ascii=False, indent=2),
                        mimetype="application/json")
    response.vary.add("Accept")
    return response


@bp.get("/queries/<name>")
def run(name: str) -> Response:
    """The answer for programs; for people, the page (its form alone, with a note, while a
    required value is missing; with the error beside the field, 400, for a wrong value)."""
    query = _named(name)
    given = _given(query)
    if not wants_html():
        return _answer(query, _bindings(query, given))
    if not _asks_for_html():
        _bindings(query, given)  # `Accept: */*` (curl, scripts): a bad value stays a 400
    context, status = page_context(query, given, page_language())
    return Response(render_template("query.html", **context), status=status,
                    mimetype="text/html")


def _asks_for_html() -> bool:
    """The client names HTML itself, as browsers do (not only through `*/*`)."""
    return any(media == HTML and quality > 0 for media, quality in request.accept_mimetypes)


@bp.get("/embed/queries/<name>")
def embed(name: str) -> Response:
    """The table or the chart alone (`view=table|chart`), for an iframe on any site."""
    query = _named(name)
    view = request.args.get("view", "table")
    if view not in ("table", "chart"):
        raise HttpError(400, "view must be table or chart")
    context, status = embed_context(query, _given(query), page_language(), view)
    response = Response(render_template("embed.html", **context), status=status,
                        mimetype="text/html")
    response.headers["Content-Security-Policy"] = EMBED_POLICY
    return response


@bp.get("/openapi.json")
def openapi() -> Response:
    """OpenAPI 3.1: one operation per canned query, with this host as the server."""
    body = document(registry(), request.host_url.rstrip("/"), version("ltc-graph"))
    return Response(json.dumps(body, ensure_ascii=False, indent=2),
                    mimetype="application/json")


def _named(name: str) -> NamedQuery:
    query = registry().get(name)
    if query is None:
        known = ", ".join(q.name for q in registry())
        raise HttpError(404, f"no canned query named '{name}'; see /queries ({known})")
    return query


def _given(query: NamedQuery) -> dict[str, str]:
    return {k: v for k, v in request.args.items() if k not in RESERVED}


def _bindings(query: NamedQuery, values: dict[str, str]) -> tuple[Binding, ...]:
    """:raise 400: an unknown parameter or a value of the wrong type (QueryFailed)."""
    return QueryService.bind(query, values)


def _answer(query: NamedQuery, bindings: tuple[Binding, ...]) -> Response:
    """The answer in the format asked for; column titles as the module docstring says."""
    fmt = request.args.get("format")
    if not fmt and best_of([*SOLUTIONS, XLSX], "") == XLSX:
        fmt = "xlsx"
    service = state().service
    checked = service.check(Query(query.sparql, bindings=bindings))
    if fmt not in ("excel-csv", "xlsx"):
        chosen = choose("SELECT", request.accept_mimetypes, fmt)
        if chosen is None:
            offered = ", ".join(sorted(SOLUTIONS))
            raise HttpError(406, f"no acceptable format for a SELECT result; offered: {offered}")
        media, writer = chosen
        if writer != "csv" or not _titles(default=False):
            if held(key := service.key(checked, writer)):
                return _varies(not_modified(key))
            return _varies(answer_response(service.answer(checked, writer), media))
        fmt = "csv"
    lang = page_language()
    reply = service.answer(checked, "json")
    answer = reply.json()
    variables = answer["head"]["vars"]
    titles = ([query.column_title(v, lang) for v in variables] if _titles(default=True)
              else variables)
    if fmt == "xlsx":
        response = Response(xlsx(answer, titles, query.name), mimetype=XLSX)
        response.headers["Content-Disposition"] = f'attachment; filename="{query.name}.xlsx"'
    elif fmt == "excel-csv":
        response = Response(excel_csv(answer, titles, lang), mimetype="text/csv")
        response.headers["Content-Disposition"] = f'attachment; filename="{query.name}.csv"'
    else:
        response = Response(titled_csv(answer, titles), mimetype="text/csv")
    if response.mimetype == "text/csv":
        response.charset = "utf-8"
    plain = answer_response(reply, "application/json", etag=False)
    for header in ("X-Result-Count", "X-Result-Cap", "X-Result-Truncated", "X-Cache"):
        if header in plain.headers:
            response.headers[header] = plain.headers[header]
    if request.method in ("GET", "HEAD"):
        cached_for_clients(
            response, f"{reply.key}-{fmt}-{lang}-{'titles' if titles != variables else 'vars'}")
    return _varies(response).make_conditional(request)


def _titles(default: bool) -> bool:
    """Column titles in the header row: asked for, or a language stated by the request."""
    asked = request.args.get("header")
    if asked in ("variables", "titles"):
        return asked == "titles"
    return default or _stated_language() is not None


def _stated_language() -> str | None:
    """The language the request states (switch, cookie, Accept-Language), None if none."""
    if request.args.get("lang") in LANGUAGES or request.cookies.get(COOKIE) in LANGUAGES \
            or request.headers.get("Accept-Language"):
        return pick(request.args.get("lang"), request.cookies.get(COOKIE),
                    request.accept_languages)
    return None


def _varies(response: Response) -> Response:
    response.vary.add("Accept")
    if response.mimetype in ("text/csv", XLSX):
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
    return response
