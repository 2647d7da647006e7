"""Queries that would reach outside the store are refused before they run.

pyoxigraph follows ``SERVICE <url>`` (and a store can be asked to ``LOAD`` or read ``FROM``
a URL), so an endpoint that passed such a query on would open connections for whoever
sends it. The check is lexical: comments, strings, IRIs, variables and prefixed names are
removed first, so the keywords cannot hide in them and a variable named ``?service`` is
not mistaken for one.
"""

from __future__ import annotations

import re

from kg.errors import QueryForbidden

_STRIP = re.compile(
    r"""
      \#[^\n]*                                   # comments
    | '''(?:[^'\\]|\\.|'(?!''))*'''              # long strings
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n]|\\.)*'                        # strings
    | "(?:[^"\\\n]|\\.)*"
    | <[^<>"{}|^`\\\s]*>                         # IRIs
    | [?$][A-Za-z0-9_\u00b7-\uffff]+             # variables
    | [A-Za-z_][\w.-]*:[\w.%-]*                  # prefixed names
    """,
    re.VERBOSE,
)
_FORBIDDEN = re.compile(r"\b(SERVICE|LOAD|FROM)\b", re.IGNORECASE)


def check_query(text: str) -> None:
    """Raise QueryForbidden for SERVICE, LOAD and FROM / FROM NAMED."""
    match = _FORBIDDEN.search(_STRIP.sub(" ", text))
    if match:
        word = match.group(1).upper()
        raise QueryForbidden(
            f"{word} is not allowed: kg queries only its own store and never fetches remote data"
        )
