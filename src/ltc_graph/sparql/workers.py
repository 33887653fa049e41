"""Query workers: separate processes that can be killed at a query's deadline.

A query cannot be cancelled inside a Python process (rdflib has no cancellation and a
catastrophic regular expression holds the GIL), so every query runs in a worker process with
its own copy of the store. A worker that misses the deadline is killed and replaced in the
background; the other workers keep answering meanwhile. When every worker is busy, a request
waits briefly and then gets "busy" (the server answers 503).

Workers are also the security and fault boundary: once its store is open, a worker runs
under the audit hook of sandbox.py, and a worker that dies takes only its own query with it.
`reload` swaps in a new set of workers on fresh data, and keeps the old set when the new
data cannot be loaded.
"""

from __future__ import annotations

import logging
import pickle
import queue
import resource
import select
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path

from ..errors import InputError
from ..store import StoreInfo, is_remote, open_store
from . import prestart, sandbox
from .execution import Answer, Limits, Task

log = logging.getLogger(__name__)

START_TIMEOUT = 600.0  # seconds a worker may take to open its store
RETRY_LIMIT = 60.0  # longest pause between attempts to replace a worker that cannot start


class QueryTimeout(Exception):
    """The query ran past its time limit; its worker was killed."""


class Busy(Exception):
    """Every worker stayed busy for longer than a request may wait."""


class WorkerDied(Exception):
    """The worker stopped before answering (killed, or out of memory); it is being replaced."""


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
        rules = sandbox.policy(config.root, config.store)
    except InputError as exc:
        conn.send(("failed", str(exc)))
        return
    sandbox.install(rules)
    conn.send(("ready", store.info))
    limits = config.limits
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        sandbox.refusals.clear()
        try:
            answer = job.perform(store, limits)
        except MemoryError:
            answer = Answer(ok=False, error="the query needs more memory than a query may use")
        except sandbox.Refused:
            answer = Answer(ok=False)
        if sandbox.refusals and not answer.ok:
            # A job that failed after a refusal failed because of it, whatever error it made
            # of it; one that got past a refusal (as importlib does when it may not write
            # bytecode) keeps its answer, since nothing was done outside the sandbox.
            answer = Answer(ok=False, refused=True, error=f"the query was stopped: a query "
                            f"worker may not be {sandbox.refusals[0]}")
        conn.send_bytes(pickle.dumps(answer, pickle.HIGHEST_PROTOCOL))


class _Worker:
    def __init__(self, config: PoolConfig, generation: int) -> None:
        self.generation = generation  # which load of the data it serves
        context = prestart.context()
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, config),
            daemon=True,
        )
        self.process.start()
        child.close()
        self.poller = select.poll()  # made once: waiting for an answer is one system call
        self.poller.register(self.conn.fileno(), select.POLLIN)

    def wait_ready(self, timeout: float) -> StoreInfo | str:
        """The store's description once the worker has opened it, or why it could not."""
        try:
            if not self.conn.poll(timeout):
                return f"the store did not open within {timeout:g} s"
            message = self.conn.recv()
        except (EOFError, OSError):
            return "the query worker stopped while opening the store"
        return message[1]

    def send(self, job: Task) -> None:
        """:raise OSError: the worker was gone before the job reached it"""
        self.conn.send_bytes(pickle.dumps(job, pickle.HIGHEST_PROTOCOL))

    def answer(self, timeout: float) -> Answer | None:
        """The answer to the job sent, or None past `timeout` seconds.

        :raise EOFError, OSError: the worker stopped before answering
        """
        if not self.poller.poll(max(0, int(timeout * 1000))):
            return None
        return pickle.loads(self.conn.recv_bytes())

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()


