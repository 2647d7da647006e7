"""Batched inference: windows sorted by length, padded per batch, one forward pass each.

``predict`` is free of I/O and of decisions about entities: it returns, per sentence,
the tagged spans with scores and the sentence heads' probabilities. Resolution and
record building happen in ``kg.nlp.decode``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import torch

from kg.nlp import labels as L
from kg.nlp.model import SENTENCE_HEADS, AttributionModel
from kg.nlp.windows import Window, frame_of, pack, tokenize

Doc = tuple[str, Sequence[tuple[int, int]]]  # article text and its sentence spans


@dataclass(frozen=True, slots=True)
class TaggedSpan:
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class RawSentence:
    """What the model says about one sentence, before resolution."""

    spans: dict[str, tuple[TaggedSpan, ...]]
    probs: dict[str, tuple[float, ...]]  # head name -> probabilities over its inventory


def windows_for(docs: Sequence[Doc], tokenizer, max_tokens: int) -> tuple[list[Window], list[int]]:
    """All windows of all docs, and the first global sentence number of each doc."""
    windows, firsts, first = [], [], 0
    for a, (text, spans) in enumerate(docs):
        firsts.append(first)
        windows += pack(tokenize(tokenizer, text, spans, first), a, max_tokens, frame_of(tokenizer))
        first += len(spans)
    return windows, firsts


def collate(windows: Sequence[Window]) -> dict[str, torch.Tensor]:
    """Pad a batch of windows; sentence numbers are made local to the batch (0..n-1)."""
    width = max(len(w.input_ids) for w in windows)
    local: dict[int, int] = {}
    ids, cases, mask, sents = [], [], [], []
    for w in windows:
        pad = width - len(w.input_ids)
        ids.append(list(w.input_ids) + [0] * pad)
        cases.append(list(w.case_ids) + [0] * pad)
        mask.append([1] * len(w.input_ids) + [0] * pad)
        sents.append([local.setdefault(s, len(local)) if s >= 0 else -1 for s in w.sentence_ids] + [-1] * pad)
    return {
        "input_ids": torch.tensor(ids),
        "case_ids": torch.tensor(cases),
        "attention_mask": torch.tensor(mask),
        "sentence_index": torch.tensor(sents),
        "global_sentences": torch.tensor(list(local)),
    }


def length_batches(lengths: Sequence[int], max_tokens: int) -> list[list[int]]:
    """Indices sorted by length, grouped so each padded batch (size x longest) stays under a budget."""
    out: list[list[int]] = []
    for k in sorted(range(len(lengths)), key=lengths.__getitem__):
        if out and lengths[k] * (len(out[-1]) + 1) <= max_tokens:
            out[-1].append(k)
        else:
            out.append([k])
    return out


def batches(windows: Sequence[Window], max_batch_tokens: int) -> list[list[Window]]:
    """Windows sorted by length, grouped so each padded batch stays under a token budget."""
    lengths = [len(w.input_ids) for w in windows]
    return [[windows[k] for k in group] for group in length_batches(lengths, max_batch_tokens)]


def _spans(
    tags: list[list[int]], probs: list[list[float]], window: Window
) -> dict[int, dict[str, list[TaggedSpan]]]:
    """Decode B/I/O per layer into character spans, grouped by global sentence.

    ``tags`` and ``probs`` are plain lists ([token][layer]) so the loop stays in Python
    types; only tagged tokens (most are O) start any work.
    """
    found: dict[int, dict[str, list[TaggedSpan]]] = {}
    n = len(window.input_ids)
    sids = window.sentence_ids
    for t in range(n):
        row = tags[t]
        if sids[t] < 0 or not any(row):
            continue
        for li, tag in enumerate(row):
            if tag != 1 and not (tag == 2 and (t == 0 or tags[t - 1][li] == 0 or sids[t - 1] != sids[t])):
                continue  # a span starts at B, or at an I that follows no span
            end, scores = t + 1, [probs[t][li]]
            while end < n and sids[end] == sids[t] and tags[end][li] == 2:
                scores.append(probs[end][li])
                end += 1
            span = TaggedSpan(window.offsets[t][0], window.offsets[end - 1][1], sum(scores) / len(scores))
            found.setdefault(sids[t], {}).setdefault(L.TAG_LAYERS[li], []).append(span)
    return found


def _offset(head: str) -> int:
    """Where ``head``'s logits start in the sentence heads' joined logits."""
    names = list(SENTENCE_HEADS)
    return sum(len(SENTENCE_HEADS[n]) for n in names[: names.index(head)])


def predict(
    model: AttributionModel,
    tokenizer,
    docs: Sequence[Doc],
    max_batch_tokens: int = 8192,
) -> list[list[RawSentence]]:
    """Raw predictions for every sentence of every doc, in order."""
    windows, firsts = windows_for(docs, tokenizer, model.config.window_tokens)
    total = firsts[-1] + len(docs[-1][1]) if docs else 0
    spans: dict[int, dict[str, list[TaggedSpan]]] = {}
    logits: dict[int, list[torch.Tensor]] = {}
    model.eval()
    device = next(model.parameters()).device
    with torch.inference_mode():
        for batch in batches(windows, max_batch_tokens):
            inputs = collate(batch)
            globals_ = inputs.pop("global_sentences").tolist()
            tag_logits, heads = model(**{k: v.to(device) for k, v in inputs.items()})
            tag_probs, tags = tag_logits.float().softmax(-1).max(-1)
            tags_list, probs_list = tags.tolist(), tag_probs.tolist()
            for b, window in enumerate(batch):
                for sid, layers in _spans(tags_list[b], probs_list[b], window).items():
                    for layer, found in layers.items():
                        spans.setdefault(sid, {}).setdefault(layer, []).extend(found)
            joined = torch.cat([heads[name] for name in SENTENCE_HEADS], dim=-1).float().cpu()
            for local, sid in enumerate(globals_):
                logits.setdefault(sid, []).append(joined[local])
    sizes = [len(v) for v in SENTENCE_HEADS.values()]
    temperature = model.config.temperature
    none_at = _offset("source") + L.SOURCES.index("none")
    raw: list[RawSentence] = []
    for sid in range(total):
        parts = logits.get(sid)
        mean = torch.stack(parts).mean(0) if parts else torch.zeros(sum(sizes))
        mean[none_at] += model.config.none_bias
        probs = {
            name: tuple((chunk / temperature).softmax(-1).tolist())
            for name, chunk in zip(SENTENCE_HEADS, mean.split(sizes), strict=True)
        }
        layers = spans.get(sid, {})
        raw.append(RawSentence({k: tuple(layers.get(k, ())) for k in L.TAG_LAYERS}, probs))
    return [raw[f : f + len(spans_)] for f, (_, spans_) in zip(firsts, docs, strict=True)]
