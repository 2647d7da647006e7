"""Confidence that means something: one temperature for the sentence heads, fitted on dev.

A sentence's ``confidence`` is the product of the source, stance and holder heads' top
probabilities. Dividing their logits by a temperature leaves every label unchanged and
only moves the confidence; the temperature kept is the one whose expected calibration
error (kg.nlp.evaluate) on the dev records is lowest. The model runs once; each candidate
temperature only re-decodes its stored probabilities.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from kg.nlp.decode import decode_article
from kg.nlp.evaluate import score
from kg.nlp.infer import RawSentence, predict
from kg.nlp.model import AttributionModel
from kg.segment import sentence_spans

GRID = tuple(round(0.5 + 0.1 * k, 2) for k in range(46))  # 0.5 .. 5.0


def rescale(raw: RawSentence, factor: float) -> RawSentence:
    """Probabilities as if the logits had been divided by ``factor`` more."""
    probs = {}
    for name, p in raw.probs.items():
        logs = [math.log(max(x, 1e-12)) / factor for x in p]
        top = max(logs)
        exps = [math.exp(x - top) for x in logs]
        total = sum(exps)
        probs[name] = tuple(x / total for x in exps)
    return RawSentence(raw.spans, probs)


def fit_temperature(
    model: AttributionModel, tokenizer, records: Sequence[dict], grid: Sequence[float] = GRID
) -> dict[str, float]:
    """The temperature with the lowest calibration error on ``records``, and the errors before and after.

    Set on ``model.config.temperature``; the figures are relative to the model's current temperature.
    """
    docs = [(r["text"], sentence_spans(r["text"])) for r in records]
    raw = predict(model, tokenizer, docs)
    current = model.config.temperature

    def error(t: float) -> float:
        preds = {
            rec["id"]: [
                s.to_record() for s in decode_article(text, spans, [rescale(x, t / current) for x in sents])
            ]
            for rec, (text, spans), sents in zip(records, docs, raw, strict=True)
        }
        return score(records, preds).calibration_error

    before = error(current)
    errors = {t: error(t) for t in grid}
    best = min(errors, key=errors.__getitem__)
    model.config.temperature = best
    return {"temperature": best, "ece_before": round(before, 4), "ece_after": round(errors[best], 4)}
