"""The access log: one JSON line per request on the `ltc_graph.access` logger.

A line carries what an operator needs to follow a request and nothing a client would not want
kept: the path without its query string (a GET query carries the SPARQL text) and, for SPARQL
requests, a short hash of the query instead of its text, so that repeated or troublesome
queries can be counted and matched with a query someone reports, without storing them. The
request id is also sent back in `X-Request-Id` and quoted in 500 messages.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
import sys
from typing import Any, TextIO

LOGGER = logging.getLogger("ltc_graph.access")
SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id(incoming: str | None = None) -> str:
    """The caller's id when it is safe to echo and log (a proxy's, say), else a fresh one."""
    if incoming and SAFE_ID.fullmatch(incoming):
        return incoming
    return secrets.token_hex(8)


def query_hash(text: str) -> str:
    """12 hex digits of the SHA-256 of the query text (UTF-8): `sha256sum` finds it again."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def write(entry: dict[str, Any], quiet: bool = False) -> None:
    """Log one request; `quiet` ones (health probes, scrapes) only at DEBUG."""
    level = logging.DEBUG if quiet else logging.INFO
    if LOGGER.isEnabledFor(level):
        LOGGER.log(level, "%s", json.dumps(entry, ensure_ascii=False, separators=(",", ":")))


def configure(stream: TextIO | None = None) -> None:
    """Print the access lines, bare, on `stream` (standard error): done by the servers."""
    if any(getattr(h, "ltc_access", False) for h in LOGGER.handlers):
        return
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.ltc_access = True  # type: ignore[attr-defined]
    LOGGER.addHandler(handler)
    LOGGER.setLevel(logging.INFO)
    LOGGER.propagate = False  # not again through gunicorn's or the root logger's handlers
