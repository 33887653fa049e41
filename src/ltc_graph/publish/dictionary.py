"""The data dictionary: what the data says, class by class, generated from the data and the
ontology so that it never drifts from either.

For each class the data uses: its label and definition (English and Italian), how many
resources it has, and every property they use (the project's own and borrowed ones) with its
label and definition, how often, the kinds of value it takes, the controlled values when
they come from a SKOS scheme, and an example. Then every scheme with its values, IRIs and
labels in both languages. The command line writes it as docs/dictionary.md (`ltc-graph
dictionary`), the site shows it at /dictionary. The queries run through whatever answers
SPARQL with the project's prefixes (the query service, or a store on the command line).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from ..namespaces import PREFIXES, shorten
from .patterns import PATTERNS

Rows = Callable[[str], list[dict[str, str]]]  # a SELECT's rows as {variable: value}

DATA = "GRAPH ?g { ?s ?p ?o } FILTER(?g != g:ontology && ?g != g:shapes)"
TERMS = """SELECT ?term ?lang ?label ?definition WHERE {
  GRAPH g:ontology { ?term rdfs:label ?label BIND(LANG(?label) AS ?lang)
    OPTIONAL { ?term skos:definition ?definition FILTER(LANG(?definition) = ?lang) } }
} ORDER BY ?term ?lang"""
CLASSES = """SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {
  GRAPH ?g { ?s a ?class } FILTER(?g != g:ontology && ?g != g:shapes)
} GROUP BY ?class ORDER BY ?class"""
USES = f"""SELECT ?class ?p (COUNT(*) AS ?uses) (COUNT(DISTINCT ?s) AS ?subjects)
  (SAMPLE(?s) AS ?subject) WHERE {{ {DATA} ?s a ?class }}
