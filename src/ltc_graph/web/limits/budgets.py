"""Per-client budgets and the instance's concurrency limit: the accounting, without HTTP.

A public endpoint must stay useful to everyone while one client sends expensive queries or a
stream of bad requests. Each client (a remote address) may spend so many seconds of query
worker time and make so many failed requests in any rolling minute; past that it is told when
to come back instead of being served. Time comes from a clock the caller passes, so the tests
drive it by hand.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


class RollingWindow:
    """What a client spent in the last `window` seconds, one total per second of the clock."""

    def __init__(self, window: float) -> None:
        self.window = window
        self._slots: deque[list[float]] = deque()  # [second, amount], oldest first

    def add(self, now: float, amount: float) -> None:
        second = math.floor(now)
        if self._slots and self._slots[-1][0] == second:
            self._slots[-1][1] += amount
        else:
            self._slots.append([second, amount])

    def spent(self, now: float) -> float:
        self._expire(now)
        return sum(amount for _, amount in self._slots)

    def wait(self, now: float, limit: float) -> float:
        """Seconds until less than `limit` is spent (0 when that is already so)."""
        total = self.spent(now)
        freed_at = now
        for second, amount in self._slots:
            if total < limit:
                break
            total -= amount
            freed_at = second + self.window
        return max(0.0, freed_at - now)

    def _expire(self, now: float) -> None:
        while self._slots and self._slots[0][0] + self.window <= now:
            self._slots.popleft()


@dataclass(frozen=True)
class BudgetConfig:
    query_seconds: float = 60.0  # seconds of query worker time per client and window; 0: none
    errors: int = 30  # failed requests per client and window; 0: no limit
    window: float = 60.0
    max_clients: int = 100_000  # clients remembered at once; the least recent are forgotten


@dataclass(frozen=True)
class Refusal:
    """Why a client is turned away now, and in how many whole seconds it may come back."""

    reason: str  # "query_budget" or "error_budget"
    retry_after: int
    message: str


class _Client:
    __slots__ = ("errors", "queries")

    def __init__(self, window: float) -> None:
        self.queries = RollingWindow(window)
        self.errors = RollingWindow(window)


class ClientBudgets:
    """The budgets of every client seen in the last window; safe to share between threads."""

    def __init__(self, config: BudgetConfig,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.config = config
        self.clock = clock
        self._clients: OrderedDict[str, _Client] = OrderedDict()
        self._lock = threading.Lock()
        self._next_sweep = clock() + config.window

    def check(self, client: str) -> Refusal | None:
        """None when `client` may be served now; otherwise why not and for how long."""
        config = self.config
        with self._lock:
            state = self._clients.get(client)
            if state is None:
                return None
            now = self.clock()
            if config.query_seconds and state.queries.spent(now) >= config.query_seconds:
                wait = _whole(state.queries.wait(now, config.query_seconds))
                return Refusal("query_budget", wait, (
                    f"too much query time: requests from your address used over "
                    f"{config.query_seconds:g} s of query time in the last "
                    f"{config.window:g} s; try again in {wait} s, ask for less at a time "
                    f"(LIMIT, a narrower pattern), or download the dumps at /dumps/ and "
                    f"query them locally"))
            if config.errors and state.errors.spent(now) >= config.errors:
                wait = _whole(state.errors.wait(now, config.errors))
                return Refusal("error_budget", wait, (
                    f"too many failed requests: {config.errors} from your address in the "
                    f"last {config.window:g} s; try again in {wait} s, after fixing what the "
                    f"earlier answers reported"))
            return None

    def charge(self, client: str, query_seconds: float = 0.0, error: bool = False) -> None:
        """Record what one finished request of `client` cost."""
        if query_seconds <= 0 and not error:
            return
        with self._lock:
            now = self.clock()
            state = self._clients.get(client)
            if state is None:
                state = self._clients[client] = _Client(self.config.window)
                if len(self._clients) > self.config.max_clients:
                    self._clients.popitem(last=False)
            else:
                self._clients.move_to_end(client)
            if query_seconds > 0:
                state.queries.add(now, query_seconds)
            if error:
                state.errors.add(now, 1)
            if now >= self._next_sweep:
                self._sweep(now)

    def __len__(self) -> int:
        return len(self._clients)

    def _sweep(self, now: float) -> None:
        """Forget the clients with nothing left in their windows (memory stays bounded)."""
        self._next_sweep = now + self.config.window
        for client in [c for c, s in self._clients.items()
                       if not (s.queries.spent(now) or s.errors.spent(now))]:
            del self._clients[client]


class ConcurrencyGate:
    """At most `limit` requests served at once; one more is refused at once, never queued."""

    def __init__(self, limit: int) -> None:
        self.limit = limit  # 0: no limit
        self.active = 0
        self._lock = threading.Lock()

    def enter(self) -> bool:
        with self._lock:
            if self.limit and self.active >= self.limit:
                return False
            self.active += 1
            return True

    def leave(self) -> None:
        with self._lock:
            self.active -= 1


def _whole(seconds: float) -> int:
    return max(1, math.ceil(seconds))


class ClientShares:
    """How many requests, and how many queries on the workers, each client has in flight; a
    client at its cap is refused at once, so no address holds more than its share of the
    server's threads or of its query workers, however slow or long its requests."""

    def __init__(self, requests: int, queries: int) -> None:
        self.caps = {"requests": requests, "queries": queries}  # 0: no cap
        self._active: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()

    def enter(self, client: str, kind: str) -> bool:
        cap = self.caps[kind]
        key = (client, kind)
        with self._lock:
            held = self._active.get(key, 0)
            if cap and held >= cap:
                return False
            self._active[key] = held + 1
            return True

    def leave(self, client: str, kind: str) -> None:
        key = (client, kind)
        with self._lock:
            held = self._active.get(key, 0) - 1
            if held > 0:
                self._active[key] = held
            else:
                self._active.pop(key, None)

    def held(self, client: str, kind: str) -> int:
        with self._lock:
            return self._active.get((client, kind), 0)


