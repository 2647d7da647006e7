"""Confidence that means something: a row's confidence, mapped on dev to how often such rows are right.

A sentence's raw confidence is the product of the source, stance and holder heads' top
probabilities after dividing their logits by one temperature. On real news that product
misses two things: the heads' errors come together (a sentence without a speaker has no
holder and a neutral stance, so a product of three probabilities is too low there), and
a speaker's name can resolve to the wrong person, which no head sees (so it is too high
on attributed rows). The row confidence is therefore ``sigmoid(slope * logit(product) +
bias)`` with one (slope, bias) for rows without a speaker and one for rows with one:
four numbers, fitted by log-loss on the dev records after the temperature and stored in
the model's config (``training.calibration.rows``). The model runs once and decodes once.

On request (``--none-bias``) one decision is fitted on dev before the confidence: a bias on the
source head's "no attribution" logit (``none_bias``), the one of NONE_BIASES with the best mean
dev score. The shipped models keep 0: on the default model the bias dev chose (-1.75) gained
0.005 of the dev score but traded 1.8 points of Wikinews test attribution F1 for 0.6 of speaker
and holder accuracy.

``python -m kg.nlp.calibrate MODEL_DIR GOLD...`` re-fits a saved model without training.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.nlp.confidence import ATTRIBUTED, SPEAKERLESS, RowMap, logit, row_confidence, row_map, sigmoid
from kg.nlp.encoder import record_sums, recorded_sums
from kg.nlp.evaluate import align, expected_calibration_error, row_right
from kg.nlp.infer import RawSentence, predict
from kg.nlp.labels import SOURCES
from kg.nlp.model import AttributionModel
from kg.segment import sentence_spans

GRID = tuple(round(0.5 + 0.1 * k, 2) for k in range(46))  # 0.5 .. 5.0
NONE_BIASES = tuple(-0.25 * k for k in range(13))  # 0 .. -3: the source head's "no attribution" logit
HEADS = ("source", "stance", "holder")  # the heads whose top probabilities make a row's confidence


@dataclass(frozen=True)
class Row:
    """One dev sentence as the calibration sees it: its heads' output and whether the row was right."""

    raw: RawSentence
    speakerless: bool
    right: bool


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


def shift_none(raw: RawSentence, bias: float, temperature: float) -> RawSentence:
    """Probabilities as if ``bias`` had been added to the "no attribution" logit (before ``temperature``)."""
    p = list(raw.probs["source"])
    p[SOURCES.index("none")] *= math.exp(bias / temperature)
    total = sum(p)
    return RawSentence(raw.spans, {**raw.probs, "source": tuple(x / total for x in p)})


def fit_none_bias(
    model: AttributionModel,
    tokenizer,
    dev_sets: Sequence[Sequence[dict]],
    grid: Sequence[float] = NONE_BIASES,
) -> dict[str, object]:
    """The bias on the "no attribution" logit with the best mean dev score (kg.nlp.run.dev_score).

    The model runs once per set; each bias only re-decodes. Of equal scores the smallest shift
    wins. The bias is added to ``model.config.none_bias`` and returned with the scores.
    """
    from kg.nlp.decode import decode_article
    from kg.nlp.run import dev_score

    outputs = []
    for records in dev_sets:
        docs = [(r["text"], sentence_spans(r["text"])) for r in records]
        outputs.append((records, docs, predict(model, tokenizer, docs)))

    temperature = model.config.temperature

    def mean_score(bias: float) -> float:
        scores = []
        for records, docs, raw in outputs:
            shifted = [
                [
                    s.to_record()
                    for s in decode_article(text, spans, [shift_none(x, bias, temperature) for x in r])
                ]
                for (text, spans), r in zip(docs, raw, strict=True)
            ]
            scores.append(dev_score(lambda _docs, out=shifted: out, records))
        return sum(scores) / len(scores)

    scores = {bias: mean_score(bias) for bias in grid}
    best = max(grid, key=lambda b: (round(scores[b], 4), b))
    model.config.none_bias = round(model.config.none_bias + best, 4)
    return {
        "none_bias": model.config.none_bias,
        "dev_score_before": round(scores[0.0], 4),
        "dev_score_after": round(scores[best], 4),
    }


def head_product(raw: RawSentence) -> float:
    """The raw row confidence: the product of the heads' top probabilities (as kg.nlp.decode takes them)."""
    return math.prod(max(raw.probs[h]) for h in HEADS)


def fit_platt(
    pairs: Sequence[tuple[float, bool]], ridge: float = 1.0, steps: int = 100
) -> tuple[float, float]:
    """(slope, bias) of the lowest log-loss for ``sigmoid(slope * logit(p) + bias)``, by Newton's method.

    ``ridge`` pulls towards the identity (1, 0) like one pseudo-row, so a tiny or separable
    set still gives finite numbers.
    """
    xs = [logit(p) for p, _ in pairs]
    a, b = 1.0, 0.0
    for _ in range(steps):
        ga, gb, haa, hab, hbb = ridge * (a - 1), ridge * b, ridge, 0.0, ridge
        for x, (_, right) in zip(xs, pairs, strict=True):
            s = sigmoid(a * x + b)
            ga, gb = ga + (s - right) * x, gb + (s - right)
            w = s * (1 - s)
            haa, hab, hbb = haa + w * x * x, hab + w * x, hbb + w
        det = haa * hbb - hab * hab
        da, db = (hbb * ga - hab * gb) / det, (haa * gb - hab * ga) / det
        a, b = a - da, b - db
        if abs(da) + abs(db) < 1e-9:
            break
    return round(a, 4), round(b, 4)


