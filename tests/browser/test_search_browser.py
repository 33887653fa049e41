"""The index pages and the search in Chromium: a table filtered as you type (accents and case
ignored) and sorted by any column, in the page's language; the header's search box leading
to the hits; a phone's width showing each resource as a card, the headers as a sort bar,
without sideways scrolling."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

import browser as browsers

ROWS = "table.index tbody tr"


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    chromium = browsers.start(browsers.options(tmp_path_factory.mktemp("chromium"),
                                               "--hide-scrollbars"))
    chromium.set_window_size(1280, 900)
    try:
        yield chromium
    finally:
        chromium.quit()


def shown(driver: webdriver.Chrome) -> list[str]:
    """The names of the rows on screen, in order."""
    return [row.find_element(By.CSS_SELECTOR, "th").text
            for row in driver.find_elements(By.CSS_SELECTOR, ROWS) if row.is_displayed()]


def column(driver: webdriver.Chrome, n: int) -> list[str]:
    return [row.find_elements(By.CSS_SELECTOR, "th, td")[n].text
            for row in driver.find_elements(By.CSS_SELECTOR, ROWS) if row.is_displayed()]


def open_index(driver: webdriver.Chrome, site: str, path: str) -> None:
    driver.get(site + path)
    WebDriverWait(driver, 20).until(ec.visibility_of_element_located((By.ID, "index-filter")))


def test_filter_as_you_type_ignoring_case_and_accents(driver: webdriver.Chrome,
                                                      site: str) -> None:
    open_index(driver, site, "/id/place/?lang=en")
    everything = shown(driver)
    assert len(everything) == 29  # cities, regions and the Emirates, a place of no kind
    box = driver.find_element(By.ID, "index-filter")
    box.send_keys("fryslan")
    assert shown(driver) == ["Fryslân"]
    assert driver.find_element(By.ID, "index-status").text == "1 of 29 shown"
    box.clear()
    box.send_keys("ITALY CITY")  # words in any order, across columns
    assert shown(driver) == ["Brescia", "Milan", "Turin", "Venice"]
    box.send_keys(Keys.CONTROL, "a", Keys.BACKSPACE)
    assert shown(driver) == everything
    assert driver.find_element(By.ID, "index-status").text == ""


def test_the_filter_speaks_the_page_language(driver: webdriver.Chrome, site: str) -> None:
    open_index(driver, site, "/id/project/?lang=it")
    assert driver.find_element(By.CSS_SELECTOR, "label[for=index-filter]").text == \
        "Filtra questo elenco"
    driver.find_element(By.ID, "index-filter").send_keys("afil")
    names = shown(driver)
    assert 0 < len(names) < 49
    assert driver.find_element(By.ID, "index-status").text == f"mostrate {len(names)} su 49"


def test_sort_by_any_column_and_back(driver: webdriver.Chrome, site: str) -> None:
    open_index(driver, site, "/id/cluster/?lang=en")
    by_name = shown(driver)
    header = driver.find_element(By.XPATH, "//thead//th[normalize-space()='Projects']")
    header.find_element(By.TAG_NAME, "button").click()
    projects = [int(n) for n in column(driver, 3)]
    assert projects == sorted(projects, reverse=True)  # counts start from the largest
    assert header.get_attribute("aria-sort") == "descending"
    assert shown(driver)[0] == "Lombardy Cluster for Technologies for Living Environments " \
                               "Foundation"  # 12 projects
    header.find_element(By.TAG_NAME, "button").click()
    assert [int(n) for n in column(driver, 3)] == sorted(projects)
    assert header.get_attribute("aria-sort") == "ascending"
    members = driver.find_element(By.XPATH, "//thead//th[normalize-space()='Members']")
    members.find_element(By.TAG_NAME, "button").click()
    values = column(driver, 2)
    stated = [int(v) for v in values if v]
    assert stated == sorted(stated, reverse=True) and values[len(stated):] == [""] * (
        len(values) - len(stated))  # the clusters without a count come last
    name = driver.find_element(By.XPATH, "//thead//th[normalize-space()='Name']")
    name.find_element(By.TAG_NAME, "button").click()
    assert (name.get_attribute("aria-sort"), members.get_attribute("aria-sort")) == (
        "ascending", None)
    assert shown(driver) == by_name
    name.find_element(By.TAG_NAME, "button").click()
    assert name.get_attribute("aria-sort") == "descending"
    assert shown(driver) == by_name[::-1]


def test_the_header_search_box_finds_an_acronym(driver: webdriver.Chrome, site: str) -> None:
    driver.get(site + "/id/?lang=en")
    box = driver.find_element(By.ID, "site-search")
    box.send_keys("LE2C", Keys.ENTER)
    WebDriverWait(driver, 20).until(ec.url_contains("/search?q=LE2C"))
    first = driver.find_element(By.CSS_SELECTOR, ".hits li a")
    assert (first.text, first.get_attribute("href")) == (
        "Lombardy Energy Cleantech Cluster", site + "/id/cluster/energy")
    assert driver.find_element(By.ID, "site-search").get_attribute("value") == "LE2C"
    first.click()
    WebDriverWait(driver, 20).until(ec.url_to_be(site + "/id/cluster/energy"))


def test_a_phone_shows_each_resource_as_a_card(driver: webdriver.Chrome, site: str) -> None:
    driver.set_window_size(390, 900)
    try:
        open_index(driver, site, "/id/project/?lang=en")
        scroll, view = driver.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll <= view
        row = driver.find_elements(By.CSS_SELECTOR, ROWS)[0]
        assert row.value_of_css_property("display") == "block"
        assert row.size["width"] <= view
        label = driver.execute_script(
            "return getComputedStyle(arguments[0], '::before').content",
            row.find_elements(By.CSS_SELECTOR, "td")[1])
        assert label == '"Clusters: "'
        bar = driver.find_element(By.CSS_SELECTOR, "table.index thead tr")  # a sort bar
        assert (bar.value_of_css_property("display"), driver.execute_script(
            "return getComputedStyle(arguments[0], '::before').content", bar)) == (
            "flex", '"Sort by:"')
        bar.find_element(By.XPATH, ".//button[normalize-space()='Status']").click()
        states = [s for s in column(driver, 3) if s]
        assert states == sorted(states) and states[0] == "Completed"
    finally:
        driver.set_window_size(1280, 900)
