"""Production as operators run it: Debian's nginx with the configuration in deploy/nginx/ in
front of gunicorn (gunicorn.conf.py, LTC_TRUST_PROXY=1) on a unix socket.

nginx runs from its own prefix in a temporary folder (its pid, logs, temporary files and
cache there), with the operator's files as shipped; only the lines an operator sets for the
site are changed: the socket, the cache's folder, the access log and the address it listens
on. Each client of a test speaks from its own loopback address (all of 127.0.0.0/8 is
loopback on Linux), so that nginx's per-address limits and the app's access log tell them
apart, and none of them is 127.0.0.1, the address nginx itself would have.
"""

from __future__ import annotations

import hashlib
import http.client
import itertools
import json
import math
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from statistics import median
from urllib.parse import quote, unquote, urlencode

import pytest

from production import ROOT, free_port

DEPLOY = ROOT / "deploy" / "nginx"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
INSTALL = ("these tests run Debian's nginx in front of gunicorn with deploy/nginx/; install it "
           "with `apt-get install nginx` (Debian, Ubuntu); .ci/run installs it")

# What deploy/nginx/ltc-graph.conf says, and the tests rely on.
BODY_TIMEOUT = 5  # client_body_timeout, seconds
CONNECTIONS_PER_ADDRESS = 32  # limit_conn
BURST = 60  # limit_req: answered at once or slowed to the rate before any 429
REQUEST_LINE = 8190  # gunicorn's limit_request_line; nginx's 8 KB buffer holds the same
CACHE_SECONDS = 3  # LTC_CACHE_SECONDS here: answers expire within a test

# The slow-body attack: connections from as many addresses (the per-address limits do not
# stop them), each trickling a byte of its body at this interval, under the read timeout,
# for a while; then nothing, until nginx drops it.
ATTACKERS = 100
TRICKLE_SECONDS = 2.0
TRICKLE_FOR = 15.0
# The steady stream of normal queries measured: one this often (to each stack).
QUERY_INTERVAL = 0.06


@dataclass(frozen=True)
class Stack:
    """nginx on loopback in front of gunicorn on a unix socket, with both logs."""

    port: int
    socket: Path
    app_log: Path  # gunicorn's standard error: the app's access log, one JSON line a request
    nginx_log: Path  # nginx's access log in the shipped format, one JSON line a request


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Message
    body: bytes

    @property
    def request_id(self) -> str:
        return self.headers["X-Request-Id"]


@pytest.fixture(scope="module")
def stack() -> Iterator[Stack]:
    with running_stack() as started:
        yield started


@contextmanager
def running_stack() -> Iterator[Stack]:
    """gunicorn with the repository's configuration on a unix socket with LTC_TRUST_PROXY=1,
    and nginx with the shipped configuration in front of it on a loopback port."""
    if not Path(NGINX).exists():
        pytest.fail(f"nginx not found at {NGINX}: {INSTALL}")
    # Started by root, nginx's workers run as another user: they must reach the socket,
    # the cache and the temporary files, so the folder is not private to root.
    folder = Path(tempfile.mkdtemp(prefix="ltc-nginx-"))
    folder.chmod(0o755)
    try:
        app_log = folder / "app.log"
        with app_log.open("w", encoding="utf-8") as stderr:
            gunicorn = subprocess.Popen(
                [str(Path(sys.executable).with_name("gunicorn")), "-c",
                 str(ROOT / "gunicorn.conf.py")],
                cwd=folder, stdout=stderr, stderr=stderr,
                env={**os.environ, "LTC_BIND": f"unix:{folder}/gunicorn.sock",
                     "LTC_TRUST_PROXY": "1", "LTC_CACHE_SECONDS": str(CACHE_SECONDS)})
        try:
            _wait_for_gunicorn(folder / "gunicorn.sock", gunicorn, app_log)
            port = free_port()
            conf = _nginx_config(folder, port)
            with (folder / "nginx.out").open("w") as out:
                nginx = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(conf),
                                          "-g", "daemon off;"], stdout=out, stderr=out)
            try:
                _wait_for_nginx(port, nginx, folder)
                yield Stack(port, folder / "gunicorn.sock", app_log,
                            folder / "nginx-access.log")
            finally:
                _stop(nginx)
        finally:
            _stop(gunicorn)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# What nginx answers


