"""Reading a canned query's page as a person sees it: the answer table, snippets, links."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser


class _Table(HTMLParser):
    """The table inside `<section id="answer">`: header titles and cell values, where a link's
    value is the full IRI in its title (its text shows a prefixed name)."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = self.done = self.in_link = False
        self.header: list[str] = []
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "section" and found.get("id") == "answer":
            self.inside = True
        if not self.inside or self.done:
            return
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self.cell = []
        elif tag == "a" and self.cell is not None and found.get("title"):
            self.cell.append(found["title"] or "")
            self.in_link = True

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.in_link:
            self.cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if not self.inside or self.done:
            return
        if tag == "a":
            self.in_link = False
        elif tag in ("th", "td") and self.cell is not None:
            text = "".join(self.cell).strip()
            (self.header if tag == "th" else self.rows[-1]).append(text)
            self.cell = None
        elif tag == "table":
            self.done = True


def answer_table(page: str) -> tuple[list[str], list[list[str]]]:
    """(column titles, rows of values) of the page's answer table."""
    parser = _Table()
    parser.feed(page)
    return parser.header, [row for row in parser.rows if row]


def snippet(page: str, key: str) -> str:
    """The text of the code block `code-<key>`, as the copy button copies it."""
    match = re.search(rf'<code id="code-{key}"[^>]*>(.*?)</code>', page, re.S)
    assert match, f"no snippet {key}"
    return html.unescape(match.group(1))


def download_links(page: str) -> dict[str, str]:
    """Download label: href, from the page's download links."""
    block = re.search(r'<p class="downloads">(.*?)</p>', page, re.S)
    assert block, "no downloads"
    return {html.unescape(label): html.unescape(href) for href, label in
            re.findall(r'<a href="([^"]+)" download="[^"]+">([^<]+)</a>', block.group(1))}
