"""Claims and counterclaims: same-proposition groups and `counters` links.

A claim is a sentence with a holder or a speaker. Two claims state the same proposition
when their holders are the same entity and their sentence embeddings (the base encoder,
mean-pooled, as all-MiniLM-L6-v2 is meant to be used) are close. A denial counters the
eager claims of its article that it is close to ("Chinese officials denied that any
talks are underway" counters "Washington is proactively seeking dialogue"), and the
close eager claims of other articles that concern the same entity.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

GROUP_SIMILARITY = 0.75
COUNTER_SIMILARITY = 0.25  # chosen on the dev split's counters pairs (scripts/eval_counters.py)


@dataclass(frozen=True)
class ClaimNode:
    iri: str
    article: str
    text: str
    holder: str | None  # the holder's normalised key
    stance: str
    speaker: str | None = None  # the speaker's normalised key


@lru_cache(maxsize=1)
def _encoder():
    from kg.nlp.encoder import load_base_encoder, load_tokenizer

    return load_tokenizer(), load_base_encoder().eval()


def embed(texts: Sequence[str], batch: int = 64) -> np.ndarray:
    """Unit-length sentence embeddings from the base encoder (mean of token states)."""
    import torch

    if not texts:
        return np.zeros((0, 384), dtype=np.float32)
    tokenizer, model = _encoder()
    out = []
    with torch.inference_mode():
        for lo in range(0, len(texts), batch):
            encs = tokenizer.encode_batch(list(texts[lo : lo + batch]))
            width = min(256, max(len(e.ids) for e in encs))
            ids = torch.tensor([(e.ids[:width] + [0] * width)[:width] for e in encs])
            mask = torch.tensor([([1] * len(e.ids[:width]) + [0] * width)[:width] for e in encs])
            states = model(input_ids=ids, attention_mask=mask).last_hidden_state
            pooled = (states * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)
            out.append(torch.nn.functional.normalize(pooled, dim=-1).numpy())
    return np.concatenate(out).astype(np.float32)


def counter_pairs(
    claims: Sequence[ClaimNode], vectors: np.ndarray, threshold: float = COUNTER_SIMILARITY
) -> list[tuple[int, int]]:
    """(i, j): claim i, a denial, counters claim j, an eager claim."""
    if not claims:
        return []
    sims = vectors @ vectors.T
    pairs = []
    for i, a in enumerate(claims):
        if a.stance != "denying":
            continue
        for j, b in enumerate(claims):
            if b.stance != "eager" or sims[i, j] < threshold:
                continue
            if a.article == b.article or _share_entity(a, b):
                pairs.append((i, j))
    return pairs


def _share_entity(a: ClaimNode, b: ClaimNode) -> bool:
    keys_a, keys_b = {a.holder, a.speaker} - {None}, {b.holder, b.speaker} - {None}
    return bool(keys_a & keys_b)


def groups(
    claims: Sequence[ClaimNode], vectors: np.ndarray, threshold: float = GROUP_SIMILARITY
) -> list[list[int]]:
    """Connected components of claims with the same holder and close embeddings (size >= 2)."""
    parent = list(range(len(claims)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    sims = vectors @ vectors.T if len(claims) else np.zeros((0, 0))
    for i, a in enumerate(claims):
        for j in range(i + 1, len(claims)):
            b = claims[j]
            if a.holder and a.holder == b.holder and a.stance == b.stance and sims[i, j] >= threshold:
                parent[find(i)] = find(j)
    members: dict[int, list[int]] = {}
    for k in range(len(claims)):
        members.setdefault(find(k), []).append(k)
    return [m for m in members.values() if len(m) > 1]
