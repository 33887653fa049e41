"""`ltc-graph new`: scaffolded files validate with the repository's data as written.

Each kind is scaffolded from options and checked by the real validator on data/ plus the new
file; values that could break TriG are parsed back exactly; missing or invalid answers and an
existing output file stop the command with exit 2 and one line; a terminal is asked.
"""

from __future__ import annotations

import io
import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from ltc_graph.authoring.scaffold import Known, gather, literal
from ltc_graph.cli import main
from ltc_graph.errors import InputError
from ltc_graph.namespaces import GRAPH, ID, LTC
from ltc_graph.rdf.files import load

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")
SCHEMA_START = URIRef("https://schema.org/startDate")

CLUSTER = [
    "cluster", "--slug", "test-quantum", "--name", "Lombardy Quantum Test Cluster",
    "--name-it", "Cluster Lombardo Quantistico di Prova", "--acronym", "LQTC",
    "--website", "https://quantum.example.org/", "--description",
    "A cluster made up for a test; nothing here is real.",
    "--s3", "advanced-manufacturing, Sustainability", "--area", "Quantum technologies",
    "--seat-address", "Via Roma 1, 20121 Milano (Italy)", "--seat-town", "Milano",
    "--section", "test-quantum-web", "--source", "test-quantum-site",
    "--source-label", "Website of the Lombardy Quantum Test Cluster",
    "--source-url", "https://quantum.example.org/", "--url", "https://quantum.example.org/about",
    "--visited", "2025-03-01",
]
PROJECT = [
    "project", "--slug", "test-plastix-2", "--name", "PLASTIX 2", "--acronym", "PLASTIX 2",
    "--cluster", "AFIL", "--role", "Coordinator", "--programme", "Interreg Europe",
    "--start", "2025", "--end", "2027", "--status", "ongoing",
    "--section", "test-brochure-2025-afil", "--source", "brochure-2024", "--page", "6",
]
EVENT = [
    "event", "--slug", "test-fair-2025", "--name", "Test Fair", "--date", "2025-06-05",
    "--end", "2025-06-09", "--cluster", "aerospace", "--place", "Hamburg",
    "--section", "aerospace",
]
HOSTILE = 'Evil "quoted" > name } g:x { <urn:x> a ltc:Project . # \\ end\nsecond line\ttab'