def dev_rows(model: AttributionModel, tokenizer, records: Sequence[dict]) -> list[Row]:
    """Every gold sentence that a predicted sentence covers, with the model's output for it."""
    from kg.nlp.decode import decode_article

    docs = [(r["text"], sentence_spans(r["text"])) for r in records]
    out = []
    for rec, (text, spans), raw in zip(records, docs, predict(model, tokenizer, docs), strict=True):
        preds = [s.to_record() for s in decode_article(text, spans, raw)]
        by_start = {start: i for i, (start, _) in enumerate(spans)}
        for gold, pred in zip(rec["sentences"], align(rec["sentences"], preds), strict=True):
            if pred is not None:
                right = row_right(gold, pred, rec.get("entities", {}))
                out.append(Row(raw[by_start[pred["start"]]], pred["speaker"] is None, right))
    return out


def _error(rows: Sequence[Row], factor: float, rows_map: RowMap | None) -> float:
    return expected_calibration_error(
        [
            (row_confidence(head_product(rescale(r.raw, factor)), r.speakerless, rows_map), r.right)
            for r in rows
        ]
    )


def fit_temperature(
    model: AttributionModel, tokenizer, records: Sequence[dict], grid: Sequence[float] = GRID
) -> dict[str, object]:
    """Fit the temperature (lowest calibration error of the product), then the row map on top of it.

    Both are set on ``model.config`` (``temperature``, ``training["calibration"]``) and returned
    with the calibration error on ``records`` before (the model's own calibration) and after.
    """
    rows = dev_rows(model, tokenizer, records)
    current = model.config.temperature
    before = _error(rows, 1.0, row_map(model.config))
    best = min(grid, key=lambda t: _error(rows, t / current, None))
    products = [head_product(rescale(r.raw, best / current)) for r in rows]
    fitted_map = {}
    for group, speakerless in ((SPEAKERLESS, True), (ATTRIBUTED, False)):
        pairs = [(p, r.right) for p, r in zip(products, rows, strict=True) if r.speakerless == speakerless]
        if pairs:
            fitted_map[group] = list(fit_platt(pairs))
    fitted = {
        "temperature": best,
        "rows": fitted_map,
        "ece_before": round(before, 4),
        "ece_after": round(_error(rows, best / current, fitted_map), 4),
    }
    model.config.temperature = best
    model.config.training = {**model.config.training, "calibration": fitted}
    return fitted


def refit(folder: Path, gold_paths: Sequence[Path], none_bias: bool = False) -> dict[str, object]:
    """Re-fit a saved model's calibration on ``gold_paths``: only its calibration fields change.

    With ``none_bias``, its "no attribution" bias is fitted first (each gold file a dev set, their
    scores averaged).

    The ``config.json`` line of the folder's SHA256SUMS, where there is one, follows.
    """
    from kg.nlp.encoder import load_tokenizer
    from kg.nlp.run import load_gold

    model = AttributionModel.load(folder)
    tokenizer = load_tokenizer(model.config.base)
    dev_sets = [load_gold(p) for p in gold_paths]
    decision = fit_none_bias(model, tokenizer, dev_sets) if none_bias else None
    fitted = fit_temperature(model, tokenizer, [r for d in dev_sets for r in d])
    path = folder / "config.json"
    config = json.loads(path.read_text(encoding="utf-8"))
    config["temperature"] = fitted["temperature"]
    config["training"] = {**config.get("training", {}), "calibration": fitted}
    if decision is not None:
        config["none_bias"] = model.config.none_bias
        config["training"]["decision"] = decision
    path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    if path.name in recorded_sums(folder):
        record_sums(folder, [path.name])
    return fitted


def main(argv: Sequence[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m kg.nlp.calibrate",
        description="Re-fit a saved model's confidence (temperature and row map) on gold files.",
    )
    parser.add_argument("model", type=Path, help="the model folder (config.json, model.safetensors)")
    parser.add_argument("gold", type=Path, nargs="+", help="gold JSON Lines files, e.g. the dev splits")
    parser.add_argument(
        "--none-bias",
        action="store_true",
        help='first fit the bias on the "no attribution" logit with the best mean dev score '
        "(each gold file one dev set)",
    )
    args = parser.parse_args(argv)
    if not (args.model / "config.json").is_file():
        parser.error(f"{args.model}: no config.json; give a model folder such as kg/nlp/weights")
    print(json.dumps(refit(args.model, args.gold, args.none_bias), indent=2))


if __name__ == "__main__":
    main()
