"""What a canned query's page (and its embeddable part) shows, gathered for the templates.

The question in plain words, a form with a field per parameter (query_form.py), the live
answer as a table and, when its shape fits, a bar chart, the SPARQL text, the vocabulary terms
it uses linked to their documentation, a link that opens the query in the editor with the
page's values, downloads, runnable snippets and the iframe code of the embeds. Every word is
in the page's language; text the data or a header has only in English says so (`lang`).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import current_app, request
from markupsafe import escape

from ...namespaces import LTC, XSD, shorten
from ...publish.description import path_for
from ...queries.charts import bar_chart
from ...queries.registry import LANGUAGE_PARAM, NamedQuery
from ...queries.snippets import query_url, snippets
from ...queries.spreadsheets import NUMBERS, Answer
from ...rdf.terms import Binding
from ...sparql.service import QueryService
from ..i18n import N_, _
from ..state import state
from .query_form import fields, prefixed, problems

# Downloads offered on the page: format= value, label, file extension.
DOWNLOADS = (("csv", "CSV", "csv"), ("excel-csv", "Excel CSV", "csv"), ("xlsx", "XLSX", "xlsx"),
             ("json", "JSON", "json"), ("tsv", "TSV", "tsv"), ("xml", "XML", "xml"))
# What each snippet does, under its title (the titles name programs: the same in any language).
CAPTIONS = {
    "curl": N_("The answer as CSV, in a terminal."),
    "pandas": N_("The answer in a pandas data frame."),
    "r": N_("The answer in an R data frame."),
    "javascript": N_("The answer as JSON, in a web page's script or in Node.js."),
    "sparqlwrapper": N_("The query's own text with the values written in, sent to the SPARQL "
                        "endpoint."),
}
# The topics the headers tag queries with, as the list of queries names them.
TAGS = {"clusters": N_("clusters"), "members": N_("members"), "networks": N_("networks"),
        "projects": N_("projects"), "programmes": N_("programmes"), "events": N_("events"),
        "places": N_("places"), "quality": N_("data quality"), "provenance": N_("sources"),
        "search": N_("search"), "stories": N_("success stories"), "s3": "S3", "pnrr": "PNRR"}
DATES = {str(XSD[t]) for t in ("date", "dateTime", "gYearMonth")}  # kept on one line
INTEGERS = NUMBERS - {str(XSD[t]) for t in ("decimal", "double", "float")}


def json_answer(text: str, bindings: tuple[Binding, ...] = (),
                predeclared: bool = False) -> Answer:
    """A query's SPARQL JSON answer, through the query service as every query."""
    return state().service.run(text, "json", bindings, predeclared).json()


def tag_label(tag: str) -> str:
    """A header's tag as the page's language names the topic."""
    return _(TAGS[tag]) if tag in TAGS else tag


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
            value = prefixed(p.normal(value))
        values[p.name] = value
    return values


def editor_url(query: NamedQuery, values: dict[str, str]) -> str:
    """The query editor opened on this canned query with these values (blanks left out)."""
    args = [("canned", query.name), *((k, v) for k, v in values.items() if v != "")]
    return "/sparql?" + urlencode(args, safe=":/")


def table(query: NamedQuery, answer: Answer, lang: str) -> dict[str, Any]:
    """Column titles and compact cells: IRIs as prefixed names linking to their pages (local
    when the dataset's own), plain numbers, yes and no, a literal's language as `lang`."""
    variables = answer["head"]["vars"]
    rows = [[_cell(binding.get(v)) for v in variables]
            for binding in answer["results"]["bindings"]]
    columns = [_column(query, v, lang) for v in variables]
    return {"variables": variables, "titles": [title for title, _lang in columns],
            "title_langs": [lang_ for _title, lang_ in columns],
            "rows": rows, "capped": bool(answer["head"].get("link"))}


def _column(query: NamedQuery, variable: str, lang: str) -> tuple[str, str | None]:
    """A column's title, and `en` when it is the English one on a page in another language."""
    title = query.column_title(variable, lang)
    if lang != "en" and title != variable and not query.columns.get(variable, {}).get(lang):
        return title, "en"
    return title, None


def _cell(term: dict[str, str] | None) -> dict[str, Any]:
    if term is None:
        return {"text": ""}
    value = term["value"]
    if term["type"] == "uri":
        local = path_for(value)
        short = shorten(value)
        if short.startswith("<"):  # a site elsewhere: its address without the scheme
            short = value.split("://", 1)[-1].removeprefix("www.").rstrip("/")
        return {"text": short, "href": local or value, "title": value, "iri": True}
    if term["type"] == "bnode":
        return {"text": "_:" + value}
    datatype = term.get("datatype")
    if datatype == str(XSD.boolean):
        return {"text": _("yes") if value in ("true", "1") else _("no")}
    if datatype in INTEGERS and value.lstrip("+-").isdigit():
        value = str(int(value))
    return {"text": value, "lang": term.get("xml:lang"), "number": datatype in NUMBERS,
            "date": datatype in DATES}


