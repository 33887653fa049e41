"""Reload the data when its files change: a daemon thread polls their stamps and calls
`WorkerPool.reload()` once a change has settled.

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
from pathlib import Path

from ..errors import InputError
from ..rdf.files import Layout
from ..sparql.workers import WorkerPool
from ..store.local import INFO_FILE, is_remote

log = logging.getLogger(__name__)

Stamp = tuple[tuple[str, int, int], ...] | str


def stamp(root: Path, store: str) -> Stamp:
    """A cheap fingerprint of the files the store is built from; no file is read."""
    try:
        paths = [Path(store) / INFO_FILE] if store != "memory" else Layout.of(root).files
        return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    except (InputError, OSError) as exc:
        return f"unreadable: {exc}"


def watch(pool: WorkerPool, interval: float) -> threading.Thread | None:
    """Start polling every `interval` seconds; None when there is nothing to watch."""
    if interval <= 0 or is_remote(pool.config.store):
        return None
    thread = threading.Thread(target=_poll, args=(pool, interval), name="data-watcher",
                              daemon=True)
    thread.start()
    return thread


def _poll(pool: WorkerPool, interval: float) -> None:
    root, store = pool.config.root, pool.config.store
    loaded = previous = stamp(root, store)
    while True:
        time.sleep(interval)
        if pool.closed:
            return
        now = stamp(root, store)
        if now != loaded and now == previous:
            log.info("the data files changed; reloading")
            pool.reload()
            loaded = now
        previous = now
