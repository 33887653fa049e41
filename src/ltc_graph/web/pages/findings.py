"""What pages show of the validation report of the published data, which is produced in the
background on first need (validation/served.py): the whole report, or one resource's results;
and the names of the severities in the page's language, for every page that shows results
(the results' messages come from the shapes, in English).
"""

from __future__ import annotations

from flask import current_app

from ...errors import HttpError
from ...validation.served import Produced
from ..i18n import N_, _
from ..state import state

# sh:Violation, sh:Warning, sh:Info as a person reads them, most serious first
SEVERITIES = {"Violation": N_("Violation"), "Warning": N_("Warning"), "Info": N_("Info")}


def severity_names() -> dict[str, str]:
    """Each severity's name in the page's language, keyed by its name in the report."""
    return {name: _(shown) for name, shown in SEVERITIES.items()}


def report(wait: float | None = None) -> Produced | None:
    """The report, waiting up to VALIDATION_WAIT seconds for it; None if not ready by then.

    :raise HttpError: 503 when producing it failed.
    """
    seconds = float(current_app.config["VALIDATION_WAIT"]) if wait is None else wait
    try:
        return state().validation.wait(seconds)
    except RuntimeError as exc:
        raise HttpError(503, str(exc), {"Retry-After": "60"}) from None


def findings_about(iri: str) -> dict[str, object]:
    """What a resource page shows: its open results, or that the report is not ready."""
    produced = report()
    if produced is None:
        return {"pending": True, "findings": []}
    return {"pending": False, "findings": produced.by_subject.get(iri, []),
            "stale": produced.version != state().info.version}
