"""The production entry point: gunicorn with the repository's configuration serves the app."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_gunicorn_serves_the_app_factory_with_the_repository_config(tmp_path: Path) -> None:
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    env = {**os.environ, "LTC_BIND": f"127.0.0.1:{port}", "LTC_QUERY_TIMEOUT": "7"}
    process = subprocess.Popen([str(gunicorn), "-c", str(ROOT / "gunicorn.conf.py")],
                               cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/sparql?query=ASK%20%7B%20cluster%3Aafil%20%3Fp%20%3Fo%20%7D"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    assert json.loads(response.read())["boolean"] is True
                    break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
                time.sleep(0.3)
        error = urllib.request.Request(url.replace("ASK", "SELECT"))
        try:
            urllib.request.urlopen(error, timeout=5)
        except urllib.error.HTTPError as exc:
            assert exc.code == 400
    finally:
        process.terminate()
        process.wait(20)
