"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py`.

Each gunicorn worker builds the app once and owns its own query worker processes, so the
threads here only wait on query workers; the CPU work happens in those processes.
"""

import os

wsgi_app = "ltc_graph.web.app:create_app()"
bind = os.environ.get("LTC_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("LTC_HTTP_WORKERS", "1"))
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