def test_a_repeated_query_is_answered_by_nginx_and_reaches_the_app_once(stack: Stack) -> None:
    client = "127.0.0.11"
    query = f"SELECT ?c WHERE {{ ?c a ltc:Cluster }} ORDER BY ?c # {uuid.uuid4().hex}"
    path = "/sparql?" + urlencode({"query": query})
    first = request(stack, path, client)
    second = request(stack, path, client)
    assert (first.status, second.status) == (200, 200)
    assert first.headers["X-Cache-Status"] == "MISS"
    assert second.headers["X-Cache-Status"] == "HIT"
    assert second.body == first.body
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Access-Control-Allow-Origin"] == "*"
    # A client that holds the answer gets nginx's 304, and the app hears nothing of it.
    held = request(stack, path, client, headers={"If-None-Match": first.headers["ETag"]})
    assert (held.status, held.headers["X-Cache-Status"]) == (304, "HIT")

    lines = settled(stack)
    ids = {first.request_id, second.request_id, held.request_id}
    assert [line["request_id"] for line in lines if line["request_id"] in ids] == [
        first.request_id]
    assert len([line for line in lines if line.get("query_sha256") == query_hash(query)]) == 1


def test_pages_in_italian_and_english_are_cached_apart(stack: Stack) -> None:
    client = "127.0.0.12"
    path = "/ontology.html"  # the model's page
    asked = {
        "it": {"Accept": "text/html", "Accept-Language": "it"},
        "en": {"Accept": "text/html", "Accept-Language": "en"},
        # the language switch's cookie wins over Accept-Language: Italian, kept apart from
        # the English page asked for with the same Accept-Language
        "cookie": {"Accept": "text/html", "Accept-Language": "en", "Cookie": "lang=it"},
    }
    pages = {name: [request(stack, path, client, headers=headers) for _ in range(2)]
             for name, headers in asked.items()}
    for name, (first, second) in pages.items():
        assert (first.status, second.status) == (200, 200), name
        assert [first.headers["X-Cache-Status"], second.headers["X-Cache-Status"]] == [
            "MISS", "HIT"], name
        assert second.body == first.body
    language = {name: re.search(rb'<html lang="(\w+)"', first.body).group(1).decode()
                for name, (first, _) in pages.items()}
    assert language == {"it": "it", "en": "en", "cookie": "it"}
    lines = [line for line in settled(stack) if line["client"] == client]
    assert [(line["path"], line["status"]) for line in lines] == [(path, 200)] * 3


def test_an_expired_answer_is_revalidated_with_its_etag(stack: Stack) -> None:
    client = "127.0.0.13"
    query = f"ASK {{ cluster:afil ?p ?o }} # {uuid.uuid4().hex}"
    path = "/sparql?" + urlencode({"query": query})
    first = request(stack, path, client)
    assert (first.status, first.headers["X-Cache-Status"]) == (200, "MISS")
    assert first.headers["Cache-Control"] == f"public, max-age={CACHE_SECONDS}"
    time.sleep(CACHE_SECONDS + 1)
    checked = request(stack, path, client)
    again = request(stack, path, client)
    assert (checked.status, checked.headers["X-Cache-Status"]) == (200, "REVALIDATED")
    assert checked.body == first.body
    assert (again.status, again.headers["X-Cache-Status"]) == (200, "HIT")
    lines = [line for line in settled(stack) if line.get("query_sha256") == query_hash(query)]
    # The app answered the check with 304 from the ETag, without running the query.
    assert [(line["request_id"], line["status"]) for line in lines] == [
        (first.request_id, 200), (checked.request_id, 304)]
    assert "worker_ms" not in lines[1]


def test_errors_are_never_cached(stack: Stack) -> None:
    client = "127.0.0.14"
    paths = ["/sparql?" + urlencode({"query": f"SELECT WHERE # {uuid.uuid4().hex}"}),
             f"/id/cluster/no-such-cluster-{uuid.uuid4().hex[:8]}"]
    answers = [request(stack, path, client) for path in paths for _ in range(2)]
    assert [a.status for a in answers] == [400, 400, 404, 404]
    assert {a.headers["X-Cache-Status"] for a in answers} == {"MISS"}
    ids = {a.request_id for a in answers}
    assert len([line for line in settled(stack) if line["request_id"] in ids]) == 4


