"""Errors a user can act on."""

from __future__ import annotations

import os


class InputError(ValueError):
    """Unusable input: says where (file, line, article) and what to do.

    Raised or reported per input, so that one bad file never stops the others.
    """

    def __init__(self, where: str, problem: str, hint: str = "") -> None:
        self.where, self.problem, self.hint = where, problem, hint
        super().__init__(self.line())

    def line(self) -> str:
        """The one-line message shown to the user."""
        msg = f"{self.where}: {self.problem}"
        return f"{msg} ({self.hint})" if self.hint else msg


class QueryError(ValueError):
    """A query that cannot run: bad syntax (with its position), timeout, unsupported form."""


class QueryTimeout(QueryError):
    """The query outlived its timeout and was stopped."""


class QueryBusy(QueryTimeout):
    """Every query worker stayed busy for longer than a request may wait (the endpoint answers 503)."""


class QueryMemory(QueryError):
    """The query needed more memory than its limit and was stopped."""


class QueryForbidden(QueryError):
    """SERVICE, LOAD, FROM: the query would reach outside the store."""


class StoreMissing(InputError):
    """A store was asked to be read where there is none."""


class StoreError(InputError):
    """A store that cannot be opened or written: in use, no permission, not a folder, disk full."""


def unencodable(value: str) -> int | None:
    """The position of the first character UTF-8 cannot encode (a lone surrogate), or None."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def shown_path(path: object) -> str:
    """A file name as text that can always be printed and written: bytes that are not UTF-8 as \\xNN."""
    text = str(path)
    try:
        raw = os.fsencode(text)
    except UnicodeEncodeError:
        raw = text.encode("utf-8", errors="backslashreplace")
    return raw.decode("utf-8", errors="backslashreplace")


# C0 controls but tab and line feed, DEL, C1 controls, and the bidi overrides that reorder a line.
_UNPRINTABLE = {
    c: f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"
    for c in (
        *range(0x09),
        *range(0x0B, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    )
}


def printable(text: str, *, one_line: bool = False) -> str:
    """Text safe to print at a terminal: escape sequences and control characters shown as \\xNN."""
    text = text.translate(_UNPRINTABLE)
    return text.replace("\n", "\\n") if one_line else text
