"""Find the file and line where a resource is described, so reports can point at it.

Turtle and TriG files here keep one block per subject that starts with `subject a Class`,
so the line of a subject is the line that opens its block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

_PREFIX = re.compile(r"^\s*@?prefix\s+([\w.-]*):\s*<([^>]*)>", re.I)
_BLOCK = re.compile(r"^\s*(<[^>\s]+>|[\w.-]*:[^\s;,]*)\s+(?:a|rdf:type)\s")


@dataclass(frozen=True)
class Location:
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


class LocationIndex:
    """Subject IRI -> the block that describes it.

    A node named in several sections is shown at the block that gives its rdfs:label (the
    section that owns it), else at the first block found.
    """

    def __init__(self, paths: Iterable[Path], relative_to: Path | None = None) -> None:
        self._where: dict[str, Location] = {}
        self._labelled: set[str] = set()
        for path in paths:
            if path.suffix.lower() in {".ttl", ".trig"}:
                shown = _shown(path, relative_to)
                for iri, line, labelled in _subjects(path):
                    if iri not in self._where or (labelled and iri not in self._labelled):
                        self._where[iri] = Location(shown, line)
                    if labelled:
                        self._labelled.add(iri)

    def find(self, iri: str) -> Location | None:
        return self._where.get(iri)


def _shown(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            pass
    return str(path)


def _subjects(path: Path) -> Iterable[tuple[str, int, bool]]:
    """(subject IRI, line of its block, whether the block gives an rdfs:label)."""
    prefixes: dict[str, str] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return
    for number, text in enumerate(lines, start=1):
        if match := _PREFIX.match(text):
            prefixes[match.group(1)] = match.group(2)
        elif match := _BLOCK.match(text):
            term = match.group(1)
            if term.startswith("<"):
                iri = term[1:-1]
            else:
                prefix, _, local = term.partition(":")
                if prefix not in prefixes:
                    continue
                iri = prefixes[prefix] + local.replace("\\", "")
            yield iri, number, _gives_label(lines, number)


def _gives_label(lines: list[str], start: int) -> bool:
    for text in lines[start - 1:]:
        if "rdfs:label" in text:
            return True
        if not text.strip() or text.rstrip().endswith(" ."):
            return False
    return False