def test_healthz_passes_through_uncached(stack: Stack) -> None:
    # The app logs probes only at DEBUG; its request counter shows each one reached it.
    before = healthz_count(stack)
    answers = [request(stack, "/healthz", "127.0.0.15") for _ in range(2)]
    for answer in answers:
        assert answer.status == 200 and json.loads(answer.body)["status"] == "ok"
        assert answer.headers["Cache-Control"] == "no-store"
        assert "X-Cache-Status" not in answer.headers  # no cache on the probes' path
    assert healthz_count(stack) == before + 2


def test_a_get_over_gunicorns_request_line_limit_is_nginxs_414_and_the_post_works(
        stack: Stack) -> None:
    client = "127.0.0.16"
    query = "SELECT ?c WHERE { ?c a ltc:Cluster } ORDER BY ?c"

    def line_of(length: int) -> str:
        """A GET of `query` whose request line is `length` bytes (a comment pads it)."""
        bare = f"GET /sparql?query={quote(query + ' #')} HTTP/1.1"
        return f"/sparql?query={quote(query + ' #' + 'x' * (length - len(bare)))}"

    longest = request(stack, line_of(REQUEST_LINE), client)
    assert (longest.status, longest.headers["X-Cache-Status"]) == (200, "MISS")
    refused_path = line_of(REQUEST_LINE + 1)
    refused = request(stack, refused_path, client)
    assert refused.status == 414
    assert refused.headers["Access-Control-Allow-Origin"] == "*"
    assert refused.headers["Content-Type"] == "text/plain; charset=utf-8"
    message = refused.body.decode()
    assert message.startswith("the request line is longer than 8,190 bytes")
    assert "send the query by POST" in message and "application/sparql-query" in message

    posted = request(stack, "/sparql", client, "POST",
                     urlencode({"query": unquote(refused_path.split("=", 1)[1])}).encode(),
                     {"Content-Type": "application/x-www-form-urlencoded"})
    assert posted.status == 200
    assert json.loads(posted.body)["results"] == json.loads(longest.body)["results"]
    lines = [line for line in settled(stack) if line["client"] == client]
    assert [(line["method"], line["status"], line["request_id"]) for line in lines] == [
        ("GET", 200, longest.request_id), ("POST", 200, posted.request_id)]


def test_malformed_http_is_nginxs_400_and_never_reaches_gunicorn(stack: Stack) -> None:
    client = "127.0.0.22"
    sent = {
        "two lengths": b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 60\r\n"
                       b"Content-Length: 6\r\nContent-Type: application/sparql-query\r\n"
                       b"Connection: close\r\n\r\nASK {}",
        "folded header": b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                         b"X-Folded: a\r\n b\r\nConnection: close\r\n\r\n",
    }
    for name, raw in sent.items():
        connection = socket.create_connection(("127.0.0.1", stack.port), timeout=10,
                                              source_address=(client, 0))
        try:
            connection.sendall(raw)
            response = http.client.HTTPResponse(connection)
            response.begin()
            body = response.read()
        finally:
            connection.close()
        assert response.status == 400, name
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert body == b"the request is not valid HTTP, or one of its headers is over 8 KB\n"
    assert not [line for line in settled(stack) if line["client"] == client]


def test_the_app_sees_the_clients_address_not_nginxs(stack: Stack) -> None:
    client = "127.0.0.17"
    plain = request(stack, f"/sparql?query=ASK%7B%7D%23{uuid.uuid4().hex}", client)
    # nginx sets X-Forwarded-For to the address it sees: a client cannot name another
    forged = request(stack, f"/sparql?query=ASK%7B%7D%23{uuid.uuid4().hex}", client,
                     headers={"X-Forwarded-For": "203.0.113.9"})
    lines = {line["request_id"]: line for line in settled(stack)}
    assert lines[plain.request_id]["client"] == client
    assert lines[forged.request_id]["client"] == client


