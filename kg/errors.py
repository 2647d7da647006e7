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
