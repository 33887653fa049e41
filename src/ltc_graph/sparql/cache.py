"""Answers kept in memory, keyed by everything that makes them: query, format, dataset,
parameters and the data version. The data changes only on reload (a new version, new keys),
so a repeated canned query costs a dictionary lookup instead of a trip to a query worker.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from .execution import Answer


class ResultCache:
    """A least-recently-used map of answers, bounded by the bytes of their bodies."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._answers: OrderedDict[str, Answer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> Answer | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer

    def put(self, key: str, answer: Answer) -> None:
        """Keep a successful answer unless it alone would take over an eighth of the cache."""
        size = len(answer.body)
        if not answer.ok or size > self.max_bytes // 8:
            return
        with self._lock:
            if key in self._answers:
                return
            self._answers[key] = answer
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, dropped = self._answers.popitem(last=False)
                self._bytes -= len(dropped.body)
