"""Training targets from gold records: character spans per tag layer and sentence labels."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from kg.nlp import labels as L
from kg.nlp.windows import Window

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class SentenceTargets:
    spans: dict[str, tuple[Span, ...]]  # tag layer -> character spans in the article
    stance: int
    source: int
    holder: int
    type: int


def find_name(text: str, start: int, end: int, names: Sequence[str]) -> Span | None:
    """Article span of the longest of ``names`` found as whole words in ``text[start:end]``."""
    best: Span | None = None
    for name in sorted({n for n in names if n and n.strip()}, key=len, reverse=True):
        left = r"\b" if name[0].isalnum() else ""
        right = r"\b" if name[-1].isalnum() else ""
        match = re.compile(left + re.escape(name) + right).search(text, start, end)
        if match is None:
            match = re.compile(left + re.escape(name) + right, re.IGNORECASE).search(text, start, end)
        if match and (best is None or match.end() - match.start() > best[1] - best[0]):
            best = match.span()
    return best


def _channel_names(channel: str) -> list[str]:
    bare = re.sub(r"^(?:a|an|the|in a|on|in|at)\s+", "", channel, flags=re.IGNORECASE)
    return [channel, bare]


def sentence_targets(record: dict) -> list[SentenceTargets]:
    """Targets for every sentence of a gold article record."""
    text, entities = record["text"], record.get("entities", {})
    out: list[SentenceTargets] = []
    previous_holder = None
    for sent in record["sentences"]:
        s, e = sent["start"], sent["end"]
        spans: dict[str, list[Span]] = {layer: [] for layer in L.TAG_LAYERS}
        for layer, key in (("speaker", "speaker_mention"), ("cue", "cue_mention")):
            if sent.get(key):
                spans[layer].append((sent[key]["start"], sent[key]["end"]))
        for name in sent.get("via") or []:
            found = find_name(text, s, e, [name, *entities.get(name, [])])
            if found:
                spans["via"].append(found)
        if sent.get("channel"):
            found = find_name(text, s, e, _channel_names(sent["channel"]))
            if found:
                spans["channel"].append(found)
        holder, speaker = sent.get("holder"), sent.get("speaker")
        if holder is None:
            mode = "none"
        elif holder == speaker:
            mode = "speaker"
        else:
            found = find_name(text, s, e, [holder, *entities.get(holder, [])])
            if found:
                spans["holder"].append(found)
                mode = "mention"
            else:
                mode = "carry" if holder == previous_holder else "mention"
        previous_holder = holder
        if speaker is None:
            source = "none"
        elif sent.get("speaker_mention"):
            source = "mention"
        elif sent.get("speaker_type") == "unnamed":
            source = "unnamed"
        else:
            source = "carry"
        out.append(
            SentenceTargets(
                spans={k: tuple(v) for k, v in spans.items()},
                stance=L.STANCES.index(sent["stance"]),
                source=L.SOURCES.index(source),
                holder=L.HOLDERS.index(mode),
                type=L.TYPES.index(sent.get("speaker_type") or "none"),
            )
        )
    return out


def tag_targets(window: Window, targets: Sequence[SentenceTargets], first_sentence: int) -> list[list[int]]:
    """B/I/O per token and tag layer; ``targets[k]`` is global sentence ``first_sentence + k``."""
    rows = [[0] * len(L.TAG_LAYERS) for _ in window.input_ids]
    for layer_index, layer in enumerate(L.TAG_LAYERS):
        inside: Span | None = None
        for t, (sid, (a, b)) in enumerate(zip(window.sentence_ids, window.offsets, strict=True)):
            if sid < 0:
                inside = None
                continue
            span = next(
                (sp for sp in targets[sid - first_sentence].spans[layer] if a < sp[1] and b > sp[0]), None
            )
            if span is None:
                inside = None
                continue
            rows[t][layer_index] = 2 if span == inside else 1
            inside = span
    return rows
