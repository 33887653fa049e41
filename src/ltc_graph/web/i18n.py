"""The two languages of the pages (English and Italian), how a request picks one, and the
catalogue of the interface's strings.

A visible switch (`?lang=it`, remembered in a cookie) wins over `Accept-Language`; English
is the fallback. Interface text is written in English and marked for translation, `_("Members")`
in Python and in templates (`N_` marks a string translated later, where it is used); the
Italian is in the gettext catalogue `translations/it/LC_MESSAGES/messages.po`, which `make
translations` brings up to date with the code (Babel) and a test holds complete. Labels from
the graph are read in the page's language and fall back to English.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import Flask, Response, has_request_context, request

LANGUAGES = ("en", "it")
DEFAULT = "en"
NAMES = {"en": "English", "it": "Italiano"}
COOKIE = "lang"
CATALOGUES = Path(__file__).parent / "translations"


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


def page_language() -> str:
    """The language of the page being built (see pick); English outside a request."""
    if not has_request_context():
        return DEFAULT
    return pick(request.args.get("lang"), request.cookies.get(COOKIE),
                request.accept_languages)


@cache
def translations(lang: str) -> NullTranslations:
    """The catalogue of `lang`, compiled in memory once per process from its .po file (the
    repository keeps no compiled catalogue); English is the code's own text."""
    path = CATALOGUES / lang / "LC_MESSAGES" / "messages.po"
    if lang == DEFAULT or not path.is_file():
        return NullTranslations()
    with path.open("rb") as file:
        catalogue = read_po(file, locale=lang)
    compiled = BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(compiled)


def gettext(message: str, **values: Any) -> str:
    """`message` in the page's language, with `%(name)s` placeholders filled from `values`."""
    text = translations(page_language()).gettext(message)
    return text % values if values else text


def ngettext(singular: str, plural: str, n: int, **values: Any) -> str:
    """The singular or plural of a message for `n`, in the page's language (`%(num)d` is n)."""
    text = translations(page_language()).ngettext(singular, plural, n)
    return text % {"num": n, **values}


_ = gettext


def N_(message: str) -> str:
    """Mark `message` for the catalogue without translating it now: it is translated with
    `_()` where it is shown, in the language of that request."""
    return message


def translator(lang: str) -> Callable[[str], str]:
    """`_` for a language other than the page's (a link's title in the other language)."""
    return translations(lang).gettext


def init_app(app: Flask) -> None:
    """Templates translate with `_()`, `gettext()` and `ngettext()` (Jinja's i18n extension,
    autoescaped placeholders), and get `lang` and the switch."""
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: translations(page_language()).gettext(message),
        ngettext=lambda s, p, n: translations(page_language()).ngettext(s, p, n),
        newstyle=True)  # Jinja fills the placeholders, escaping the values
    app.context_processor(language_context)


def language_context() -> dict[str, object]:
    """What every template gets: `lang` and the switch's links."""
    lang = page_language()
    switch = []
    for other in LANGUAGES:
        args = request.args.to_dict(flat=False)
        args["lang"] = [other]
        switch.append((other, NAMES[other], request.path + "?" + urlencode(args, doseq=True),
                       other == lang))
    return {"lang": lang, "languages": switch}


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

