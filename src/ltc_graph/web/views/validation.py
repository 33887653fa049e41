"""`/validation`: the SHACL report of the published data, filtered by severity and class.

HTML for people, JSON (`/validation.json`) for programs, and the W3C report as RDF (`.ttl`,
`.jsonld`, `.nt`, `.rdf` or by Accept) stamped with when it was produced and which data it
describes. Filters: `severity` (repeatable: Violation, Warning, Info) and `class` (a short
name such as `ltc:Project`). The page lists each result as a card that reads on a phone, in
the page's language but for the shapes' messages, which the shapes give in English.

:raise 400: an unknown severity
:raise 503: the report is still being produced (with Retry-After), or could not be
:raise 406: no acceptable format
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, request

from ...errors import HttpError
from ...publish.description import path_for
from ...validation.served import Finding, Produced
from ...validation.validate import ORDER
from ..documents import finish
from ..negotiation import (
    DOCUMENT_EXTENSIONS,
    DOCUMENTS,
    EXTENSION_OF,
    HTML,
    negotiated_document,
    prefers_json,
)
from ..pages.findings import report, severity_names
from ..state import state

bp = Blueprint("validation", __name__)


@bp.get("/validation")
@bp.get("/validation.<ext>")
def whole(ext: str | None = None) -> Response:
    severities = set(request.args.getlist("severity"))
    if unknown := severities - set(ORDER):
        raise HttpError(400, f"unknown severity {sorted(unknown)[0]!r}; use one of "
                        + ", ".join(ORDER))
    cls = request.args.get("class") or None
    if ext == "json" or (ext is None and prefers_json(HTML, "text/turtle")):
        media = "application/json"
    elif ext is None or "." + ext in EXTENSION_OF.values():
        media = negotiated_document(html=True)[1]
    else:
        raise HttpError(404, f"no /validation.{ext}; there are .html, .json, "
                        + ", ".join(DOCUMENT_EXTENSIONS))
    produced = report()
    if produced is None:
        raise HttpError(503, "the validation report is being produced; try again in a few "
                        "seconds", {"Retry-After": "5"})
    chosen = produced.select(severities, cls)
    if media == HTML:
        body = render_template("validation.html", **_page(produced, chosen, severities, cls))
    elif media == "application/json":
        body = json.dumps(_json(produced, chosen), indent=2, ensure_ascii=False) + "\n"
    else:
        body = produced.as_rdf().serialize(format=DOCUMENTS[media].rdflib)
    response = Response(body, mimetype=media)
    response.headers["Content-Location"] = "/validation" + (
        ".json" if media == "application/json" else EXTENSION_OF[media])
    key = ("validation", produced.created.isoformat(), media, tuple(sorted(severities)), cls)
    return finish(response, key)


def _json(produced: Produced, chosen: list[Finding]) -> dict[str, object]:
    counts = produced.report.counts
    return {
        "conforms": produced.report.conforms,
        "created": produced.created.isoformat(timespec="seconds"),
        "data_version": produced.version,
        "release": produced.release,
        "violations": counts["Violation"], "warnings": counts["Warning"],
        "infos": counts["Info"],
        "results": [f.result.as_dict() | {"about": f.result.subject, "classes": list(f.classes)}
                    for f in chosen],
    }


def _page(produced: Produced, chosen: list[Finding], severities: set[str],
          cls: str | None) -> dict[str, object]:
    counts = produced.report.counts
    rows = [{
        "severity": f.result.severity,
        "href": path_for(f.result.subject) if f.result.subject else None,
        "focus": f.result.focus,
        "classes": f.classes,
        "message": f.result.message,
        "path": f.result.path, "value": f.result.value, "shape": f.result.shape,
        "where": str(f.result.location) if f.result.location else "",
    } for f in chosen]
    return {
        "produced": produced, "rows": rows, "counts": counts,
        "classes": sorted(produced.classes().items()),
        "severities": severities, "cls": cls, "severity_names": severity_names(),
        "stale": produced.version != state().info.version,
        "variants": [(e.lstrip("."), "/validation" + e) for e in [".json", *DOCUMENT_EXTENSIONS]],
    }
