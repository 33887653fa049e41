"""The dashboard's figures without a browser: the canned queries behind them (on every store),
how their answers become figures, the gazetteer, and the page a reader without JavaScript gets.

Expected figures are read off the brochure (as in test_queries.py); coordinates and GeoNames
identifiers off geonames.org.
"""

from __future__ import annotations

import gzip
import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from backends import Backend, select
from ltc_graph.queries.registry import NamedQuery
from ltc_graph.store import GraphStore
from ltc_graph.web.figures import data as figures
from ltc_graph.web.figures import describe
from ltc_graph.web.figures.gazetteer import locate, locate_all
from servers import fetch, running_server

ROOT = Path(__file__).resolve().parents[2]
ID = "https://w3id.org/ltc/id/"


@pytest.fixture(scope="module")
def store(backend: Backend) -> GraphStore:
    return backend.open()


def answer(store: GraphStore, name: str, **params: str) -> list[figures.Row]:
    """A canned query's rows as the dashboard gets them (unbound variables left out)."""
    query = NamedQuery.read(ROOT / "queries" / f"{name}.rq")
    answer = select(store, query.body, query.bindings(params))
    return [{c: term["value"] for c, term in row.items()}
            for row in answer["results"]["bindings"]]


def tail(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


# The canned queries behind the figures, on every store


def test_members_by_cluster_leaves_unstated_figures_blank(store: GraphStore) -> None:
    rows = {tail(r["cluster"]): tuple(r.get(k) for k in ("total", "companies", "research",
                                                          "other"))
            for r in answer(store, "members-by-cluster")}
    assert rows == {
        "afil": ("143", None, None, None), "agrifood": (None, None, None, None),
        "aerospace": ("114", "106", "6", "2"), "energy": ("140", "104", "10", "26"),
        "green-chemistry": (None, None, None, None), "mobility": (None, None, None, None),
        "life-sciences": ("114", "63", "36", "15"),
        "living-environments": ("31", "9", "13", "9"),
        "smart-communities": ("88", "69", "11", "8"),
    }
    assert all(r.get("total") is None for r in answer(store, "members-by-cluster", year="2023"))


def test_names_follow_the_language_with_english_as_the_fallback(store: GraphStore) -> None:
    italian = {tail(r["cluster"]): r["name"]
               for r in answer(store, "members-by-cluster", language="it")}
    assert italian["life-sciences"] == "Cluster lombardo scienze della vita"
    assert italian["energy"] == "Lombardy Energy Cleantech Cluster"  # no Italian label
    missions = {r["missionNotation"]: r["missionName"]
                for r in answer(store, "pnrr-components-by-cluster", language="it")}
    assert missions["M2"] == "Rivoluzione verde e transizione ecologica"
    events = answer(store, "events-by-year", language="it")
    assert [(r["precisionName"], r.get("countryName")) for r in events][:4] == [
        ("Anno", None), ("Giorno", "Turchia"), ("Giorno", "Italia"), ("Giorno", "Polonia")]
    shared = answer(store, "shared-memberships", language="it")
    assert {r.get("partnerName") for r in shared if tail(r["cluster"]) == "aerospace"} == {None}


def test_s3_ecosystems_by_cluster(store: GraphStore) -> None:
    rows = {(tail(r["cluster"]), tail(r["ecosystem"])): (r["reference"], int(r["synergies"]))
            for r in answer(store, "s3-ecosystems-by-cluster")}
    assert len(rows) == 20
    assert rows[("afil", "advanced-manufacturing")] == ("true", 2)
    assert rows[("afil", "sustainability")] == ("false", 1)
    assert rows[("smart-communities", "culture-and-knowledge")] == ("true", 0)
    assert {e for c, e in rows if rows[(c, e)][0] == "true"} == {
        "advanced-manufacturing", "connectivity-and-information", "culture-and-knowledge",
        "health-and-life-science", "nutrition", "smart-mobility-and-architecture",
        "social-development", "sustainability"}


def test_the_clusters_on_pnrr_mission_2_and_their_projects(store: GraphStore) -> None:
    rows = answer(store, "pnrr-components-by-cluster", mission="pnrr:M2")
    found = {(r["notation"], tail(r["cluster"]), tail(r["attachedTo"])) for r in rows}
    assert found == {
        ("M2C1", "agrifood", "agrifood-labour-conditions-farming"),
        ("M2C1", "agrifood", "agrifood-livestock-biosecurity"),
        ("M2C1", "energy", "syschemiq"), ("M2C1", "green-chemistry", "forest-ecovalue"),
        ("M2C1", "green-chemistry", "symbio"), ("M2C1", "afil", "plastix"),
        ("M2C2", "energy", "energy"), ("M2C2", "mobility", "mobility"),
        ("M2C3", "energy", "energy"),
    }
    only = answer(store, "pnrr-components-by-cluster", component="pnrr:M2C2")
    assert {tail(r["cluster"]) for r in only} == {"energy", "mobility"}
    every = answer(store, "pnrr-components-by-cluster")
    assert {r["missionNotation"] for r in every} == {"M1", "M2", "M3", "M4", "M6"}


def test_networks_and_programmes_shared_by_clusters(store: GraphStore) -> None:
    rows = answer(store, "shared-memberships")
    partners = {tail(r["partner"]): (r["kind"], int(r["clusters"])) for r in rows
                if "partner" in r}
    assert partners == {
        "european-cluster-collaboration-platform": ("network", 4),
        "vanguard-initiative": ("network", 5), "four-motors-of-europe": ("network", 3),
        "automotive-regions-alliance": ("network", 2), "c2future": ("network", 2),
        "eusalp": ("network", 2), "european-clean-hydrogen-alliance": ("network", 2),
        "horizon-europe": ("programme", 5), "cosme": ("programme", 3),
        "interreg-alpine-space": ("programme", 2), "i3": ("programme", 2),
        "cef": ("programme", 2), "horizon": ("programme", 2), "life": ("programme", 2),
    }
    for partner, (_, clusters) in partners.items():
        assert len({r["cluster"] for r in rows if tail(r.get("partner", "")) == partner}) \
            == clusters
    vanguard = {(tail(r["cluster"]), tail(r.get("via", "")), r.get("role", "")) for r in rows
                if tail(r.get("partner", "")) == "vanguard-initiative"}
    assert vanguard == {
        ("afil", "", ""), ("life-sciences", "", ""),
        ("energy", "", "Representative of the Lombardy Region"),
        ("energy", "vanguard-initiative-adma", ""),
        ("energy", "vanguard-initiative-hydrogen", "Co-coordinator of the Hydrogen Table"),
        ("living-environments", "vanguard-initiative-smart-health-pilot", ""),
        ("green-chemistry", "vanguard-initiative-bioeconomy-pilot", "Technical coordinator"),
    }
    assert {tail(r["cluster"]) for r in rows} == {
        "afil", "agrifood", "aerospace", "energy", "green-chemistry", "mobility",
        "life-sciences", "living-environments", "smart-communities"}


def test_seat_cities_with_the_country_stated_or_the_datasets(store: GraphStore) -> None:
    rows = answer(store, "seat-cities")
    assert len(rows) == 12
    cities = {tail(r["city"]): (r["cityEnglish"], r["country"], r["countryStated"])
              for r in rows}
    assert cities == {
        "milano": ("Milan", "IT", "true"), "brussels": ("Brussels", "BE", "true"),
        "brescia": ("Brescia", "IT", "true"), "lodi": ("Lodi", "IT", "false"),
        "lecco": ("Lecco", "IT", "false"), "varese": ("Varese", "IT", "false"),
    }


def test_events_of_a_year_and_a_programmes_projects(store: GraphStore) -> None:
    events = answer(store, "events-by-year")
    assert [(r["first"], r["last"], tail(r["precision"]), r.get("placeName"))
            for r in events][:3] == [
        ("2024-01-01", "2024-12-31", "year", "Emirates"),
        ("2024-03-17", "2024-03-19", "day", "Istanbul"), ("2024-04-11", "2024-04-11", "day",
                                                         "Turin")]
    assert len(events) == 10
    assert [tail(r["cluster"]) for r in events] == ["life-sciences"] + ["aerospace"] * 9
    assert answer(store, "events-by-year", year="2031") == []
    projects = {tail(r["project"]) for r in answer(store, "programme-projects")}
    assert projects == {"xpandh", "agrifood-labour-conditions-farming",
                        "agrifood-livestock-biosecurity", "syschemiq", "idesignres", "symbio",
                        "ai-redgio-5-0"}


# From answers to figures


def test_member_bars_stack_stated_parts_and_say_not_stated(store: GraphStore) -> None:
    bars = figures.member_bars(answer(store, "members-by-cluster"))
    assert bars["order"][:3] == ["AFIL", "LE2C", "LAC"]
    assert sorted(bars["notStated"]) == ["Agrifood", "CLM", "LGCA"]
    assert [c["short"] for c in bars["clusters"]] == [
        "AFIL", "LE2C", "LAC", "Life Sciences", "SCC", "TAV", "Agrifood", "LGCA", "CLM"]
    assert len(bars["segments"]) == 5 * 3 + 1  # five broken down, AFIL's total alone
    afil = [s for s in bars["segments"] if s["cluster"] == "AFIL"]
    assert afil == [{"cluster": "AFIL", "category": "unbroken", "value": 143,
                     "name": "Lombardy Intelligent Factory Association",
                     "href": "/id/cluster/afil"}]
    assert not any(s["value"] == 0 for s in bars["segments"])


def test_pnrr_cells_group_projects_per_cluster_and_component(store: GraphStore) -> None:
    rows = answer(store, "pnrr-components-by-cluster")
    cells = figures.pnrr_cells(rows, figures.short_names(answer(store, "members-by-cluster")))
    assert len(cells["cells"]) == len({(r["cluster"], r["component"]) for r in rows}) == 19
    m2 = next(m for m in cells["missions"] if m["notation"] == "M2")
    assert (m2["clusters"], m2["href"]) == (5, "/id/pnrr/M2")
    green = next(c for c in cells["cells"]
                 if c["cluster"] == "LGCA" and c["component"] == "M2C1")
    assert [p["name"] for p in green["projects"]] == ["Forest EcoValue", "SYMBIO"]
    assert green["href"] == "/id/pnrr/M2C1" and green["count"] == 2


def test_network_nodes_are_every_cluster_and_each_shared_partner(store: GraphStore) -> None:
    short = figures.short_names(answer(store, "members-by-cluster"))
    graph = figures.network(answer(store, "shared-memberships"), short)
    kinds = [n["kind"] for n in graph["nodes"]]
    assert (kinds.count("cluster"), kinds.count("network"), kinds.count("programme")) == (9, 7, 7)
    assert sorted(n["name"] for n in graph["nodes"] if n["kind"] == "cluster") == [
        "AFIL", "Agrifood", "CLM", "LAC", "LE2C", "LGCA", "Life Sciences", "SCC", "TAV"]
    assert len(graph["links"]) == 38
    vanguard = {tail(link["source"]): (link["direct"], link["ways"]) for link in graph["links"]
                if tail(link["target"]) == "vanguard-initiative"}
    assert vanguard == {
        "afil": (True, [{}]), "life-sciences": (True, [{}]),
        "energy": (True, [{"role": "Representative of the Lombardy Region"},
                          {"via": "ADMA working group",
                           "viaHref": "/id/unit/vanguard-initiative-adma"},
                          {"via": "Hydrogen working table",
                           "viaHref": "/id/unit/vanguard-initiative-hydrogen",
                           "role": "Co-coordinator of the Hydrogen Table"}]),
        "living-environments": (False, [{"via": "Smart Health Pilot", "viaHref":
                                         "/id/unit/vanguard-initiative-smart-health-pilot"}]),
        "green-chemistry": (False, [{"via": "Bioeconomy Pilot",
                                     "viaHref": "/id/unit/vanguard-initiative-bioeconomy-pilot",
                                     "role": "Technical coordinator"}]),
    }
    assert describe.network(graph) == (
        "Diagram linking the clusters (9) to the international networks (7) and funding "
        "programmes (7) that at least two of them share; links: 38, of which 2 dashed: a "
        "cluster in a network only through one of its pilots, working groups or tables.")


def test_the_timeline_draws_each_event_as_precisely_as_it_is_dated(store: GraphStore) -> None:
    events = figures.timeline(answer(store, "events-by-year"))
    assert [(e["name"], e["start"], e["end"], e["precision"], e["open"], e["place"],
             e["country"]) for e in events] == [
        ("Lombardy Life Sciences Cluster business mission to the Emirates (2024)", "2024-01-01",
         "2024-12-31", "year", False, "Emirates", "")] + [
        (name, start, end, "day", False, place, country) for name, start, end, place, country in [
            ("Outgoing Mission To Türkiye", "2024-03-17", "2024-03-19", "Istanbul", "Türkiye"),
            ('Casa Vallonia "Space & Aeronautics"', "2024-04-11", "2024-04-11", "Turin",
             "Italy"),
            ("Civil & Military Aeromixer III", "2024-04-17", "2024-04-17", "Wrocław", "Poland"),
            ("Aerospace & Defense Meetings Sevilla", "2024-05-14", "2024-05-16", "Seville",
             "Spain"),
            ("Space Meetings Veneto", "2024-05-20", "2024-05-22", "Venice", "Italy"),
            ("Ila Berlin", "2024-06-05", "2024-06-09", "Berlin", "Germany"),
            ("Farnborough International Airshow", "2024-07-22", "2024-07-26", "London",
             "United Kingdom"),
            ("European Rotors", "2024-11-04", "2024-11-07", "Amsterdam", "Netherlands"),
            ("Aeromart Toulouse", "2024-12-03", "2024-12-05", "Toulouse", "France")]]
    series = figures.timeline(answer(store, "events-by-year", year="2018"))
    assert [(e["name"], e["start"], e["end"], e["precision"], e["open"]) for e in series] == [
        ("Bioeconomy Dialogues", "2018-01-01", "2018-01-01", "year", True)]


def test_the_gazetteer_places_cities_in_their_country() -> None:
    milan = locate("Milan", "IT")
    assert milan is not None and milan.geonames_id == 3173435
    assert milan.iri == "https://sws.geonames.org/3173435/"
    assert round(milan.latitude, 2) == 45.46 and round(milan.longitude, 2) == 9.19
    assert locate("Lodi", "IT").geonames_id == 3174638  # not Lodi, California, larger
    assert locate("Lodi", "US").geonames_id == 5367565
    assert locate("Bruxelles", "BE") == locate("Brussels", "BE")  # an alternate name
    assert locate("Nowhere", "IT") is None


def test_the_seat_map_has_one_marker_per_city(store: GraphStore) -> None:
    seats = figures.seat_map(answer(store, "seat-cities"), locate_all)
    ids = {c["name"]: (c["geonames"], len(c["seats"])) for c in seats["cities"]}
    assert ids == {
        "Milan": ("https://sws.geonames.org/3173435/", 7),
        "Brussels": ("https://sws.geonames.org/2800866/", 1),
        "Brescia": ("https://sws.geonames.org/3181554/", 1),
        "Lodi": ("https://sws.geonames.org/3174638/", 1),
        "Lecco": ("https://sws.geonames.org/3174945/", 1),
        "Varese": ("https://sws.geonames.org/3164699/", 1),
    }
    assert seats["unplaced"] == []
    unknown = figures.seat_map([{**answer(store, "seat-cities")[0], "cityEnglish": "Atlantis"}],
                               locate_all)
    assert unknown["cities"] == [] and unknown["unplaced"][0]["geonames"] is None


def test_labels_keep_their_language(store: GraphStore) -> None:
    query = NamedQuery.read(ROOT / "queries" / "members-by-cluster.rq")
    found = figures.rows(select(store, query.body, query.bindings({"language": "it"})))
    names = {tail(r["cluster"]): r["name"] for r in found}
    assert (names["life-sciences"], names["life-sciences"].lang) == (
        "Cluster lombardo scienze della vita", "it")
    assert (names["energy"], names["energy"].lang) == ("Lombardy Energy Cleantech Cluster", "en")
    assert not hasattr(found[0]["cluster"], "lang")  # an IRI has no language
    shown = figures.foreign({"bars": figures.member_bars(found)}, "it")
    assert shown["Lombardy Energy Cleantech Cluster"] == "en"
    assert "Cluster lombardo scienze della vita" not in shown
    assert figures.foreign({"bars": figures.member_bars(found)}, "en") == {
        "Cluster lombardo scienze della vita": "it",
        "CTL Tecnologie per gli Ambienti di Vita": "it"}


def test_text_alternatives_say_what_a_chart_shows(store: GraphStore) -> None:
    seats = figures.seat_map(answer(store, "seat-cities"), locate_all)
    assert describe.seats(seats) == (
        "Map of Europe with a marker for each city where the clusters have seats (cities: 6; "
        "seats: 12); the city with the most has 7.")
    events = figures.timeline(answer(store, "events-by-year"))
    assert describe.events(events, "2024") == (
        "Timeline of the events of 2024 the clusters report (10), one bar each from its first "
        "to its last day, from January to December; the events dated by the year alone (1) "
        "are pale bars across the whole year.")
    assert describe.events([], "2031") == "Timeline of the events of 2031: none is recorded."
    bars = figures.member_bars([r for r in answer(store, "members-by-cluster")
                                if tail(r["cluster"]) == "energy"])
    words = {"companies": "Companies", "research": "Research organisations",
             "other": "Other entities"}
    assert describe.one_cluster(bars, words) == (
        "Bar of the cluster's members (140) by type: Companies: 104; Research organisations: "
        "10; Other entities: 26.")


# The page without JavaScript


class _Page(HTMLParser):
    """The links, data blocks, table cells and charts (their attributes) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.charts: list[dict[str, str | None]] = []
        self.blocks: dict[str, str] = {}
        self.cells: list[str] = []
        self._block: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        if tag == "a" and given.get("href"):
            self.links.append(given["href"] or "")
        if given.get("data-chart"):
            self.charts.append(given)
        if tag == "script" and given.get("type") == "application/json":
            self._block = given.get("id") or ""
        if tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.cells.append(" ".join("".join(self._cell).split()))
            self._cell = None
        self._block = None if tag == "script" else self._block

    def handle_data(self, data: str) -> None:
        if self._block is not None:
            self.blocks[self._block] = self.blocks.get(self._block, "") + data
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with running_server() as endpoint:
        yield endpoint.rsplit("/sparql", 1)[0]


def page(url: str) -> _Page:
    status, headers, body = fetch(url, "text/html")
    assert status == 200 and headers["Content-Type"].startswith("text/html"), url
    parsed = _Page()
    parsed.feed(body.decode())
    return parsed


FIGURES = ("members", "totals", "pnrr", "s3", "network", "seats", "events")


def test_every_figure_has_its_data_a_table_and_its_query(site: str) -> None:
    home = page(site + "/")
    assert sorted(home.blocks) == sorted(f"{name}-data" for name in FIGURES)
    for name in FIGURES:
        json.loads(home.blocks[f"{name}-data"])
    queries = [link for link in home.links if link.startswith("/queries/")]
    assert {urlsplit(q).path for q in queries} == {
        "/queries/members-by-cluster", "/queries/member-totals",
        "/queries/s3-ecosystems-by-cluster", "/queries/pnrr-components-by-cluster",
        "/queries/shared-memberships", "/queries/seat-cities", "/queries/events-by-year"}
    for link in queries:
        assert fetch(site + link, "text/html")[0] == 200, link
    _, headers, body = fetch(site + "/", "text/html")
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    scripts = re.findall(rb"<script(?![^>]*application/json)[^>]*>(.*?)</script>", body, re.S)
    assert scripts and all(inline.strip() == b"" for inline in scripts)  # nothing inline


def test_the_tables_say_what_the_charts_show(site: str) -> None:
    home = page(site + "/")
    text = " | ".join(home.cells)
    assert "Lombardy Mobility Cluster (CLM) | not stated | not stated" in text
    assert "Lombardy Intelligent Factory Association (AFIL) | 143 | not stated" in text
    assert "All members | 794 | 630 | 6" in text
    # one row group per component: the component once, then each cluster and its projects
    assert "| M2C1 Circular economy and sustainable agriculture | High Technology Cluster " \
           "Agrifood Lombardy | Assessing and improving labour conditions and health and " \
           "safety at work in farming, Enhancing biosecurity in terrestrial livestock " \
           "production | Lombardy Energy Cleantech Cluster | SYSCHEMIQ | Lombardy Green " \
           "Chemistry Association | Forest EcoValue, SYMBIO | Lombardy Intelligent Factory " \
           "Association | PLASTIX |" in text
    assert "https://sws.geonames.org/3174638/" in text  # Lodi, Italy
    assert "Ila Berlin" in text
    assert "/id/pnrr/M2" in home.links and "/id/project/plastix" in home.links
    assert "https://sws.geonames.org/3173435/" in home.links


def test_every_chart_is_an_image_with_its_text_alternative(site: str) -> None:
    said = {}
    for lang in ("en", "it"):
        home = page(site + f"/?lang={lang}")
        assert [c["data-chart"] for c in home.charts] == list(FIGURES)
        assert {c["role"] for c in home.charts} == {"img"}
        said[lang] = [c["aria-label"] for c in home.charts]
    assert all(len(text or "") > 40 for text in said["en"] + said["it"])
    assert all(en != it for en, it in zip(said["en"], said["it"], strict=True))


def test_names_in_another_language_than_the_pages_say_so(site: str) -> None:
    _, _, italian = fetch(site + "/?lang=it", "text/html")
    assert b'<a href="/id/cluster/energy"><span lang="en">Lombardy Energy Cleantech Cluster' \
           b'</span></a>' in italian
    assert b'<a href="/id/cluster/life-sciences">Cluster lombardo scienze della vita</a>' \
        in italian
    _, _, english = fetch(site + "/?lang=en", "text/html")
    assert b'<span lang="en">' not in english
    block = json.loads(page(site + "/?lang=it").blocks["members-data"])
    assert block["foreign"]["Lombardy Energy Cleantech Cluster"] == "en"
    assert json.loads(page(site + "/?lang=en").blocks["members-data"])["foreign"] == {}


def test_the_network_table_names_the_clusters_sharing_nothing(site: str) -> None:
    _, _, body = fetch(site + "/", "text/html")
    assert b'Clusters sharing none of them with another: <a href="/id/cluster/aerospace">' \
           b'Lombardia Aerospace Cluster</a>' in body


def test_a_mission_page_answers_which_clusters_and_which_projects(site: str) -> None:
    mission = page(site + "/id/pnrr/M2")
    for link in ("/id/project/plastix", "/id/project/syschemiq", "/id/project/symbio",
                 "/id/project/forest-ecovalue", "/id/cluster/mobility",
                 "/id/cluster/green-chemistry", "/id/cluster/agrifood", "/id/cluster/afil",
                 "/id/cluster/energy", "/queries/pnrr-components-by-cluster?mission="
                 "https%3A%2F%2Fw3id.org%2Fltc%2Fid%2Fpnrr%2FM2"):
        assert link in mission.links, link
    assert "pnrr-clusters-data" in mission.blocks


@pytest.mark.parametrize(("path", "block", "count"), [
    ("/id/cluster/energy", "cluster-members-data", 3),
    ("/id/network/vanguard-initiative", "network-members-data", 6),
    ("/id/programme/horizon-europe", "programme-projects-data", 7),
    ("/id/pnrr/M6C1", "pnrr-clusters-data", 2),
])
def test_resource_pages_chart_what_helps(site: str, path: str, block: str, count: int) -> None:
    data = json.loads(page(site + path).blocks[block])
    marks = data.get("segments") or data.get("nodes") or data.get("projects") or data["cells"]
    assert len(marks) == count


def test_the_dashboard_in_italian(site: str) -> None:
    home = page(site + "/?lang=it")
    text = " | ".join(home.cells)
    assert "Rivoluzione verde e transizione ecologica" in json.loads(
        home.blocks["pnrr-data"])["missions"][1]["name"]
    assert "non indicato" in text
    assert any(link.endswith("language=it") for link in home.links)


def test_the_front_end_files_are_gzipped_once_and_revalidated() -> None:
    outlines = ROOT / "web" / "node_modules" / "world-atlas" / "countries-50m.json"
    with running_server() as endpoint:
        url = endpoint.rsplit("/sparql", 1)[0] + "/static/world-atlas/countries-50m.json"
        zipped = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(zipped, timeout=30) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            body, etag = response.read(), response.headers["ETag"]
        assert gzip.decompress(body) == outlines.read_bytes()
        assert len(body) < outlines.stat().st_size / 3
        status, headers, plain = fetch(url)
        assert status == 200 and "Content-Encoding" not in headers
        assert plain == outlines.read_bytes() and headers["ETag"] != etag
        again = urllib.request.Request(url, headers={"Accept-Encoding": "gzip",
                                                     "If-None-Match": etag})
        try:
            urllib.request.urlopen(again, timeout=30)
            raise AssertionError("a held gzipped copy should be a 304")
        except urllib.error.HTTPError as error:
            assert error.code == 304
