"""`POST /validate` against a real server on loopback: reports in every format, the form, and
the hostile uploads (no file read, no request made, no entity expanded, the body bounded,
the work stopped at the time limit)."""

from __future__ import annotations

import contextlib
import http.client
import http.server
import json
import pickle
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox
import pytest
from markupsafe import escape
from rdflib import RDF, Graph, Literal, Namespace

from ltc_graph.namespaces import SPARQL_PREFIXES, shorten
from ltc_graph.rdf.formats import UPLOADS
from ltc_graph.sparql.execution import Limits
from ltc_graph.validation.upload import ValidationTask
from servers import ROOT, fetch, oversized_post, running_server

FORMATS = {media: syntax.oxigraph for media, syntax in UPLOADS.items()}

SH = Namespace("http://www.w3.org/ns/shacl#")
HTML = "text/html"
JSON = "application/json"
AFIL = ROOT / "data" / "brochure" / "afil.trig"
DEFECTS = ROOT / "tests" / "defects"
KEYS = ("severity", "focus", "path", "value", "message", "shape")


class Canary:
    """An HTTP server on loopback that notes every connection made to it."""

    def __init__(self) -> None:
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def handle(self) -> None:
                hits.append(self.client_address)
                super().handle()

            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/ld+json")
                self.end_headers()
                self.wfile.write(b'{"@context": {"name": "http://schema.org/name"}}')

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/canary"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def canary() -> Iterator[Canary]:
    watcher = Canary()
    yield watcher
    watcher.close()
    assert watcher.hits == [], "the canary was contacted"


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with running_server() as endpoint:
        yield endpoint.rsplit("/sparql", 1)[0]


def post(url: str, body: bytes, content_type: str | None = "text/turtle",
         accept: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """POST `body` as it is (no Content-Type unless given): status, headers and body."""
    parts = urlsplit(url)
    headers = {"Content-Type": content_type} if content_type else {}
    if accept:
        headers["Accept"] = accept
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request("POST", parts.path + (f"?{parts.query}" if parts.query else ""),
                           body=body, headers=headers)
        response = connection.getresponse()
        return response.status, dict(response.headers), response.read()
    finally:
        connection.close()


def multipart(*fields: tuple[str, bytes, str | None]) -> tuple[bytes, str]:
    """A multipart/form-data body of (name, value, file name or None) and its media type."""
    boundary = "ltc-test-7a1b"
    body = b""
    for name, value, filename in fields:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename
                                                    else "")
        kind = "Content-Type: application/octet-stream\r\n" if filename else ""
        body += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n{kind}\r\n".encode()
        body += value + b"\r\n"
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def afil(update: str | None = None, fmt: ox.RdfFormat = ox.RdfFormat.TURTLE) -> bytes:
    """AFIL's published section as one document, optionally broken by a SPARQL update."""
    store = ox.Store()
    store.extend(ox.Quad(q.subject, q.predicate, q.object)
                 for q in ox.parse(path=str(AFIL), format=ox.RdfFormat.TRIG))
    if update:
        store.update(SPARQL_PREFIXES + update)
    return ox.serialize(store, format=fmt)


def header(defect: Path) -> dict[str, str]:
    return dict(line[2:].split(": ", 1) for line in defect.read_text("utf-8").splitlines()
                if line.startswith("# ") and ": " in line)


def subjects(document: bytes) -> set[str]:
    return {q.subject.value for q in ox.parse(document, ox.RdfFormat.TURTLE)
            if isinstance(q.subject, ox.NamedNode)}


@pytest.fixture(scope="module")
def clean(site: str) -> dict:
    status, _, body = post(f"{site}/validate?format=json", afil())
    assert status == 200, body
    return json.loads(body)


# What a document is checked among, and what is reported

