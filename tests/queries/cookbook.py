"""The analyst's cookbook (docs/cookbook.md) read as test data, and its answers re-rendered.

Each question is a `###` heading, its explanation, one ```sparql block and the table under it:
the query's answer, printed as docs/cookbook.md says (an IRI as a prefixed name in backticks,
text with a language tag as `"text"@lang`, any other literal as its value, an unbound cell
empty). The data changes; `python tests/queries/cookbook.py --write` (or `make cookbook`)
runs every query again and writes the fresh tables, so a reader can review the diff.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ltc_graph.namespaces import shorten

ROOT = Path(__file__).resolve().parents[2]
COOKBOOK = ROOT / "docs" / "cookbook.md"
# A question whose answer is meant to be empty says so with this marker in its explanation.
EMPTY_ON_PURPOSE = "<!-- empty on purpose -->"

QUESTION = re.compile(r"^### (.+)$", re.M)
SPARQL = re.compile(r"^```sparql\n(.*?)^```\n", re.M | re.S)
TABLE = re.compile(r"\A\n*((?:\|.*\|\n)+)")

Answer = dict[str, Any]
Run = Callable[[str], Answer]


@dataclass(frozen=True)
class Question:
    """One worked question: where its table sits in the text, so it can be rewritten."""

    heading: str
    explanation: str
    query: str
    table: str
    table_start: int
    table_end: int

    @property
    def empty_on_purpose(self) -> bool:
        return EMPTY_ON_PURPOSE in self.explanation


def questions(text: str) -> list[Question]:
    """Every `###` question of the cookbook with its query and printed table ("" if none)."""
    headings = list(QUESTION.finditer(text))
    found = []
    for here, after in zip(headings, [*headings[1:], None], strict=True):
        end = after.start() if after else len(text)
        block = SPARQL.search(text, here.end(), end)
        if block is None:
            found.append(Question(here.group(1), text[here.end():end], "", "", end, end))
            continue
        table = TABLE.match(text[block.end():end])
        start = block.end() + (table.start(1) if table else 0)
        stop = block.end() + (table.end(1) if table else 0)
        found.append(Question(here.group(1), text[here.end():block.start()], block.group(1),
                              table.group(1) if table else "", start, stop))
    return found


def cell(term: dict[str, str] | None) -> str:
    """One value as the cookbook prints it."""
    if term is None:
        return ""
    if term["type"] == "uri":
        shown = f"`{shorten(term['value'])}`"
    elif term["type"] == "bnode":
        shown = "[ ... ]"
    elif "xml:lang" in term:
        shown = f'"{term["value"]}"@{term["xml:lang"]}'
    else:
        shown = term["value"]
    return shown.replace("|", "\\|").replace("\n", " ")


def table(answer: Answer) -> str:
    """A SELECT answer (SPARQL JSON results) as a Markdown table, one line per row."""
    columns: list[str] = answer["head"]["vars"]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in answer["results"]["bindings"]:
        lines.append("| " + " | ".join(cell(row.get(c)) for c in columns) + " |")
    return "\n".join(lines) + "\n"


def rendered(text: str, run: Run) -> str:
    """The cookbook with every table replaced by its query's fresh answer."""
    out, done = [], 0
    for question in questions(text):
        if not question.query:
            continue
        fresh = table(run(question.query))
        out += [text[done:question.table_start], fresh if question.table else "\n" + fresh]
        done = question.table_end
    return "".join(out) + text[done:]


def main(argv: list[str]) -> int:
    """Print the cookbook with fresh answers, or with `--write` write it in place."""
    sys.path.insert(0, str(ROOT / "tests"))
    from backends import select  # the tests' helper: the query service, prefixes predeclared
    from ltc_graph.rdf.files import Layout
    from ltc_graph.store.local import LocalStore

    store = LocalStore.from_layout(Layout.of(ROOT))
    text = COOKBOOK.read_text(encoding="utf-8")
    fresh = rendered(text, lambda query: select(store, query))
    if "--write" in argv:
        COOKBOOK.write_text(fresh, encoding="utf-8")
        print("docs/cookbook.md: " + ("unchanged" if fresh == text else "answers rewritten"))
    else:
        sys.stdout.write(fresh)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
