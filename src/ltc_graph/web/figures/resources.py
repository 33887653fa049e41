"""Charts on resource pages where one helps: a cluster's members by type, a network's
members, a programme's projects, the clusters and projects on a PNRR mission or component.

Each comes from a canned query with the resource as its parameter (run as the dashboard's
are) and is drawn by `static/figures.js`; the page's table under it says the same.
"""

from __future__ import annotations

from typing import Any

from ...namespaces import LTC
from ..i18n import _
from . import data as figures
from .canned import answer, member_words, query_link

ONTOLOGY = str(LTC)


def resource_charts(iri: str, types: set[str], title: str) -> list[dict[str, Any]]:
    """The charts for a resource of these types (none for most kinds)."""
    if ONTOLOGY + "Cluster" in types:
        rows = [r for r in answer("members-by-cluster") if r["cluster"] == iri]
        return [{
            "kind": "members", "id": "cluster-members",
            "title": _("Members by type"),
            "data": {**figures.member_bars(rows), "words": member_words()},
            "query": query_link("members-by-cluster"),
        }]
    if ONTOLOGY + "Network" in types:
        params = {"network": iri}
        rows = answer("clusters-in-network", **params)
        if not rows:
            return []
        return [{
            "kind": "network", "id": "network-members",
            "title": _("Members of the network"),
            "data": {**figures.members_star(iri, title, rows), "words": {
                "network": _("Network"), "member": _("Member")}},
            "query": query_link("clusters-in-network", **params),
        }]
    if ONTOLOGY + "FundingProgramme" in types:
        params = {"programme": iri}
        rows = answer("programme-projects", **params)
        if not rows:
            return []
        return [{
            "kind": "projects", "id": "programme-projects",
            "title": _("Projects it funds, by cluster"),
            "data": {**figures.programme_projects(rows), "words": {
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
            return [{
                "kind": "pnrr", "id": "pnrr-clusters",
                "title": heading,
                "data": {**figures.pnrr_cells(rows, short), "words": {
                    "count": _("projects or the cluster itself"),
                    "itself": _("the cluster itself")}},
                "query": query_link("pnrr-components-by-cluster", **params),
            }]
    return []

