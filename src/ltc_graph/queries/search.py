"""Find resources by any of their names, as a person types them: the search index behind
`/search` and the names the index pages show.

Every name of every resource (`rdfs:label`, `skos:prefLabel`, `skos:altLabel`, `ltc:acronym`,
`ltc:fullName`, `foaf:name`, and codes such as M2C1, `skos:notation`; in every language)
comes from one query through the query service, and is folded once (NFKD, combining marks
dropped, casefolded), so that `Fryslan` finds Fryslân and `citta` finds città. A query's
words match in any order, each as the start of a word of a name or, failing that, anywhere
in it. Hits are ranked: the exact name, then an exact acronym or code, then names whose
words start with the query's words, then substrings.

Each resource has one kind (the first of KINDS whose classes it is an instance of): the
groups of the results and the index pages of `/id/KIND/`. No Flask here: the web layer
translates the kinds' names, marked with N_.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..namespaces import BASE, DCAT, FOAF, LTC, ORG, OWL, RDF, RDFS, SCHEMA, SKOS, VOID
from ..sparql.service import QueryService


def N_(message: str) -> str:
    """Mark a kind's name for the catalogue; the web layer translates it where it shows it."""
    return message


@dataclass(frozen=True)
class Kind:
    """A kind of resource as people name it: its classes, and its names for a group of hits
    (plural) and for one hit (singular). `indexed`: it has an index page, /id/SLUG/."""

    slug: str
    classes: tuple[str, ...]
    plural: str
    singular: str
    indexed: bool = True

    def __post_init__(self) -> None:  # plain strings: rdflib's IRIs never equal a str
        object.__setattr__(self, "classes", tuple(str(c) for c in self.classes))


# In the order of the results' groups when hits rank alike, and of the index of indexes.
KINDS: tuple[Kind, ...] = (
    Kind("cluster", (LTC.Cluster,), N_("Clusters"), N_("Cluster")),
    Kind("project", (LTC.Project, SCHEMA.Project), N_("Projects"), N_("Project")),
    Kind("network", (LTC.Network,), N_("Networks"), N_("Network")),
    Kind("organisation", (LTC.Organisation, FOAF.Organization), N_("Organisations"),
         N_("Organisation")),
    Kind("place", (LTC.City, LTC.Region, LTC.Place), N_("Places"), N_("Place")),
    Kind("event", (LTC.Event,), N_("Events"), N_("Event")),
    Kind("document", (LTC.PolicyDocument,), N_("Policy documents"), N_("Policy document")),
    Kind("pnrr", (LTC.PNRRMission, LTC.PNRRComponent), N_("PNRR: missions and components"),
         N_("PNRR mission or component")),
    Kind("s3", (LTC.S3Ecosystem,), N_("S3 innovation ecosystems"),
         N_("S3 innovation ecosystem")),
    Kind("programme", (LTC.FundingProgramme,), N_("Funding programmes"),
         N_("Funding programme")),
    Kind("story", (LTC.SuccessStory,), N_("Success stories"), N_("Success story")),
    Kind("unit", (LTC.Unit,), N_("Pilots, working tables and communities"),
         N_("Pilot, working table or community")),
    Kind("area", (LTC.TechnologyArea,), N_("Technology areas"), N_("Technology area")),
    Kind("action", (LTC.LineOfAction,), N_("Lines of action"), N_("Line of action")),
    Kind("country", (LTC.Country,), N_("Countries"), N_("Country")),
    Kind("person", (LTC.Person,), N_("People"), N_("Person")),
    Kind("post", (LTC.Post,), N_("Posts"), N_("Post")),
    Kind("site", (ORG.Site,), N_("Seats"), N_("Seat")),
    Kind("synergy", (LTC.Synergy,), N_("Synergies"), N_("Synergy")),
    Kind("role", (LTC.GovernanceRole, LTC.ProjectRole), N_("Roles"), N_("Role")),
    Kind("membership", (LTC.NetworkMembership,), N_("Network memberships"),
         N_("Network membership")),
    Kind("count", (LTC.MemberCount,), N_("Member counts"), N_("Member count")),
    Kind("source", (LTC.Source,), N_("Sources"), N_("Source")),
    Kind("vocab", (LTC.MemberCategory, LTC.ProjectStatus, LTC.SiteType),
         N_("Categories, statuses and types"), N_("Category, status or type")),
    Kind("dataset", (VOID.Dataset, DCAT.Dataset), N_("Datasets"), N_("Dataset")),
    Kind("scheme", (LTC.ClusterSystem, SKOS.ConceptScheme), N_("Schemes and systems"),
         N_("Scheme or system"), indexed=False),
    Kind("section", (LTC.SourceSection,), N_("Source sections"), N_("Source section"),
         indexed=False),
    Kind("class", (OWL.Class,), N_("Classes of the model"), N_("Class"), indexed=False),
    Kind("property", (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                      RDF.Property), N_("Properties of the model"), N_("Property"),
         indexed=False),
    Kind("ontology", (OWL.Ontology,), N_("Ontologies"), N_("Ontology"), indexed=False),
)
OTHER = Kind("other", (), N_("Other resources"), N_("Resource"), indexed=False)
BY_SLUG = {kind.slug: kind for kind in (*KINDS, OTHER)}
_RANK = {kind.slug: n for n, kind in enumerate((*KINDS, OTHER))}
_KIND_OF_CLASS = {c: kind for kind in KINDS for c in kind.classes}

