"""Authoring format -> annotation format.

Corpus articles are written with every span named as a string of its sentence
(see ``data/corpus/AUTHORING.md``); this module joins the sentences into the
article text and computes every character offset, so offsets are never typed by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.annotation import LABEL_FIELDS, SPEAKER_TYPES, STANCES, json_lines
from kg.errors import InputError

DOMAINS = ("trade", "war", "mergers", "labour", "sports", "elections", "courts", "health", "tech")
STYLES = ("wire", "broadsheet", "tabloid", "trade-press", "state-media", "blog")
SENTENCE_FIELDS = ("text", *LABEL_FIELDS)
SPLITS = ("train", "dev", "test")


class AuthoringError(ValueError):
    """An authoring record that cannot be turned into an annotation record."""


@dataclass
class Problems:
    """Collects every problem of a file instead of stopping at the first."""

    items: list[str] = field(default_factory=list)

    def add(self, where: str, what: str) -> None:
        self.items.append(f"{where}: {what}")


def occurrences(sentence: str, needle: str) -> list[int]:
    """Start of each occurrence of ``needle`` that is not part of a longer word ("he" is not in "The")."""
    out, pos = [], sentence.find(needle)
    while pos >= 0:
        end = pos + len(needle)
        glued_left = needle[0].isalnum() and pos > 0 and sentence[pos - 1].isalnum()
        glued_right = needle[-1].isalnum() and end < len(sentence) and sentence[end].isalnum()
        if not glued_left and not glued_right:
            out.append(pos)
        pos = sentence.find(needle, pos + 1)
    return out


def mention_ref(sentence: str, start: int, end: int) -> str | list:
    """How the authoring format names ``sentence[start:end]``: the string, or [string, n]."""
    needle = sentence[start:end]
    nth = occurrences(sentence, needle).index(start) + 1
    return needle if nth == 1 else [needle, nth]


def _find(sentence: str, mention: object, where: str) -> tuple[int, int] | None:
    """Offsets of a mention (a substring, or [substring, nth]) inside one sentence, on word boundaries."""
    if mention is None:
        return None
    if isinstance(mention, list) and len(mention) == 2 and isinstance(mention[1], int):
        needle, nth = mention
    elif isinstance(mention, str):
        needle, nth = mention, 1
    else:
        raise AuthoringError(f"{where}: a mention is a string or [string, n], not {mention!r}")
    if not needle:
        raise AuthoringError(f"{where}: empty mention string")
    found = occurrences(sentence, needle)
    if len(found) < nth:
        raise AuthoringError(f"{where}: {needle!r} (occurrence {nth}) is not in {sentence!r} as a whole word")
    return found[nth - 1], found[nth - 1] + len(needle)


def _check_sentence(s: dict, entities: dict, where: str) -> None:
    missing = [f for f in SENTENCE_FIELDS if f not in s]
    if missing:
        raise AuthoringError(f"{where}: missing fields {missing}")
    unknown = sorted(set(s) - set(SENTENCE_FIELDS))
    if unknown:
        raise AuthoringError(f"{where}: unknown fields {unknown}")
    if not isinstance(s["text"], str) or not s["text"].strip() or s["text"] != s["text"].strip():
        raise AuthoringError(f"{where}: text must be non-empty without outer spaces")
    if "\n" in s["text"]:
        raise AuthoringError(f"{where}: a sentence holds no line break")
    check_labels(s, entities, where)


def check_labels(s: dict, entities: dict, where: str) -> None:
    """The label fields of one sentence: known values, and every name a key of ``entities``."""
    if s["stance"] not in STANCES:
        raise AuthoringError(f"{where}: stance {s['stance']!r} not in {STANCES}")
    if (s["speaker"] is None) != (s["speaker_type"] is None):
        raise AuthoringError(f"{where}: speaker_type is null exactly when speaker is null")
    if s["speaker_type"] is not None and s["speaker_type"] not in SPEAKER_TYPES:
        raise AuthoringError(f"{where}: speaker_type {s['speaker_type']!r} not in {SPEAKER_TYPES}")
    if s["speaker"] is None and (s["speaker_mention"] or s["via"]):
        raise AuthoringError(f"{where}: a mention or via without a speaker")
    if s["cue"] is None and s["cue_mention"] is not None:
        raise AuthoringError(f"{where}: cue_mention without a cue")
    if not isinstance(s["via"], list):
        raise AuthoringError(f"{where}: via is a list")
    for role in ("speaker", "holder"):
        if s[role] is not None and s[role] not in entities:
            raise AuthoringError(f"{where}: {role} {s[role]!r} is not a key of entities")
    for name in s["via"]:
        if name not in entities:
            raise AuthoringError(f"{where}: via name {name!r} is not a key of entities")


def build_article(rec: dict, where: str = "") -> dict:
    """Turn one authoring record into an annotation record with text and offsets."""
    where = f"{where}{rec.get('id', '?')}"
    for key in ("id", "domain", "style", "outlet", "paragraphs", "entities"):
        if key not in rec:
            raise AuthoringError(f"{where}: missing {key!r}")
    if rec["domain"] not in DOMAINS:
        raise AuthoringError(f"{where}: domain {rec['domain']!r} not in {DOMAINS}")
    if rec["style"] not in STYLES:
        raise AuthoringError(f"{where}: style {rec['style']!r} not in {STYLES}")
    entities = rec["entities"]
    if not isinstance(entities, dict) or not all(isinstance(v, list) for v in entities.values()):
        raise AuthoringError(f"{where}: entities maps a name to a list of aliases")
    # Paragraph separator varies by article (seeded by id) as it does in scraped news.
    sep = "\n\n" if sum(map(ord, rec["id"])) % 2 else "\n"
    text, sentences = "", []
    for p, para in enumerate(rec["paragraphs"]):
        if not isinstance(para, list) or not para:
            raise AuthoringError(f"{where}: paragraph {p} is an empty or non-list value")
        if text:
            text += sep
        for k, s in enumerate(para):
            here = f"{where} paragraph {p} sentence {k}"
            if not isinstance(s, dict):
                raise AuthoringError(f"{here}: a sentence is an object")
            if "noise" in s:
                if len(para) != 1:
                    raise AuthoringError(f"{here}: a noise line is a paragraph of its own")
                text += s["noise"]
                continue
            _check_sentence(s, entities, here)
            if k:
                text += " "
            start = len(text)
            text += s["text"]
            out = {"start": start, "end": len(text), "text": s["text"]}
            for name in ("speaker_mention", "cue_mention"):
                span = _find(s["text"], s[name], f"{here} {name}")
                out[name] = None if span is None else {"start": start + span[0], "end": start + span[1]}
            for name in ("speaker", "speaker_type", "cue", "via", "channel", "holder", "stance"):
                out[name] = s[name]
            sentences.append(out)
    n = len(sentences)
    counters = rec.get("counters", [])
    for pair in counters:
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(i, int) and 0 <= i < n for i in pair)
        ):
            raise AuthoringError(f"{where}: counters pair {pair!r} is not two sentence indices below {n}")
    cross = rec.get("cross_counters", [])
    for triple in cross:
        if not (
            isinstance(triple, list)
            and len(triple) == 3
            and isinstance(triple[0], int)
            and 0 <= triple[0] < n
        ):
            raise AuthoringError(f"{where}: cross_counters entry {triple!r} is not [i, article_id, j]")
    title = rec.get("title") or sentences[0]["text"] if sentences else ""
    return {
        "id": rec["id"],
        "outlet": rec["outlet"],
        "title": title,
        "url": rec.get("url"),
        "date": rec.get("date"),
        "domain": rec["domain"],
        "style": rec["style"],
        "text": text,
        "sentences": sentences,
        "entities": entities,
        "counters": counters,
        "cross_counters": cross,
    }


def read_authoring(path: Path) -> Iterator[tuple[str, dict]]:
    """Yield (location, record) for each non-empty line of an authoring file."""
    try:
        for where, rec in json_lines(path):
            yield f"{where}: ", rec
    except InputError as exc:
        raise AuthoringError(exc.line()) from None