def test_a_copy_of_a_cluster_conforms_and_gets_the_published_results_about_it(
        site: str, clean: dict) -> None:
    document = afil()
    _, _, body = fetch(f"{site}/validation.json")
    published = json.loads(body)["results"]
    own = subjects(document)
    expected = sorted(tuple(r[k] for k in KEYS) for r in published if r["about"] in own)
    assert clean["conforms"] is True
    assert clean["triples"] == len(list(ox.parse(document, ox.RdfFormat.TURTLE)))
    assert sorted(tuple(r[k] for k in KEYS) for r in clean["results"]) == expected
    shown = {shorten(iri) for iri in own}
    assert all(r["focus"].removeprefix("[] in ") in shown for r in clean["results"])


@pytest.mark.parametrize("name", [
    "ClusterShape--missing-website", "DateOrderShape--ends-before-it-starts",
    "ProjectShape--no-cluster", "ProvenanceShape--no-provenance",
    "ProvenanceShape--unknown-section", "SiteShape--two-site-types",
    "SynergyShape--no-editorial-note",
])
def test_a_defect_in_the_upload_is_reported_exactly(site: str, clean: dict, name: str) -> None:
    defect = DEFECTS / f"{name}.ru"
    expected = header(defect)
    status, _, body = post(f"{site}/validate?format=json", afil(defect.read_text("utf-8")))
    assert status == 200, body
    report = json.loads(body)
    assert report["conforms"] is False
    violations = [r for r in report["results"] if r["severity"] == "Violation"]
    assert [(r["focus"], expected["message"] in r["message"]) for r in violations] == [
        (expected["focus"], True)]
    others = [r for r in report["results"] if r["severity"] != "Violation"]
    assert others == clean["results"]


def test_a_new_resource_linking_to_published_ones_is_not_dangling(site: str) -> None:
    document = b"""
@prefix cluster: <https://w3id.org/ltc/id/cluster/> .
@prefix project: <https://w3id.org/ltc/id/project/> .
@prefix ltc: <https://w3id.org/ltc/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix g: <https://w3id.org/ltc/graph/> .
project:new-one a ltc:Project ; rdfs:label "New one"@en ; ltc:cluster cluster:afil ;
    prov:wasDerivedFrom g:afil .
project:other-one a ltc:Project ; rdfs:label "Other one"@en ; ltc:cluster cluster:afill ;
    prov:wasDerivedFrom g:afil .
"""
    status, _, body = post(f"{site}/validate?format=json", document)
    assert status == 200, body
    report = json.loads(body)
    assert {(r["focus"], r["message"]) for r in report["results"]} == {
        ("project:other-one", "Links to cluster:afill, which no file describes (a typo in "
         "the IRI, or a node that still has to be added)."),
        ("project:other-one", "Every project belongs to at least one cluster (ltc:cluster)."),
    }


# Formats in and out

@pytest.mark.parametrize("media", list(FORMATS))
def test_every_listed_format_is_read(site: str, clean: dict, media: str) -> None:
    status, _, body = post(f"{site}/validate?format=json", afil(fmt=FORMATS[media]), media)
    assert status == 200, body
    report = json.loads(body)
    assert (report["conforms"], report["triples"], report["results"]) == (
        True, clean["triples"], clean["results"])


@pytest.mark.parametrize("content_type", [
    None, "text/csv", "application/json", "text/plain", "application/xml", "text/n3",
])
def test_other_media_types_are_a_415_that_lists_the_formats(site: str,
                                                            content_type: str | None) -> None:
    status, _, body = post(f"{site}/validate", afil(), content_type)
    assert status == 415
    assert all(media in body.decode() for media in FORMATS)


def test_a_charset_other_than_utf8_is_a_415(site: str) -> None:
    status, _, body = post(f"{site}/validate", afil(), "text/turtle; charset=latin-1")
    assert status == 415 and b"send UTF-8" in body


def test_bytes_that_are_not_utf8_are_a_400_with_where(site: str) -> None:
    document = '<http://x/a> <http://x/b> "caf\xe9" .'.encode("latin-1")
    status, _, body = post(f"{site}/validate", document)
    assert (status, body) == (400, b"the document was not read: line 1, column 31: "
                                   b"not valid UTF-8\n")


