"""Split Turtle or TriG text into tokens that keep their spelling, position and comments.

`ltc-graph fmt` rewrites the layout of hand-edited files, never their terms: an IRI, a
prefixed name or a literal comes out exactly as it went in, so the tokens carry their text
as written. Comments are tokens too (a formatter must not lose them), each knowing whether it
had a line of its own and whether a blank line came before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import InputError

# The character classes of the Turtle grammar (https://www.w3.org/TR/turtle/#sec-grammar-grammar).
_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d"
         "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff")
_CHARS_U = _BASE + "_"
_CHARS = _CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PREFIX = rf"[{_BASE}](?:[{_CHARS}.]*[{_CHARS}])?"
_LOCAL = rf"(?:[{_CHARS_U}:0-9]|{_PLX})(?:(?:[{_CHARS}.:]|{_PLX})*(?:[{_CHARS}:]|{_PLX}))?"
_UCHAR = r"\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}"
_ECHAR = r"""\\[tbnrf"'\\]"""

# Longer alternatives first: `'''` before `'`, a double before a decimal before an integer.
_TOKEN = re.compile(rf"""
    (?P<comment>\#[^\r\n]*)
  | (?P<iri><(?:[^<>"{{}}|^`\\\x00-\x20]|{_UCHAR})*>)
  | (?P<string>\"\"\"(?:[^"\\]|{_ECHAR}|{_UCHAR}|"(?!""))*\"\"\"
      | '''(?:[^'\\]|{_ECHAR}|{_UCHAR}|'(?!''))*'''
      | "(?:[^"\\\r\n]|{_ECHAR}|{_UCHAR})*"
      | '(?:[^'\\\r\n]|{_ECHAR}|{_UCHAR})*')
  | (?P<bnode>_:[{_CHARS_U}0-9](?:[{_CHARS}.]*[{_CHARS}])?)
  | (?P<name>(?:{_PREFIX})?:(?:{_LOCAL})?)
  | (?P<at>@[A-Za-z]+(?:--?[A-Za-z0-9]+)*)
  | (?P<number>[+-]?(?:[0-9]+\.?[0-9]*[eE][+-]?[0-9]+|\.[0-9]+[eE][+-]?[0-9]+
      |[0-9]*\.[0-9]+|[0-9]+))
  | (?P<word>[A-Za-z]+)
  | (?P<punct>\^\^|<<|>>|\{{\||\|\}}|[.;,\[\](){{}}~])
""", re.VERBOSE)
_SPACE = re.compile(r"[ \t\r\n]*")


@dataclass(frozen=True)
class Token:
    """One token as written: its kind (a group name of `_TOKEN`), text and 1-based position.

    `own_line` says that nothing but white space precedes it on its line; `blank_before`
    that an empty line separates it from the previous token.
    """

    kind: str
    text: str
    line: int
    column: int
    own_line: bool
    blank_before: bool

    @property
    def is_comment(self) -> bool:
        return self.kind == "comment"


def tokenize(text: str, path: str = "") -> Iterator[Token]:
    """The tokens of `text`; an unknown character raises `InputError` at its position."""
    pos, line, line_start = 0, 1, 0
    first = True
    while True:
        space = _SPACE.match(text, pos)
        assert space is not None  # the pattern matches the empty string
        gap = space.group()
        pos = space.end()
        newlines = gap.count("\n")
        if newlines:
            line += newlines
            line_start = space.start() + gap.rindex("\n") + 1
        if pos >= len(text):
            return
        own_line = first or newlines > 0
        match = _TOKEN.match(text, pos)
        if match is None:
            raise InputError(f"cannot read {text[pos]!r} here", path, line, pos - line_start + 1)
        kind = match.lastgroup
        assert kind is not None
        value = match.group()
        yield Token(kind, value, line, pos - line_start + 1, own_line, newlines >= 2)
        first = False
        if "\n" in value:  # a long string spanning lines
            line += value.count("\n")
            line_start = pos + value.rindex("\n") + 1
        pos = match.end()
