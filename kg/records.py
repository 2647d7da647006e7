"""The frozen records that flow through the pipeline stages."""

from __future__ import annotations

from dataclasses import dataclass


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


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: ``article.text[start:end] == text``."""

    article_id: str
    index: int
    start: int
    end: int
    text: str
