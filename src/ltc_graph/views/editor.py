"""The query editor's assets and the prefix list it completes from.

YASGUI comes from the npm registry (`web/package.json`, installed by the set-up command) and
is served from this app: the page fetches nothing from elsewhere at run time.

:raise 404: the editor's assets are not installed (the page then works as a plain form)
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, current_app, jsonify, send_from_directory

from ..namespaces import PREFIXES

bp = Blueprint("editor", __name__)

YASGUI = Path("web") / "node_modules" / "@zazuko" / "yasgui" / "build"


def yasgui_folder() -> Path:
    return Path(current_app.config["DATA_ROOT"]) / YASGUI


@bp.get("/static/yasgui/<path:filename>")
def yasgui(filename: str) -> Response:
    response = send_from_directory(yasgui_folder(), filename, max_age=86400)
    return response


@bp.get("/prefixes.json")
def prefixes() -> Response:
    """The project's prefixes, in the shape the editor's prefix completion reads."""
    return jsonify(PREFIXES)
