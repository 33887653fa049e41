"""Errors the tools report to people: one line, with where the problem is."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class InputError(Exception):
    """Input that cannot be used at all (missing file, unknown format, syntax error)."""

    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = self.path or ""
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message


@dataclass
class HttpError(Exception):
    """An HTTP error with a message a person can act on; rendered by the app's one handler."""

    status: int
    message: str
    headers: dict[str, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.status}: {self.message}"
