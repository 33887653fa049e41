"""What engines do differently with the same SPARQL, evened out so that an external store
answers as the embedded one (docs/endpoint.md, "Stores", lists each difference and why).

On the way out, the text: `without_dataset` takes the FROM clauses out and `with_dataset`
writes the whole dataset remote.py chose in their place, and `sent` casts
each boolean a query binds to a variable to xsd:boolean (Virtuoso gives an uncast one as the
integer 1 or 0), writes out GROUP_CONCAT's default separator (Virtuoso requires one) and
writes language tags in lower case. On the way back, SPARQL JSON results:
`boolean_answer` reads Virtuoso's ASK table, and `evened` its blank node names, its stored
booleans and its GROUP_CONCAT of nothing.

Only tokens are read (comments, strings and IRIs kept whole, brackets counted); the engine's
parser has already checked the syntax.
"""

from __future__ import annotations

import json
import re
import urllib.parse
from collections.abc import Iterator

from ..namespaces import XSD

BOOLEAN = str(XSD.boolean)

_TOKEN = re.compile(r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
      |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<var>[?$]\w+)
  | (?P<name>[A-Za-z_][\w.\-]*:[\w.\-:%]*|:[\w.\-:%]*|[A-Za-z_]\w*)
  | (?P<tag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<op>!=|<=|>=|&&|\|\||[=<>!])
  | (?P<open>[{(\[])
  | (?P<close>[})\]])
  | (?P<other>\S)
""", re.X)
# Calls whose value is a boolean (SPARQL 1.1, section 17.4)
TESTS = {"BOUND", "ISIRI", "ISURI", "ISBLANK", "ISLITERAL", "ISNUMERIC", "REGEX", "CONTAINS",
         "STRSTARTS", "STRENDS", "LANGMATCHES", "SAMETERM", "EXISTS"}
COMPARISONS = {"=", "!=", "<", ">", "<=", ">=", "&&", "||"}


def _tokens(text: str) -> list[tuple[str, str, int, int]]:
    return [(m.lastgroup or "other", m.group(), m.start(), m.end())
            for m in _TOKEN.finditer(text) if m.lastgroup != "comment"]


def _assignments(tokens: list[tuple[str, str, int, int]],
                 ) -> Iterator[tuple[list[tuple[str, str, int, int]], str]]:
    """Each expression bound to a variable, `(E AS ?v)` or `BIND(E AS ?v)`: E's tokens, v."""
    opens: list[int] = []
    for i, (kind, value, _, _) in enumerate(tokens):
        if kind == "open":
            opens.append(i)
        elif kind == "close" and opens:
            opens.pop()
        elif (kind == "name" and value.upper() == "AS" and opens and i + 1 < len(tokens)
              and tokens[opens[-1]][1] == "(" and i > opens[-1] + 1):
            yield tokens[opens[-1] + 1:i], tokens[i + 1][1][1:]


def sent(text: str) -> str:
    """The text as sent to an external store: booleans typed, GROUP_CONCAT's separator
    written out, language tags in lower case; each changes no answer."""
    return lowercase_tags(separated(typed_booleans(text)))


def separated(text: str) -> str:
    """Each GROUP_CONCAT with its separator written out (a space, SPARQL's default), which
    Virtuoso requires."""
    tokens = _tokens(text)
    edits: list[int] = []
    for i, (kind, value, _, _) in enumerate(tokens):
        if kind != "name" or value.upper() != "GROUP_CONCAT" or i + 1 == len(tokens) \
                or tokens[i + 1][1] != "(":
            continue
        depth, j, named = 0, i + 1, False
        for j in range(i + 1, len(tokens)):
            kind_j, value_j = tokens[j][0], tokens[j][1]
            depth += (kind_j == "open") - (kind_j == "close")
            named = named or (depth == 1 and value_j.upper() == "SEPARATOR")
            if depth == 0:
                break
        if not named:
            edits.append(tokens[j][2])
    for at in reversed(edits):
        text = f'{text[:at]}; SEPARATOR=" "{text[at:]}'
    return text


def lowercase_tags(text: str) -> str:
    """Language tags in lower case, as Oxigraph reads them: tags are case-insensitive, but
    Virtuoso keeps their case (LANG gives `EN` where the embedded store gives `en`)."""
    for _, value, start, end in _tokens(text):
        if value.startswith("@") and value != value.lower():
            text = text[:start] + value.lower() + text[end:]
    return text


def typed_booleans(text: str) -> str:
    """`text` with every boolean expression bound to a variable cast to xsd:boolean, which
    changes no value: Virtuoso gives such a value as the integer 1 or 0 unless it is cast
    (and its cast then reads `true` or `false`, as `evened` sees to)."""
    edits = [(e[0][2], e[-1][3]) for e, _ in _assignments(_tokens(text)) if _is_boolean(e)]
    for start, end in reversed(edits):
        text = f"{text[:start]}<{BOOLEAN}>({text[start:end]}){text[end:]}"
    return text


def concatenations(text: str) -> set[str]:
    """The variables bound to a GROUP_CONCAT."""
    return {name for e, name in _assignments(_tokens(text))
            if e[0][1].upper() == "GROUP_CONCAT" and _top(e)[1:] == [("open", "(")]}


