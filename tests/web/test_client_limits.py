"""No client holds more than its share: request bodies must come in time (408, counted against
the client), each address has a cap on its requests and on its queries in flight (429 at once,
with Retry-After), and a body the server cannot read is the client's 400, never a 500 —
under `ltc-graph serve` and under gunicorn. Clients are told apart by X-Forwarded-For from a
trusted proxy, as behind nginx."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from production import production_server
from servers import running_server

CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def raw(base: str, request: bytes, then: bytes = b"", pause: float = 0.0,
        wait: float = 30.0) -> tuple[float, bytes]:
    """Send `request`, then `then` a byte at a time `pause` seconds apart; return the seconds
    until the answer was complete and the answer."""
    address = urlsplit(base)
    conn = socket.create_connection((address.hostname, address.port))
    conn.settimeout(wait)
    started = time.monotonic()
    answer = b""
    try:
        conn.sendall(request)
        for byte in then:
            time.sleep(pause)
            conn.sendall(bytes([byte]))
        while chunk := conn.recv(65536):
            answer += chunk
    except OSError:
        pass  # the server closed first: the answer is what came
    finally:
        conn.close()
    return time.monotonic() - started, answer


def post(client: str, length: int, start: bytes = b"") -> bytes:
    return (f"POST /sparql HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: {client}\r\n"
            f"Content-Type: application/sparql-query\r\nContent-Length: {length}\r\n\r\n"
            ).encode() + start


def get(base: str, client: str, query: str = "ASK {}") -> tuple[int, dict[str, str], bytes]:
    address = urlsplit(base)
    conn = socket.create_connection((address.hostname, address.port), timeout=30)
    path = "/sparql?" + urlencode({"query": query})
    conn.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                 f"Accept: application/json\r\nX-Forwarded-For: {client}\r\n\r\n".encode())
    answer = b""
    while chunk := conn.recv(65536):
        answer += chunk
    conn.close()
    head, _, body = answer.partition(b"\r\n\r\n")
    lines = head.decode().split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), headers, body


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    with running_server(env={"LTC_TRUST_PROXY": "1", "LTC_BUDGET_LOOPBACK": "true",
                             "LTC_BODY_IDLE": "1", "LTC_BODY_TIMEOUT": "3",
                             "LTC_CLIENT_REQUESTS": "3", "LTC_CLIENT_ERRORS": "4",
                             "LTC_QUERY_TIMEOUT": "4"}) as endpoint:
        yield endpoint.rsplit("/sparql", 1)[0]


def test_a_body_that_stops_coming_is_a_408_counted_against_the_client(base: str) -> None:
    took, answer = raw(base, post("203.0.113.1", 40, b"ASK"))
    assert answer.startswith(b"HTTP/1.1 408") and 0.9 < took < 3.0, (took, answer[:80])
    assert b"each part must come within 1 s" in answer
    for _ in range(3):  # with the first, the four failed requests a minute allows
        raw(base, post("203.0.113.1", 40, b"ASK"))
    status, headers, body = get(base, "203.0.113.1")
    assert status == 429 and "Retry-After" in headers and b"too many failed" in body
    assert get(base, "203.0.113.2")[0] == 200  # another client is not charged for it


def test_a_body_that_comes_too_slowly_overall_is_a_408(base: str) -> None:
    # a byte every half second keeps each part in time, but the whole body is still late:
    # the answer comes at the 3 s total, before the 1 s wait after the last byte would end
    took, answer = raw(base, post("203.0.113.3", 20), b"ASK {", pause=0.5)
    assert answer.startswith(b"HTTP/1.1 408") and 2.8 < took < 3.45, (took, answer[:80])
    assert b"the whole body within 3 s" in answer


def test_one_address_holds_no_more_than_its_share_of_requests(base: str) -> None:
    slow = [threading.Thread(target=raw, args=(base, post("203.0.113.4", 10, b"A")),
                             daemon=True) for _ in range(3)]
    for thread in slow:
        thread.start()
    time.sleep(0.3)  # the three are in flight, waiting for their bodies
    started = time.monotonic()
    status, headers, body = get(base, "203.0.113.4")
    assert status == 429 and time.monotonic() - started < 0.5
    assert headers["Retry-After"] == "2" and b"3 requests in flight" in body
    assert get(base, "203.0.113.5")[0] == 200
    for thread in slow:
        thread.join(5)
    assert get(base, "203.0.113.4")[0] == 200  # its share is back once they ended


def test_one_address_runs_one_query_at_a_time(base: str) -> None:
    long = threading.Thread(target=get, args=(base, "203.0.113.6", CROSS_JOIN), daemon=True)
    long.start()
    time.sleep(0.5)  # the cross join is on a worker
    status, headers, body = get(base, "203.0.113.6", "ASK { ?s ?p ?o }")
    assert status == 429 and headers["Retry-After"] == "2"
    assert b"already has 1 query running" in body
    other = get(base, "203.0.113.7", "ASK { ?s ?p ?o }")
    assert other[0] == 200 and json.loads(other[2]) == {"head": {}, "boolean": True}
    long.join(10)


def test_a_malformed_chunked_body_is_a_400_under_gunicorn(tmp_path: Path) -> None:
    with production_server(tmp_path, env={"LTC_BUDGET_LOOPBACK": "false"}) as site:
        _, answer = raw(site, b"POST /sparql HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                              b"Content-Type: application/sparql-query\r\n"
                              b"Transfer-Encoding: chunked\r\n\r\nzz\r\nASK {}\r\n0\r\n\r\n")
        took, late = raw(site, post("203.0.113.8", 40, b"ASK"), wait=30)
    assert answer.startswith(b"HTTP/1.1 400") and b"the request body is malformed" in answer
    assert late.startswith(b"HTTP/1.1 408") and took < 10
