"""Synthetic graphs in the project's own model, to measure what the tools cost at scale.

`generate` writes `9 x scale` made-up clusters, each described the way the brochure describes
a real one (seats with addresses, technology areas, S3 ecosystems, member counts, projects with
roles, programmes and PNRR synergies, network memberships, success stories, events), each in
its own named graph `graph/synth/cluster-NNNNN` with `prov:wasDerivedFrom` that section. Shared
nodes (networks, programmes, organisations, cities, technology areas) are described once in
`graph/synth/shared` and named again by every cluster section that uses them, as the real
sections do; their popularity is skewed, so a few networks join thousands of clusters.

The file also carries the real vocabularies it points at (S3 ecosystems, PNRR, countries, the
model's values) and the part of `data/sources.trig` that describes them, so it validates on its
own, as `ltc-graph validate FILE` checks it. Synthetic IRIs all contain `synth-` and never
collide with real ones.

Everything random comes from one `random.Random(seed)`, and the output is written as strings
(rdflib would take minutes for millions of quads): the same seed and scale give the same
bytes. By default one cluster in `DEFECT_EVERY` carries one known defect, listed with its
focus node, so a validator's report can be checked against the list.

Quads written with the default seed 0 and defects (about 3,000 per scale step, plus 585 of
real vocabulary; `--no-defects` changes a few). CPU seconds to write the file on a 2-core
machine (wall time on the busy machine was up to 1.8 times more); N-Quads files are 4 times
the size of TriG:

======  ========  =========  =========  ======  =========
scale   clusters  quads      TriG size  TriG s  N-Quads s
======  ========  =========  =========  ======  =========
3       27        11,217     0.6 MB     0.3     0.3
34      306       100,855    4.8 MB     0.5     0.5
330     2,970     992,729    47 MB      1.9     3.9
1,655   14,895    4,987,270  236 MB     11      15
======  ========  =========  =========  ======  =========
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

import pyoxigraph as ox

from ..errors import InputError
from ..namespaces import GRAPH, ID, PREFIXES, RDF, shorten
from ..rdf.files import project_root

CLUSTERS_PER_SCALE = 9
DEFECT_EVERY = 5

# The scale for each benchmark size, in quads (seed 0, measured); others by `scale_for`.
SIZES: dict[int, int] = {10_000: 3, 100_000: 34, 1_000_000: 330, 5_000_000: 1_655}
QUADS_PER_SCALE = 3_004
FIXED_QUADS = 585

_SYNTH_GRAPH = str(GRAPH) + "synth/"
_NS = {**PREFIXES, "synth": _SYNTH_GRAPH}
_XSD = PREFIXES["xsd"]
_RDF_TYPE = ox.NamedNode(RDF.type)


def scale_for(quads: int) -> int:
    """The scale whose output is closest to `quads` quads (at least 1)."""
    if quads in SIZES:
        return SIZES[quads]
    return max(1, round((quads - FIXED_QUADS) / QUADS_PER_SCALE))


@dataclass(frozen=True)
class Defect:
    """One defect put into the graph on purpose: the node a validator should report."""

    focus: str
    shape: str
    reason: str
    detail: str


@dataclass
class Summary:
    quads: int
    graphs: int
    clusters: int
    defects: list[Defect] = field(default_factory=list)

    def __str__(self) -> str:
        return (f"{self.quads} quads in {self.graphs} graphs, {self.clusters} clusters, "
                f"{len(self.defects)} injected defects")


def write(path: Path, scale: int, seed: int = 0, defects: bool = True) -> Summary:
    """Write the graph to `path` (N-Quads for .nq, else TriG) and its defects beside it.

    The defects go to `path` + `.defects.json`, an empty list when there are none, so an old
    list never describes a new file.

    :raise InputError: scale below 1, a suffix other than .trig or .nq, or an unwritable path.
    """
    if scale < 1:
        raise InputError(f"--scale must be at least 1, not {scale}")
    if path.suffix.lower() not in {".trig", ".nq"}:
        raise InputError("the output must end with .trig or .nq", str(path))
    manifest = path.with_name(path.name + ".defects.json")
    try:
        with path.open("w", encoding="utf-8", newline="\n") as out:
            summary = generate(out, scale, seed, nquads=path.suffix.lower() == ".nq",
                               defects=defects)
        listed = [asdict(d) for d in summary.defects]
        manifest.write_text(json.dumps(listed, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise InputError(exc.strerror or "cannot write", exc.filename or str(path)) from None
    return summary


def generate(out: TextIO, scale: int, seed: int = 0, *, nquads: bool = False,
             defects: bool = True) -> Summary:
    """Write `9 x scale` synthetic clusters and the vocabulary they use to `out`."""
    rng = random.Random(seed)
    vocab = _Vocabulary.read(project_root() / "data")
    clusters = CLUSTERS_PER_SCALE * scale
    w = _Writer(out, nquads)
    w.comment(f"Synthetic ltc-graph data: scale {scale}, seed {seed}, {clusters} clusters. "
              "Made-up facts for benchmarks, in the model of data/README.md.")
    w.prefixes()
    w.verbatim(vocab.quads)
    _sources(w, scale, seed, clusters)
    shared = _Shared.draw(w, rng, scale, vocab)
    found: list[Defect] = []
    for i in range(1, clusters + 1):
        kind = _DEFECTS[(i // DEFECT_EVERY) % len(_DEFECTS)] if i % DEFECT_EVERY == 3 else None
        _Cluster(w, rng, i, shared, vocab, kind if defects else None, found).write()
    w.close()
    return Summary(w.quads, w.graphs, clusters, found)


# --- writing ----------------------------------------------------------------------------------


class _Writer:
    """Statements as TriG blocks (one per subject, `a` first) or as N-Quads lines.

    Terms are given in TriG syntax with the project's prefixes; for N-Quads they are
    expanded here. It counts what it writes, so the summary needs no second pass.
    """

    def __init__(self, out: TextIO, nquads: bool) -> None:
        self.out, self.nquads = out, nquads
        self.quads = self.graphs = 0
        self._graph = ""
        self._buf: list[str] = []
        self._blank = 0
        self._terms: dict[str, str] = {}  # N-Quads forms of the current graph's terms

    def comment(self, text: str) -> None:
        self._buf.append(f"# {text}\n\n")

    def prefixes(self) -> None:
        if not self.nquads:
            self._buf.extend(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(_NS.items()))
            self._buf.append("\n")

    def verbatim(self, quads: Iterable[ox.Quad]) -> None:
        """Real quads, as parsed, each in its own graph."""
        for graph, group in itertools.groupby(quads, key=lambda q: q.graph_name):
            rows = [f"{q.subject} {q.predicate} {q.object}" for q in group]
            self.graphs += 1
            self.quads += len(rows)
            if self.nquads:
                self._buf.extend(f"{row} {graph} .\n" for row in rows)
            else:
                self._buf.append(f"{graph} {{\n" + "".join(f"    {r} .\n" for r in rows) + "}\n\n")

    def graph(self, name: str) -> None:
        """Start the named graph `name` (closing the one before)."""
        self.close()
        self.graphs += 1
        self._terms.clear()
        if self.nquads:
            self._graph = self._expand(name)
        else:
            self._graph = name
            self._buf.append(f"{name} {{\n")

    def close(self) -> None:
        if self._graph and not self.nquads:
            self._buf[-1] = self._buf[-1][:-1]  # no blank line before the brace
            self._buf.append("}\n\n")
        self._graph = ""
        self.out.write("".join(self._buf))
        self._buf.clear()

    def node(self, subject: str, cls: str, pairs: Sequence[tuple[str, str | list[str] | None]],
             source: str | None) -> None:
        """One subject: its class, then `pairs` (None values are left out), then the source."""
        rows = [("a", cls), *((p, o) for p, o in pairs if o)]
        if source:
            rows.append(("prov:wasDerivedFrom", source))
        if self.nquads:
            term, g, lines = self._term, self._graph, self._buf
            s = term(subject)
            for p, o in rows:
                pe = term(p)
                if isinstance(o, list):
                    lines.extend(f"{s} {pe} {term(x)} {g} .\n" for x in o)
                    self.quads += len(o)
                else:
                    lines.append(f"{s} {pe} {term(o)} {g} .\n")
                    self.quads += 1
            return
        parts = []
        for p, o in rows:
            if isinstance(o, list):
                self.quads += len(o)
                o = " , ".join(o)
            else:
                self.quads += 1
            parts.append(f"{p} {o}")
        self._buf.append(f"    {subject} " + " ;\n        ".join(parts) + " .\n\n")

    def blank(self, cls: str, pairs: Sequence[tuple[str, str | None]]) -> str:
        """A blank node (an address, a quantity): nested in TriG, labelled in N-Quads."""
        rows = [("a", cls), *((p, o) for p, o in pairs if o)]
        self.quads += len(rows)
        if self.nquads:
            self._blank += 1
            label = f"_:b{self._blank}"
            self._buf.extend(f"{label} {self._term(p)} {self._term(o)} {self._graph} .\n"
                             for p, o in rows)
            return label
        return "[ " + " ;\n            ".join(f"{p} {o}" for p, o in rows) + " ]"

    def _term(self, term: str) -> str:
        found = self._terms.get(term)
        if found is None:
            found = self._terms[term] = self._expand(term)
        return found

    @staticmethod
    def _expand(term: str) -> str:
        """A TriG term in N-Quads syntax."""
        head = term[0]
        if head == '"':
            at = term.rfind('"^^')
            return term if at < 0 else f'{term[:at]}"^^<{_XSD}{term[at + 7:]}>'
        if head in "<_":
            return term
        if head.isdigit():
            return f'"{term}"^^<{_XSD}integer>'
        if term == "a":
            return f"<{PREFIXES['rdf']}type>"
        prefix, _, local = term.partition(":")
        return f"<{_NS[prefix]}{local}>"


def _text(value: str, lang: str = "en") -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + f'"@{lang}'


def _plain(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _year(year: int) -> str:
    return f'"{year}"^^xsd:gYear'


def _day(day: date) -> str:
    return f'"{day.isoformat()}"^^xsd:date'


# --- the real vocabulary ----------------------------------------------------------------------


@dataclass
class _Vocabulary:
    """The real controlled vocabularies, and the excerpt of the sources that describes them."""

    quads: list[ox.Quad]
    s3: list[str]
    components: list[tuple[str, str, str]]  # (IRI, notation, English label)
    countries: list[str]

    @classmethod
    def read(cls, data: Path) -> _Vocabulary:
        try:
            quads = [q for path in sorted((data / "vocab").glob("*.trig"))
                     for q in ox.parse(path=str(path), format=ox.RdfFormat.TRIG)]
            sources = list(ox.parse(path=str(data / "sources.trig"), format=ox.RdfFormat.TRIG))
        except (OSError, SyntaxError) as exc:
            raise InputError(f"cannot read the real vocabulary: {exc}", str(data)) from None
        quads += _describing(sources, {q.graph_name for q in quads})
        # Links out of the excerpt (the S3 document's publisher, ...) are left out: no file
        # here describes their targets, and validation would report them as dangling.
        typed = {q.subject for q in quads if q.predicate == _RDF_TYPE}
        quads = [q for q in quads if not _ours(q.object) or q.object in typed]

        def of(cls: str) -> list[str]:
            iri = ox.NamedNode(PREFIXES["ltc"] + cls)
            return sorted({shorten(q.subject.value) for q in quads  # once, however many
                           if q.predicate == _RDF_TYPE and q.object == iri})  # lists type it

        values: dict[tuple[str, str], str] = {}
        for q in quads:
            if isinstance(q.object, ox.Literal) and q.object.language in (None, "en"):
                key = (shorten(q.subject.value), shorten(q.predicate.value))
                values.setdefault(key, q.object.value)
        components = [(c, values[c, "skos:notation"], values[c, "rdfs:label"])
                      for c in of("PNRRComponent")]
        return cls(quads, of("S3Ecosystem"), components, of("Country"))


def _ours(term: object) -> bool:
    """Whether `term` is a node of the graph (not a term of the ontology)."""
    return isinstance(term, ox.NamedNode) and term.value.startswith(
        (str(ID), str(GRAPH)))


def _describing(sources: list[ox.Quad], wanted: set[object]) -> list[ox.Quad]:
    """The statements of `sources` about `wanted` nodes and, in turn, the nodes they name."""
    about: dict[object, list[ox.Quad]] = {}
    for q in sources:
        about.setdefault(q.subject, []).append(q)
    todo, done, kept = sorted(wanted, key=str), set(), []
    while todo:
        node = todo.pop(0)
        if node in done or node not in about:
            continue
        done.add(node)
        kept += about[node]
        todo += [q.object for q in about[node] if _ours(q.object)]
    keep = set(kept)
    return [q for q in sources if q in keep]


# --- synthetic names --------------------------------------------------------------------------

_SYLLABLES = ("ba", "bre", "ca", "ci", "co", "da", "del", "fa", "ga", "gli", "la", "len", "lo",
              "ma", "mon", "na", "no", "pa", "po", "ra", "ren", "ri", "ro", "sa", "san", "se",
              "so", "ta", "ter", "to", "val", "ve", "vi", "za", "zo")
_TECH = ("Additive manufacturing", "Advanced materials", "Artificial intelligence",
         "Bio-based chemicals", "Circular economy", "Clean air", "Cybersecurity",
         "Digital health", "Edge computing", "Energy storage", "Food safety", "Green building",
         "Hydrogen", "Industrial robotics", "Internet of things", "Medical devices",
         "Microelectronics", "Precision agriculture", "Quantum technologies",
         "Satellite services", "Smart grids", "Sustainable packaging", "Water management",
         "Wearables")
_DOMAINS = ("aerospace", "agri-food", "automotive", "construction", "cultural heritage",
            "energy", "healthcare", "logistics", "manufacturing", "public administration",
            "retail", "textiles", "tourism", "transport")
_PROGRAMMES = ("Horizon Europe", "Interreg Europe", "Interreg Euro-MED", "Erasmus+",
               "Digital Europe", "LIFE", "Single Market Programme", "I3", "COSME", "EIT",
               "ERDF Lombardy", "National Recovery Fund")
_ACRONYM = (("AI", "BIO", "BLUE", "CIRC", "CLEAN", "DIGI", "ECO", "GREEN", "HYDRO", "INNO",
             "LIFE", "MED", "NEXT", "PLAST", "REG", "SMART", "SUN", "TEX", "TWIN", "WISE"),
            ("CHAIN", "CITY", "FAB", "FOOD", "GRID", "LAB", "MAT", "MOB", "PACK", "SKILLS",
             "SPACE", "VALUE", "WATER"),
            ("", "", "", "4EU", "-NET", "HUB", "2030", "PLUS", "X"))
_ROLES = ("Coordinator", "Partner", "Work package leader",
          "Leader of the communication and dissemination activities",
          "Regional stakeholder group", "Associated policy authority",
          "Promoter of the open calls among regional stakeholders")
_EVENTS = ("Fair", "Matchmaking Days", "Conference", "B2B Meetings", "Workshop", "Summit",
           "Brokerage Event", "Innovation Forum")
_STREETS = ("Via Roma", "Corso Venezia", "Viale Lombardia", "Piazza Duomo", "Via Garibaldi",
            "Via Mazzini", "Via Colombo", "Viale Monza", "Via Torino", "Largo Augusto")


class _Names:
    """Pronounceable made-up names, each given once, so labels never clash."""

    def __init__(self, rng: random.Random) -> None:
        self.rng, self.given, self.count = rng, set[str](), 0

    def word(self) -> str:
        for _ in range(8):
            name = "".join(self.rng.choices(_SYLLABLES, k=self.rng.choice((2, 3, 3, 4))))
            name = name.capitalize()
            if name not in self.given:
                self.given.add(name)
                return name
        self.count += 1
        return f"{name} {self.count}"

    def unique(self, label: str) -> str:
        """`label`, or `label N` when it was given before."""
        numbered, n = label, 1
        while numbered in self.given:
            n += 1
            numbered = f"{label} {n}"
        self.given.add(numbered)
        return numbered


def _skewed(n: int) -> list[float]:
    """Cumulative weights of a Zipf-like popularity: item k is drawn about 1/k as often."""
    return list(itertools.accumulate(1 / (k + 1) ** 0.9 for k in range(n)))


# --- sources and shared nodes -----------------------------------------------------------------

_SOURCE = "source:synth-brochure"


def _sources(w: _Writer, scale: int, seed: int, clusters: int) -> None:
    sections = ["synth:sources", "synth:shared",
                *(f"synth:cluster-{i:05d}" for i in range(1, clusters + 1))]
    w.graph("synth:sources")
    w.node(_SOURCE, "ltc:Source", [
        ("rdfs:label", _text(f"Synthetic brochure (scale {scale}, seed {seed})")),
        ("dcterms:description", _text("Made-up clusters in the model of the 2024 brochure, "
                                      "generated by ltc-graph synth for benchmarks.")),
        ("dcterms:temporal", _plain("2024")),
        ("ltc:section", sections),
    ], _SOURCE)
    w.node("synth:sources", "ltc:SourceSection", [
        ("rdfs:label", _text("Synthetic brochure: sources and sections")),
        ("ltc:locator", _text("the generator's own description of its sections")),
    ], _SOURCE)
    w.node("synth:shared", "ltc:SourceSection", [
        ("rdfs:label", _text("Synthetic brochure: networks, programmes and places")),
        ("ltc:locator", _text("pages shared by all clusters")),
    ], _SOURCE)
    for i in range(1, clusters + 1):
        w.node(f"synth:cluster-{i:05d}", "ltc:SourceSection", [
            ("rdfs:label", _text(f"Synthetic brochure: cluster {i:05d}")),
            ("ltc:startPage", str(2 * i + 4)),
        ], _SOURCE)


@dataclass
class _City:
    iri: str
    name: str
    country: str
    postcode: str


@dataclass
class _Shared:
    """Nodes named by many clusters, with how popular each is."""

    names: _Names
    organisations: list[str]
    programmes: list[str]
    networks: list[tuple[str, str]]
    pilots: dict[str, str]
    cities: list[_City]
    areas: list[str]
    weights: dict[str, list[float]] = field(default_factory=dict)
    network_sets: set[frozenset[tuple[str, str]]] = field(default_factory=set)

    @classmethod
    def draw(cls, w: _Writer, rng: random.Random, scale: int, vocab: _Vocabulary) -> _Shared:
        names, src = _Names(rng), "synth:shared"
        w.graph(src)
        w.node("cluster:synth-system", "ltc:ClusterSystem", [
            ("rdfs:label", _text(f"Synthetic Lombardy Technology Clusters (scale {scale})")),
        ], src)
        # the names the official lists leave to the brochure's pages, as the real ones give them
        w.node("place:lombardy", "ltc:Region", [("rdfs:label", _text("Lombardy"))], src)
        w.node("programme:pnrr", "ltc:FundingProgramme", [("rdfs:label", _text("PNRR"))], src)
        cities = []
        foreign = [c for c in vocab.countries if c != "country:it"]
        for k in range(1, 16 + scale + 1):
            name, abroad = names.word(), rng.random() < 0.25
            city = _City(f"place:synth-city-{k:05d}", name,
                         rng.choice(foreign) if abroad else "country:it",
                         str(rng.randint(1000, 9999)) if abroad else f"2{rng.randint(0, 7)}")
            cities.append(city)
            w.node(city.iri, "ltc:City", [
                ("rdfs:label", [_text(name)] + ([] if abroad else [_text(name, "it")])),
                ("ltc:country", city.country),
            ], src)
        for country in sorted({city.country for city in cities}):  # the section names them
            w.node(country, "ltc:Country", [], src)
        organisations = []
        for k in range(1, 10 + 3 * scale + 1):
            iri, name = f"organisation:synth-org-{k:05d}", names.word()
            en, it = rng.choice((("University of {}", "Università di {}"),
                                 ("{} Research Centre", "Centro di ricerca {}"),
                                 ("{} Foundation", "Fondazione {}"),
                                 ("{} S.p.A.", "{} S.p.A.")))
            organisations.append(iri)
            w.node(iri, "ltc:Organisation", [
                ("rdfs:label", [_text(en.format(name)), _text(it.format(name), "it")]),
                ("foaf:homepage", f"<https://{name.lower()}.example.org/>"
                 if rng.random() < 0.5 else None),
            ], src)
        programmes = []
        for k in range(1, 12 + scale + 1):
            iri, base = f"programme:synth-prog-{k:05d}", rng.choice(_PROGRAMMES)
            parent = programmes[rng.randrange(len(programmes))] if programmes and \
                rng.random() < 0.3 else None
            manager = rng.choice(organisations) if rng.random() < 0.2 else None
            programmes.append(iri)
            w.node(iri, "ltc:FundingProgramme", [
                ("rdfs:label", _text(f"{base} call {k:05d}")),
                ("ltc:partOfProgramme", parent),
                ("ltc:managedBy", manager),
            ], src)
        networks, pilots = [], {}
        for k in range(1, 16 + 2 * scale + 1):
            iri, name = f"network:synth-net-{k:05d}", names.word()
            label = rng.choice(("{} Cluster Network", "European {} Alliance",
                                "{} Regions Partnership", "{} Innovation Platform"))
            label = label.format(name)
            networks.append((iri, label))
            w.node(iri, "ltc:Network", [
                ("rdfs:label", _text(label)),
                ("ltc:fullName", _text(label)),  # printed beside its acronym
                ("ltc:acronym", _plain("".join(x[0] for x in label.split()).upper())),
                ("foaf:homepage", f"<https://{name.lower()}-network.example.org/>"
                 if rng.random() < 0.4 else None),
                ("ltc:regionCount", str(rng.randint(5, 40)) if rng.random() < 0.2 else None),
            ], src)
            if rng.random() < 0.25:
                pilot = pilots[iri] = f"unit:synth-net-{k:05d}-pilot"
                w.node(pilot, "ltc:Unit", [
                    ("rdfs:label", _text(f"{rng.choice(_TECH)} Pilot of the {label}")),
                    ("org:unitOf", iri),
                ], src)
        areas = []
        for k in range(1, 24 + 3 * scale + 1):
            iri = f"area:synth-area-{k:05d}"
            label = _text(names.unique(f"{rng.choice(_TECH)} for {rng.choice(_DOMAINS)}"))
            areas.append(iri)
            w.node(iri, "ltc:TechnologyArea", [
                ("rdfs:label", label), ("skos:prefLabel", label),
                ("skos:inScheme", "area:scheme"), ("skos:topConceptOf", "area:scheme"),
            ], src)
        weights = {"networks": _skewed(len(networks)), "programmes": _skewed(len(programmes)),
                   "areas": _skewed(len(areas))}
        return cls(names, organisations, programmes, networks, pilots, cities, areas, weights)


# --- one cluster ------------------------------------------------------------------------------

# Injected defects, in turn: (shape, reason). Each makes the validator report exactly one
# focus node, an IRI, so the report can be compared with the list.
_DEFECTS = (
    ("ltcsh:ClusterShape", "missing-website"),
    ("ltcsh:MemberCountShape", "year-not-gyear"),
    ("ltcsh:DateOrderShape", "ends-before-it-starts"),
    ("ltcsh:LabelShape", "missing-label"),
    ("ltcsh:ReferenceShape", "undescribed-programme"),
    ("ltcsh:MemberCountShape", "parts-do-not-add-up"),
    ("ltcsh:ProvenanceShape", "no-provenance"),
)


class _Cluster:
    """One synthetic cluster's section: everything it states, in one named graph."""

    def __init__(self, w: _Writer, rng: random.Random, i: int, shared: _Shared,
                 vocab: _Vocabulary, defect: tuple[str, str] | None,
                 found: list[Defect]) -> None:
        self.w, self.rng, self.shared, self.vocab = w, rng, shared, vocab
        self.slug, self.defect, self.found = f"synth-{i:05d}", defect, found
        self.iri, self.graph = f"cluster:{self.slug}", f"synth:cluster-{i:05d}"
        self.named: dict[str, str] = {}  # shared node -> its class, named again at the end

    def _broken(self, reason: str, focus: str, detail: str) -> bool:
        """Whether to break `focus` here; records the defect when so."""
        if self.defect is None or self.defect[1] != reason:
            return False
        iri = _NS[focus.partition(":")[0]] + focus.partition(":")[2]
        self.found.append(Defect(iri, self.defect[0], reason, detail))
        return True

    def _name(self, iri: str, cls: str) -> str:
        self.named.setdefault(iri, cls)
        return iri

    def write(self) -> None:
        rng, w, shared = self.rng, self.w, self.shared
        w.graph(self.graph)
        ecosystems = rng.sample(self.vocab.s3, rng.choice((1, 1, 1, 2, 2, 3)))
        eco_label = ecosystems[0].partition(":")[2].replace("-", " ").title()
        acronym = f"S{''.join(x[0] for x in eco_label.split() if x != 'And')}{int(self.slug[6:])}"
        areas = list(dict.fromkeys(rng.choices(shared.areas, k=rng.randint(1, 6),
                                               cum_weights=shared.weights["areas"])))
        sites = [f"site:{self.slug}-{k}" for k in range(1, rng.choice((1, 1, 1, 2, 2, 3)) + 1)]
        primary = rng.choice((None, "org:hasPrimarySite", "org:hasRegisteredSite"))
        homepage = f"<https://{self.slug}.example.org/>"
        if self._broken("missing-website", self.iri, "no foaf:homepage"):
            homepage = ""
        w.node(self.iri, "ltc:Cluster", [
            ("rdfs:label", _text(f"Synthetic {eco_label} Cluster {self.slug[6:]}")),
            ("ltc:acronym", _plain(acronym)),
            ("ltc:shortName", _plain(acronym)),
            ("dcterms:description", _text(
                f"Made-up regional cluster for {eco_label.lower()}, with {len(areas)} "
                f"technology areas and {len(sites)} seats, generated for benchmarks.")),
            ("foaf:homepage", homepage),
            ("ltc:referenceEcosystem", [self._name(e, "ltc:S3Ecosystem") for e in ecosystems]),
            ("ltc:technologyArea", [self._name(a, "ltc:TechnologyArea") for a in areas]),
            ("org:hasSite", sites),
        ] + ([(primary, sites[0])] if primary else []), self.graph)
        for site in sites:
            self._site(site)
        w.node("cluster:synth-system", "ltc:ClusterSystem", [("ltc:hasCluster", self.iri)],
               self.graph)
        self._counts(acronym)
        units = [self._unit(k, acronym) for k in range(1, rng.choice((0, 0, 1, 1, 2)) + 1)]
        self._memberships(acronym)
        projects = self._projects(acronym, units)
        self._stories(acronym, projects)
        self._events(acronym)
        for iri, cls in self.named.items():
            w.node(iri, cls, [], self.graph)

    def _site(self, iri: str) -> None:
        rng, k = self.rng, int(iri.rpartition("-")[2])
        city = rng.choice(self.shared.cities)
        street, number = rng.choice(_STREETS), str(rng.randint(1, 180))
        if rng.random() < 0.15:
            number += rng.choice(("/A", "/B", "/1"))
        postcode = city.postcode if len(city.postcode) == 4 else \
            f"{city.postcode}{rng.randint(0, 999):03d}"
        full = f"{street}, {number} - {postcode} {city.name}"
        if rng.random() < 0.3:
            full += " (Italy)" if city.country == "country:it" else ""
        address = self.w.blank("locn:Address", [
            ("locn:fullAddress", _plain(full)), ("locn:thoroughfare", _plain(street)),
            ("locn:locatorDesignator", _plain(number)), ("locn:postCode", _plain(postcode)),
            ("locn:postName", _plain(city.name)),
            ("ltc:city", self._name(city.iri, "ltc:City")),
            ("ltc:country", self._name(city.country, "ltc:Country")
             if rng.random() < 0.4 else None),
        ])
        kind = "vocab:headquarters" if k == 1 else rng.choice(
            ("vocab:legal-headquarters", "vocab:operative-headquarters",
             "vocab:operational-office"))
        label = _text(f"{self.slug} seat {k}, {city.name}")
        if k == 1 and self._broken("missing-label", iri, "no rdfs:label"):
            label = ""
        self.w.node(iri, "org:Site", [("rdfs:label", label), ("ltc:siteType", kind),
                                      ("org:siteAddress", address)], self.graph)

    def _counts(self, acronym: str) -> None:
        rng = self.rng
        total = max(8, int(rng.lognormvariate(4.7, 0.7)))
        companies = round(total * rng.uniform(0.55, 0.92))
        research = round((total - companies) * rng.uniform(0.2, 0.7))
        parts = {"companies": companies, "research": research,
                 "other": total - companies - research}
        broken_sum = self._broken("parts-do-not-add-up", f"count:{self.slug}-2024-total",
                                  "companies, research and other do not add up to the total")
        year = _year(2024)
        if self._broken("year-not-gyear", f"count:{self.slug}-2024-total",
                        'ltc:referenceYear "2024" is a plain string, not xsd:gYear'):
            year = _plain("2024")
        categories = {"total": "vocab:all-members", "companies": "vocab:companies",
                      "research": "vocab:research-organisations",
                      "other": "vocab:other-entities"}
        shown = {"total": total} | (parts if rng.random() < 0.55 or broken_sum else {})
        if broken_sum:
            shown["other"] += 3  # not drawn: the stream stays that of the graph without defects
        for part, value in shown.items():
            self.w.node(f"count:{self.slug}-2024-{part}", "ltc:MemberCount", [
                ("rdfs:label", _text(f"{acronym} members in 2024: {part}")),
                ("ltc:countOf", self.iri),
                ("ltc:memberCategory", categories[part]),
                ("ltc:referenceYear", year if part == "total" else _year(2024)),
                ("schema:value", str(value)),
            ], self.graph)

    def _unit(self, k: int, acronym: str) -> str:
        iri = f"unit:{self.slug}-community-{k}"
        topic = self.rng.choice(_TECH)
        self.w.node(iri, "ltc:Unit", [
            ("rdfs:label", _text(f"{acronym} strategic community {k} on {topic.lower()}")),
            ("dcterms:description", _text(f"A working group of {acronym} members.")),
            ("org:unitOf", self.iri),
        ], self.graph)
        return iri

    def _memberships(self, acronym: str) -> None:
        rng, shared = self.rng, self.shared
        picked = list(dict.fromkeys(rng.choices(shared.networks,
                                                cum_weights=shared.weights["networks"],
                                                k=rng.choice((1, 2, 3, 4, 5, 6, 7, 9)))))
        while len(picked) >= 3 and frozenset(picked) in shared.network_sets:
            extra = rng.choice(shared.networks)  # two equal lists would read as a copy
            if extra not in picked:
                picked.append(extra)
        shared.network_sets.add(frozenset(picked))
        for n, (network, label) in enumerate(picked):
            iri = f"membership:{self.slug}--{network.partition(':')[2]}"
            source: str | None = self.graph
            if n == 0 and self._broken("no-provenance", iri, "no prov:wasDerivedFrom"):
                source = None
            self.w.node(iri, "ltc:NetworkMembership", [
                ("rdfs:label", _text(f"{acronym} in the {label}")),
                ("org:member", self.iri),
                ("org:organization", self._name(network, "ltc:Network")),
                ("ltc:roleName", _text(rng.choice(("Founding member", "Board member",
                                                   "Representative of the Lombardy Region")))
                 if rng.random() < 0.15 else None),
            ], source)
            pilot = shared.pilots.get(network)
            if pilot and rng.random() < 0.3:
                self.w.node(f"membership:{self.slug}--{pilot.partition(':')[2]}",
                            "ltc:NetworkMembership", [
                                ("rdfs:label", _text(f"{acronym} in a pilot of the {label}")),
                                ("org:member", self.iri),
                                ("org:organization", self._name(pilot, "ltc:Unit")),
                            ], self.graph)

    def _projects(self, acronym: str, units: list[str]) -> list[str]:
        rng, shared, w = self.rng, self.shared, self.w
        count = min(60, int(rng.paretovariate(1.4) * 2.5))
        weights = shared.weights["programmes"]
        projects: list[str] = []
        boxes = 0
        for k in range(1, count + 1):
            iri = f"project:{self.slug}-{k:02d}"
            name = "".join(rng.choice(part) for part in _ACRONYM)
            label = shared.names.unique(name)
            funding = list(dict.fromkeys(rng.choices(shared.programmes, cum_weights=weights,
                                                     k=rng.choice((1, 1, 1, 2)))))
            if k == 1 and self._broken("undescribed-programme", iri,
                                       "ltc:fundingProgramme links to an undescribed node"):
                funding = [f"programme:synth-undescribed-{self.slug[6:]}"]
            else:
                funding = [self._name(p, "ltc:FundingProgramme") for p in funding]
            detailed = rng.random() < 0.4
            pairs: list[tuple[str, str | list[str] | None]] = [
                ("rdfs:label", _text(label)), ("ltc:acronym", _plain(label)),
                ("ltc:cluster", self.iri), ("ltc:fundingProgramme", funding),
            ]
            start = rng.randint(2019, 2024)
            end = start + rng.randint(1, 5)
            if detailed:
                countries = rng.sample(self.vocab.countries, rng.randint(1, 12))
                pairs += [
                    ("ltc:fullName", _text(f"{rng.choice(_TECH)} for "
                                           f"{rng.choice(_DOMAINS)} in European regions")),
                    ("dcterms:description", _text(
                        f"Made-up project of {acronym} on {rng.choice(_TECH).lower()}.")),
                    ("ltc:status", "vocab:ongoing" if end >= 2024 else "vocab:completed"),
                    ("schema:startDate", _year(start)), ("schema:endDate", _year(end)),
                    ("ltc:partnerCount", str(len(countries) + rng.randint(0, 30))),
                    ("ltc:countryCount", str(len(countries))),
                    ("ltc:participatingCountry",
                     [self._name(c, "ltc:Country") for c in countries]),
                    ("ltc:originatesFrom", rng.choice(units) if units and rng.random() < 0.3
                     else None),
                    ("ltc:relatedTo", rng.choice(projects) if projects and rng.random() < 0.2
                     else None),
                ]
                if rng.random() < 0.3:
                    pairs.append(("ltc:quantity", w.blank("schema:QuantitativeValue", [
                        ("schema:value", str(rng.randint(3, 200))),
                        ("schema:unitText", _text(rng.choice(
                            ("SMEs involved", "pilot sites", "technology providers",
                             "regions reached")))),
                        ("ltc:approximation", _plain(rng.choice(("around", "more than")))
                         if rng.random() < 0.3 else None),
                    ])))
            if k == 1 and self._broken("ends-before-it-starts", iri,
                                       "schema:startDate 2026 is after schema:endDate 2021"):
                pairs = [p for p in pairs if p[0] not in ("schema:startDate", "schema:endDate")]
                pairs += [("schema:startDate", _year(2026)), ("schema:endDate", _year(2021))]
            w.node(iri, "ltc:Project", pairs, self.graph)
            projects.append(iri)
            if detailed:
                self._roles(iri, label, acronym, units)
                boxes += 1
                self._synergy(boxes, iri, label)
        if rng.random() < 0.2:
            boxes += 1
            self._synergy(boxes, self.iri, acronym)
        return projects

    def _roles(self, project: str, label: str, acronym: str, units: list[str]) -> None:
        rng = self.rng
        holders = [self.iri] + ([rng.choice(self.shared.organisations)]
                                if rng.random() < 0.3 else [])
        if units and rng.random() < 0.2:
            holders.append(rng.choice(units))
        for holder in holders:
            short = holder.partition(":")[2]
            role = rng.choice(_ROLES)
            if holder.startswith("organisation:"):
                self._name(holder, "ltc:Organisation")
            self.w.node(f"role:{short}--{project.partition(':')[2]}", "ltc:ProjectRole", [
                ("rdfs:label", _text(f"{short} in {label}: {role.lower()}")),
                ("ltc:roleHolder", holder),
                ("ltc:roleIn", project),
                ("ltc:roleName", _text(role)),
            ], self.graph)

    def _synergy(self, box: int, of: str, label: str) -> None:
        rng = self.rng
        component, notation, wording = rng.choice(self.vocab.components)
        reference = self.w.blank("ltc:PNRRReference", [
            ("ltc:component", self._name(component, "ltc:PNRRComponent")),
            ("ltc:statedNotation", _plain(notation)),
            ("ltc:statedLabel", _text(wording)),
        ])
        ecosystems = rng.sample(self.vocab.s3, rng.randint(1, 2))
        self.w.node(f"synergy:{self.slug}-{box}", "ltc:Synergy", [
            ("rdfs:label", _text(f"{self.slug} synergies, box {box} ({label})")),
            ("ltc:cluster", self.iri),
            ("ltc:synergyOf", of),
            ("ltc:s3Ecosystem", [self._name(e, "ltc:S3Ecosystem") for e in ecosystems]),
            ("ltc:pnrrReference", reference),
            ("skos:editorialNote", _text(
                "Paired by order: one box per detailed project." if of != self.iri else
                "The source does not say which project the box belongs to.")),
        ], self.graph)

    def _stories(self, acronym: str, projects: list[str]) -> None:
        rng = self.rng
        for k, topic in enumerate(rng.sample(_TECH, rng.randint(0, 4)), start=1):
            about = rng.choice(projects) if projects and rng.random() < 0.6 else \
                self._name(rng.choice(self.shared.programmes), "ltc:FundingProgramme")
            years = sorted(rng.sample(range(2016, 2025), rng.choice((1, 1, 2))))
            kind = rng.choice(("Roadmap", "Protocol", "Joint laboratory", "Open challenge"))
            self.w.node(f"story:{self.slug}-{k}", "ltc:SuccessStory", [
                ("rdfs:label", _text(f"{acronym}: {kind} on {topic.lower()}")),
                ("dcterms:description", _text(f"How {acronym} turned its work on "
                                              f"{topic.lower()} into a lasting result.")),
                ("ltc:cluster", self.iri),
                ("dcterms:date", [_year(y) for y in years]),
                ("ltc:about", about),
            ], self.graph)

    def _events(self, acronym: str) -> None:
        rng = self.rng
        for k in range(1, min(25, int(rng.paretovariate(1.3)) - 1) + 1):
            city = rng.choice(self.shared.cities)
            start = date(2023, 1, 1) + timedelta(days=rng.randrange(3 * 365))
            end = start + timedelta(days=rng.choice((0, 0, 1, 2, 3, 4)))
            label = self.shared.names.unique(
                f"{city.name} {rng.choice(_EVENTS)} {start.year}")
            self.w.node(f"event:{self.slug}-{k}", "ltc:Event", [
                ("rdfs:label", _text(label)),
                ("schema:startDate", _day(start)), ("schema:endDate", _day(end)),
                ("ltc:location", self._name(city.iri, "ltc:City")),
                ("ltc:participant", self.iri), ("ltc:cluster", self.iri),
                ("ltc:organiser", self._name(rng.choice(self.shared.organisations),
                                             "ltc:Organisation")
                 if rng.random() < 0.2 else None),
            ], self.graph)
