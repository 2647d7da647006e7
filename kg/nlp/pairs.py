"""The claim-pair classifier: a pair of claims -> counters / same proposition / unrelated.

It reads how close the two claims' sentence vectors are (the base encoder's, as stored
with each claim), what the annotations say of them (stances, whether the holders and
speakers are the same agent, whether one names the other's holder), the words they share
and how far apart they are, through one small hidden layer. Inference is plain
numpy, so refreshing a store's links loads no torch; the weights are safetensors beside
the model's (``weights/pairs.safetensors``, ``weights/pairs.json``), trained by
``scripts/train_pairs.py`` on the annotated pairs of the corpus and of Wikinews.

Candidates come first: each claim is paired with its ``NEIGHBOURS`` nearest claims (by
cosine) among those the caller allows (same article, or articles on the same matter), so
the work grows with the claims, not with their square.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

import numpy as np

from kg.annotation import STANCES
from kg.nlp.encoder import check_file, recorded_sums

WEIGHTS = Path(__file__).resolve().parent / "weights"
LABELS = ("unrelated", "counters", "same")
NEIGHBOURS = 12
_WORD = re.compile(r"[a-z]{3,}")
_STOP = frozenset(
    "the and for that said says with was were has have had are this will would not from its their they "
    "his her but who which been also than into about after over".split()
)


@dataclass(frozen=True)
class Claims:
    """What the classifier knows of each claim, as parallel arrays (one row per claim)."""

    vectors: np.ndarray  # (n, d) unit vectors
    texts: Sequence[str]
    stances: Sequence[str]
    holders: Sequence[str | None]  # agent keys: equal for the same agent
    speakers: Sequence[str | None]
    positions: Sequence[int]  # sentence index in its article
    names: dict[str, str] | None = None  # key -> the agent's name in lower case, where the key is not one


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in _STOP)


def _in_text(name: str | None, text: str) -> float:
    """Whether the last word of an agent's name (a surname, "ministry") is in a lower-cased text."""
    words = name.rsplit("#", 1)[-1].split() if name else []
    return float(bool(words) and words[-1] in text)


def features(claims: Claims, pairs: np.ndarray) -> np.ndarray:
    """One row per pair (i, j), order-free: the encoder's cosine, stances, agents, words, distance.

    The vectors enter through their cosine only: with a few hundred annotated pairs the
    full vectors overfit (scripts/train_pairs.py prints both on dev).
    """
    i, j = pairs[:, 0], pairs[:, 1]
    cosine = (claims.vectors[i].astype(np.float32) * claims.vectors[j].astype(np.float32)).sum(1)
    eye = np.eye(len(STANCES), dtype=np.float32)
    si = eye[[STANCES.index(claims.stances[k]) for k in i]]
    sj = eye[[STANCES.index(claims.stances[k]) for k in j]]
    both = si + sj
    cross = (si[:, :, None] * sj[:, None, :] + sj[:, :, None] * si[:, None, :]).reshape(len(pairs), -1)
    h, s, texts = claims.holders, claims.speakers, claims.texts
    names = claims.names or {}
    rows = {int(k) for k in np.unique(pairs)}  # only the claims these pairs touch (features runs per chunk)
    hn = {k: names.get(h[k], h[k]) if h[k] else None for k in rows}
    sn = {k: names.get(s[k], s[k]) if s[k] else None for k in rows}
    low = {k: texts[k].lower() for k in rows}
    words = {k: _words(texts[k]) for k in rows}
    found = []
    for a, b in pairs:
        shared = len(words[a] & words[b]) / max(len(words[a] | words[b]), 1)
        found.append(
            (
                h[a] is not None and h[a] == h[b],
                s[a] is not None and s[a] == s[b],
                (h[a] is None) + (h[b] is None),
                shared,
                _in_text(hn[a], low[b]) + _in_text(hn[b], low[a]),
                _in_text(sn[a], low[b]) + _in_text(sn[b], low[a]),
            )
        )
    pos = np.asarray(claims.positions)
    distance = np.log1p(np.abs(pos[i] - pos[j])).astype(np.float32)
    scalars = np.column_stack([cosine, np.asarray(found, np.float32).reshape(-1, 6), distance])
    return np.concatenate([both, cross, scalars], 1).astype(np.float32)


