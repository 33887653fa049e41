"""The index pages: `/id/` lists every kind of resource with how many there are, and
`/id/KIND/` the resources of one kind by name.

:raise 404: a kind the dataset has no resource of
"""

from __future__ import annotations

import re

from flask import Blueprint, Response, render_template

from ...errors import HttpError
from ...namespaces import BASE, shorten
from ...publish.description import path_for
from ..state import state

bp = Blueprint("indexes", __name__)


def _select(query: str) -> list[dict[str, str]]:
    """The rows of one of the pages' own queries (the project's prefixes predeclared)."""
    return state().service.rows(query, predeclared=True)


INDEXES = {  # kind: (title, what the page lists)
    "cluster": ("Clusters", "The nine Lombardy Technology Clusters and the system they form."),
    "project": ("Projects", "Projects the clusters run, join, propose or have completed."),
    "network": ("Networks", "International and national networks the clusters belong to."),
    "programme": ("Funding programmes", "Programmes, calls and funders of the projects."),
    "s3": ("S3 innovation ecosystems", "The ecosystems of Regione Lombardia's S3 2021-2027."),
    "pnrr": ("PNRR missions and components", "The official structure of Italy's recovery plan."),
    "organisation": ("Organisations", "Other organisations the sources name."),
    "event": ("Events", "Events the clusters organise or attend."),
    "story": ("Success stories", "Achievements the clusters report."),
    "document": ("Policy documents", "Strategies, resolutions and decrees the sources cite."),
    "place": ("Places", "Cities and regions the sources name."),
}


@bp.get("/id/")
def kinds() -> Response:
    """The index of indexes: every kind of resource, with how many there are."""
    rows = _select(f"""SELECT ?kind (COUNT(DISTINCT ?s) AS ?n) WHERE {{
        ?s a ?type . FILTER(STRSTARTS(STR(?s), "{BASE}/id/"))
        BIND(STRBEFORE(STRAFTER(STR(?s), "{BASE}/id/"), "/") AS ?kind)
    }} GROUP BY ?kind ORDER BY ?kind""")
    counts = {row["kind"]: int(row["n"]) for row in rows}
    listed = [(kind, title, text, counts.get(kind, 0)) for kind, (title, text) in INDEXES.items()]
    others = sorted(k for k in counts if k not in INDEXES)
    return Response(render_template("kinds.html", listed=listed, others=others, counts=counts),
                    mimetype="text/html")


@bp.get("/id/<kind>/")
def index(kind: str) -> Response:
    """All resources of one kind, by name."""
    if not re.fullmatch(r"[a-z0-9-]+", kind):
        raise HttpError(404, f"/id/{kind}/ is not a kind of resource of this dataset")
    prefix = f"{BASE}/id/{kind}/"
    rows = _select(f"""SELECT ?s (SAMPLE(?l) AS ?label) (SAMPLE(?t) AS ?type) WHERE {{
        ?s a ?type0 . FILTER(STRSTARTS(STR(?s), "{prefix}"))
        OPTIONAL {{ ?s rdfs:label ?l FILTER(LANG(?l) = "en") }}
        OPTIONAL {{ ?type0 rdfs:label ?t FILTER(LANG(?t) = "en") }}
    }} GROUP BY ?s ORDER BY LCASE(STR(?label)) ?s""")
    if not rows:
        raise HttpError(404, f"/id/{kind}/ lists nothing: no resource of that kind")
    title, text = INDEXES.get(kind, (kind.replace("-", " ").capitalize(), ""))
    items = [(path_for(r["s"]) or r["s"], r.get("label") or shorten(r["s"]), r.get("type", ""))
             for r in rows]
    return Response(render_template("index.html", title=title, text=text, items=items,
                                    kind=kind), mimetype="text/html")
