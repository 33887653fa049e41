"""The front-end packages' files (vendor.py) and the prefix list the query editor completes
from.

:raise 404: a file the packages do not have, or packages not installed (pages then work as
    plain forms and tables)
"""

from __future__ import annotations

import gzip
from pathlib import Path

from flask import Blueprint, Response, jsonify, request, send_from_directory
from werkzeug.security import safe_join

from ...namespaces import PREFIXES
from ..state import state
from ..vendor import VENDOR, vendor_folder

bp = Blueprint("assets", __name__)

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
    kept = state().vendor_gzip
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


@bp.get("/favicon.ico")
def favicon() -> Response:
    """The site's icon where browsers look for it unasked (pages name it themselves)."""
    return send_from_directory(Path(__file__).parents[1] / "static", "favicon.svg",
                               mimetype="image/svg+xml", max_age=86400)


@bp.get("/prefixes.json")
def prefixes() -> Response:
    """The project's prefixes, in the shape the editor's prefix completion reads."""
    return jsonify(PREFIXES)
