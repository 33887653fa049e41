"""The home page: a dashboard whose every figure is a canned query's answer at request time.

The queries run through the query service like any other, so a figure is always what the
graph says now, and each links to the query behind it. The page carries the
figures as JSON data blocks for `static/figures.js` (no inline script: the pages' CSP
forbids it), each chart with a text alternative, and as tables for readers without
JavaScript, which also hold the links the charts' marks open.

:raise 503: a query worker is busy or stopped (as for every query)
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, render_template

from ..figures import data as figures
from ..figures import describe
from ..figures.canned import answer, event_words, member_words, network_words, query_link
from ..figures.gazetteer import locate_all
from ..i18n import _, page_language

bp = Blueprint("dashboard", __name__)

EVENTS_YEAR = "2024"


@bp.get("/")
def home() -> Response:
    """The home page: every figure from seven canned queries; the query editor is at
    /sparql."""
    members = answer("members-by-cluster")
    short = figures.short_names(members)
    seats = figures.seat_map(answer("seat-cities"), locate_all)
    events = figures.timeline(answer("events-by-year", year=EVENTS_YEAR))
    data: dict[str, Any] = {
        "members": {**figures.member_bars(members), "words": member_words()},
        "totals": {"rows": figures.member_totals(answer("member-totals")), "words": {
            "overview": _("The 9 clusters' total (overview)"),
            "sumOfStated": _("Sum of the figures clusters state"),
            "members": _("Members")}},
        "s3": {**figures.s3_cells(answer("s3-ecosystems-by-cluster"), short), "words": {
            "synergies": _("synergy boxes naming it"),
            "reference": _("reference ecosystem"),
            "shade": _("the darker, the more synergy boxes name it")}},
        "pnrr": {**figures.pnrr_cells(answer("pnrr-components-by-cluster"), short), "words": {
            "count": _("projects or the cluster itself"),
            "itself": _("the cluster itself")}},
        "network": {**figures.network(answer("shared-memberships"), short), "words": {
            "cluster": _("Cluster"), "network": _("Network"),
            "programme": _("Funding programme"),
            "shared": _("clusters"), **network_words()}},
        "seats": {**seats, "outlines": "/static/world-atlas/countries-50m.json", "words": {
            "seats": _("seats")}},
        "events": {"events": events, "year": EVENTS_YEAR, "words": event_words()},
    }
    alts = {
        "members": describe.members(data["members"]),
        "totals": describe.totals(data["totals"]["rows"]),
        "s3": describe.s3(data["s3"]), "pnrr": describe.pnrr(data["pnrr"]),
        "network": describe.network(data["network"]), "seats": describe.seats(seats),
        "events": describe.events(events, EVENTS_YEAR),
    }
    for figure in data.values():  # names the script draws in another language than the page's
        figure["foreign"] = figures.foreign(figure, page_language())
    links = {
        "members": query_link("members-by-cluster"), "totals": query_link("member-totals"),
        "s3": query_link("s3-ecosystems-by-cluster"),
        "pnrr": query_link("pnrr-components-by-cluster"),
        "network": query_link("shared-memberships"), "seats": query_link("seat-cities"),
        "events": query_link("events-by-year", year=EVENTS_YEAR),
    }
    page = render_template("dashboard.html", data=data, alts=alts, links=links)
    return Response(page, mimetype="text/html")
