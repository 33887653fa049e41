"""The index pages: `/id/` lists every kind of resource with how many instances of its classes
the graph holds, and `/id/KIND/` the resources of one kind in a table a person can filter and
sort (static/indexes.js; a plain table without it): name, acronym or code, and the columns
that matter for the kind (a cluster's members, a network's clusters, a project's clusters).

The kinds and their classes are those of the search (queries/search.py KINDS); names come
from its index, in the page's language with English as the fallback.

:raise 404: a kind the dataset has no resource of
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import Blueprint, Response, render_template

from ...errors import HttpError
from ...namespaces import BASE
from ...queries.search import BY_SLUG, KINDS, Entry, Kind, SearchIndex, fold, index_of
from ..i18n import N_, _, page_language
from ..state import state

bp = Blueprint("indexes", __name__)


@dataclass(frozen=True)
class Column:
    """A column of an index: `pattern` binds ?v from ?s; `count` counts the distinct values,
    else the values are listed (resources by name, literals as they are)."""

    title: str
    pattern: str
    count: bool = False


def _count(title: str, pattern: str) -> Column:
    return Column(title, pattern, count=True)


CLUSTERS = N_("Clusters")
CITED = _count(N_("Cited by"), "?v ?p ?s . FILTER(isIRI(?v) && ?p NOT IN (rdf:type, "
               "prov:wasDerivedFrom, skos:inScheme, skos:topConceptOf, skos:hasTopConcept))")
# What each kind's index says about it (English, translated where shown), and its columns.
INDEXES: dict[str, tuple[str, tuple[Column, ...]]] = {
    "cluster": (N_("The nine Lombardy Technology Clusters, with their members (the latest "
                   "count of all members) and the projects the sources list for each."),
                (Column(N_("Members"), "?c ltc:countOf ?s ; ltc:memberCategory "
                        "vocab:all-members ; schema:value ?v ."),
                 _count(N_("Projects"), "?v ltc:cluster ?s ; a ltc:Project ."))),
    "project": (N_("Projects the clusters run, join, propose or have completed, with their "
                   "clusters, status and funding programme."),
                (Column(CLUSTERS, "?s ltc:cluster ?v ."),
                 Column(N_("Status"), "?s ltc:status ?v ."),
                 Column(N_("Funding programme"), "?s ltc:fundingProgramme ?v ."))),
    "network": (N_("International and national networks the clusters belong to, with how "
                   "many of the clusters are members."),
                (_count(CLUSTERS, "?m org:organization ?s ; org:member ?v . "
                                  "?v a ltc:Cluster ."),)),
    "organisation": (N_("Other organisations the sources name: public bodies, associations, "
                        "universities and companies."), (CITED,)),
    "place": (N_("Cities, regions and other places the sources name."),
              (Column(N_("Country"), "?s ltc:country ?v ."), CITED)),
    "event": (N_("Events the clusters organise or attend."),
              (Column(CLUSTERS, "?s ltc:cluster ?v ."),
               Column(N_("Date"), "?s schema:startDate|dcterms:date ?v ."))),
    "document": (N_("Strategies, resolutions and decrees the sources cite."),
                 (Column(N_("Issued"), "?s dcterms:issued ?v ."), CITED)),
    "pnrr": (N_("The missions and components of Italy's National Recovery and Resilience "
                "Plan (PNRR), with how many of the clusters' synergies cite each."),
             (_count(N_("Cited by synergies"), "?v ltc:pnrrReference/ltc:component/"
                                               "skos:broader* ?s ."),)),
    "s3": (N_("The eight innovation ecosystems of Regione Lombardia's Smart Specialisation "
              "Strategy (S3) 2021-2027."),
           (_count(N_("Clusters of reference"), "?v ltc:referenceEcosystem ?s ."),
            _count(N_("Cited by synergies"), "?v ltc:s3Ecosystem ?s ."))),
    "programme": (N_("Funding programmes, calls and funders of the projects, with how many "
                     "projects each funds."),
                  (_count(N_("Projects"), "?v ltc:fundingProgramme ?s ."),)),
    "story": (N_("Achievements the clusters report."),
              (Column(CLUSTERS, "?s ltc:cluster ?v ."),
               Column(N_("Date"), "?s dcterms:date ?v ."))),
    "unit": (N_("Pilots, working tables and strategic communities within networks, clusters "
                "and organisations."), (Column(N_("Part of"), "?s org:unitOf ?v ."),)),
    "area": (N_("The technology areas of the clusters."),
             (Column(CLUSTERS, "?v ltc:technologyArea ?s ."),)),
    "action": (N_("The lines of action of the cluster system."), ()),
    "country": (N_("Countries the sources name, with their ISO 3166-1 codes."),
                (_count(N_("Projects"), "?v ltc:participatingCountry ?s ; a ltc:Project ."),)),
    "person": (N_("People the sources name."), (CITED,)),
    "post": (N_("Posts the sources name, and who holds them."),
             (Column(N_("Held by"), "?s org:heldBy ?v ."),
              Column(N_("Within"), "?s org:postIn ?v ."))),
    "site": (N_("The seats of the clusters and organisations."),
             (Column(N_("Seat of"), "?v org:hasSite|org:hasPrimarySite|org:hasRegisteredSite ?s ."),
              Column(N_("Type"), "?s ltc:siteType ?v ."))),
    "synergy": (N_("The synergy boxes of the brochure: what links a cluster's projects to the "
                   "S3 ecosystems and to the PNRR."),
                (Column(CLUSTERS, "?s ltc:cluster ?v ."),
                 Column(N_("Synergy of"), "?s ltc:synergyOf ?v ."))),
    "role": (N_("Roles in the governance of the cluster system and in projects."),
             (Column(N_("Held by"), "?s ltc:roleHolder ?v ."),
              Column(N_("Within"), "?s ltc:roleIn ?v ."))),
    "membership": (N_("Memberships of the clusters in networks."),
                   (Column(N_("Member"), "?s org:member ?v ."),
                    Column(N_("Network"), "?s org:organization ?v ."))),
    "count": (N_("Member counts of the clusters, by year and category of member."),
              (Column(N_("Counted for"), "?s ltc:countOf ?v ."),
               Column(N_("Category"), "?s ltc:memberCategory ?v ."),
               Column(N_("Year"), "?s ltc:referenceYear ?v ."),
               Column(N_("Value"), "?s schema:value|schema:maxValue ?v ."))),
    "source": (N_("The documents the data comes from."),
               (_count(N_("Sections"), "?s ltc:section ?v ."),)),
    "vocab": (N_("The categories of members, the statuses of projects and the types of seats."),
              ()),
    "dataset": (N_("This dataset and its versions."), ()),
}
MAIN = ("cluster", "project", "network", "programme", "s3", "pnrr", "organisation", "event",
        "story", "document", "place")


def _select(query: str) -> list[dict[str, str]]:
    """The rows of one of the pages' own queries (the project's prefixes predeclared)."""
    return state().service.rows(query, predeclared=True)


def _names() -> SearchIndex:
    return index_of(state().service, state().info.version)


def _classes(kind: Kind) -> str:
    return ", ".join(f"<{c}>" for c in kind.classes)


@bp.get("/id/")
def kinds() -> Response:
    """The index of indexes: every kind with the number of instances of its classes; the
    cluster system and the concept schemes apart."""
    kind = '""'  # each class is of one kind: nested IFs name it (Virtuoso 7 fails on a
    for k in reversed(KINDS):  # VALUES table, or BINDs in a UNION, joined with a GRAPH)
        kind = f'IF(?type IN ({_classes(k)}), "{k.slug}", {kind})'
    every = ", ".join(_classes(k) for k in KINDS)
    rows = _select(f"""SELECT ?kind (COUNT(DISTINCT ?s) AS ?n) WHERE {{
        GRAPH ?g {{ ?s a ?type }} FILTER(?type IN ({every})) BIND({kind} AS ?kind)
    }} GROUP BY ?kind""")
    counts = {row["kind"]: int(row["n"]) for row in rows}
    listed = [(BY_SLUG[slug], _(INDEXES[slug][0]), counts[slug])
              for slug in (*MAIN, *(k.slug for k in KINDS if k.slug not in MAIN))
              if slug in INDEXES and counts.get(slug)]
    names, lang = _names(), page_language()
    schemes = sorted((_cell(e, lang) | {"type": names.type_label(e, lang)}
                      for e in names.entries.values() if e.kind.slug == "scheme"),
                     key=lambda cell: fold(str(cell["text"])))
    return Response(render_template("kinds.html", main=listed[:len(MAIN)],
                                    more=listed[len(MAIN):], schemes=schemes),
                    mimetype="text/html")


@bp.get("/id/<kind>/")
def index(kind: str) -> Response:
    """All resources of one kind, by name, with the kind's columns."""
    found = BY_SLUG.get(kind)
    if found is None or kind not in INDEXES:
        raise HttpError(404, f"/id/{kind}/ is not a kind of resource of this dataset")
    text, columns = INDEXES[kind]
    rows = _select(_index_query(found, columns))
    if not rows:
        raise HttpError(404, f"/id/{kind}/ lists nothing: no resource of that kind")
    names, lang = _names(), page_language()
    table = []
    for row in rows:
        entry = names.entry(row["s"]) or Entry(row["s"], row["s"][len(BASE):])
        cells = [_listed(names, row.get(f"col{n}", ""), lang, column)
                 for n, column in enumerate(columns)]
        types = [_class_label(names, t, lang) for t in sorted(row["types"].split())]
        name = _cell(entry, lang)
        code = entry.acronym() or row.get("code", "")
        table.append({"name": name, "code": "" if fold(code) == fold(name["text"]) else code,
                      "types": [t for t in types if t], "cells": cells})
    table.sort(key=lambda r: (fold(r["name"]["text"]), r["name"]["href"]))
    kept = [n for n in range(len(columns)) if any(r["cells"][n] for r in table)]
    for r in table:
        r["cells"] = [r["cells"][n] for n in kept]
    numeric = [all(isinstance(r["cells"][i].get("sort", 0), int) for r in table)
               for i in range(len(kept))]
    return Response(render_template(
        "index.html", kind=found, title=_(found.plural), text=_(text), rows=table,
        columns=[(_(columns[n].title), numeric[i]) for i, n in enumerate(kept)],
        has_code=any(r["code"] for r in table),
        has_type=len({t["text"] for r in table for t in r["types"]}) > 1,
        words={"shown": _("%(shown)s of %(total)s shown")}), mimetype="text/html")


