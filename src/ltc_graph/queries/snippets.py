"""Copy-ready code that fetches a canned query's answer: curl, Python, R, JavaScript.

Each snippet runs as it is, with the server's own address and the parameter values of the
page it is shown on. The SPARQLWrapper one sends the query text itself to /sparql, with the
values written into it as a VALUES block by Oxigraph (so a value is data, never query text);
the others fetch the canned query's URL. Programs get the SPARQL variable names as column
names: the URLs carry no language, and these clients send no Accept-Language.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from urllib.parse import urlencode

from ..rdf.terms import Binding, substitutions
from ..sparql.text import bind_values
from .registry import NamedQuery


@dataclass(frozen=True)
class Snippet:
    key: str  # stable id, used in page anchors and tests
    title: str
    language: str  # for syntax highlighting classes: bash, python, r, javascript
    code: str


def query_url(base: str, query: NamedQuery, values: dict[str, str], fmt: str | None = None,
              **extra: str) -> str:
    """The canned query's URL with the non-empty parameter values (and a format)."""
    args = [(k, v) for k, v in values.items() if v != ""]
    if fmt:
        args.append(("format", fmt))
    args += list(extra.items())
    # ':' and '/' may stand as they are in a query string, so pnrr:M2 stays readable
    return f"{base}/queries/{query.name}" + ("?" + urlencode(args, safe=":/") if args else "")


def bound_text(query: NamedQuery, bindings: tuple[Binding, ...]) -> str:
    """The query's self-contained text with the parameter values written in."""
    return bind_values(query.sparql, query.info.where, substitutions(bindings) or None)


def snippets(base: str, query: NamedQuery, values: dict[str, str],
             bindings: tuple[Binding, ...]) -> list[Snippet]:
    """Every snippet for a query page; `values` are the parameter values shown in the form."""
    csv_url = query_url(base, query, values, "csv")
    json_url = query_url(base, query, values, "json")
    return [
        Snippet("curl", "curl", "bash", f"curl -sS {shlex.quote(csv_url)}\n"),
        Snippet("pandas", "Python (pandas)", "python",
                f"import pandas as pd\n\ndf = pd.read_csv({_py(csv_url)})\nprint(df)\n"),
        Snippet("r", "R", "r",
                f"answer <- read.csv({json.dumps(csv_url)}, encoding = \"UTF-8\",\n"
                "                   stringsAsFactors = FALSE)\nprint(answer)\n"),
        Snippet("javascript", "JavaScript (fetch)", "javascript", _fetch(json_url)),
        Snippet("sparqlwrapper", "Python (SPARQLWrapper)", "python",
                _sparqlwrapper(f"{base}/sparql", bound_text(query, bindings))),
    ]


def _sparqlwrapper(endpoint: str, text: str) -> str:
    return (
        "from SPARQLWrapper import JSON, SPARQLWrapper\n\n"
        f"endpoint = SPARQLWrapper({_py(endpoint)})\n"
        f"endpoint.setQuery({_py_block(text)})\n"
        "endpoint.setReturnFormat(JSON)\n"
        "answer = endpoint.queryAndConvert()\n"
        'columns = answer["head"]["vars"]\n'
        'rows = [[row[c]["value"] if c in row else "" for c in columns]\n'
        '        for row in answer["results"]["bindings"]]\n'
        "print(columns)\n"
        "for row in rows:\n"
        "    print(row)\n"
    )


def _fetch(url: str) -> str:
    return (
        f"const url = {json.dumps(url)};\n"
        'fetch(url, { headers: { Accept: "application/sparql-results+json" } })\n'
        "  .then((response) => response.json())\n"
        "  .then((answer) => {\n"
        "    const rows = answer.results.bindings.map((row) => Object.fromEntries(\n"
        '      answer.head.vars.map((v) => [v, row[v] ? row[v].value : ""])));\n'
        "    console.table(rows);\n"
        "  });\n"
    )


def _py(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid Python literal


def _py_block(text: str) -> str:
    """A triple-quoted literal when the text allows one (readable), else an escaped string."""
    if '"""' in text or "\\" in text or text.endswith('"'):
        return repr(text)
    return '"""\n' + text + '"""'