@pytest.mark.parametrize(("media", "document", "message"), [
    ("text/turtle", b"@prefix ex: <http://example.org/> .\nex:a ex:b ex:c\nex:d ex:e ex:f .",
     b"line 3, column 1: A dot is expected at the end of statements"),
    ("application/n-triples", b"<http://x/a> <http://x/b> <http://x/c> .\n<http://x/a> .",
     b"line 2, column 14: "),
    ("application/ld+json", b'{"@id": "http://x/a",\n "http://x/p": [1,}',
     b"line 2, column 19: "),
    ("application/rdf+xml", b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>"
     b"\n<rdf:Description>\n</rdf:RDF>", b"line 3, column "),
])
def test_a_document_that_does_not_parse_is_a_400_with_line_and_column(
        site: str, media: str, document: bytes, message: bytes) -> None:
    status, _, body = post(f"{site}/validate", document, media)
    assert status == 400
    assert body.startswith(b"the document was not read: " + message), body


def test_the_turtle_report_is_the_w3c_report(site: str) -> None:
    defect = (DEFECTS / "ClusterShape--missing-website.ru").read_text("utf-8")
    status, headers, body = post(f"{site}/validate", afil(defect), accept="text/turtle")
    assert status == 200 and headers["Content-Type"] == "text/turtle; charset=utf-8"
    report = Graph().parse(data=body, format="turtle")
    (node,) = report.subjects(RDF.type, SH.ValidationReport)
    assert report.value(node, SH.conforms) == Literal(False)
    violations = [r for r in report.objects(node, SH.result)
                  if report.value(r, SH.resultSeverity) == SH.Violation]
    assert [str(report.value(r, SH.resultMessage)) for r in violations] == [
        "A cluster has exactly one website."]
    assert len(list(ox.parse(body, ox.RdfFormat.TURTLE))) == len(report)


@pytest.mark.parametrize(("query", "accept", "expected"), [
    ("", None, "text/turtle"),
    ("", "*/*", "text/turtle"),
    ("", "application/json", JSON),
    ("", "text/html,application/xhtml+xml,*/*;q=0.8", HTML),
    ("?format=json", "text/turtle", JSON),
    ("?format=ttl", None, "text/turtle"),
    ("?format=html", None, HTML),
])
def test_the_report_format_is_chosen_by_accept_or_format(site: str, query: str,
                                                         accept: str | None,
                                                         expected: str) -> None:
    status, headers, _ = post(f"{site}/validate{query}", afil(), accept=accept)
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == expected
    assert "Accept" in headers["Vary"]


def test_no_acceptable_report_format_is_a_406(site: str) -> None:
    for query, accept in (("", "text/csv"), ("?format=xml", None)):
        status, _, body = post(f"{site}/validate{query}", afil(), accept=accept)
        assert status == 406 and b"text/turtle, application/json, text/html" in body


def test_the_json_report_has_the_command_lines_shape(site: str, clean: dict) -> None:
    assert list(clean) == ["conforms", "triples", "violations", "warnings", "infos",
                           "results"]
    assert clean["results"], "AFIL has a warning and an info"
    for result in clean["results"]:
        assert list(result) == ["severity", "focus", "path", "value", "message", "shape",
                                "file", "line"]


def test_the_page_escapes_messages_and_values(site: str) -> None:
    update = ('DELETE { cluster:afil foaf:homepage ?site } '
              'INSERT { cluster:afil foaf:homepage "<script>alert(1)</script>" } '
              'WHERE { cluster:afil foaf:homepage ?site } ; '
              + (DEFECTS / "PNRRComponentShape--malformed-notation.ru").read_text("utf-8"))
    status, headers, body = post(f"{site}/validate", afil(update), accept=HTML)
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    page = body.decode()
    assert "<script" not in page
    assert '= <code class="value">' + str(escape('"<script>alert(1)</script>"')) + "</code>" \
        in page
    assert str(escape("A component's notation is written like M2C1.")) in page
    assert 'id="verdict" class="fails">does not conform<' in page


