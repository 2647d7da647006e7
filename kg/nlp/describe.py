"""What the text says of a speaker right after its mention: "Guo Jiakun, spokesman for the Foreign Ministry,".

One reading of appositives for the whole project: the resolver learns an entity's kind and
descriptors from it, and the graph records the description, role and affiliations it gives.
"""

from __future__ import annotations

import re

from kg.records import Description

# ", <description>," right after a mention: a lower-case phrase ("the spokesman for ...", "spokesman
# for ..."), up to the next stop.
_APPOSITIVE = re.compile(r",\s+([a-z][^,.;“”\"]{2,124}?)\s*[,.;]")
# Introduced forms the resolver trusts for an entity's kind ("X, a media outlet,"; "X, who is ...").
_INTRODUCED = re.compile(r"(?:a|an|the|who\s+is|its|their)\s+(.{3,90})$")
_HEAD_END = re.compile(r"\s+(?:for|of|at|with|to|from|affiliated|based|who|which)\b")
UPPER = "".join(c for c in map(chr, range(0x41, 0x250)) if c.isupper())  # Latin capitals: "Élodie", "Łukasz"
# Capitalised words, "&" inside one ("PG&E"), never from inside a word ("ex-[Muslim]"), linked by
# "of", "the" or a particle ("Observatoire de Paris", "Hamza bin Laden"), or going on with an "al-"
# surname ("Bashar al-Assad").
_PROPER = re.compile(
    rf"(?<![\w\-'’&])[{UPPER}][\w'’\-&]+"
    rf"(?:\s+(?:(?:of|the|de|du|des|del|della|di|da|bin|bint|ibn|van|von|der|den)\s+)?[{UPPER}][\w'’\-&]+"
    rf"|\s+(?:al|el)-[{UPPER}][\w'’\-&]+)*"
)
# Between two names ("Brazil's National Institute"), not inside one ("People's Democratic Front",
# "Coastal Fishermen's Association").
POSSESSIVE = re.compile(r"(?<!\bPeople[’']s)(?<!men[’']s)(?<!\bMen[’']s)(?<!\bChildren[’']s)(?<=[’']s)\s+")


def appositive(text: str, end: int) -> str | None:
    """The description that follows ``text[:end]`` as an appositive, if one does."""
    match = _APPOSITIVE.match(text, end)
    return match.group(1) if match else None


def introduced(description: str) -> str | None:
    """The words after "a", "the", "who is"... of a description, the part that names a kind."""
    match = _INTRODUCED.match(description)
    return match.group(1) if match else None


def describe(text: str, end: int) -> Description | None:
    """The description after a mention ending at ``end``, with its role and the organisations it names."""
    found = appositive(text, end)
    if found is None:
        return None
    head = _HEAD_END.split(found, maxsplit=1)[0]
    role = re.sub(r"^(?:a|an|the)\s+", "", head).strip() or None
    return Description(found.strip(), role, _names(found[len(head) :]))


def _names(phrase: str) -> tuple[str, ...]:
    """The proper names of a phrase; a possessive is no name of its own ("spokesman for Blagojevich's
    campaign" -> "Blagojevich"; "Brazil's National Institute" -> "Brazil", "National Institute")."""
    parts = (part for run in _PROPER.findall(phrase) for part in POSSESSIVE.split(run))
    return tuple(re.sub(r"[’']s$", "", part) for part in parts)
