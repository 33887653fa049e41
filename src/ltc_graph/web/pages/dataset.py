"""What the dataset's page shows of its VoID and DCAT description (publish/void.py), in the
page's language: title, description, licence, version and dates, sources, the figures, the
dumps with their formats, and the class and property partitions named as the ontology and
the borrowed vocabularies name them.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
from rdflib import Graph, Literal, URIRef

from ...namespaces import DATASET_IRI, DCAT, DCTERMS, OWL, RDF, VOID
from ...rdf.formats import DUMP_SYNTAXES, by_media
from ..i18n import page_language
from .resource import LOCALES, labelled
from .vocabulary import name, ontology_labels, vocabulary

IANA = "https://www.iana.org/assignments/media-types/"
LANGUAGES = "http://id.loc.gov/vocabulary/iso639-1/"
DUMPS = by_media(DUMP_SYNTAXES)
CREATIVE_COMMONS = re.compile(r"https?://creativecommons\.org/licenses/([a-z-]+)/([0-9.]+)/?")
CC_WORDS = {"by": "Attribution", "sa": "ShareAlike", "nc": "NonCommercial",
            "nd": "NoDerivatives"}


def dataset_page(graph: Graph) -> dict[str, Any]:
    """The page's values, from the description `graph`."""
    lang = page_language()
    terms = ontology_labels()
    here = DATASET_IRI

    def text(prop: URIRef) -> dict[str, str] | None:
        found = {o.language or "": str(o) for o in graph.objects(here, prop)
                 if isinstance(o, Literal)}
        for wanted in (lang, "en", ""):
            if wanted in found:
                return {"text": found[wanted], "lang": wanted}
        return None

    def one(prop: URIRef) -> str | None:
        value = graph.value(here, prop)
        return None if value is None else str(value)

    def when(prop: URIRef) -> str | None:
        value = one(prop)
        if value is None:
            return None
        return format_date(datetime.date.fromisoformat(value), "long", locale=LOCALES[lang])

    def linked(prop: URIRef) -> list[dict[str, str]]:
        return labelled(sorted(str(o) for o in graph.objects(here, prop)))

    def partitions(kind: URIRef, key: URIRef, count: URIRef) -> list[dict[str, object]]:
        rows = []
        for part in graph.objects(here, kind):
            term = str(graph.value(part, key))
            rows.append({"name": name(term, lang, terms), "iri": term,
                         "count": int(graph.value(part, count))})
        return sorted(rows, key=lambda r: (-int(r["count"]), r["name"].text.casefold()))

    dumps = []
    for distribution in graph.objects(here, DCAT.distribution):
        media = str(graph.value(distribution, DCAT.mediaType)).removeprefix(IANA)
        url = str(graph.value(distribution, DCAT.downloadURL))
        syntax = DUMPS.get(media)
        dumps.append({"href": url, "format": syntax.label if syntax else media, "media": media})
    dumps.sort(key=lambda d: d["format"])
    title = text(DCTERMS.title) or {"text": str(here), "lang": ""}
    kinds = sorted(str(o) for o in graph.objects(here, RDF.type))
    classes = partitions(VOID.classPartition, VOID["class"], VOID.entities)
    properties = partitions(VOID.propertyPartition, VOID.property, VOID.triples)
    return {
        "title": title, "description": text(DCTERMS.description), "iri": str(here),
        "kinds": [name(k, lang, terms) for k in kinds],
        "licence": _licence(one(DCTERMS.license)), "version": one(OWL.versionInfo),
        "issued": when(DCTERMS.issued), "modified": when(DCTERMS.modified),
        "temporal": one(DCTERMS.temporal), "spatial": linked(DCTERMS.spatial),
        "publisher": linked(DCTERMS.publisher), "creator": linked(DCTERMS.creator),
        "sources": linked(DCTERMS.source), "examples": linked(VOID.exampleResource),
        "data_languages": _languages(graph.objects(here, DCTERMS.language), lang),
        "keywords": _keywords(graph.objects(here, DCAT.keyword), lang),
        "uri_space": one(VOID.uriSpace), "endpoint": one(VOID.sparqlEndpoint),
        "vocabularies": sorted((vocabulary(str(v), lang)
                                for v in graph.objects(here, VOID.vocabulary)),
                               key=lambda v: v.text.casefold()),
        "triples": format_decimal(int(one(VOID.triples) or 0), locale=LOCALES[lang]),
        "subjects": format_decimal(int(one(VOID.distinctSubjects) or 0), locale=LOCALES[lang]),
        "classes": classes, "properties": properties, "dumps": dumps,
    }


def _keywords(found: Iterable[object], lang: str) -> list[dict[str, str]]:
    """The keywords in the page's language, else in English: one language, not a mixture."""
    literals = [k for k in found if isinstance(k, Literal)]
    chosen = [k for k in literals if k.language == lang] or [
        k for k in literals if k.language == "en"]
    return sorted(({"text": str(k), "lang": k.language or ""} for k in chosen),
                  key=lambda k: k["text"].casefold())


def _licence(url: str | None) -> dict[str, str] | None:
    """A licence as people name it: a Creative Commons licence by its code (CC BY 4.0, whose
    expansion is English), any other by its address."""
    if url is None:
        return None
    found = CREATIVE_COMMONS.fullmatch(url)
    if found:
        kind, version = found.groups()
        words = " ".join(CC_WORDS.get(part, part) for part in kind.split("-"))
        return {"href": url, "text": f"CC {kind.upper().replace('-', ' ')} {version}",
                "expansion": f"Creative Commons {words} {version}"}
    return {"href": url, "text": url.split("://", 1)[-1].rstrip("/"), "expansion": ""}


def _languages(codes: Any, lang: str) -> list[dict[str, str]]:
    """The languages of the data, named in the page's language (babel's names)."""
    names = []
    for code in sorted(str(c) for c in codes):
        short = code.removeprefix(LANGUAGES)
        names.append({"text": Locale(short).get_display_name(lang), "href": code})
    return names