def test_the_italian_page_names_the_severities_in_italian_and_the_messages_in_english(
        site: str) -> None:
    update = (DEFECTS / "PNRRComponentShape--malformed-notation.ru").read_text("utf-8")
    status, _, body = post(f"{site}/validate?lang=it", afil(update), "text/turtle", accept=HTML)
    assert status == 200
    page = body.decode()
    assert '<html lang="it">' in page and "<h1>Verifica i tuoi dati</h1>" in page
    assert 'id="verdict" class="fails">non conforme<' in page
    card = page.split('<li class="finding violation">', 1)[1].split("</li>", 1)[0]
    assert '<strong class="severity">Violazione</strong>' in card
    assert ('<p class="message" lang="en">A component&#39;s notation is written like M2C1.</p>'
            in card)
    assert "<dt>Forma</dt>" in card
    assert page.count('<p class="message" lang="en">') == page.count('<li class="finding ')


def test_a_refused_document_is_explained_in_italian_with_the_error_in_english(
        site: str) -> None:
    body, content_type = multipart(("data", b"<http://x/a> <http://x/b> .", None))
    status, _, page = post(f"{site}/validate?lang=it", body, content_type, accept=HTML)
    assert status == 400
    assert ('<p class="notice" id="error" role="alert"><strong>Il documento è stato rifiutato:'
            '</strong> <span lang="en">') in page.decode()


# The form

def test_the_form_works_without_javascript(site: str) -> None:
    status, headers, body = fetch(f"{site}/validate", HTML)
    assert status == 200 and headers["Content-Type"].startswith(HTML)
    page = body.decode()
    assert '<form class="upload" method="post" action="/validate" enctype="multipart/form-data"' \
        in page
    assert '<textarea id="data" name="data"' in page
    assert '<input id="file" type="file" name="data"' in page
    assert all(f'<option value="{media}"' in page for media in FORMATS)
    assert "<script" not in page


@pytest.mark.parametrize("how", ["pasted", "file", "urlencoded"])
def test_the_form_round_trip(site: str, clean: dict, how: str) -> None:
    document = afil(fmt=ox.RdfFormat.N_TRIPLES)
    if how == "urlencoded":
        body = urlencode({"data": document.decode(), "format": "application/n-triples"})
        content_type = "application/x-www-form-urlencoded"
    else:
        body, content_type = multipart(
            ("data", document if how == "pasted" else b"", None),
            ("data", document if how == "file" else b"", "afil.nt"),
            ("format", b"application/n-triples", None))
    status, _, page = post(f"{site}/validate", body if isinstance(body, bytes)
                           else body.encode(), content_type, accept=HTML)
    assert status == 200, page
    text = page.decode()
    assert 'id="verdict" class="conforms">conforms<' in text
    counts = ", ".join(f"{clean[key]} {word}{'s' * (clean[key] != 1)}" for key, word in (
        ("violations", "violation"), ("warnings", "warning"), ("infos", "info")))
    assert f'<span id="counts">{counts}</span>' in text
    assert text.count('<li class="finding ') == len(clean["results"])
    assert '<option value="application/n-triples" selected>' in text
    kept = str(escape(document.decode()))
    assert (kept in text) == (how != "file"), "pasted text is shown again, a file is not"


def test_a_form_with_a_broken_document_shows_the_error_and_keeps_the_text(site: str) -> None:
    pasted = b'<http://x/a> <http://x/b> "</textarea><script>x()</script>'
    body, content_type = multipart(("data", pasted, None), ("format", b"text/turtle", None))
    status, _, page = post(f"{site}/validate", body, content_type, accept=HTML)
    assert status == 400
    text = page.decode()
    assert '<p class="notice" id="error" role="alert">' in text and "line 1, column" in text
    assert str(escape(pasted.decode())) in text and "<script" not in text


@pytest.mark.parametrize(("fields", "message"), [
    ((("format", b"text/turtle", None),), b"the form has no `data`"),
    ((("data", b"<http://x/a> <http://x/b> 1 .", None),
      ("data", b"<http://x/a> <http://x/b> 2 .", "x.ttl")), b"not both"),
    ((("data", b"<http://x/a> <http://x/b> '\xff' .", None),), b"not valid UTF-8"),
])
def test_a_form_without_one_usable_document_is_a_400(site: str, fields: tuple,
                                                      message: bytes) -> None:
    body, content_type = multipart(*fields)
    status, _, text = post(f"{site}/validate", body, content_type)
    assert status == 400 and message in text, text