def _index_query(kind: Kind, columns: tuple[Column, ...]) -> str:
    """One row per resource of `kind`: its types, its code (skos:notation), and each column's
    count or values (`?colN`, values one per line)."""
    picks, patterns = [], []
    for n, column in enumerate(columns):  # each column's variables get its number
        pattern = re.sub(r"\?(?!s\b)([a-z])\b", rf"?\g<1>{n}", column.pattern)
        if column.count:
            picks.append(f"(COUNT(DISTINCT ?v{n}) AS ?col{n})")
        else:
            picks.append(f'(GROUP_CONCAT(DISTINCT STR(?v{n}); separator="\\n") AS ?col{n})')
        patterns.append(f"OPTIONAL {{ {pattern} }}")
    return f"""SELECT ?s (GROUP_CONCAT(DISTINCT STR(?type); separator=" ") AS ?types)
        (SAMPLE(?notation) AS ?code) {" ".join(picks)} WHERE {{
        GRAPH ?g {{ ?s a ?type }} FILTER(?type IN ({_classes(kind)}))  # stated, not derived
        OPTIONAL {{ ?s skos:notation ?notation }}
        {" ".join(patterns)}
    }} GROUP BY ?s"""


def _cell(entry: Entry, lang: str) -> dict[str, str]:
    """A resource as a link with its name in the page's language (and that name's language)."""
    name = entry.label(lang)
    return {"href": entry.path or entry.iri, "text": name.text, "lang": name.lang}


