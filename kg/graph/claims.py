"""Claims and counterclaims: same-proposition groups and `counters` links.

A claim is a sentence with a holder or a speaker. Two claims state the same proposition
when their holders are the same entity and their sentence embeddings (the base encoder,
mean-pooled, as all-MiniLM-L6-v2 is meant to be used; computed at annotation time and
stored with the claim) are close. A denial counters the eager claims of its article
that it is close to ("Chinese officials denied that any talks are underway" counters
"Washington is proactively seeking dialogue"), and the closest eager claims of other
articles that concern the same entity.

Only claims that can be linked are compared: denials with the eager claims of their
article or of their entities, claims with the claims of the same holder and stance. The
comparisons run as block matrix products per bucket, so time grows with the buckets, not
with the square of the store, and memory stays at one block.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

GROUP_SIMILARITY = 0.75
COUNTER_SIMILARITY = 0.25  # chosen on the dev split's counters pairs (scripts/eval_counters.py)
CROSS_COUNTERS = 5  # per denial, the closest eager claims of other articles that are kept
_BLOCK = 512
DIM = 384


def linkable(stance: str, holder: str | None) -> bool:
    """Whether a claim can get a link: a denial or eager claim (counters), or one with a holder (groups).

    Only these need a vector; the others are never compared.
    """
    return stance in ("denying", "eager") or bool(holder)


@dataclass(frozen=True)
class ClaimNode:
    iri: str
    article: str
    text: str
    holder: str | None  # the holder's normalised key
    stance: str
    speaker: str | None = None  # the speaker's normalised key


@lru_cache(maxsize=2)
def _encoder(device: str, precision: str):
    import torch

    from kg.nlp.device import prepare
    from kg.nlp.encoder import load_base_encoder, load_tokenizer

    return load_tokenizer(), prepare(load_base_encoder().eval(), torch.device(device), precision)


def embed(
    texts: Sequence[str], batch_tokens: int | None = None, device: str = "cpu", precision: str = "fp32"
) -> np.ndarray:
    """Unit-length sentence embeddings from the base encoder (mean of token states).

    Texts are sorted by length and batched under a token budget, so little is padding.
    """
    import torch

    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    from kg.nlp.device import batch_tokens as default_batch_tokens
    from kg.nlp.infer import length_batches

    tokenizer, model = _encoder(device, precision)
    batch_tokens = batch_tokens or default_batch_tokens(torch.device(device), precision)
    encs = [e.ids[:256] for e in tokenizer.encode_batch(list(texts))]
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    with torch.inference_mode():
        for rows in length_batches([len(e) for e in encs], batch_tokens):
            width = len(encs[rows[-1]])
            ids = torch.tensor([encs[k] + [0] * (width - len(encs[k])) for k in rows])
            mask = (torch.arange(width)[None, :] < torch.tensor([len(encs[k]) for k in rows])[:, None]).long()
            ids, mask = ids.to(device), mask.to(device)
            states = model(input_ids=ids, attention_mask=mask).last_hidden_state.float()
            pooled = (states * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)
            out[rows] = torch.nn.functional.normalize(pooled, dim=-1).cpu().numpy()
    return out


def needs_vector(sentence: dict) -> bool:
    """A claim (a holder or a speaker, as the graph builds it) that linking may compare."""
    is_claim = sentence.get("holder") or sentence.get("speaker")
    return bool(is_claim) and linkable(sentence["stance"], sentence.get("holder"))


def claim_vectors(
    articles: Sequence[Sequence[dict]], device: str = "cpu", precision: str = "fp32"
) -> list[list[np.ndarray | None]]:
    """Per article and sentence, the vector linking needs (None where none is), in one batched pass."""
    where = [(a, i) for a, sents in enumerate(articles) for i, s in enumerate(sents) if needs_vector(s)]
    vectors = embed([articles[a][i]["text"] for a, i in where], device=device, precision=precision)
    out: list[list[np.ndarray | None]] = [[None] * len(sents) for sents in articles]
    for (a, i), vector in zip(where, vectors, strict=True):
        out[a][i] = vector
    return out


def _similar(vectors: np.ndarray, rows: Sequence[int], cols: Sequence[int], threshold: float) -> Iterable:
    """(row, col, similarity) of every pair at or above ``threshold``, one block of rows at a time."""
    rows, cols = np.asarray(rows), np.asarray(cols)
    right = vectors[cols].astype(np.float32).T  # vectors may be held as float16
    for lo in range(0, len(rows), _BLOCK):
        block = vectors[rows[lo : lo + _BLOCK]].astype(np.float32) @ right
        for r, c in zip(*np.nonzero(block >= threshold), strict=True):
            yield int(rows[lo + r]), int(cols[c]), float(block[r, c])


def _keys(c: ClaimNode) -> set[str]:
    return {c.holder, c.speaker} - {None}


def counter_pairs(
    claims: Sequence[ClaimNode],
    vectors: np.ndarray,
    threshold: float = COUNTER_SIMILARITY,
    cross: int = CROSS_COUNTERS,
) -> list[tuple[int, int]]:
    """(i, j): claim i, a denial, counters claim j, an eager claim (sorted).

    Within an article every close pair is kept; across articles that share an entity, the
    ``cross`` closest eager claims of each denial.
    """
    by_article: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    by_key: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for k, c in enumerate(claims):
        side = {"denying": 0, "eager": 1}.get(c.stance)
        if side is None:
            continue
        by_article[c.article][side].append(k)
        for key in _keys(c):
            by_key[key][side].append(k)
    pairs: set[tuple[int, int]] = set()
    for denials, eager in by_article.values():
        if denials and eager:
            pairs.update((i, j) for i, j, _ in _similar(vectors, denials, eager, threshold))
    nearest: dict[int, dict[int, float]] = defaultdict(dict)
    for denials, eager in by_key.values():
        if denials and eager:
            for i, j, sim in _similar(vectors, denials, eager, threshold):
                if claims[i].article != claims[j].article:
                    nearest[i][j] = sim
    for i, found in nearest.items():
        pairs.update((i, j) for j in sorted(found, key=lambda j: (-found[j], j))[:cross])
    return sorted(pairs)


def groups(
    claims: Sequence[ClaimNode], vectors: np.ndarray, threshold: float = GROUP_SIMILARITY
) -> list[list[int]]:
    """Connected components of claims with the same holder, stance and close vectors (size >= 2)."""
    parent = list(range(len(claims)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, c in enumerate(claims):
        if c.holder:
            buckets[(c.holder, c.stance)].append(k)
    for members in buckets.values():
        if len(members) > 1:
            for i, j, _ in _similar(vectors, members, members, threshold):
                if i < j:
                    parent[find(i)] = find(j)
    members_of: dict[int, list[int]] = {}
    for k in range(len(claims)):
        members_of.setdefault(find(k), []).append(k)
    return [m for m in members_of.values() if len(m) > 1]
