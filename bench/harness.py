"""Processes for the HTTP benchmarks: servers started and stopped, their memory, `hey` runs,
the sections of RESULTS.md a script owns, and the synthetic repositories they load.

Linux only (memory is read from /proc). Every server runs in its own session, so stopping it
stops the workers it started and nothing else.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ltc_graph.authoring import synth

HEY_MISSING = "`hey` is not installed: on Debian or Ubuntu, `apt-get install -y hey`"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, accept: str = "application/sparql-results+json", timeout: float = 600
        ) -> tuple[int, bytes, dict[str, str]]:
    """One GET on a fresh connection: (status, body, headers); ConnectionError while nobody
    listens."""
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        conn.request("GET", parts.path + ("?" + parts.query if parts.query else ""),
                     headers={"Accept": accept})
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())
    finally:
        conn.close()


@dataclass
class Server:
    """A server process: `start` returns the seconds from launch to its first good answer."""

    name: str
    argv: list[str]
    probe: str  # a URL whose 200 answer means the server is up
    env: dict[str, str] = field(default_factory=dict)
    cwd: Path | None = None
    log: Path | None = None
    process: subprocess.Popen[bytes] | None = None

    def start(self, limit: float = 900) -> float:
        out = self.log.open("ab") if self.log else subprocess.DEVNULL
        began = time.perf_counter()
        self.process = subprocess.Popen(self.argv, cwd=self.cwd, env={**os.environ, **self.env},
                                        stdout=out, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        while time.perf_counter() - began < limit:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode} "
                                   f"before answering (log: {self.log})")
            try:
                status, body, _ = get(self.probe)
            except OSError:
                time.sleep(0.002)
                continue
            if status == 200:
                return time.perf_counter() - began
            raise RuntimeError(f"{self.name} answered {status}: {body[:200]!r}")
        self.stop()
        raise RuntimeError(f"{self.name} gave no answer within {limit:g} s")

    def stop(self, grace: float = 30) -> None:
        """SIGTERM to the server's session (its workers too), SIGKILL after `grace` seconds."""
        if self.process is None:
            return
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 10)):
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.process.wait(wait)
                break
            except subprocess.TimeoutExpired:
                continue
        self.process = None

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid


def _status_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def rss(pid: int | None = None) -> int:
    """Resident memory of one process, in bytes (this one by default)."""
    return _status_kb(pid or os.getpid(), "VmRSS") * 1024


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


@dataclass(frozen=True)
class TreeMemory:
    processes: int
    rss: int  # bytes, summed: pages shared between processes count once per process
    pss: int  # bytes, proportional share: shared pages split between their processes


def tree_memory(pid: int) -> TreeMemory:
    """RSS and PSS summed over a process and all its descendants."""
    total_rss = total_pss = count = 0
    for member in descendants(pid):
        try:
            total_rss += rss(member)
            rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
        except OSError:
            continue
        count += 1
        match = re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)
        total_pss += int(match.group(1)) * 1024 if match else 0
    return TreeMemory(count, total_rss, total_pss)


@dataclass(frozen=True)
class Load:
    """What `hey` measured: throughput and latency percentiles (seconds), and failures."""

    rps: float
    p50: float
    p99: float
    requests: int
    failed: int


def hey(url: str, clients: int, seconds: float, requests: int = 0,
        accept: str = "application/sparql-results+json") -> Load:
    """Load `url` with `clients` concurrent clients for `seconds` (or exactly `requests`)."""
    if shutil.which("hey") is None:
        raise SystemExit(HEY_MISSING)
    amount = ["-n", str(requests)] if requests else ["-z", f"{seconds:g}s"]
    out = subprocess.run(["hey", *amount, "-c", str(clients), "-t", "600", "-H",
                          f"Accept: {accept}", url],
                         capture_output=True, text=True, check=True).stdout

    def number(*patterns: str) -> float:
        """The first pattern found: hey leaves out percentiles it has too few requests for."""
        for pattern in patterns:
            if match := re.search(pattern, out):
                return float(match.group(1))
        return float("nan")

    codes = {int(c): int(n) for c, n in re.findall(r"\[(\d+)\]\s+(\d+) responses", out)}
    errors = sum(int(n) for n in re.findall(r"\[(\d+)\]\s+Get ", out))
    return Load(rps=number(r"Requests/sec:\s+([\d.]+)"),
                p50=number(r"50% in ([\d.]+) secs", r"Average:\s+([\d.]+) secs"),
                p99=number(r"99% in ([\d.]+) secs", r"Slowest:\s+([\d.]+) secs"),
                requests=sum(codes.values()) + errors,
                failed=errors + sum(n for c, n in codes.items() if c != 200))


def replace_sections(path: Path, sections: dict[str, str]) -> None:
    """Put each `## Title` section of `sections` into `path`, in place of the one of the same
    title if there is one, else at the end; other sections are kept as they are."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    parts = re.split(r"(?m)^(?=## )", text)
    head, rest = parts[0], parts[1:]
    titles = [p.splitlines()[0][3:].strip() for p in rest]
    for title, body in sections.items():
        block = f"## {title}\n\n{body.strip()}\n\n"
        if title in titles:
            rest[titles.index(title)] = block
        else:
            rest.append(block)
            titles.append(title)
    out = head.rstrip() + "\n\n" + "".join(p.rstrip() + "\n\n" for p in rest)
    path.write_text(out.rstrip() + "\n", encoding="utf-8")


def repository(root: Path, quads: int, place: Path) -> Path:
    """A repository at `place` with `root`'s ontology, shapes and queries and, as its data, one
    synthetic file of about `quads` quads (`ltc-graph synth`); `root` itself when `quads` is
    0, for the real data."""
    if not quads:
        return root
    for part in ("ontology", "shapes", "queries"):
        shutil.copytree(root / part, place / part)
    (place / "data").mkdir(parents=True)
    synth.write(place / "data" / "synth.trig", synth.scale_for(quads))
    return place
