"""`/queries`: the canned queries, listed and run with URL parameters at stable URLs.

:raise 400: a parameter of the wrong type, unknown or missing (the message names it)
:raise 404: no canned query of that name
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, current_app, render_template, request, url_for

from ..errors import HttpError
from ..queries import ParameterError, Registry
from .sparql import run_query

bp = Blueprint("queries", __name__)


def registry() -> Registry:
    return current_app.extensions["ltc_queries"]


def wants_html() -> bool:
    if request.args.get("format"):
        return False
    best = request.accept_mimetypes.best_match(["text/html", "application/json",
                                                "application/sparql-results+json"])
    return best == "text/html"


@bp.get("/queries")
def listing() -> Response:
    base = request.host_url.rstrip("/")
    items = [q.summary(base) for q in registry()]
    if wants_html():
        return Response(render_template("queries.html", queries=items), mimetype="text/html")
    response = Response(json.dumps({"queries": items}, ensure_ascii=False, indent=2),
                        mimetype="application/json")
    response.vary.add("Accept")
    return response


@bp.get("/queries/<name>")
def run(name: str) -> Response:
    query = registry().get(name)
    if query is None:
        known = ", ".join(q.name for q in registry())
        raise HttpError(404, f"no canned query named '{name}'; see /queries ({known})")
    given = {k: v for k, v in request.args.items() if k != "format"}
    try:
        bindings = query.bindings(given)
    except ParameterError as exc:
        raise HttpError(400, str(exc)) from None
    if wants_html():
        answer = run_query(query.sparql, fmt="json", substitutions=bindings)
        table = json.loads(answer.get_data())
        links = {fmt: url_for("queries.run", name=name, format=fmt, **given)
                 for fmt in ("csv", "tsv", "json", "xml")}
        return Response(render_template("query.html", query=query, given=given,
                                        table=table, links=links), mimetype="text/html")
    return run_query(query.sparql, fmt=request.args.get("format"), substitutions=bindings)