# The properties that name a resource, and what each is called where a hit shows it.
ACRONYM, NOTATION = str(LTC.acronym), str(SKOS.notation)
NAMING = {str(RDFS.label): "label", str(SKOS.prefLabel): "label", str(FOAF.name): "name",
          str(LTC.fullName): "full name", ACRONYM: "acronym", NOTATION: "code",
          str(SKOS.altLabel): "alternative name"}
SHORT = (ACRONYM, NOTATION)  # names that are codes: an exact one ranks as an acronym
_PREFERENCE = list(NAMING)  # for a resource's own label: rdfs:label first, altLabel last

# One query per naming property, and one for the stated types (not the derived ones): each
# an index lookup on every store, with nothing Virtuoso 7 fails on (a VALUES table or a BIND in
# a UNION beside a GRAPH); one query filtering ?p by IN took twice as long at 1M triples.
_OURS = f'isIRI(?s) && STRSTARTS(STR(?s), "{BASE}/")'
NAMES_QUERIES = {p: f"""SELECT DISTINCT ?s ?value (LANG(?value) AS ?lang) WHERE {{
  ?s <{p}> ?value . FILTER(isLiteral(?value) && {_OURS}) }}""" for p in NAMING}
TYPES_QUERY = f"""SELECT DISTINCT ?s ?value WHERE {{
  GRAPH ?g {{ ?s a ?value }} FILTER({_OURS}) }}"""

