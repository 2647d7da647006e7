"""The Wikinews part of the corpus: labels written per sentence, kept as stand-off records.

Annotators label the sentences that kg's own segmenter gives for each article
(``kg.segment.sentence_spans``), one entry per sentence: ``"-"`` for narration, or an
object holding the fields that differ from narration, with mentions named as strings of
the sentence (as in the authoring format, ``data/corpus/AUTHORING.md``). ``label_article``
turns such an entry into a full annotation record; ``kg.corpus.standoff`` then keeps
only offsets, labels and hashes.
"""

from __future__ import annotations

from typing import Any

from kg.corpus.authoring import AuthoringError, _find, check_labels
from kg.segment import sentence_spans

NARRATION: dict[str, Any] = {
    "speaker": None,
    "speaker_mention": None,
    "speaker_type": None,
    "cue": None,
    "cue_mention": None,
    "via": [],
    "channel": None,
    "holder": None,
    "stance": "neutral",
}


def _sentence(entry: object, text: str, start: int, entities: dict, where: str) -> dict[str, Any]:
    """One sentence's labels, checked as authoring sentences are, mentions turned into offsets."""
    if entry == "-":
        return dict(NARRATION)
    if not isinstance(entry, dict):
        raise AuthoringError(f'{where}: an entry is "-" or an object')
    s = {**NARRATION, **entry}
    unknown = sorted(set(entry) - set(NARRATION))
    if unknown:
        raise AuthoringError(f"{where}: unknown fields {unknown}")
    check_labels(s, entities, where)
    for key in ("speaker_mention", "cue_mention"):
        span = _find(text, s[key], f"{where} {key}")
        s[key] = None if span is None else {"start": start + span[0], "end": start + span[1]}
    return s


def label_article(entry: dict[str, Any], article: dict[str, Any]) -> dict[str, Any]:
    """A full annotation record from one annotator entry and the article it labels."""
    text, aid = article["text"], article["id"]
    spans = sentence_spans(text)
    labels = entry.get("sentences")
    if not isinstance(labels, list) or len(labels) != len(spans):
        raise AuthoringError(f"{aid}: {len(spans)} sentences, {len(labels or [])} entries")
    entities = entry.get("entities") or {}
    sentences = []
    for k, ((start, end), lab) in enumerate(zip(spans, labels, strict=True)):
        s = _sentence(lab, text[start:end], start, entities, f"{aid} sentence {k}")
        sentences.append({"start": start, "end": end, "text": text[start:end], **s})
    counters = [p for p in entry.get("counters") or [] if p[0] != p[1]]
    return {
        "id": aid,
        "url": article.get("url"),
        "published": article.get("published"),
        "outlet": article.get("outlet", "Wikinews"),
        "title": article.get("title"),
        "license": article.get("license"),
        "text": text,
        "sentences": sentences,
        "entities": entities,
        "counters": counters,
    }
