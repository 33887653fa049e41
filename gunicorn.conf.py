"""gunicorn settings for production: `gunicorn -c gunicorn.conf.py`.

Each gunicorn worker builds the app once and owns its own query worker processes, so the
threads here only wait on query workers; the CPU work happens in those processes.
"""

import os

wsgi_app = "ltc_graph.app:create_app()"
bind = os.environ.get("LTC_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("LTC_HTTP_WORKERS", "1"))
worker_class = "gthread"
threads = int(os.environ.get("LTC_HTTP_THREADS", "8"))
timeout = 120  # above the query time limit, so gunicorn never kills a worker mid-answer
graceful_timeout = 30
keepalive = 5
limit_request_line = 8190
limit_request_fields = 100
accesslog = "-"


def post_fork(server, worker):
    """Start the query workers' fork server while this worker imports and builds the app."""
    from ltc_graph.prestart import start_forkserver

    start_forkserver()
