"""Names a user types (``--param speaker=trump``) matched to the names a store holds.

A name matches whatever its case; when no stored name is equal, a stored name that holds it
as whole words is taken if there is just one ("trump" -> "Donald Trump"). When nothing
matches, the closest stored names (difflib) are offered instead.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from kg.graph.prefixes import declare

# Which names each parameter of the audit queries means, read from the summary graph (small),
# else from the article graphs.
NAME_PARAMS = {
    "speaker": ("kg:speakerName", "?att kg:speaker/schema:name ?n"),
    "holder": ("kg:holderName", "?c kg:holder/schema:name ?n"),
    "outlet": ("kg:outletName", "?a schema:publisher/schema:name ?n"),
}


@dataclass(frozen=True)
class Match:
    """What a typed name became: the stored name, several candidates, or suggestions."""

    typed: str
    name: str | None = None  # the stored name to bind
    candidates: tuple[str, ...] = ()  # several stored names hold the typed words
    suggestions: tuple[str, ...] = ()  # nothing matched: the closest names


def stored_names(store, param: str, timeout: float | None = None) -> list[str]:
    """The distinct names ``param`` can take in this store."""
    summary, scan = NAME_PARAMS[param]
    for text in (
        f"SELECT DISTINCT ?n WHERE {{ GRAPH graph:summary {{ ?t {summary} ?n }} }}",
        f"SELECT DISTINCT ?n WHERE {{ GRAPH ?g {{ {scan} }} }}",
    ):
        names = [row["n"] for row in store.query(declare(text), limit=1_000_000, timeout=timeout)]
        if names:
            return names
    return []


def match(typed: str, names: list[str]) -> Match:
    """The stored name for ``typed``, by case-insensitive equality, else as whole words of one name."""
    folded = typed.casefold().strip()
    equal = [n for n in names if n.casefold() == folded]
    if equal:
        return Match(typed, name=sorted(equal)[0])
    words = re.compile(rf"(?<!\w){re.escape(folded)}(?!\w)")
    holding = sorted({n for n in names if words.search(n.casefold())})
    if len(holding) == 1:
        return Match(typed, name=holding[0])
    if holding:
        return Match(typed, candidates=tuple(holding))
    by_fold = {n.casefold(): n for n in names}
    close = difflib.get_close_matches(folded, list(by_fold), n=5, cutoff=0.5)
    return Match(typed, suggestions=tuple(by_fold[c] for c in close))
