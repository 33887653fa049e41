"""What a resource's page shows, from its description (the CONSTRUCT of
publish/description.py) and a few queries of its own, in the page's language:

- first a summary: its kind, description, acronym, website, seats and key figures (members
  of a cluster, clusters of a network, projects of a programme, a project's programme,
  partners, S3 ecosystems and PNRR components, the dates of a project or event);
- then, for a cluster, its members by type, networks, projects, events and stories;
- then every fact by property, named in the page's language and linked to the property's
  documentation, with the brochure page that states it; the incoming links; the sections
  that state it.

Every text taken from the data says which language it is in (`lang`), so a page in Italian
marks the labels the data has only in English.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

import pyoxigraph as ox
from babel.dates import format_date

from ...namespaces import DCTERMS, FOAF, LTC, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, XSD, shorten
from ...publish.description import incoming_query, path_for
from ...rdf.formats import DOCUMENT_SYNTAXES
from ..i18n import N_, _, page_language
from ..state import state
from .vocabulary import Name, name, ontology_labels

Value = dict[str, Any]  # {"text", "lang", "href", "where", "nested"}: one value as shown

LABEL, TYPE = str(RDFS.label), str(RDF.type)
NAMES = (LABEL, str(FOAF.name))
DERIVED, PAGE = str(PROV.wasDerivedFrom), str(LTC.startPage)
LOCALES = {"en": "en_GB", "it": "it_IT"}
DASH = "\u2013"  # between the ends of a span of dates

# The summary's fields read from the description, in order: (property, heading); FIELDS
# before the key figures, DETAILS after them.
FIELDS = (
    (str(LTC.acronym), N_("Acronym")),
    (str(LTC.fullName), N_("Full name")),
    (str(SKOS.notation), N_("Code")),
    (str(SKOS.broader), N_("Part of")),
    (str(LTC.status), N_("Status")),
    (str(DCTERMS.date), N_("Years")),
    (str(SCHEMA.foundingDate), N_("Founded")),
    (str(DCTERMS.issued), N_("Date of issue")),
    (str(LTC.location), N_("Takes place in")),
    (str(LTC.frequency), N_("Frequency")),
    (str(LTC.cluster), N_("Cluster")),
    (str(LTC.fundingProgramme), N_("Funding programme")),
    (str(LTC.partOfProgramme), N_("Part of the programme")),
    (str(LTC.managedBy), N_("Managed by")),
    (str(LTC.organiser), N_("Organiser")),
    (str(LTC.participant), N_("Participants")),
    (str(LTC.inRegion), N_("Region")),
    (str(LTC.country), N_("Country")),
    (str(LTC.referenceEcosystem), N_("Reference S3 ecosystems")),
    (str(LTC.roleHolder), N_("Held by")),
    (str(LTC.roleIn), N_("Role in")),
    (str(LTC.roleName), N_("Role")),
    (str(ORG.member), N_("Member")),
    (str(ORG.organization), N_("Network or group")),
    (str(LTC.synergyOf), N_("Belongs to")),
    (str(LTC.s3Ecosystem), N_("S3 innovation ecosystems")),
    (str(LTC.about), N_("About")),
    (str(LTC.documentType), N_("Document type")),
    (str(LTC.documentNumber), N_("Number")),
    (str(LTC.issuer), N_("Issued by")),
    (str(LTC.siteType), N_("Kind of seat")),
    (str(LTC.careOf), N_("Care of")),
    (str(LTC.countOf), N_("Count of")),
    (str(LTC.memberCategory), N_("Category")),
    (str(SCHEMA.value), N_("Value")),
    (str(LTC.referenceYear), N_("Year")),
    (str(DCTERMS.publisher), N_("Publisher")),
    (str(FOAF.homepage), N_("Website")),
)
DETAILS = (
    (str(LTC.partnerCount), N_("Partners (as stated)")),
    (str(LTC.countryCount), N_("Countries (as stated)")),
    (str(LTC.regionCount), N_("Regions (as stated)")),
    (str(LTC.participatingRegion), N_("Regions taking part")),
    (str(LTC.participatingCountry), N_("Countries taking part")),
    (str(PROV.wasDerivedFrom), N_("Source")),
    (str(LTC.startPage), N_("Starts on page")),
    (str(LTC.locator), N_("Where in the source")),
)
SOURCE_SECTION = str(LTC.SourceSection)

# Key figures read with queries, by class of the resource: (heading, the pattern binding ?x
# to the resources it counts or lists, with <IRI> standing for the resource).
FIGURES: dict[str, tuple[tuple[str, str], ...]] = {
    str(LTC.Network): (  # its members, with how each is in it: network_members()
        (N_("Pilots and working groups"), "?x org:unitOf <IRI> ."),
    ),
    str(LTC.Unit): (
        (N_("Member clusters"), "?m org:member ?x ; org:organization <IRI> ."),
        (N_("Network"), "<IRI> org:unitOf ?x ."),
    ),
    str(LTC.FundingProgramme): (
        (N_("Projects it funds"), "?x ltc:fundingProgramme <IRI> ."),
        (N_("Clusters taking part"), "?x ltc:participatesInProgramme <IRI> ."),
    ),
    str(LTC.PNRRMission): (
        (N_("Components"), "?x skos:broader <IRI> ."),
        (N_("Projects"), "?x a ltc:Project . ?s ltc:synergyOf ?x ;"
                         " ltc:pnrrReference/ltc:component/skos:broader <IRI> ."),
    ),
    str(LTC.PNRRComponent): (
        (N_("Projects"), "?x a ltc:Project . ?s ltc:synergyOf ?x ;"
                         " ltc:pnrrReference/ltc:component <IRI> ."),
        (N_("Clusters, with no project named"),
         "?x a ltc:Cluster . ?s ltc:synergyOf ?x ; ltc:pnrrReference/ltc:component <IRI> ."),
    ),
    str(LTC.S3Ecosystem): (
        (N_("Clusters that name it as reference"), "?x ltc:referenceEcosystem <IRI> ."),
        (N_("Projects"), "?x a ltc:Project . ?s ltc:synergyOf ?x ; ltc:s3Ecosystem <IRI> ."),
    ),
    # where: anything located in a place, at any level (ltc:locatedIn: an event in Turin is
    # in Italy too)
    str(LTC.City): (
        (N_("Events here"), "?x a ltc:Event ; ltc:locatedIn <IRI> ."),
        (N_("Seats here"), "?s org:hasSite ?x . ?x ltc:locatedIn <IRI> ."),
    ),
    str(LTC.Region): (
        (N_("Places in it"), "?x a ltc:Place ; ltc:locatedIn <IRI> ."),
        (N_("Events here"), "?x a ltc:Event ; ltc:locatedIn <IRI> ."),
        (N_("Seats in it"), "?s org:hasSite ?x . ?x ltc:locatedIn <IRI> ."),
        (N_("Projects it takes part in"), "?x ltc:participatingRegion <IRI> ."),
    ),
    str(LTC.Country): (
        (N_("Places in the country"), "?x a ltc:Place ; ltc:locatedIn <IRI> ."),
        (N_("Events here"), "?x a ltc:Event ; ltc:locatedIn <IRI> ."),
        (N_("Seats in it"), "?s org:hasSite ?x . ?x ltc:locatedIn <IRI> ."),
        (N_("Projects it takes part in"), "?x ltc:participatingCountry <IRI> ."),
    ),
    str(LTC.Place): (
        (N_("Events here"), "?x a ltc:Event ; ltc:locatedIn <IRI> ."),
    ),
    str(LTC.Event): (
        (N_("Part of"), "<IRI> schema:superEvent ?x ."),
    ),
}


def _select(query: str) -> list[dict[str, str]]:
    """The rows of one of the page's own queries (the project's prefixes predeclared)."""
    return state().service.rows(query, predeclared=True)


def _named(var: str, lang: str) -> str:
    """SPARQL binding ?{var}Name and ?{var}Lang: the label of ?{var} in `lang`, else English,
    else any, else its name (`lang` is one of the site's languages: safe to embed)."""
    return (f'OPTIONAL {{ ?{var} rdfs:label ?{var}W FILTER(LANG(?{var}W) = "{lang}") }} '
            f'OPTIONAL {{ ?{var} rdfs:label ?{var}E FILTER(LANG(?{var}E) = "en") }} '
            f'OPTIONAL {{ ?{var} rdfs:label|foaf:name ?{var}A }} '
            f'BIND(COALESCE(?{var}W, ?{var}E, ?{var}A) AS ?{var}Name) '
            f'BIND(LANG(?{var}Name) AS ?{var}Lang)')


def _link(row: dict[str, str], var: str) -> Value:
    iri = row[var]
    if f"{var}Name" in row:
        return {"href": path_for(iri) or iri, "text": row[f"{var}Name"],
                "lang": row.get(f"{var}Lang", "")}
    return {"href": path_for(iri) or iri, "text": shorten(iri).strip("<>"), "lang": ""}


class Labels:
    """The names of the nodes a page shows, in the page's language or else English: from
    the description's labels, then the ontology's and the borrowed vocabularies'."""

    def __init__(self, triples: Iterable[ox.Triple], lang: str) -> None:
        self.lang = lang
        self.nodes: dict[str, dict[str, str]] = defaultdict(dict)
        triples = sorted(triples, key=lambda t: t.predicate.value != LABEL)
        for t in triples:  # rdfs:label, else foaf:name (which comes after it in NAMES)
            if t.predicate.value in NAMES and isinstance(t.object, ox.Literal):
                self.nodes[_key(t.subject)].setdefault(t.object.language or "", t.object.value)
        self.terms = ontology_labels()

    def node(self, iri: str) -> tuple[str, str]:
        """(text, language) of a node's label."""
        names = self.nodes.get(iri, {})
        for lang in (self.lang, "en"):
            if lang in names:
                return names[lang], lang
        if names:
            lang, text = next(iter(sorted(names.items())))
            return text, lang
        term = name(iri, self.lang, self.terms)
        return term.text, term.lang

    def term(self, iri: str) -> Name:
        return name(iri, self.lang, self.terms)


def page(iri: str, path: str, triples: list[ox.Triple]) -> dict[str, object]:
    """What the HTML page shows: title, summary, facts by property, incoming links, sources."""
    lang = page_language()
    labels = Labels(triples, lang)

    def value(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Value:
        if isinstance(term, ox.NamedNode):
            text, text_lang = labels.node(term.value)
            return {"href": path_for(term.value) or term.value, "text": text,
                    "lang": text_lang}
        if isinstance(term, ox.BlankNode):
            return {"nested": [(labels.term(t.predicate.value), value(t.object))
                               for t in triples if t.subject == term]}
        return _literal(term, lang)

    own = [t for t in triples if t.subject.value == iri]
    stated_in, graphs, stated = _stated_in(iri)
    sections, facts_of = [], []
    for t in own:  # derived from a graph that states something of it: from that section
        if t.predicate.value == DERIVED and t.object.value in graphs:
            start = next((x.object.value for x in triples
                          if x.subject == t.object and x.predicate.value == PAGE), None)
            text, text_lang = labels.node(t.object.value)
            sections.append({"href": path_for(t.object.value) or t.object.value,
                             "text": text, "lang": text_lang, "page": start})
        else:
            facts_of.append(t)
    facts: dict[str, list[Value]] = defaultdict(list)
    for t in facts_of:
        shown = value(t.object)
        if not isinstance(t.object, ox.BlankNode):
            pair = (t.predicate.value, t.object.value)
            # a statement no section makes is one the served graph derives (store/derived.py)
            shown["where"] = stated_in.get(pair, []) if pair in stated else [_("derived")]
        facts[t.predicate.value].append(shown)
    incoming: dict[str, list[Value]] = defaultdict(list)
    for t in triples:
        if isinstance(t.object, ox.NamedNode) and t.object.value == iri:
            incoming[t.predicate.value].append(value(t.subject))
    title, title_lang = labels.node(iri)
    if title == shorten(iri).strip("<>"):
        title_lang = ""
    # its classes as stated: a city is shown as a city, not also as the place it derives
    types = [t.object.value for t in own if t.predicate.value == TYPE
             and (TYPE, t.object.value) in stated] or [
                 t.object.value for t in own if t.predicate.value == TYPE]
    return {
        "title": title, "title_lang": title_lang, "iri": iri, "path": path, "lang": lang,
        "kinds": [value(ox.NamedNode(kind)) for kind in types],
        "description": _description(own, lang),
        "summary": _summary(iri, facts_of, types, value, lang),
        "facts": _by_name(facts, labels),
        "incoming": _by_name(incoming, labels),
        "sections": sections,
        "variants": variants(path),
        "all_incoming": editor_link(incoming_query(iri)),
    }


def variants(path: str) -> list[dict[str, str]]:
    """The description's other formats at `path`: their names, media types and addresses."""
    return [{"label": s.label, "media": s.media, "href": path + s.extension}
            for s in DOCUMENT_SYNTAXES]


def editor_link(query: str) -> str:
    """The query editor opened on `query`, which it runs when asked."""
    return "/sparql#query=" + quote(query, safe="")


def _by_name(grouped: dict[str, list[Value]], labels: Labels) -> list[dict[str, object]]:
    named = [(labels.term(prop), values) for prop, values in grouped.items()]
    named.sort(key=lambda pair: pair[0].text.casefold())
    return [{"name": n, "values": values} for n, values in named]


def _stated_in(iri: str) -> tuple[dict[tuple[str, str], list[str]], set[str],
                                   set[tuple[str, str]]]:
    """For each (property, value) of the resource, the brochure pages that state it; the
    sections (graphs) that state something of it; and every (property, value) some section
    states (the others are derived)."""
    pages: dict[tuple[str, str], list[str]] = defaultdict(list)
    graphs, stated = set(), set()
    for row in _select(f"""SELECT ?p ?o ?g ?page WHERE {{
        GRAPH ?g {{ <{iri}> ?p ?o }} OPTIONAL {{ ?g ltc:startPage ?page }}
    }} ORDER BY xsd:integer(?page) ?g"""):
        graphs.add(row["g"])
        stated.add((row["p"], row["o"]))
        if "page" not in row:
            continue
        where = _("p. %(page)s", page=row["page"])
        if where not in pages[(row["p"], row["o"])]:
            pages[(row["p"], row["o"])].append(where)
    return pages, graphs, stated


def _literal(term: ox.Literal, lang: str) -> Value:
    """A literal as a person reads it: dates in the page's language, numbers and text as
    they are, with the text's language."""
    datatype = term.datatype.value
    if datatype == str(XSD.date):
        try:
            day = datetime.date.fromisoformat(term.value)
        except ValueError:
            return {"text": term.value, "lang": ""}
        return {"text": format_date(day, "d MMMM y", locale=LOCALES[lang]), "lang": lang}
    return {"text": term.value, "lang": term.language or ""}


def _description(own: list[ox.Triple], lang: str) -> Value | None:
    texts = {t.object.language or "": t.object.value for t in own
             if t.predicate.value == str(DCTERMS.description) and isinstance(t.object, ox.Literal)}
    for wanted in (lang, "en", ""):
        if wanted in texts:
            return {"text": texts[wanted], "lang": wanted}
    return None


def _summary(iri: str, own: list[ox.Triple], types: list[str], value: Any,
             lang: str) -> list[dict[str, object]]:
    """The summary's rows: (heading, values), from the description, then the key figures."""
    by_property: dict[str, list[ox.Term]] = defaultdict(list)
    for t in own:
        by_property[t.predicate.value].append(t.object)
    rows: list[dict[str, object]] = []
    if (when := _when(by_property, lang)) is not None:
        rows.append(_row(N_("When"), [when]))
    is_section = SOURCE_SECTION in types
    rows.extend(_fields(FIELDS, by_property, value, lang, is_section))
    if by_property.get(str(ORG.hasSite)):
        rows.append(_row(N_("Seats"), seats(iri, lang)))
    if str(LTC.Cluster) in types:
        rows.extend(_members_total(iri, lang))
    if str(LTC.Project) in types:
        rows.extend(_project(iri, lang))
    if str(LTC.Network) in types and (members := network_members(iri, lang)):
        rows.append(_row(N_("Members, and how each is in it"), members))
    for kind in types:
        for heading, pattern in FIGURES.get(kind, ()):
            found = _linked(pattern.replace("<IRI>", f"<{iri}>"), lang)
            if found:
                rows.append(_row(heading, found))
    rows.extend(_fields(DETAILS, by_property, value, lang, is_section))
    if is_section:
        rows.extend(_section(iri))
    return rows


def _row(heading: str, values: list[Value]) -> dict[str, object]:
    """A row of the summary: its heading (a marked string, translated here), its values, and
    a key naming it whatever the language (`data-field` on the page)."""
    return {"heading": _(heading), "key": re.sub(r"\W+", "-", heading.lower()).strip("-"),
            "values": values}


def _fields(fields: tuple[tuple[str, str], ...], by_property: dict[str, list[ox.Term]],
            value: Any, lang: str, is_section: bool) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for prop, heading in fields:
        if prop == DERIVED and not is_section:
            continue  # for other resources, their sources are the sections that state them
        chosen = _in_language(by_property.get(prop, []), lang)
        if chosen:
            values = [value(o) for o in chosen]
            if prop == str(FOAF.homepage):
                values = [{"href": v["href"], "text": _bare(v["href"]), "lang": ""}
                          for v in values]
            rows.append(_row(heading, values))
    return rows


def _in_language(objects: list[ox.Term], lang: str) -> list[ox.Term]:
    """Of several texts in different languages, those in `lang`, else English; all else."""
    tagged = [o for o in objects if isinstance(o, ox.Literal) and o.language]
    if not tagged:
        return objects
    for wanted in (lang, "en"):
        chosen = [o for o in tagged if o.language == wanted]
        if chosen:
            return chosen + [o for o in objects if o not in tagged]
    return objects


def _when(by_property: dict[str, list[ox.Term]], lang: str) -> Value | None:
    """The dates of a project, event or role (its start and end), as one span in the page's
    language and as precisely as the source dates it: read from the span the served graph
    derives (ltc:firstDay, ltc:lastDay, ltc:datePrecision), so a year alone reads 2024."""
    if not (by_property.get(str(SCHEMA.startDate)) or by_property.get(str(SCHEMA.endDate))):
        return None
    firsts, lasts = by_property.get(str(LTC.firstDay), []), by_property.get(str(LTC.lastDay), [])
    precisions = by_property.get(str(LTC.datePrecision), [])
    try:
        start = datetime.date.fromisoformat(firsts[0].value) if firsts else None
        end = datetime.date.fromisoformat(lasts[0].value) if lasts else None
    except ValueError:
        return None
    precision = precisions[0].value.rsplit("/", 1)[-1] if precisions else "day"
    locale = LOCALES[lang]
    shown = {"year": lambda d: str(d.year),
             "month": lambda d: format_date(d, "MMMM y", locale=locale)}.get(precision)
    if start and end and shown:
        text = shown(start) if shown(start) == shown(end) else f"{shown(start)} {DASH} {shown(end)}"
    elif start and end:
        text = _span(start, end, locale) if start != end else format_date(
            start, "d MMMM y", locale=locale)
    elif start:
        text = _("since %(date)s", date=shown(start) if shown else format_date(
            start, "d MMMM y", locale=locale))
    elif end:
        text = _("until %(date)s", date=shown(end) if shown else format_date(
            end, "d MMMM y", locale=locale))
    else:
        return None
    return {"text": text, "lang": lang}


def _span(start: datetime.date, end: datetime.date, locale: str) -> str:
    """Two dates as one span joined by an en dash, saying the month and year once where they
    are the same (5-9 June 2024; 30 June - 2 July 2024)."""
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}{DASH}{format_date(end, 'd MMMM y', locale=locale)}"
    if start.year == end.year:
        return (f"{format_date(start, 'd MMMM', locale=locale)} {DASH} "
                f"{format_date(end, 'd MMMM y', locale=locale)}")
    return (f"{format_date(start, 'd MMMM y', locale=locale)} {DASH} "
            f"{format_date(end, 'd MMMM y', locale=locale)}")


def _bare(url: str) -> str:
    """A website's address as people write it: no scheme, no trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


def _linked(pattern: str, lang: str) -> list[Value]:
    rows = _select(f"""SELECT DISTINCT ?x ?xName ?xLang WHERE {{ {pattern} {_named("x", lang)} }}
        ORDER BY LCASE(STR(?xName)) ?x""")
    return [_link(row, "x") for row in rows]


def seats(iri: str, lang: str) -> list[Value]:
    """An organisation's seats: their kind, and the address as printed."""
    rows = _select(f"""SELECT DISTINCT ?site ?tName ?tLang ?address ?city ?cityName ?cityLang
      WHERE {{
        <{iri}> org:hasSite ?site .
        OPTIONAL {{ ?site ltc:siteType ?t {_named("t", lang)} }}
        OPTIONAL {{ ?site org:siteAddress ?a . ?a locn:fullAddress ?address
                    OPTIONAL {{ ?a ltc:city ?city {_named("city", lang)} }} }}
    }} ORDER BY ?tName ?address""")
    return [{"text": row.get("address", ""), "kind": row.get("tName", ""),
             "kind_lang": row.get("tLang", ""), "href": path_for(row["site"]),
             "city": _link(row, "city") if "city" in row else None} for row in rows]


def _members_total(iri: str, lang: str) -> list[dict[str, object]]:
    rows = _select(f"""SELECT ?value ?year ?approx WHERE {{
        ?c ltc:countOf <{iri}> ; ltc:memberCategory vocab:all-members ; schema:value ?value ;
          ltc:referenceYear ?year . OPTIONAL {{ ?c ltc:approximation ?approx }}
    }} ORDER BY DESC(?year)""")
    if not rows:
        return [_row(N_("Members"), [{"text": _("not stated"), "lang": lang, "muted": True}])]
    row = rows[0]
    text = _("%(count)s in %(year)s", count=row["value"], year=row["year"])
    return [_row(N_("Members"), [{"text": text, "lang": lang, "href": "#members"}])]


def _project(iri: str, lang: str) -> list[dict[str, object]]:
    """A project's partners with their roles, and the S3 ecosystems and PNRR components its
    synergy boxes name."""
    out: list[dict[str, object]] = []
    partners = _select(f"""SELECT DISTINCT ?h ?hName ?hLang ?role ?roleLang WHERE {{
        ?r ltc:roleIn <{iri}> ; ltc:roleHolder ?h . {_named("h", lang)}
        OPTIONAL {{ ?r ltc:roleName ?role BIND(LANG(?role) AS ?roleLang) }}
    }} ORDER BY LCASE(STR(?hName))""")
    if partners:
        out.append(_row(N_("Partners and roles"), [
            {**_link(row, "h"), "role": row.get("role"), "role_lang": row.get("roleLang", "")}
            for row in partners]))
    ecosystems = _linked(f"?s ltc:synergyOf <{iri}> ; ltc:s3Ecosystem ?x .", lang)
    if ecosystems:
        out.append(_row(N_("S3 innovation ecosystems"), ecosystems))
    components = _select(f"""SELECT DISTINCT ?c ?cName ?cLang ?code ?stated ?m ?mName ?mLang
      WHERE {{
        ?s ltc:synergyOf <{iri}> ; ltc:pnrrReference ?ref . ?ref ltc:component ?c .
        OPTIONAL {{ ?c skos:notation ?code }} OPTIONAL {{ ?ref ltc:statedNotation ?stated }}
        OPTIONAL {{ ?c skos:broader ?m {_named("m", lang)} }} {_named("c", lang)}
    }} ORDER BY ?code""")
    if components:
        out.append(_row(N_("PNRR components"), [
            {**_link(row, "c"), "code": row.get("code", ""),
             "stated": row["stated"] if row.get("stated") not in (None, row.get("code"))
             else None,
             "mission": _link(row, "m") if "m" in row else None} for row in components]))
    return out


def network_members(iri: str, lang: str) -> list[Value]:
    """A network's members (clusters first), each once per way it is in the network: directly,
    or through one of the network's pilots, working groups or tables, with its role there."""
    rows = _select(f"""SELECT DISTINCT ?x ?xName ?xLang ?cluster ?joined ?joinedName
        ?joinedLang ?role ?roleLang WHERE {{
        ?m org:member ?x ; org:organization ?joined . ?joined org:unitOf* <{iri}> .
        BIND(EXISTS {{ ?x a ltc:Cluster }} AS ?cluster)
        OPTIONAL {{ ?m ltc:roleName ?role BIND(LANG(?role) AS ?roleLang) }}
        {_named("x", lang)} {_named("joined", lang)}
    }} ORDER BY DESC(?cluster) LCASE(STR(?xName)) LCASE(STR(?joinedName))""")
    return [{**_link(row, "x"),
             "path": {"via": None if row["joined"] == iri else _link(row, "joined"),
                      "role": row.get("role"), "role_lang": row.get("roleLang", "")}}
            for row in rows]


def _networks_of(iri: str, lang: str) -> list[Value]:
    """The networks a member is in, each once per way: directly, or through one of the
    network's pilots, working groups or tables (with its role there); a group it is in that
    belongs to no network is listed as itself."""
    rows = _select(f"""SELECT DISTINCT ?x ?xName ?xLang ?joined ?joinedName ?joinedLang ?role
        ?roleLang WHERE {{
        ?m org:member <{iri}> ; org:organization ?joined .
        OPTIONAL {{ ?joined org:unitOf+ ?network . ?network a ltc:Network }}
        BIND(COALESCE(?network, ?joined) AS ?x)
        OPTIONAL {{ ?m ltc:roleName ?role BIND(LANG(?role) AS ?roleLang) }}
        {_named("x", lang)} {_named("joined", lang)}
    }} ORDER BY LCASE(STR(?xName)) LCASE(STR(?joinedName))""")
    return [{**_link(row, "x"),
             "path": {"via": None if row["joined"] == row["x"] else _link(row, "joined"),
                      "role": row.get("role"), "role_lang": row.get("roleLang", "")}}
            for row in rows]


def _section(iri: str) -> list[dict[str, object]]:
    """What a section of a source states: how many statements, about how many resources."""
    rows = _select(f"""SELECT (COUNT(*) AS ?statements) (COUNT(DISTINCT ?s) AS ?subjects)
        WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} }}""")
    if not rows or rows[0]["statements"] == "0":
        return []
    text = _("%(statements)s statements about %(subjects)s resources", **rows[0])
    return [_row(N_("What it states"), [{"text": text, "lang": page_language()}])]


def cluster_panel(iri: str) -> dict[str, object]:
    """What a cluster page shows after its summary: members by type, networks, projects,
    events and success stories."""
    lang = page_language()
    members = _select(f"""SELECT DISTINCT ?cat ?catName ?catLang ?value ?year WHERE {{
        ?c ltc:countOf <{iri}> ; ltc:memberCategory ?cat ; schema:value ?value ;
          ltc:referenceYear ?year . {_named("cat", lang)}
    }} ORDER BY DESC(xsd:integer(?value))""")
    total = max((int(m["value"]) for m in members), default=0)
    shown = [{"category": m["catName"], "lang": m["catLang"], "value": m["value"],
              "year": m["year"], "percent": round(100 * int(m["value"]) / total) if total else 0}
             for m in members]
    linked: dict[str, list[Value]] = {"networks": _networks_of(iri, lang)}
    for key, pattern in {
        "projects": f"?x a ltc:Project ; ltc:cluster <{iri}> .",
        "events": f"?x a ltc:Event ; ltc:cluster|ltc:participant|ltc:organiser <{iri}> .",
        "stories": f"?x a ltc:SuccessStory ; ltc:cluster <{iri}> .",
    }.items():
        linked[key] = _linked(pattern, lang)
    return {"members": shown, **linked}


def labelled(iris: list[str]) -> list[Value]:
    """Links to resources, named in the page's language, in the order given."""
    if not iris:
        return []
    values = " ".join(f"<{iri}>" for iri in iris)  # IRIs the store gave: safe to embed
    rows = _select(f"""SELECT DISTINCT ?x ?xName ?xLang WHERE {{ VALUES ?x {{ {values} }}
        {_named("x", page_language())} }}""")
    found = {row["x"]: _link(row, "x") for row in rows}
    return [found.get(iri) or {"href": path_for(iri) or iri, "text": shorten(iri), "lang": ""}
            for iri in iris]


def _key(term: object) -> str:
    return term.value if hasattr(term, "value") else str(term)
