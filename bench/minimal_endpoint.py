"""The least a SPARQL endpoint can do, as the yardstick for the request path's cost.

One function: take `query` from the URL, run it on an in-memory Oxigraph store holding the
default graph the server answers from (N-Triples, `MINIMAL_DATA`), and write the answer as
SPARQL JSON with Oxigraph's own writer. No limits, no checks, no logs, no metrics, no
worker processes: what ltc-graph's safety layers cost is the difference between the two.

    MINIMAL_DATA=real.nt gunicorn -k gthread --threads 8 --chdir bench \
        'minimal_endpoint:create_app()'
"""

from __future__ import annotations

import os

import pyoxigraph as ox
from flask import Flask, Response, request

JSON = ox.QueryResultsFormat.JSON


def create_app() -> Flask:
    store = ox.Store()
    store.bulk_load(path=os.environ["MINIMAL_DATA"], format=ox.RdfFormat.N_TRIPLES)
    app = Flask(__name__)

    @app.get("/sparql")
    def sparql() -> Response:
        answer = store.query(request.args["query"])
        return Response(answer.serialize(format=JSON),
                        mimetype="application/sparql-results+json")

    return app
