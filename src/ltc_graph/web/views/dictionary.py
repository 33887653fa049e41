"""`/dictionary`: the data dictionary, every class and property the data uses with the values
they take, generated from the data and the ontology (publish/dictionary.py) in the page's
language; docs/dictionary.md is the same, written by `ltc-graph dictionary`."""

from __future__ import annotations

from flask import Blueprint, Response, render_template

from ...namespaces import shorten
from ...publish.description import path_for
from ...publish.dictionary import build, kind_name
from ...publish.patterns import PATTERNS
from ..documents import finish
from ..i18n import N_, _, page_language
from ..pages.resource import editor_link
from ..state import state

bp = Blueprint("dictionary", __name__)
# The kinds of value that are not a class or a datatype, as the page names them.
KINDS = {"@text": N_("text"), "_:": N_("a nested node"), "<>": N_("an IRI outside the dataset")}


@bp.get("/dictionary")
def dictionary() -> Response:
    service = state().service
    built = build(lambda text: service.rows(text, predeclared=True))
    page = render_template("dictionary.html", dictionary=built, lang=page_language(),
                           kind_name=_kind, shorten=shorten, path_for=path_for,
                           documented=_documented, patterns=PATTERNS, editor=editor_link)
    return finish(Response(page, mimetype="text/html"), ("dictionary",))


def _kind(kind: str) -> str:
    return _(KINDS[kind]) if kind in KINDS else kind_name(kind)


def _documented(iri: str) -> str:
    """Where a term is documented: its entry on the model page for the project's own terms,
    else the vocabulary's own page."""
    name = shorten(iri)
    if name.startswith("ltc:"):
        return "/ontology#" + name[4:]
    return iri
