"""The text alternative of each chart: what it shows, in a sentence or two of the page's
language, for a reader who does not see it. A chart is an image (`role="img"`) whose
alternative is this text; the table under it holds every figure and every link.

Each function takes the figure's data as `data.py` shapes it. Counts stand in brackets after
their noun ("clusters (9)") so that one sentence reads right for any number in both
languages; names from the graph stay out (they may be in another language than the page).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date

from ..i18n import _, page_language


def members(bars: dict[str, Any]) -> str:
    """The dashboard's members per cluster."""
    totals = [c["total"] for c in bars["clusters"] if c["total"] is not None]
    if not totals:
        return _("Bar chart of the members of each cluster by type: no cluster states a "
                 "figure.")
    return _("Bar chart of the members of each cluster by type (companies, research "
             "organisations, other entities). Clusters stating a figure: %(stated)s of "
             "%(all)s, from %(most)s members down to %(least)s; the others leave it blank.",
             stated=len(totals), all=len(bars["clusters"]), most=max(totals),
             least=min(totals))


def one_cluster(bars: dict[str, Any], words: dict[str, str]) -> str:
    """A cluster's own members, on its page."""
    cluster = bars["clusters"][0]
    parts = [f"{words[part]}: {cluster[part]}" for part in ("companies", "research", "other")
             if cluster[part] is not None]
    if not parts:
        return _("Bar of the cluster's members (%(total)s), not broken down by type.",
                 total=cluster["total"])
    return _("Bar of the cluster's members (%(total)s) by type: %(parts)s.",
             total=cluster["total"], parts="; ".join(parts))


def totals(rows: list[dict[str, Any]]) -> str:
    """The overview's totals beside the sum of the clusters' own figures."""
    pairs = "; ".join(_("%(category)s: %(overview)s and %(sum)s", category=r["category"],
                        overview=r["overview"], sum=r["sumOfStated"]) for r in rows)
    return _("Bar chart comparing, for each category, the total in the brochure's overview "
             "with the sum of the figures the clusters state: %(pairs)s.", pairs=pairs)


def pnrr(cells: dict[str, Any]) -> str:
    """Clusters against PNRR components."""
    return _("Heat map of the clusters (%(clusters)s) against the PNRR components their "
             "projects name (%(components)s): each coloured cell, %(cells)s in all, counts the "
             "projects, or the cluster itself, naming the component.",
             clusters=len(cells["rows"]), components=len(cells["columns"]),
             cells=len(cells["cells"]))


def s3(cells: dict[str, Any]) -> str:
    """Clusters against S3 ecosystems."""
    return _("Heat map of the clusters (%(clusters)s) against the S3 innovation ecosystems "
             "they name (%(ecosystems)s): a ring marks a cluster's reference ecosystem "
             "(%(rings)s in all), the shade counts the synergy boxes of its projects that "
             "name the ecosystem.", clusters=len(cells["rows"]),
             ecosystems=len(cells["columns"]),
             rings=sum(1 for c in cells["cells"] if c["reference"]))


def network(graph: dict[str, Any]) -> str:
    """Clusters and the networks and programmes they share."""
    kinds = [n["kind"] for n in graph["nodes"]]
    return _("Diagram linking the clusters (%(clusters)s) to the international networks "
             "(%(networks)s) and funding programmes (%(programmes)s) that at least two of them "
             "share; links: %(links)s, of which %(through)s dashed: a cluster in a network "
             "only through one of its pilots, working groups or tables.",
             clusters=kinds.count("cluster"), networks=kinds.count("network"),
             programmes=kinds.count("programme"), links=len(graph["links"]),
             through=sum(1 for link in graph["links"] if not link.get("direct", True)))


def star(graph: dict[str, Any]) -> str:
    """A network's members, on its page."""
    return _("Diagram of the network linked to each of its members (%(members)s); a dashed "
             "link (%(through)s) is a member only through one of the network's pilots, working "
             "groups or tables.", members=len(graph["nodes"]) - 1,
             through=sum(1 for link in graph["links"] if not link.get("direct", True)))


def seats(seat_map: dict[str, Any]) -> str:
    """The seats map."""
    counts = [len(c["seats"]) for c in seat_map["cities"]]
    return _("Map of Europe with a marker for each city where the clusters have seats "
             "(cities: %(cities)s; seats: %(seats)s); the city with the most has %(most)s.",
             cities=len(counts), seats=sum(counts), most=max(counts, default=0))


def events(items: list[dict[str, Any]], year: str) -> str:
    """The timeline of a year's events."""
    if not items:
        return _("Timeline of the events of %(year)s: none is recorded.", year=year)
    return _("Timeline of the events of %(year)s the clusters report (%(events)s), one bar "
             "each from its first to its last day, from %(first)s to %(last)s; the events "
             "dated by the year alone (%(yearly)s) are pale bars across the whole year.",
             year=year, events=len(items), first=_month(items[0]["start"]),
             last=_month(max(e["end"] for e in items)),
             yearly=sum(1 for e in items if e.get("precision") == "year"))


def projects(shaped: dict[str, Any]) -> str:
    """A programme's projects, on its page."""
    return _("Bar chart of the projects the programme funds (%(projects)s) for each cluster "
             "(%(clusters)s), one block per project, coloured by its status.",
             projects=len(shaped["projects"]), clusters=len(shaped["clusters"]))


def _month(day: str) -> str:
    """The month of an ISO date, named in the page's language ("March", "marzo")."""
    return format_date(date.fromisoformat(day), "LLLL", locale=page_language())
