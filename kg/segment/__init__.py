"""Sentences with exact offsets, navigation lines left out."""

from __future__ import annotations

from kg.segment.boilerplate import is_noise_line, outlet_from_lines
from kg.segment.splitter import segment, sentence_spans

__all__ = ["is_noise_line", "outlet_from_lines", "segment", "sentence_spans"]
