"""What a name abbreviates to: its acronym, the acronym the text gives it, a person's initials.

The resolver matches a later "WHO", "NFP" or an interview's "NG:" to the name met before.
"""

from __future__ import annotations

import re

_ACRONYM_SKIPS = frozenset(("of", "the", "for", "and", "on", "in"))
_ACRONYM_GIVEN = re.compile(r"(.+?)\s*\(([A-Z][A-Za-z&]*[A-Z])\)?")


# A company's kind, left out of its acronym ("Pacific Gas and Electric Company" is "PG&E").
_COMPANY = frozenset(("company", "corporation", "inc", "inc.", "ltd", "ltd.", "co", "co."))


def initials(name: str) -> str | None:
    """The acronym of a name of three or more capitalised words ("World Health Organization" -> "WHO")."""
    tokens = [w for w in name.split() if w.lower() not in _ACRONYM_SKIPS]
    if len(tokens) < 3 or not all(w[:1].isupper() for w in tokens):
        return None
    return "".join(w[0] for w in tokens)


def abbreviates(acronym: str, name: str) -> bool:
    """Whether ``acronym`` is ``name``'s: its initials, written with "&" for "and" ("PG&E" for
    "Pacific Gas and Electric Company") or without the company's kind word."""
    letters = acronym.replace("&", "")
    if not letters.isalpha() or not letters.isupper():
        return False
    words = name.split()
    if initials(name) == letters:
        return True
    shorter = " ".join(words[:-1]) if words and words[-1].lower() in _COMPANY else None
    return "&" in acronym and bool(shorter) and initials(shorter) == letters


def acronym_given(mention: str) -> tuple[str, str | None]:
    """A name and the acronym the text gives it in brackets ("Notes from Poland (NFP)" -> "Notes from
    Poland", "NFP"): the acronym alone names it later, whatever its letters."""
    given = _ACRONYM_GIVEN.fullmatch(mention)
    return (given.group(1), given.group(2)) if given else (mention, None)


def person_initials(name: str) -> str | None:
    """The initials of a person's name of two words or more ("Natasha Gownaris" -> "NG"): an
    interview marks each answer with them ("NG: This study started in 1982")."""
    tokens = name.split()
    if len(tokens) < 2 or not all(w[:1].isupper() for w in tokens):
        return None
    return "".join(w[0] for w in tokens)
