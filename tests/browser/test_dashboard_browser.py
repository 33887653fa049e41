"""The dashboard in a real browser (Debian's headless Chromium): every chart drawn with one mark
per figure of its canned query's answer, clicks through to resource pages, nothing asked of
any other server, and the map still useful when its outlines cannot be loaded. Each chart is
an image with its text alternative in the page's language, with nothing inside it that takes
the focus (its links are in the table under it), and the events sit on a real time axis, each
at its dates, on a phone as on a desktop.

The expected marks, positions and descriptions are computed from the canned queries' JSON
answers, fetched here from the same server, never written down. The test also writes the
screenshots the README shows (docs/screenshots/).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

import pytest
from babel.dates import get_month_names
from selenium import webdriver
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

import browser as browsers
from ltc_graph.web.figures.gazetteer import locate_all
from pages import PAGES
from servers import fetch

SCREENSHOTS = browsers.readme_screenshots()
CHARTS = ("members", "totals", "pnrr", "s3", "network", "seats", "events")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    with browsers.drawing(tmp_path_factory.mktemp("chromium")) as driver:
        driver.set_window_size(1200, 1000)
        yield driver


def rows(site: str, name: str, **params: str) -> list[dict[str, str]]:
    """A canned query's answer as the test's own reference: {variable: value} per row."""
    url = f"{site}/queries/{name}?" + urlencode({**params, "format": "json"})
    status, _, body = fetch(url)
    assert status == 200, url
    return [{k: v["value"] for k, v in b.items()}
            for b in json.loads(body)["results"]["bindings"]]


def open_dashboard(browser: webdriver.Chrome, url: str) -> None:
    """Load a page and wait until every chart on it is drawn (or has failed)."""
    browser.get(url)
    WebDriverWait(browser, 30).until(lambda b: all(
        box.get_attribute("data-drawn")
        for box in b.find_elements(By.CSS_SELECTOR, "[data-chart]")))
    drawn = {box.get_attribute("data-chart"): box.get_attribute("data-drawn")
             for box in browser.find_elements(By.CSS_SELECTOR, "[data-chart]")}
    assert set(drawn.values()) == {"true"}, drawn


def marks(browser: webdriver.Chrome, chart: str, selector: str) -> list[WebElement]:
    return browser.find_elements(By.CSS_SELECTOR, f"#{chart} .chart {selector}")


@pytest.fixture(scope="module")
def dashboard(browser: webdriver.Chrome, site: str) -> webdriver.Chrome:
    open_dashboard(browser, site + "/")
    return browser


def test_every_chart_is_drawn(dashboard: webdriver.Chrome) -> None:
    for chart in CHARTS:
        box = dashboard.find_element(By.CSS_SELECTOR, f"#{chart} .chart")
        assert box.find_element(By.TAG_NAME, "svg").size["height"] > 100, chart
        # the table of the same figures folds away once the chart is up
        assert not dashboard.find_element(By.CSS_SELECTOR, f"#{chart} details").get_attribute(
            "open")


def test_members_one_bar_segment_per_stated_figure(dashboard: webdriver.Chrome,
                                                   site: str) -> None:
    expected, not_stated = 0, 0
    for row in rows(site, "members-by-cluster"):
        parts = [int(row[k]) for k in ("companies", "research", "other") if k in row]
        expected += len(parts) + (1 if "total" in row and int(row["total"]) > sum(parts) else 0)
        not_stated += "total" not in row
    assert len(marks(dashboard, "members", "g.segment rect")) == expected
    words = marks(dashboard, "members", "g.not-stated text")
    assert [w.text for w in words] == ["not stated"] * not_stated


def test_totals_two_bars_per_category(dashboard: webdriver.Chrome, site: str) -> None:
    totals = rows(site, "member-totals")
    assert len(marks(dashboard, "totals", "g.total rect")) == 2 * len(totals)
    labels = [t.text for t in marks(dashboard, "totals", "g.values text")]
    assert "794" in labels and str(totals[0]["sumOfStated"]) in labels


def test_heat_maps_one_cell_per_pair(dashboard: webdriver.Chrome, site: str) -> None:
    s3 = rows(site, "s3-ecosystems-by-cluster")
    assert len(marks(dashboard, "s3", "g.cell rect")) == len(s3)
    ringed = marks(dashboard, "s3", "g.reference circle")
    assert len(ringed) == sum(r["reference"] == "true" for r in s3)
    pnrr = rows(site, "pnrr-components-by-cluster")
    pairs = {(r["cluster"], r["component"]) for r in pnrr}
    assert len(marks(dashboard, "pnrr", "g.cell rect")) == len(pairs)


def test_network_one_node_per_cluster_and_shared_partner(dashboard: webdriver.Chrome,
                                                         site: str) -> None:
    edges = rows(site, "shared-memberships")
    nodes = {r["cluster"] for r in edges} | {r["partner"] for r in edges if "partner" in r}
    links = {(r["cluster"], r["partner"]) for r in edges if "partner" in r}
    assert len(marks(dashboard, "network", "svg g.node circle")) == len(nodes)
    assert len(marks(dashboard, "network", "svg path.link")) == len(links)


def test_map_one_marker_per_seat_city_with_coordinates(dashboard: webdriver.Chrome,
                                                       site: str) -> None:
    seats = rows(site, "seat-cities")
    cities = {r["city"]: (r["cityEnglish"], r["country"]) for r in seats}
    placed = locate_all(cities.values())
    expected = sum(placed[where] is not None for where in cities.values())
    assert expected == len(cities) == 6
    assert len(marks(dashboard, "seats", "circle.marker")) == expected
    labels = {t.text.split(" (")[0] for t in marks(dashboard, "seats", "g.city text")}
    assert labels == {name for name, _ in cities.values()}
    assert len(marks(dashboard, "seats", "path")) > 100  # the countries' outlines


def test_timeline_one_bar_per_event(dashboard: webdriver.Chrome, site: str) -> None:
    events = rows(site, "events-by-year", year="2024")
    bars = marks(dashboard, "events", "g.events rect.event")
    assert len(bars) == len(events) == 10  # the 9 aerospace dates and the Emirates mission
    pale = marks(dashboard, "events", "g.events rect.event.inexact")
    assert [bar.get_dom_attribute("data-href") for bar in pale] == [
        "/id/event/life-sciences-business-mission-emirates-2024"]
    assert {bar.get_dom_attribute("data-href") for bar in bars} == {
        r["event"].removeprefix("https://w3id.org/ltc") for r in events}


def test_the_page_asks_no_other_server(dashboard: webdriver.Chrome, site: str) -> None:
    resources = dashboard.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    assert any("countries-50m.json" in r for r in resources)
    assert resources and all(name.startswith(site + "/") for name in resources), resources
    problems = [e["message"] for e in dashboard.get_log("browser")
                if e["level"] == "SEVERE" and "favicon.ico" not in e["message"]]
    assert problems == []  # no script error, no Content-Security-Policy refusal


def test_hovering_a_node_shows_its_links(dashboard: webdriver.Chrome) -> None:
    node = next(g for g in marks(dashboard, "network", "svg g.node")
                if g.text.startswith("LGCA"))
    ActionChains(dashboard).move_to_element(node.find_element(By.TAG_NAME, "circle")).perform()
    faded = [g for g in marks(dashboard, "network", "svg g.node")
             if g.get_attribute("opacity") == "0.25"]
    assert faded and node not in faded
    ActionChains(dashboard).move_to_element(dashboard.find_element(By.TAG_NAME, "h1")).perform()


def test_which_clusters_work_on_mission_2_and_with_which_projects(
        dashboard: webdriver.Chrome, site: str) -> None:
    """A reader who has never seen SPARQL: pick Mission 2, read the clusters, open a project."""
    dashboard.find_element(By.CSS_SELECTOR, "#pnrr a[data-mission='M2']").click()
    WebDriverWait(dashboard, 30).until(ec.url_to_be(site + "/id/pnrr/M2"))
    open_dashboard(dashboard, dashboard.current_url)
    table = dashboard.find_element(By.CSS_SELECTOR, "section[aria-labelledby='pnrr-clusters-title']"
                                                    " table").text
    for cluster in ("Lombardy Green Chemistry Association", "Lombardy Mobility Cluster",
                    "High Technology Cluster Agrifood Lombardy",
                    "Lombardy Intelligent Factory Association",
                    "Lombardy Energy Cleantech Cluster"):
        assert cluster in table
    cells = rows(site, "pnrr-components-by-cluster", mission="pnrr:M2")
    assert len(dashboard.find_elements(By.CSS_SELECTOR, ".chart g.cell rect")) \
        == len({(r["cluster"], r["component"]) for r in cells})
    shot(dashboard, "pnrr-mission-2.png")
    dashboard.find_element(By.LINK_TEXT, "PLASTIX").click()
    WebDriverWait(dashboard, 30).until(ec.url_to_be(site + "/id/project/plastix"))
    assert dashboard.find_element(By.TAG_NAME, "h1").text == "PLASTIX"


def test_chart_marks_click_through_to_resource_pages(browser: webdriver.Chrome,
                                                     site: str) -> None:
    for chart, selector, path in (
            ("pnrr", "g.cell rect.opens", "/id/pnrr/"),
            ("network", "svg g.node.opens", "/id/"),
            ("seats", "g.city.opens", "/id/place/"),
            ("members", "g.segment rect.opens", "/id/cluster/"),
            ("events", "rect.event.opens", "/id/event/")):
        open_dashboard(browser, site + "/")
        mark = marks(browser, chart, selector)[0]
        target = site + mark.get_dom_attribute("data-href")
        assert target.startswith(site + path), (chart, target)
        shape = mark if mark.tag_name == "rect" else mark.find_element(By.CSS_SELECTOR, "circle")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", shape)
        ActionChains(browser).move_to_element(shape).click().perform()
        WebDriverWait(browser, 30).until(ec.url_to_be(target), f"{chart}: {target}")
        heading = browser.find_element(By.TAG_NAME, "h1").text
        assert heading and heading != "Nothing is described", (chart, target)


def test_the_map_keeps_markers_and_labels_without_outlines(browser: webdriver.Chrome,
                                                           site: str) -> None:
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*world-atlas*"]})
    try:
        open_dashboard(browser, site + "/")
        box = browser.find_element(By.CSS_SELECTOR, "#seats .chart")
        assert box.get_attribute("data-outlines") == "missing"
        assert len(marks(browser, "seats", "path")) == 0
        assert len(marks(browser, "seats", "circle.marker")) == 6
        assert len(marks(browser, "seats", "g.city text")) == 6
    finally:
        browser.execute_cdp_cmd("Network.setBlockedURLs", {"urls": []})


def test_resource_pages_draw_their_charts(browser: webdriver.Chrome, site: str) -> None:
    for path, selector, count in (
            ("/id/cluster/energy", "g.segment rect", 3),
            ("/id/network/vanguard-initiative", "g.node circle", 6),
            ("/id/network/vanguard-initiative", "path.link.through", 2),
            ("/id/programme/horizon-europe", "g.project rect",
             len(rows(site, "programme-projects",
                      programme="https://w3id.org/ltc/id/programme/horizon-europe")))):
        open_dashboard(browser, site + path)
        assert len(browser.find_elements(By.CSS_SELECTOR, f".chart {selector}")) == count, path


def shot(browser: webdriver.Chrome, name: str) -> Path:
    """A screenshot of the whole page, for the README."""
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1200, height)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    assert browser.save_screenshot(str(path)) and path.stat().st_size > 20_000
    browser.set_window_size(1200, 1000)
    return path


def test_screenshots_of_the_dashboard(browser: webdriver.Chrome, site: str) -> None:
    open_dashboard(browser, site + "/")
    shot(browser, "dashboard.png")
    for chart in ("pnrr", "network", "seats"):
        section = browser.find_element(By.ID, chart)
        browser.execute_script("arguments[0].scrollIntoView()", section)
        assert section.screenshot(str(SCREENSHOTS / f"dashboard-{chart}.png"))


def test_a_phone_never_scrolls_the_page_sideways(browser: webdriver.Chrome, site: str) -> None:
    browser.set_window_size(390, 844)
    try:
        open_dashboard(browser, site + "/")
        assert browser.execute_script("return document.documentElement.scrollWidth") <= 420
    finally:
        browser.set_window_size(1200, 1000)


def test_the_dashboard_in_italian(browser: webdriver.Chrome, site: str) -> None:
    open_dashboard(browser, site + "/?lang=it")
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Cluster Tecnologici")
    words = [t.text for t in marks(browser, "members", "g.not-stated text")]
    assert words and set(words) == {"non indicato"}
    titles = browser.execute_script(
        "return [...document.querySelectorAll('#pnrr .chart title')].map(t => t.textContent)")
    assert any("Economia circolare" in t or "economia circolare" in t for t in titles), titles


# Each chart is an image with a text alternative; its links are in the table under it

FOCUSABLE = """
return [...document.querySelectorAll('[role="img"]')].flatMap(box =>
  [...box.querySelectorAll('*')].filter(e => e.tabIndex >= 0 || e.matches('a, [tabindex]'))
    .map(e => `${box.dataset.chart}: ${e.outerHTML.slice(0, 80)}`));"""
# For each chart: the pages its marks open, and the links of its section outside the chart.
CHART_LINKS = """
return [...document.querySelectorAll('[data-chart]')].map(box => [
  box.dataset.chart, [...box.querySelectorAll('[data-href]')].map(m => m.dataset.href),
  [...box.closest('section').querySelectorAll('a[href]')].filter(a => !box.contains(a))
    .map(a => a.getAttribute('href'))]);"""
CHART_PAGES = ("dashboard", "cluster", "network", "programme", "pnrr-mission", "pnrr-component")


@pytest.mark.parametrize("kind", CHART_PAGES)
def test_a_chart_is_an_image_whose_links_are_in_the_table_under_it(
        browser: webdriver.Chrome, site: str, kind: str) -> None:
    open_dashboard(browser, site + PAGES[kind])
    boxes = browser.find_elements(By.CSS_SELECTOR, "[data-chart]")
    assert boxes, kind
    for box in boxes:
        assert box.get_attribute("role") == "img"
        assert len(box.get_attribute("aria-label")) > 40  # a sentence, not a title
        assert box.find_elements(By.CSS_SELECTOR, "[aria-label], [role]") == []
        svgs = box.find_elements(By.TAG_NAME, "svg")
        assert svgs and {svg.get_attribute("aria-hidden") for svg in svgs} == {"true"}
    assert browser.execute_script(FOCUSABLE) == []
    opened_any = False
    for chart, opened, listed in browser.execute_script(CHART_LINKS):
        assert set(opened) <= set(listed), (chart, set(opened) - set(listed))
        opened_any = opened_any or bool(opened)
    assert opened_any == (kind != "cluster")  # a cluster's chart shows only the page itself


def test_no_tab_stop_inside_a_chart(browser: webdriver.Chrome, site: str) -> None:
    """Tabbing through the whole dashboard never lands inside a chart."""
    open_dashboard(browser, site + "/")
    stops = browser.execute_script("""
      const all = [...document.querySelectorAll('a[href], button, input, summary, [tabindex]')]
        .filter(e => e.tabIndex >= 0);
      return [all.length, all.filter(e => e.closest('[role="img"]')).length];""")
    assert stops[0] > 40 and stops[1] == 0


def wanted_alternatives(site: str, lang: str) -> dict[str, str]:
    """The text alternatives of three charts, their numbers from the queries' answers."""
    members = rows(site, "members-by-cluster")
    totals = [int(r["total"]) for r in members if "total" in r]
    events = rows(site, "events-by-year", year="2024")
    months = get_month_names("wide", context="stand-alone", locale=lang)
    edges = rows(site, "shared-memberships")
    partners = {r["partner"]: r["kind"] for r in edges if "partner" in r}
    values = {"stated": len(totals), "all": len(members), "most": max(totals),
              "least": min(totals), "events": len(events),
              "first": months[date.fromisoformat(events[0]["first"]).month],
              "last": months[max(date.fromisoformat(r.get("last", r["first"]))
                                 for r in events).month],
              "yearly": sum(1 for r in events if r["precision"].endswith("/year")),
              "clusters": len({r["cluster"] for r in edges}),
              "networks": list(partners.values()).count("network"),
              "programmes": list(partners.values()).count("programme"),
              "links": len({(r["cluster"], r["partner"]) for r in edges if "partner" in r}),
              "through": len({(r["cluster"], r["partner"]) for r in edges if "via" in r}
                             - {(r["cluster"], r["partner"]) for r in edges
                                if "partner" in r and "via" not in r})}
    texts = {"en": {
        "members": "Bar chart of the members of each cluster by type (companies, research "
                   "organisations, other entities). Clusters stating a figure: {stated} of {all}, "
                   "from {most} members down to {least}; the others leave it blank.",
        "events": "Timeline of the events of 2024 the clusters report ({events}), one bar each "
                  "from its first to its last day, from {first} to {last}; the events dated by "
                  "the year alone ({yearly}) are pale bars across the whole year.",
        "network": "Diagram linking the clusters ({clusters}) to the international networks "
                   "({networks}) and funding programmes ({programmes}) that at least two of them "
                   "share; links: {links}, of which {through} dashed: a cluster in a network "
                   "only through one of its pilots, working groups or tables.",
    }, "it": {
        "members": "Grafico a barre dei soci di ciascun cluster per tipo (imprese, organismi di "
                   "ricerca, altri soggetti). Cluster che indicano un dato: {stated} su {all}, da "
                   "{most} soci fino a {least}; gli altri lo lasciano in bianco.",
        "events": "Linea del tempo degli eventi del 2024 riportati dai cluster ({events}), una "
                  "barra ciascuno dal primo all'ultimo giorno, da {first} a {last}; gli eventi "
                  "datati con il solo anno ({yearly}) sono barre chiare che coprono tutto "
                  "l'anno.",
        "network": "Diagramma che collega i cluster ({clusters}) alle reti internazionali "
                   "({networks}) e ai programmi di finanziamento ({programmes}) condivisi da "
                   "almeno due di essi; collegamenti: {links}, di cui tratteggiati {through}: un "
                   "cluster presente in una rete solo tramite un suo pilota, gruppo o tavolo di "
                   "lavoro.",
    }}
    return {chart: text.format(**values) for chart, text in texts[lang].items()}