def _class_label(names: SearchIndex, iri: str, lang: str) -> dict[str, str] | None:
    """The name of a class, when the graph gives it one."""
    entry = names.entry(iri)
    if entry is None or not entry.names:
        return None
    name = entry.label(lang)
    return {"text": name.text, "lang": name.lang}


def _listed(names: SearchIndex, value: str, lang: str, column: Column) -> dict[str, object]:
    """A column's cell: a count, or the resources (by name, clusters by acronym) or the values
    listed; with what it sorts by. Empty when the graph states nothing."""
    if column.count:
        number = int(value or 0)
        return {"shown": [{"text": str(number)}], "sort": number} \
            if number else {}
    items = []
    for one in sorted(v for v in value.split("\n") if v):
        entry = names.entry(one) if one.startswith(BASE + "/") else None
        if entry is None:
            items.append({"href": "", "text": one, "lang": ""})
            continue
        short = entry.acronym() if entry.kind.slug == "cluster" else ""
        items.append({**_cell(entry, lang), **({"text": short, "lang": ""} if short else {})})
    if not items:
        return {}
    items.sort(key=lambda item: fold(item["text"]))
    single = items[0]["text"] if len(items) == 1 else ""
    if single.isdigit():
        return {"shown": items, "sort": int(single)}
    return {"shown": items, "sort": " ".join(fold(i["text"]) for i in items)}
