"""The frozen records that flow through the pipeline stages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kg import __version__


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read: ``text`` is the coordinate system of every offset."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    source: str | None = None

    def metadata(self) -> dict[str, str | None]:
        """The article's fields in the annotation format's order, without its text."""
        return {
            "id": self.id,
            "outlet": self.outlet,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: ``article.text[start:end] == text``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Span:
    """Character offsets into the article text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Description:
    """What the text says of a speaker right after its mention ("Guo Jiakun, spokesman for the ministry,")."""

    text: str
    role: str | None = None  # "spokesman"
    affiliations: tuple[str, ...] = ()  # named organisations in the description ("Foreign Ministry")


@dataclass(frozen=True, slots=True)
class AnnotatedSentence:
    """A sentence with every label of the annotation scheme (docs/annotation-guidelines.md).

    ``confidence`` and ``uncertain`` come from the model (None for hand-made labels);
    ``description`` is read from the text by the model package, never by the graph.
    """

    index: int
    start: int
    end: int
    text: str
    stance: str = "neutral"
    speaker: str | None = None
    speaker_mention: Span | None = None
    speaker_type: str | None = None
    cue: str | None = None
    cue_mention: Span | None = None
    via: tuple[str, ...] = ()  # intermediaries, nearest the article first
    channel: str | None = None
    holder: str | None = None
    confidence: float | None = None
    uncertain: bool | None = None
    description: Description | None = None

    @property
    def is_claim(self) -> bool:
        """A sentence with a holder or a speaker is a claim in the graph."""
        return bool(self.holder or self.speaker)

    def to_record(self) -> dict[str, Any]:
        """The sentence in the annotation format (the contract shared with gold files)."""
        out: dict[str, Any] = {"start": self.start, "end": self.end, "text": self.text}
        out.update(
            speaker=self.speaker,
            speaker_mention=_span_record(self.speaker_mention),
            speaker_type=self.speaker_type,
            cue=self.cue,
            cue_mention=_span_record(self.cue_mention),
            via=list(self.via),
            channel=self.channel,
            holder=self.holder,
            stance=self.stance,
        )
        if self.confidence is not None:
            out.update(confidence=self.confidence, uncertain=self.uncertain)
        return out


def _span_record(span: Span | None) -> dict[str, int] | None:
    return None if span is None else {"start": span.start, "end": span.end}


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What produced the annotations: the model and its weights, the code version."""

    model: str
    weights_sha256: str
    code_version: str = __version__


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    """An article with its annotated sentences: what the model stage hands to every later stage.

    ``vectors`` holds each sentence's claim vector (None where the sentence needs none), or
    is None when vectors were not asked for.
    """

    article: Article
    sentences: tuple[AnnotatedSentence, ...]
    run: RunInfo
    vectors: tuple[Sequence[float] | None, ...] | None = None

    @property
    def id(self) -> str:
        return self.article.id

    def to_record(self) -> dict[str, Any]:
        """The article in the annotation format: what `kg annotate` writes."""
        return {**self.article.metadata(), "sentences": [s.to_record() for s in self.sentences]}