def test_a_form_names_the_syntax_by_media_type_or_short_name(site: str) -> None:
    document = b'<http://example.org/a> <http://example.org/b> "1" .'
    for syntax, expected in ((b"nt", 200), (b"application/n-triples", 200), (b"text/n3", 415)):
        body, content_type = multipart(("data", document, None), ("format", syntax, None))
        status, _, text = post(f"{site}/validate", body, content_type)
        assert status == expected, text
    assert text == (b"unknown format 'text/n3'; use one of " + ", ".join(FORMATS).encode()
                    + b"\n")


# Hostile uploads

@pytest.mark.parametrize("media", list(FORMATS))
@pytest.mark.parametrize("document", ["/etc/passwd", "file:///etc/passwd", "canary"])
def test_a_path_or_url_as_the_whole_body_is_a_parse_error(site: str, canary: Canary,
                                                          media: str, document: str) -> None:
    body = (canary.url if document == "canary" else document).encode()
    status, _, text = post(f"{site}/validate", body, media)
    assert status == 400 and text.startswith(b"the document was not read: "), text
    assert b"root:" not in text
    assert canary.hits == []


def test_owl_imports_are_not_followed(site: str, canary: Canary) -> None:
    document = afil() + f"""
<https://w3id.org/ltc/id/cluster/afil> <http://www.w3.org/2002/07/owl#imports> <{canary.url}> .
<{canary.url}> a <http://www.w3.org/2002/07/owl#Ontology> ;
    <http://www.w3.org/2002/07/owl#imports> <file:///etc/passwd> .
""".encode()
    status, _, body = post(f"{site}/validate", document)
    assert status == 200, body
    assert b"root:" not in body
    assert canary.hits == []


def _rdfxml(doctype: str) -> bytes:
    return (f'<?xml version="1.0"?>\n{doctype}\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:ex="http://example.org/">\n'
            '<rdf:Description rdf:about="http://example.org/a"><ex:p>&e;</ex:p>'
            '</rdf:Description></rdf:RDF>').encode()


LAUGHS = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))


@pytest.mark.parametrize("doctype", [
    '<!DOCTYPE rdf:RDF [<!ENTITY l0 "lol">' + LAUGHS + '<!ENTITY e "&l9;">]>',
    '<!DOCTYPE rdf:RDF [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE rdf:RDF [<!ENTITY e SYSTEM "{canary}">]>',
    '<!DOCTYPE rdf:RDF [<!ENTITY % p SYSTEM "{canary}"> %p;]>',
    '<!doctype rdf:RDF [<!entity e "x">]>',
    '<!ENTITY e "x">',
])
def test_rdfxml_with_a_doctype_or_entity_is_refused_before_parsing(
        site: str, canary: Canary, doctype: str) -> None:
    started = time.monotonic()
    status, _, body = post(f"{site}/validate", _rdfxml(doctype.replace("{canary}", canary.url)),
                           "application/rdf+xml")
    assert status == 400 and b"declaration is refused" in body, body
    assert b"line 2, column 1: " in body
    assert time.monotonic() - started < 2
    assert b"root:" not in body and canary.hits == []


@pytest.mark.parametrize("template", [
    {"@context": "{canary}", "@id": "http://x/a", "name": "n"},
    {"@context": "file:///etc/passwd", "@id": "http://x/a", "name": "n"},
    {"@context": [{"x": "http://x/"}, "{canary}"], "@id": "http://x/a"},
    {"@context": {"@import": "{canary}"}, "@id": "http://x/a"},
    {"@context": {"t": {"@id": "http://x/t", "@context": "{canary}"}}, "@id": "http://x/a",
     "t": {"@id": "http://x/b"}},
    {"@graph": [{"@context": "{canary}", "@id": "http://x/a"}]},
    {"@context": {"c": "@context"}, "c": "{canary}", "@id": "http://x/a"},
])
def test_jsonld_with_a_context_that_is_not_inline_is_refused(site: str, canary: Canary,
                                                             template: dict) -> None:
    document = json.dumps(template).replace("{canary}", canary.url).encode()
    status, _, body = post(f"{site}/validate", document, "application/ld+json")
    assert status == 400 and b"contexts must be inline" in body, body
    assert canary.hits == []