@pytest.fixture(autouse=True)
def no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process runs never prompt, even when pytest runs with -s at a terminal."""
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))


@pytest.fixture(scope="module")
def known() -> Known:
    return Known.of_project()


def validate(*files: Path) -> dict:
    out = io.StringIO()
    status = main(["validate", "--format", "json", str(DATA), *map(str, files)], out=out)
    report = json.loads(out.getvalue())
    assert status == (0 if report["conforms"] else 1)
    return report


@pytest.fixture(scope="module")
def baseline() -> dict:
    return validate()


def new(args: list[str], out_file: Path | None) -> tuple[int, str]:
    out = io.StringIO()
    status = main(["new", *args, *(["--out", str(out_file)] if out_file else [])], out=out)
    return status, out.getvalue()


def quads(path: Path) -> Dataset:
    return load([path])


@pytest.mark.parametrize(("args", "entity", "cls", "section"), [
    (CLUSTER, "cluster/test-quantum", LTC.Cluster, "test-quantum-web"),
    (PROJECT, "project/test-plastix-2", LTC.Project, "test-brochure-2025-afil"),
    (EVENT, "event/test-fair-2025", LTC.Event, "aerospace"),
], ids=["cluster", "project", "event"])
def test_each_kind_validates_with_the_repository_data(
    tmp_path: Path, baseline: dict, args: list[str], entity: str, cls: URIRef, section: str,
) -> None:
    path = tmp_path / "new.trig"
    status, said = new(args, path)
    assert status == 0
    assert said.startswith(f"Wrote {path}: {args[0]}:{args[2]} in graph g:{section}.\n")
    report = validate(path)
    assert (report["violations"], report["warnings"]) == (0, baseline["warnings"]), [
        r for r in report["results"] if r["severity"] != "Info"]
    graph = quads(path).graph(GRAPH[section])
    assert (ID[entity], RDF.type, cls) in graph
    assert (ID[entity], PROV_DERIVED, GRAPH[section]) in graph


def test_a_new_section_is_described_with_its_source(tmp_path: Path) -> None:
    path = tmp_path / "new.trig"
    assert new(CLUSTER, path)[0] == 0
    sources = quads(path).graph(GRAPH["sources"])
    section, source = GRAPH["test-quantum-web"], ID["source/test-quantum-site"]
    assert sorted((str(p), str(o)) for p, o in sources.predicate_objects(section)) == sorted([
        (str(RDF.type), str(LTC.SourceSection)),
        (str(RDFS.label), "Website of the Lombardy Quantum Test Cluster: "
                          "Lombardy Quantum Test Cluster"),
        (str(LTC.locator), "web page as read on 2025-03-01"),
        ("http://xmlns.com/foaf/0.1/page", "https://quantum.example.org/about"),
        ("http://purl.org/dc/terms/date", "2025-03-01"),
        (str(PROV_DERIVED), str(source)),
    ])
    assert (source, LTC.section, section) in sources
    assert (source, PROV_DERIVED, source) in sources


def test_an_existing_source_gets_the_section_and_described_nodes_are_reused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "new.trig"
    assert new(PROJECT, path)[0] == 0
    dataset = quads(path)
    section = GRAPH["test-brochure-2025-afil"]
    assert (ID["source/brochure-2024"], LTC.section, section) in dataset.graph(GRAPH["sources"])
    facts = dataset.graph(section)
    project = ID["project/test-plastix-2"]
    assert set(facts.objects(project, LTC.cluster)) == {ID["cluster/afil"]}
    assert set(facts.objects(project, LTC.fundingProgramme)) == {ID["programme/interreg-europe"]}
    assert (ID["programme/interreg-europe"], RDFS.label, None) not in facts
    assert set(facts.objects(project, SCHEMA_START)) == {Literal("2025", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#gYear"))}


def test_hostile_values_are_escaped_and_parse_back_exactly(
    tmp_path: Path, baseline: dict,
) -> None:
    args = ["event", "--slug", "test-hostile", "--name", HOSTILE, "--description", HOSTILE,
            "--place", 'Town "X" > \\ y', "--section", "test-hostile", "--source",
            "brochure-2024", "--section-label", HOSTILE, "--out", "-"]
    out = io.StringIO()
    assert main(["new", *args], out=out) == 0
    path = tmp_path / "hostile.trig"
    path.write_text(out.getvalue(), encoding="utf-8")
    facts = quads(path).graph(GRAPH["test-hostile"])
    event = ID["event/test-hostile"]
    assert set(facts.objects(event, RDFS.label)) == {Literal(HOSTILE, lang="en")}
    assert set(facts.subjects(RDF.type, LTC.Project)) == set()
    place = next(iter(facts.objects(event, LTC.location)))
    assert set(facts.objects(place, RDFS.label)) == {Literal('Town "X" > \\ y', lang="en")}
    comments = [line for line in out.getvalue().splitlines() if line.lstrip().startswith("#")]
    assert not [line for line in comments if "Evil" in line or "second line" in line]
    report = validate(path)
    assert (report["violations"], report["warnings"]) == (0, baseline["warnings"])


@pytest.mark.parametrize(("value", "written"), [
    ('a "b"', '"a \\"b\\""'),
    ("back\\slash", '"back\\\\slash"'),
    ("two\nlines\r", '"two\\nlines\\r"'),
    ("bell\x07", '"bell\\u0007"'),
    ("città > x", '"città > x"'),
])
def test_literals_escape_what_trig_needs(value: str, written: str) -> None:
    assert literal(value) == written


def block(name: str, subject: str) -> int:
    """The line of the data file `name` where the block of `subject` starts, read off the file
    so that reformatting the data does not break the messages below."""
    path = next(DATA.rglob(name))
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(f"{subject} a "))


@pytest.mark.parametrize(("given", "message"), [
    ({"slug": "Not A Slug"}, "--slug: 'Not A Slug' is not a slug: lower-case words joined "
                             "by '-', like 'life-sciences'"),
    ({"slug": "plastix"}, "--slug: project:plastix already exists "
                          f"(data/brochure/afil.trig:{block('afil.trig', 'project:plastix')})"),
    ({"cluster": "nowhere"}, "--cluster: no cluster 'nowhere' in the data (known: aerospace, "
                             "afil, agrifood, energy, green-chemistry, life-sciences, "
                             "living-environments, mobility, smart-communities)"),
    ({"start": "2025-02-30"}, "--start: '2025-02-30' is not a date: write 2024, 2024-06 or "
                              "2024-06-05"),
    ({"start": "2026", "end": "2025"}, "--end: 2025 is before the start 2026 (a range the "
     "source prints backwards is written by hand, with an ltc:sourceConflict note)"),
    ({"name": "PLASTIX"}, "--name: project:plastix already has the English label 'PLASTIX'; "
                          "if it is the same thing, add to it, if not, tell the two apart"),
    ({"section": "shapes"}, "--section: g:shapes is not a section for new facts"),
    ({"section": "afil", "source": None, "page": "6"},
     "--page does not apply: g:afil is already described "
     f"(data/sources.trig:{block('sources.trig', 'g:afil')})"),
    ({"source": "document:nothing"}, "--source: no source 'document:nothing' in the data (a "
                                     "new source takes a plain slug, minted as source:SLUG)"),
    ({"source": "new-one"}, "missing --source-label (stdin is not a terminal to ask)"),
    ({"slug": None, "name": None}, "missing --slug, --name (stdin is not a terminal to ask)"),
])
def test_invalid_or_missing_answers_are_refused_with_a_reason(
    monkeypatch: pytest.MonkeyPatch, given: dict, message: str,
) -> None:
    monkeypatch.chdir(ROOT)
    here = Known.of_project()  # file names relative to the repository, as a maintainer sees
    answers = {"slug": "test-ok", "name": "Test OK", "cluster": "afil", "section": "test-ok",
               "source": "brochure-2024", **given}
    with pytest.raises(InputError) as raised:
        gather("project", answers, here)
    assert str(raised.value) == message


def test_a_website_must_be_an_http_address(known: Known) -> None:
    given = {"slug": "test-x", "website": "javascript:alert(1)"}
    with pytest.raises(InputError, match=r"^--website: 'javascript:alert\(1\)' is not an "
                                         r"http\(s\) web address$"):
        gather("cluster", given, known)


def test_missing_answers_without_a_terminal_exit_2_with_one_line(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ltc_graph.cli", "new", "event", "--slug", "test-x"],
        cwd=tmp_path, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == ("ltc-graph: missing --name, --section, --source (stdin is not a "
                           "terminal to ask)\n")
    assert done.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "taken.trig"
    path.write_text("keep me\n", encoding="utf-8")
    assert new(EVENT, path) == (2, "")
    assert capsys.readouterr().err == f"ltc-graph: {path}: exists; refusing to overwrite it\n"
    assert path.read_text(encoding="utf-8") == "keep me\n"


def test_the_default_file_is_the_slug_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert new(EVENT, None)[0] == 0
    assert [p.name for p in tmp_path.iterdir()] == ["test-fair-2025.trig"]


def test_a_terminal_is_asked_for_what_the_options_leave_out(tmp_path: Path) -> None:
    """A real pseudo-terminal: a wrong date is asked again, Enter skips an optional answer."""
    main_end, tty_end = pty.openpty()
    answers = ["Test Fair", "2025-13-01", "2025-06-05", "", "aerospace", "Hamburg", ""]
    os.write(main_end, "".join(f"{a}\n" for a in answers).encode())
    done = subprocess.run(
        [sys.executable, "-m", "ltc_graph.cli", "new", "event", "--slug", "test-fair-2025",
         "--section", "aerospace", "--out", "asked.trig"],
        cwd=tmp_path, stdin=tty_end, capture_output=True, text=True, timeout=60, check=False,
    )
    os.close(tty_end)
    os.close(main_end)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("Date, or first day (2024, 2024-06 or 2024-06-05) (Enter to "
                             "skip): ") == 2
    assert "'2025-13-01' is not a date" in done.stderr
    facts = quads(tmp_path / "asked.trig").graph(GRAPH["aerospace"])
    event = ID["event/test-fair-2025"]
    assert set(facts.objects(event, RDFS.label)) == {Literal("Test Fair", lang="en")}
    assert set(facts.objects(event, SCHEMA_START)) == {Literal("2025-06-05", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#date"))}
    # no last day given: a one-off event ends the day it starts (EventShape)
    assert set(facts.objects(event, URIRef("https://schema.org/endDate"))) == {Literal(
        "2025-06-05", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))}
    assert set(facts.objects(event, LTC.cluster)) == {ID["cluster/aerospace"]}
