"""Every worked question of docs/cookbook.md prints the answer its query gives on the data.

The queries run through the project's query service with the prefixes predeclared, as the
endpoint and `ltc-graph query` run them; a stale table fails with the fresh one to paste, or
`make cookbook` writes them all.
"""

from __future__ import annotations

import re

import pytest
from cookbook import COOKBOOK, EMPTY_ON_PURPOSE, Question, cell, questions, rendered, table

from backends import select
from ltc_graph.namespaces import SPARQL_PREFIXES
from ltc_graph.store import GraphStore

TEXT = COOKBOOK.read_text(encoding="utf-8")
QUESTIONS = questions(TEXT)
# An anchor as GitHub makes it from a heading: lower case, punctuation gone, spaces to "-".
LINKED_ANCHOR = re.compile(r"\]\(#([^)]+)\)")


def anchor(heading: str) -> str:
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_cookbook_has_at_least_20_questions_each_with_a_query_and_an_answer() -> None:
    assert len(QUESTIONS) >= 20
    for question in QUESTIONS:
        assert question.query.strip(), f"{question.heading}: no ```sparql block"
        assert question.table, f"{question.heading}: no answer table after its query"
        rows = question.table.count("\n") - 2
        assert rows > 0 or question.empty_on_purpose, (
            f"{question.heading}: the answer is empty; if that is the point, say so in the "
            f"text and mark it {EMPTY_ON_PURPOSE}")


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.heading.split(".")[0] for q in QUESTIONS])
def test_each_printed_answer_is_what_its_query_gives_on_the_data(question: Question,
                                                                 store: GraphStore) -> None:
    fresh = table(select(store, question.query))
    assert fresh == question.table, (
        f"docs/cookbook.md, question {question.heading!r}: the printed answer is stale; "
        f"run `make cookbook` (and check the explanation still fits). Fresh answer:\n{fresh}")


def test_every_answer_of_more_than_one_row_has_a_stated_order() -> None:
    for question in QUESTIONS:
        if question.table.count("\n") - 2 > 1:
            assert "ORDER BY" in question.query, f"{question.heading}: add ORDER BY"


def test_the_questions_are_numbered_in_order_and_the_contents_link_each_one() -> None:
    numbers = [int(q.heading.split(".")[0]) for q in QUESTIONS]
    assert numbers == list(range(1, len(QUESTIONS) + 1))
    contents = TEXT.split("\n## Contents\n", 1)[1].split("\n## ", 1)[0]
    assert LINKED_ANCHOR.findall(contents) == [anchor(q.heading) for q in QUESTIONS]
    anchors = {anchor(q.heading) for q in QUESTIONS}
    for linked in LINKED_ANCHOR.findall(TEXT):
        assert linked in anchors, f"docs/cookbook.md links #{linked}, which no heading makes"


def test_the_prefixes_for_other_tools_are_the_predeclared_ones() -> None:
    assert f"```sparql\n{SPARQL_PREFIXES}```" in TEXT.split("\n## Contents\n", 1)[0]


def test_values_are_printed_as_the_cookbook_says() -> None:
    assert cell({"type": "uri", "value": "https://w3id.org/ltc/id/cluster/afil"}) == (
        "`cluster:afil`")
    assert cell({"type": "uri", "value": "http://example.org/x"}) == "`<http://example.org/x>`"
    assert cell({"type": "literal", "value": "Milano", "xml:lang": "it"}) == '"Milano"@it'
    assert cell({"type": "literal", "value": "2024",
                 "datatype": "http://www.w3.org/2001/XMLSchema#gYear"}) == "2024"
    assert cell({"type": "literal", "value": "LE2C"}) == "LE2C"
    assert cell({"type": "literal", "value": "a | b"}) == "a \\| b"
    assert cell({"type": "bnode", "value": "b0"}) == "[ ... ]"
    assert cell(None) == ""


def test_rewriting_replaces_only_the_answer_tables() -> None:
    page = ("# T\n\n### 1. Old?\n\nWhy.\n\n```sparql\nSELECT ?n WHERE {}\n```\n\n"
            "| n |\n|---|\n| 1 |\n\nAfter.\n\n### 2. New?\n\n```sparql\nSELECT ?m WHERE {}\n```\n"
            "\n### 3. No query\n\nText.\n")

    def run(query: str) -> dict:
        name = re.search(r"\?(\w+)", query).group(1)
        return {"head": {"vars": [name]},
                "results": {"bindings": [{name: {"type": "literal", "value": "2"}}]}}

    assert rendered(page, run) == (
        "# T\n\n### 1. Old?\n\nWhy.\n\n```sparql\nSELECT ?n WHERE {}\n```\n\n"
        "| n |\n|---|\n| 2 |\n\nAfter.\n\n### 2. New?\n\n```sparql\nSELECT ?m WHERE {}\n```\n"
        "\n| m |\n|---|\n| 2 |\n\n### 3. No query\n\nText.\n")
    assert rendered(rendered(page, run), run) == rendered(page, run)
