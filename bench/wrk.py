"""`wrk` with a different query text for every request, so that no cache answers any of them.

The URL holds `__N__` where the number goes (a SPARQL template, percent-encoded around it); a
Lua script replaces it with a counter that starts at `first` and grows by one per request.
Debian's `wrk` (`apt-get install -y wrk`) is the load generator: one thread of it keeps many
thousands of requests a second going, so on a small machine it takes less of the CPU the
servers share than a Python client would.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

WRK_MISSING = "`wrk` is not installed: on Debian or Ubuntu, `apt-get install -y wrk`"
PLACEHOLDER = "__N__"

SCRIPT = """
local template = "%(path)s"
local accept = "%(accept)s"
local n = %(first)d
request = function()
  n = n + 1
  local path = template:gsub("__N__", tostring(n))
  return wrk.format("GET", path, {["Accept"] = accept})
end
"""


@dataclass(frozen=True)
class Run:
    """What wrk measured: requests a second, latency percentiles (seconds), failures."""

    rps: float
    p50: float
    p99: float
    requests: int
    failed: int  # answers other than 2xx or 3xx, and socket errors

    def __str__(self) -> str:
        return f"{self.rps:,.0f} req/s, p50 {self.p50 * 1000:.2f} ms, p99 {self.p99 * 1000:.2f} ms"


def available() -> bool:
    return shutil.which("wrk") is not None


def wrk(url: str, clients: int, seconds: float, first: int = 0,
        accept: str = "application/sparql-results+json", timeout: float = 60) -> Run:
    """Load `url` (with `__N__` where the counter goes) from `clients` connections for
    `seconds`, one wrk thread."""
    if not available():
        raise SystemExit(WRK_MISSING)
    parts = urlsplit(url)
    path = parts.path + ("?" + parts.query if parts.query else "")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(SCRIPT % {"path": _lua(path), "accept": _lua(accept), "first": first})
    try:
        out = subprocess.run(
            ["wrk", "-t1", f"-c{clients}", f"-d{math.ceil(seconds)}s", f"--timeout={timeout:g}s",
             "--latency", "-s", script.name, f"{parts.scheme}://{parts.netloc}"],
            capture_output=True, text=True)
    finally:
        Path(script.name).unlink()
    if out.returncode:
        raise RuntimeError(f"wrk failed ({out.returncode}): {out.stderr.strip() or out.stdout}")
    return parse(out.stdout)


def parse(out: str) -> Run:
    def seconds(label: str) -> float:
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
        if not match:
            return float("nan")
        scale = {"us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0}[match.group(2)]
        return float(match.group(1)) * scale

    requests = int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]
    failed = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", out))
    if errors := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), "
                           r"timeout (\d+)", out):
        failed += sum(int(n) for n in errors.groups())
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    return Run(rps, seconds("50%"), seconds("99%"), requests, failed)


def _lua(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')