def test_a_duplicate_context_key_cannot_hide_a_remote_context(site: str,
                                                              canary: Canary) -> None:
    document = (f'{{"@context": "{canary.url}", "@context": {{}}, "@id": "http://x/a"}}'
                .encode())
    status, _, body = post(f"{site}/validate", document, "application/ld+json")
    assert status == 400 and b"contexts must be inline" in body
    assert canary.hits == []


def test_jsonld_with_an_inline_context_is_read(site: str) -> None:
    document = json.dumps({
        "@context": {"rdfs": "http://www.w3.org/2000/01/rdf-schema#",
                     "label": {"@id": "rdfs:label", "@language": "en"}},
        "@id": "http://example.org/thing", "label": "A thing"}).encode()
    status, _, body = post(f"{site}/validate?format=json", document, "application/ld+json")
    assert status == 200, body
    assert json.loads(body)["triples"] == 1


def test_a_body_over_the_limit_is_a_413_before_it_is_read(site: str) -> None:
    status, body, seconds = oversized_post(site, "/validate", "text/turtle")
    assert (status, body) == (413, b"the document is over the 1000000-byte limit\n")
    assert seconds < 2


def test_a_body_without_a_length_is_cut_at_the_limit(site: str) -> None:
    parts = urlsplit(site)
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(b"POST /validate HTTP/1.1\r\nHost: x\r\nContent-Type: text/turtle\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n")
        with contextlib.suppress(OSError):
            for _ in range(2000):  # 8 MB of comments, never finished
                sock.sendall(b"1000\r\n" + b"#" * 4096 + b"\r\n")
        assert sock.recv(200).startswith(b"HTTP/1.1 413 ")


def test_the_work_runs_in_a_worker_stopped_at_the_time_limit() -> None:
    # Oxigraph's RDF/XML reader is slow on deep nesting: under a megabyte takes seconds.
    nested = (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
              b'xmlns:ex="http://x/">' + b"<rdf:Description><ex:p>" * 20_000
              + b"</ex:p></rdf:Description>" * 20_000 + b"</rdf:RDF>")
    assert len(nested) < 1_000_000
    with running_server("--timeout", "1") as endpoint:
        site = endpoint.rsplit("/sparql", 1)[0]
        started = time.monotonic()
        status, headers, body = post(f"{site}/validate", nested, "application/rdf+xml")
        assert (status, body) == (503, b"the validation was stopped at the 1 s time limit\n")
        assert headers["Retry-After"] == "10"
        assert time.monotonic() - started < 4, "stopped at the limit, not when parsed"
        started = time.monotonic()
        assert fetch(f"{site}/validate", HTML)[0] == 200
        assert time.monotonic() - started < 2, "the web process was not held"
        deadline = time.monotonic() + 30
        while (answer := post(f"{site}/validate", b"<http://x/a> <http://x/b> 1 ."))[0] == 503:
            assert time.monotonic() < deadline, "the worker was not replaced"
            time.sleep(0.2)
        assert answer[0] == 200


def test_the_task_is_plain_data_and_needs_no_web_process() -> None:
    task = ValidationTask(afil(), "text/turtle", str(ROOT), "json")
    answer = pickle.loads(pickle.dumps(task)).perform(None, Limits())  # type: ignore[arg-type]
    report = json.loads(answer.body)
    assert answer.ok and answer.count == len(report["results"])
    assert answer.meta == {"conforms": "true", "triples": str(report["triples"]),
                           "violations": "0", "warnings": str(report["warnings"]),
                           "infos": str(report["infos"])}
