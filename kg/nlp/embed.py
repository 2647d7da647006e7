"""Sentence vectors for claims: the interface the graph code receives, and the base encoder behind it.

The graph never loads a model: whoever builds or refreshes a store hands it an ``Encoder``
(the base encoder here, or any object with ``dim`` and ``encode``, such as a test's fake).
torch is imported on the first ``encode`` call, not when this module is imported.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

from kg.records import AnnotatedSentence

DIM = 384  # all-MiniLM-L6-v2's hidden size


@runtime_checkable
class Encoder(Protocol):
    """Texts -> unit-length vectors, one row per text."""

    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class BaseEncoder:
    """The base encoder (all-MiniLM-L6-v2), mean-pooled as it is meant to be used; loaded on first use.

    Texts are sorted by length and batched under a token budget, so little is padding.
    """

    dim = DIM

    def __init__(self, device: str = "cpu", precision: str = "fp32", batch_tokens: int | None = None) -> None:
        self.device, self.precision, self.batch_tokens = device, precision, batch_tokens
        self._loaded: tuple | None = None

    def _load(self) -> tuple:
        if self._loaded is None:
            import torch

            from kg.nlp.device import batch_tokens, prepare
            from kg.nlp.encoder import load_base_encoder, load_tokenizer

            device = torch.device(self.device)
            model = prepare(load_base_encoder().eval(), device, self.precision)
            self._loaded = (
                load_tokenizer(),
                model,
                self.batch_tokens or batch_tokens(device, self.precision),
            )
        return self._loaded

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        import torch

        from kg.nlp.infer import length_batches

        tokenizer, model, budget = self._load()
        encs = [e.ids[:256] for e in tokenizer.encode_batch(list(texts))]
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        with torch.inference_mode():
            for rows in length_batches([len(e) for e in encs], budget):
                width = len(encs[rows[-1]])
                ids = torch.tensor([encs[k] + [0] * (width - len(encs[k])) for k in rows])
                lengths = torch.tensor([len(encs[k]) for k in rows])
                mask = (torch.arange(width)[None, :] < lengths[:, None]).long()
                ids, mask = ids.to(self.device), mask.to(self.device)
                states = model(input_ids=ids, attention_mask=mask).last_hidden_state.float()
                pooled = (states * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)
                out[rows] = torch.nn.functional.normalize(pooled, dim=-1).cpu().numpy()
        return out


def claim_vectors(
    articles: Sequence[Sequence[AnnotatedSentence]], encoder: Encoder
) -> list[tuple[np.ndarray | None, ...]]:
    """Per article and sentence, the vector linking needs (None where none is), in one batched pass."""
    where = [(a, i) for a, sents in enumerate(articles) for i, s in enumerate(sents) if s.is_claim]
    vectors = encoder.encode([articles[a][i].text for a, i in where])
    out: list[list[np.ndarray | None]] = [[None] * len(sents) for sents in articles]
    for (a, i), vector in zip(where, vectors, strict=True):
        out[a][i] = vector
    return [tuple(v) for v in out]