GROUP BY ?class ?p ORDER BY ?class ?p"""
KINDS = f"""SELECT DISTINCT ?class ?p ?kind WHERE {{ {DATA} ?s a ?class
  OPTIONAL {{ GRAPH ?h {{ ?o a ?target }} }}
  BIND(IF(isLITERAL(?o), IF(LANG(?o) != "", "@text", STR(DATATYPE(?o))),
          IF(BOUND(?target), STR(?target), IF(isBLANK(?o), "_:", "<>"))) AS ?kind)
}} ORDER BY ?class ?p ?kind"""
LANGUAGES = f"""SELECT DISTINCT ?class ?p ?lang WHERE {{ {DATA} ?s a ?class
  FILTER(isLITERAL(?o) && LANG(?o) != "") BIND(LANG(?o) AS ?lang) }} ORDER BY ?lang"""
EXAMPLES = f"""SELECT ?class ?p (SAMPLE(?shown) AS ?example) WHERE {{ {DATA} ?s a ?class
  BIND(IF(isBLANK(?o), "[ ... ]", IF(isIRI(?o), CONCAT("<", STR(?o), ">"), STR(?o))) AS ?shown)
}} GROUP BY ?class ?p"""
SCHEMES_USED = f"""SELECT DISTINCT ?class ?p ?scheme WHERE {{ {DATA} ?s a ?class .
  ?o skos:inScheme ?scheme }} ORDER BY ?scheme"""
SCHEMES = """SELECT ?scheme ?schemeEn ?schemeIt ?concept ?notation ?en ?it WHERE {
  ?concept skos:inScheme ?scheme .
  OPTIONAL { ?scheme rdfs:label|skos:prefLabel ?schemeEn FILTER(LANG(?schemeEn) = "en") }
  OPTIONAL { ?scheme rdfs:label|skos:prefLabel ?schemeIt FILTER(LANG(?schemeIt) = "it") }
  OPTIONAL { ?concept skos:notation ?notation }
  OPTIONAL { ?concept skos:prefLabel|rdfs:label ?en FILTER(LANG(?en) = "en") }
  OPTIONAL { ?concept skos:prefLabel|rdfs:label ?it FILTER(LANG(?it) = "it") }
} ORDER BY ?scheme ?notation ?concept"""
LITERALS = {"@text": "text", "_:": "a nested node", "<>": "an IRI (outside the dataset)"}


@dataclass
class Term:
    """A class or a property: its IRI, and label and definition by language."""

    iri: str
    labels: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return shorten(self.iri)

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("en", "")

    def definition(self, lang: str) -> str:
        return self.definitions.get(lang) or self.definitions.get("en", "")


@dataclass
class Use:
    """One property as the resources of one class use it."""

    term: Term
    uses: int
    subjects: int
    kinds: list[str]
    languages: list[str]
    schemes: list[str]
    example: str
    subject: str


@dataclass
class Entry:
    term: Term
    instances: int
    uses: list[Use]


@dataclass
class Value:
    iri: str
    notation: str
    labels: dict[str, str]


@dataclass
class Dictionary:
    entries: list[Entry]
    schemes: dict[str, list[Value]]
    terms: dict[str, Term]

    def scheme_label(self, iri: str, lang: str) -> str:
        return self.terms[iri].label(lang) if iri in self.terms else shorten(iri)


def build(rows: Rows) -> Dictionary:
    """The dictionary of the data `rows` answers for (queries use the project's prefixes)."""
    terms: dict[str, Term] = {}
    for row in rows(TERMS):
        term = terms.setdefault(row["term"], Term(row["term"]))
        term.labels.setdefault(row["lang"], row["label"])
        if "definition" in row:
            term.definitions.setdefault(row["lang"], row["definition"])
    facts: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for query, column in ((KINDS, "kind"), (LANGUAGES, "lang"), (SCHEMES_USED, "scheme")):
        for row in rows(query):
            facts[row["class"], row["p"]][column].append(row[column])
    examples = {(r["class"], r["p"]): r["example"] for r in rows(EXAMPLES)}
    uses: dict[str, list[Use]] = defaultdict(list)
    for row in rows(USES):
        key = (row["class"], row["p"])
        uses[row["class"]].append(Use(
            term=terms.get(row["p"], Term(row["p"])), uses=int(row["uses"]),
            subjects=int(row["subjects"]), kinds=facts[key]["kind"],
            languages=facts[key]["lang"], schemes=facts[key]["scheme"],
            example=examples.get(key, ""), subject=row["subject"]))
    entries = [Entry(terms.get(r["class"], Term(r["class"])), int(r["n"]),
                     sorted(uses[r["class"]], key=lambda u: (u.term.iri != RDF_TYPE,
                                                              u.term.name)))
               for r in rows(CLASSES)]
    entries.sort(key=lambda e: (not e.term.iri.startswith(PREFIXES["ltc"]), e.term.name))
    schemes: dict[str, list[Value]] = defaultdict(list)
    for row in rows(SCHEMES):
        named = terms.setdefault(row["scheme"], Term(row["scheme"]))
        for lang, column in (("en", "schemeEn"), ("it", "schemeIt")):
            if column in row:
                named.labels.setdefault(lang, row[column])
        schemes[row["scheme"]].append(Value(
            row["concept"], row.get("notation", ""),
            {lang: row[lang] for lang in ("en", "it") if lang in row}))
    return Dictionary(entries, dict(schemes), terms)


RDF_TYPE = PREFIXES["rdf"] + "type"


def kind_name(kind: str) -> str:
    """A value's kind as the dictionary names it: a class, a datatype or a kind of node."""
    if kind in LITERALS:
        return LITERALS[kind]
    return shorten(kind)


# The schemes the model itself or an official list defines, whose values must have labels in
# both languages; the technology areas and lines of action are named by the brochure alone.
BILINGUAL_SCHEMES = (PREFIXES["vocab"], PREFIXES["pnrr"], PREFIXES["s3"])


def undocumented(dictionary: Dictionary) -> list[str]:
    """The classes, properties and controlled values the data uses whose label or definition
    is missing in English or Italian: what the ontology must still document."""
    missing = []
    seen: set[str] = set()
    for entry in dictionary.entries:
        for term in (entry.term, *(use.term for use in entry.uses)):
            if term.iri in seen:
                continue
            seen.add(term.iri)
            for lang in ("en", "it"):
                if not term.labels.get(lang):
                    missing.append(f"{term.name}: no {lang} label")
                if not term.definitions.get(lang):
                    missing.append(f"{term.name}: no {lang} definition")
    for scheme, values in dictionary.schemes.items():
        if not scheme.startswith(BILINGUAL_SCHEMES):
            continue
        for value in values:
            for lang in ("en", "it"):
                if not value.labels.get(lang):
                    missing.append(f"{shorten(value.iri)} ({shorten(scheme)}): no {lang} label")
    return missing


def markdown(dictionary: Dictionary, lang: str = "en") -> str:
    """The dictionary as a Markdown page (docs/dictionary.md)."""
    lines = ["# Data dictionary", "",
             "Generated from the data and the ontology by `ltc-graph dictionary`; a test keeps "
             "it current. First the patterns that ask when, where and in which network, "
             "whatever the class. Then, for each class the data uses: how many resources it "
             "has, and every property they use, with how often, the kinds of value it takes "
             "and an example (as the sources state them: the statements the served graph "
             "derives are in the patterns). Then the controlled values of each scheme. The "
             "same page is at `/dictionary` on the server, in English and Italian.", "",
             "## Patterns: when, where and networks", ""]
    for pattern in PATTERNS:
        lines += [f"### {pattern.title[lang]}", "", pattern.text[lang], "", "```sparql",
                  pattern.query, "```", ""]
    lines += ["## Classes", ""]
    lines += [f"- [{_title(e.term, lang)}](#{_anchor(_title(e.term, lang))}), {e.instances}"
              for e in dictionary.entries]
    lines += ["- [Controlled values](#controlled-values)", ""]
    for entry in dictionary.entries:
        lines += [f"## {_title(entry.term, lang)}", ""]
        if text := entry.term.definition(lang):
            lines += [text, ""]
        lines += [f"{entry.instances} resources.", "",
                  "| property | meaning | uses | values | example |", "|---|---|---|---|---|"]
        for use in entry.uses:
            values = ", ".join(kind_name(k) for k in use.kinds)
            if use.languages:
                values += f" ({', '.join(use.languages)})"
            if use.schemes:
                values += "; from " + ", ".join(
                    f"[{dictionary.scheme_label(s, lang)}]"
                    f"(#{_anchor(_scheme_title(dictionary, s, lang))})" for s in use.schemes)
            meaning = use.term.label(lang)
            if definition := use.term.definition(lang):
                meaning += f": {definition}"
            lines.append(f"| `{use.term.name}` | {_cell(meaning)} | {use.uses} in "
                         f"{use.subjects} | {_cell(values)} | {_cell(_short(use.example))} |")
        lines.append("")
    lines += ["## Controlled values", ""]
    for scheme, values in sorted(dictionary.schemes.items()):
        lines += [f"### {_scheme_title(dictionary, scheme, lang)}", "",
                  "| value | notation | English | Italian |", "|---|---|---|---|"]
        lines += [f"| `{shorten(v.iri)}` | {v.notation} | {_cell(v.labels.get('en', ''))} | "
                  f"{_cell(v.labels.get('it', ''))} |" for v in values]
        lines.append("")
    return "\n".join(lines)


def _title(term: Term, lang: str) -> str:
    return f"{term.label(lang) or term.name} (`{term.name}`)"


def _scheme_title(dictionary: Dictionary, scheme: str, lang: str) -> str:
    return f"{dictionary.scheme_label(scheme, lang)} (`{shorten(scheme)}`)"


def _anchor(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as -."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in " -_")
    return kept.replace(" ", "-")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _short(example: str) -> str:
    """An example value as a reader takes it in: IRIs as prefixed names, long text cut."""
    if example.startswith("<") and example.endswith(">"):
        return f"`{shorten(example[1:-1])}`"
    return example if len(example) <= 60 else example[:57] + "…"
