"""Query workers: separate processes that can be killed at a query's deadline.

A query cannot be cancelled inside a Python process (rdflib has no cancellation and a
catastrophic regular expression holds the GIL), so every query runs in a worker process with
its own copy of the store. A worker that misses the deadline is killed and replaced in the
background; the other workers keep answering meanwhile. When every worker is busy, a request
waits briefly and then gets "busy" (the server answers 503).
"""

from __future__ import annotations

import logging
import multiprocessing as mp
import queue
import resource
import threading
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from .dataset import Layout
from .execution import Answer, Job, Limits, execute
from .store import GraphStore, StoreInfo

log = logging.getLogger(__name__)


class QueryTimeout(Exception):
    """The query ran past its time limit; its worker was killed."""


class Busy(Exception):
    """Every worker stayed busy for longer than a request may wait."""


@dataclass(frozen=True)
class PoolConfig:
    root: Path
    size: int = 2
    timeout: float = 30.0
    wait: float = 5.0
    memory_bytes: int = 0
    limits: Limits = field(default_factory=Limits)


def _serve(conn: Connection, root: str, memory_bytes: int, limits: Limits) -> None:
    """A worker's whole life: load the store once, then answer jobs until the pipe closes."""
    if memory_bytes:
        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    store = GraphStore.from_layout(Layout.of(Path(root)))
    conn.send(("ready", store.info))
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        try:
            answer = execute(store, job, limits)
        except MemoryError:
            answer = Answer(ok=False, error="the query needs more memory than a query may use")
        conn.send(answer)


def _context() -> mp.context.BaseContext:
    """A forkserver whose preloaded modules make a new worker cheap to start.

    Forking the server itself is unsafe once it runs threads; spawning re-imports everything.
    The fork server is a small single-threaded process that has imported the query code once
    and forks each worker from there.
    """
    context = mp.get_context("forkserver")
    context.set_forkserver_preload(["ltc_graph.workers"])
    return context


class _Worker:
    def __init__(self, config: PoolConfig) -> None:
        context = _context()
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, str(config.root), config.memory_bytes, config.limits),
            daemon=True,
        )
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> StoreInfo | None:
        """The store's description once the worker has loaded it; None if it failed."""
        try:
            if self.conn.poll(timeout):
                message = self.conn.recv()
                if isinstance(message, tuple) and message[0] == "ready":
                    return message[1]
        except (EOFError, OSError):
            pass
        return None

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
        info = workers[0].wait_ready(120)
        if info is None:
            raise RuntimeError("a query worker failed to load the graph")
        self.info: StoreInfo = info
        self._idle.put(workers[0])
        for worker in workers[1:]:
            threading.Thread(target=self._admit, args=(worker,), daemon=True).start()

    def _admit(self, worker: _Worker) -> None:
        """Put a started worker to work once it has loaded the store (answers wait meanwhile)."""
        if worker.wait_ready(120) is not None and not self._closed:
            self._idle.put(worker)
        else:
            worker.kill()

    def run(self, job: Job) -> Answer:
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
