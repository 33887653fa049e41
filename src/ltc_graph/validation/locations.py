"""Find the file, line and column where a resource is described, so reports can point at it.

Turtle and TriG files here keep one block per subject that starts with `subject a Class`,
so the line of a subject is the line that opens its block, and its column is where the
subject's name starts on that line. Within a block each statement starts its own line with
its property (`ltc:endDate "2021"^^xsd:gYear ;`), so the line of one statement is found by
reading the block again for that property: CI systems then annotate the very line to change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..namespaces import RDF

_PREFIX = re.compile(r"^\s*@?prefix\s+([\w.-]*):\s*<([^>]*)>", re.I)
_BLOCK = re.compile(r"^(\s*)(<[^>\s]+>|[\w.-]*:[^\s;,]*)\s+(?:a|rdf:type)\s")
_TERM = r"(<[^>\s]+>|[\w.-]*:[^\s;,\[\]]*|a)(?=\s)"
# Where a property can stand: first (after the subject on a block's first line, after any
# "[ " on the others), or after "; " or "[ ".
_FIRST = re.compile(r"\s*\[?\s*" + _TERM)
_AFTER = re.compile(r"[;\[]\s*" + _TERM)
_RDF_TYPE = str(RDF.type)


@dataclass(frozen=True)
class Location:
    """A place in a file; line and column count from 1, as editors and CI systems do."""

    path: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class _Block:
    file: Path
    at: Location


class LocationIndex:
    """Subject IRI -> the blocks that describe it.

    A node named in several sections is shown at the block that gives its rdfs:label (the
    section that owns it), else at the first block found; a statement is looked for in that
    block first, then in the others.
    """

    def __init__(self, paths: Iterable[Path], relative_to: Path | None = None) -> None:
        self._paths = [p for p in paths if p.suffix.lower() in {".ttl", ".trig"}]
        self._relative_to = relative_to
        self._blocks: dict[str, list[_Block]] = {}
        self._labelled: set[str] = set()
        self._prefixes: dict[Path, dict[str, str]] = {}
        self._lines: dict[Path, list[str]] = {}
        self._built = False
        self._wanted: set[str] | None = None

    def want(self, iris: Iterable[str]) -> None:
        """Look up only these IRIs from now on: the files are then read for their blocks
        alone (a report on a large graph needs a few thousand of its subjects)."""
        self._wanted = set(iris) | (self._wanted or set())
        if self._built:
            self._built, self._blocks, self._labelled = False, {}, set()

    def _build(self) -> None:
        """Read the files on the first look-up: a run without results reads none."""
        self._built = True
        for path in self._paths:
            shown = _shown(path, self._relative_to)
            prefixes: dict[str, str] = {}
            self._prefixes[path] = prefixes
            for iri, line, column, labelled in _subjects(path, prefixes, self._wanted):
                block = _Block(path, Location(shown, line, column))
                blocks = self._blocks.setdefault(iri, [])
                if labelled and iri not in self._labelled:
                    blocks.insert(0, block)
                    self._labelled.add(iri)
                else:
                    blocks.append(block)

    def find(self, iri: str, predicate: str | None = None,
             value: str | None = None) -> Location | None:
        """Where `iri` is described; given `predicate`, the line stating it, else the block.

        `value` (an IRI or a literal's lexical form) picks, among several statements of
        `predicate`, the one whose line holds it.
        """
        if not self._built:
            self._build()
        blocks = self._blocks.get(iri)
        if not blocks:
            return None
        if predicate is not None:
            found = [at for block in blocks
                     for at in self._statements(block, predicate, value)]
            if found:
                return min(found, key=lambda f: f[0])[1]
        return blocks[0].at

    def _statements(self, block: _Block, predicate: str,
                    value: str | None) -> Iterable[tuple[int, Location]]:
        """(rank, place) of each line in the block stating `predicate`: rank 0 when the line
        also holds `value`, else 1."""
        prefixes = self._prefixes[block.file]
        names = _names(predicate, prefixes)
        values = _names(value, prefixes) | {f'"{value}"', f"<{value}>"} if value else set()
        for number, text, start in _block_lines(self._read(block.file), block.at):
            column = next((c for term, c in _properties(text, start) if term in names), None)
            if column is not None:
                rank = 0 if any(v in text for v in values) else 1
                yield rank, Location(block.at.path, number, column)

    def _read(self, path: Path) -> list[str]:
        if path not in self._lines:
            try:
                self._lines[path] = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError):
                self._lines[path] = []
        return self._lines[path]


def _properties(text: str, start: int) -> Iterable[tuple[str, int]]:
    """(term, column) of each term of `text` from `start` on that stands where a property
    can: a term that happens to be an object there is harmless, as only a wanted property's
    names are looked for."""
    if first := _FIRST.match(text, start):
        yield first.group(1), first.start(1) + 1
    for match in _AFTER.finditer(text, start):
        yield match.group(1), match.start(1) + 1


def _names(iri: str | None, prefixes: dict[str, str]) -> set[str]:
    """The ways a file can spell `iri`: `<iri>`, `prefix:local`, and `a` for rdf:type."""
    if iri is None:
        return set()
    names = {f"<{iri}>"} | {f"{p}:{iri[len(ns):]}" for p, ns in prefixes.items()
                            if iri.startswith(ns) and len(iri) > len(ns)}
    return names | {"a"} if iri == _RDF_TYPE else names


def _block_lines(lines: list[str], at: Location) -> Iterable[tuple[int, str, int]]:
    """(line number, text, where properties may start) for each line of the block at `at`;
    on its first line properties start after the subject."""
    for number in range(at.line, len(lines) + 1):
        text = lines[number - 1]
        if number == at.line:
            subject = _BLOCK.match(text)
            yield number, text, subject.end(2) if subject else 0
        else:
            if not text.strip():
                return
            yield number, text, 0
        if text.rstrip().endswith(" ."):
            return


def _shown(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            pass
    return str(path)


def _subjects(path: Path, prefixes: dict[str, str], wanted: set[str] | None = None
              ) -> Iterable[tuple[str, int, int, bool]]:
    """(subject IRI, line and column of its block, whether the block gives an rdfs:label)
    for every subject, or those `wanted`; fills `prefixes` with the file's prefix
    declarations as it reads them.

    The file is searched whole by one expression for the lines that open a block or declare
    a prefix, so only those lines cost Python time (a line-by-line loop took 2.6 s for a
    million statements); line numbers come from counting newlines between matches.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return
    line, at = 1, 0
    for match in _OPENING.finditer(text):
        line += text.count("\n", at, match.start())
        at = match.start()
        if match.group("prefix") is not None:
            prefixes[match.group("prefix")] = match.group("namespace")
            continue
        term = match.group("subject")
        if term.startswith("<"):
            iri = term[1:-1]
        else:
            prefix, _, local = term.partition(":")
            if prefix not in prefixes:
                continue
            iri = prefixes[prefix] + local.replace("\\", "")
        if wanted is None or iri in wanted:
            yield iri, line, len(match.group("indent")) + 1, _gives_label(text, match.start())


# A line that declares a prefix or opens a block (the two expressions above, in one).
_OPENING = re.compile(
    r"^(?:[ \t]*(?i:@?prefix)[ \t]+(?P<prefix>[\w.-]*):[ \t]*<(?P<namespace>[^>]*)>"
    r"|(?P<indent>[ \t]*)(?P<subject><[^>\s]+>|[\w.-]*:[^\s;,]*)[ \t]+(?:a|rdf:type)\s)",
    re.M)
_BLOCK_END = re.compile(r"\n[ \t\r]*\n| \.[ \t\r]*(?:\n|$)|rdfs:label")


def _gives_label(text: str, start: int) -> bool:
    """Whether rdfs:label comes before the block ends (a blank line or a line ending " .")."""
    end = _BLOCK_END.search(text, start)
    return end is not None and end.group(0) == "rdfs:label"
