"""The two languages of the pages (English and Italian) and how a request picks one.

A visible switch (`?lang=it`, remembered in a cookie) wins over `Accept-Language`; English
is the fallback. Page text is written in both languages where it is used,
`t("Members", "Membri")`, so each page keeps its own words; labels from the graph are read in
the chosen language and fall back to English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from flask import Response, has_request_context, request

LANGUAGES = ("en", "it")
DEFAULT = "en"
NAMES = {"en": "English", "it": "Italiano"}
COOKIE = "lang"


def pick(requested: str | None, remembered: str | None,
         accepted: Iterable[tuple[str, float]]) -> str:
    """The page language: the switch, then the cookie, then Accept-Language by q-value."""
    for choice in (requested, remembered):
        if choice in LANGUAGES:
            return choice
    best, best_q = DEFAULT, 0.0
    for tag, q in accepted:
        primary = tag.lower().split("-")[0]
        if primary in LANGUAGES and q > best_q:
            best, best_q = primary, q
    return best


def translator(lang: str) -> Callable[[str, str], str]:
    """`t(english, italian)`: the text in `lang`."""

    def t(english: str, italian: str) -> str:
        return italian if lang == "it" else english

    return t


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
