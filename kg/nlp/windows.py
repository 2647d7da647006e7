"""Pack an article's consecutive sentences into encoder windows (no torch here).

Each token is encoded about once: sentences are packed greedily into windows of at
most ``max_tokens`` word pieces, so a sentence sees its neighbours ("..., he said." sees
the quote before it) at no extra cost. A sentence longer than a window is cut into
chunks, one window each, so no article is too long.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kg.nlp.labels import case_class

CLS, SEP = 101, 102  # BERT's [CLS] and [SEP]; frame_of gives another base's


def frame_of(tokenizer) -> tuple[int, int]:
    """The ids that open and close a window for this tokenizer: <s> ... </s>, else [CLS] ... [SEP]."""
    opener, closer = tokenizer.token_to_id("<s>"), tokenizer.token_to_id("</s>")
    if opener is not None and closer is not None:
        return opener, closer
    return tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")


@dataclass(frozen=True, slots=True)
class Window:
    """Word pieces of consecutive sentences, framed by [CLS] ... [SEP]."""

    article: int
    input_ids: tuple[int, ...]
    case_ids: tuple[int, ...]
    sentence_ids: tuple[int, ...]  # global sentence number per token; -1 for [CLS] and [SEP]
    offsets: tuple[tuple[int, int], ...]  # character offsets into the article; (0, 0) for specials


@dataclass(frozen=True, slots=True)
class Piece:
    """The word pieces of one sentence."""

    sentence: int
    ids: tuple[int, ...]
    cases: tuple[int, ...]
    offsets: tuple[tuple[int, int], ...]


def tokenize(tokenizer, text: str, spans: Sequence[tuple[int, int]], first_sentence: int) -> list[Piece]:
    """Word pieces of each sentence span of ``text``, offsets shifted into the article."""
    encodings = tokenizer.encode_batch([text[s:e] for s, e in spans], add_special_tokens=False)
    pieces = []
    for k, ((start, _), enc) in enumerate(zip(spans, encodings, strict=True)):
        offsets = tuple((start + a, start + b) for a, b in enc.offsets)
        cases = tuple(case_class(text[a:b]) for a, b in offsets)
        pieces.append(Piece(first_sentence + k, tuple(enc.ids), cases, offsets))
    return pieces


def pack(
    pieces: Sequence[Piece], article: int, max_tokens: int, frame: tuple[int, int] = (CLS, SEP)
) -> list[Window]:
    """Greedy packing of consecutive sentences into windows of at most ``max_tokens``, each between ``frame``."""
    room = max_tokens - 2
    windows: list[Window] = []
    current: list[Piece] = []

    def flush() -> None:
        if current:
            windows.append(_frame(current, article, frame))
            current.clear()

    for piece in pieces:
        if not piece.ids:
            continue
        if len(piece.ids) > room:
            flush()
            for lo in range(0, len(piece.ids), room):
                chunk = Piece(
                    piece.sentence,
                    piece.ids[lo : lo + room],
                    piece.cases[lo : lo + room],
                    piece.offsets[lo : lo + room],
                )
                windows.append(_frame([chunk], article, frame))
            continue
        if sum(len(p.ids) for p in current) + len(piece.ids) > room:
            flush()
        current.append(piece)
    flush()
    return windows


def _frame(pieces: Sequence[Piece], article: int, frame: tuple[int, int]) -> Window:
    ids, cases, sents, offs = [frame[0]], [0], [-1], [(0, 0)]
    for p in pieces:
        ids += p.ids
        cases += p.cases
        sents += [p.sentence] * len(p.ids)
        offs += p.offsets
    ids.append(frame[1])
    cases.append(0)
    sents.append(-1)
    offs.append((0, 0))
    return Window(article, tuple(ids), tuple(cases), tuple(sents), tuple(offs))
