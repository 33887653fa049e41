"""`/validate`: partners check a document against the project's shapes before sending it.

POST the document as the body, its syntax named by Content-Type (UPLOADS in rdf/formats.py), or
as the `data` field of a form (pasted text or a file) with the syntax in its `format` field;
GET shows that form. The report comes back by Accept or `?format=`: the W3C report in Turtle,
JSON as `ltc-graph validate --format json` writes it, or a page. Status 200 whether or not the
data conforms: the report says which. The work runs in a query worker under the query time
limit (upload_validation.py, which also says what the upload is checked among). A page asked
for shows a refused document's error above the form again, with the same status; its words
are in the page's language, the shapes' messages and the errors in English.

:raise 400: not UTF-8, does not parse (line and column), RDF/XML with a DOCTYPE or ENTITY,
    JSON-LD with a context by IRI, a form without `data`
:raise 406: no acceptable report format
:raise 413: body over VALIDATE_MAX_BYTES (by Content-Length, before the body is read)
:raise 415: a media type not in the list, or a charset other than UTF-8
:raise 503: time limit reached (the worker is stopped), every worker busy, or the worker
    died, with Retry-After (the query service, which also charges the client's query budget)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import parse_qsl

from flask import Blueprint, Response, current_app, render_template, request
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData

from ...errors import HttpError
from ...rdf.formats import UPLOADS, by_name
from ...sparql.service import QueryFailed
from ...validation.upload import ValidationTask
from ..negotiation import HTML, best_of
from ..pages.findings import severity_names
from ..state import state

bp = Blueprint("validate", __name__)

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
REPORTS = {"text/turtle": "turtle", "application/json": "json", HTML: "html"}
REPORT_NAMES = {"turtle": "text/turtle", "ttl": "text/turtle", "json": "application/json",
                "html": HTML}
# a form's format field: a media type or a short name, as /sparql's `format=` takes them
SYNTAX_NAMES = {name: s.media for name, s in by_name(tuple(UPLOADS.values())).items()}
LABELS = {media: s.label for media, s in UPLOADS.items()}


@bp.get("/validate")
def form() -> str:
    return _page()


@bp.post("/validate")
def validate() -> Response:
    report = _report_type()
    limit = int(current_app.config["VALIDATE_MAX_BYTES"]
                or current_app.config["MAX_CONTENT_LENGTH"])
    if request.content_length is not None and request.content_length > limit:
        raise HttpError(413, f"the document is over the {limit}-byte limit")
    request.max_content_length = limit + 1  # a body sent without a length: read no further
    shown: dict[str, str] = {}
    try:
        upload = _document(limit)
        shown = {"pasted": upload.pasted, "chosen": upload.media}
        answer = state().service.perform(
            ValidationTask(upload.body, upload.media, str(state().root),
                           "json" if report == HTML else REPORTS[report]), "validation")
    except (HttpError, QueryFailed) as exc:  # the form shows what was wrong
        if report != HTML or exc.status != 400:
            raise
        return Response(_page(error=exc.message, **shown), 400, mimetype=HTML)
    if report == HTML:
        response = Response(_page(report=json.loads(answer.body), **shown), mimetype=HTML)
    else:
        response = Response(answer.body, mimetype=report)
        response.charset = "utf-8"
    response.vary.add("Accept")
    return response


def _report_type() -> str:
    """The report's media type, from `?format=` or else Accept (Turtle on a tie)."""
    if fmt := request.args.get("format"):
        wanted = fmt.lower().split(";")[0].strip()
        media = REPORT_NAMES.get(wanted, wanted)
        if media in REPORTS:
            return media
    elif chosen := best_of(list(REPORTS), "text/turtle"):
        return chosen
    raise HttpError(406, "no acceptable report format; offered: " + ", ".join(REPORTS))


@dataclass(frozen=True)
class Upload:
    body: bytes
    media: str
    pasted: str = ""  # the text pasted into the form, to show it again


def _document(limit: int) -> Upload:
    """The document as sent: the body is read once, as bytes, never decoded with
    replacement."""
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise HttpError(415, f"charset {charset} is not accepted: send UTF-8")
    if request.mimetype in UPLOADS:
        return Upload(_body(limit), request.mimetype)
    if request.mimetype not in FORM_TYPES:
        raise HttpError(415, "send the document as one of " + ", ".join(UPLOADS) + ", or as "
                        "the `data` field of a form" + (f", not {request.mimetype}"
                                                         if request.mimetype else ""))
    raw = _body(limit)
    fields = _multipart(raw) if request.mimetype == FORM_TYPES[1] else _urlencoded(raw)
    data = [value for name, value, _ in fields if name == "data" and value.strip()]
    if not data:
        raise HttpError(400, "the form has no `data`: paste the document or choose a file")
    if len(data) > 1:
        raise HttpError(400, "give the document once: pasted or as a file, not both")
    given = next((_utf8(v, "the format field") for name, v, _ in fields if name == "format"),
                 None)
    media = _syntax(given)
    if media is None:
        raise HttpError(415, f"unknown format {given!r}; use one of " + ", ".join(UPLOADS))
    pasted = next((v for name, v, is_file in fields if name == "data" and not is_file), b"")
    return Upload(data[0], media, _utf8(pasted, "the pasted text"))


def _syntax(name: str | None) -> str | None:
    """A form's format field as a media type (Turtle when absent), None when unknown."""
    if not name:
        return "text/turtle"
    wanted = name.lower().strip()
    media = SYNTAX_NAMES.get(wanted, wanted)
    return media if media in UPLOADS else None


def _body(limit: int) -> bytes:
    """The body, read no more than one byte past `limit` (Werkzeug cuts a body sent without
    a length at the maximum it is given, silently: the byte past it tells)."""
    body = request.get_data(cache=False)
    if len(body) > limit:
        raise HttpError(413, f"the document is over the {limit}-byte limit")
    return body


def _urlencoded(raw: bytes) -> list[tuple[str, bytes, bool]]:
    text = _utf8(raw, "the request body")
    try:
        pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise HttpError(400, "the form is not valid UTF-8 once percent-decoded") from None
    return [(name, value.encode(), False) for name, value in pairs]


def _multipart(raw: bytes) -> list[tuple[str, bytes, bool]]:
    """(name, bytes, is a file) for each part: Werkzeug's own form parser would decode text
    fields replacing bad bytes, which would quietly change the document."""
    boundary = request.mimetype_params.get("boundary", "").encode()
    if not boundary:
        raise HttpError(400, "multipart/form-data without a boundary")
    decoder = MultipartDecoder(boundary, max_parts=10)
    decoder.receive_data(raw)
    decoder.receive_data(None)
    parts: list[tuple[str, bytes, bool]] = []
    chunks: list[bytes] = []
    current: Field | File | None = None
    try:
        while not isinstance(event := decoder.next_event(), Epilogue | NeedData):
            if isinstance(event, Field | File):
                current, chunks = event, []
            elif isinstance(event, Data) and current is not None:
                chunks.append(event.data)
                if not event.more_data:
                    parts.append((current.name, b"".join(chunks), isinstance(current, File)))
    except ValueError as exc:
        raise HttpError(400, f"the form cannot be read: {exc}") from None
    return parts


def _utf8(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        raise HttpError(400, f"{where} is not valid UTF-8") from None


def _page(report: dict | None = None, error: str | None = None, pasted: str = "",
          chosen: str | None = "text/turtle") -> str:
    return render_template("validate.html", report=report, error=error, pasted=pasted,
                           chosen=chosen, formats=LABELS, severity_names=severity_names())
