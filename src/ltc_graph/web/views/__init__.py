"""Flask blueprints: thin HTTP layers over the domain modules."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Response, has_request_context, request

from ..i18n import COOKIE, DEFAULT, LANGUAGES, NAMES, pick, translator


def page_language() -> str:
    """The language of the page being built (see i18n.pick); English outside a request."""
    if not has_request_context():
        return DEFAULT
    return pick(request.args.get("lang"), request.cookies.get(COOKIE),
                request.accept_languages)


def language_context() -> dict[str, object]:
    """What every template gets: `lang`, `t(en, it)` and the switch's links."""
    lang = page_language()
    switch = []
    for other in LANGUAGES:
        args = request.args.to_dict(flat=False)
        args["lang"] = [other]
        switch.append((other, NAMES[other], request.path + "?" + urlencode(args, doseq=True),
                       other == lang))
    return {"lang": lang, "t": translator(lang), "languages": switch}


def remember_language(response: Response) -> Response:
    """Pages vary by language; a choice made with the switch is kept for the next pages."""
    if response.mimetype == "text/html" or response.mimetype == "text/csv":
        response.vary.add("Accept-Language")
        response.vary.add("Cookie")
    chosen = request.args.get("lang")
    if chosen in LANGUAGES and request.cookies.get(COOKIE) != chosen:
        response.set_cookie(COOKIE, chosen, max_age=365 * 86400, samesite="Lax",
                            httponly=True)
    return response