def candidates(vectors: np.ndarray, groups: Sequence[Sequence[int]], k: int = NEIGHBOURS) -> np.ndarray:
    """Pairs (i < j) of each claim with its ``k`` nearest claims within each group of claim rows."""
    found: set[tuple[int, int]] = set()
    for members in groups:
        rows = np.asarray(members)
        if len(rows) < 2:
            continue
        block = vectors[rows].astype(np.float32)
        for lo in range(0, len(rows), 512):
            sims = block[lo : lo + 512] @ block.T
            for r in range(sims.shape[0]):
                sims[r, lo + r] = -np.inf
            top = np.argsort(-sims, axis=1)[:, : min(k, len(rows) - 1)]
            for r, cols in enumerate(top):
                a = int(rows[lo + r])
                found.update((min(a, int(rows[c])), max(a, int(rows[c]))) for c in cols)
    return np.array(sorted(found), dtype=np.int64).reshape(-1, 2)


class PairScorer(Protocol):
    """What linking needs of a classifier: per-pair probabilities of LABELS, and thresholds."""

    threshold: dict[str, float]

    def scores(self, claims: Claims, pairs: np.ndarray) -> np.ndarray: ...


class PairClassifier:
    """The trained classifier: ``scores(claims, pairs)`` gives P(unrelated, counters, same) per pair."""

    def __init__(self, weights: dict[str, np.ndarray], config: dict) -> None:
        self.w1, self.b1 = weights["w1"], weights["b1"]
        self.w2, self.b2 = weights["w2"], weights["b2"]
        self.mean, self.scale = weights["mean"], weights["scale"]
        self.config = config

    @classmethod
    def load(cls, folder: Path = WEIGHTS) -> PairClassifier:
        """The weights in ``folder``, checked against its SHA256SUMS when that lists them."""
        from safetensors.numpy import load_file

        path = folder / "pairs.safetensors"
        if digest := recorded_sums(folder).get(path.name):
            check_file(path, digest)
        return cls(load_file(str(path)), json.loads((folder / "pairs.json").read_text(encoding="utf-8")))

    def logits(self, x: np.ndarray) -> np.ndarray:
        hidden = np.maximum(((x - self.mean) / self.scale) @ self.w1 + self.b1, 0)
        return hidden @ self.w2 + self.b2

    def scores(self, claims: Claims, pairs: np.ndarray) -> np.ndarray:
        if len(pairs) == 0:
            return np.zeros((0, len(LABELS)), np.float32)
        out = []
        for lo in range(0, len(pairs), 4096):
            z = self.logits(features(claims, pairs[lo : lo + 4096]))
            z = np.exp(z - z.max(1, keepdims=True))
            out.append(z / z.sum(1, keepdims=True))
        return np.concatenate(out)

    @property
    def threshold(self) -> dict[str, float]:
        """The probability above which a pair is linked, per relation (chosen on dev)."""
        return self.config["threshold"]


def related_articles(
    agents: dict[str, set[str]],
    dates: dict[str, str | None],
    min_shared: int = 1,
    window_days: int = 90,
    common: int = 50,
) -> list[tuple[str, str]]:
    """Pairs of articles that may be on the same matter: they share ``min_shared`` agents.

    Agents met in more than ``common`` articles do not count (a head of state links
    everything, and the pairs would grow with the square of the store), and dated articles
    more than ``window_days`` apart are never paired.
    """
    by_agent: dict[str, list[str]] = defaultdict(list)
    for article, keys in agents.items():
        for key in keys:
            by_agent[key].append(article)
    shared: Counter[tuple[str, str]] = Counter()
    for members in by_agent.values():
        if len(members) > common:
            continue
        members = sorted(members)
        for x, a in enumerate(members):
            for b in members[x + 1 :]:
                shared[(a, b)] += 1

    def day(value: str | None) -> date | None:
        try:
            return date.fromisoformat(value[:10]) if value else None
        except ValueError:
            return None

    out = []
    for (a, b), n in sorted(shared.items()):
        da, db = day(dates.get(a)), day(dates.get(b))
        if n >= min_shared and (da is None or db is None or abs((da - db).days) <= window_days):
            out.append((a, b))
    return out


def cross_candidates(
    claims: Claims, articles: Sequence[str], agents: dict[str, set[str]], related
) -> np.ndarray:
    """Pairs of claims of related articles on the same matter.

    Different holders, each met in the other's article (the same agents on both sides), or
    the same holder (same proposition, or a change of position).
    """
    rows: dict[str, list[int]] = {}
    for k, a in enumerate(articles):
        rows.setdefault(a, []).append(k)
    found = []
    h = claims.holders
    for a, b in related:
        for i in rows.get(a, ()):
            for j in rows.get(b, ()):
                hi, hj = h[i], h[j]
                if hi is None or hj is None:
                    continue
                if hi == hj or (hj in agents[a] and hi in agents[b]):
                    found.append((min(i, j), max(i, j)))
    return np.array(sorted(set(found)), dtype=np.int64).reshape(-1, 2)
