"""The two languages of the pages (English and Italian) and how a request picks one.

A visible switch (`?lang=it`, remembered in a cookie) wins over `Accept-Language`; English
is the fallback. Page text is written in both languages where it is used,
`t("Members", "Membri")`, so each page keeps its own words; labels from the graph are read in
the chosen language and fall back to English. No Flask here.
"""

from __future__ import annotations

from collections.abc import Iterable

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


def translator(lang: str):
    """`t(english, italian)`: the text in `lang`."""

    def t(english: str, italian: str) -> str:
        return italian if lang == "it" else english

    return t
