"""Notice when the files a store is built from change: a daemon thread polls their stamps and
calls back once a change has settled.

What is watched: for the memory store, the repository's ontology, data and shapes files
(names, sizes and modification times, so a new or removed file counts); for a store
directory, the description `ltc-graph load` writes last, which a rebuild replaces. An
external store is not watched (its data changes elsewhere; SIGHUP reloads it). A change is
acted on when two polls in a row see the same stamp, so a file caught half-written is not
loaded; a stamp that failed to load is not tried again until the files change once more.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..rdf.files import Layout
from . import INFO_FILE, is_remote

log = logging.getLogger(__name__)

Stamp = tuple[tuple[str, int, int], ...] | str


def stamp(root: Path, store: str) -> Stamp:
    """A cheap fingerprint of the files the store is built from; no file is read."""
    try:
        paths = [Path(store) / INFO_FILE] if store != "memory" else Layout.of(root).files
        return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    except (InputError, OSError) as exc:
        return f"unreadable: {exc}"


def watch(root: Path, store: str, interval: float, changed: Callable[[], object],
          stopped: Callable[[], bool]) -> threading.Thread | None:
    """Poll every `interval` seconds and call `changed()` after a settled change, until
    `stopped()`; None when there is nothing to watch."""
    if interval <= 0 or is_remote(store):
        return None
    thread = threading.Thread(target=_poll, args=(root, store, interval, changed, stopped),
                              name="data-watcher", daemon=True)
    thread.start()
    return thread


def _poll(root: Path, store: str, interval: float, changed: Callable[[], object],
          stopped: Callable[[], bool]) -> None:
    loaded = previous = stamp(root, store)
    while True:
        time.sleep(interval)
        if stopped():
            return
        now = stamp(root, store)
        if now != loaded and now == previous:
            log.info("the data files changed; reloading")
            changed()
            loaded = now
        previous = now
