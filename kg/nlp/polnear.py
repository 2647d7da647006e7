"""Read PolNeAR (brat standoff) and score speaker-mention and cue spans against it (no torch).

PolNeAR is not shipped with kg and must never be trained on; this reader lets users
who hold a copy measure kg on real news. Layout: ``DIR/text/NAME.txt`` and
``DIR/attributions/NAME_ANNOTATOR.ann``; an article annotated twice is scored twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

Span = tuple[int, int]


@dataclass(frozen=True)
class PolnearDoc:
    name: str  # the .ann file's stem
    text_path: Path
    sources: tuple[Span, ...]
    cues: tuple[Span, ...]


def _span(field: str) -> Span:
    """'89 106' or a discontinuous '89 95;98 106' -> its covering span."""
    numbers = [int(x) for part in field.split(";") for x in part.split()]
    return min(numbers), max(numbers)


def read_polnear(folder: Path) -> Iterator[PolnearDoc]:
    """Every annotation file of a PolNeAR split folder, with its article text path."""
    texts, anns = folder / "text", folder / "attributions"
    if not texts.is_dir() or not anns.is_dir():
        raise InputError(str(folder), "not a PolNeAR split folder", "expected text/ and attributions/ inside")
    for ann in sorted(anns.glob("*.ann")):
        text_path = texts / (ann.stem.rsplit("_", 1)[0] + ".txt")
        if not text_path.is_file():
            continue
        sources, cues = [], []
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 2 or not parts[0].startswith("T"):
                continue
            kind, _, offsets = parts[1].partition(" ")
            if kind == "Source":
                sources.append(_span(offsets))
            elif kind == "Cue":
                cues.append(_span(offsets))
        yield PolnearDoc(ann.stem, text_path, tuple(sources), tuple(cues))


@dataclass
class Overlap:
    """Overlap P/R/F1: precision over predicted spans, recall over gold spans."""

    pred_hit: int = 0
    pred_total: int = 0
    gold_hit: int = 0
    gold_total: int = 0

    def add(self, gold: Sequence[Span], pred: Sequence[Span]) -> None:
        def hits(a: Span, others: Sequence[Span]) -> bool:
            return any(o[0] < a[1] and a[0] < o[1] for o in others)

        self.pred_hit += sum(hits(p, gold) for p in pred)
        self.pred_total += len(pred)
        self.gold_hit += sum(hits(g, pred) for g in gold)
        self.gold_total += len(gold)

    @property
    def p(self) -> float:
        return self.pred_hit / self.pred_total if self.pred_total else 0.0

    @property
    def r(self) -> float:
        return self.gold_hit / self.gold_total if self.gold_total else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0
