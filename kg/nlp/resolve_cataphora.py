"""Mentions met before the name they stand for: a headline's, and a description the next sentence names.

A headline describes whom the lede names ("Activist fund vows to sink merger" / "Kinabalu Partners
... said on Monday"), and a lede's "its chief executive said on Thursday" is named in the sentence
after ("Magnus Lindqvist told analysts"). The annotators give both mentions the name; the resolver,
reading in order, keeps such a description pending until a new entity of its kind comes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import dropwhile

from kg.nlp.resolve_acronyms import initials
from kg.nlp.resolve_kinds import PARTICLES, is_proper, looks_like_body, looks_personal
from kg.nlp.resolve_span import PROPER_RUN, SENTENCE_OPENERS

_BODIES = ("organization", "government", "outlet")
_INITIAL = re.compile(r"^[A-Z]\.$")


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


def as_the_body_writes(text: str, mention: str) -> str:
    """A headline's mention as the article's body writes it. Headlines capitalise what the body does
    not ("HOLLIS" -> "Hollis"; "Formateur claims", "Activist fund vows": a first word capitalised
    nowhere else) and name by a surname or an acronym whom the body names in full ("Rebel Mokoena"
    -> "Thandiwe Mokoena", "Kingmaker ECCM" -> "Eastern Cape Civic Movement")."""
    body = text[text.find("\n") + 1 :]
    words = [
        _as_written(body, word) if word.isupper() and len(word) > 1 else word for word in mention.split()
    ]
    if words and _only_first(body, words):
        words[0] = words[0].lower()
    written = " ".join(words)
    last = words[-1] if words and is_proper(words[-1]) and not (len(words) > 1 and written in body) else None
    for run in PROPER_RUN.finditer(body) if last else ():
        tokens = list(dropwhile(SENTENCE_OPENERS.__contains__, run.group().split()))
        if len(tokens) > 1 and initials(" ".join(tokens)) == last:
            return " ".join(tokens)
        tokens = tokens[-3:] if len(tokens) > 2 and _INITIAL.match(tokens[-2]) else tokens[-2:]
        if len(tokens) > 1 and tokens[-1] == last and looks_personal(" ".join(tokens)):
            return " ".join(tokens)  # "Kestrel Images Karim Farouk": the person's name, two words
    return written


def _as_written(body: str, word: str) -> str:
    """The word as the body writes it, if only in another case."""
    other = re.search(rf"\b{re.escape(word)}\b", body, re.IGNORECASE)
    return other.group() if other else word


def _only_first(body: str, words: list[str]) -> bool:
    """Whether the first word is capitalised only as the headline's first: the body never writes it so
    inside a sentence, and writes it in lower case or a word in lower case follows it."""
    if not is_proper(words[0]) or re.search(rf"(?<![.\n]\s)\b{re.escape(words[0])}\b", body):
        return False
    lower = re.search(rf"\b{re.escape(words[0].lower())}\b", body)
    return bool(lower) or (len(words) > 1 and words[1].islower() and words[1] not in PARTICLES)


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
