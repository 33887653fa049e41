"""Charts on resource pages where one helps: a cluster's members by type, a network's
members, a programme's projects, the clusters and projects on a PNRR mission or component.

Each comes from a canned query with the resource as its parameter (run as the dashboard's
are) and is drawn by `static/figures.js`; `alt` is its text alternative, and the page's table
under it says the same.
"""

from __future__ import annotations

from typing import Any

from ...namespaces import LTC
from ..i18n import _, page_language
from . import data as figures
from . import describe
from .canned import answer, member_words, network_words, query_link

ONTOLOGY = str(LTC)


def resource_charts(iri: str, types: set[str], title: str) -> list[dict[str, Any]]:
    """The charts for a resource of these types (none for most kinds)."""
    charts = _charts(iri, types, title)
    for chart in charts:
        chart["data"]["foreign"] = figures.foreign(chart["data"], page_language())
    return charts


def _charts(iri: str, types: set[str], title: str) -> list[dict[str, Any]]:
    if ONTOLOGY + "Cluster" in types:
        rows = [r for r in answer("members-by-cluster") if r["cluster"] == iri]
        bars = figures.member_bars(rows)
        return [{
            "kind": "members", "id": "cluster-members",
            "title": _("Members by type"),
            "alt": describe.one_cluster(bars, member_words()) if rows else "",
            "data": {**bars, "words": member_words()},
            "query": query_link("members-by-cluster"),
        }]
    if ONTOLOGY + "Network" in types:
        params = {"network": iri}
        rows = answer("clusters-in-network", **params)
        if not rows:
            return []
        star = figures.members_star(iri, title, rows)
        return [{
            "kind": "network", "id": "network-members",
            "title": _("Members of the network"), "alt": describe.star(star),
            "data": {**star, "words": {"network": _("Network"), "member": _("Member"),
                                       **network_words()}},
            "query": query_link("clusters-in-network", **params),
        }]
    if ONTOLOGY + "FundingProgramme" in types:
        params = {"programme": iri}
        rows = answer("programme-projects", **params)
        if not rows:
            return []
        projects = figures.programme_projects(rows)
        return [{
            "kind": "projects", "id": "programme-projects",
            "title": _("Projects it funds, by cluster"), "alt": describe.projects(projects),
            "data": {**projects, "words": {
                "projects": _("Projects"),
                "noStatus": _("status not stated")}},
            "query": query_link("programme-projects", **params),
        }]
    for kind, param, heading in (
            ("PNRRMission", "mission",
             _("Which clusters work on this mission, and with which projects")),
            ("PNRRComponent", "component",
             _("Which clusters work on this component, and with which projects"))):
        if ONTOLOGY + kind in types:
            params = {param: iri}
            rows = answer("pnrr-components-by-cluster", **params)
            if not rows:
                return []
            short = figures.short_names(answer("members-by-cluster"))
            cells = figures.pnrr_cells(rows, short)
            return [{
                "kind": "pnrr", "id": "pnrr-clusters",
                "title": heading, "alt": describe.pnrr(cells),
                "data": {**cells, "words": {
                    "count": _("projects or the cluster itself"),
                    "itself": _("the cluster itself")}},
                "query": query_link("pnrr-components-by-cluster", **params),
            }]
    return []
