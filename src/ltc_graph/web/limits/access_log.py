"""The access log: one JSON line per request on the `ltc_graph.access` logger.

A line carries what an operator needs to follow a request and nothing a client would not want
kept: the path without its query string (a GET query carries the SPARQL text) and, for SPARQL
requests, a short hash of the query instead of its text, so that repeated or troublesome
queries can be counted and matched with a query someone reports, without storing them. The
request id is also sent back in `X-Request-Id` and quoted in 500 messages.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import random
import re
import sys
import threading
import time
from collections import deque
from datetime import datetime
from typing import Any, TextIO

LOGGER = logging.getLogger("ltc_graph.access")
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
BATCH_SECONDS = 0.02  # how long a line may wait to be written with the next ones
IDLE_SECONDS = 0.25  # ... when none came for a while
MAX_QUEUED = 100_000  # lines waiting to be written
SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id(incoming: str | None = None) -> str:
    """The caller's id when it is safe to echo and log (a proxy's, say), else a fresh one."""
    if incoming and SAFE_ID.fullmatch(incoming):
        return incoming
    return f"{random.getrandbits(64):016x}"  # to tell requests apart, not a secret


def query_hash(text: str) -> str:
    """12 hex digits of the SHA-256 of the query text (UTF-8): `sha256sum` finds it again."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def write(entry: dict[str, Any], quiet: bool = False) -> None:
    """Log one request; `quiet` ones (health probes, scrapes) only at DEBUG.

    `time` may be a datetime, written as UTC with milliseconds. When the servers' own handler
    is the only one (`configure`), the entry is queued as it is and written as JSON by its
    thread, off the request's path.
    """
    level = logging.DEBUG if quiet else logging.INFO
    if not LOGGER.isEnabledFor(level):
        return
    handlers = LOGGER.handlers
    if len(handlers) == 1 and type(handlers[0]) is _Lines and not LOGGER.propagate:
        handlers[0].lines.append(entry)
        return
    # What LOGGER.log does, less its search of the stack for the caller's line.
    LOGGER.handle(LOGGER.makeRecord(LOGGER.name, level, __file__, 0, line(entry), (), None))


def line(entry: dict[str, Any]) -> str:
    """The entry as one line of JSON."""
    moment = entry.get("time")
    if isinstance(moment, datetime):
        entry = {**entry, "time": moment.isoformat(timespec="milliseconds")}
    return _json(entry)


def configure(stream: TextIO | None = None) -> None:
    """Print the access lines, bare, on `stream` (standard error): done by the servers."""
    if not any(isinstance(h, _Lines) for h in LOGGER.handlers):
        LOGGER.addHandler(_Lines(stream or sys.stderr))
    LOGGER.setLevel(logging.INFO)
    LOGGER.propagate = False  # not again through gunicorn's or the root logger's handlers


class _Lines(logging.Handler):
    """Request threads only queue their line; one thread writes them, many at a time.

    A plain StreamHandler makes each request thread write (a system call) and the others wait
    for its lock meanwhile; under load that cost more than everything else the hooks do.
    """

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        # Appending to a deque takes no lock and wakes no thread. Bounded: if the stream stops
        # taking lines, the oldest are dropped rather than memory filling up.
        self.lines: deque[str | dict[str, Any] | None] = deque(maxlen=MAX_QUEUED)
        self.writer = threading.Thread(target=self._write, name="access-log", daemon=True)
        self.writer.start()
        atexit.register(self.close)

    def handle(self, record: logging.LogRecord) -> bool:  # no lock, no formatting: queued
        self.lines.append(record.getMessage())
        return True

    def emit(self, record: logging.LogRecord) -> None:
        self.handle(record)

    def close(self) -> None:
        """Write what is queued, then stop (at exit)."""
        if self.writer.is_alive():
            self.lines.append(None)
            self.writer.join(5)
        super().close()

    def _write(self) -> None:
        """Every so often, write whatever has queued up (waking this thread for each line
        cost more CPU than the rest of the hooks)."""
        pause = BATCH_SECONDS
        while True:
            time.sleep(pause)
            batch = [self.lines.popleft() for _ in range(min(len(self.lines), 10_000))]
            pause = BATCH_SECONDS if batch else min(pause * 2, IDLE_SECONDS)
            if not batch:
                continue
            text = "".join((item if isinstance(item, str) else line(item)) + "\n"
                           for item in batch if item is not None)
            try:
                self.stream.write(text)
                self.stream.flush()
            except (OSError, ValueError):  # the stream is gone: nothing left to tell
                return
            if None in batch:
                return