def test_one_address_past_its_limits_gets_503_and_429_that_say_what_to_do(
        stack: Stack) -> None:
    # Requests at once: CONNECTIONS_PER_ADDRESS bodies being sent hold every place.
    client = "127.0.0.18"
    held = [slow_post(stack, client) for _ in range(CONNECTIONS_PER_ADDRESS)]
    try:
        time.sleep(0.5)  # past the short delay of the last few (their rate), all counted
        refused = request(stack, "/sparql?query=ASK%7B%7D", client,
                          headers={"Accept": "application/json"})
        probe = request(stack, "/healthz", client)  # probes are never limited
        other = request(stack, "/sparql?query=ASK%7B%7D", "127.0.0.19")
    finally:
        for connection in held:
            connection.close()
    assert (refused.status, probe.status, other.status) == (503, 200, 200)
    assert refused.headers["Access-Control-Allow-Origin"] == "*"
    assert refused.headers["Retry-After"] == "2"
    assert refused.headers["Content-Type"] == "application/json"
    assert json.loads(refused.body) == {"ok": False, "status": 503, "error": (
        "too many requests from your address at once: this server works on 32 at a time "
        "for one address; wait for the answers you are waiting for, then send more")}

    # Requests a second: a burst over the rate is answered (its second half slowed to the
    # rate), and what comes past it at once is 429.
    statuses, answers = burst(stack, "127.0.0.20", 70)
    assert statuses.count(200) >= BURST + 1, statuses
    assert statuses.count(429) >= 1 and set(statuses) == {200, 429}, statuses
    for answer in answers:
        if answer.status == 429:
            assert answer.headers["Access-Control-Allow-Origin"] == "*"
            assert answer.headers["Retry-After"] == "1"
            assert answer.body.decode().startswith(
                "too many requests from your address: this server takes 20 a second")


def test_a_slow_body_attack_leaves_other_clients_answered(stack: Stack) -> None:
    # The quiet run is on a twin of the stack, nginx and gunicorn started the same way, asked
    # the same queries by the same client at the same moments: each query goes to one, then
    # the other, in turn. Other work on the machine then weighs on both runs alike (run one
    # after the other on a busy machine, two quiet runs' p99s can differ by more than twice).
    analyst = "127.0.0.21"
    with running_stack() as twin:
        stream([stack, twin], analyst, "warm", 50)  # a process's first queries are slower
        attack = Attack(stack, [f"127.0.1.{n}" for n in range(1, ATTACKERS + 1)])
        # measured until nginx has dropped the last of them
        attacked, quiet = stream([stack, twin], analyst, "attack", until=attack.over)
        attack.check()

    # nginx logged a 408 for each attacker; none of them ever reached gunicorn.
    timed_out = wait_for(lambda: [line for line in nginx_lines(stack)
                                  if line["client"] in set(attack.addresses)], ATTACKERS)
    assert {(line["method"], line["path"], line["status"]) for line in timed_out} == {
        ("POST", "/sparql", 408)}
    assert sorted(line["client"] for line in timed_out) == sorted(attack.addresses)
    assert not [line for line in settled(stack) if line["client"] in set(attack.addresses)]

    p99_quiet, p99_attacked = p99(quiet), p99(attacked)
    report = (f"p99 of {len(attacked)} queries during the attack of {ATTACKERS} slow bodies: "
              f"{p99_attacked * 1000:.1f} ms; quiet: {p99_quiet * 1000:.1f} ms (medians "
              f"{median(attacked) * 1000:.1f} and {median(quiet) * 1000:.1f} ms)")
    print(report)
    assert p99_attacked <= 2 * p99_quiet, report


# Clients


def request(stack: Stack, path: str, client: str, method: str = "GET",
            body: bytes | None = None, headers: dict[str, str] | None = None) -> Answer:
    """One request to nginx from the loopback address `client`, on a new connection."""
    connection = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=60,
                                            source_address=(client, 0))
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        connection.close()


def slow_post(stack: Stack, client: str) -> socket.socket:
    """A POST to /sparql that announces a 1000-byte body and sends its first byte."""
    connection = socket.create_connection(("127.0.0.1", stack.port), timeout=10,
                                          source_address=(client, 0))
    connection.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                       b"Content-Type: application/sparql-query\r\n"
                       b"Content-Length: 1000\r\n\r\nA")
    return connection


