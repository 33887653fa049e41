"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py`.

One gunicorn worker process per core by default (LTC_HTTP_WORKERS): each builds the app and
owns its own query worker processes, and its threads mostly wait on them. The limits are the
instance's, not each process's: this master makes a small shared table before it forks the
workers (web/limits/shared.py), and the metrics are summed over the processes at each scrape
(Prometheus's multiprocess mode, in a folder made here); both are removed when gunicorn
stops.
"""

import os
import shutil
import tempfile

wsgi_app = "ltc_graph.web.app:create_app()"
bind = os.environ.get("LTC_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("LTC_HTTP_WORKERS", str(len(os.sched_getaffinity(0)))))
worker_class = "gthread"
# More threads than LTC_MAX_CONCURRENT_REQUESTS (64), so that the app answers 503 at once
# when saturated instead of gunicorn queueing connections; the threads mostly wait.
threads = int(os.environ.get("LTC_HTTP_THREADS", "72"))
timeout = 120  # above the query time limit, so gunicorn never kills a worker mid-answer
# On SIGTERM a worker stops accepting and finishes its requests; a query may take its whole
# time limit, so the grace period outlasts it.
graceful_timeout = int(float(os.environ.get("LTC_QUERY_TIMEOUT", "30"))) + 10
keepalive = 5
limit_request_line = 8190
limit_request_fields = 100
# The app writes one JSON line per request (ltc_graph.access, on standard error): gunicorn's
# own line would repeat it with the query text in the URL.
accesslog = None
# Production serves the public: a reverse proxy on this host makes every client a loopback
# one, so budgets apply to loopback too (set LTC_TRUST_PROXY=1 behind such a proxy).
os.environ.setdefault("LTC_BUDGET_LOOPBACK", "true")

# Made here, in the master, before any worker starts: every worker inherits the two paths.
# An operator's own PROMETHEUS_MULTIPROC_DIR (empty, as Prometheus asks) is kept.
_SHM = "/dev/shm" if os.path.isdir("/dev/shm") else None
_OWN_METRICS = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if _OWN_METRICS:
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="ltc-graph-metrics-",
                                                              dir=_SHM)
# The table is created without importing the app (the master stays small).
from ltc_graph.web.limits import shared  # noqa: E402

os.environ["LTC_SHARED_LIMITS"] = shared.create()


def post_fork(server, worker):
    """Start the query workers' fork server while this worker imports and builds the app."""
    from ltc_graph.sparql.prestart import start_forkserver

    start_forkserver()
    from ltc_graph.web.limits.access_log import configure
    from ltc_graph.web.serving import configure_logging

    configure()
    configure_logging()


def worker_exit(server, worker):
    """Stop this worker's query processes once its requests are done (also called in the
    master for a worker already gone, which has no app)."""
    from ltc_graph.web.state import close

    close(getattr(worker, "wsgi", None))


def child_exit(server, worker):
    """In the master, once a worker is gone: what it held in flight is given back (a worker
    killed mid-request would otherwise keep its places), and its live gauges dropped."""
    from prometheus_client import multiprocess

    from ltc_graph.web.limits.shared import SharedAccounting

    SharedAccounting.release_path(os.environ["LTC_SHARED_LIMITS"], worker.pid)
    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _OWN_METRICS:
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)
    shared.remove(os.environ["LTC_SHARED_LIMITS"])
