"""Deadlines for reading a request body, and malformed bodies as the client's error.

A client that sends its headers and then its body a byte at a time would hold a server thread
for as long as it likes. Reading the body through `DeadlineInput`, each part must arrive within
`idle` seconds (the socket's timeout) and the whole body within `total` seconds of its first
read (a timer then stops the connection's reading, until the answer is sent); past either,
the read fails with `BodyError` 408. A body the server cannot read at all (a
broken chunked encoding) fails with `BodyError` 400 instead of an internal error. The socket
comes from the WSGI server (`gunicorn.socket`, `werkzeug.socket`); under a server that gives
none, only the malformed case applies. No Flask here: `BodyDeadlines` is WSGI middleware.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

SOCKETS = ("gunicorn.socket", "werkzeug.socket")


class BodyError(Exception):
    """The body could not be read in time (408) or at all (400), with what to do."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class DeadlineInput:
    """`wsgi.input` read under the deadlines (see the module's docstring)."""

    def __init__(self, stream: Any, sock: socket.socket | None, idle: float, total: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.sock, self.idle, self.total, self.clock = (stream, sock, idle, total,
                                                                     clock)
        self.deadline: float | None = None
        self.timer: threading.Timer | None = None
        self.expired = False

    def read(self, size: int = -1) -> bytes:
        return self._guarded(self.stream.read, size)

    def readline(self, size: int = -1) -> bytes:
        return self._guarded(self.stream.readline, size)

    def readlines(self, hint: int = -1) -> list[bytes]:
        return self._guarded(self.stream.readlines, hint)

    def __iter__(self) -> Iterator[bytes]:
        while line := self.readline():
            yield line

    def _guarded(self, read: Callable[[int], Any], size: int) -> Any:
        now = self.clock()
        if self.deadline is None:
            self.deadline = now + self.total
            if self.sock is not None:  # a read blocked past the deadline ends there
                self.timer = threading.Timer(self.total, self._expire)
                self.timer.daemon = True
                self.timer.start()
        left = self.deadline - now
        if left <= 0 or self.expired:
            raise BodyError(408, self._late())
        previous = self.sock.gettimeout() if self.sock is not None else None
        if self.sock is not None:
            self.sock.settimeout(min(self.idle, left))
        try:
            data = read(size)
            if self.expired:  # what came before the stop is not the whole body
                raise BodyError(408, self._late())
            return data
        except TimeoutError:  # socket.timeout is TimeoutError
            self._hang_up()
            raise BodyError(408, self._late()) from None
        except BodyError:
            raise
        except Exception as exc:  # the WSGI server's own parse error, whatever its class
            self._hang_up()
            raise BodyError(400, f"the request body is malformed ({exc}); send it again "
                                 "with a valid Content-Length or chunked encoding") from None
        finally:
            if self.sock is not None:
                with contextlib.suppress(OSError):  # the client went away
                    self.sock.settimeout(previous)

    def _expire(self) -> None:
        self.expired = True
        self._hang_up()

    def finish(self) -> None:
        """The answer is sent: the total deadline no longer applies."""
        if self.timer is not None:
            self.timer.cancel()

    def _hang_up(self) -> None:
        """Read nothing more from this connection: the answer still goes out, then the
        server sees the end of the stream instead of the body's rest as a next request."""
        if self.sock is not None:
            with contextlib.suppress(OSError):
                self.sock.shutdown(socket.SHUT_RD)

    def _late(self) -> str:
        return (f"the request body did not arrive in time: each part must come within "
                f"{self.idle:g} s and the whole body within {self.total:g} s; send it "
                f"again at once")


class BodyDeadlines:
    """WSGI middleware: every request's body is read under the deadlines."""

    def __init__(self, app: Callable[..., Iterable[bytes]], idle: float, total: float) -> None:
        self.app, self.idle, self.total = app, idle, total

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]
                 ) -> Iterable[bytes]:
        sock = next((environ[k] for k in SOCKETS if isinstance(environ.get(k), socket.socket)),
                    None)
        body = environ["wsgi.input"] = DeadlineInput(environ["wsgi.input"], sock, self.idle,
                                                     self.total)
        return _Finishing(self.app(environ, start_response), body)


class _Finishing:
    """The answer's body, which stops the body's timer once the server has sent it."""

    def __init__(self, answer: Iterable[bytes], body: DeadlineInput) -> None:
        self.answer, self.body = answer, body

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.answer)

    def close(self) -> None:
        self.body.finish()
        if close := getattr(self.answer, "close", None):
            close()
