"""Scores of annotation-format output against a gold file (no torch).

Sentences are aligned by overlapping offsets. A predicted name is right when it is the
gold canonical name or one of its aliases in the article's ``entities`` map; a pronoun
or a bare description ("he", "the outlet") never counts as resolved.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from kg.nlp.labels import STANCES

_PRONOUNS = frozenset("he she him her his they them their it its we us i".split())
_BARE = re.compile(r"^(?:the|a|an|this|that)\s+[a-z][a-z\s\-]*$")


def _norm(name: str) -> str:
    return re.sub(r"^the\s+", "", re.sub(r"\s+", " ", name.strip().lower()))


def resolved_names(gold: str, entities: dict[str, list[str]]) -> set[str]:
    """Normalised names that count as ``gold``: canonical and aliases, minus pronouns and bare descriptions."""
    names = {gold, *entities.get(gold, [])}
    return {_norm(n) for n in names if n.strip().lower() not in _PRONOUNS and not _BARE.match(n.strip())}


def same_entity(pred: str | None, gold: str | None, entities: dict[str, list[str]]) -> bool:
    if pred is None or gold is None:
        return pred is None and gold is None
    return _norm(pred) in resolved_names(gold, entities)


def align(gold: Sequence[dict], pred: Sequence[dict]) -> list[dict | None]:
    """For each gold sentence, the predicted sentence overlapping it most (or None)."""
    out: list[dict | None] = []
    j = 0
    for g in gold:
        while j < len(pred) and pred[j]["end"] <= g["start"]:
            j += 1
        best, best_overlap, k = None, 0, j
        while k < len(pred) and pred[k]["start"] < g["end"]:
            overlap = min(g["end"], pred[k]["end"]) - max(g["start"], pred[k]["start"])
            if overlap > best_overlap:
                best, best_overlap = pred[k], overlap
            k += 1
        out.append(best)
    return out


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass
class Scores:
    """Every figure `kg eval` prints, for one system."""

    attribution: PRF = field(default_factory=PRF)
    speaker_mention: PRF = field(default_factory=PRF)
    cue: PRF = field(default_factory=PRF)
    speaker: Counter[bool] = field(default_factory=Counter)
    holder: Counter[bool] = field(default_factory=Counter)
    via: Counter[bool] = field(default_factory=Counter)
    stance: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, pred) -> count
    # (confidence, whole row right) per sentence whose prediction carries a confidence
    calibration: list[tuple[float, bool]] = field(default_factory=list)
    # (marked uncertain, whole row right) per sentence whose prediction says whether it is uncertain
    flagged: list[tuple[bool, bool]] = field(default_factory=list)

    @staticmethod
    def _acc(c: Counter[bool]) -> float:
        return c[True] / (c[True] + c[False]) if c else 0.0

    @property
    def speaker_accuracy(self) -> float:
        return self._acc(self.speaker)

    @property
    def holder_accuracy(self) -> float:
        return self._acc(self.holder)

    @property
    def via_accuracy(self) -> float:
        return self._acc(self.via)

    @property
    def stance_accuracy(self) -> float:
        total = sum(self.stance.values())
        return sum(n for (g, p), n in self.stance.items() if g == p) / total if total else 0.0

    def stance_prf(self, label: str) -> PRF:
        tp = self.stance[(label, label)]
        fp = sum(n for (g, p), n in self.stance.items() if p == label and g != label)
        fn = sum(n for (g, p), n in self.stance.items() if g == label and p != label)
        return PRF(tp, fp, fn)

    @property
    def stance_macro_f1(self) -> float:
        return sum(self.stance_prf(label).f1 for label in STANCES) / len(STANCES)

    @property
    def calibration_error(self) -> float:
        """Expected calibration error of the sentence confidence, 10 equal-width bins."""
        return expected_calibration_error(self.calibration)

    def _right_share(self, uncertain: bool) -> float:
        rows = [right for marked, right in self.flagged if marked == uncertain]
        return sum(rows) / len(rows) if rows else math.nan

    @property
    def uncertain_share(self) -> float:
        """The share of rows marked uncertain."""
        return sum(marked for marked, _ in self.flagged) / len(self.flagged) if self.flagged else math.nan

    @property
    def right_when_sure(self) -> float:
        """How often a row not marked uncertain is right as a whole."""
        return self._right_share(False)

    @property
    def right_when_uncertain(self) -> float:
        """How often a row marked uncertain is right as a whole."""
        return self._right_share(True)

    def summary(self) -> dict[str, float | None]:
        def known(value: float) -> float | None:
            return None if math.isnan(value) else value

        return {
            "calibration_error": known(self.calibration_error),
            "uncertain_share": known(self.uncertain_share),
            "right_when_sure": known(self.right_when_sure),
            "right_when_uncertain": known(self.right_when_uncertain),
            "attribution_f1": self.attribution.f1,
            "speaker_accuracy": self.speaker_accuracy,
            "holder_accuracy": self.holder_accuracy,
            "via_accuracy": self.via_accuracy,
            "stance_accuracy": self.stance_accuracy,
            "stance_macro_f1": self.stance_macro_f1,
            "speaker_mention_f1": self.speaker_mention.f1,
            "cue_f1": self.cue.f1,
        }


def expected_calibration_error(pairs: Sequence[tuple[float, bool]], bins: int = 10) -> float:
    """Mean gap between confidence and accuracy, bin by bin, weighted by the bin's share."""
    if not pairs:
        return math.nan  # a system without confidences (the baseline) has no calibration
    groups: dict[int, list[tuple[float, bool]]] = {}
    for conf, right in pairs:
        groups.setdefault(min(int(conf * bins), bins - 1), []).append((conf, right))
    return sum(abs(sum(c for c, _ in g) - sum(r for _, r in g)) for g in groups.values()) / len(pairs)


