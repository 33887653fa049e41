"""Start a real `ltc-graph serve` process on loopback for tests, and stop it afterwards."""

from __future__ import annotations

import contextlib
import http.client
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def running_server(*args: str, env: dict[str, str] | None = None,
                   log: Path | None = None) -> Iterator[str]:
    """Yield the endpoint URL of a fresh server; `args` go to `ltc-graph serve`.

    The server's standard error (its access log and warnings) is discarded, or written to the
    file `log` when given.
    """
    target = log.open("w", encoding="utf-8") if log else nullcontext(subprocess.DEVNULL)
    with target as stderr:  # the server keeps its own copy of the file
        process = subprocess.Popen(
            [sys.executable, "-m", "ltc_graph.cli", "serve", "--port", "0", *args],
            cwd=ROOT, env={**os.environ, **(env or {})},
            stdout=subprocess.PIPE, stderr=stderr, text=True,
        )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("Serving the graph at "), line or "the server did not start"
        yield line.rsplit(" ", 1)[1].strip()
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)
        if process.stdout is not None:
            process.stdout.close()


def fetch(url: str, accept: str | None = None) -> tuple[int, dict[str, str], bytes]:
    """GET `url`: status, headers and body, for error statuses too."""
    request = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def oversized_post(site: str, path: str, media: str, claimed: int = 50 * 2**20
                   ) -> tuple[int, bytes, float]:
    """POST announcing `claimed` bytes but sending only the first MB: (status, body, seconds).

    A server that checks Content-Length answers before the rest would arrive.
    """
    parts = urlsplit(site)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    started = time.monotonic()
    try:
        connection.putrequest("POST", path)
        connection.putheader("Content-Type", media)
        connection.putheader("Content-Length", str(claimed))
        connection.endheaders()
        with contextlib.suppress(OSError):  # the server may answer and close before the rest
            connection.send(b"#" * 2**20)
        response = connection.getresponse()
        return response.status, response.read(), time.monotonic() - started
    finally:
        connection.close()
