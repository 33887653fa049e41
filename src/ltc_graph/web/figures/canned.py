"""The canned queries' answers the figures are drawn from, in the page's language, and the
links from each figure to its query's page.
"""

from __future__ import annotations

from urllib.parse import urlencode

from ..i18n import _, page_language
from ..state import state
from . import data as figures


def answer(name: str, **params: str) -> list[figures.Row]:
    """The rows of canned query `name`, its names in the page's language where it has a
    `language` parameter; answers are cached with the data version like the endpoint's."""
    found = state()
    query = found.queries.get(name)
    if query is None:
        raise LookupError(f"the canned query {name} is missing")
    return figures.rows(found.service.canned(query, _with_language(name, params)).json())


def query_link(name: str, **params: str) -> str:
    """The canned query's page with the parameters a figure used."""
    given = _with_language(name, params)
    if given.get("language") == "en":
        del given["language"]  # the default
    return f"/queries/{name}" + (f"?{urlencode(given)}" if given else "")


def _with_language(name: str, params: dict[str, str]) -> dict[str, str]:
    query = state().queries.get(name)
    takes = query is not None and any(p.name == "language" for p in query.params)
    return {**params, "language": page_language()} if takes else dict(params)


def network_words() -> dict[str, str]:
    """The words of a network chart's links: how a member is in a network."""
    return {"through": _("through"), "directly": _("directly"),
            "throughLegend": _("in the network only through one of its pilots, working groups "
                               "or tables")}


def event_words() -> dict[str, str]:
    """The words of the timeline: the precision of an event's dates."""
    return {"since": _("since"), "year": _("day and month not stated"),
            "month": _("day not stated"), "byDay": _("dated to the day"),
            "byYear": _("dated by the year or month alone, or only by when it began")}


def member_words() -> dict[str, str]:
    """The words of a members chart: its categories and the 'not stated' of a blank."""
    return {"companies": _("Companies"),
            "research": _("Research organisations"),
            "other": _("Other entities"),
            "unbroken": _("Total not broken down by type"),
            "notStated": _("not stated"), "members": _("Members")}
