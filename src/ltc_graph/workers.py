"""Query workers: separate processes that can be killed at a query's deadline.

A query cannot be cancelled inside a Python process (rdflib has no cancellation and a
catastrophic regular expression holds the GIL), so every query runs in a worker process with
its own copy of the store. A worker that misses the deadline is killed and replaced in the
background; the other workers keep answering meanwhile. When every worker is busy, a request
waits briefly and then gets "busy" (the server answers 503).
"""

from __future__ import annotations

import logging
import queue
import resource
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from . import prestart
from .errors import InputError
from .execution import Answer, Limits, Task
from .store import StoreInfo, open_store

log = logging.getLogger(__name__)


class QueryTimeout(Exception):
    """The query ran past its time limit; its worker was killed."""


class Busy(Exception):
    """Every worker stayed busy for longer than a request may wait."""


@dataclass(frozen=True)
class PoolConfig:
    root: Path
    store: str = "memory"  # memory, a store directory or a SPARQL endpoint URL (store.py)
    remote_info: StoreInfo | None = None  # an external store, as described once by the server
    size: int = 2
    timeout: float = 30.0
    wait: float = 5.0
    memory_bytes: int = 0
    limits: Limits = field(default_factory=Limits)


def _serve(conn: Connection, config: PoolConfig) -> None:
    """A worker's whole life: open the store once, then answer jobs until the pipe closes."""
    if config.memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (config.memory_bytes, config.memory_bytes))
    try:
        store = open_store(config.store, config.root, config.remote_info)
    except InputError as exc:
        conn.send(("failed", str(exc)))
        return
    conn.send(("ready", store.info))
    limits = config.limits
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        try:
            answer = job.perform(store, limits)
        except MemoryError:
            answer = Answer(ok=False, error="the query needs more memory than a query may use")
        conn.send(answer)


class _Worker:
    def __init__(self, config: PoolConfig) -> None:
        context = prestart.context()
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, config),
            daemon=True,
        )
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> StoreInfo | str:
        """The store's description once the worker has opened it, or why it could not."""
        try:
            if not self.conn.poll(timeout):
                return f"the store did not open within {timeout:g} s"
            message = self.conn.recv()
        except (EOFError, OSError):
            return "the query worker stopped while opening the store"
        return message[1]

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """A fixed number of query workers; `run` hands a job to an idle one."""

    def __init__(self, config: PoolConfig) -> None:
        self.config = config
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        workers = [_Worker(config) for _ in range(config.size)]
        info = workers[0].wait_ready(600)
        if isinstance(info, str):
            for worker in workers:
                worker.kill()
            raise InputError(info)
        self.info: StoreInfo = info
        self._idle.put(workers[0])
        for worker in workers[1:]:
            threading.Thread(target=self._admit, args=(worker,), daemon=True).start()

    def _admit(self, worker: _Worker) -> None:
        """Put a started worker to work once it has loaded the store (answers wait meanwhile)."""
        if isinstance(worker.wait_ready(600), StoreInfo) and not self._closed:
            self._idle.put(worker)
        else:
            worker.kill()

    def run(self, job: Task) -> Answer:
        try:
            worker = self._idle.get(timeout=self.config.wait)
        except queue.Empty:
            raise Busy from None
        try:
            worker.conn.send(job)
            if worker.conn.poll(self.config.timeout):
                answer: Answer = worker.conn.recv()
                self._idle.put(worker)
                return answer
        except (EOFError, OSError):
            log.error("a query worker died; replacing it")
            self._replace(worker)
            return Answer(ok=False, error="the query stopped its worker")
        log.warning("query stopped at the %.0f s limit", self.config.timeout)
        self._replace(worker)
        raise QueryTimeout

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        threading.Thread(target=lambda: self._admit(_Worker(self.config)), daemon=True).start()

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                return