def terms(query: NamedQuery, lang: str) -> list[dict[str, str | None]]:
    """The vocabulary terms in the query with their label and where they are documented."""
    text = query.terms_query(lang)
    found: dict[str, dict[str, dict[str, str]]] = {}
    if text:
        answer = json_answer(text, predeclared=True)
        found = {row["term"]["value"]: row for row in answer["results"]["bindings"]}
    out = []
    for name, iri in query.terms:
        local = iri[len(str(LTC)):] if iri.startswith(str(LTC)) else None
        row = found.get(iri, {})
        label, definition = row.get("label", {}), row.get("definition", {})
        out.append({"name": name, "iri": iri, "href": f"/ontology#{local}" if local else iri,
                    "label": label.get("value", ""), "label_lang": _other(label, lang),
                    "definition": definition.get("value", ""),
                    "definition_lang": _other(definition, lang)})
    return out


def _other(term: dict[str, str], lang: str) -> str | None:
    """A literal's language when it is not the page's (English where Italian was missing)."""
    tag = term.get("xml:lang")
    return tag if tag and tag != lang else None


def page_texts(query: NamedQuery, lang: str) -> dict[str, Any]:
    """Title and question in `lang`, with `en` where the header has them only in English."""
    english = lang != "en"
    return {"query": query, "title": query.titled(lang), "description": query.described(lang),
            "title_lang": "en" if english and not query.title_it else None,
            "description_lang": "en" if english and not query.description_it else None}


def page_context(query: NamedQuery, given: dict[str, str],
                 lang: str) -> tuple[dict[str, Any], int]:
    """Everything query.html shows, and the status: 200, or 400 for a value the query cannot
    take. A wrong or missing value shows the form with its note, and no answer."""
    values = values_for_page(query, given, lang)
    found = problems(query, given, values, lang)
    context = {
        **page_texts(query, lang),
        "fields": fields(query, values, lang, found), "notes": found.unknown,
        "missing": found.missing, "editor": editor_url(query, values),
        "terms": terms(query, lang), "hidden_lang": request.args.get("lang"), "table": None,
        "chart": None,
    }
    if found.blocking:
        return context, 400 if found.wrong else 200
    bindings = QueryService.bind(query, values)
    answer = json_answer(query.sparql, bindings)
    base = request.host_url.rstrip("/")
    chart = _chart(query, answer, lang, embedded=False)
    embeds = {}
    for view in ("table", "chart") if chart else ("table",):
        url = f"{base}/embed/queries/{query.name}?" + urlencode(
            [*((k, v) for k, v in values.items() if v), ("view", view), ("lang", lang)],
            safe=":/")
        embeds[view] = (f'<iframe src="{escape(url)}" title="{escape(query.titled(lang))}" '
                        'width="100%" height="420" style="border:0" loading="lazy"></iframe>')
    context.update({
        "table": table(query, answer, lang), "chart": chart,
        "downloads": [(label, query_url("", query, values, fmt, lang=lang),
                       f"{query.name}.{ext}") for fmt, label, ext in DOWNLOADS],
        "snippets": [(s, _(CAPTIONS[s.key])) for s in snippets(base, query, values, bindings)],
        "embeds": embeds, "max_rows": current_app.config["MAX_ROWS"],
    })
    return context, 200


def _chart(query: NamedQuery, answer: Answer, lang: str, embedded: bool) -> dict[str, Any] | None:
    """The bar chart's data, with its caption and its text alternative in `lang`."""
    chart = bar_chart(query, answer, lang)
    if chart is None:
        return None
    caption = _("%(value)s by %(label)s", value=chart["value"], label=_lower(chart["label"]))
    if embedded:
        figures = "; ".join(f"{row['label']}: {row['value']}" for row in chart["rows"])
        alt = _("Bar chart, %(caption)s: %(figures)s.", caption=caption, figures=figures)
    else:
        alt = _("Bar chart, %(caption)s; the table below holds the same figures.",
                caption=caption)
    return {**chart, "caption": caption, "alt": alt}


def _lower(title: str) -> str:
    """A column title inside a sentence: "Ecosystem" becomes "ecosystem", "S3 area" stays."""
    return title[:1].lower() + title[1:] if title[1:2].islower() else title


def embed_context(query: NamedQuery, given: dict[str, str], lang: str,
                  view: str) -> tuple[dict[str, Any], int]:
    """What embed.html shows: the table or the chart and a link back to the full page; for
    values the query cannot run with, what is wrong (400)."""
    values = values_for_page(query, given, lang)
    found = problems(query, given, values, lang)
    page = request.host_url.rstrip("/") + query_url("", query, values, lang=lang)
    context: dict[str, Any] = {**page_texts(query, lang), "page": page, "chart": None,
                               "table": None, "problems": []}
    if found.blocking:
        context["problems"] = [*found.unknown, *found.fields.values(),
                               *found.missing.values()]
        return context, 400
    answer = json_answer(query.sparql, QueryService.bind(query, values))
    context["chart"] = _chart(query, answer, lang, embedded=True) if view == "chart" else None
    context["table"] = table(query, answer, lang)
    return context, 200
