"""Ingest: files, folders, JSON, HTML and standard input -> Article records."""

from __future__ import annotations

from kg.ingest.reader import Diagnostics, read_articles

__all__ = ["Diagnostics", "read_articles"]