def _is_boolean(expression: list[tuple[str, str, int, int]]) -> bool:
    """Whether the expression's operator, outside any brackets, makes a boolean."""
    top = _top(expression)
    if any(kind == "op" and value in COMPARISONS for kind, value in top):
        return True
    if any(kind == "name" and value in ("IN", "NOT", "EXISTS") for kind, value in top):
        return True
    first_kind, first = top[0]
    if first == "!" or (len(top) == 1 and first in ("TRUE", "FALSE")):
        return True
    if first_kind != "name" or len(top) != 2 or top[1][1] != "(":
        return False
    if first in ("SAMPLE", "MIN", "MAX"):  # one of the values it is given, all booleans
        inner = [t for t in expression[2:-1] if t[1].upper() != "DISTINCT"]
        return bool(inner) and _is_boolean(inner)
    return first in TESTS


def without_dataset(text: str, prefixes: dict[str, str], base_iri: str | None,
                    ) -> tuple[str, list[str], list[str]]:
    """`text` without its FROM and FROM NAMED clauses, and the graphs they named."""
    known = dict(prefixes)
    base = base_iri
    tokens = _tokens(text)
    default: list[str] = []
    named: list[str] = []
    cut: list[tuple[int, int]] = []
    depth = 0
    for i, (kind, value, start, _) in enumerate(tokens):
        if kind == "open":
            depth += 1
        elif kind == "close":
            depth -= 1
        elif kind == "name" and depth == 0:
            word = value.upper()
            if word == "BASE" and i + 1 < len(tokens):
                base = urllib.parse.urljoin(base or "", tokens[i + 1][1][1:-1])
            elif word == "PREFIX" and i + 2 < len(tokens):
                known[tokens[i + 1][1].rstrip(":")] = tokens[i + 2][1][1:-1]
            elif word == "FROM" and i + 1 < len(tokens):
                is_named = tokens[i + 1][1].upper() == "NAMED"
                _, graph, _, end = tokens[i + 2 if is_named else i + 1]
                (named if is_named else default).append(_expand(graph, known, base))
                cut.append((start, end))
    for start, end in reversed(cut):
        text = text[:start] + " " + text[end:]
    return text, default, named


def with_dataset(text: str, default: list[str], named: list[str]) -> str:
    """`text` (without dataset clauses) with FROM and FROM NAMED clauses for `default` and
    `named`, where the grammar puts them: before the WHERE pattern, after a CONSTRUCT's
    template, or after what a DESCRIBE names when it has no pattern."""
    if not default and not named:
        return text
    tokens = _tokens(text)
    depth, form, at = 0, "", len(text)
    for i, (kind, value, start, _) in enumerate(tokens):
        word = value.upper() if kind == "name" and depth == 0 else ""
        if not form and word in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            form = word
            if word == "CONSTRUCT" and i + 1 < len(tokens) and tokens[i + 1][1] == "{":
                form = "TEMPLATE"  # the dataset follows the template
        elif form and depth == 0 and (value == "{" or word in (
                "WHERE", "ORDER", "GROUP", "HAVING", "LIMIT", "OFFSET", "VALUES")):
            if form == "TEMPLATE":
                form = "CONSTRUCT"  # this brace opens the template; the pattern comes next
            else:
                at = start
                break
        depth += (kind == "open") - (kind == "close")
    clauses = [f"FROM <{g}>" for g in default] + [f"FROM NAMED <{g}>" for g in named]
    return text[:at] + "\n" + "\n".join(clauses) + "\n" + text[at:]


def _expand(term: str, prefixes: dict[str, str], base: str | None) -> str:
    if term.startswith("<"):
        return urllib.parse.urljoin(base or "", term[1:-1])
    prefix, _, local = term.partition(":")
    return prefixes.get(prefix, prefix + ":") + local


def _top(expression: list[tuple[str, str, int, int]]) -> list[tuple[str, str]]:
    """The expression's tokens outside any brackets (the brackets that open at the top)."""
    top: list[tuple[str, str]] = []
    depth = 0
    for kind, value, _, _ in expression:
        if depth == 0:
            top.append((kind, value.upper()))
        depth += (kind == "open") - (kind == "close")
    return top


def boolean_answer(body: bytes) -> bytes:
    """An ASK's answer as SPARQL JSON has it: Virtuoso writes it as a table of one variable,
    `__ASK_RETVAL`, with one row (1) when the answer is yes and none when it is no."""
    if b"__ASK_RETVAL" not in body:
        return body
    rows = json.loads(body).get("results", {}).get("bindings", [])
    yes = any(row.get("__ASK_RETVAL", {}).get("value") in ("1", "true") for row in rows)
    return json.dumps({"head": {}, "boolean": yes}).encode()


def evened(body: bytes, concatenated: set[str]) -> bytes:
    """SPARQL JSON results as the embedded store gives them: Virtuoso's blank node names
    (`nodeID://b1`) as blank node labels, its booleans `1` and `0` as `true` and `false`, and
    no value for a GROUP_CONCAT of nothing, which it gives as an empty string; anything else
    as it came."""
    if (b"nodeID://" not in body and BOOLEAN.encode() not in body
            and not (concatenated and b'""' in body)):
        return body
    answer = json.loads(body)
    for row in answer.get("results", {}).get("bindings", []):
        for name in [n for n in concatenated if row.get(n, {}).get("value") == ""]:
            del row[name]
        for term in row.values():
            if term.get("type") == "bnode":
                term["value"] = term["value"].removeprefix("nodeID://")
            elif term.get("datatype") == BOOLEAN and term.get("value") in ("1", "0"):
                term["value"] = "true" if term["value"] == "1" else "false"
    return json.dumps(answer).encode()