class Attack:
    """Slow bodies from each of `addresses`, one connection each: a POST to /sparql that
    announces 1000 bytes, then a byte every TRICKLE_SECONDS for TRICKLE_FOR seconds, then
    nothing. `over` is set once nginx has closed every connection."""

    def __init__(self, stack: Stack, addresses: list[str]) -> None:
        self.addresses = addresses
        self.connections = [slow_post(stack, address) for address in addresses]
        self.over = threading.Event()
        self.failures: list[str] = []
        self.still_read: list[bool] = []  # each connection open, unanswered, when it stopped
        self.closed_after: list[float] = []  # seconds from its last byte to nginx closing it
        self._thread = threading.Thread(target=self._run, name="attack", daemon=True)
        self._thread.start()

    def check(self) -> None:
        """Every connection was held open until its body stopped, then closed by nginx within
        the read timeout, with nothing sent back."""
        self._thread.join(BODY_TIMEOUT + 20)
        assert not self.failures, self.failures[:3]
        assert self.still_read == [True] * len(self.connections)
        assert len(self.closed_after) == len(self.connections)
        # closed by the timeout: not before it, and not long after
        assert min(self.closed_after) >= BODY_TIMEOUT - 0.5, self.closed_after
        assert max(self.closed_after) <= BODY_TIMEOUT + 2, self.closed_after

    def _run(self) -> None:
        try:
            started = time.monotonic()
            while time.monotonic() - started < TRICKLE_FOR:
                time.sleep(TRICKLE_SECONDS)
                for connection in self.connections:
                    connection.sendall(b"S")
            last = time.monotonic()
            for connection in self.connections:
                connection.setblocking(False)
                try:
                    connection.recv(1)
                    self.still_read.append(False)
                except BlockingIOError:
                    self.still_read.append(True)
            for connection in self.connections:  # now each body is too slow
                connection.setblocking(True)
                connection.settimeout(max(0.1, last + BODY_TIMEOUT + 10 - time.monotonic()))
                try:
                    received = connection.recv(1024)
                except ConnectionResetError:  # reset_timedout_connection on
                    received = b""
                except TimeoutError:
                    self.failures.append("a connection was still open past the timeout")
                    continue
                if received:
                    self.failures.append(f"nginx answered: {received[:80]!r}")
                self.closed_after.append(time.monotonic() - last)
        except OSError as error:
            self.failures.append(repr(error))
        finally:
            for connection in self.connections:
                connection.close()
            self.over.set()


def stream(stacks: list[Stack], client: str, label: str, count: int = 0,
           until: threading.Event | None = None) -> list[list[float]]:
    """Seconds each distinct query took on each stack: one query to every stack in turn
    (the first stack first, then the last first), every QUERY_INTERVAL; `count` rounds, or
    until the event `until` is set."""
    taken: list[list[float]] = [[] for _ in stacks]
    start = time.monotonic()
    for n in itertools.count():
        if until.is_set() if until else n >= count:
            break
        if (pause := start + n * QUERY_INTERVAL - time.monotonic()) > 0:
            time.sleep(pause)
        for index in range(len(stacks))[::1 if n % 2 else -1]:
            query = (f"SELECT ?c ?name WHERE {{ ?c a ltc:Cluster ; rdfs:label ?name }} "
                     f"ORDER BY ?name # {label} {n} {uuid.uuid4().hex[:8]}")
            began = time.perf_counter()
            answer = request(stacks[index], "/sparql?" + urlencode({"query": query}), client)
            taken[index].append(time.perf_counter() - began)
            assert (answer.status, answer.headers["X-Cache-Status"]) == (200, "MISS")
    return taken


def burst(stack: Stack, client: str, count: int) -> tuple[list[int], list[Answer]]:
    """`count` GETs from one address sent at once, each on its own connection."""
    connections = []
    for _ in range(count):
        connection = socket.create_connection(("127.0.0.1", stack.port), timeout=30,
                                              source_address=(client, 0))
        connection.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           b"Connection: close\r\n\r\n")
        connections.append(connection)
    answers = []
    for connection in connections:
        response = http.client.HTTPResponse(connection)
        response.begin()
        answers.append(Answer(response.status, response.headers, response.read()))
        connection.close()
    return [a.status for a in answers], answers


def p99(seconds: list[float]) -> float:
    """The 99th percentile, nearest rank."""
    return sorted(seconds)[math.ceil(0.99 * len(seconds)) - 1]


# The logs and the app's counters


def app_lines(stack: Stack) -> list[dict]:
    return [json.loads(raw) for raw in stack.app_log.read_text(encoding="utf-8").splitlines()
            if raw.startswith("{")]


def nginx_lines(stack: Stack) -> list[dict]:
    if not stack.nginx_log.exists():
        return []
    return [json.loads(raw) for raw in stack.nginx_log.read_text(encoding="utf-8").splitlines()]


