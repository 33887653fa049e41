"""What the external store changes in the text it sends and the answers it reads, without a
store: each rewrite exactly, and the texts it must leave alone."""

from __future__ import annotations

import json

import pytest

from ltc_graph.store.portable import (
    boolean_answer,
    concatenations,
    evened,
    sent,
    typed_booleans,
    with_dataset,
    without_dataset,
)

B = "<http://www.w3.org/2001/XMLSchema#boolean>"
G = "https://w3id.org/ltc/graph/"


@pytest.mark.parametrize(("text", "sent"), [
    ("SELECT (BOUND(?x) AS ?b) {}", f"SELECT ({B}(BOUND(?x)) AS ?b) {{}}"),
    ("SELECT ?c (MAX(?r) = 1 AS ?ref) {} GROUP BY ?c",
     f"SELECT ?c ({B}(MAX(?r) = 1) AS ?ref) {{}} GROUP BY ?c"),
    ("SELECT * { BIND(!isIRI(?x) AS ?n) }", f"SELECT * {{ BIND({B}(!isIRI(?x)) AS ?n) }}"),
    ("SELECT * { BIND(?a IN (1, 2) AS ?i) }", f"SELECT * {{ BIND({B}(?a IN (1, 2)) AS ?i) }}"),
    ("SELECT * { BIND(?a<?b && ?c AS ?l) }", f"SELECT * {{ BIND({B}(?a<?b && ?c) AS ?l) }}"),
    ("SELECT * { BIND(EXISTS { ?s ?p ?o } AS ?e) }",
     f"SELECT * {{ BIND({B}(EXISTS {{ ?s ?p ?o }}) AS ?e) }}"),
    ("SELECT (true AS ?t) {}", f"SELECT ({B}(true) AS ?t) {{}}"),
])
def test_booleans_bound_to_a_variable_are_cast(text: str, sent: str) -> None:
    assert typed_booleans(text) == sent


@pytest.mark.parametrize("text", [
    'SELECT * { BIND(IF(?a = 1, "x", "y") AS ?k) }',  # a value chosen by a test
    "SELECT (COUNT(*) AS ?n) (<a:b> AS ?i) {}",
    'SELECT ("a = b" AS ?s) {} # (?x = 1 AS ?y)',  # a string and a comment that read like one
    "SELECT * { BIND(COALESCE(?a, ?b = 1) AS ?c) }",
])
def test_other_values_are_sent_as_written(text: str) -> None:
    assert typed_booleans(text) == text


def test_the_variables_of_a_group_concat_are_known() -> None:
    text = ('SELECT (GROUP_CONCAT(DISTINCT ?s; SEPARATOR=", ") AS ?all) (COUNT(*) AS ?n) '
            '(CONCAT(GROUP_CONCAT(?s), "!") AS ?shout) {} GROUP BY ?x')
    assert concatenations(text) == {"all"}


@pytest.mark.parametrize(("text", "prefixes", "base", "left", "default", "named"), [
    ("SELECT * FROM <a> FROM NAMED <b> WHERE { ?s ?p ?o }", {}, "http://e/",
     "SELECT *     WHERE { ?s ?p ?o }", ["http://e/a"], ["http://e/b"]),
    ("PREFIX g: <https://w3id.org/ltc/graph/>\nSELECT (1 AS ?one) FROM g:afil FROM g:s "
     "WHERE { ?s ?p 'FROM <x>' }", {}, None,
     "PREFIX g: <https://w3id.org/ltc/graph/>\nSELECT (1 AS ?one)     WHERE { ?s ?p 'FROM <x>' }",
     [G + "afil", G + "s"], []),
    ("CONSTRUCT { ?s ?p ?o } FROM NAMED g:afil WHERE { GRAPH ?g { ?s ?p ?o } }",
     {"g": G}, None, "CONSTRUCT { ?s ?p ?o }   WHERE { GRAPH ?g { ?s ?p ?o } }", [],
     [G + "afil"]),
    ("SELECT ?from WHERE { ?from ?p ?o }", {}, None, "SELECT ?from WHERE { ?from ?p ?o }", [],
     []),
])
def test_from_clauses_leave_the_text_for_the_protocol(
        text: str, prefixes: dict[str, str], base: str | None, left: str, default: list[str],
        named: list[str]) -> None:
    assert without_dataset(text, prefixes, base) == (left, default, named)


