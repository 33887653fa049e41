"""The SPARQL 1.1 Protocol's query operation as both ways into `/sparql` share it: the
query read once with the protocol's dataset, the answer's format chosen from `format=` or
Accept, and the base IRI of the endpoint. The Flask view (views/sparql.py) and the fast path
(fast_path.py) call these, so that both answer alike."""

from __future__ import annotations

from functools import lru_cache

from werkzeug.datastructures import MIMEAccept
from werkzeug.wsgi import get_current_url

from ..errors import HttpError
from ..sparql.service import Checked, Query, QueryService
from . import traffic
from .answers import accepted
from .negotiation import choose, result_table


def check(service: QueryService, params: list[tuple[str, str]], text: str,
          base_url: str) -> Checked:
    """The query read once, with the protocol's dataset; its text noted for the log line.

    :raise QueryFailed: 400 for what is never run
    """
    if (visit := traffic.current()) is not None:
        visit.query_text = text  # hashed in the access log, never written
    return service.check(Query(
        text,
        default_graphs=tuple(v for k, v in params if k == "default-graph-uri"),
        named_graphs=tuple(v for k, v in params if k == "named-graph-uri"),
        predeclared=True, base_iri=base_url))


def negotiate(checked: Checked, params: list[tuple[str, str]],
              accept: MIMEAccept) -> tuple[str, str]:
    """(media type, writer) of the answer.

    :raise 406: no format the client accepts
    """
    return chosen(checked.form, accept, next((v for k, v in params if k == "format"), None))


def chosen(form: str, accept: MIMEAccept, fmt: str | None) -> tuple[str, str]:
    if (found := choose(form, accept, fmt)) is None:
        offered = ", ".join(sorted(result_table(form)))
        raise HttpError(406, f"no acceptable format for a {form} result; offered: {offered}")
    return found


@lru_cache(maxsize=512)
def negotiated(form: str, accept: str | None, fmt: str | None) -> tuple[str, str]:
    """`chosen` for the Accept header as sent: clients send the same few again and again.

    :raise 406: no format the client accepts (not kept)
    """
    return chosen(form, accepted(accept), fmt)


@lru_cache(maxsize=64)
def base_url(scheme: str, host: str | None, server: str, port: str) -> str:
    """`request.base_url` of `/sparql` (the query's base IRI), as Werkzeug makes it."""
    return get_current_url({"wsgi.url_scheme": scheme, "SERVER_NAME": server,
                            "SERVER_PORT": port, "PATH_INFO": "/sparql",
                            **({"HTTP_HOST": host} if host is not None else {})},
                           strip_querystring=True)
