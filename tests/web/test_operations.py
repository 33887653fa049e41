"""Health, readiness, Prometheus metrics and the JSON access log, on real servers and in-process."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from flask import Flask
from prometheus_client.parser import text_string_to_metric_families

from ltc_graph.web.app import create_app
from ltc_graph.web.state import state
from production import ROOT, free_port
from servers import running_server

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
LOG_FIELDS = {"time", "request_id", "method", "path", "status", "duration_ms", "bytes", "client"}


def call(url: str, params: dict[str, str] | None = None, body: bytes | None = None,
         headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    target = url + ("?" + urlencode(params) if params else "")
    request = urllib.request.Request(target, data=body, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def scrape(base: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of /metrics, parsed by Prometheus's own parser: (name, labels) -> value."""
    status, headers, body = call(f"{base}/metrics")
    assert status == 200 and headers["Content-Type"].startswith("text/plain; version=0.0.4")
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(body.decode())
            for sample in family.samples}


def sample(samples: dict, name: str, **labels: str) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.fixture(scope="module")
def logged(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server whose access log goes to a file: (base URL, log file)."""
    log = tmp_path_factory.mktemp("access") / "stderr.log"
    with running_server("--timeout", "1", env={"LTC_MAX_CONTENT_LENGTH": "1000"},
                        log=log) as url:
        yield url.rsplit("/", 1)[0], log


# Health and readiness


def test_healthz_says_ok_with_the_data_version(logged: tuple[str, Path]) -> None:
    base, _ = logged
    status, headers, body = call(f"{base}/healthz")
    report = json.loads(body)
    assert status == 200 and headers["Cache-Control"] == "no-store"
    assert report["status"] == "ok" and "reload_error" not in report
    assert report["query_workers"] == 2
    assert sample(scrape(base), "ltc_data_info", version=report["data_version"],
                  loaded_at=report["loaded_at"]) == 1  # the same data in the metrics


def test_readyz_answers_once_a_worker_answers(logged: tuple[str, Path]) -> None:
    base, _ = logged
    status, _, body = call(f"{base}/readyz")
    assert (status, json.loads(body)) == (200, {"status": "ready"})


def test_readyz_is_503_while_no_worker_can_answer() -> None:
    env = {"LTC_READY_TIMEOUT": "0.3"}
    with running_server("--workers", "1", "--timeout", "3", env=env) as url:
        base = url.rsplit("/", 1)[0]
        slow = threading.Thread(target=call, args=(url, {"query": RUNAWAY}))
        slow.start()
        time.sleep(0.5)
        status, headers, body = call(f"{base}/readyz")
        live = call(f"{base}/healthz")[0]
        slow.join()
        deadline = time.monotonic() + 20
        while call(f"{base}/readyz")[0] != 200:  # the stopped worker is replaced
            assert time.monotonic() < deadline, "not ready again after the time limit"
            time.sleep(0.2)
    assert status == 503 and headers["Retry-After"] == "5"
    assert body.decode().startswith("not ready: no query worker answered a trivial query "
                                    "within 0.3 s")
    assert live == 200


@pytest.fixture(scope="module")
def app() -> Iterator[Flask]:
    application = create_app({"QUERY_WORKERS": 1})

    @application.get("/test-failure")
    def failure() -> str:
        raise RuntimeError("a bug")

    yield application
    state(application).close()


def test_a_failed_reload_leaves_healthz_200_but_degraded(app: Flask,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    pool = state(app).pool
    monkeypatch.setattr(pool, "reload_error", "data/x.trig:3:7: expected a dot", raising=False)
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.json is not None
    assert response.json["status"] == "degraded"
    assert response.json["reload_error"] == "data/x.trig:3:7: expected a dot"
    metrics = app.test_client().get("/metrics").get_data(as_text=True)
    assert "\nltc_data_reload_failed 1.0\n" in metrics


def test_a_500_quotes_the_request_id_of_its_header_and_log_line(
        app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="ltc_graph.access"):
        response = app.test_client().get("/test-failure", headers={"Accept": "text/plain"})
    request_id = response.headers["X-Request-Id"]
    assert response.status_code == 500
    assert response.get_data(as_text=True) == f"internal error; request id {request_id}\n"
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "ltc_graph.access"]
    assert [(line["request_id"], line["status"]) for line in lines] == [(request_id, 500)]


# Metrics


def test_metrics_count_requests_rejections_and_cache_lookups(logged: tuple[str, Path]) -> None:
    base, _ = logged
    query = "SELECT ?c WHERE { ?c a ltc:Cluster } ORDER BY ?c LIMIT 3"
    before = scrape(base)
    assert call(f"{base}/sparql", {"query": query})[0] == 200
    assert call(f"{base}/sparql", {"query": query})[0] == 200
    too_large = call(f"{base}/sparql", body=b"ASK {" + b" " * 2000 + b"}",
                     headers={"Content-Type": "application/sparql-query"})
    assert too_large[0] == 413
    assert call(f"{base}/sparql", {"query": "SELEC ?x"})[0] == 400
    assert call(f"{base}/sparql", {"query": RUNAWAY})[0] == 503  # the 1 s time limit
    after = scrape(base)

    def moved(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    assert moved("ltc_rejections_total", reason="body_too_large") == 1
    assert moved("ltc_rejections_total", reason="bad_request") == 1
    assert moved("ltc_rejections_total", reason="query_timeout") == 1
    assert moved("ltc_rejections_total", reason="query_budget") == 0
    assert moved("ltc_query_timeouts_total") == 1
    assert moved("ltc_result_cache_lookups_total", result="miss") == 1
    assert moved("ltc_result_cache_lookups_total", result="hit") == 1
    assert moved("ltc_http_requests_total", route="/sparql", method="GET", status="200") == 2
    assert moved("ltc_http_requests_total", route="/sparql", method="POST", status="413") == 1
    assert moved("ltc_http_requests_total", route="/sparql", method="GET", status="503") == 1
    assert moved("ltc_http_request_duration_seconds_count", route="/sparql") == 5
    assert moved("ltc_http_request_duration_seconds_bucket", route="/sparql", le="0.5") == 4
    assert moved("ltc_query_seconds_total") >= 1.0  # the runaway ran to the time limit
    assert moved("ltc_http_requests_total", route="/metrics", method="GET", status="200") == 1
    assert sample(after, "ltc_query_workers") == 2
    assert sample(after, "ltc_data_triples") > 1000
    assert sample(after, "process_resident_memory_bytes") > 0


def test_metrics_speak_openmetrics_when_asked(logged: tuple[str, Path]) -> None:
    base, _ = logged
    status, headers, body = call(f"{base}/metrics",
                                 headers={"Accept": "application/openmetrics-text"})
    assert status == 200 and headers["Content-Type"].startswith("application/openmetrics-text")
    assert body.decode().endswith("# EOF\n")


# The access log


def test_one_json_line_per_request_with_a_hash_of_the_query_never_its_text(
        logged: tuple[str, Path]) -> None:
    base, log = logged
    marker = "pelicanMarker"
    query = f"SELECT ?{marker} WHERE {{ ?{marker} a ltc:Cluster }} ORDER BY ?{marker} LIMIT 1"
    posted = f"ASK {{ ?{marker}2 ?p ?o }}"
    sent = [
        call(f"{base}/sparql", {"query": query}, headers={"X-Request-Id": "lb-42.a_b"}),
        call(f"{base}/sparql", body=posted.encode(),
             headers={"Content-Type": "application/sparql-query", "X-Request-Id": "no good!"}),
        call(f"{base}/sparql", body=urlencode({"query": query}).encode(),
             headers={"Content-Type": "application/x-www-form-urlencoded"}),
        call(f"{base}/id/cluster/no-such-cluster?x=1"),
        call(f"{base}/healthz"),
    ]
    ids = [headers["X-Request-Id"] for _, headers, _ in sent]
    assert ids[0] == "lb-42.a_b"  # a safe incoming id is kept
    assert "X-Request-Id" in sent[0][1]["Access-Control-Expose-Headers"]
    assert ids[1] != "no good!" and len(ids[1]) == 16  # an unsafe one is replaced
    lines = _lines_for(log, ids[:4])
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("GET", "/sparql", 200), ("POST", "/sparql", 200), ("POST", "/sparql", 200),
        ("GET", "/id/cluster/no-such-cluster", 404)]
    for line, (_, headers, body) in zip(lines, sent[:4], strict=True):
        assert set(line) >= LOG_FIELDS
        assert line["bytes"] == len(body) and line["client"] == "127.0.0.1"
        assert line["duration_ms"] >= 0 and line["time"].endswith("+00:00")
        assert line["request_id"] == headers["X-Request-Id"]
    digest = hashlib.sha256(query.encode()).hexdigest()[:12]
    assert [line.get("query_sha256") for line in lines] == [
        digest, hashlib.sha256(posted.encode()).hexdigest()[:12], digest, None]
    text = log.read_text(encoding="utf-8")
    assert marker not in text  # neither the query nor the URL that carries it
    assert ids[4] not in text  # probes are logged at DEBUG only


def _lines_for(log: Path, ids: list[str]) -> list[dict]:
    """The access-log lines of these request ids, in that order, once all are written."""
    deadline = time.monotonic() + 10
    while True:
        found: dict[str, dict] = {}
        for raw in log.read_text(encoding="utf-8").splitlines():
            if raw.startswith("{"):
                line = json.loads(raw)
                found[line["request_id"]] = line
        if all(i in found for i in ids):
            return [found[i] for i in ids]
        assert time.monotonic() < deadline, f"no log line for {set(ids) - set(found)}"
        time.sleep(0.05)


def test_gunicorn_writes_the_access_log_and_not_its_own(tmp_path: Path) -> None:
    log = tmp_path / "stderr.log"
    with log.open("w", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "-c", str(ROOT / "gunicorn.conf.py")],
            cwd=tmp_path, env={**os.environ, "LTC_BIND": f"127.0.0.1:{free_port()}"},
            stdout=stderr, stderr=stderr)
    try:
        base = "http://" + _bound_address(log, process)
        _, headers, _ = call(f"{base}/sparql", {"query": "ASK { ?s ?p ?o }"})
        [line] = _lines_for(log, [headers["X-Request-Id"]])
    finally:
        process.terminate()
        process.wait(30)
    assert (line["method"], line["path"], line["status"]) == ("GET", "/sparql", 200)
    assert line["query_sha256"] == hashlib.sha256(b"ASK { ?s ?p ?o }").hexdigest()[:12]
    assert "ASK" not in log.read_text(encoding="utf-8")


def _bound_address(log: Path, process: subprocess.Popen) -> str:
    deadline = time.monotonic() + 60
    while True:
        if found := re.search(r"Listening at: http://(\S+)", log.read_text(encoding="utf-8")):
            address = found.group(1)
            try:
                with urllib.request.urlopen(f"http://{address}/readyz", timeout=5):
                    return address
            except OSError:
                pass
        assert process.poll() is None, log.read_text(encoding="utf-8")
        assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
        time.sleep(0.2)


def test_behind_a_trusted_proxy_the_client_is_the_forwarded_address() -> None:
    application = create_app({"QUERY_WORKERS": 1, "TRUST_PROXY": 1, "CLIENT_ERRORS": 1})
    try:
        client = application.test_client()
        forwarded = {"X-Forwarded-For": "203.0.113.7"}
        first = client.get("/no-such-page", headers=forwarded)
        second = client.get("/no-such-page", headers=forwarded)
        other = client.get("/no-such-page", headers={"X-Forwarded-For": "203.0.113.8"})
    finally:
        state(application).close()
    assert (first.status_code, second.status_code, other.status_code) == (404, 429, 404)


def test_behind_a_trusted_proxy_links_use_the_scheme_the_client_used() -> None:
    """nginx ends TLS and says so in X-Forwarded-Proto: the OpenAPI description's server and
    the snippets then name https, not the http nginx spoke to the app."""
    trusting = create_app({"QUERY_WORKERS": 1, "TRUST_PROXY": 1})
    trusting_nothing = create_app({"QUERY_WORKERS": 1})
    headers = {"X-Forwarded-Proto": "https", "Host": "ltc.example.org"}
    try:
        behind = trusting.test_client().get("/openapi.json", headers=headers)
        direct = trusting_nothing.test_client().get("/openapi.json", headers=headers)
    finally:
        state(trusting).close()
        state(trusting_nothing).close()
    assert behind.get_json()["servers"][0]["url"].startswith("https://ltc.example.org")
    assert direct.get_json()["servers"][0]["url"].startswith("http://ltc.example.org")
