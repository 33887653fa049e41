"""The dashboard's figures, shaped from the answers of canned queries; no Flask.

Each function takes the rows of one canned query's answer (`{variable: value}`, a variable
missing where it is unbound) and returns what both the chart (as JSON for the page's script)
and the table under it (for readers without JavaScript) show, so the two cannot disagree. A
figure the source does not state stays absent or `None`, never zero. A label keeps its
language tag (`Label.lang`): a name the graph has only in English is shown on an Italian page
marked as English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ...publish.description import path_for
from .gazetteer import Location

Row = dict[str, str]
PARTS = ("companies", "research", "other")  # the member categories a total breaks into


class Label(str):
    """A literal's text that remembers its language tag ("" when it has none)."""

    lang: str

    def __new__(cls, text: str, lang: str = "") -> Label:
        made = super().__new__(cls, text)
        made.lang = lang
        return made


def rows(answer: dict[str, Any]) -> list[Row]:
    """The rows of a SPARQL JSON results document, each variable to its value (a `Label`
    where the value is a literal with a language tag)."""
    return [{name: Label(term["value"], term["xml:lang"]) if "xml:lang" in term
             else term["value"] for name, term in binding.items()}
            for binding in answer["results"]["bindings"]]


def foreign(value: Any, lang: str) -> dict[str, str]:
    """Every label in a figure's data whose language is not `lang`, with its language: the
    script marks them where it draws them."""
    if isinstance(value, Label):
        return {str(value): value.lang} if value.lang and value.lang != lang else {}
    found: dict[str, str] = {}
    children = value.values() if isinstance(value, dict) else (
        value if isinstance(value, list) else ())
    for child in children:
        found.update(foreign(child, lang))
    return found


def href(iri: str) -> str:
    """Where a resource's page is on this site (its IRI when it is not one of ours)."""
    return path_for(iri) or iri


def short_names(members: Iterable[Row]) -> dict[str, str]:
    """Cluster IRI to its short name (ltc:shortName: its acronym, or the cover's sector name
    where it has none): labels for chart axes; its name only if the graph gives none."""
    return {row["cluster"]: row.get("shortName") or row["name"] for row in members}


def member_bars(members: list[Row]) -> dict[str, Any]:
    """Members per cluster stacked by type; a total the brochure gives without its breakdown
    is one segment 'not broken down', and a cluster with no figure is listed as not stated."""
    clusters, segments = [], []
    for row in members:
        total = int(row["total"]) if "total" in row else None
        parts = {part: int(row[part]) if part in row else None for part in PARTS}
        rest = total - sum(v or 0 for v in parts.values()) if total is not None else None
        short = row.get("shortName") or row["name"]
        clusters.append({"name": row["name"], "short": short, "href": href(row["cluster"]),
                         "total": total, **parts, "unbroken": rest or None})
        for category, value in [*parts.items(), ("unbroken", rest)]:
            if value:
                segments.append({"cluster": short, "category": category, "value": value,
                                 "name": row["name"], "href": href(row["cluster"])})
    clusters.sort(key=lambda c: (c["total"] is None, -(c["total"] or 0), c["name"]))
    order = [c["short"] for c in clusters]
    return {"clusters": clusters, "segments": segments, "order": order,
            "notStated": [c["short"] for c in clusters if c["total"] is None]}


def member_totals(totals: list[Row]) -> list[dict[str, Any]]:
    """Each category's figure in the overview beside the sum of the clusters' own figures."""
    return [{"category": row["category"], "overview": int(row["overview"]),
             "sumOfStated": int(row["sumOfStated"]),
             "clustersStating": int(row["clustersStating"])} for row in totals]


def s3_cells(pairs: list[Row], short: dict[str, str]) -> dict[str, Any]:
    """Cluster x S3 ecosystem: one cell per pair the data links, shaded by synergy boxes."""
    cells = [{"cluster": short.get(row["cluster"], row["clusterName"]),
              "clusterName": row["clusterName"], "clusterHref": href(row["cluster"]),
              "ecosystem": row["ecosystemName"], "href": href(row["ecosystem"]),
              "reference": row["reference"] == "true", "synergies": int(row["synergies"])}
             for row in pairs]
    return {"cells": cells, "rows": _ordered(c["cluster"] for c in cells),
            "columns": sorted({c["ecosystem"] for c in cells})}


def pnrr_cells(synergies: list[Row], short: dict[str, str]) -> dict[str, Any]:
    """Cluster x PNRR component, one cell per pair with the projects (or the cluster itself)
    whose synergy boxes name the component; and each mission with the clusters on it."""
    grouped: dict[tuple[str, str], dict[str, Any]] = {}
    missions: dict[str, dict[str, Any]] = {}
    for row in synergies:
        cell = grouped.setdefault((row["cluster"], row["component"]), {
            "cluster": short.get(row["cluster"], row["clusterName"]),
            "clusterName": row["clusterName"], "clusterHref": href(row["cluster"]),
            "component": row["notation"], "componentName": row["componentName"],
            "mission": row["missionNotation"], "href": href(row["component"]),
            "projects": []})
        attached = {"name": row["attachedToName"], "href": href(row["attachedTo"]),
                    "itself": row["attachedTo"] == row["cluster"]}
        if attached not in cell["projects"]:
            cell["projects"].append(attached)
        mission = missions.setdefault(row["mission"], {
            "notation": row["missionNotation"], "name": row["missionName"],
            "href": href(row["mission"]), "iri": row["mission"], "clusters": set()})
        mission["clusters"].add(row["cluster"])
    cells = list(grouped.values())
    for cell in cells:
        cell["count"] = len(cell["projects"])
    listed = [{**m, "clusters": len(m["clusters"])}
              for m in sorted(missions.values(), key=lambda m: m["notation"])]
    return {"cells": cells, "rows": _ordered(c["cluster"] for c in cells),
            "columns": sorted({c["component"] for c in cells}), "missions": listed}


