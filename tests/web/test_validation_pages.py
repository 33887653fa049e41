"""The validation report on the web: `/validation` with its filters and formats, and each
resource page's own results, against a real server on loopback."""

from __future__ import annotations

import io
import json
import shutil
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from markupsafe import escape
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import PROV, RDF, XSD

from ltc_graph.cli import main
from ltc_graph.validation.served import ServedValidation
from servers import ROOT, fetch, running_server

SH = Namespace("http://www.w3.org/ns/shacl#")
SCHEMA = Namespace("https://schema.org/")
HTML = "text/html"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with running_server() as endpoint:
        yield endpoint.rsplit("/sparql", 1)[0]


@pytest.fixture(scope="module")
def served(site: str) -> dict:
    status, _, body = fetch(f"{site}/validation.json")
    assert status == 200, body
    return json.loads(body)


@pytest.fixture(scope="module")
def cli_report() -> dict:
    out = io.StringIO()
    main(["validate", "--format", "json"], out=out)
    return json.loads(out.getvalue())


def _key(result: dict) -> tuple:
    return tuple(result[k] for k in ("severity", "focus", "path", "value", "message", "shape",
                                     "file", "line"))


def test_the_served_report_is_the_one_the_command_line_gives(served: dict, cli_report: dict,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    assert cli_report["results"], "the real data has warnings and infos to show"
    assert sorted(map(_key, served["results"])) == sorted(map(_key, cli_report["results"]))
    for count in ("violations", "warnings", "infos", "conforms"):
        assert served[count] == cli_report[count]


@pytest.mark.parametrize("severity", ["Violation", "Warning", "Info"])
def test_filter_by_severity(site: str, served: dict, severity: str) -> None:
    _, _, body = fetch(f"{site}/validation.json?severity={severity}")
    chosen = json.loads(body)["results"]
    assert {r["severity"] for r in chosen} <= {severity}
    assert len(chosen) == sum(r["severity"] == severity for r in served["results"])
    _, _, page = fetch(f"{site}/validation?severity={severity}", HTML)
    assert page.decode().count('<li class="finding ') == len(chosen)


def test_filter_by_class_and_the_page_lists_the_classes(site: str, served: dict) -> None:
    classes = Counter(c for r in served["results"] for c in r["classes"])
    assert classes, "every result names the classes of its resource"
    _, _, page = fetch(f"{site}/validation", HTML)
    text = page.decode()
    for name, count in classes.items():
        assert f'<option value="{name}">{name} ({count})</option>' in text
        _, _, body = fetch(f"{site}/validation.json?class={name}")
        chosen = json.loads(body)["results"]
        assert len(chosen) == count and all(name in r["classes"] for r in chosen)


def test_an_unknown_severity_is_a_400_that_says_what_to_use(site: str) -> None:
    status, _, body = fetch(f"{site}/validation?severity=Fatal")
    assert status == 400
    assert b"'Fatal'" in body and b"Violation, Warning, Info" in body


def test_the_report_as_rdf_says_when_it_was_made_and_which_data_it_describes(
        site: str, served: dict, graph: Graph) -> None:
    for suffix, fmt in ((".ttl", ox.RdfFormat.TURTLE), (".jsonld", ox.RdfFormat.JSON_LD),
                        (".nt", ox.RdfFormat.N_TRIPLES)):
        status, _, body = fetch(f"{site}/validation{suffix}")
        assert status == 200
        triples = ox.serialize(ox.parse(body, format=fmt), format=ox.RdfFormat.N_TRIPLES)
        report = Graph().parse(data=triples, format="nt")
        (node,) = report.subjects(RDF.type, SH.ValidationReport)
        made = report.value(node, PROV.generatedAtTime)
        assert isinstance(made, Literal) and made.datatype == XSD.dateTime
        assert str(made) == served["created"]
        assert str(report.value(node, SCHEMA.version)) == served["data_version"]
        release = report.value(node, PROV.wasDerivedFrom)
        dataset = URIRef("https://w3id.org/ltc/id/dataset/ltc-graph")
        assert release == graph.value(dataset, URIRef("http://www.w3.org/ns/dcat#"
                                                      "hasCurrentVersion"))
        assert len(set(report.objects(node, SH.result))) == len(served["results"])
    status, _, body = fetch(f"{site}/validation", "text/turtle")
    assert status == 200 and b"sh:ValidationReport" in body


def test_the_page_names_the_data_version_it_describes(site: str, served: dict) -> None:
    _, _, page = fetch(f"{site}/validation", HTML)
    assert served["data_version"] in page.decode()
    assert "describes the repository's files, not that store" not in page.decode()


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def test_each_result_is_a_card_with_its_resource_message_shape_and_place(
        site: str, served: dict) -> None:
    _, _, page = fetch(f"{site}/validation", HTML)
    cards = page.decode().split('<ol class="findings" id="results">', 1)[1].split("</ol>")[0]
    first = served["results"][0]
    card = cards.split("</li>", 1)[0]
    assert card.startswith(f'\n<li class="finding {first["severity"].lower()}">')
    assert f'<strong class="severity">{first["severity"]}</strong>' in card
    assert (f'<a href="{first["about"].removeprefix("https://w3id.org/ltc")}"><code>'
            f'{first["focus"]}</code></a>') in card
    assert f'<p class="message" lang="en">{escape(first["message"])}</p>' in card
    assert f'<dt>Shape</dt><dd><code>{first["shape"]}</code></dd>' in card
    assert f'<dt>Where</dt><dd><code>{first["file"]}:{first["line"]}</code></dd>' in card
    assert cards.count('<li class="finding ') == len(served["results"])


def test_the_italian_page_is_in_italian_but_for_the_shapes_messages(site: str,
                                                                    served: dict) -> None:
    _, _, body = fetch(f"{site}/validation?lang=it", HTML)
    page = body.decode()
    assert "<h1>Rapporto di validazione dei dati pubblicati</h1>" in page
    counts = ", ".join((_plural(served["violations"], "violazione", "violazioni"),
                        _plural(served["warnings"], "avviso", "avvisi"),
                        _plural(served["infos"], "informazione", "informazioni")))
    assert f'<span id="counts">{counts}</span>' in page
    assert f'id="verdict" class="conforms">{"conforme" if served["conforms"] else "x"}<' in page
    assert "<legend>Gravità</legend>" in page and '<option value="">qualsiasi classe</option>' \
        in page
    assert f'value="Warning"> Avviso ({served["warnings"]})</label>' in page
    for severity, name in (("Warning", "Avviso"), ("Info", "Informazione")):
        shown = sum(r["severity"] == severity for r in served["results"])
        assert page.count(f'<strong class="severity">{name}</strong>') == shown
    assert page.count('<p class="message" lang="en">') == len(served["results"])
    assert _plural(len(served["results"]), "risultato mostrato", "risultati mostrati") in page


def test_a_resource_page_shows_its_own_results(site: str, served: dict) -> None:
    about = Counter(r["about"] for r in served["results"] if r["about"])
    iri, count = about.most_common(1)[0]
    _, _, page = fetch(site + iri.removeprefix("https://w3id.org/ltc"), HTML)
    text = page.decode()
    listed = text.split('<ul id="findings">', 1)[1].split("</ul>", 1)[0]
    assert listed.count("<li") == count
    for result in served["results"]:
        if result["about"] == iri:
            assert result["severity"] in listed
    clean = "/id/cluster/aerospace"
    assert f"https://w3id.org/ltc{clean}" not in about
    _, _, page = fetch(site + clean, HTML)
    assert "No open warnings or violations" in page.decode()


def _broken_copy(tmp_path: Path) -> tuple[Path, str, str]:
    """A copy of the repository with one defect: AFIL loses its website."""
    root = tmp_path / "repo"
    for folder in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(ROOT / folder, root / folder)
    defect = ROOT / "tests" / "defects" / "ClusterShape--missing-website.ru"
    header = dict(line[2:].split(": ", 1) for line in defect.read_text().splitlines()
                  if line.startswith("# ") and ": " in line)
    target = root / "data" / "brochure" / "afil.trig"
    store = ox.Store()
    store.load(path=str(target), format=ox.RdfFormat.TRIG)
    before = len(store)
    store.update("DELETE WHERE { GRAPH ?g { <https://w3id.org/ltc/id/cluster/afil> "
                 "<http://xmlns.com/foaf/0.1/homepage> ?site } }")
    assert len(store) == before - 1
    target.write_bytes(store.dump(format=ox.RdfFormat.TRIG))
    return root, header["focus"], header["message"]


def test_a_defect_shows_on_its_resource_page_and_in_the_report(tmp_path: Path) -> None:
    root, focus, message = _broken_copy(tmp_path)
    with running_server(env={"LTC_HOME": str(root)}) as endpoint:
        site = endpoint.rsplit("/sparql", 1)[0]
        _, _, body = fetch(f"{site}/validation.json?severity=Violation")
        report = json.loads(body)
        assert report["conforms"] is False
        assert [(r["focus"], r["message"]) for r in report["results"]] == [(focus, message)]
        assert (root / report["results"][0]["file"]).is_file()
        _, _, page = fetch(f"{site}/id/cluster/afil", HTML)
        listed = page.decode().split('<ul id="findings">', 1)[1].split("</ul>", 1)[0]
        assert listed.count("<li") == 1  # the resource page's own words around the message
        assert "<strong>Violation</strong>" in listed and message in listed
        _, _, page = fetch(f"{site}/validation", HTML)
        assert 'id="verdict" class="fails">does not conform<' in page.decode()


def test_before_the_report_is_ready_pages_say_so_and_the_report_is_503(tmp_path: Path) -> None:
    with running_server(env={"LTC_VALIDATION_WAIT": "0"}) as endpoint:
        site = endpoint.rsplit("/sparql", 1)[0]
        _, _, page = fetch(f"{site}/id/cluster/afil", HTML)
        assert "is being produced; reload" in page.decode()
        deadline = time.monotonic() + 60
        while True:
            status, headers, body = fetch(f"{site}/validation.json")
            if status == 200:
                break
            assert status == 503 and headers["Retry-After"] == "5", body
            assert b"being produced" in body
            assert time.monotonic() < deadline
            time.sleep(0.2)
        _, _, page = fetch(f"{site}/id/cluster/afil", HTML)
        assert "is being produced" not in page.decode()


def test_the_report_is_produced_once_and_a_failure_is_reported(tmp_path: Path) -> None:
    calls: list[Path] = []
    release = threading.Event()

    def slow(root: Path):
        calls.append(root)
        release.wait(10)
        raise ValueError("shapes unreadable")

    served = ServedValidation(tmp_path, producer=slow)
    assert served.wait(0.05) is None and served.wait(0.05) is None
    release.set()
    with pytest.raises(RuntimeError, match="could not be produced: shapes unreadable"):
        served.wait(5)
    assert calls == [tmp_path]