def test_each_chart_says_what_it_shows_in_the_pages_language(browser: webdriver.Chrome,
                                                               site: str) -> None:
    said = {}
    for lang in ("en", "it"):
        open_dashboard(browser, f"{site}/?lang={lang}")
        said[lang] = {box.get_attribute("data-chart"): box.get_attribute("aria-label")
                      for box in browser.find_elements(By.CSS_SELECTOR, "[role='img']")}
        for chart, text in wanted_alternatives(site, lang).items():
            assert said[lang][chart] == text, (lang, chart)
    assert sorted(said["en"]) == sorted(said["it"]) == sorted(CHARTS)
    for chart in CHARTS:  # every chart's own words, in each language
        assert said["en"][chart] != said["it"][chart], chart
        assert not {"the", "of", "and", "with"} & set(said["it"][chart].lower().split()), chart


# The events on a time axis: the months of the year, each event at its dates

TIMELINE = """
const svg = document.querySelector('#events .chart svg');
const x = (e) => e.getBoundingClientRect().x;
return {
  grid: [...svg.querySelectorAll('g.months line')].map(x).sort((a, b) => a - b),
  months: [...svg.querySelectorAll('g.month-names text')].map(t => t.textContent),
  bars: [...svg.querySelectorAll('rect.event')].map(r => ({
    name: r.querySelector('title').textContent.split('\\n')[0],
    left: x(r), right: x(r) + r.getBoundingClientRect().width})),
  frame: [x(svg), x(svg) + svg.getBoundingClientRect().width],
};"""


