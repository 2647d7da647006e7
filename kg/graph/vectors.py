"""Claim vectors as RDF literals: 384 signed bytes, base64 (the direction is what counts).

The vector travels inside the article's graph, so every store (embedded, remote, N-Quads
shards bulk-loaded elsewhere) holds what linking needs and replaces it with the article.
Each vector is scaled so its largest component is 127 and rounded; decoding renormalises.
Rounding moves cosine similarities by about 0.002.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence

import numpy as np
from rdflib import Literal
from rdflib.namespace import XSD


def to_literal(vector: Sequence[float]) -> Literal:
    values = np.asarray(vector, dtype=np.float32)
    peak = float(np.abs(values).max()) if values.size else 0.0
    scaled = np.rint(values * (127 / peak) if peak else values).astype(np.int8)
    return Literal(base64.b64encode(scaled.tobytes()).decode("ascii"), datatype=XSD.base64Binary)


def to_bytes(text: str) -> bytes:
    """The signed bytes a literal holds (its lexical form), not yet normalised."""
    return base64.b64decode(text)


def from_text(text: str) -> np.ndarray:
    """The unit vector a literal holds (its lexical form)."""
    raw = np.frombuffer(to_bytes(text), dtype=np.int8).astype(np.float32)
    norm = float(np.linalg.norm(raw))
    return raw / norm if norm else raw
