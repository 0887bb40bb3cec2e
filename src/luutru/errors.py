"""Errors a user can act on, printed as `path:line: message`.

Every failure caused by input (files, records, settings, templates) is a
`LuutruError`; anything else reaching the CLI is a bug.
"""

from __future__ import annotations

from pathlib import Path


class LuutruError(Exception):
    def __init__(self, path: str | Path | None, message: str, line: int | None = None):
        super().__init__(message)
        self.path = str(path) if path is not None else None
        self.line = line
        self.message = message

    def __reduce__(self):
        # Errors cross process boundaries when work runs on several cores.
        return (self.__class__, (self.path, self.message, self.line))

    def __str__(self) -> str:
        where = self.path or "luutru"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}"


class InputError(LuutruError):
    """A raw article file that cannot be read or decoded."""


class RecordError(LuutruError):
    """A content record (Markdown + front matter) that is malformed."""


class ConfigError(LuutruError):
    """A setting in luutru.yaml that is unknown or invalid."""


class BuildError(LuutruError):
    """A problem found while building: a template error, two pages on one path."""


class ManyErrors(LuutruError):
    """Several problems found in one pass, reported together."""

    def __init__(self, errors: list[LuutruError]):
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.path, first.message, first.line)

    def __reduce__(self):
        return (self.__class__, (self.errors,))

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)
