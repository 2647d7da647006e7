"""Mentions met before the name they stand for: a headline's, and a description the next sentence names.

A headline describes whom the lede names ("Activist fund vows to sink merger" / "Kinabalu Partners
... said on Monday"), and a lede's "its chief executive said on Thursday" is named in the sentence
after ("Magnus Lindqvist told analysts"). The annotators give both mentions the name; the resolver,
reading in order, keeps such a description pending until a new entity of its kind comes.
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.nlp.resolve_kinds import looks_like_body, looks_personal

_BODIES = ("organization", "government", "outlet")


@dataclass
class Pending:
    """A description that named no entity met before: as written, the kind it wants, where it was."""

    written: str
    kind: str
    sentence: int
    headline: bool  # a headline's: bodies are named in passing too often to bind others'


def in_headline(text: str, at: int) -> bool:
    """Whether offset ``at`` lies in the text's headline: its first line, when that ends in no stop."""
    first = text.split("\n", 1)[0].rstrip()
    return "\n" in text and 0 <= at < len(first) and first[-1:] not in '.!?"”'


def pending(written: str, head: str, kind: str | None, sentence: int, headline: bool) -> list[Pending]:
    """The description as pending, if it may be named next: one person ("its chief executive", not
    "his lawyers"), or a body in a headline ("Activist fund", "ministry")."""
    person = kind in ("person", "official") and not head.endswith("s")
    return [Pending(written, kind, sentence, headline)] if person or (kind in _BODIES and headline) else []


def named_next(pendings: list[Pending], name: str, kind: str | None, sentence: int) -> str | None:
    """The pending description an entity first met in ``sentence`` stands for (taken off the list):
    one of the sentence before, of the kind it wants."""
    for pending in pendings:
        if sentence == pending.sentence + 1 and _fits(pending, name, kind):
            pendings.remove(pending)
            return pending.written
    return None


def _fits(pending: Pending, name: str, kind: str | None) -> bool:
    if pending.kind in ("person", "official"):
        return kind in ("person", "official") or (kind is None and looks_personal(name))
    return pending.headline and (kind in _BODIES or (kind is None and looks_like_body(name)))
