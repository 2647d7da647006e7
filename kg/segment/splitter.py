"""Sentence boundaries with exact character offsets.

A small rule set tuned for news prose, kept here rather than taken from a general
library because news needs its own decisions and every offset must point into the
text as read: a line break ends a headline or a paragraph; sentence-final punctuation
ends a sentence, also inside a multi-sentence quote and after a closing quote mark;
titles, months and initials never do ("Gov.", "Jan.", "J."); dotted acronyms
("U.S.") end a sentence only before a word that usually starts one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.records import Article, Sentence
from kg.segment.boilerplate import is_noise_line

# Never end a sentence: titles, months, reference words (case-sensitive).
_NEVER = frozenset(
    "Mr Mrs Ms Mx Dr Prof Gov Sen Rep Reps Gen Lt Col Maj Capt Sgt Cpl Adm Cmdr Rev Hon Pres "
    "Supt Det Insp Gens Sens Atty Amb Ave Blvd Rd St Mt Ft Jan Feb Mar Apr Jun Jul Aug Sep Sept "
    "Oct Nov Dec No Nos Art Arts Sec Vol Vols Fig Figs Ch pp Para Cl Op vs v cf approx ca "
    "e.g i.e Messrs Mme Mlle Sr Sra Gov-elect".split()
)
# End a sentence only before a usual sentence opener: "Acme Inc. The firm ..." vs "Acme Inc. shares".
_SOFT = frozenset("Inc Corp Co Ltd Jr Sr Bros Plc plc LLC etc al Assn Dept Univ".split())
_ACRONYM = re.compile(r"^(?:[A-Za-z]\.)+[A-Za-z]$")
_OPENERS = frozenset(
    "The A An It Its He His She Her They Their Them We Our I This That These Those There Then "
    "But And Or So Yet Still In On At For As After Before While When Whether If Although Though "
    "However Meanwhile Moreover Separately Earlier Later Last Next Now Some Many Most Officials "
    "Analysts According Critics Both Neither No One Two Three Several Such What Who Under Over "
    "Despite During Since Until With Without By From To Among Amid Asked Speaking".split()
)

# Sentence-final punctuation, optional closing quotes/brackets, space, then a capital,
# digit or opening quote/bracket.
_BOUNDARY = re.compile(
    r"([.!?\u2026]+)([\"'\u201d\u2019)\]]*)(\s+)(?=[\"'\u201c\u2018(\[]?[A-Z0-9\u00c0-\u00de])"
)
_TOKEN_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-]*)$")
_NEXT_WORD = re.compile(r"[\"'\u201c\u2018(\[]*([A-Za-z]+)")
_LINE = re.compile(r"[^\r\n]+")
_TERMINAL = re.compile(r"[.!?:;\u2026\"'\u201d\u2019)]\s*$")
_LEAD = re.compile(r"^(?:#{1,6}\s+|[*\u2022]\s+|>\s+)")


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    """Spans of paragraphs and headlines: lines, re-joined where a hard wrap split a sentence."""
    start = end = -1
    for match in _LINE.finditer(text):
        s, e = match.span()
        line = match.group()
        if not line.strip():
            continue
        if is_noise_line(line):
            if start >= 0:
                yield start, end
            start = end = -1
            continue
        gap = text[end:s] if start >= 0 else ""
        wrapped = (
            start >= 0
            and gap.count("\n") <= 1
            and not _TERMINAL.search(text[start:end])
            and line.lstrip()[:1].islower()
        )
        if wrapped:
            end = e
            continue
        if start >= 0:
            yield start, end
        start, end = s, e
    if start >= 0:
        yield start, end


def _is_boundary(text: str, match: re.Match[str], block_start: int) -> bool:
    punct = match.group(1)
    if punct != ".":
        return True
    token_match = _TOKEN_BEFORE.search(text, max(block_start, match.start() - 40), match.start())
    if token_match is None:
        return True
    token = token_match.group(1)
    if token in _NEVER or (len(token) == 1 and token.isupper()):
        return False
    if token in _SOFT or _ACRONYM.match(token):
        nxt = _NEXT_WORD.match(text, match.end())
        return bool(nxt and nxt.group(1) in _OPENERS)
    return True


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    lead = _LEAD.match(text, start, end)
    if lead:
        start = lead.end()
    return start, end


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of an article text, in order."""
    spans: list[tuple[int, int]] = []
    for block_start, block_end in _blocks(text):
        cursor = block_start
        for match in _BOUNDARY.finditer(text, block_start, block_end):
            if _is_boundary(text, match, block_start):
                spans.append(_trim(text, cursor, match.start(3)))
                cursor = match.end()
        spans.append(_trim(text, cursor, block_end))
    return [(s, e) for s, e in spans if any(ch.isalnum() for ch in text[s:e])]


def segment(article: Article) -> tuple[Sentence, ...]:
    """The sentences of an article, each with offsets into ``article.text``."""
    return tuple(
        Sentence(article.id, i, s, e, article.text[s:e])
        for i, (s, e) in enumerate(sentence_spans(article.text))
    )
