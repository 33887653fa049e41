"""The app's state in one typed object: the query workers, the data in service, the answer
cache, the query service, the canned queries, the validation report and the documents made
from the data. Its whole life is here: `start` when the app is built, `reload` on SIGHUP or a
change of the files, `close` when the server stops (`ltc-graph serve` and gunicorn's hook).
Views reach it through `state()`.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app
from rdflib import Dataset

from ..queries.registry import Registry
from ..rdf.files import load_project
from ..sparql.cache import ResultCache
from ..sparql.execution import Limits
from ..sparql.service import QueryService
from ..sparql.workers import PoolConfig, WorkerPool
from ..store import StoreInfo, check_spec, is_remote
from ..store.remote import RemoteStore
from ..store.watch import watch
from ..validation.served import ServedValidation

if TYPE_CHECKING:
    from .traffic import Traffic

log = logging.getLogger(__name__)
KEY = "ltc"  # the app's extensions entry holding the state


class Documents:
    """What is made once from the repository's files with rdflib: the parsed dataset, and the
    dumps, VoID, ontology and context written from it, kept by key until the data reloads."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._made: dict[object, Any] = {}
        self._lock = threading.RLock()  # a document may be made from another (the dataset)

    @property
    def dataset(self) -> Dataset:
        return self.get("dataset", lambda: load_project(self.root))

    def get(self, key: object, make: Callable[[], Any]) -> Any:
        """The document under `key`, made by `make()` the first time it is asked for."""
        if (found := self._made.get(key)) is not None:
            return found
        with self._lock:
            if key not in self._made:
                self._made[key] = make()
            return self._made[key]


@dataclass
class AppState:
    root: Path
    pool: WorkerPool
    cache: ResultCache
    queries: Registry
    service: QueryService
    validation: ServedValidation
    documents: Documents
    vendor_gzip: dict[tuple[str, int], bytes] = field(default_factory=dict)
    traffic: Traffic = field(init=False)  # set by traffic.init_app

    @property
    def info(self) -> StoreInfo:
        """The data in service: its graphs, sizes, version and when it was loaded."""
        return self.pool.info

    @classmethod
    def start(cls, config: dict[str, Any], meter: Callable[[], Any]) -> AppState:
        """Start the query workers on the configured store and everything that serves from it.

        :raise InputError: the store cannot be opened (its message says why).
        """
        root = Path(config["DATA_ROOT"])
        spec = check_spec(str(config["STORE"]))
        pool = WorkerPool(PoolConfig(
            root=root,
            store=spec,
            remote_info=RemoteStore.connect(spec).info if is_remote(spec) else None,
            size=int(config["QUERY_WORKERS"]),
            timeout=float(config["QUERY_TIMEOUT"]),
            wait=float(config["QUERY_WAIT"]),
            memory_bytes=int(config["WORKER_MEMORY"]),
            limits=Limits(int(config["MAX_ROWS"]), int(config["MAX_RESULT_BYTES"])),
        ))
        cache = ResultCache(int(config["RESULT_CACHE_BYTES"]))
        state = cls(root=root, pool=pool, cache=cache, queries=Registry(root / "queries"),
                    service=QueryService(pool, lambda: pool.info.version, cache, meter,
                                         float(config["QUERY_TIMEOUT"])),
                    validation=ServedValidation(root), documents=Documents(root))
        pool.on_reload(state._reloaded)
        watch(root, spec, float(config["RELOAD_INTERVAL"]), state.reload, lambda: pool.closed)
        return state

    def _reloaded(self, info: StoreInfo) -> None:
        """New data in service: ETags and cache keys carry its version; what was made from
        the old files is made again."""
        self.validation = ServedValidation(self.root)
        self.documents = Documents(self.root)

    def reload(self) -> bool:
        """Load the data afresh (workers.py); False when it failed and the old data serves."""
        return self.pool.reload()

    def close(self) -> None:
        """Stop the query workers; the server is going away."""
        self.pool.close()


def init_app(app: Flask, meter: Callable[[], Any]) -> AppState:
    app.extensions[KEY] = found = AppState.start(app.config, meter)
    return found


def state(app: Flask | None = None) -> AppState:
    """The state of `app`, or of the app handling the current request."""
    return (app or current_app).extensions[KEY]


def close(app: Flask | None) -> None:
    """Stop an app's query workers, if it has any (gunicorn calls this for a worker that
    may have no app yet)."""
    found = getattr(app, "extensions", {}).get(KEY)
    if found is not None:
        found.close()
