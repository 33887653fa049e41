"""What a canned query's page (and its embeddable part) shows, gathered for the templates.

The question in plain words, a form with a field per parameter (the choices of an `iri`
parameter read from the graph through the query workers), the live answer as a table and,
when its shape fits, a bar chart, the SPARQL text, the vocabulary terms it uses linked to
their documentation, downloads, runnable snippets and the iframe code of the embeds.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import current_app, request
from markupsafe import escape

from ...namespaces import LTC, shorten
from ...publish.description import path_for
from ...queries.charts import bar_chart
from ...queries.registry import LANGUAGE_PARAM, NamedQuery, Parameter
from ...queries.snippets import query_url, snippets
from ...queries.spreadsheets import NUMBERS, Answer
from ...rdf.terms import Binding
from ..i18n import NAMES
from ..state import state

# Downloads offered on the page: format= value, label, file extension.
DOWNLOADS = (("csv", "CSV", "csv"), ("excel-csv", "Excel CSV", "csv"), ("xlsx", "XLSX", "xlsx"),
             ("json", "JSON", "json"), ("tsv", "TSV", "tsv"), ("xml", "XML", "xml"))
INPUTS = {"integer": "number", "decimal": "number", "date": "date", "year": "number"}


def json_answer(text: str, bindings: tuple[Binding, ...] = (),
                predeclared: bool = False) -> Answer:
    """A query's SPARQL JSON answer, through the query service as every query."""
    return state().service.run(text, "json", bindings, predeclared).json()


def values_for_page(query: NamedQuery, given: dict[str, str], lang: str) -> dict[str, str]:
    """The value of every parameter as the page runs it: given, else default, else blank;
    a `language` parameter takes the page's language when the URL does not give one; an IRI
    as a prefixed name where one fits."""
    values = {}
    for p in query.params:
        value = given.get(p.name) or p.default or ""
        if p.name == LANGUAGE_PARAM and not given.get(p.name):
            value = lang
        elif p.type == "iri" and value:  # pnrr:M2 reads better in URLs and snippets
            short = shorten(p.normal(value))
            value = value if short.startswith("<") else short
        values[p.name] = value
    return values


def table(query: NamedQuery, answer: Answer, lang: str) -> dict[str, Any]:
    """Column titles and cells to show: IRIs as links (local when the dataset's own)."""
    variables = answer["head"]["vars"]
    rows = []
    for binding in answer["results"]["bindings"]:
        rows.append([_cell(binding.get(v)) for v in variables])
    return {"variables": variables, "titles": [query.column_title(v, lang) for v in variables],
            "rows": rows, "capped": bool(answer["head"].get("link"))}


def _cell(term: dict[str, str] | None) -> dict[str, Any]:
    if term is None:
        return {"text": ""}
    value = term["value"]
    if term["type"] == "uri":
        return {"text": shorten(value).strip("<>"), "href": path_for(value) or value,
                "title": value}
    if term["type"] == "bnode":
        return {"text": "_:" + value}
    return {"text": value, "lang": term.get("xml:lang"),
            "number": term.get("datatype") in NUMBERS}


def fields(query: NamedQuery, values: dict[str, str], lang: str) -> list[dict[str, Any]]:
    """One form field per parameter: a drop-down of the graph's choices for a classed IRI."""
    out = []
    for p in query.params:
        field: dict[str, Any] = {"param": p, "value": values.get(p.name, ""),
                                 "description": p.described(lang),
                                 "input": INPUTS.get(p.type, "text"), "choices": None,
                                 "classes": [shorten(c) for c in p.classes]}
        if p.type == "iri" and p.classes:
            field["choices"] = _choices(p, lang)
            field["value"] = p.normal(field["value"])
            if field["value"] and field["value"] not in {v for v, _ in field["choices"]}:
                field["choices"].insert(0, (field["value"], shorten(field["value"])))
        elif p.type == "boolean":
            field["choices"] = [("true", "true"), ("false", "false")]
        elif p.values:
            field["choices"] = [(v, NAMES.get(v, v) if p.name == LANGUAGE_PARAM else v)
                                for v in p.values]
        out.append(field)
    return out


def _choices(param: Parameter, lang: str) -> list[tuple[str, str]]:
    text = param.choices_query(lang)
    if text is None:
        return []
    answer = json_answer(text, predeclared=True)
    return [(row["value"]["value"], row.get("label", {}).get("value", row["value"]["value"]))
            for row in answer["results"]["bindings"]]


def terms(query: NamedQuery, lang: str) -> list[dict[str, str]]:
    """The vocabulary terms in the query with their label and where they are documented."""
    text = query.terms_query(lang)
    found: dict[str, dict[str, str]] = {}
    if text:
        answer = json_answer(text, predeclared=True)
        found = {row["term"]["value"]: {k: v["value"] for k, v in row.items()}
                 for row in answer["results"]["bindings"]}
    out = []
    for name, iri in query.terms:
        local = iri[len(str(LTC)):] if iri.startswith(str(LTC)) else None
        out.append({"name": name, "iri": iri, "href": f"/ontology#{local}" if local else iri,
                    "label": found.get(iri, {}).get("label", ""),
                    "definition": found.get(iri, {}).get("definition", "")})
    return out


def page_context(query: NamedQuery, values: dict[str, str], lang: str,
                 bindings: tuple[Binding, ...]) -> dict[str, Any]:
    """Everything query.html shows; `values` and `bindings` from values_for_page."""
    answer = json_answer(query.sparql, bindings)
    base = request.host_url.rstrip("/")
    chart = bar_chart(query, answer, lang)
    embeds = {}
    for view in ("table", "chart") if chart else ("table",):
        url = f"{base}/embed/queries/{query.name}?" + urlencode(
            [*((k, v) for k, v in values.items() if v), ("view", view), ("lang", lang)],
            safe=":/")
        embeds[view] = (f'<iframe src="{escape(url)}" title="{escape(query.titled(lang))}" '
                        'width="100%" height="420" style="border:0" loading="lazy"></iframe>')
    return {
        "query": query, "title": query.titled(lang), "description": query.described(lang),
        "fields": fields(query, values, lang), "table": table(query, answer, lang),
        "chart": chart, "terms": terms(query, lang),
        "downloads": [(label, query_url("", query, values, fmt, lang=lang),
                       f"{query.name}.{ext}") for fmt, label, ext in DOWNLOADS],
        "snippets": snippets(base, query, values, bindings),
        "embeds": embeds,
        "hidden_lang": request.args.get("lang"),
        "max_rows": current_app.config["MAX_ROWS"],
    }


def embed_context(query: NamedQuery, values: dict[str, str], lang: str,
                  bindings: tuple[Binding, ...], view: str) -> dict[str, Any]:
    """What embed.html shows: the table or the chart, and a link back to the full page."""
    answer = json_answer(query.sparql, bindings)
    chart = bar_chart(query, answer, lang) if view == "chart" else None
    return {"query": query, "title": query.titled(lang), "chart": chart,
            "table": table(query, answer, lang),
            "page": request.host_url.rstrip("/") + query_url("", query, values, lang=lang)}
