"""Errors the tools report to people: one line, with where the problem is."""

from dataclasses import dataclass


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
