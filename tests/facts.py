"""Helpers for the fact tests: find nodes by the names the brochure prints, read their values."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from rdflib.query import ResultRow

Box = tuple[frozenset[str], frozenset[tuple[str, str, str]]]
Select = Callable[[str], list[ResultRow]]


def named(select: Select, pattern: str) -> dict[str, set[str]]:
    """Every ?x bound by `pattern`, with all the names it goes by (labels, acronyms, both)."""
    rows = select(
        f"""SELECT DISTINCT ?x ?nameKind ?nameText WHERE {{
            {{ {pattern} }}
            OPTIONAL {{
                {{ ?x rdfs:label|skos:altLabel|skos:prefLabel ?nameText
                   BIND("label" AS ?nameKind) }}
                UNION {{ ?x ltc:acronym ?nameText BIND("acronym" AS ?nameKind) }}
            }}
        }}"""
    )
    labels: dict[str, set[str]] = {}
    acronyms: dict[str, set[str]] = {}
    for r in rows:
        labels.setdefault(str(r.x), set())
        acronyms.setdefault(str(r.x), set())
        if r.nameText is not None:
            kind = labels if str(r.nameKind) == "label" else acronyms
            kind[str(r.x)].add(str(r.nameText))
    return {
        x: labels[x] | acronyms[x] | {f"{lab} ({acr})" for lab in labels[x] for acr in acronyms[x]}
        for x in labels
    }


def match(expected: set[str], found: dict[str, set[str]]) -> dict[str, str]:
    """Pair each expected name with the one node that bears it; no node left over."""
    pairs: dict[str, str] = {}
    for name in expected:
        hits = [iri for iri, names in found.items() if name in names]
        assert len(hits) == 1, f"{name!r} names {len(hits)} nodes: {hits}"
        pairs[name] = hits[0]
    assert set(pairs.values()) == set(found), f"unexpected: {set(found) - set(pairs.values())}"
    return pairs


def the(select: Select, name: str, pattern: str = "?x a ltc:Project .") -> str:
    """The IRI (in angle brackets) of the one node bound to ?x by `pattern` named `name`."""
    hits = [iri for iri, names in named(select, pattern).items() if name in names]
    assert len(hits) == 1, f"{name!r} names {len(hits)} nodes: {hits}"
    return f"<{hits[0]}>"


def names_of(select: Select, node: str) -> set[str]:
    """All the names a node goes by."""
    found = named(select, f"VALUES ?x {{ {node} }}")
    assert len(found) == 1
    return next(iter(found.values()))


def values(select: Select, query: str) -> list[str]:
    """The first column of a SELECT, as sorted strings."""
    return sorted(str(r[0]) for r in select(query))


def roles(select: Select, holder: str, project: str) -> list[str]:
    """The names of the roles `holder` plays in `project`, sorted."""
    return values(
        select,
        f"SELECT ?n WHERE {{ ?r ltc:roleHolder {holder} ; ltc:roleIn {project} ; "
        "ltc:roleName ?n }",
    )


def span(select: Select, project: str) -> list[tuple[str, str, int]]:
    """A project's (start, end, partner count), as stated."""
    rows = select(
        f"""SELECT ?s ?e ?n WHERE {{ {project} schema:startDate ?s ; schema:endDate ?e ;
            ltc:partnerCount ?n }}"""
    )
    return [(str(r.s), str(r.e), int(r.n)) for r in rows]


def quantities(select: Select, node: str) -> set[tuple[int, str | None]]:
    """The figures stated about a node: (value, qualifier such as "around" or None)."""
    rows = select(
        f"""SELECT ?v ?q WHERE {{ {node} ltc:quantity ?x . ?x schema:value ?v .
            OPTIONAL {{ ?x ltc:approximation ?q }} }}"""
    )
    return {(int(r.v), None if r.q is None else str(r.q).lower()) for r in rows}


def seats(select: Select, cluster: str) -> dict[str, dict[str, set[str]]]:
    """The seats of a cluster by full address: postcodes, city names, countries, site types."""
    rows = select(
        f"""SELECT ?full ?pc ?cityname ?country ?type WHERE {{
            {cluster} org:hasSite ?site . ?site org:siteAddress ?a . ?a locn:fullAddress ?full .
            OPTIONAL {{ ?a locn:postCode ?pc }}
            OPTIONAL {{ ?a ltc:city ?city . ?city rdfs:label|skos:altLabel ?cityname }}
            OPTIONAL {{ ?a ltc:country ?c . ?c skos:notation ?country }}
            OPTIONAL {{ ?site ltc:siteType ?t . ?t skos:notation ?type }}
        }}"""
    )
    found: dict[str, dict[str, set[str]]] = {}
    for r in rows:
        entry = found.setdefault(
            str(r.full), {"pc": set(), "city": set(), "country": set(), "type": set()}
        )
        for key, value in (
            ("pc", r.pc),
            ("city", r.cityname),
            ("country", r.country),
            ("type", r.type),
        ):
            if value is not None:
                entry[key].add(str(value))
    return found


def synergy_boxes(select: Select, cluster: str) -> Counter[Box]:
    """Each synergy box of the cluster as (S3 ecosystem labels, PNRR references)."""
    scope = f"""{{ ?s ltc:cluster {cluster} }} UNION {{ ?s ltc:synergyOf {cluster} }}
        UNION {{ ?s ltc:synergyOf ?p . ?p ltc:cluster {cluster} }} ?s a ltc:Synergy ."""
    boxes: dict[str, tuple[set[str], set[tuple[str, str, str]]]] = {
        str(r.s): (set(), set()) for r in select(f"SELECT DISTINCT ?s WHERE {{ {scope} }}")
    }
    for r in select(
        f"""SELECT DISTINCT ?s ?l WHERE {{ {scope} ?s ltc:s3Ecosystem ?e .
            ?e rdfs:label ?l FILTER(lang(?l) = "en") }}"""
    ):
        boxes[str(r.s)][0].add(str(r.l))
    for r in select(
        f"""SELECT DISTINCT ?s ?ref ?n ?sn ?sl WHERE {{ {scope} ?s ltc:pnrrReference ?ref .
            ?ref ltc:component ?c ; ltc:statedNotation ?sn ; ltc:statedLabel ?sl .
            ?c skos:notation ?n }}"""
    ):
        boxes[str(r.s)][1].add((str(r.n), str(r.sn), str(r.sl)))
    return Counter((frozenset(e), frozenset(p)) for e, p in boxes.values())


def box(s3: set[str], *refs: tuple[str, str, str]) -> Box:
    """A synergy box: S3 ecosystems and (component, number as printed, wording as printed)."""
    return frozenset(s3), frozenset(refs)