EXACT, ACRONYM_EXACT, WORD_STARTS, SUBSTRING = range(4)  # the tiers of a hit, best first
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """`text` as the index compares it: decomposed (NFKD), without combining marks (accents),
    casefolded: fold("Città") == fold("CITTA") == "citta"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """The folded words of `text` (letters and digits; punctuation separates them)."""
    return _WORD.findall(fold(text))


@dataclass(frozen=True)
class Name:
    """One name of a resource: its text, language ("" when it has none) and property."""

    text: str
    lang: str
    prop: str
    words: tuple[str, ...] = field(compare=False, default=())

    @property
    def what(self) -> str:
        """What the name is: label, name, full name, acronym or alternative name."""
        return NAMING.get(self.prop, "label")


@dataclass
class Entry:
    """A resource in the index: its IRI, local path, types, kind and names."""

    iri: str
    path: str
    types: list[str] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)
    kind: Kind = OTHER

    def label(self, lang: str) -> Name:
        """Its name for a page in `lang`: a label in `lang`, else one without a language,
        else in English, else any; the acronym; the local name at last."""
        proper = [n for n in self.names if n.what not in ("alternative name", "code")]

        def preference(name: Name) -> tuple[bool, int, int, str]:
            order = (lang, "", "en")
            where = order.index(name.lang) if name.lang in order else len(order)
            acronym = name.prop in SHORT
            return (acronym, where, _PREFERENCE.index(name.prop), name.text)

        if proper:
            return min(proper, key=preference)
        if self.names:
            return self.names[0]
        return Name(self.iri.rstrip("/").rsplit("/", 1)[-1].rsplit("#", 1)[-1], "", "")

    def acronym(self) -> str:
        """Its acronym, or "" when it has none."""
        return next((n.text for n in self.names if n.prop == ACRONYM), "")


@dataclass(frozen=True)
class Hit:
    """A resource that matched: how well (`tier`, lower is better) and by which name."""

    entry: Entry
    tier: int
    matched: Name
    key: tuple[object, ...]


class SearchIndex:
    """The names of every resource, folded, with the kinds of the resources."""

    def __init__(self, rows: Iterable[dict[str, str]]) -> None:
        self.entries: dict[str, Entry] = {}
        for row in rows:
            iri = row["s"]
            entry = self.entries.get(iri)
            if entry is None:
                entry = self.entries[iri] = Entry(iri, iri[len(BASE):])
            if row["p"] == str(RDF.type):
                entry.types.append(row["value"])
            else:
                entry.names.append(Name(row["value"], row.get("lang", ""), row["p"],
                                        tuple(words(row["value"]))))
        for entry in self.entries.values():
            entry.types.sort()
            entry.names.sort(key=lambda n: (_PREFERENCE.index(n.prop), n.lang, n.text))
            kinds = [_KIND_OF_CLASS[t] for t in entry.types if t in _KIND_OF_CLASS]
            entry.kind = min(kinds, key=lambda k: _RANK[k.slug]) if kinds else OTHER

    def entry(self, iri: str) -> Entry | None:
        return self.entries.get(iri)

    def label(self, iri: str, lang: str) -> Name:
        """The name of `iri` for a page in `lang` (see Entry.label)."""
        return (self.entries.get(iri) or Entry(iri, "")).label(lang)

    def type_label(self, entry: Entry, lang: str) -> Name | None:
        """The label of the class that gives `entry` its kind, when the graph names it."""
        for t in entry.types:
            if t in entry.kind.classes and (named := self.entries.get(t)) and named.names:
                return named.label(lang)
        return None

    def search(self, query: str) -> list[Hit]:
        """Every resource with a name that matches all the words of `query`, best first."""
        wanted = words(query)
        if not wanted:
            return []
        hits = []
        for entry in self.entries.values():
            best: Hit | None = None
            for name in entry.names:
                tier = _tier(wanted, name)
                if tier is None:
                    continue
                joined = " ".join(name.words)
                key = (tier, not joined.startswith(" ".join(wanted)), _RANK[entry.kind.slug],
                       len(joined), _PREFERENCE.index(name.prop), fold(name.text), entry.iri)
                if best is None or key < best.key:
                    best = Hit(entry, tier, name, key)
            if best is not None:
                hits.append(best)
        hits.sort(key=lambda hit: hit.key)
        return hits


def _tier(wanted: list[str], name: Name) -> int | None:
    """How `name` matches the query's folded words, or None when it does not."""
    if list(name.words) == wanted:
        return ACRONYM_EXACT if name.prop in SHORT else EXACT
    if all(any(w.startswith(q) for w in name.words) for q in wanted):
        return WORD_STARTS
    joined = " ".join(name.words)
    if all(q in joined for q in wanted):
        return SUBSTRING
    return None


def grouped(hits: list[Hit]) -> list[tuple[Kind, list[Hit]]]:
    """Hits by kind, the groups in the order of their best hit."""
    groups: dict[str, tuple[Kind, list[Hit]]] = {}
    for hit in hits:
        groups.setdefault(hit.entry.kind.slug, (hit.entry.kind, []))[1].append(hit)
    return list(groups.values())


_built: dict[str, SearchIndex] = {}
_lock = threading.Lock()


def index_of(service: QueryService, version: str) -> SearchIndex:
    """The index of the data `version`, built once from the names queries through `service`
    (whose answer cache also holds their answers under the same version)."""
    with _lock:
        if (found := _built.get(version)) is not None:
            return found
    rows = [{**row, "p": prop} for prop, query in NAMES_QUERIES.items()
            for row in service.rows(query)]
    rows += [{**row, "p": str(RDF.type)} for row in service.rows(TYPES_QUERY)]
    built = SearchIndex(rows)
    with _lock:
        if len(_built) >= 2:  # the data in service and, during a reload, the one before
            _built.pop(next(iter(_built)))
        return _built.setdefault(version, built)