@pytest.mark.parametrize(("text", "written"), [
    ("SELECT ?s WHERE { ?s ?p ?o }", "SELECT ?s \nFROM <d>\nFROM NAMED <n>\nWHERE { ?s ?p ?o }"),
    ("SELECT (EXISTS { ?a ?b ?c } AS ?e) { }",
     "SELECT (EXISTS { ?a ?b ?c } AS ?e) \nFROM <d>\nFROM NAMED <n>\n{ }"),
    ("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
     "CONSTRUCT { ?s ?p ?o } \nFROM <d>\nFROM NAMED <n>\nWHERE { ?s ?p ?o }"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT \nFROM <d>\nFROM NAMED <n>\nWHERE { ?s ?p ?o }"),
    ("DESCRIBE <x>", "DESCRIBE <x>\nFROM <d>\nFROM NAMED <n>\n"),
    ("DESCRIBE <x> LIMIT 3", "DESCRIBE <x> \nFROM <d>\nFROM NAMED <n>\nLIMIT 3"),
])
def test_the_dataset_is_written_where_the_grammar_puts_it(text: str, written: str) -> None:
    assert with_dataset(text, ["d"], ["n"]) == written
    assert with_dataset(text, [], []) == text


def test_a_group_concat_gets_its_separator_and_a_tag_its_lower_case() -> None:
    text = ('SELECT (GROUP_CONCAT(DISTINCT ?x) AS ?a) (GROUP_CONCAT(?y; separator=",") AS ?b) '
            '{ ?s ?p "x"@EN-GB , "@EN" }')
    assert sent(text) == ('SELECT (GROUP_CONCAT(DISTINCT ?x; SEPARATOR=" ") AS ?a) '
                          '(GROUP_CONCAT(?y; separator=",") AS ?b) { ?s ?p "x"@en-gb , "@EN" }')


def results(*rows: dict, names: tuple[str, ...] = ("x",)) -> bytes:
    return json.dumps({"head": {"vars": list(names)}, "results": {"bindings": list(rows)}}
                      ).encode()


def test_virtuoso_answers_read_as_the_embedded_store_gives_them() -> None:
    boolean = "http://www.w3.org/2001/XMLSchema#boolean"
    body = results({"x": {"type": "bnode", "value": "nodeID://b10086"},
                    "y": {"type": "typed-literal", "datatype": boolean, "value": "1"},
                    "z": {"type": "literal", "value": ""}},
                   {"x": {"type": "uri", "value": "nodeID://not-a-blank-node"},
                    "y": {"type": "typed-literal", "datatype": boolean, "value": "0"},
                    "z": {"type": "literal", "value": "a, b"}}, names=("x", "y", "z"))
    assert json.loads(evened(body, {"z"}))["results"]["bindings"] == [
        {"x": {"type": "bnode", "value": "b10086"},
         "y": {"type": "typed-literal", "datatype": boolean, "value": "true"}},
        {"x": {"type": "uri", "value": "nodeID://not-a-blank-node"},
         "y": {"type": "typed-literal", "datatype": boolean, "value": "false"},
         "z": {"type": "literal", "value": "a, b"}}]
    plain = results({"x": {"type": "literal", "value": ""}})
    assert evened(plain, set()) is plain  # nothing to change: the bytes as they came


@pytest.mark.parametrize(("rows", "answer"), [
    ([{"__ASK_RETVAL": {"type": "typed-literal", "value": "1"}}], True),
    ([], False),
])
def test_virtuosos_ask_table_is_a_boolean(rows: list[dict], answer: bool) -> None:
    body = results(*rows, names=("__ASK_RETVAL",))
    assert json.loads(boolean_answer(body)) == {"head": {}, "boolean": answer}
    standard = b'{"head": {}, "boolean": true}'
    assert boolean_answer(standard) is standard
