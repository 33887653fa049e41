"""The form of a canned query's page: a field per parameter, with its label, a hint that says
what to write, and what is wrong with the value the URL gave, in the page's language.

A person who follows a link without a required value, or types a value that does not fit,
gets the page with its form and a note beside the field, never a bare error: programs
(JSON, CSV, `format=`) keep the query service's 400 and its message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...namespaces import shorten
from ...queries.registry import LANGUAGE_PARAM, NamedQuery, Parameter, ParameterError
from ..i18n import N_, NAMES, _
from ..state import state

INPUTS = {"integer": "number", "decimal": "number", "date": "date", "year": "number"}
# What to write in a text field, by the parameter's type (%(example)s: the header's example).
HINTS = {
    "iri": N_("A prefixed name such as %(example)s, or a full IRI starting with https://"),
    "integer": N_("A whole number, such as %(example)s"),
    "decimal": N_("A number, such as %(example)s"),
    "date": N_("A date (YYYY-MM-DD), such as %(example)s"),
    "year": N_("A year in four digits, such as %(example)s"),
    "string": N_("Text, such as %(example)s"),
}
EXAMPLES = {"iri": "cluster:afil", "integer": "3", "decimal": "2.5", "date": "2024-05-31",
            "year": "2024", "string": "hydrogen"}
# What is wrong with a value that does not fit its type (%(value)s: the value as given); the
# hint under it says what to write.
WRONG = {
    "iri": N_("“%(value)s” is not an IRI."),
    "integer": N_("“%(value)s” is not a whole number."),
    "decimal": N_("“%(value)s” is not a number."),
    "date": N_("“%(value)s” is not a date."),
    "year": N_("“%(value)s” is not a year."),
    "boolean": N_("“%(value)s” is neither yes nor no."),
}
NOT_A_CHOICE = N_("“%(value)s” is not one of the choices: %(choices)s.")
UNKNOWN = N_("This query takes no value named “%(name)s”, so it was not run: fill in the "
             "form and run it again.")
MISSING = N_("To see the answer, fill in “%(field)s” and press Run.")


@dataclass
class Problems:
    """What stops a page from running its query: per field, in the URL, and what is missing."""

    fields: dict[str, str] = field(default_factory=dict)  # parameter name: message
    unknown: list[str] = field(default_factory=list)  # messages about names it does not take
    missing: dict[str, str] = field(default_factory=dict)  # blank required field: a note

    @property
    def wrong(self) -> bool:
        """A value the query cannot take: the page answers 400."""
        return bool(self.fields or self.unknown)

    @property
    def blocking(self) -> bool:
        """The query cannot run: the page shows its form and no answer."""
        return self.wrong or bool(self.missing)


def problems(query: NamedQuery, given: dict[str, str], values: dict[str, str],
             lang: str) -> Problems:
    """Check `values` (the page's, see values_for_page) as the query service would bind them,
    with messages for people; `given` holds the URL's own names."""
    found = Problems()
    declared = {p.name for p in query.params}
    found.unknown = [_(UNKNOWN, name=name) for name in given if name not in declared]
    for p in query.params:
        value = values.get(p.name, "")
        if value.strip() == "":
            if p.required:
                found.missing[p.name] = _(MISSING, field=p.described(lang) or p.name)
            continue
        try:
            p.term(value)
        except ParameterError:
            found.fields[p.name] = _wrong(p, value)
    return found


def _wrong(param: Parameter, value: str) -> str:
    if param.values and value.strip() not in param.values:
        return _(NOT_A_CHOICE, value=value, choices=", ".join(param.values))
    return _(WRONG.get(param.type, WRONG["iri"]), value=value)


def fields(query: NamedQuery, values: dict[str, str], lang: str,
           found: Problems | None = None) -> list[dict[str, Any]]:
    """One form field per parameter: a drop-down of the graph's choices for a classed IRI
    (values as prefixed names, as the page's URLs write them), the label in `lang` (and the
    language it is really in) with what the description says after it (`more`), a hint for
    text fields, the error for a wrong value, and the ids of the notes that describe it
    (`hint-`, `error-`, `missing-` and its name)."""
    found = found or Problems()
    out = []
    for p in query.params:
        value = values.get(p.name, "")
        described = p.described(lang) or p.name
        label, _sep, more = described.partition("; ")  # a label, then what else it says
        field_: dict[str, Any] = {
            "param": p, "value": value, "label": label,
            "label_lang": "en" if lang != "en" and described == p.description
            and not p.description_it else None,
            "input": INPUTS.get(p.type, "text"), "choices": None, "hint": "",
            "more": more[:1].upper() + more[1:],
            "error": found.fields.get(p.name, ""), "missing": p.name in found.missing}
        if p.type == "iri" and p.classes:
            field_["choices"] = _choices(p, lang)
            if value and value not in {v for v, _label, _lang in field_["choices"]}:
                field_["choices"].insert(0, (value, value, None))
        elif p.type == "boolean":
            field_["choices"] = [("true", _("yes"), None), ("false", _("no"), None)]
        elif p.values:
            field_["choices"] = [
                (v, NAMES.get(v, v), v if p.name == LANGUAGE_PARAM and v in NAMES else None)
                for v in p.values]
        else:
            field_["hint"] = _(HINTS.get(p.type, HINTS["string"]),
                               example=p.example or EXAMPLES.get(p.type, ""))
        notes = [f"{kind}-{p.name}" for kind, shown in (
            ("hint", field_["hint"] or field_["more"]), ("error", field_["error"]),
            ("missing", field_["missing"])) if shown]
        field_["described"] = " ".join(notes)
        out.append(field_)
    return out


def prefixed(iri: str) -> str:
    """An IRI as a prefixed name where one fits (pnrr:M2 reads better in URLs), else as is."""
    short = shorten(iri)
    return iri if short.startswith("<") else short


def _choices(param: Parameter, lang: str) -> list[tuple[str, str, str | None]]:
    """(value, label, None) for each instance of the parameter's classes."""
    text = param.choices_query(lang)
    if text is None:
        return []
    answer = state().service.run(text, "json", (), True).json()
    return [(prefixed(row["value"]["value"]),
             row.get("label", {}).get("value", row["value"]["value"]), None)
            for row in answer["results"]["bindings"]]
