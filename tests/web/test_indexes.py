"""The index pages in the app: `/id/` counts the instances of each kind's classes (counted
here from the graph, not written down), the cluster system and the concept schemes apart;
`/id/KIND/` lists every instance with the columns that matter for the kind."""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser

import pytest
from flask.testing import FlaskClient
from rdflib.query import ResultRow

from ltc_graph.queries.search import KINDS, fold

BASE = "https://w3id.org/ltc"
ID = BASE + "/id/"
Select = Callable[[str], list[ResultRow]]


def page(client: FlaskClient, path: str) -> str:
    response = client.get(path, headers={"Accept": "text/html"})
    assert (response.status_code, response.mimetype) == (200, "text/html"), path
    return response.get_data(as_text=True)


def instances(select: Select, *classes: str) -> set[str]:
    values = " ".join(f"<{c}>" for c in classes)
    return {str(r[0]) for r in select(f"SELECT DISTINCT ?s {{ VALUES ?c {{ {values} }} ?s a ?c }}")}


class _Table(HTMLParser):
    """The index's table: its column names, and per row each cell's text and links."""

    def __init__(self) -> None:
        super().__init__()
        self.head: list[str] = []
        self.rows: list[list[tuple[str, list[str]]]] = []
        self.cell: list[str] | None = None
        self.links: list[str] = []
        self.part = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("thead", "tbody"):
            self.part = tag
        elif tag == "tr" and self.part == "tbody":
            self.rows.append([])
        elif tag in ("td", "th") and self.part:
            self.cell, self.links = [], []
        elif tag == "a" and self.cell is not None:
            self.links.append(dict(attrs)["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            text = " ".join("".join(self.cell).split())
            if self.part == "thead":
                self.head.append(text)
            else:
                self.rows[-1].append((text, self.links))
            self.cell = None
        elif tag == "table":
            self.part = ""

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def table(client: FlaskClient, path: str) -> tuple[list[str], list[dict[str, tuple]]]:
    parser = _Table()
    parser.feed(page(client, path))
    return parser.head, [dict(zip(parser.head, row, strict=True)) for row in parser.rows]


def test_the_index_of_indexes_counts_instances_of_each_kinds_classes(
        client: FlaskClient, select: Select) -> None:
    html = page(client, "/id/?lang=en")
    shown = {kind: int(n) for kind, n in re.findall(
        r'<a href="/id/([a-z0-9-]+)/">[^<]+</a> <span class="count" data-count="(\d+)">', html)}
    expected = {k.slug: len(instances(select, *k.classes)) for k in KINDS if k.indexed}
    assert shown == {slug: n for slug, n in expected.items() if n}
    assert shown["cluster"] == len(instances(select, "https://w3id.org/ltc/ontology#Cluster"))
    assert shown["s3"] == len(instances(select, "https://w3id.org/ltc/ontology#S3Ecosystem"))


def test_clusters_and_ecosystems_are_not_counted_with_their_scheme_or_system(
        client: FlaskClient, select: Select) -> None:
    html = page(client, "/id/?lang=en")
    under = {kind: len({str(r[0]) for r in select(f"""SELECT DISTINCT ?s {{ ?s a ?t
        FILTER(STRSTARTS(STR(?s), "{ID}{kind}/")) }}""")}) for kind in ("cluster", "s3")}
    assert under == {"cluster": 10, "s3": 9}  # the IRIs include the system and the scheme
    assert '<a href="/id/cluster/">Clusters</a> <span class="count" data-count="9">' in html
    assert ('<a href="/id/s3/">S3 innovation ecosystems</a> <span class="count" '
            'data-count="8">') in html
    schemes = html.split("<h2>Schemes and systems</h2>", 1)[1]
    assert '<a href="/id/cluster/lombardy-technology-clusters">9 Lombardy Technology ' \
           'Clusters</a> <span class="kind">Cluster system</span>' in schemes
    assert '<a href="/id/s3/scheme">' in schemes


def test_clusters_with_their_acronyms_members_and_projects(client: FlaskClient,
                                                          select: Select) -> None:
    head, rows = table(client, "/id/cluster/?lang=en")
    assert head == ["Name", "Acronym or code", "Members", "Projects"]
    clusters = instances(select, "https://w3id.org/ltc/ontology#Cluster")
    assert sorted(r["Name"][1][0] for r in rows) == sorted(c[len(BASE):] for c in clusters)
    for row in rows:
        iri = BASE + row["Name"][1][0]
        acronym = [str(r[0]) for r in select(f"SELECT ?a {{ <{iri}> ltc:acronym ?a }}")]
        members = [str(r[0]) for r in select(f"""SELECT ?v {{ ?c ltc:countOf <{iri}> ;
            ltc:memberCategory vocab:all-members ; schema:value ?v }}""")]
        projects = select(f"SELECT (COUNT(DISTINCT ?p) AS ?n) {{ ?p ltc:cluster <{iri}> ; "
                          "a ltc:Project }")[0][0]
        assert row["Acronym or code"][0] == "".join(acronym)
        assert row["Members"][0] == ", ".join(members)
        assert row["Projects"][0] == (str(projects) if int(projects) else "")
    afil = next(r for r in rows if r["Name"][1] == ["/id/cluster/afil"])
    assert (afil["Acronym or code"][0], afil["Members"][0]) == ("AFIL", "143")


def test_each_project_with_the_clusters_it_belongs_to(client: FlaskClient,
                                                     select: Select) -> None:
    head, rows = table(client, "/id/project/?lang=en")
    assert head[:3] == ["Name", "Acronym or code", "Clusters"]
    projects = instances(select, "https://w3id.org/ltc/ontology#Project",
                         "https://schema.org/Project")
    assert len(rows) == len(projects) == 49
    for row in rows:
        iri = BASE + row["Name"][1][0]
        clusters = {"/id/" + str(r[0])[len(ID):] for r in select(
            f"SELECT ?c {{ <{iri}> ltc:cluster ?c }}")}
        assert set(row["Clusters"][1]) == clusters, iri
    names = [fold(r["Name"][0]) for r in rows]
    assert names == sorted(names)  # in order of name without the script
    plastix = next(r for r in rows if r["Name"][1] == ["/id/project/plastix"])
    assert plastix["Clusters"] == ("AFIL", ["/id/cluster/afil"])


@pytest.mark.parametrize(("kind", "column", "counted"), [
    ("network", "Clusters", "?m org:organization <{iri}> ; org:member ?x . ?x a ltc:Cluster"),
    ("programme", "Projects", "?x ltc:fundingProgramme <{iri}>"),
    ("s3", "Clusters of reference", "?x ltc:referenceEcosystem <{iri}>"),
])
def test_a_count_that_means_something_for_the_kind(client: FlaskClient, select: Select,
                                                  kind: str, column: str,
                                                  counted: str) -> None:
    _, rows = table(client, f"/id/{kind}/?lang=en")
    assert rows
    for row in rows:
        iri = BASE + row["Name"][1][0]
        n = int(select("SELECT (COUNT(DISTINCT ?x) AS ?n) { "
                       + counted.format(iri=iri) + " }")[0][0])
        assert row[column][0] == (str(n) if n else ""), iri


def test_the_kind_in_the_page_language(client: FlaskClient) -> None:
    head, rows = table(client, "/id/pnrr/?lang=en")
    assert head == ["Name", "Acronym or code", "Type", "Cited by synergies"]
    m2c1 = next(r for r in rows if r["Name"][1] == ["/id/pnrr/M2C1"])
    assert (m2c1["Name"][0], m2c1["Acronym or code"][0], m2c1["Type"][0]) == (
        "Circular economy and sustainable agriculture", "M2C1", "PNRR component")
    html = page(client, "/id/pnrr/?lang=it")
    assert '<a href="/id/pnrr/M2C1">Economia circolare e agricoltura sostenibile</a>' in html
    assert "<span>Componente PNRR</span>" in html
    places = page(client, "/id/place/?lang=it")
    assert '<a href="/id/place/berlin" lang="en">Berlin</a>' in places
    assert '<a href="/id/place/milano">Milano</a>' in places


def test_the_table_is_ready_for_its_script(client: FlaskClient) -> None:
    html = page(client, "/id/cluster/?lang=en")
    assert '<script src="/static/indexes.js" defer></script>' in html
    assert '<div class="filter" hidden>' in html  # shown by the script only
    assert '<th scope="col" data-type="number" class="number">Projects</th>' in html
    assert '<td data-label="Members" data-sort="143"' in html
    words = re.search(r'<script type="application/json" id="index-words">(.*?)</script>', html)
    assert words and unescape(words.group(1)) == '{"shown": "%(shown)s of %(total)s shown"}'
    assert "<caption>9 resources</caption>" in html


@pytest.mark.parametrize("path", ["/id/no-such-kind/", "/id/scheme/", "/id/section/",
                                  "/id/Cluster/"])
def test_no_index_for_what_is_not_a_kind(client: FlaskClient, path: str) -> None:
    assert client.get(path).status_code == 404
