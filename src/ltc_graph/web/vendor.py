"""Front-end packages from the npm registry (`web/package.json` in the repository, installed
by the set-up command), served from this app so that pages fetch nothing from elsewhere:
YASGUI for the query editor, mermaid for the model's diagram, Observable Plot and d3 for
charts, the world-atlas outlines for the map.
"""

from __future__ import annotations

from pathlib import Path

from flask import current_app

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


def installed(package: str, file: str) -> bool:
    """Whether a package's file is there (pages work without it, as plain forms or tables)."""
    return (vendor_folder(package) / file).is_file()
