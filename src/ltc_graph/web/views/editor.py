"""The query editor: its page, its assets and the prefix list it completes from.

YASGUI (and mermaid for the model's diagram, Observable Plot and d3 for charts, world-atlas
outlines for the map) come from the npm registry (`web/package.json`,
installed by the set-up command) and are served from this app: pages fetch nothing from
elsewhere at run time.

:raise 404: the editor's assets are not installed (the page then works as a plain form)
"""

from __future__ import annotations

import gzip
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    current_app,
    jsonify,
    render_template,
    request,
    send_from_directory,
)
from werkzeug.security import safe_join

from ...namespaces import PREFIXES

bp = Blueprint("editor", __name__)

# Front-end packages from web/node_modules that pages may load, by the name used in URLs.
VENDOR = {
    "yasgui": Path("web") / "node_modules" / "@zazuko" / "yasgui" / "build",
    "mermaid": Path("web") / "node_modules" / "mermaid" / "dist",
    # charts (Observable Plot on d3) and the outlines the seats map is drawn on
    "plot": Path("web") / "node_modules" / "@observablehq" / "plot" / "dist",
    "d3": Path("web") / "node_modules" / "d3" / "dist",
    "topojson": Path("web") / "node_modules" / "topojson-client" / "dist",
    "world-atlas": Path("web") / "node_modules" / "world-atlas",
}


def vendor_folder(package: str) -> Path:
    return Path(current_app.config["DATA_ROOT"]) / VENDOR[package]


def yasgui_folder() -> Path:
    return vendor_folder("yasgui")


# werkzeug's any() needs a name with a hyphen quoted
PACKAGES = ", ".join(f'"{name}"' for name in VENDOR)


@bp.get(f"/static/<any({PACKAGES}):package>/<path:filename>")
def vendor(package: str, filename: str) -> Response:
    """A package's file, gzipped when the client takes it (the world outlines are 750 KB,
    the chart and editor scripts hundreds): compressed once per process, then kept."""
    response = send_from_directory(vendor_folder(package), filename, max_age=86400)
    if response.status_code != 200 or "gzip" not in request.headers.get("Accept-Encoding", ""):
        return response
    path = Path(safe_join(str(vendor_folder(package)), filename) or "")
    stamp = path.stat()
    if stamp.st_size < 4096:
        return response
    kept = current_app.extensions.setdefault("ltc_vendor_gzip", {})
    key = (str(path), stamp.st_mtime_ns)
    if key not in kept:
        kept[key] = gzip.compress(path.read_bytes(), compresslevel=6)
    etag = response.get_etag()[0]
    response.direct_passthrough = False
    response.set_data(kept[key])
    response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    if etag:
        response.set_etag(etag + "-gz")
    return response.make_conditional(request)


@bp.get("/prefixes.json")
def prefixes() -> Response:
    """The project's prefixes, in the shape the editor's prefix completion reads."""
    return jsonify(PREFIXES)


DEFAULT_QUERY = """SELECT ?cluster ?name ?members WHERE {
  ?cluster a ltc:Cluster ; rdfs:label ?name .
  FILTER(LANG(?name) = "en")
  OPTIONAL { ?count ltc:countOf ?cluster ; ltc:memberCategory vocab:all-members ;
                    schema:value ?members }
}
ORDER BY ?name
"""


def editor_page() -> Response:
    """The query editor, with the project's prefixes written out and the canned queries."""
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()
                       if p in ("ltc", "cluster", "vocab", "rdfs", "schema", "skos", "pnrr",
                                "project", "network", "org", "prov", "g"))
    canned = list(current_app.extensions["ltc_queries"])
    config = {
        "endpoint": request.base_url,
        "prefixes": "/prefixes.json",
        "query": prologue + "\n" + DEFAULT_QUERY,
        "canned": {q.name: q.sparql for q in canned},
    }
    page = render_template("editor.html", endpoint=request.base_url, config=config,
                           canned=canned, default_query=config["query"],
                           yasgui=(yasgui_folder() / "yasgui.min.js").is_file())
    return Response(page, mimetype="text/html")
