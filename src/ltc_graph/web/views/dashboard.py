"""The home page: a dashboard whose every figure is a canned query's answer at request time.

The queries run on the query workers like any other (through `execute`), so a figure is
always what the graph says now, and each links to the query behind it. The page carries the
figures as JSON data blocks for `static/figures.js` (no inline script: the pages' CSP
forbids it) and as tables for readers without JavaScript.

:raise 503: a query worker is busy or stopped (as for every query)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from flask import Response, current_app, render_template

from ...sparql.execution import Job
from ..figures import data as figures
from ..figures.gazetteer import locate_all
from ..i18n import translator
from . import page_language
from .sparql import execute

EVENTS_YEAR = "2024"


def answer(name: str, **params: str) -> list[figures.Row]:
    """The rows of canned query `name`, its names in the page's language where it has a
    `language` parameter; answers are cached with the data version like the endpoint's."""
    query = current_app.extensions["ltc_queries"].get(name)
    if query is None:
        raise LookupError(f"the canned query {name} is missing")
    bindings = query.bindings(_with_language(name, params))
    store = current_app.extensions["ltc_store"]
    cache = current_app.extensions["ltc_results"]
    key = f"figure|{store.version}|{name}|{bindings!r}"
    result = cache.get(key)
    if result is None:
        result = execute(Job(query.sparql, "json", substitutions=bindings), cached=True)
        cache.put(key, result)
    return figures.rows(json.loads(result.body))


def query_link(name: str, **params: str) -> str:
    """The canned query's page with the parameters a figure used."""
    given = _with_language(name, params)
    if given.get("language") == "en":
        del given["language"]  # the default
    return f"/queries/{name}" + (f"?{urlencode(given)}" if given else "")


def _with_language(name: str, params: dict[str, str]) -> dict[str, str]:
    query = current_app.extensions["ltc_queries"].get(name)
    takes = query is not None and any(p.name == "language" for p in query.params)
    return {**params, "language": page_language()} if takes else dict(params)


def member_words(t: Callable[[str, str], str]) -> dict[str, str]:
    """The words of a members chart: its categories and the 'not stated' of a blank."""
    return {"companies": t("Companies", "Imprese"),
            "research": t("Research organisations", "Organismi di ricerca"),
            "other": t("Other entities", "Altri soggetti"),
            "unbroken": t("Total not broken down by type", "Totale non ripartito per tipo"),
            "notStated": t("not stated", "non indicato"), "members": t("Members", "Membri")}


def dashboard_page() -> Response:
    """Every figure of the home page, from seven canned queries."""
    t = translator(page_language())
    members = answer("members-by-cluster")
    short = figures.short_names(members)
    seats = figures.seat_map(answer("seat-cities"), locate_all)
    data: dict[str, Any] = {
        "members": {**figures.member_bars(members), "words": member_words(t)},
        "totals": {"rows": figures.member_totals(answer("member-totals")), "words": {
            "overview": t("The 9 clusters' total (overview)", "Totale dei 9 cluster (panoramica)"),
            "sumOfStated": t("Sum of the figures clusters state",
                             "Somma dei dati indicati dai cluster"),
            "members": t("Members", "Membri")}},
        "s3": {**figures.s3_cells(answer("s3-ecosystems-by-cluster"), short), "words": {
            "synergies": t("synergy boxes naming it", "box delle sinergie che lo nominano"),
            "reference": t("reference ecosystem", "ecosistema di riferimento")}},
        "pnrr": {**figures.pnrr_cells(answer("pnrr-components-by-cluster"), short), "words": {
            "count": t("projects or the cluster itself", "progetti o il cluster stesso"),
            "itself": t("the cluster itself", "il cluster stesso")}},
        "network": {**figures.network(answer("shared-memberships"), short), "words": {
            "cluster": t("Cluster", "Cluster"), "network": t("Network", "Rete"),
            "programme": t("Funding programme", "Programma di finanziamento"),
            "shared": t("clusters", "cluster")}},
        "seats": {**seats, "outlines": "/static/world-atlas/countries-50m.json", "words": {
            "seats": t("seats", "sedi")}},
        "events": {"events": figures.timeline(answer("events-by-year", year=EVENTS_YEAR)),
                   "year": EVENTS_YEAR},
    }
    links = {
        "members": query_link("members-by-cluster"), "totals": query_link("member-totals"),
        "s3": query_link("s3-ecosystems-by-cluster"),
        "pnrr": query_link("pnrr-components-by-cluster"),
        "network": query_link("shared-memberships"), "seats": query_link("seat-cities"),
        "events": query_link("events-by-year", year=EVENTS_YEAR),
    }
    page = render_template("dashboard.html", data=data, links=links)
    return Response(page, mimetype="text/html")
