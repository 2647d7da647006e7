"""Research groups in science news: introduced once, then named by what they wrote; and the
documents that speak for whoever issued them ("The book alleges", "the letter read").

"Researchers from the University of Washington and Stanford University reported ..." brings in
a group; "the study", "the report", "the research team", "the researchers" after it are that
group speaking, named as it was introduced (the annotators' alias).
"""

from __future__ import annotations

import re

_MEMBERS = r"(?:researchers|scientists|neuroscientists|astronomers|archaeologists|biologists|physicists)"
_WORK = r"(?:study|research(?:\s+paper)?|paper)"  # what a group wrote, standing for its authors
# "researchers from X", "an international team of scientists", "a team from X", "a new study", a
# headline's "study" alone; not "the researchers".
_INTRODUCTION = re.compile(
    rf"^(?:(?:an?\s+(?:[\w\-]+\s+)?team(?:\s+of\s+{_MEMBERS})?)|(?:(?!the\b|these\b)[a-z]+\s+)?{_MEMBERS}"
    rf"|(?:an?\s+(?:new\s+)?)?{_WORK})"
    r"(?:\s+(?:mostly\s+)?(?:from|at)\s+\S.*)?$"
)
# What the group wrote or is called once met: "the study", "the research paper", "this paper", and
# its members alone ("Researchers").
_ANAPHOR = re.compile(
    rf"^(?:(?:the|this|the\s+same)\s+(?:{_WORK}|report|investigation|research\s+team|team|"
    rf"{_MEMBERS}|authors|study[’']s\s+(?:lead\s+)?authors)|{_MEMBERS})$",
    re.IGNORECASE,
)


# A definite group with none met before: "the researchers", "the research team", "the study" bring
# them in, named by their members as the annotators do ("researchers", "study authors"); "the paper"
# does not (a newspaper, as often).
_FIRST_DEFINITE = re.compile(
    rf"^(?:the|these)\s+((?:research\s+)?team|{_MEMBERS}|study|research)$", re.IGNORECASE
)


def group_named(mention: str) -> str | None:
    """The name a mention gives a research group it brings in, or None when it brings in none."""
    if _INTRODUCTION.match(mention[:1].lower() + mention[1:]):
        return mention
    definite = _FIRST_DEFINITE.match(mention)
    if not definite:
        return None
    members = definite.group(1).lower()
    if members in ("study", "research"):
        return "study authors"
    return "researchers" if members.endswith("team") else members


def names_group(mention: str) -> bool:
    """Whether a mention refers back to a research group met before ("the study", "The researchers")."""
    return bool(_ANAPHOR.match(mention))


# Documents that stand for whoever issued them, named before: "Mary Trump released the tell-all book"
# ... "The book alleges"; not "the guidelines", "the warning", "the complaint" (often a body's own).
WORKS = frozenset("book memoir statement letter filing".split())


def issuing_sentence(text: str, work: str, before: int, sentences: dict[int, tuple[int, int]]) -> int | None:
    """The number of the latest sentence read before offset ``before`` that wrote the word ``work``:
    its subject issued the work."""
    named = [m.start() for m in re.finditer(rf"\b{work}\b", text[: max(before, 0)])]
    for number, (start, end) in sentences.items():
        if named and start <= named[-1] < end:
            return number
    return None