def row_right(gold: dict, pred: dict, entities: dict[str, list[str]]) -> bool:
    """The row a sentence gives (speaker or none, holder, stance) is right as a whole."""
    return (
        same_entity(pred.get("speaker"), gold.get("speaker"), entities)
        and same_entity(pred.get("holder"), gold.get("holder"), entities)
        and pred.get("stance", "neutral") == gold["stance"]
    )


def _overlaps(a: dict | None, b: dict | None) -> bool:
    return bool(a and b and a["start"] < b["end"] and b["start"] < a["end"])


def _count_span(prf: PRF, gold: dict | None, pred: dict | None) -> None:
    if gold and pred:
        if _overlaps(gold, pred):
            prf.tp += 1
        else:
            prf.fp += 1
            prf.fn += 1
    elif gold:
        prf.fn += 1
    elif pred:
        prf.fp += 1


def score_article(scores: Scores, gold: dict, pred_sentences: Sequence[dict]) -> None:
    """Add one article's sentences to ``scores``."""
    entities = gold.get("entities", {})
    for g, p in zip(gold["sentences"], align(gold["sentences"], pred_sentences), strict=True):
        p = p or {}
        g_spk, p_spk = g.get("speaker"), p.get("speaker")
        if g_spk and p_spk:
            scores.attribution.tp += 1
        elif g_spk:
            scores.attribution.fn += 1
        elif p_spk:
            scores.attribution.fp += 1
        if g_spk:
            scores.speaker[same_entity(p_spk, g_spk, entities)] += 1
            gold_via, pred_via = g.get("via") or [], p.get("via") or []
            scores.via[
                len(gold_via) == len(pred_via)
                and all(same_entity(a, b, entities) for a, b in zip(pred_via, gold_via, strict=True))
            ] += 1
        if g.get("holder"):
            scores.holder[same_entity(p.get("holder"), g["holder"], entities)] += 1
        _count_span(scores.speaker_mention, g.get("speaker_mention"), p.get("speaker_mention"))
        _count_span(scores.cue, g.get("cue_mention"), p.get("cue_mention"))
        scores.stance[(g["stance"], p.get("stance", "neutral"))] += 1
        if p.get("confidence") is None and p.get("uncertain") is None:
            continue
        right = row_right(g, p, entities)
        if p.get("confidence") is not None:
            scores.calibration.append((float(p["confidence"]), right))
        if p.get("uncertain") is not None:
            scores.flagged.append((bool(p["uncertain"]), right))


def score(gold_records: Iterable[dict], predicted: dict[str, Sequence[dict]]) -> Scores:
    """Scores of predicted sentences (by article id) against gold records."""
    scores = Scores()
    for gold in gold_records:
        score_article(scores, gold, predicted.get(gold["id"], []))
    return scores
