"""Charts on resource pages where one helps: a cluster's members by type, a network's
members, a programme's projects, the clusters and projects on a PNRR mission or component.

Each comes from a canned query with the resource as its parameter (run as the dashboard's
are) and is drawn by `static/figures.js`; the page's table under it says the same.
"""

from __future__ import annotations

from typing import Any

from ..i18n import page_language, translator
from . import data as figures
from .canned import answer, member_words, query_link

ONTOLOGY = "https://w3id.org/ltc/ontology#"


def resource_charts(iri: str, types: set[str], title: str) -> list[dict[str, Any]]:
    """The charts for a resource of these types (none for most kinds)."""
    t = translator(page_language())
    if ONTOLOGY + "Cluster" in types:
        rows = [r for r in answer("members-by-cluster") if r["cluster"] == iri]
        return [{
            "kind": "members", "id": "cluster-members",
            "title": t("Members by type", "Membri per tipo"),
            "data": {**figures.member_bars(rows), "words": member_words(t)},
            "query": query_link("members-by-cluster"),
        }]
    if ONTOLOGY + "Network" in types:
        params = {"network": iri}
        rows = answer("clusters-in-network", **params)
        if not rows:
            return []
        return [{
            "kind": "network", "id": "network-members",
            "title": t("Members of the network", "Membri della rete"),
            "data": {**figures.members_star(iri, title, rows), "words": {
                "network": t("Network", "Rete"), "member": t("Member", "Membro")}},
            "query": query_link("clusters-in-network", **params),
        }]
    if ONTOLOGY + "FundingProgramme" in types:
        params = {"programme": iri}
        rows = answer("programme-projects", **params)
        if not rows:
            return []
        return [{
            "kind": "projects", "id": "programme-projects",
            "title": t("Projects it funds, by cluster", "Progetti che finanzia, per cluster"),
            "data": {**figures.programme_projects(rows), "words": {
                "projects": t("Projects", "Progetti"),
                "noStatus": t("status not stated", "stato non indicato")}},
            "query": query_link("programme-projects", **params),
        }]
    for kind, param, heading in (
            ("PNRRMission", "mission", t("Which clusters work on this mission, and with which "
                                         "projects", "Quali cluster lavorano su questa "
                                         "missione, e con quali progetti")),
            ("PNRRComponent", "component", t("Which clusters work on this component, and with "
                                             "which projects", "Quali cluster lavorano su "
                                             "questa componente, e con quali progetti"))):
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
                    "count": t("projects or the cluster itself", "progetti o il cluster stesso"),
                    "itself": t("the cluster itself", "il cluster stesso")}},
                "query": query_link("pnrr-components-by-cluster", **params),
            }]
    return []

