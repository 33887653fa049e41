"""The instance's limits shared by every HTTP worker process, in one small memory-mapped file.

gunicorn runs several worker processes, and a limit kept in each would let a client have that
many times its share: the requests served at once, each client's requests and queries in
flight and each client's budgets must count across all of them. `SharedAccounting` keeps
them in a file that the master creates before it forks (`create`) and every worker maps
(`/dev/shm` where there is one, so it never touches a disk). Every change is made under a
lock that excludes the other threads (a thread lock) and the other processes (`flock`, which
the kernel releases when a process dies).

What is in flight is counted per process (each worker takes one of `OWNERS` columns when it
first counts), so that when a worker dies mid-request the master gives back its places and
shares (`release`, from gunicorn's `child_exit`) instead of leaving them taken for ever.
Budgets are what clients spent in the last minute, one bucket per second as `RollingWindow`
keeps them; a client not in the table has spent nothing, and when the table is full the
client idle longest is forgotten.
"""

from __future__ import annotations

import fcntl
import hashlib
import math
import mmap
import os
import struct
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .budgets import BudgetConfig, Refusal, RollingWindow, _whole

OWNERS = 16  # worker processes that can count at once
SHARE_SLOTS = 4096  # clients with requests in flight at once (the gate bounds them far lower)
BUDGET_SLOTS = 16384  # clients remembered with something spent in the last minute
PROBE = 32  # slots looked at for one client, from the one its hash names
SECONDS = 60  # buckets per client: one per second of the window
HEADER = 16 + OWNERS * 16  # magic, version; then per owner: pid, requests served at once
SHARE_SIZE = 8 + OWNERS * 8  # key; then per owner: requests and queries in flight (2 x int32)
# key, last second charged, the live buckets' seconds and errors and when the oldest expires;
# then per second of the window: its stamp, seconds and errors
BUDGET_SIZE = 40 + SECONDS * 24
SIZE = HEADER + SHARE_SLOTS * SHARE_SIZE + BUDGET_SLOTS * BUDGET_SIZE
MAGIC = 0x4C54_4331  # "LTC1"
KINDS = {"requests": 0, "queries": 1}


def create(directory: str | None = None) -> str:
    """A new, empty table file (the gunicorn master makes it before forking workers)."""
    place = directory or ("/dev/shm" if os.path.isdir("/dev/shm") else None)
    handle, path = tempfile.mkstemp(prefix="ltc-graph-limits-", dir=place)
    try:
        os.ftruncate(handle, SIZE)
        os.pwrite(handle, struct.pack("<q", MAGIC), 0)
    finally:
        os.close(handle)
    return path


