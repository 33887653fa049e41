"""The rules w3id.org holds for `/ltc/` (w3id/ltc/.htaccess), run by a real Apache httpd on
loopback in front of a real server: every kind of IRI, asked for with each Accept a client
sends, is redirected to the page or format it asks for, and that page or document is there.

Apache stands in for w3id.org, which serves each project's folder of its repository with
the project's `.htaccess`: here a folder `ltc/` holding the rules under a DocumentRoot with
`AllowOverride All`, mod_rewrite and mod_headers. The one line of the rules that names the
publishing server is pointed at the loopback server.
"""

from __future__ import annotations

import http.client
import json
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit

import pyoxigraph as ox
import pytest

from ltc_graph.namespaces import DATASET_IRI, VOID
from ltc_graph.rdf.formats import RDF_SYNTAXES, by_media
from production import ROOT, free_port
from servers import running_server

RULES = ROOT / "w3id" / "ltc" / ".htaccess"
# The line naming the publishing server: `RewriteRule ^ - [E=LTC_SERVER:https://host]`.
SERVER_LINE = re.compile(r"^RewriteRule \^ - \[E=LTC_SERVER:(?P<server>[^\]\s]+)\]$", re.M)
APACHE = shutil.which("apache2") or "/usr/sbin/apache2"
MODULES = Path("/usr/lib/apache2/modules")
INSTALL = ("these tests run the w3id.org rules in Apache httpd with mod_rewrite; install it "
           "with `apt-get install apache2` (Debian, Ubuntu); .ci/run installs it")

BASE = "https://w3id.org/ltc"
HTML, TURTLE, JSONLD = "text/html", "text/turtle", "application/ld+json"
NTRIPLES, RDFXML = "application/n-triples", "application/rdf+xml"
PARSERS = by_media(RDF_SYNTAXES)

# What a client sends: (Accept, the variant the rules pick, the type the client gets). No
# variant: Accept names none of the formats, several, or refuses one with q=0, so the
# redirect goes to the bare path and the server weighs the header itself.
ACCEPTS: dict[str, tuple[str | None, str, str]] = {
    "html": ("text/html", ".html", HTML),
    "browser": ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", ".html",
                HTML),
    "turtle": ("text/turtle", ".ttl", TURTLE),
    "jsonld": ("application/ld+json", ".jsonld", JSONLD),
    "ntriples": ("application/n-triples", ".nt", NTRIPLES),
    "rdfxml": ("application/rdf+xml", ".rdf", RDFXML),
    "none": (None, "", TURTLE),
    "any": ("*/*", "", TURTLE),
    "weighed": ("text/html;q=0.5, application/ld+json", "", JSONLD),
    "refuses-html": ("text/html;q=0, */*", "", TURTLE),
}


@dataclass(frozen=True)
class Kind:
    """One kind of IRI, what its page shows, and the IRI its RDF describes."""

    iri: str
    shown: str = ""  # text of the page for people (none: it has no page)
    about: str = ""  # when its RDF is about another IRI (the VoID: the dataset)

    @property
    def path(self) -> str:
        """The path on the publishing server, without the fragment."""
        return self.iri[len(BASE):].split("#")[0]


KINDS = {
    "cluster": Kind(f"{BASE}/id/cluster/afil", f"{BASE}/id/cluster/afil"),
    "project": Kind(f"{BASE}/id/project/batmass", f"{BASE}/id/project/batmass"),
    "graph": Kind(f"{BASE}/graph/afil", f"{BASE}/graph/afil"),
    "ontology": Kind(f"{BASE}/ontology", f"{BASE}/ontology#"),
    "term": Kind(f"{BASE}/ontology#Cluster", f"{BASE}/ontology#"),  # and an element #Cluster
    "shapes": Kind(f"{BASE}/shapes"),
    "void": Kind(f"{BASE}/.well-known/void", str(DATASET_IRI), str(DATASET_IRI)),
    "dump": Kind(f"{BASE}/dumps/ltc-graph.ttl", about=str(DATASET_IRI)),
}


