"""`/search`: find resources by name (labels, alternative labels, acronyms) in English and
Italian."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("search", __name__)