class Accounting:
    """The instance's limits in one place: the concurrency gate, each client's shares of
    requests and queries in flight, and each client's budgets; in this process."""

    def __init__(self, gate: ConcurrencyGate, shares: ClientShares,
                 budgets: ClientBudgets) -> None:
        self.gate, self.shares, self.budgets = gate, shares, budgets
        self.caps = shares.caps

    @classmethod
    def for_app(cls, config: Mapping[str, Any]) -> Accounting:
        """The app's accounting: in this process, or, when the server runs several processes
        (`SHARED_LIMITS`, the table gunicorn.conf.py makes), shared by all of them."""
        budget = BudgetConfig(query_seconds=float(config["CLIENT_QUERY_SECONDS"]),
                              errors=int(config["CLIENT_ERRORS"]))
        gate, requests = int(config["MAX_CONCURRENT_REQUESTS"]), int(config["CLIENT_REQUESTS"])
        queries = int(config["CLIENT_QUERIES"])
        if path := config.get("SHARED_LIMITS"):
            from .shared import SharedAccounting

            return SharedAccounting(str(path), gate, requests, queries, budget)  # type: ignore[return-value]
        return cls(ConcurrencyGate(gate), ClientShares(requests, queries), ClientBudgets(budget))

    def check(self, client: str) -> Refusal | None:
        return self.budgets.check(client)

    def charge(self, client: str, query_seconds: float = 0.0, error: bool = False) -> None:
        self.budgets.charge(client, query_seconds, error)

    def enter(self, client: str, kind: str) -> bool:
        return self.shares.enter(client, kind)

    def leave(self, client: str, kind: str) -> None:
        self.shares.leave(client, kind)

    def gate_enter(self) -> bool:
        return self.gate.enter()

    def gate_leave(self) -> None:
        self.gate.leave()

    def in_flight(self) -> float:
        return self.gate.active
