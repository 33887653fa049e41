"""`ltc-graph serve`: the app on Werkzeug's threaded server, with the signals a service needs.

SIGTERM stops accepting connections, lets the requests in flight finish (for at most the
query time limit and the wait for a worker, plus a margin), stops the query workers and
returns, so the process exits 0. SIGHUP reloads the data (`AppState.reload`), keeping the
data in service when the new files cannot be loaded. Werkzeug's server is for development and
loopback: it accepts conflicting Content-Length headers, folded headers and HTTP/0.9;
production runs gunicorn (docs/operations.md). Ctrl-C stops at once, as before.
"""

from __future__ import annotations

import logging
import signal
import threading
from typing import Any, TextIO

from flask import Flask
from werkzeug.serving import WSGIRequestHandler, make_server

from . import state

log = logging.getLogger(__name__)

MARGIN = 5.0  # seconds beyond the longest a request can take, to write its answer


class InFlight:
    """Counts the requests being answered, so a shutdown can wait for them."""

    def __init__(self) -> None:
        self._count = 0
        self._changed = threading.Condition()
        self.draining = False

    def __enter__(self) -> None:
        with self._changed:
            self._count += 1

    def __exit__(self, *exc: object) -> None:
        with self._changed:
            self._count -= 1
            self._changed.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """True once no request is in flight; False if some still are after `timeout`."""
        with self._changed:
            return self._changed.wait_for(lambda: self._count == 0, timeout)


def _handler(in_flight: InFlight) -> type[WSGIRequestHandler]:
    class Handler(WSGIRequestHandler):
        """Counted from the parsed request to the last byte of the answer."""

        def run_wsgi(self) -> None:
            with in_flight:
                super().run_wsgi()
            if in_flight.draining:  # no keep-alive: the server is going away
                self.close_connection = True

    return Handler


def configure_logging() -> None:
    """The server's own messages (reloads, workers replaced) on standard error, with level."""
    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")


def serve(app: Flask, host: str, port: int, out: TextIO) -> None:
    """Serve until SIGTERM (drained) or Ctrl-C (at once); the query workers stop either way."""
    configure_logging()
    found = state.state(app)
    in_flight = InFlight()
    server = make_server(host, port, app, threaded=True, request_handler=_handler(in_flight))

    def stop(*_: Any) -> None:
        in_flight.draining = True
        threading.Thread(target=server.shutdown, name="shutdown", daemon=True).start()

    def reload(*_: Any) -> None:
        threading.Thread(target=found.reload, name="reload", daemon=True).start()

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGHUP, reload)
    out.write(f"Serving the graph at http://{host}:{server.server_port}/sparql\n")
    out.flush()
    try:
        server.serve_forever(poll_interval=0.1)  # returns on SIGTERM or Ctrl-C, socket closed
        if in_flight.draining:
            bound = float(app.config["QUERY_TIMEOUT"]) + float(app.config["QUERY_WAIT"]) + MARGIN
            if not in_flight.wait_idle(bound):
                log.warning("stopping with requests still in flight after %.0f s", bound)
    finally:
        found.close()