def _way(row: Row) -> dict[str, Any]:
    """How a member is in a network: directly (no `via`), or through one of its pilots,
    working groups or tables, with the role where stated."""
    way: dict[str, Any] = {}
    if "via" in row:
        way.update(via=row["viaName"], viaHref=href(row["via"]))
    if "role" in row:
        way["role"] = row["role"]
    return way


def network(edges: list[Row], short: dict[str, str]) -> dict[str, Any]:
    """Clusters and the networks and programmes they share, as nodes and links; a link to a
    network lists each way the cluster is in it (`ways`), and is `direct` when one of them is
    a membership of the network itself."""
    nodes: dict[str, dict[str, Any]] = {}
    links: dict[tuple[str, str], dict[str, Any]] = {}
    for row in edges:
        nodes.setdefault(row["cluster"], {
            "id": row["cluster"], "name": short.get(row["cluster"], row["clusterName"]),
            "title": row["clusterName"], "kind": "cluster", "href": href(row["cluster"])})
        if "partner" in row:
            nodes.setdefault(row["partner"], {
                "id": row["partner"], "name": row["partnerName"], "title": row["partnerName"],
                "kind": row["kind"], "href": href(row["partner"]),
                "clusters": int(row["clusters"])})
            link = links.setdefault((row["cluster"], row["partner"]), {
                "source": row["cluster"], "target": row["partner"], "ways": []})
            way = _way(row)
            if way not in link["ways"]:
                link["ways"].append(way)
    for link in links.values():
        link["direct"] = any("via" not in way for way in link["ways"])
    return {"nodes": list(nodes.values()), "links": list(links.values())}


def seat_map(seats: list[Row],
             locate_all: Callable[[Iterable[tuple[str, str]]],
                                  dict[tuple[str, str], Location | None]]) -> dict[str, Any]:
    """The cities with seats, one marker each, placed by the gazetteer; cities it does not
    know are listed apart, without coordinates."""
    found = locate_all({(row["cityEnglish"], row["country"]) for row in seats})
    cities: dict[str, dict[str, Any]] = {}
    for row in seats:
        where = found[(row["cityEnglish"], row["country"])]
        city = cities.setdefault(row["city"], {
            "name": row["cityName"], "href": href(row["city"]), "country": row["country"],
            "countryStated": row["countryStated"] == "true",
            "latitude": where.latitude if where else None,
            "longitude": where.longitude if where else None,
            "geonames": where.iri if where else None, "seats": []})
        city["seats"].append({"cluster": row["clusterName"], "href": href(row["cluster"]),
                              "type": row["siteTypeName"], "address": row["address"]})
    placed = [c for c in cities.values() if c["geonames"]]
    return {"cities": placed, "unplaced": [c for c in cities.values() if not c["geonames"]]}


def timeline(events: list[Row]) -> list[dict[str, Any]]:
    """Dated events, each from its first to its last day with the precision of its dates
    (day, month or year: an event dated by its year alone spans the year); `open` when the
    source gives only when it began, so that it runs on to the year's end."""
    return [{"name": row["eventName"], "href": href(row["event"]), "start": row["first"],
             "end": row.get("last", row["first"]), "open": "last" not in row,
             "precision": row["precision"].rsplit("/", 1)[-1],
             "precisionName": row.get("precisionName", ""),
             "place": row.get("placeName", ""),
             "placeHref": href(row["place"]) if "place" in row else None,
             "country": row.get("countryName", ""), "cluster": row.get("clusterName", ""),
             "clusterHref": href(row["cluster"]) if "cluster" in row else None}
            for row in events]


def _ordered(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def members_star(network_iri: str, network_name: str, members: list[Row]) -> dict[str, Any]:
    """A network and its members as nodes and links, for the network's own page: one link
    per member with every way it is in the network (`ways`: directly, or through a pilot,
    working group or table), `direct` when one of them is a membership of the network."""
    centre = {"id": network_iri, "name": network_name, "title": network_name,
              "kind": "network", "href": href(network_iri)}
    nodes: dict[str, dict[str, Any]] = {network_iri: centre}
    links: dict[str, dict[str, Any]] = {}
    for row in members:
        nodes.setdefault(row["member"], {"id": row["member"], "name": row["name"],
                                         "title": row["name"], "kind": "member",
                                         "href": href(row["member"])})
        link = links.setdefault(row["member"], {"source": network_iri, "target": row["member"],
                                                "ways": []})
        link["ways"].append(_way(row))
    for link in links.values():
        link["direct"] = any("via" not in way for way in link["ways"])
    return {"nodes": list(nodes.values()), "links": list(links.values())}


def programme_projects(projects: list[Row]) -> dict[str, Any]:
    """A programme's projects, one unit each, stacked per cluster and coloured by status."""
    items = [{"project": row["projectName"], "href": href(row["project"]),
              "cluster": row["clusterName"], "clusterHref": href(row["cluster"]),
              "status": row.get("statusName", "")} for row in projects]
    return {"projects": items, "clusters": _ordered(p["cluster"] for p in items),
            "statuses": _ordered(p["status"] for p in items)}
