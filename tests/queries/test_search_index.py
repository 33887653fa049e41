"""The search index without Flask, through the query service on the repository's graph:
accents and case ignored, words in any order, word starts and substrings, the ranking
(exact name, acronym, word starts, substrings), the kinds of the groups and the names a
page shows; the facts it must find are read from the graph."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from ltc_graph.queries.search import (
    ACRONYM_EXACT,
    EXACT,
    KINDS,
    NAMES_QUERIES,
    SUBSTRING,
    WORD_STARTS,
    SearchIndex,
    fold,
    grouped,
    index_of,
    words,
)
from ltc_graph.sparql.service import QueryService

ID = "https://w3id.org/ltc/id/"


@pytest.fixture(scope="module")
def index(service: QueryService) -> SearchIndex:
    return index_of(service, service.version())


def rows(service: QueryService, query: str) -> list[dict[str, str]]:
    return service.rows(query, predeclared=True)


def iris(index: SearchIndex, query: str, tier: int | None = None) -> list[str]:
    return [h.entry.iri for h in index.search(query) if tier is None or h.tier == tier]


def test_folding_drops_accents_and_case() -> None:
    assert fold("Fryslân") == "fryslan"
    assert fold("CITTÀ") == fold("città") == "citta"
    assert fold("Baden Württemberg") == "baden wurttemberg"
    assert words("MoSoRe@Unibs, Savinja-Šalek") == ["mosore", "unibs", "savinja", "salek"]


@pytest.mark.parametrize("typed", ["Fryslan", "fryslân", "FRYSLAN", "Fryslân"])
def test_fryslan_is_found_with_or_without_its_accent(index: SearchIndex, typed: str) -> None:
    hits = index.search(typed)
    assert [(h.entry.iri, h.entry.label("en").text, h.tier) for h in hits] == [
        (ID + "place/fryslan", "Fryslân", EXACT)]


def test_every_accented_name_is_found_typed_without_accents(index: SearchIndex,
                                                            service: QueryService) -> None:
    accented = rows(service, """SELECT DISTINCT ?s ?l WHERE {
        ?s rdfs:label|skos:prefLabel|skos:altLabel|foaf:name ?l
        FILTER(REGEX(?l, "[àèéìòùâêîôûäëïöüñçãõåšž]", "i")
               && STRSTARTS(STR(?s), "https://w3id.org/ltc/")) }""")
    assert len(accented) >= 20  # Fryslân, Värmland, Türkiye, città, sostenibilità, ...
    for row in accented:
        plain = fold(row["l"])  # "Fryslân" typed "fryslan"
        assert row["s"] in iris(index, plain, EXACT), (row["l"], plain)


def test_citta_finds_the_class_city_by_its_italian_name(index: SearchIndex) -> None:
    hits = index.search("citta")
    assert {(h.entry.iri.rsplit("#")[-1], h.matched.text, h.matched.lang) for h in hits} == {
        ("City", "Città", "it"), ("city", "città", "it")}
    assert all(h.tier == EXACT for h in hits)


def test_an_acronym_finds_its_cluster_first(index: SearchIndex, service: QueryService) -> None:
    acronyms = rows(service, "SELECT ?c ?a WHERE { ?c a ltc:Cluster ; ltc:acronym ?a }")
    assert {r["a"] for r in acronyms} >= {"AFIL", "LE2C"}
    for row in acronyms:
        for typed in (row["a"], row["a"].lower()):
            first = index.search(typed)[0]
            assert (first.entry.iri, first.tier, first.matched.text) == (
                row["c"], ACRONYM_EXACT, row["a"]), typed


def test_afil_and_le2c_then_the_resources_that_name_them(index: SearchIndex) -> None:
    afil = index.search("AFIL")
    assert afil[0].entry.iri == ID + "cluster/afil"
    assert afil[0].entry.label("en").text == "Lombardy Intelligent Factory Association"
    assert {h.tier for h in afil[1:]} == {WORD_STARTS}  # "AFIL headquarters, Milan", ...
    assert index.search("le2c")[0].entry.iri == ID + "cluster/energy"


def test_every_italian_label_finds_its_resource(index: SearchIndex,
                                                service: QueryService) -> None:
    italian = rows(service, """SELECT ?s ?l WHERE { ?s rdfs:label ?l
        FILTER(LANG(?l) = "it" && STRSTARTS(STR(?s), "https://w3id.org/ltc/id/")) }""")
    assert len(italian) >= 80
    for row in italian:
        assert row["s"] in iris(index, row["l"], EXACT), row["l"]
    sustainability = index.search("sostenibilita")
    assert [(h.entry.iri, h.matched.text, h.matched.lang) for h in sustainability] == [
        (ID + "s3/sustainability", "Sostenibilità", "it")]


def test_words_in_any_order_and_the_start_of_a_word(index: SearchIndex) -> None:
    assert iris(index, "cluster aerospace lombardia", WORD_STARTS)[0] == ID + "cluster/aerospace"
    assert iris(index, "clus aero lomb", WORD_STARTS)[0] == ID + "cluster/aerospace"
    aero = index.search("aero")
    assert {h.tier for h in aero} == {WORD_STARTS}
    assert {ID + "cluster/aerospace", ID + "area/aerospace"} <= {h.entry.iri for h in aero}
    assert all("aero" in " ".join(h.matched.words) for h in aero)


def test_a_substring_matches_after_every_word_start(index: SearchIndex) -> None:
    hits = index.search("space")
    tiers = [h.tier for h in hits]
    assert tiers == sorted(tiers)
    assert ID + "cluster/aerospace" in [h.entry.iri for h in hits if h.tier == SUBSTRING]
    assert {h.tier for h in hits} == {WORD_STARTS, SUBSTRING}


def test_exact_names_first_then_acronyms_word_starts_substrings(index: SearchIndex) -> None:
    hits = index.search("aerospace")
    assert [(h.entry.iri, h.tier) for h in hits[:2]] == [
        (ID + "cluster/aerospace", EXACT), (ID + "area/aerospace", EXACT)]
    assert [h.tier for h in hits] == sorted(h.tier for h in hits)
    assert [kind.slug for kind, _ in grouped(hits)] == [
        "cluster", "area", "event", "network", "membership", "section"]


def test_groups_come_in_the_order_of_their_best_hit(index: SearchIndex) -> None:
    hits = index.search("milan")
    groups = grouped(hits)
    firsts = [hits.index(group[0]) for _, group in groups]
    assert firsts == sorted(firsts)
    assert sum(len(group) for _, group in groups) == len(hits)
    assert [kind.slug for kind, _ in groups] == [
        "place", "organisation", "role", "event", "story", "site"]
    assert groups[0][1][0].entry.iri == ID + "place/milano"


def test_nothing_to_search_finds_nothing(index: SearchIndex) -> None:
    assert index.search("") == index.search("  ,; ") == []
    assert index.search("zzzqqq") == []


def test_each_resource_has_the_kind_of_its_classes(index: SearchIndex,
                                                  service: QueryService) -> None:
    for kind in KINDS:
        values = " ".join(f"<{c}>" for c in kind.classes)
        # the classes the sources state (the served graph also types a city as a place)
        found = {r["s"] for r in rows(service, f"""SELECT DISTINCT ?s WHERE {{
            VALUES ?c {{ {values} }} GRAPH ?g {{ ?s a ?c }} FILTER(isIRI(?s)) }}""")}
        kinds = {index.entry(iri).kind.slug for iri in found if index.entry(iri)}
        earlier = {k.slug for k in KINDS[:KINDS.index(kind)]}
        assert kinds <= {kind.slug} | earlier, kind.slug
    assert index.entry(ID + "cluster/lombardy-technology-clusters").kind.slug == "scheme"
    assert index.entry(ID + "s3/scheme").kind.slug == "scheme"
    assert index.entry(ID + "document/s3-lombardia-2021-2027").kind.slug == "document"


def test_names_in_the_page_language_with_english_the_fallback(index: SearchIndex) -> None:
    milano = index.entry(ID + "place/milano")
    assert (milano.label("it").text, milano.label("it").lang) == ("Milano", "it")
    assert (milano.label("en").text, milano.label("en").lang) == ("Milan", "en")
    berlin = index.entry(ID + "place/berlin")
    assert (berlin.label("it").text, berlin.label("it").lang) == ("Berlin", "en")
    afil = index.entry(ID + "cluster/afil")
    assert afil.acronym() == "AFIL"
    assert afil.label("it").text == "Lombardy Intelligent Factory Association"
    city = index.type_label(milano, "it")
    assert city is not None and (city.text, city.lang) == ("Città", "it")


@dataclass
class Counting:
    """A query service that counts the queries it is asked."""

    inner: QueryService
    asked: list[str] = field(default_factory=list)

    def rows(self, text: str, *args: object, **kwargs: object) -> list[dict[str, str]]:
        self.asked.append(text)
        return self.inner.rows(text, *args, **kwargs)  # type: ignore[arg-type]


def test_the_index_is_built_with_its_queries_once_per_data_version(
        service: QueryService) -> None:
    counting = Counting(service)
    queries = len(NAMES_QUERIES) + 1  # a query per naming property, one for the types
    first = index_of(counting, "version-a")  # type: ignore[arg-type]
    assert index_of(counting, "version-a") is first  # type: ignore[arg-type]
    assert len(counting.asked) == queries == len(set(counting.asked))
    second = index_of(counting, "version-b")  # type: ignore[arg-type]
    assert second is not first and len(counting.asked) == 2 * queries
    assert len(second.entries) == len(first.entries) > 500