def landing(kind: str, accept: str) -> tuple[int, str, str]:
    """(redirect status, path on the server, media type) the rules must lead to."""
    _, variant, media = ACCEPTS[accept]
    if kind == "dump":  # a file in one format: it passes through whatever the Accept
        return 302, "/dumps/ltc-graph.ttl", TURTLE
    if kind == "void":  # no variants by extension: people get the dataset's page
        if variant == ".html":
            return 303, "/id/dataset/ltc-graph.html", HTML
        return 303, "/.well-known/void", media
    if kind == "shapes" and variant == ".html":
        return 303, "/shapes.ttl", TURTLE
    return 303, KINDS[kind].path + variant, media


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Message
    body: bytes

    @property
    def media(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip()


def request(url: str, accept: str | None = None, method: str = "GET",
            body: bytes | None = None, headers: dict[str, str] | None = None) -> Answer:
    """One request, redirects not followed; no Accept header at all when `accept` is None."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    sent = {**({"Accept": accept} if accept is not None else {}), **(headers or {})}
    try:
        connection.request(method, parts.path + (f"?{parts.query}" if parts.query else ""),
                           body=body, headers=sent)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    """The publishing server, on loopback."""
    with running_server() as endpoint:
        yield endpoint.rsplit("/sparql", 1)[0]


@pytest.fixture(scope="module")
def w3id(site: str) -> Iterator[str]:
    """https://w3id.org/ltc as Apache with the rules serves it, pointed at `site`."""
    rules = RULES.read_text(encoding="utf-8")
    named = SERVER_LINE.findall(rules)
    assert len(named) == 1, "w3id/ltc/.htaccess names the publishing server on one line"
    with running_apache(SERVER_LINE.sub(
            lambda m: m.group(0).replace(m.group("server"), site), rules)) as base:
        yield base + "/ltc"


def test_the_rules_name_the_publishing_server_on_one_line_over_https() -> None:
    named = SERVER_LINE.findall(RULES.read_text(encoding="utf-8"))
    assert len(named) == 1
    assert re.fullmatch(r"https://[a-z0-9.-]+", named[0]), named[0]


@pytest.mark.parametrize("accept", list(ACCEPTS))
@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_of_iri_lands_on_the_page_or_format_asked_for(
        w3id: str, site: str, kind: str, accept: str) -> None:
    iri, header = KINDS[kind], ACCEPTS[accept][0]
    status, path, media = landing(kind, accept)
    # A client never sends the fragment (#Cluster); it keeps it for the redirect's target.
    asked = request(w3id + iri.path, header)
    assert (asked.status, asked.headers.get("Location")) == (status, site + path)
    assert asked.headers.get("Access-Control-Allow-Origin") == "*"
    varies = [v.strip() for v in (asked.headers.get("Vary") or "").split(",") if v.strip()]
    assert varies == (["Accept"] if status == 303 else [])

    landed = request(site + path, header)  # as a client follows it: the same Accept
    assert (landed.status, landed.media) == (200, media), landed.body[:300]
    if media == HTML:
        page = landed.body.decode("utf-8")
        assert iri.shown and iri.shown in page
        if "#" in iri.iri:  # the client scrolls to the term
            assert iri.iri.split("#")[1] in element_ids(page)
        return
    described = ox.NamedNode(iri.about or iri.iri)
    triples = parsed(landed.body, media)
    assert described in {t.subject for t in triples}
    if kind == "dump":
        assert (described, ox.NamedNode(VOID.dataDump), ox.NamedNode(iri.iri)) in {
            (t.subject, t.predicate, t.object) for t in triples}


def parsed(body: bytes, media: str) -> list[ox.Quad]:
    """The statements of an RDF document; a JSON-LD context named by URL is fetched."""
    if media == JSONLD:
        document = json.loads(body)
        if isinstance(document, dict) and isinstance(document.get("@context"), str):
            context = request(document["@context"], JSONLD)
            assert context.status == 200, document["@context"]
            document["@context"] = json.loads(context.body)["@context"]
        body = json.dumps(document).encode()
    return list(ox.parse(body, format=PARSERS[media].oxigraph))


@pytest.mark.parametrize(("path", "accept", "media"), [
    ("/id/cluster/afil.jsonld", "text/html", JSONLD),
    ("/id/project/batmass.nt", "text/turtle", NTRIPLES),
    ("/graph/afil.rdf", None, RDFXML),
    ("/ontology.ttl", "text/html", TURTLE),
    ("/ontology.html", "text/turtle", HTML),
    ("/shapes.jsonld", None, JSONLD),
    ("/dumps/ltc-graph.nq", "text/turtle", "application/n-quads"),
])
def test_an_explicit_extension_passes_through_whatever_the_accept(
        w3id: str, site: str, path: str, accept: str | None, media: str) -> None:
    asked = request(w3id + path, accept)
    assert (asked.status, asked.headers.get("Location")) == (302, site + path)
    landed = request(site + path, accept)
    assert (landed.status, landed.media) == (200, media)


@pytest.mark.parametrize(("path", "media"), [
    ("/", HTML),  # foaf:homepage of the project
    ("/id/cluster/", HTML),
    ("/ontology/1.0.0", TURTLE),
    ("/context.jsonld", JSONLD),
])
def test_the_home_page_indexes_versions_and_context_are_at_the_same_path(
        w3id: str, site: str, path: str, media: str) -> None:
    asked = request(w3id + path)
    assert (asked.status, asked.headers.get("Location")) == (302, site + path)
    landed = request(site + path)
    assert (landed.status, landed.media) == (200, media)


def test_the_sparql_endpoint_keeps_the_query_and_a_post_stays_a_post(w3id: str,
                                                                     site: str) -> None:
    query = "ASK { ?s ?p ?o }"
    json_results = "application/sparql-results+json"
    asked = request(f"{w3id}/sparql?query={quote(query)}", json_results)
    location = f"{site}/sparql?query={quote(query)}"
    assert (asked.status, asked.headers.get("Location")) == (307, location)
    landed = request(location, json_results)
    assert (landed.status, landed.media) == (200, json_results)
    assert json.loads(landed.body)["boolean"] is True

    form = {"Content-Type": "application/x-www-form-urlencoded"}
    body = f"query={quote(query)}".encode()
    posted = request(f"{w3id}/sparql", json_results, "POST", body, form)
    assert (posted.status, posted.headers.get("Location")) == (307, f"{site}/sparql")
    landed = request(f"{site}/sparql", json_results, "POST", body, form)
    assert (landed.status, landed.media) == (200, json_results)


def element_ids(html: str) -> set[str]:
    found: set[str] = set()

    class Ids(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.update(v for k, v in attrs if k == "id" and v)

    Ids().feed(html)
    return found


@contextmanager
def running_apache(rules: str) -> Iterator[str]:
    """Yield the base URL of Apache httpd on a loopback port, serving a DocumentRoot that
    holds `ltc/.htaccess` with `rules`; everything it writes stays in a temporary folder."""
    if not Path(APACHE).exists() or not (MODULES / "mod_rewrite.so").exists():
        pytest.fail(f"Apache httpd not found at {APACHE}: {INSTALL}")
    # Started by root, Apache's children run as another user: they must read the folder.
    folder = Path(tempfile.mkdtemp(prefix="ltc-w3id-"))
    try:
        docroot = folder / "docroot"
        (docroot / "ltc").mkdir(parents=True)
        (docroot / "ltc" / ".htaccess").write_text(rules, encoding="utf-8")
        for path in (folder, docroot, docroot / "ltc", docroot / "ltc" / ".htaccess"):
            path.chmod(0o644 if path.is_file() else 0o755)
        port = free_port()
        conf = folder / "httpd.conf"
        conf.write_text(_config(folder, docroot, port), encoding="utf-8")
        process = subprocess.Popen([APACHE, "-f", str(conf), "-DFOREGROUND"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            _wait_for(process, port, folder / "error.log")
            yield f"http://127.0.0.1:{port}"
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _wait_for(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and process.poll() is None:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    errors = log.read_text(errors="replace") if log.exists() else "(no error log)"
    pytest.fail(f"Apache did not start on port {port}: {errors}")


def _config(folder: Path, docroot: Path, port: int) -> str:
    """A minimal httpd.conf: the modules w3id.org's rules use, everything in `folder`."""
    modules = ["mpm_event", "authz_core", "dir", "rewrite", "headers"]
    user = ""
    if os.geteuid() == 0:  # the children drop to an unprivileged user
        name = next(u for u in ("www-data", "nobody") if _exists(u))
        user = f"User {name}\nGroup #{pwd.getpwnam(name).pw_gid}\n"
    return "".join(f"LoadModule {m}_module {MODULES}/mod_{m}.so\n" for m in modules) + f"""\
ServerRoot "{folder}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{folder}/httpd.pid"
DefaultRuntimeDir "{folder}"
Mutex file:{folder} default
ErrorLog "{folder}/error.log"
LogLevel warn
StartServers 1
ServerLimit 1
MinSpareThreads 1
MaxSpareThreads 16
ThreadsPerChild 16
MaxRequestWorkers 16
{user}DocumentRoot "{docroot}"
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory "{docroot}">
  AllowOverride All
  Require all granted
</Directory>
"""


def _exists(user: str) -> bool:
    try:
        pwd.getpwnam(user)
    except KeyError:
        return False
    return True
