"""Every page in Italian, checked from the catalogue of the interface's strings: the catalogue
holds every string the code and templates mark and no other, each with its Italian; no page
rendered in Italian shows one of those strings in English; text a page shows in English (a
label the data has only in English) says so with `lang="en"`."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po
from flask.testing import FlaskClient

from pages import PAGES

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "src" / "ltc_graph" / "web" / "translations" / "it" / "LC_MESSAGES"
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None}
METHODS = [("src/ltc_graph/**.py", "python"), ("src/ltc_graph/web/templates/**.html", "jinja2")]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
# Words that are English and never Italian: text with one of them, in a part of a page that
# says it is Italian, is English left untranslated or unmarked.
ENGLISH = {"the", "of", "and", "with", "which", "this", "that", "these", "those", "from",
           "are", "is", "was", "were", "has", "have", "for", "by", "each", "every", "where",
           "what", "when", "who", "not", "its", "their", "there", "into", "only", "than"}
SKIPPED = {"script", "style", "code", "pre", "textarea", "svg"}


def extracted() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), METHODS, keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _translated(message: Message) -> bool:
    """Whether a catalogue entry has its translation (every form of a plural)."""
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def catalogue() -> Catalog:
    with (CATALOGUES / "messages.po").open("rb") as file:
        return read_po(file, locale="it")


CATALOGUE = catalogue()


def english_strings() -> list[str]:
    """The catalogue's English strings that read differently in Italian."""
    out = []
    for message in CATALOGUE:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[0]
        italian = message.string if isinstance(message.string, str) else message.string[0]
        if english != italian and re.search(r"[A-Za-z]{3}", PLACEHOLDER.sub("", english)):
            out.append(english)
    return out


def test_the_catalogue_holds_every_marked_string_and_no_other() -> None:
    marked = extracted()
    held = {m.id if isinstance(m.id, str) else m.id[0] for m in CATALOGUE if m.id}
    assert marked - held == set(), "run `make translations` and translate the new strings"
    assert held - marked == set(), "strings no longer in the code: run `make translations`"


@pytest.mark.parametrize("message", [m for m in CATALOGUE if m.id], ids=lambda m: str(m.id)[:40])
def test_every_string_has_its_italian_with_the_same_placeholders(message) -> None:
    ids = [message.id] if isinstance(message.id, str) else list(message.id)
    strings = [message.string] if isinstance(message.string, str) else list(message.string)
    assert all(s.strip() for s in strings), f"no Italian for {ids[0]!r}"
    assert not message.fuzzy, f"the Italian of {ids[0]!r} is marked fuzzy: check it, unmark it"
    wanted = set(PLACEHOLDER.findall(ids[-1]))
    for text in strings:
        assert set(PLACEHOLDER.findall(text)) <= wanted | {"num"}, text


class _Text(HTMLParser):
    """Visible text of a page with the language each piece is marked in."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, str | None, bool]] = []
        self.pieces: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        lang = named.get("lang") or (self.stack[-1][1] if self.stack else None)
        hidden = tag in SKIPPED or (self.stack and self.stack[-1][2]) or "hidden" in named
        if tag not in ("br", "img", "input", "meta", "link", "hr", "wbr", "source"):
            self.stack.append((tag, lang, bool(hidden)))
        for key in ("placeholder", "aria-label", "title", "alt"):
            if named.get(key) and not hidden:
                self.pieces.append((named[key] or "", lang or ""))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if data.strip() and self.stack and not self.stack[-1][2]:
            self.pieces.append((" ".join(data.split()), self.stack[-1][1] or ""))


def italian_text(client: FlaskClient, path: str) -> list[str]:
    response = client.get(path + ("&" if "?" in path else "?") + "lang=it",
                          headers={"Accept": "text/html"})
    assert response.mimetype == "text/html", (path, response.status_code)
    parser = _Text()
    parser.feed(response.get_data(as_text=True))
    return [text for text, lang in parser.pieces if lang.startswith("it")]


@pytest.mark.parametrize("kind", PAGES)
def test_no_interface_string_is_left_in_english(client: FlaskClient, kind: str) -> None:
    text = italian_text(client, PAGES[kind])
    left = set()
    for english in english_strings():
        words = english.split()
        pattern = re.escape(english) if len(words) > 1 else rf"^\W*{re.escape(english)}\W*$"
        if any(re.search(pattern, piece) for piece in text):
            left.add(english)
    assert not left, f"{kind} in Italian shows: {sorted(left)}"


@pytest.mark.parametrize("kind", PAGES)
def test_text_shown_in_english_is_marked_as_english(client: FlaskClient, kind: str) -> None:
    unmarked = [piece for piece in italian_text(client, PAGES[kind])
                if ENGLISH & set(re.findall(r"[a-z]+", piece.lower()))]
    assert not unmarked, f"{kind} in Italian: English without lang=\"en\": {unmarked[:8]}"
