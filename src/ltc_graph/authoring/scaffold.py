"""`ltc-graph new`: scaffold a cluster, project or event as a TriG file that validates as is.

A maintainer answers a few questions (options, or prompts at a terminal) and gets the
project's prefix block, a named graph for the source section the facts come from, the
section's description with PROV, and `# TODO` comments for the optional facts only: the
provenance is in place before the first fact is typed, and `ltc-graph validate data/ FILE`
passes on the file as written. Every answer is checked before anything is written (slugs,
web addresses, dates, references to what the data already describes), and every value is
escaped, so a quote or a newline in a name cannot break the file.

Only the standard library is imported here: the command line builds its options from
`QUESTIONS` without loading rdflib or Oxigraph.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import InputError
from ..namespaces import RDF
from ..turtle.fmt import layout
from ..validation.locations import LocationIndex

RDF_TYPE = str(RDF.type)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HOMEPAGE = re.compile(r"^https?://[^\s/$.?#].[^\s]*$")  # the pattern of ltcsh:HomepageProperty
# Graph names the tools give to files that are not source sections.
RESERVED_SECTIONS = {"ontology", "shapes", "sources"}
PLACES = ("ltc:City", "ltc:Region", "ltc:Country", "ltc:Place")

Answers = dict[str, str]
Asker = Callable[[str], str]


# --- what the data already describes ----------------------------------------------------------


@dataclass
class Known:
    """The repository's data as far as scaffolding needs it: the class and names of each IRI.

    Answers are checked against it, so a project cannot point at a cluster that does not
    exist, and a place or programme already described is reused instead of minted twice.
    """

    prefixes: dict[str, str]
    classes: dict[str, set[str]] = field(default_factory=dict)
    names: dict[str, set[str]] = field(default_factory=dict)
    english: dict[str, str] = field(default_factory=dict)
    acronyms: dict[str, str] = field(default_factory=dict)
    index: LocationIndex | None = None

    @classmethod
    def of_project(cls, root: Path | None = None) -> Known:
        """Read data/prefixes.txt and every data file of the repository at `root`.

        :raise InputError: the repository or a data file cannot be read.
        """
        from ..rdf.files import Layout, project_root

        root = root or project_root()
        layout = Layout.of(root)
        try:
            text = (root / "data" / "prefixes.txt").read_text(encoding="utf-8")
        except OSError as exc:
            raise InputError(exc.strerror or "cannot read", str(root / "data/prefixes.txt")) \
                from None
        prefixes = dict(re.findall(r"@prefix\s+([\w-]*):\s*<([^>]*)>", text))
        known = cls(prefixes, index=LocationIndex(layout.data, relative_to=Path.cwd()))
        known.read(layout.data)
        return known

    def read(self, files: Iterable[Path]) -> None:
        """Keep types, labels, alternative labels and acronyms: all that answers are matched
        against. Oxigraph parses, as for validation, so a broken file fails the same way."""
        import pyoxigraph as ox

        from ..rdf.files import format_of, syntax_error

        label, alt = self.expand("rdfs:label"), self.expand("skos:altLabel")
        acronym = self.expand("ltc:acronym")
        for path in files:
            try:
                for q in ox.parse(path.read_bytes(), format=format_of(path),
                                  base_iri=path.resolve().as_uri()):
                    s, p, o = q.subject, q.predicate.value, q.object
                    if not isinstance(s, ox.NamedNode):
                        continue
                    if p == RDF_TYPE:
                        self.classes.setdefault(s.value, set()).add(self.curie(o.value))
                    elif p in (label, alt, acronym) and isinstance(o, ox.Literal):
                        self.names.setdefault(s.value, set()).add(o.value.casefold())
                        if p == label and o.language == "en":
                            self.english[s.value] = o.value
                        elif p == acronym:
                            self.acronyms[s.value] = o.value
            except SyntaxError as exc:
                raise syntax_error(exc, path) from None

    def expand(self, curie: str) -> str:
        if curie.startswith("<"):
            return curie[1:-1]
        prefix, _, local = curie.partition(":")
        return self.prefixes[prefix] + local

    def curie(self, iri: str) -> str:
        for prefix, ns in sorted(self.prefixes.items(), key=lambda kv: -len(kv[1])):
            if iri.startswith(ns) and re.fullmatch(r"[\w.-]*", iri[len(ns):]):
                return f"{prefix}:{iri[len(ns):]}"
        return f"<{iri}>"

    def class_of(self, curie: str, wanted: Sequence[str]) -> str | None:
        """The first of `wanted` that the node named `curie` is described as, if any."""
        have = self.classes.get(self.expand(curie), set())
        return next((c for c in wanted if c in have), None)

    def find(self, text: str, prefix: str, wanted: Sequence[str]) -> str | None:
        """The CURIE of a node of a `wanted` class named by slug, CURIE, label or acronym."""
        text = text.strip()
        local = text.split(":", 1)[1] if text.startswith(f"{prefix}:") else text
        if SLUG.match(local) and self.class_of(f"{prefix}:{local}", wanted):
            return f"{prefix}:{local}"
        wording = text.casefold()
        for iri in sorted(self.names):
            if wording in self.names[iri] and iri.startswith(self.prefixes[prefix]):
                curie = self.curie(iri)
                if self.class_of(curie, wanted):
                    return curie
        return None

    def labelled(self, text: str, wanted: str) -> str | None:
        """A node of class `wanted` whose English label is `text` (labels are unique per class)."""
        return next((self.curie(iri) for iri, label in sorted(self.english.items())
                     if label == text and wanted in self.classes.get(iri, ())), None)

    def where(self, curie: str) -> str:
        """The file and line that describe a node, for messages."""
        found = self.index.find(self.expand(curie)) if self.index else None
        return str(found) if found else "in the data"

    def all_of(self, prefix: str, wanted: str) -> list[str]:
        return sorted(c.split(":", 1)[1] for c in map(self.curie, self.classes)
                      if c.startswith(f"{prefix}:") and wanted in self.classes[self.expand(c)])


# --- checks: each takes the answer as typed and returns it normalised, or raises ValueError ---

Check = Callable[[str, Known], str]


def words(value: str, known: Known) -> str:
    if not value.strip():
        raise ValueError("is empty")
    return value.strip()


def new_slug(prefix: str) -> Check:
    def check(value: str, known: Known) -> str:
        value, curie = _slug(value), f"{prefix}:{value.strip()}"
        if known.expand(curie) in known.classes:
            raise ValueError(f"{curie} already exists ({known.where(curie)})")
        return value
    return check


def _slug(value: str) -> str:
    value = value.strip()
    if not SLUG.match(value):
        raise ValueError(f"{value!r} is not a slug: lower-case words joined by '-', "
                         "like 'life-sciences'")
    return value


def web_address(value: str, known: Known) -> str:
    """An absolute http(s) IRI that can be written between < and > as it stands."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not HOMEPAGE.match(value) or \
            re.search(r'[\x00-\x20<>"{}|\\^`\x7f]', value):
        raise ValueError(f"{value!r} is not an http(s) web address")
    return value


def when(value: str, known: Known) -> str:
    """A year (2024), a month (2024-06) or a day (2024-06-05), as the source gives it."""
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}", value):
            return value
        if re.fullmatch(r"\d{4}-\d{2}", value):
            date.fromisoformat(value + "-01")
            return value
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            date.fromisoformat(value)
            return value
    except ValueError:
        pass
    raise ValueError(f"{value!r} is not a date: write 2024, 2024-06 or 2024-06-05")


def day(value: str, known: Known) -> str:
    value = when(value, known)
    if len(value) != 10:
        raise ValueError(f"{value!r} is not a day: write 2024-06-05")
    return value


def page(value: str, known: Known) -> str:
    if not re.fullmatch(r"[1-9]\d*", value.strip()):
        raise ValueError(f"{value!r} is not a page number (1, 2, ...)")
    return value.strip()


def existing(prefix: str, wanted: str, noun: str) -> Check:
    """A node the data already describes, named by slug, CURIE, label or acronym."""
    def check(value: str, known: Known) -> str:
        found = known.find(words(value, known), prefix, (wanted,))
        if found is None:
            choices = ", ".join(known.all_of(prefix, wanted))
            raise ValueError(f"no {noun} {value.strip()!r} in the data (known: {choices})")
        return found
    return check


def existing_list(prefix: str, wanted: str, noun: str) -> Check:
    one = existing(prefix, wanted, noun)

    def check(value: str, known: Known) -> str:
        items = [one(item, known) for item in value.split(",") if item.strip()]
        if not items:
            raise ValueError("is empty")
        return " ".join(dict.fromkeys(items))
    return check


def section(value: str, known: Known) -> str:
    value = _slug(value.removeprefix("g:"))
    if value in RESERVED_SECTIONS:
        raise ValueError(f"g:{value} is not a section for new facts")
    return value


def source(value: str, known: Known) -> str:
    """An existing source (slug, CURIE or IRI), or the slug of a new one under source:."""
    value = value.strip()
    if value.startswith(("http://", "https://")):
        value = known.curie(value)
    prefix, sep, _ = value.partition(":")
    if not sep or prefix == "source":
        found = known.find(value, "source", ("ltc:Source",))
        return found or "source:" + _slug(value.removeprefix("source:"))
    if prefix in known.prefixes and (found := known.find(value, prefix, ("ltc:Source",))):
        return found
    raise ValueError(f"no source {value!r} in the data (a new source takes a plain slug, "
                     "minted as source:SLUG)")


# --- the questions, per kind ------------------------------------------------------------------


def _section_is_new(answers: Answers, known: Known) -> bool:
    slug = answers.get("section")
    return slug is None or known.class_of(f"g:{slug}", ("ltc:SourceSection",)) is None


def _source_is_new(answers: Answers, known: Known) -> bool:
    chosen = answers.get("source")
    return _section_is_new(answers, known) and chosen is not None and \
        known.class_of(chosen, ("ltc:Source",)) is None


@dataclass(frozen=True)
class Question:
    """One answer: its option (--name), the prompt, its check, and whether it can be skipped."""

    name: str
    prompt: str
    check: Check = words
    required: bool = False
    applies: Callable[[Answers, Known], bool] | None = None

    @property
    def option(self) -> str:
        return f"--{self.name}"


SECTION = [
    Question("section", "Source section slug: the graph g:SLUG for these facts (existing or "
             "new)", section, required=True),
    Question("source", "Source it is part of (e.g. brochure-2024, document:..., or a new "
             "slug)", source, required=True, applies=_section_is_new),
    Question("source-label", "Title of the new source (English)", required=True,
             applies=_source_is_new),
    Question("source-url", "Web address of the new source", web_address,
             applies=_source_is_new),
    Question("section-label", "Label of the new section (default: source title: name)",
             applies=_section_is_new),
    Question("page", "Page the section starts on", page, applies=_section_is_new),
    Question("locator", "Where the section is, if it has no page (e.g. 'back cover')",
             applies=_section_is_new),
    Question("url", "Web page of the section (a page read on the web)", web_address,
             applies=_section_is_new),
    Question("visited", "Day the web page was read (YYYY-MM-DD)", day, applies=_section_is_new),
]

QUESTIONS: dict[str, list[Question]] = {
    "cluster": [
        Question("slug", "Cluster slug (cluster:SLUG)", new_slug("cluster"), required=True),
        Question("name", "English name", required=True),
        Question("name-it", "Italian name"),
        Question("acronym", "Acronym"),
        Question("short-name", "Short name for figures and tables, where it has no acronym "
                 "(a sector name the source prints)"),
        Question("website", "Website", web_address, required=True),
        Question("description", "Summary in your own words (one or two sentences)",
                 required=True),
        Question("s3", "Reference S3 ecosystems (slugs or names, comma-separated)",
                 existing_list("s3", "ltc:S3Ecosystem", "S3 ecosystem"), required=True),
        Question("area", "Technology area (an existing one's slug or name, or a new name)",
                 required=True),
        Question("seat-address", "Seat: the full address as printed", required=True),
        Question("seat-town", "Seat: the town as printed in the address", required=True),
        Question("seat-type", "Seat type (default headquarters)",
                 existing("vocab", "ltc:SiteType", "site type")),
        *SECTION,
    ],
    "project": [
        Question("slug", "Project slug (project:SLUG)", new_slug("project"), required=True),
        Question("name", "Name as the source gives it", required=True),
        Question("acronym", "Acronym"),
        Question("cluster", "Cluster it belongs to (slug, name or acronym)",
                 existing("cluster", "ltc:Cluster", "cluster"), required=True),
        Question("role", "The cluster's role in it, as the source names it"),
        Question("programme", "Funding programme (an existing one's slug or name, or a new "
                 "name)"),
        Question("start", "Start (2024, 2024-06 or 2024-06-05)", when),
        Question("end", "End (2024, 2024-06 or 2024-06-05)", when),
        Question("status", "Status (proposed, ongoing, completed)",
                 existing("vocab", "ltc:ProjectStatus", "project status")),
        Question("description", "Summary in your own words (one or two sentences)"),
        *SECTION,
    ],
    "event": [
        Question("slug", "Event slug (event:SLUG, e.g. ila-berlin-2024)", new_slug("event"),
                 required=True),
        Question("name", "Name as the source gives it", required=True),
        Question("date", "Date, or first day (2024, 2024-06 or 2024-06-05)", when),
        Question("end", "Last day (2024-06-09; the date itself when left empty)", when),
        Question("cluster", "Cluster whose pages list it (slug, name or acronym)",
                 existing("cluster", "ltc:Cluster", "cluster")),
        Question("place", "Place (an existing one's slug or name, or a new town)"),
        Question("description", "Summary in your own words (one or two sentences)"),
        *SECTION,
    ],
}


def gather(kind: str, given: dict[str, str | None], known: Known,
           ask: Asker | None = None) -> Answers:
    """The checked answers: given ones first, then asked (at a terminal) for the rest.

    Without `ask`, a missing required answer is an error naming every missing option.

    :raise InputError: an answer is invalid, does not apply, or is missing.
    """
    answers: Answers = {}
    missing: list[str] = []
    for q in QUESTIONS[kind]:
        raw = given.get(q.name)
        if q.applies is not None and not q.applies(answers, known):
            if raw is not None:
                described = f"g:{answers['section']}" if not _section_is_new(answers, known) \
                    else answers["source"]
                raise InputError(f"{q.option} does not apply: {described} is already "
                                 f"described ({known.where(described)})")
            continue
        if raw is not None:
            try:
                answers[q.name] = _checked(q, raw, known)
            except ValueError as exc:
                raise InputError(f"{q.option}: {exc}") from None
        elif ask is not None:
            if (value := _ask(q, known, ask)) is not None:
                answers[q.name] = value
        elif q.required:
            missing.append(q.option)
    if missing:
        raise InputError(f"missing {', '.join(missing)} (stdin is not a terminal to ask)")
    _check_together(kind, answers, known)
    return answers


def _ask(q: Question, known: Known, ask: Asker) -> str | None:
    hint = "" if q.required else " (Enter to skip)"
    while True:
        try:
            raw = ask(f"{q.prompt}{hint}: ")
        except (EOFError, KeyboardInterrupt):
            raise InputError(f"no answer for {q.option}") from None
        if not raw.strip():
            if not q.required:
                return None
            continue
        try:
            return _checked(q, raw, known)
        except ValueError as exc:
            print(f"  {exc}", file=sys.stderr)


def _checked(q: Question, raw: str, known: Known) -> str:
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("is not valid UTF-8 text") from None
    return q.check(raw, known)


def _check_together(kind: str, a: Answers, known: Known) -> None:
    """Rules across answers, the ones validation would otherwise report on the new file."""
    cls = {"cluster": "ltc:Cluster", "project": "ltc:Project", "event": "ltc:Event"}[kind]
    if same := known.labelled(a["name"], cls):
        raise InputError(f"--name: {same} already has the English label {a['name']!r}; if it "
                         "is the same thing, add to it, if not, tell the two apart")
    first, last = a.get("start", a.get("date")), a.get("end")
    if first and last and first[:len(last)] > last:
        raise InputError(f"--end: {last} is before the start {first} (a range the source "
                         "prints backwards is written by hand, with an ltc:sourceConflict note)")
    if kind == "cluster" and a["seat-town"] not in a["seat-address"]:
        raise InputError("--seat-town must appear in --seat-address as printed")


# --- writing TriG -----------------------------------------------------------------------------


def literal(value: str, lang: str | None = None) -> str:
    """A double-quoted TriG literal: backslashes, quotes and control characters escaped."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    escaped = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\u{ord(m.group()):04X}", escaped)
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def dated(value: str) -> str:
    kind = {4: "xsd:gYear", 7: "xsd:gYearMonth", 10: "xsd:date"}[len(value)]
    return f"{literal(value)}^^{kind}"


def slugify(value: str) -> str:
    plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


Props = Iterable[tuple[str, str | Sequence[str] | None]]


@dataclass
class Document:
    """The blocks of the new section's graph, and of the sources graph that describes it."""

    known: Known
    graph: str
    blocks: list[str] = field(default_factory=list)
    minted: list[str] = field(default_factory=list)
    mentions: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def add(self, subject: str, cls: str, props: Props, todo: Sequence[str] = (),
            derived: str | None = None, into: list[str] | None = None) -> None:
        """One block: `a` first, then the properties, the TODOs, and prov:wasDerivedFrom."""
        lines = [f"    {subject} a {cls} ;"]
        for prop, value in props:
            values = [value] if isinstance(value, str) else list(value or [])
            if values:
                lines.append(f"        {prop} {' , '.join(values)} ;")
        lines += [f"        # TODO {line}" for line in todo]
        lines.append(f"        prov:wasDerivedFrom {derived or self.graph} .")
        (self.blocks if into is None else into).append("\n".join(lines))

    def mention(self, curie: str, cls: str) -> str:
        """A node described elsewhere that this section names: it says so in this graph too."""
        self.mentions.setdefault(curie, cls)
        return curie

    def reuse_or_mint(self, wording: str, prefix: str, wanted: Sequence[str], props: Props,
                      option: str, todo: Sequence[str] = ()) -> str:
        """The described node this wording names, or a new one of class wanted[0] minted
        from it with `props` (a second node of the same name would break label uniqueness).
        """
        if found := self.known.find(wording, prefix, wanted):
            return self.mention(found, self.known.class_of(found, wanted) or wanted[0])
        curie = f"{prefix}:{slugify(wording)}"
        if not slugify(wording):
            raise InputError(f"{option}: {wording!r} names no {wanted[0]} and gives no slug")
        if self.known.expand(curie) in self.known.classes:
            raise InputError(f"{option}: {wording!r} names no {wanted[0]}, and {curie} is "
                             f"taken ({self.known.where(curie)})")
        self.add(curie, wanted[0], props, todo, into=self.minted)
        return curie

    def city(self, town: str, option: str, wanted: Sequence[str] = ("ltc:City",)) -> str:
        return self.reuse_or_mint(town, "place", wanted, [("rdfs:label", literal(town, "en"))],
                                  option, ["ltc:country country:xx ; (when the source names it)"])

    def text(self, header: Sequence[str]) -> str:
        prefixes = "\n".join(f"@prefix {p}: <{ns}> ." for p, ns in sorted(
            self.known.prefixes.items()))
        mentioned = [f"    {c} a {cls} ;\n        prov:wasDerivedFrom {self.graph} ."
                     for c, cls in self.mentions.items()]
        body = "\n\n".join([*self.blocks, *self.minted, *mentioned])
        out = [prefixes, "", *(f"# {line}".rstrip() for line in header), "",
               f"{self.graph} {{", body, "}", ""]
        if self.sources:
            out += ["# Where the facts come from. These blocks belong in the g:sources graph of",
                    "# data/sources.trig: move them there, merging a block whose subject is",
                    "# already described (one block per subject).", "",
                    "g:sources {", "\n\n".join(self.sources), "}", ""]
        return layout("\n".join(out))  # as `ltc-graph fmt` would write it: nothing to fix


def _cluster(a: Answers, doc: Document) -> str:
    me, known = f"cluster:{a['slug']}", doc.known
    area = doc.reuse_or_mint(a["area"], "area", ("ltc:TechnologyArea",), [
        ("rdfs:label", literal(a["area"], "en")), ("skos:prefLabel", literal(a["area"], "en")),
        ("skos:inScheme", "area:scheme"), ("skos:topConceptOf", "area:scheme")], "--area")
    city = doc.city(a["seat-town"], "--seat-town")
    site = f"site:{a['slug']}-{city.split(':', 1)[1]}"
    site_type = a.get("seat-type", "vocab:headquarters")
    short = a.get("acronym") or a["name"]
    labels = [literal(a["name"], "en")] + ([literal(a["name-it"], "it")] if "name-it" in a else [])
    doc.add(me, "ltc:Cluster", [
        ("rdfs:label", labels),
        ("ltc:acronym", literal(a["acronym"]) if "acronym" in a else None),
        ("ltc:shortName", literal(a.get("acronym") or a.get("short-name") or a["name"])),
        ("dcterms:description", literal(a["description"], "en")),
        ("foaf:homepage", f"<{a['website']}>"),
        ("ltc:referenceEcosystem", [doc.mention(s, "ltc:S3Ecosystem") for s in a["s3"].split()]),
        ("ltc:technologyArea", area),
        ("org:hasSite", site),
    ], ["org:hasRegisteredSite site:... ; (only when the source names a legal seat)",
        "members: yearly ltc:MemberCount nodes count:SLUG-YEAR-total (see CONTRIBUTING.md)"])
    address = "\n".join([
        "[ a locn:Address ;",
        f"            locn:fullAddress {literal(a['seat-address'])} ;",
        f"            locn:postName {literal(a['seat-town'])} ;",
        "            # TODO locn:thoroughfare, locn:locatorDesignator, locn:postCode: as printed",
        f"            ltc:city {city} ]"])
    kind = known.english.get(known.expand(site_type), site_type.split(":")[1]).lower()
    doc.add(site, "org:Site", [
        ("rdfs:label", literal(f"{short} {kind}, {a['seat-town']}", "en")),
        ("ltc:siteType", site_type),
        ("org:siteAddress", address),
    ])
    return me


def _project(a: Answers, doc: Document) -> str:
    me, cluster = f"project:{a['slug']}", doc.mention(a["cluster"], "ltc:Cluster")
    programme = doc.reuse_or_mint(
        a["programme"], "programme", ("ltc:FundingProgramme",),
        [("rdfs:label", literal(a["programme"], "en"))], "--programme",
        ["ltc:acronym \"...\" ; (when the source gives one)"]) if "programme" in a else None
    todo = [] if "description" in a else ["dcterms:description \"...\"@en ; (your own words)"]
    doc.add(me, "ltc:Project", [
        ("rdfs:label", literal(a["name"], "en")),
        ("ltc:acronym", literal(a["acronym"]) if "acronym" in a else None),
        ("dcterms:description", literal(a["description"], "en") if "description" in a else None),
        ("ltc:status", a.get("status")),
        ("ltc:cluster", cluster),
        ("ltc:fundingProgramme", programme),
        ("schema:startDate", dated(a["start"]) if "start" in a else None),
        ("schema:endDate", dated(a["end"]) if "end" in a else None),
    ], [*todo, "ltc:partnerCount, ltc:participatingCountry, ltc:outcome: as the source states",
        "synergy boxes: synergy:CLUSTER-N nodes (see data/README.md, Synergy boxes)"])
    if "role" in a:
        holder = doc.known.expand(cluster)
        short = doc.known.acronyms.get(holder) or doc.known.english.get(holder, cluster)
        doc.add(f"role:{cluster.split(':', 1)[1]}--{a['slug']}", "ltc:ProjectRole", [
            ("rdfs:label", literal(f"{short} in {a.get('acronym') or a['name']}: {a['role']}",
                                   "en")),
            ("ltc:roleHolder", cluster),
            ("ltc:roleIn", me),
            ("ltc:roleName", literal(a["role"], "en")),
        ])
    return me


def _event(a: Answers, doc: Document) -> str:
    me = f"event:{a['slug']}"
    place = doc.city(a["place"], "--place", PLACES) if "place" in a else None
    todo = [] if "description" in a else ["dcterms:description \"...\"@en ; (your own words)"]
    doc.add(me, "ltc:Event", [
        ("rdfs:label", literal(a["name"], "en")),
        ("dcterms:description", literal(a["description"], "en") if "description" in a else None),
        ("schema:startDate", dated(a["date"]) if "date" in a else None),
        # a one-off event ends: the same day (or year) when no other last day is given
        ("schema:endDate", dated(a.get("end") or a["date"]) if "end" in a or "date" in a
         else None),
        ("ltc:location", place),
        ("ltc:cluster", doc.mention(a["cluster"], "ltc:Cluster") if "cluster" in a else None),
    ], [*todo, "ltc:organiser or ltc:participant: the clusters or organisations named",
        "ltc:frequency \"annual\" ; (for a recurring event)"])
    return me


BUILDERS: dict[str, Callable[[Answers, Document], str]] = {
    "cluster": _cluster, "project": _project, "event": _event,
}


def render(kind: str, a: Answers, known: Known) -> str:
    """The TriG file: the facts in the section's graph, then the section and its source."""
    graph = f"g:{a['section']}"
    doc = Document(known, graph)
    me = BUILDERS[kind](a, doc)
    new_section = _section_is_new(a, known)
    if new_section:
        src = a["source"]
        label = a.get("section-label") or \
            f"{a.get('source-label') or known.english.get(known.expand(src), src)}: {a['name']}"
        locator = a.get("locator") or (f"web page as read on {a['visited']}"
                                       if "visited" in a else None)
        doc.add(graph, "ltc:SourceSection", [
            ("rdfs:label", literal(label, "en")),
            ("ltc:startPage", a.get("page")),
            ("ltc:locator", literal(locator, "en") if locator else None),
            ("foaf:page", f"<{a['url']}>" if "url" in a else None),
            ("dcterms:date", dated(a["visited"]) if "visited" in a else None),
        ], derived=src, into=doc.sources)
        if _source_is_new(a, known):
            doc.add(src, "ltc:Source", [
                ("rdfs:label", literal(a["source-label"], "en")),
                ("foaf:page", f"<{a['source-url']}>" if "source-url" in a else None),
                ("ltc:section", graph),
            ], ["dcterms:publisher, dcterms:issued or dcterms:temporal, dcterms:language"],
                derived=src, into=doc.sources)
        else:
            doc.sources.append(f"    {src} ltc:section {graph} .")
    header = [f"A new {kind}, {me}, scaffolded by `ltc-graph new {kind}`.", *(
        [f"Its facts come from the new source section {graph}, described at the end."]
        if new_section else
        [f"Its facts come from the source section {graph}, which data/sources.trig describes:",
         "move the blocks below into the file that holds that graph."]),
        "- Every fact comes from that section; what it does not state stays absent.",
        "- Lines marked TODO are optional facts: fill them in from the source, or delete them.",
        "- Descriptions are short summaries in our own words, never the source's sentences.",
        "- Check it together with the data: ltc-graph validate data/ THIS-FILE",
        "- Then move it into data/ as CONTRIBUTING.md says.",
    ]
    return doc.text(header)


def scaffold(kind: str, given: dict[str, str | None], known: Known,
             ask: Asker | None = None) -> tuple[Answers, str]:
    """Check the answers and write the file's text.

    :raise InputError: an answer is missing or invalid.
    """
    answers = gather(kind, given, known, ask)
    return answers, render(kind, answers, known)
