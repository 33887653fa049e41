"""Strict input: a URL's or a form's parameters decoded once, as UTF-8 that must be valid.

A parameter read with replacement characters would quietly change a query, so bytes that are
not UTF-8, before or after percent-decoding, are the client's error (the callers answer 400).
"""

from __future__ import annotations

from urllib.parse import parse_qsl


def strict_pairs(raw: bytes) -> list[tuple[str, str]]:
    """The `name=value` pairs of a query string or form body, in order, blanks kept.

    :raise UnicodeDecodeError: the bytes are not UTF-8 once percent-decoded
    """
    text = raw.decode("utf-8", errors="strict")
    return parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