class SharedAccounting:
    """`Accounting` (budgets.py) across processes: the same methods, the same answers."""

    def __init__(self, path: str, gate: int, requests: int, queries: int,
                 config: BudgetConfig, clock: Callable[[], float] = time.monotonic) -> None:
        self.path, self.limit, self.config, self.clock = path, gate, config, clock
        self.caps = {"requests": requests, "queries": queries}
        self._lock = threading.Lock()
        self._pid = 0  # the process that mapped the file (a fork maps it again)
        self._owner = -1

    # --- the file ---------------------------------------------------------------------

    def _map(self) -> None:
        """Open and map the file in this process, and take an owner's column."""
        self._fd = os.open(self.path, os.O_RDWR)  # its own open file: flock excludes others
        self._mem = mmap.mmap(self._fd, SIZE)
        self._q = memoryview(self._mem).cast("q")  # int64 view
        self._i = memoryview(self._mem).cast("i")  # int32 view
        self._d = memoryview(self._mem).cast("d")  # float64 view
        if self._q[0] != MAGIC:
            raise ValueError(f"{self.path} is not a table of limits")
        self._pid = os.getpid()
        self._owner = -1

    @contextmanager
    def _held(self) -> Iterator[None]:
        with self._lock:
            if self._pid != os.getpid():
                self._map()
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _own(self) -> int:
        """This process's column (taken on first use, under the lock)."""
        if self._owner < 0:
            pid = os.getpid()
            q = self._q
            for owner in range(OWNERS):
                if q[2 + owner * 2] in (0, pid):
                    q[2 + owner * 2] = pid
                    q[3 + owner * 2] = 0
                    self._owner = owner
                    break
            else:
                raise RuntimeError(f"more than {OWNERS} processes share {self.path}")
        return self._owner

    @classmethod
    def release_path(cls, path: str, pid: int) -> None:
        """`release` on the table at `path` (the master has no app)."""
        cls(path, 0, 0, 0, BudgetConfig()).release(pid)

    def release(self, pid: int) -> None:
        """Give back everything a process that is gone held (gunicorn's `child_exit`)."""
        with self._held():
            q, i = self._q, self._i
            for owner in range(OWNERS):
                if q[2 + owner * 2] == pid:
                    q[2 + owner * 2] = q[3 + owner * 2] = 0
                    base = HEADER // 4
                    for slot in range(SHARE_SLOTS):
                        at = base + slot * (SHARE_SIZE // 4) + 2 + owner * 2
                        i[at] = i[at + 1] = 0

    # --- the requests served at once --------------------------------------------------

    def gate_enter(self) -> bool:
        with self._held():
            owner = self._own()
            q = self._q
            if self.limit and sum(q[3 + o * 2] for o in range(OWNERS)) >= self.limit:
                return False
            q[3 + owner * 2] += 1
            return True

    def gate_leave(self) -> None:
        with self._held():
            at = 3 + self._own() * 2
            self._q[at] = max(0, self._q[at] - 1)

    def in_flight(self) -> float:
        with self._held():
            return float(sum(self._q[3 + o * 2] for o in range(OWNERS)))

    # --- each client's requests and queries in flight ---------------------------------

    def enter(self, client: str, kind: str) -> bool:
        cap = self.caps[kind]
        key = _key(client)
        with self._held():
            owner = self._own()
            slot = self._share(key, claim=True)
            if slot is None:  # every slot near it busy: impossible below thousands at once
                return not cap
            i, base = self._i, (HEADER + slot * SHARE_SIZE) // 4 + 2
            held = sum(i[base + o * 2 + KINDS[kind]] for o in range(OWNERS))
            if cap and held >= cap:
                return False
            i[base + owner * 2 + KINDS[kind]] += 1
            return True

    def leave(self, client: str, kind: str) -> None:
        with self._held():
            owner = self._own()
            slot = self._share(_key(client), claim=False)
            if slot is not None:
                at = (HEADER + slot * SHARE_SIZE) // 4 + 2 + owner * 2 + KINDS[kind]
                self._i[at] = max(0, self._i[at] - 1)

    def held(self, client: str, kind: str) -> int:
        with self._held():
            slot = self._share(_key(client), claim=False)
            if slot is None:
                return 0
            base = (HEADER + slot * SHARE_SIZE) // 4 + 2
            return sum(self._i[base + o * 2 + KINDS[kind]] for o in range(OWNERS))

    def _share(self, key: int, claim: bool) -> int | None:
        """The client's slot among the shares; with `claim`, a free one made its own."""
        q, i = self._q, self._i
        free = None
        for n in range(PROBE):
            slot = (key + n) % SHARE_SLOTS
            at = (HEADER + slot * SHARE_SIZE) // 8
            if q[at] == key:
                return slot
            if free is None and (q[at] == 0 or not any(
                    i[at * 2 + 2: at * 2 + 2 + OWNERS * 2])):
                free = slot
        if claim and free is not None:
            at = (HEADER + free * SHARE_SIZE) // 8
            q[at] = key
            i[at * 2 + 2: at * 2 + 2 + OWNERS * 2] = _ZEROS
        return free if claim else None

    # --- budgets ----------------------------------------------------------------------

    def check(self, client: str) -> Refusal | None:
        config = self.config
        with self._held():
            slot = self._budget(_key(client), claim=False)
            if slot is None:
                return None
            now = self.clock()
            at = self._at(slot)
            q, d = self._q, self._d
            if q[at + 1] + config.window <= now:
                return None
            if q[at + 4] <= now:
                self._refresh(at, now)
            over_time = config.query_seconds and d[at + 2] >= config.query_seconds
            over_errors = config.errors and q[at + 3] >= config.errors
            if not (over_time or over_errors):
                return None
            queries, errors = self._windows(at, now)
        if over_time:
            wait = _whole(queries.wait(now, config.query_seconds))
            return Refusal("query_budget", wait, (
                f"too much query time: requests from your address used over "
                f"{config.query_seconds:g} s of query time in the last {config.window:g} s; "
                f"try again in {wait} s, ask for less at a time (LIMIT, a narrower pattern), "
                f"or download the dumps at /dumps/ and query them locally"))
        wait = _whole(errors.wait(now, config.errors))
        return Refusal("error_budget", wait, (
            f"too many failed requests: {config.errors} from your address in the last "
            f"{config.window:g} s; try again in {wait} s, after fixing what the earlier "
            f"answers reported"))

    def charge(self, client: str, query_seconds: float = 0.0, error: bool = False) -> None:
        if query_seconds <= 0 and not error:
            return
        with self._held():
            now = self.clock()
            second = math.floor(now)
            slot = self._budget(_key(client), claim=True, now=second)
            assert slot is not None
            q, d = self._q, self._d
            at = self._at(slot)
            q[at + 1] = second
            bucket = at + 5 + (second % SECONDS) * 3
            if q[bucket] != second:
                q[bucket], d[bucket + 1], q[bucket + 2] = second, 0.0, 0
            d[bucket + 1] += query_seconds if query_seconds > 0 else 0.0
            q[bucket + 2] += 1 if error else 0
            if q[at + 4] <= now:
                self._refresh(at, now)
            else:  # no bucket expired since the sums were made: add to them
                d[at + 2] += query_seconds if query_seconds > 0 else 0.0
                q[at + 3] += 1 if error else 0

    def __len__(self) -> int:
        """Clients remembered with something spent in the window."""
        with self._held():
            now = self.clock()
            return sum(1 for slot in range(BUDGET_SLOTS)
                       if self._q[self._at(slot)] and
                       self._q[self._at(slot) + 1] + self.config.window > now)

    @staticmethod
    def _at(slot: int) -> int:
        return (HEADER + SHARE_SLOTS * SHARE_SIZE + slot * BUDGET_SIZE) // 8

    def _refresh(self, at: int, now: float) -> None:
        """The sums of the buckets still in the window, and when the oldest of them expires."""
        q, d = self._q, self._d
        window = self.config.window
        seconds = errors = 0.0
        oldest = math.inf
        for n in range(SECONDS):
            bucket = at + 5 + n * 3
            stamp = q[bucket]
            if stamp and stamp + window > now:
                seconds += d[bucket + 1]
                errors += q[bucket + 2]
                oldest = min(oldest, stamp)
        d[at + 2], q[at + 3] = seconds, int(errors)
        q[at + 4] = int(oldest + window) if oldest != math.inf else 0

    def _budget(self, key: int, claim: bool, now: int = 0) -> int | None:
        """The client's slot among the budgets; with `claim`, a free one (or the one idle
        longest) made its own."""
        q = self._q
        free = oldest = None
        for n in range(PROBE):
            slot = (key + n) % BUDGET_SLOTS
            at = self._at(slot)
            if q[at] == key:
                return slot
            if free is None and (q[at] == 0 or q[at + 1] + self.config.window <= now):
                free = slot
            if oldest is None or q[at + 1] < q[self._at(oldest) + 1]:
                oldest = slot
        if not claim:
            return None
        chosen = free if free is not None else oldest
        assert chosen is not None
        at = self._at(chosen)
        q[at:at + BUDGET_SIZE // 8] = _BUDGET_ZEROS
        q[at] = key
        return chosen

    def _windows(self, at: int, now: float) -> tuple[RollingWindow, RollingWindow]:
        """The slot's buckets as the rolling windows budgets.py reckons with."""
        q, d = self._q, self._d
        buckets = sorted((q[at + 5 + n * 3], d[at + 6 + n * 3], q[at + 7 + n * 3])
                         for n in range(SECONDS) if q[at + 5 + n * 3])
        queries, errors = RollingWindow(self.config.window), RollingWindow(self.config.window)
        for second, seconds, count in buckets:
            if second + self.config.window > now:
                if seconds:
                    queries.add(second, seconds)
                if count:
                    errors.add(second, count)
        return queries, errors


_ZEROS = memoryview(bytes(OWNERS * 8)).cast("i")
_BUDGET_ZEROS = memoryview(bytes(BUDGET_SIZE)).cast("q")


def _key(client: str) -> int:
    """A client's address as a nonzero 63-bit number."""
    digest = hashlib.blake2b(client.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return (int.from_bytes(digest, "little") >> 1) or 1


def remove(path: str) -> None:
    Path(path).unlink(missing_ok=True)
