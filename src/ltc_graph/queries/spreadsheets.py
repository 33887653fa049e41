"""Answers for spreadsheets: CSV with column titles, Excel-friendly CSV, and XLSX.

They are made from an answer already written in the SPARQL JSON results format (so within the
server's row and byte caps) and carry the columns' titles for people.

Excel-friendly CSV: UTF-8 with a byte-order mark, because Excel reads a CSV file as UTF-8 only
when it starts with one (without it, Wrocław and Türkiye come out garbled); CRLF line ends;
and the separator Excel expects where the reader lives, since Excel splits a CSV file it opens
by the list separator of the computer's regional settings: `;` in Italian (where the comma is
the decimal separator, so decimals are written with a comma too) and `,` in English. A text
cell that Excel would take for a formula (starting with =, +, -, @) gets a leading apostrophe,
which Excel shows as text and does not display. XLSX cells are typed instead: numbers are
numbers, dates are dates, and text is always text, never a formula.
"""

from __future__ import annotations

import csv
import io
import math
from datetime import date
from typing import Any

import xlsxwriter

from ..namespaces import XSD

NUMBERS = {str(XSD[t]) for t in ("integer", "decimal", "double", "float", "int", "long", "short",
                             "byte", "nonNegativeInteger", "positiveInteger",
                             "negativeInteger", "nonPositiveInteger", "unsignedInt",
                             "unsignedLong", "unsignedShort", "unsignedByte")}
BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Answer = dict[str, Any]  # the SPARQL 1.1 JSON results document


def titled_csv(answer: Answer, titles: list[str]) -> bytes:
    """The SPARQL CSV results format (RFC 4180, values only), with `titles` as its header."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(titles)
    for row in _rows(answer):
        writer.writerow(["" if t is None else ("_:" if t["type"] == "bnode" else "") + t["value"]
                         for t in row])
    return out.getvalue().encode()


def excel_csv(answer: Answer, titles: list[str], lang: str) -> bytes:
    """CSV as Excel opens it by a double click in `lang`'s usual regional settings."""
    separator = ";" if lang == "it" else ","
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n")
    writer.writerow(titles)
    for row in _rows(answer):
        writer.writerow([_excel_text(term, lang) for term in row])
    return (BOM + out.getvalue()).encode("utf-8")


def xlsx(answer: Answer, titles: list[str], sheet: str) -> bytes:
    """A one-sheet workbook: a bold, frozen header row with filters, then typed cells."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    page = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    widths = [len(t) for t in titles]
    page.write_row(0, 0, titles, bold)
    rows = _rows(answer)
    for r, row in enumerate(rows, start=1):
        for c, term in enumerate(row):
            if term is None:
                continue
            value, datatype = term["value"], term.get("datatype", "")
            widths[c] = max(widths[c], min(len(value), 60))
            if datatype in NUMBERS and _number(value) is not None:
                page.write_number(r, c, _number(value))
            elif datatype == str(XSD.boolean):
                page.write_boolean(r, c, value == "true")
            elif datatype == str(XSD.date) and _day(value) is not None:
                page.write_datetime(r, c, _day(value), day)
            else:
                page.write_string(r, c, value)
    for c, width in enumerate(widths):
        page.set_column(c, c, width + 2)
    page.freeze_panes(1, 0)
    if titles:
        page.autofilter(0, 0, len(rows), len(titles) - 1)
    book.close()
    return buffer.getvalue()


def _rows(answer: Answer) -> list[list[dict[str, str] | None]]:
    variables = answer["head"]["vars"]
    return [[row.get(v) for v in variables] for row in answer["results"]["bindings"]]


def _excel_text(term: dict[str, str] | None, lang: str) -> str:
    if term is None:
        return ""
    value = term["value"]
    if term.get("datatype") in NUMBERS and _number(value) is not None:
        return value.replace(".", ",") if lang == "it" else value
    if term["type"] == "bnode":
        return "_:" + value
    return "'" + value if value.startswith(_FORMULA_START) else value


def _number(value: str) -> float | int | None:
    try:
        return int(value)
    except ValueError:
        try:
            number = float(value)
        except ValueError:
            return None
        return number if math.isfinite(number) else None  # INF and NaN stay text


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None
