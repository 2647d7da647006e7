"""Annotation-format records (gold files, `kg annotate` output) read back as AnnotatedArticle.

So a graph can be built from hand-made labels as from the model's: the descriptions the
graph records are read from the text here, the same way as for the model's output.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from kg.nlp.describe import describe
from kg.records import AnnotatedArticle, AnnotatedSentence, Article, RunInfo, Span

GOLD = RunInfo(model="annotation file", weights_sha256="-")


def from_record(
    record: Mapping[str, Any],
    text: str | None = None,
    run: RunInfo = GOLD,
    source: str | None = None,
    vectors: Sequence[Sequence[float] | None] | None = None,
) -> AnnotatedArticle:
    """The record as an AnnotatedArticle; ``text`` defaults to the record's own ``text`` field."""
    text = record["text"] if text is None else text
    article = Article(
        id=record["id"],
        text=text,
        title=record.get("title"),
        url=record.get("url"),
        outlet=record.get("outlet"),
        published=record.get("published"),
        source=source,
    )
    sentences = tuple(_sentence(text, i, s) for i, s in enumerate(record["sentences"]))
    return AnnotatedArticle(article, sentences, run, tuple(vectors) if vectors is not None else None)


def _span(value: Mapping[str, int] | None) -> Span | None:
    return None if not value else Span(value["start"], value["end"])


def _sentence(text: str, index: int, s: Mapping[str, Any]) -> AnnotatedSentence:
    mention = _span(s.get("speaker_mention"))
    return AnnotatedSentence(
        index=index,
        start=s["start"],
        end=s["end"],
        text=s["text"],
        stance=s.get("stance") or "neutral",
        speaker=s.get("speaker"),
        speaker_mention=mention,
        speaker_type=s.get("speaker_type"),
        cue=s.get("cue"),
        cue_mention=_span(s.get("cue_mention")),
        via=tuple(s.get("via") or ()),
        channel=s.get("channel"),
        holder=s.get("holder"),
        confidence=s.get("confidence"),
        uncertain=s.get("uncertain"),
        description=describe(text, mention.end) if mention else None,
    )
