"""Canned-query pages, from question to answer to code: the page's table, its downloads, the
snippets run as they are against a real server on loopback, the OpenAPI description checked
by a real validator, the embeds and the languages."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import pytest
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from openpyxl import load_workbook
from referencing import Registry as Schemas
from referencing import Resource
from referencing.jsonschema import DRAFT202012

from ltc_graph.errors import InputError
from ltc_graph.queries.charts import bar_chart
from ltc_graph.queries.registry import NamedQuery, Registry
from ltc_graph.queries.spreadsheets import excel_csv
from ltc_graph.web.pages.query import page_texts, table
from ltc_graph.web.pages.query_form import fields
from query_pages import answer_table, download_links, snippet
from servers import running_server

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = Registry(ROOT / "queries")
PNRR = "/queries/clusters-on-pnrr-mission"
# Which clusters work on PNRR Mission 2, and with which projects (the brochure's synergy boxes).
MISSION_2 = [
    ("High Technology Cluster Agrifood Lombardy",
     "Assessing and improving labour conditions and health and safety at work in farming",
     "M2C1"),
    ("High Technology Cluster Agrifood Lombardy",
     "Enhancing biosecurity in terrestrial livestock production", "M2C1"),
    ("Lombardy Energy Cleantech Cluster", "", "M2C2"),
    ("Lombardy Energy Cleantech Cluster", "", "M2C3"),
    ("Lombardy Energy Cleantech Cluster", "SYSCHEMIQ", "M2C1"),
    ("Lombardy Green Chemistry Association", "Forest EcoValue", "M2C1"),
    ("Lombardy Green Chemistry Association", "SYMBIO", "M2C1"),
    ("Lombardy Intelligent Factory Association", "PLASTIX", "M2C1"),
    ("Lombardy Mobility Cluster", "", "M2C2"),
]


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with running_server() as endpoint:
        yield endpoint.rsplit("/sparql", 1)[0]


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """GET with exactly these headers (urllib sends no Accept-Language of its own)."""
    import urllib.error
    import urllib.request
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def page(site: str, path: str, **headers: str) -> str:
    status, got, body = get(site + path, Accept="text/html", **headers)
    assert status == 200 and got["Content-Type"].startswith("text/html"), (path, status)
    return body.decode()


def json_rows(site: str, path: str) -> tuple[list[str], list[list[str]]]:
    separator = "&" if "?" in path else "?"
    status, _, body = get(site + path + separator + "format=json")
    assert status == 200
    answer = json.loads(body)
    names = answer["head"]["vars"]
    return names, [[row.get(v, {}).get("value", "") for v in names]
                   for row in answer["results"]["bindings"]]


def run_python(code: str, tmp_path: Path, result: str) -> object:
    """Run a snippet as a script in a fresh interpreter; then read one of its variables."""
    script = tmp_path / "snippet.py"
    script.write_text(code, encoding="utf-8")
    harness = ("import json, runpy, sys\n"
               "found = runpy.run_path(sys.argv[1])\n"
               f"print('@@@' + json.dumps({result}))\n")
    done = subprocess.run([sys.executable, "-c", harness, str(script)], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.rsplit("@@@", 1)[1])


# The question the issue asks, end to end ------------------------------------------------------


def test_the_mission_2_question_is_answered_on_its_page(site: str) -> None:
    shown = page(site, PNRR)
    assert "<h1>Clusters on a PNRR mission, with their projects</h1>" in shown
    assert '<option value="pnrr:M2" selected>' \
           "M2 · Green revolution and ecological transition</option>" in shown
    assert shown.count('<option value="pnrr:M') == 7
    header, rows = answer_table(shown)
    assert header == ["Mission", "Cluster IRI", "Cluster", "Project IRI", "Project", "Component",
                      "Component name", "Language"]
    assert [(r[2], r[4], r[5]) for r in rows] == MISSION_2
    _, expected = json_rows(site, PNRR + "?mission=pnrr:M2&language=en")
    assert rows == expected


def test_the_pandas_snippet_takes_the_answer_into_a_data_frame(site: str, tmp_path: Path) -> None:
    shown = page(site, PNRR)
    code = snippet(shown, "pandas")
    assert code == ("import pandas as pd\n\n"
                    f'df = pd.read_csv("{site}{PNRR}?mission=pnrr:M2&language=en&format=csv")\n'
                    "print(df)\n")
    frame = run_python(code, tmp_path, "found['df'].fillna('').astype(str).to_dict('split')")
    assert isinstance(frame, dict)
    rows = answer_table(shown)[1]
    assert frame["columns"] == ["mission", "cluster", "clusterName", "project", "projectName",
                                "component", "componentName", "language"]
    assert frame["data"] == rows
    assert [(r[2], r[4], r[5]) for r in frame["data"]] == MISSION_2


def test_the_sparqlwrapper_snippet_sends_the_text_to_sparql(site: str, tmp_path: Path) -> None:
    shown = page(site, PNRR + "?mission=pnrr:M4")
    code = snippet(shown, "sparqlwrapper")
    assert f'SPARQLWrapper("{site}/sparql")' in code
    assert "VALUES (?mission ?language) { (<https://w3id.org/ltc/id/pnrr/M4> \"en\") }" in code
    got = run_python(code, tmp_path, "[found['columns'], found['rows']]")
    assert isinstance(got, list)
    rows = answer_table(shown)[1]
    assert got[1] == rows and len(rows) == 5
    assert got[0][0] == "mission"


def test_the_curl_snippet_prints_the_csv(site: str) -> None:
    shown = page(site, "/queries/clusters-by-s3-ecosystem")
    code = snippet(shown, "curl")
    done = subprocess.run(["bash", "-c", code], capture_output=True, text=True, timeout=60,
                          check=True)
    table = list(csv.reader(io.StringIO(done.stdout)))
    rows = answer_table(shown)[1]
    assert table[0] == ["ecosystem", "clusters", "which", "language"] and table[1:] == rows
    assert rows[0][:2] == ["Health and Life Science", "3"]


# Node.js comes with the set-up (npm), R with .ci/run: in CI (CI=true) a missing one fails.
@pytest.mark.skipif(not shutil.which("node") and not os.environ.get("CI"),
                    reason="Node.js is not installed")
def test_the_javascript_snippet_runs_with_node_fetch(site: str, tmp_path: Path) -> None:
    shown = page(site, PNRR + "?mission=pnrr:M6")
    script = tmp_path / "snippet.js"
    script.write_text(snippet(shown, "javascript"), encoding="utf-8")
    preload = tmp_path / "table.cjs"  # console.table as JSON, to read what it shows
    preload.write_text("console.table = (rows) => process.stdout.write(JSON.stringify(rows));\n")
    done = subprocess.run(["node", "--require", str(preload), str(script)], capture_output=True,
                          text=True, timeout=60, check=True)
    rows = answer_table(shown)[1]
    objects = json.loads(done.stdout)
    assert [list(o.values()) for o in objects] == rows
    assert [(r[2], r[5]) for r in rows] == [
        ("Lombardy Cluster for Technologies for Living Environments Foundation", "M6C1"),
        ("Lombardy Cluster for Technologies for Living Environments Foundation", "M6C2"),
        ("Lombardy Life Sciences Cluster", "M6C1"), ("Lombardy Life Sciences Cluster", "M6C2")]


@pytest.mark.skipif(not shutil.which("Rscript") and not os.environ.get("CI"),
                    reason="R is not installed (.ci/run installs it)")
def test_the_r_snippet_reads_the_csv(site: str, tmp_path: Path) -> None:
    shown = page(site, "/queries/projects-by-pnrr-mission")
    script = tmp_path / "snippet.R"
    script.write_text(snippet(shown, "r"), encoding="utf-8")
    done = subprocess.run(
        ["Rscript", "-e", f"source('{script}'); cat('@@@\\n'); "
                          "write.csv(answer, stdout(), row.names = FALSE, na = '')"],
        capture_output=True, text=True, timeout=60, check=True,
        env={**os.environ, "LC_ALL": "C.UTF-8"})
    table = list(csv.reader(io.StringIO(done.stdout.split("@@@\n", 1)[1])))
    rows = answer_table(shown)[1]
    assert table[0] == ["notation", "mission", "boxes", "clusters", "language"]
    assert table[1:] == rows and len(rows) == 7


# Downloads and column titles ------------------------------------------------------------------


def test_csv_names_variables_for_programs_and_titles_for_people(site: str) -> None:
    url = site + PNRR + "?mission=pnrr:M2"
    plain = get(url + "&format=csv")
    assert plain[2].decode().startswith("mission,cluster,clusterName,project,")
    assert {"Accept", "Accept-Language"} <= {v.strip() for v in plain[1]["Vary"].split(",")}
    italian = get(url + "&format=csv", **{"Accept-Language": "it-IT,it;q=0.9,en;q=0.5"})
    english = get(url, Accept="text/csv", **{"Accept-Language": "fr"})  # English fallback
    forced = get(url + "&format=csv&header=variables", **{"Accept-Language": "it"})
    assert italian[2].decode().startswith("Missione,IRI del cluster,Cluster,IRI del progetto,")
    assert english[2].decode().startswith("Mission,Cluster IRI,Cluster,Project IRI,")
    assert forced[2] == plain[2]
    assert italian[1]["ETag"] != plain[1]["ETag"] != english[1]["ETag"]
    rows = [r[1:] for r in (plain, italian, english)]
    bodies = [b.decode().split("\r\n", 1)[1] for _, b in rows]
    assert bodies[0] == bodies[1] == bodies[2]  # only the header row differs
    sparql = get(site + "/sparql?" + urlencode({"query": "SELECT ?x WHERE { BIND(1 AS ?x) }"}),
                 Accept="text/csv", **{"Accept-Language": "it"})
    assert sparql[2] == b"x\r\n1\r\n"


def test_excel_csv_has_a_bom_and_the_separator_of_the_language(site: str) -> None:
    url = site + "/queries/clusters-by-s3-ecosystem?format=excel-csv"
    status, headers, body = get(url + "&lang=it")
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8"
    assert headers["Content-Disposition"] == 'attachment; filename="clusters-by-s3-ecosystem.csv"'
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Ecosistema", "Cluster", "Quali", "Lingua"]
    assert rows[1][:2] == ["Health and Life Science", "3"]
    english = get(url + "&lang=en")[2].decode("utf-8-sig")
    assert english.startswith("Ecosystem,Clusters,Which,Language\r\n")


def test_excel_csv_keeps_text_that_looks_like_a_formula_as_text() -> None:
    answer = {"head": {"vars": ["a", "n", "d"]}, "results": {"bindings": [
        {"a": {"type": "literal", "value": "=HYPERLINK(\"x\")"},
         "n": {"type": "literal", "value": "-2.5",
               "datatype": "http://www.w3.org/2001/XMLSchema#decimal"},
         "d": {"type": "literal", "value": "+39 02"}}]}}
    rows = excel_csv(answer, ["A", "N", "D"], "it").decode("utf-8-sig").splitlines()
    assert rows == ["A;N;D", "\"'=HYPERLINK(\"\"x\"\")\";-2,5;'+39 02"]


def test_xlsx_has_titles_and_typed_cells(site: str, tmp_path: Path) -> None:
    status, headers, body = get(site + "/queries/projects-by-pnrr-mission?format=xlsx&lang=it")
    assert status == 200
    assert headers["Content-Type"] == \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    target = tmp_path / "answer.xlsx"
    target.write_bytes(body)
    book = load_workbook(target, read_only=True)  # read-only books hold the file until closed
    try:
        rows = [list(r) for r in book.active.iter_rows(values_only=True)]
    finally:
        book.close()
    assert rows[0] == ["Sigla", "Missione", "Box di sinergia", "Cluster", "Lingua"]
    assert rows[2] == ["M2", "Green revolution and ecological transition", 8, 5, "en"]
    assert len(rows) == 8
    negotiated = get(site + "/queries/projects-by-pnrr-mission",
                     Accept="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert negotiated[0] == 200 and negotiated[2][:2] == b"PK"


def test_the_page_links_every_download_in_its_language(site: str) -> None:
    links = download_links(page(site, PNRR + "?mission=pnrr:M2", **{"Accept-Language": "it"}))
    assert list(links) == ["CSV", "Excel CSV", "XLSX", "JSON", "TSV", "XML"]
    assert links["CSV"] == ("/queries/clusters-on-pnrr-mission?mission=pnrr:M2&language=it"
                            "&format=csv&lang=it")
    for href in links.values():
        assert get(site + href)[0] == 200


# The page's other parts, the languages and the embeds -----------------------------------------


def test_the_page_shows_the_sparql_and_links_the_terms_it_uses(site: str) -> None:
    shown = page(site, PNRR)
    assert "PREFIX skos: &lt;http://www.w3.org/2004/02/skos/core#&gt;" in shown
    assert ('<a href="/ontology#pnrrReference" title="') in shown
    assert "<code>ltc:pnrrReference</code></a>: " in shown
    assert re.search(r'<a href="http://www.w3.org/2004/02/skos/core#broader"( title="[^"]+")?>'
                     r"<code>skos:broader</code></a>", shown)
    model = page(site, "/ontology")
    for term in ("pnrrReference", "component", "cluster", "synergyOf", "Project"):
        assert f'id="{term}"' in model, term


def test_pages_follow_the_language_with_english_as_the_fallback(site: str) -> None:
    italian = page(site, PNRR, **{"Accept-Language": "it"})
    assert '<html lang="it">' in italian
    assert "<h1>Cluster su una missione del PNRR, con i loro progetti</h1>" in italian
    assert ">M2 · Rivoluzione verde e transizione ecologica</option>" in italian
    assert '<option value="it" lang="it" selected>Italiano</option>' in italian  # names' language
    header, rows = answer_table(italian)
    assert header[:3] == ["Missione", "IRI del cluster", "Cluster"]
    assert rows[0][6] == "Economia circolare e agricoltura sostenibile"
    german = page(site, PNRR, **{"Accept-Language": "de"})
    assert '<html lang="en">' in german and "<h1>Clusters on a PNRR mission" in german
    switched = page(site, PNRR + "?lang=it", **{"Accept-Language": "en"})
    assert "<h1>Cluster su una missione" in switched
    assert '<a href="/queries/clusters-on-pnrr-mission?lang=en" lang="en"' in switched
    assert '<input type="hidden" name="lang" value="it">' in switched
    listing = page(site, "/queries", **{"Accept-Language": "it"})
    assert "<h1>Interrogazioni pronte</h1>" in listing
    assert ">Cluster su una missione del PNRR, con i loro progetti</a>" in listing
    assert '<a href="/queries?lang=en" lang="en" hreflang="en">English</a>' in listing


def test_embeds_may_be_framed_by_any_site_and_pages_by_none(site: str) -> None:
    status, headers, body = get(site + "/embed/queries/clusters-by-s3-ecosystem?view=chart",
                                Accept="text/html")
    assert status == 200 and "frame-ancestors *" in headers["Content-Security-Policy"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    chart = body.decode()
    assert '<script type="application/json" id="chart-data">' in chart and "<table" not in chart
    table = get(site + "/embed/queries/clusters-in-network?view=table&network=network:eusalp")[2]
    assert table.decode().count("<tr>") == 3  # the header and the two clusters
    _, headers, _ = get(site + "/queries/clusters", Accept="text/html")
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert get(site + "/embed/queries/clusters?view=pie")[0] == 400
    shown = page(site, "/queries/clusters-by-s3-ecosystem")
    code = snippet(shown, "embed-chart")
    assert code.startswith(f'<iframe src="{site}/embed/queries/clusters-by-s3-ecosystem?'
                           'language=en&amp;view=chart&amp;lang=en" '
                           'title="Clusters per S3 ecosystem"')


def test_a_chart_only_where_the_shape_fits() -> None:
    def answer(*rows: tuple[str, str]) -> dict:
        integer = "http://www.w3.org/2001/XMLSchema#integer"
        return {"head": {"vars": ["name", "n"]}, "results": {"bindings": [
            {"name": {"type": "literal", "value": a},
             **({"n": {"type": "literal", "value": b, "datatype": integer}} if b else {})}
            for a, b in rows]}}

    query = REGISTRY.get("clusters-by-s3-ecosystem")
    assert query is not None
    chart = bar_chart(query, answer(("a", "2"), ("b", "10")), "en")
    assert chart == {"label": "name", "value": "n",
                     "rows": [{"label": "a", "value": 2}, {"label": "b", "value": 10}]}
    assert bar_chart(query, answer(("a", "2"), ("a", "3")), "en") is None  # labels repeat
    assert bar_chart(query, answer(("a", "2"), ("b", "")), "en") is None  # a blank value
    assert bar_chart(query, answer(), "en") is None


# OpenAPI ----------------------------------------------------------------------------------------


def test_the_openapi_description_is_valid_and_names_every_canned_query(site: str) -> None:
    status, headers, body = get(site + "/openapi.json")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    spec = json.loads(body)
    validate(spec)  # openapi-spec-validator: raises on any error
    assert spec["openapi"].startswith("3.1") and spec["servers"] == [{"url": site}]
    assert set(spec["paths"]) == {f"/queries/{q.name}" for q in REGISTRY}
    operation = spec["paths"][PNRR]["get"]
    mission = next(p for p in operation["parameters"] if p.get("name") == "mission")
    assert mission == {
        "name": "mission", "in": "query", "required": False,
        "description": "The PNRR mission; an instance of "
                       "<https://w3id.org/ltc/ontology#PNRRMission>. A full IRI, or a prefixed "
                       "name of the project (cluster:afil, pnrr:M2, ...).",
        "schema": {"type": "string", "format": "uri",
                   "default": "https://w3id.org/ltc/id/pnrr/M2"},
        "example": "pnrr:M4"}
    language = next(p for p in operation["parameters"] if p.get("name") == "language")
    assert language["schema"] == {"type": "string", "enum": ["en", "it"], "default": "en"}
    search = spec["paths"]["/queries/search"]["get"]["parameters"][0]
    assert search["required"] is True and search["schema"]["type"] == "string"
    assert set(operation["responses"]["200"]["content"]) == {
        "application/sparql-results+json", "application/sparql-results+xml", "text/csv",
        "text/tab-separated-values",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@pytest.mark.parametrize("query", list(REGISTRY), ids=[q.name for q in REGISTRY])
def test_every_operation_answers_as_its_schema_says(site: str, query: NamedQuery) -> None:
    spec = json.loads(get(site + "/openapi.json")[2])
    operation = spec["paths"][f"/queries/{query.name}"]["get"]
    args = {p["name"]: p["example"] for p in operation["parameters"]
            if p.get("required") and "example" in p}
    status, _, body = get(site + f"/queries/{query.name}?" + urlencode(args),
                          Accept="application/sparql-results+json")
    assert status == 200
    schema = operation["responses"]["200"]["content"]["application/sparql-results+json"]["schema"]
    schemas = Schemas().with_resource("urn:api", Resource.from_contents(
        spec, default_specification=DRAFT202012))
    validator = Draft202012Validator({"$ref": "urn:api" + schema["$ref"]}, registry=schemas)
    answer = json.loads(body)
    validator.validate(answer)
    assert answer["head"]["vars"] == query.variables


# The .rq headers these pages read ------------------------------------------------------------


def header_file(tmp_path: Path, header: str, body: str = "SELECT ?x ?n WHERE { ?x ?p ?n }\n"
                                                      "ORDER BY ?x") -> Path:
    path = tmp_path / "q.rq"
    path.write_text("".join(f"#+ {line}\n" for line in header.splitlines()) + body,
                    encoding="utf-8")
    return path


@pytest.mark.parametrize(("header", "message"), [
    ("params:\n  - {name: format, type: string}", "parameter name format is reserved"),
    ("params:\n  - {name: lang, type: string}", "parameter name lang is reserved"),
    ("params:\n  - {name: x, type: integer, class: ltc:Cluster}", "only iri parameters"),
    ("params:\n  - {name: x, type: iri, colour: red}", "bad parameter 'x'"),
    ("columns:\n  y: {en: Y}", "columns: y must be a projected variable"),
    ("columns:\n  x: {fr: X}", "columns: x must be a projected variable"),
    ("chart: {label: x, value: z}", "chart: label and value must be projected"),
])
def test_bad_headers_are_refused_with_the_reason(tmp_path: Path, header: str,
                                                 message: str) -> None:
    with pytest.raises(InputError, match=message):
        NamedQuery.read(header_file(tmp_path, header))


def test_a_header_with_classes_titles_and_columns(tmp_path: Path) -> None:
    query = NamedQuery.read(header_file(tmp_path, "\n".join([
        "title: T", "title_it: Ti", "params:",
        "  - {name: x, type: iri, class: [ltc:Cluster, ltc:Project]}",
        "columns:", "  n: {en: Number, it: Numero}"])))
    assert query.params[0].classes == ("https://w3id.org/ltc/ontology#Cluster",
                                       "https://w3id.org/ltc/ontology#Project")
    assert (query.titled("it"), query.titled("en")) == ("Ti", "T")
    assert [query.column_title(v, "it") for v in query.variables] == ["x", "Numero"]
    assert query.variables == ["x", "n"]


def test_a_parameter_with_listed_values_refuses_others(site: str) -> None:
    status, _, body = get(site + PNRR + "?language=" + "fr", Accept="application/json")
    assert status == 400
    assert json.loads(body)["error"] == "parameter 'language' must be one of en, it, not 'fr'"
    status, _, body = get(site + PNRR + "?language=" + "fr", Accept="text/html")
    assert status == 400
    assert '<p class="error" id="error-language">“fr” is not one of the choices: en, it.</p>' \
        in body.decode()
    assert get(site + PNRR + "?colour=red", Accept="text/html")[0] == 400


def test_typed_form_fields(tmp_path: Path) -> None:
    query = NamedQuery.read(header_file(tmp_path, "\n".join([
        "params:", "  - {name: n, type: integer}", "  - {name: d, type: date}",
        "  - {name: y, type: year, default: 2024}", "  - {name: b, type: boolean}",
        "  - {name: k, type: string, values: [a, b]}", "  - {name: s, type: string}"]),
        "SELECT ?n ?d ?y ?b ?k ?s WHERE { ?n ?d ?y } ORDER BY ?n"))
    shown = {f["param"].name: (f["input"], f["choices"], f["hint"])
             for f in fields(query, {}, "en")}
    assert shown == {
        "n": ("number", None, "A whole number, such as 3"),
        "d": ("date", None, "A date (YYYY-MM-DD), such as 2024-05-31"),
        "y": ("number", None, "A year in four digits, such as 2024"),
        "b": ("text", [("true", "yes", None), ("false", "no", None)], ""),
        "k": ("text", [("a", "a", None), ("b", "b", None)], ""),
        "s": ("text", None, "Text, such as hydrogen")}


def test_projected_variables_and_terms_are_read_from_the_text() -> None:
    query = REGISTRY.get("clusters-by-s3-ecosystem")
    assert query is not None
    assert query.variables == ["ecosystem", "clusters", "which", "language"]
    assert [name for name, _ in query.terms] == ["ltc:S3Ecosystem", "ltc:referenceEcosystem",
                                                 "ltc:shortName", "rdfs:label"]


# As a person meets the pages: the editor link, the form before the answer, field errors ------


def html(client: FlaskClient, path: str, lang: str = "en") -> tuple[int, str]:
    response = client.get(path, headers={"Accept": "text/html", "Accept-Language": lang})
    assert response.mimetype == "text/html", (path, response.status_code)
    return response.status_code, response.get_data(as_text=True)


def editor_links(page: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'<a class="editor"[^>]* href="([^"]+)"', page)]


@pytest.mark.parametrize(("path", "lang", "link"), [
    (PNRR, "en", "/sparql?canned=clusters-on-pnrr-mission&mission=pnrr:M2&language=en"),
    (PNRR + "?mission=https%3A%2F%2Fw3id.org%2Fltc%2Fid%2Fpnrr%2FM4&lang=it", "en",
     "/sparql?canned=clusters-on-pnrr-mission&mission=pnrr:M4&language=it"),
    ("/queries/search?keyword=green+hydrogen", "it",
     "/sparql?canned=search&keyword=green+hydrogen&language=it"),
    ("/queries/search", "en", "/sparql?canned=search&language=en"),
    ("/queries/source-conflicts", "en", "/sparql?canned=source-conflicts"),
])
def test_every_page_opens_its_query_in_the_editor_with_its_values(
        client: FlaskClient, path: str, lang: str, link: str) -> None:
    _, page = html(client, path, lang)
    assert editor_links(page) == [link, link]  # beside Run, and above the SPARQL text


def test_a_missing_required_value_shows_the_form_and_says_what_to_fill_in(
        client: FlaskClient) -> None:
    status, page = html(client, "/queries/search")
    assert status == 200
    assert '<p class="missing" id="missing-keyword">To see the answer, fill in “The word to ' \
           'look for” and press Run.</p>' in page
    assert '<input id="p-keyword" name="keyword" type="text" value="" required ' \
           'aria-describedby="hint-keyword missing-keyword">' in page
    assert '<p class="hint" id="hint-keyword">Text, such as hydrogen</p>' in page
    assert 'id="answer"' not in page and "<table" not in page and 'id="code"' not in page
    assert '<button type="submit">Run</button>' in page
    status, italian = html(client, "/queries/search", "it")
    assert status == 200
    assert "Per vedere la risposta, compila “La parola da cercare” e premi Esegui." in italian
    for asked in ({"Accept": "application/json"}, {}, {"Accept": "*/*"}):
        response = client.get("/queries/search", headers=asked)
        assert response.status_code == 400 and response.mimetype != "text/html"
    plain = client.get("/queries/search", headers={"Accept": "*/*"})  # curl: the message
    assert plain.get_data(as_text=True) == "parameter 'keyword' is required\n"
    assert client.get("/queries/search", headers={"Accept": "application/json"}).json == {
        "ok": False, "status": 400, "error": "parameter 'keyword' is required"}
    for fmt in ("json", "csv", "xlsx"):
        response = client.get(f"/queries/search?format={fmt}", headers={"Accept": "text/html"})
        assert response.status_code == 400 and b"parameter 'keyword' is required" in response.data


@pytest.mark.parametrize(("path", "lang", "field", "message"), [
    ("/queries/where-is-it-stated?resource=not+an+iri", "en", "resource",
     "“not an iri” is not an IRI."),
    ("/queries/where-is-it-stated?resource=not+an+iri", "it", "resource",
     "“not an iri” non è un IRI."),
    ("/queries/members-by-cluster?year=twenty", "en", "year", "“twenty” is not a year."),
    (PNRR + "?language=fr", "it", "language", "“fr” non è tra le scelte possibili: en, it."),
])
def test_a_wrong_value_shows_the_form_with_the_error_beside_its_field(
        client: FlaskClient, path: str, lang: str, field: str, message: str) -> None:
    status, page = html(client, path, lang)
    assert status == 400
    after = page.split(f'id="p-{field}"', 1)[1]
    tag = after.split(">", 1)[0]
    assert 'aria-invalid="true"' in tag and f"error-{field}" in tag
    assert f'<p class="error" id="error-{field}">{message}</p>' in after
    assert after.index(f'id="error-{field}"') < after.index("</div>")  # in the field's box
    assert 'id="answer"' not in page and "<table" not in page
    assert page.count('<p class="error"') == 1


def test_a_wrong_value_keeps_what_was_typed_so_it_can_be_corrected(client: FlaskClient) -> None:
    _, page = html(client, "/queries/where-is-it-stated?resource=not+an+iri")
    assert '<input id="p-resource" name="resource" type="text" value="not an iri" ' \
           'aria-invalid="true" aria-describedby="hint-resource error-resource">' in page
    assert ('<p class="hint" id="hint-resource">A prefixed name such as project:plastix, or a '
            "full IRI starting with https://</p>") in page


def test_an_unknown_value_name_is_said_above_the_form(client: FlaskClient) -> None:
    status, page = html(client, "/queries/clusters?colour=red")
    assert status == 400
    assert '<p class="problem" id="note-1">This query takes no value named “colour”, so it ' \
           "was not run: fill in the form and run it again.</p>" in page
    assert 'id="answer"' not in page
    response = client.get("/queries/clusters?colour=red&format=json")
    assert response.status_code == 400
    assert response.get_data(as_text=True).startswith(
        "unknown parameter 'colour' (this query takes: language)")


def test_an_embed_with_a_value_it_cannot_run_says_why_in_its_language(
        client: FlaskClient) -> None:
    response = client.get("/embed/queries/search?lang=it", headers={"Accept": "text/html"})
    assert response.status_code == 400 and response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert '<html lang="it">' in page
    assert '<p class="problem">Per vedere la risposta, compila “La parola da cercare” e ' \
           "premi Esegui.</p>" in page
    assert ">Ricerca per parola</a>" in page


def test_answers_are_compact_and_say_their_language(client: FlaskClient) -> None:
    _, page = html(client, "/queries/s3-ecosystems-by-cluster", "it")
    header, rows = answer_table(page)
    reference = header.index("Ecosistema di riferimento")
    assert {row[reference] for row in rows} == {"sì", "no"}
    assert "true" not in {row[reference] for row in rows}
    assert '<td data-title="Cluster" lang="en">Lombardy Energy Cleantech Cluster</td>' in page
    _, clusters = html(client, "/queries/clusters")
    assert ('<td data-title="Cluster IRI"><a href="/id/cluster/afil" '
            'title="https://w3id.org/ltc/id/cluster/afil"><code>cluster:afil</code></a></td>'
            ) in clusters
    assert re.search(r'<td data-title="Website"><a href="https?://(www\.)?afil\.it/?" '
                     r'title="[^"]+"><code>afil\.it</code></a></td>', clusters), \
        "websites shown without their scheme"
    assert re.search(r'<td data-title="Members" class="num">\d+</td>', clusters)
    _, events = html(client, "/queries/events-2024")
    assert re.search(r'<td data-title="Start" class="date">2024-\d\d-\d\d</td>', events)
    assert "^^" not in events and "@en" not in events


def test_the_list_and_the_page_speak_italian_in_whole_sentences(client: FlaskClient) -> None:
    _, listing = html(client, "/queries", "it")
    assert ("<p>I programmi ricevono ogni risposta nel formato di risultato che chiedono "
            "(<code>?format=csv</code>, <code>json</code>, <code>xml</code>, <code>tsv</code>, "
            "<code>excel-csv</code>, <code>xlsx</code>), e questo elenco in "
            '<a href="/queries?format=json">JSON</a> o come descrizione '
            '<a href="/openapi.json">OpenAPI</a>.</p>') in listing
    assert "Temi: ricerca · Da indicare: La parola da cercare" in listing
    assert "Temi: PNRR, progetti, cluster" in listing
    _, page = html(client, "/queries/clusters-by-s3-ecosystem", "it")
    assert "<figcaption>Cluster per ecosistema</figcaption>" in page
    assert 'role="img" aria-label="Grafico a barre, Cluster per ecosistema; la tabella qui ' \
           'sotto riporta gli stessi dati."' in page
    assert '<p class="caption">La risposta in un data frame di pandas.</p>' in page
    assert '<caption id="answer-caption">8 righe</caption>' in page
    assert '<label for="p-language">Lingua dei nomi (en o it)</label>' in page
    assert ('<p class="hint" id="hint-language"><span>L&#39;inglese dove un nome non ha '
            "un&#39;etichetta in quella lingua</span></p>") in page
    assert "Scarica la risposta:" in page and ">Apri nell'editor</a>" in page
    embed = client.get("/embed/queries/clusters-by-s3-ecosystem?view=chart&lang=it")
    shown = embed.get_data(as_text=True)
    assert 'aria-label="Grafico a barre, Cluster per ecosistema: ' in shown
    assert "Fonte: <a" in shown


def test_text_a_header_has_only_in_english_says_so(tmp_path: Path) -> None:
    query = NamedQuery.read(header_file(tmp_path, "\n".join([
        "title: Things", "description: All the things", "params:",
        "  - {name: x, type: iri, description: The thing; any thing, example: cluster:afil}",
        "columns:", "  n: {en: Number}"])))
    assert page_texts(query, "it") == {"query": query, "title": "Things",
                                  "description": "All the things", "title_lang": "en",
                                  "description_lang": "en"}
    assert page_texts(query, "en")["title_lang"] is None
    shown = fields(query, {}, "it")[0]
    assert (shown["label"], shown["more"], shown["label_lang"]) == ("The thing", "Any thing",
                                                                     "en")
    assert shown["hint"] == "A prefixed name such as cluster:afil, or a full IRI starting " \
                            "with https://"
    answer = {"head": {"vars": ["x", "n"]}, "results": {"bindings": []}}
    assert table(query, answer, "it")["title_langs"] == [None, "en"]


def test_a_wrong_value_is_shown_as_text_never_as_markup(client: FlaskClient) -> None:
    status, page = html(client, "/queries/where-is-it-stated?resource=%3Cscript%3Ealert(1)"
                                "%3C/script%3E")
    assert status == 400 and "<script>alert" not in page
    assert '<p class="error" id="error-resource">“&lt;script&gt;alert(1)&lt;/script&gt;” is ' \
           "not an IRI.</p>" in page
    status, page = html(client, "/queries/clusters?%3Cb%3E=1")
    assert status == 400 and "“&lt;b&gt;”" in page and "<b>" not in page