@pytest.mark.parametrize(("lang", "width"), [("en", 1200), ("it", 390)])
def test_the_timeline_puts_each_event_at_its_dates(browser: webdriver.Chrome, site: str,
                                                   lang: str, width: int) -> None:
    events = rows(site, "events-by-year", year="2024", language=lang)
    browser.set_window_size(width, 1000)
    try:
        open_dashboard(browser, f"{site}/?lang={lang}")
        drawn = browser.execute_script(TIMELINE)
    finally:
        browser.set_window_size(1200, 1000)
    style = "abbreviated" if width > 600 else "narrow"  # a phone gets the months' initials
    names = get_month_names(style, context="stand-alone", locale=lang)
    assert drawn["months"] == [names[m] for m in range(1, 13)]
    grid = drawn["grid"]  # a line at the start of each month
    assert len(grid) == 12 and drawn["frame"][0] <= grid[0] < grid[11] < drawn["frame"][1]
    january = date(2024, 1, 1)
    per_day = (grid[11] - grid[0]) / (date(2024, 12, 1) - january).days
    assert (grid[11] - grid[0]) / (drawn["frame"][1] - drawn["frame"][0]) > 0.85  # a year wide

    def at(day: date) -> float:
        return grid[0] + (day - january).days * per_day

    bars = {bar["name"]: bar for bar in drawn["bars"]}
    assert sorted(bars) == sorted(r["eventName"] for r in events) and len(bars) == 10
    for row in events:  # its first and last day: a year alone spans the year
        start = date.fromisoformat(row["first"])
        end = date.fromisoformat(row.get("last", row["first"]))
        bar = bars[row["eventName"]]
        assert abs(bar["left"] - at(start)) < 1.5, row
        assert grid[start.month - 1] - 1 <= bar["left"], row
        assert start.month == 12 or bar["left"] < grid[start.month], row
        after = at(date.fromordinal(end.toordinal() + 1))  # the end of its last day
        assert after - 1.5 < bar["right"] < max(after, bar["left"] + 6) + 1.5, row


def test_the_charts_are_drawn_again_for_a_new_width(browser: webdriver.Chrome,
                                                    site: str) -> None:
    """A phone turned, a window narrowed: each chart is laid out again for its new width."""
    open_dashboard(browser, site + "/?lang=en")
    assert browser.execute_script(TIMELINE)["months"][0] == "Jan"
    browser.set_window_size(390, 1000)
    try:
        WebDriverWait(browser, 30).until(lambda b: b.execute_script(
            "return [...document.querySelectorAll('[data-chart]')].every(box =>"
            " box.clientWidth < 390 && Number(box.dataset.width) === box.clientWidth)"))
        rights = browser.execute_script("return [...document.querySelectorAll('.chart svg')]"
                                        ".map(svg => svg.getBoundingClientRect().right)")
        assert len(rights) == len(CHARTS) and max(rights) <= 390
        assert browser.execute_script(TIMELINE)["months"][0] == "J"
    finally:
        browser.set_window_size(1200, 1000)
