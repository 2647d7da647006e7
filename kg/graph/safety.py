"""Queries that would reach outside the store are refused before they run.

pyoxigraph follows ``SERVICE <url>`` (and a store can be asked to ``LOAD`` or read ``FROM``
a URL), so an endpoint that passed such a query on would open connections for whoever
sends it. The check is lexical: comments, strings, IRIs, variables and prefixed names are
removed first, so the keywords cannot hide in them and a variable named ``?service`` is
not mistaken for one.
"""

from __future__ import annotations

import re

from kg.errors import QueryError, QueryForbidden

MAX_QUERY_CHARS = 100_000  # the named audits are under 3,000
MAX_DEPTH = 64  # brackets and braces nested; the parser's stack ends a few thousand deep

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
    """Raise QueryForbidden for SERVICE, LOAD and FROM / FROM NAMED, QueryError for a query too big or deep."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(
            f"query of {len(text):,} characters is over the limit of {MAX_QUERY_CHARS:,}; bind values with --param"
        )
    bare = _STRIP.sub(" ", text)
    check_depth(bare)
    match = _FORBIDDEN.search(bare)
    if match:
        word = match.group(1).upper()
        raise QueryForbidden(
            f"{word} is not allowed: kg queries only its own store and never fetches remote data"
        )


def check_depth(bare: str) -> None:
    """Raise QueryError when ( [ { nest deeper than MAX_DEPTH (strings and comments already removed)."""
    depth = deepest = 0
    for ch in bare:
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth -= 1
    if deepest > MAX_DEPTH:
        raise QueryError(f"query nested {deepest} levels deep is over the limit of {MAX_DEPTH}; flatten it")