class WorkerPool:
    """A fixed number of query workers; `run` hands a job to an idle one.

    `restarts` and `timeouts` count replaced workers and queries stopped at the time limit;
    `info` and `loaded_at` describe the data in service, and `reload_error` says why the
    last reload failed (None once one succeeds).
    """

    def __init__(self, config: PoolConfig) -> None:
        self.config = config
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()  # in C: cheap to pass
        self._closed = False
        self._lock = threading.Lock()
        self._reloading = threading.Lock()
        self._listeners: list[Callable[[StoreInfo], None]] = []
        self._watchers: list[Callable[[str], None]] = []
        self.generation = 0
        self.restarts = 0
        self.timeouts = 0
        self.reload_error: str | None = None
        self._last_reload = 0.0  # when the last reload started (time.monotonic)
        self.info: StoreInfo = self._start(config, 0)
        self.loaded_at = datetime.now(UTC)

    def _start(self, config: PoolConfig, generation: int) -> StoreInfo:
        """Start a set of workers; return once the first one has opened the store.

        :raise InputError: the first worker could not open it (the others are stopped).
        """
        workers = [_Worker(config, generation) for _ in range(config.size)]
        info = workers[0].wait_ready(START_TIMEOUT)
        if isinstance(info, str):
            for worker in workers:
                worker.kill()
            raise InputError(info)
        self._idle.put(workers[0])
        for worker in workers[1:]:
            threading.Thread(target=self._admit, args=(worker, info.version),
                             daemon=True).start()
        return info

    def _admit(self, worker: _Worker, version: str) -> None:
        """Put a started worker to work once it has loaded the store (answers wait meanwhile).

        A worker that found other data than its set (the files changed since) is not mixed
        in: a reload brings the whole pool to that data instead.
        """
        info = worker.wait_ready(START_TIMEOUT)
        if isinstance(info, StoreInfo) and info.version == version and self._current(worker):
            self._idle.put(worker)
            return
        worker.kill()
        if isinstance(info, StoreInfo) and self._current(worker):
            log.warning("a new query worker found data version %s, not %s; reloading",
                        info.version, version)
            self.reload()
        elif isinstance(info, str):
            log.error("a query worker could not open the store: %s", info)
            self._retry(worker.generation, version)

    def _retry(self, generation: int, version: str) -> None:
        """Replace a worker that could not start, with growing pauses, until one does or the
        pool moves on (closed, or reloaded)."""
        pause = 1.0
        while not self._closed and generation == self.generation:
            time.sleep(pause)
            worker = _Worker(self.config, generation)
            info = worker.wait_ready(START_TIMEOUT)
            if isinstance(info, StoreInfo):
                threading.Thread(target=self._admit, args=(worker, version),
                                 daemon=True).start()
                return
            worker.kill()
            pause = min(pause * 2, RETRY_LIMIT)

    def _current(self, worker: _Worker) -> bool:
        return not self._closed and worker.generation == self.generation

    def _take(self, deadline: float) -> _Worker:
        """An idle worker of the data in service; workers of an older load are retired."""
        while True:
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise Busy from None
            if self._current(worker):
                return worker
            worker.kill()

    def _release(self, worker: _Worker) -> None:
        if self._current(worker):
            self._idle.put(worker)
        else:
            worker.kill()

    def run(self, job: Task) -> Answer:
        """The job's answer from a worker.

        :raise Busy: no worker was free within the wait.
        :raise QueryTimeout: the job ran past the time limit; its worker was replaced.
        :raise WorkerDied: the worker stopped before answering; it was replaced.
        """
        deadline = time.monotonic() + self.config.wait
        while True:
            worker = self._take(deadline)
            try:
                worker.send(job)
                break
            except OSError:  # it had died while idle: the job never reached it
                log.error("an idle query worker had stopped; replacing it")
                self._replace(worker)
        try:
            answer = worker.answer(self.config.timeout)
        except (EOFError, OSError):
            log.error("a query worker stopped before answering; replacing it")
            self._replace(worker)
            raise WorkerDied from None
        if answer is not None:
            self._release(worker)
            return answer
        log.warning("query stopped at the %.0f s limit", self.config.timeout)
        with self._lock:
            self.timeouts += 1
        self._tell("timeout")
        self._replace(worker)
        raise QueryTimeout

    def _replace(self, worker: _Worker) -> None:
        """Kill `worker` and start another in the background: the request that found it
        dead or late is answered at once, not after the process has been reaped."""
        worker.process.kill()
        with self._lock:
            self.restarts += 1
        self._tell("restart")
        version = self.info.version

        def renew() -> None:
            worker.kill()
            if self._current(worker):
                self._admit(_Worker(self.config, worker.generation), version)

        threading.Thread(target=renew, daemon=True).start()

    def on_event(self, watcher: Callable[[str], None]) -> None:
        """Call `watcher` with "timeout" for each query stopped at the time limit and with
        "restart" for each worker replaced (the metrics count them)."""
        self._watchers.append(watcher)

    def _tell(self, event: str) -> None:
        for watcher in self._watchers:
            watcher(event)

    def on_reload(self, listener: Callable[[StoreInfo], None]) -> None:
        """Call `listener` with the new description after each successful reload."""
        self._listeners.append(listener)

    def reload(self) -> bool:
        """Load the data afresh into a new set of workers and swap them in once the first is
        ready; the old workers finish their jobs and stop. When the new data cannot be
        loaded, the old workers keep serving and `reload_error` says why. One at a time: a
        request made while another reload waited or ran is answered by the next reload to
        start, if one started after it."""
        requested = time.monotonic()
        with self._reloading:
            if self._closed:
                return False
            if self._last_reload > requested:
                return self.reload_error is None
            started = self._last_reload = time.monotonic()
            generation = self.generation + 1
            try:
                config = self.config
                if is_remote(config.store):
                    from ..store.remote import RemoteStore

                    config = replace(config, remote_info=RemoteStore.connect(config.store).info)
                info = self._start(config, generation)
            except InputError as exc:
                self.reload_error = str(exc)
                log.error("reload failed, still serving data version %s: %s",
                          self.info.version, exc)
                return False
            self.config, self.info, self.generation = config, info, generation
            self.loaded_at = datetime.now(UTC)
            self._retire_idle()
            for listener in self._listeners:
                listener(info)
            self.reload_error = None  # last: whoever sees it cleared sees the new data too
            log.info("reloaded: data version %s in %.2f s", info.version,
                     time.monotonic() - started)
            return True

    def _retire_idle(self) -> None:
        """Stop the idle workers of older loads now; busy ones stop when their job is done."""
        kept: list[_Worker] = []
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            if self._current(worker):
                kept.append(worker)
            else:
                worker.kill()
        for worker in kept:
            self._idle.put(worker)

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                return
