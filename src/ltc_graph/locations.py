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
    """Subject IRI -> the places whose blocks describe it (first one first)."""

    def __init__(self, paths: Iterable[Path], relative_to: Path | None = None) -> None:
        self._where: dict[str, list[Location]] = {}
        for path in paths:
            if path.suffix.lower() in {".ttl", ".trig"}:
                shown = _shown(path, relative_to)
                for iri, line in _subjects(path):
                    self._where.setdefault(iri, []).append(Location(shown, line))

    def find(self, iri: str) -> Location | None:
        places = self._where.get(iri)
        return places[0] if places else None


def _shown(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return str(path.resolve().relative_to(base.resolve()))
        except ValueError:
            pass
    return str(path)


def _subjects(path: Path) -> Iterable[tuple[str, int]]:
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
                yield term[1:-1], number
            else:
                prefix, _, local = term.partition(":")
                if prefix in prefixes:
                    yield prefixes[prefix] + local.replace("\\", ""), number