def settled(stack: Stack) -> list[dict]:
    """The app's access log once every line of the requests before this call is written: a
    last request's line is waited for (lines are written in the order requests end)."""
    last = request(stack, f"/sparql?query=ASK%7B%7D%23{uuid.uuid4().hex}", "127.0.0.99")
    assert last.headers["X-Cache-Status"] == "MISS"
    return wait_for(lambda: app_lines(stack), until=lambda lines: any(
        line["request_id"] == last.request_id for line in lines))


def wait_for(read: Callable[[], list[dict]], count: int = 0,
             until: Callable[[list[dict]], bool] | None = None) -> list[dict]:
    """`read()` once it holds `count` lines (or `until(lines)` holds), within 15 s."""
    deadline = time.monotonic() + 15
    while True:
        lines = read()
        if until(lines) if until else len(lines) >= count:
            return lines
        assert time.monotonic() < deadline, f"the log has {len(lines)} lines"
        time.sleep(0.1)


def query_hash(text: str) -> str:
    """As the app's access log writes it (query_sha256)."""
    return hashlib.sha256(text.encode()).hexdigest()[:12]


def healthz_count(stack: Stack) -> float:
    """The app's count of GET /healthz answered 200, asked of gunicorn on its socket."""
    status, body = _on_socket(stack.socket, "/metrics")
    assert status == 200
    found = re.search(r'^ltc_http_requests_total\{method="GET",route="/healthz",'
                      r'status="200"\} (\S+)$', body.decode(), re.M)
    return float(found.group(1)) if found else 0.0


# Starting and stopping


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: Path) -> None:
        super().__init__("localhost", timeout=10)
        self.unix_path = path

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.settimeout(self.timeout)
        self.sock.connect(str(self.unix_path))


def _on_socket(path: Path, target: str) -> tuple[int, bytes]:
    connection = _UnixConnection(path)
    try:
        connection.request("GET", target)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _wait_for_gunicorn(path: Path, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if _on_socket(path, "/readyz")[0] == 200:
                return
        except OSError:
            pass
        assert process.poll() is None, log.read_text(encoding="utf-8")
        assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
        time.sleep(0.2)


def _nginx_config(folder: Path, port: int) -> Path:
    """nginx.conf for `folder`: the shipped server block with the site's lines set, its
    snippets where it includes them, and everything nginx writes in `folder`."""
    conf = folder / "conf"
    (conf / "snippets").mkdir(parents=True)
    for snippet in ("ltc-graph-proxy.conf", "ltc-graph-errors.conf"):
        shutil.copy(DEPLOY / snippet, conf / "snippets" / snippet)
    site = (DEPLOY / "ltc-graph.conf").read_text(encoding="utf-8")
    for pattern, replacement in [
        (r"server unix:/run/ltc-graph/gunicorn\.sock;", f"server unix:{folder}/gunicorn.sock;"),
        (r"proxy_cache_path /var/cache/nginx/ltc-graph ", f"proxy_cache_path {folder}/cache "),
        (r"access_log /var/log/nginx/ltc-graph\.access\.log ",
         f"access_log {folder}/nginx-access.log "),
        (r"listen 80;", f"listen 127.0.0.1:{port};"),
        (r"listen \[::\]:80;", ""),
    ]:
        site, found = re.subn(pattern, replacement, site)
        assert found == 1, f"deploy/nginx/ltc-graph.conf has no line {pattern!r}"
    (conf / "ltc-graph.conf").write_text(site, encoding="utf-8")
    user = ""
    if os.geteuid() == 0:  # the workers drop to an unprivileged user, as Debian's do
        user = "user {};\n".format(next(u for u in ("www-data", "nobody") if _exists(u)))
    main = conf / "nginx.conf"
    main.write_text(f"""{user}worker_processes auto;
pid {folder}/nginx.pid;
error_log {folder}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    access_log off;
    include ltc-graph.conf;
}}
""", encoding="utf-8")
    return main


def _wait_for_nginx(port: int, process: subprocess.Popen, folder: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and process.poll() is None:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    said = "".join(path.read_text(errors="replace") for path in
                   (folder / "nginx.out", folder / "nginx-error.log") if path.exists())
    pytest.fail(f"nginx did not start on port {port}: {said}")


def _stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(10)


def _exists(user: str) -> bool:
    try:
        pwd.getpwnam(user)
    except KeyError:
        return False
    return True
