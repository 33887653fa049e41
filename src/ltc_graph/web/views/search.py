"""`/search`: find resources by name (labels, alternative labels, acronyms) in English and
Italian, ignoring case and accents; the index itself is queries/search.py.

`/search?q=TEXT` is a page of hits grouped by kind; without `q`, the search form with example
searches. Programs get the same hits with `format=json` or `Accept: application/json`:

    {"query": "afil", "results": [{"iri": "https://w3id.org/ltc/id/cluster/afil",
      "path": "/id/cluster/afil", "label": "Lombardy Intelligent Factory Association",
      "lang": "en", "matched": "AFIL", "kind": "cluster", "kindLabel": "Cluster"}, ...]}

best first: `label` is the name in the request's language (English the fallback; `lang` is
its language, null for a name without one), `matched` the name that matched the query,
`kind` the kind's slug (its index is /id/KIND/ where there is one) and `kindLabel` its name
in the request's language. `limit` (default 50, at most 200) caps the results.

:raise 400: `limit` is not a whole number, or `format` is neither html nor json
"""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, render_template, request

from ...errors import HttpError
from ...queries.search import Hit, SearchIndex, grouped, index_of
from ..i18n import N_, _, page_language
from ..negotiation import HTML, prefers_json
from ..state import state

bp = Blueprint("search", __name__)

LIMIT, MAX_LIMIT = 50, 200
EXAMPLES = ("AFIL", "aero", "Fryslan", "Vanguard", "M2C1", "idrogeno", "Milano")
# How a hit shows the name that matched it, when that is not the name it is shown by.
MATCHED_AS = {"acronym": N_("Acronym"), "code": N_("Code"),
              "alternative name": N_("Also known as"), "full name": N_("Full name"),
              "label": N_("Also named"), "name": N_("Also named")}
IN_LANGUAGE = {"en": N_("In English"), "it": N_("In Italian")}


@bp.get("/search")
def search() -> Response:
    """Resources whose names match `q`, best first, as a page or as JSON."""
    query = request.args.get("q", "").strip()
    limit = _limit()
    as_json = _as_json()
    found = index_of(state().service, state().info.version)
    hits = found.search(query) if query else []
    lang = page_language()
    if as_json:
        response = jsonify({"query": query,
                            "results": [_result(hit, lang) for hit in hits[:limit]]})
    else:
        groups = [(kind, [_shown(found, hit, lang) for hit in group])
                  for kind, group in grouped(hits[:limit])]
        response = Response(render_template(
            "search.html", query=query, search_terms=query, groups=groups, total=len(hits),
            shown=min(limit, len(hits)), more=len(hits) > limit and limit < MAX_LIMIT,
            examples=EXAMPLES), mimetype="text/html")
    response.vary.add("Accept")
    return response


def _limit() -> int:
    """:raise 400: `limit` is not a whole number (it is kept between 1 and 200)."""
    given = request.args.get("limit", "")
    if not given:
        return LIMIT
    try:
        return max(1, min(MAX_LIMIT, int(given)))
    except ValueError:
        raise HttpError(400, f"limit must be a whole number from 1 to {MAX_LIMIT}") from None


def _as_json() -> bool:
    """`format=json` or `format=html` decides; otherwise Accept, pages winning ties.

    :raise 400: another format
    """
    fmt = request.args.get("format", "").lower()
    if fmt in ("json", "application/json"):
        return True
    if fmt in ("html", "text/html"):
        return False
    if fmt:
        raise HttpError(400, "format must be html or json")
    return bool(request.accept_mimetypes) and prefers_json(HTML)


def _result(hit: Hit, lang: str) -> dict[str, object]:
    label = hit.entry.label(lang)
    return {"iri": hit.entry.iri, "path": hit.entry.path, "label": label.text,
            "lang": label.lang or None, "matched": hit.matched.text,
            "kind": hit.entry.kind.slug, "kindLabel": _(hit.entry.kind.singular)}


def _shown(found: SearchIndex, hit: Hit, lang: str) -> dict[str, object]:
    """A hit as the page shows it: its label, what it is, and the name that matched when
    that is another name (with what that name is)."""
    label = hit.entry.label(lang)
    typed = found.type_label(hit.entry, lang)
    matched = hit.matched
    other = matched.text != label.text
    if other and matched.what == "label" and matched.lang in IN_LANGUAGE:
        matched_as = _(IN_LANGUAGE[matched.lang])
    else:
        matched_as = _(MATCHED_AS[matched.what])
    return {"path": hit.entry.path, "label": label.text, "lang": label.lang,
            "type": typed.text if typed else _(hit.entry.kind.singular),
            "type_lang": typed.lang if typed else lang,
            "matched": matched.text if other else None, "matched_lang": matched.lang,
            "matched_as": matched_as}
