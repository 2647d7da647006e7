"""Errors a user can act on."""

from __future__ import annotations


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


class QueryForbidden(QueryError):
    """SERVICE, LOAD, FROM: the query would reach outside the store."""


class StoreMissing(InputError):
    """A store was asked to be read where there is none."""
