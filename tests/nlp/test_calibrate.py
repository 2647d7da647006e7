"""Confidence: calibration error, temperature fitting, rows marked uncertain."""

from __future__ import annotations

import json
import math
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.nlp.calibrate import fit_platt, fit_temperature, head_product, refit, rescale
from kg.nlp.confidence import ATTRIBUTED, SPEAKERLESS, row_confidence, row_map
from kg.nlp.decode import UNCERTAIN_BELOW
from kg.nlp.evaluate import expected_calibration_error, score
from kg.nlp.infer import RawSentence
from kg.nlp.model import AttributionModel

QUERIES = Path(__file__).resolve().parents[2] / "kg" / "graph" / "queries"


def test_calibration_error_of_known_cases() -> None:
    assert expected_calibration_error([(0.9, True)] * 9 + [(0.9, False)]) == pytest.approx(0.0)
    assert expected_calibration_error([(1.0, False)] * 4) == pytest.approx(1.0)
    # two bins: 0.95 said, half right (gap 0.45); 0.25 said, a quarter right (gap 0)
    pairs = [(0.95, True), (0.95, False)] + [(0.25, True)] + [(0.25, False)] * 3
    assert expected_calibration_error(pairs) == pytest.approx(2 / 6 * 0.45)
    assert math.isnan(expected_calibration_error([]))


def test_rescaling_keeps_the_label_and_softens_the_confidence() -> None:
    raw = RawSentence({}, {"stance": (0.7, 0.2, 0.05, 0.05)})
    soft, sharp = rescale(raw, 2.0).probs["stance"], rescale(raw, 0.5).probs["stance"]
    assert max(range(4), key=soft.__getitem__) == 0 == max(range(4), key=sharp.__getitem__)
    assert soft[0] < 0.7 < sharp[0]
    assert sum(soft) == pytest.approx(1.0) and rescale(raw, 1.0).probs["stance"] == pytest.approx(
        raw.probs["stance"]
    )


def test_row_confidence_maps_each_group_by_its_own_numbers() -> None:
    raw = RawSentence({}, {"source": (0.9, 0.1), "stance": (0.2, 0.8), "holder": (0.5, 0.5)})
    assert head_product(raw) == pytest.approx(0.9 * 0.8 * 0.5)
    rows = {SPEAKERLESS: (1.0, math.log(3)), ATTRIBUTED: (2.0, 0.0)}
    # logit(0.5) = 0: a speakerless row keeps only its bias, odds 3 -> 0.75
    assert row_confidence(0.5, True, rows) == pytest.approx(0.75)
    # slope 2 squares the odds: 0.25 (odds 1/3) -> odds 1/9 -> 0.1
    assert row_confidence(0.25, False, rows) == pytest.approx(0.1)
    assert row_confidence(0.25, False, None) == 0.25 == row_confidence(0.25, False, {SPEAKERLESS: (1.0, 3.0)})


def test_platt_fit_recovers_the_map_behind_the_rows() -> None:
    # rows whose share right is exactly sigmoid(0.5 * logit(p) - 0.4), 1000 per product
    pairs = []
    for p in (0.1, 0.3, 0.5, 0.7, 0.9):
        share = row_confidence(p, False, {ATTRIBUTED: (0.5, -0.4)})
        right = round(1000 * share)
        pairs += [(p, True)] * right + [(p, False)] * (1000 - right)
    slope, bias = fit_platt(pairs)
    assert slope == pytest.approx(0.5, abs=0.01) and bias == pytest.approx(-0.4, abs=0.01)
    assert fit_platt([]) == (1.0, 0.0)  # nothing to fit: the identity
    slope, bias = fit_platt([(0.9, True)] * 5)  # separable: finite, and more confident
    assert math.isfinite(slope) and row_confidence(0.9, False, {ATTRIBUTED: (slope, bias)}) > 0.9


def test_fitting_sets_the_temperature_and_the_row_map(
    tiny_model_dir: Path, tokenizer, gold_article: dict
) -> None:
    model = AttributionModel.load(tiny_model_dir)
    fitted = fit_temperature(model, tokenizer, [gold_article], grid=(0.5, 1.0, 3.0, 10.0))
    assert fitted["temperature"] in (0.5, 1.0, 3.0, 10.0)
    assert model.config.temperature == fitted["temperature"]
    assert row_map(model.config) == fitted["rows"] and set(fitted["rows"]) <= {SPEAKERLESS, ATTRIBUTED}
    assert fitted["rows"] and all(len(v) == 2 for v in fitted["rows"].values())
    assert 0 <= fitted["ece_after"] <= 1 and 0 <= fitted["ece_before"] <= 1


def test_refit_changes_only_the_decision_bias_the_calibration_and_its_sum(
    tiny_model_dir: Path, gold_article: dict, tmp_path: Path
) -> None:
    from kg.nlp.encoder import recorded_sums, sha256_file

    folder = tmp_path / "model"
    shutil.copytree(tiny_model_dir, folder)
    before = json.loads((folder / "config.json").read_text())
    (folder / "SHA256SUMS").write_text(f"{'0' * 64}  config.json\n{'1' * 64}  other.bin\n")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(gold_article) + "\n", encoding="utf-8")
    fitted = refit(folder, [gold], none_bias=True)
    after = json.loads((folder / "config.json").read_text())
    assert after["temperature"] == fitted["temperature"]
    decision = after["training"]["decision"]
    assert after["none_bias"] == decision["none_bias"] and decision["none_bias"] <= 0
    assert decision["dev_score_after"] >= decision["dev_score_before"]
    assert after["training"] == {**before["training"], "calibration": fitted, "decision": decision}
    fields = ("temperature", "training", "none_bias")
    assert {k: v for k, v in after.items() if k not in fields} == {
        k: v for k, v in before.items() if k not in fields
    }
    assert recorded_sums(folder) == {
        "config.json": sha256_file(folder / "config.json"),
        "other.bin": "1" * 64,
    }
    assert row_map(AttributionModel.load(folder).config) == fitted["rows"]


def test_every_row_says_whether_it_is_uncertain(tiny_model_dir: Path, gold_article: dict) -> None:
    from kg.nlp.annotator import Annotator
    from kg.records import Article

    (doc,) = Annotator(tiny_model_dir).annotate([Article("t", gold_article["text"])])
    record = doc.to_record()
    for s in record["sentences"]:
        assert s["uncertain"] == (s["confidence"] < UNCERTAIN_BELOW)
    result = score([gold_article], {gold_article["id"]: record["sentences"]})
    assert len(result.calibration) == len(gold_article["sentences"])


def test_the_audit_uses_the_same_threshold() -> None:
    text = (QUERIES / "who-said-what.rq").read_text(encoding="utf-8")
    (threshold,) = re.findall(r"\?confidence < ([0-9.]+) AS \?uncertain", text)
    assert float(threshold) == UNCERTAIN_BELOW


def test_eval_scores_two_models_in_one_run(tiny_model_dir: Path, gold_article: dict, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(gold_article) + "\n", encoding="utf-8")
    out = tmp_path / "eval.json"
    args = ["eval", str(gold), "--model", str(tiny_model_dir), "--against", str(tiny_model_dir)]
    result = CliRunner().invoke(app, [*args, "--json", str(out)])
    assert result.exit_code == 0, result.output
    figures = json.loads(out.read_text())[str(gold)]
    assert set(figures) == {"model", "against", "baseline"}
    assert figures["model"] == figures["against"]  # the same weights score the same
    assert figures["baseline"]["calibration_error"] is None
    assert "calibration error (ECE)" in result.output


def test_decoding_maps_the_confidence_by_the_row_map() -> None:
    from kg.nlp import labels as L
    from kg.nlp.decode import decode_article

    def one_hot(labels: tuple[str, ...], top: float) -> tuple[float, ...]:
        rest = (1 - top) / (len(labels) - 1)
        return tuple(top if i == 0 else rest for i in range(len(labels)))

    probs = {
        "source": one_hot(L.SOURCES, 0.9),
        "stance": (0.05, 0.05, 0.1, 0.8),
        "holder": one_hot(L.HOLDERS, 0.7),
    }
    raw = RawSentence({k: () for k in L.TAG_LAYERS}, {**probs, "type": one_hot(L.TYPES, 0.5)})
    rows = {SPEAKERLESS: (1.0, 2.0), ATTRIBUTED: (1.0, -2.0)}
    text = "Rain fell on Monday."
    (plain,) = decode_article(text, [(0, len(text))], [raw])
    (mapped,) = decode_article(text, [(0, len(text))], [raw], rows)
    assert plain.speaker is None and plain.confidence == round(0.9 * 0.8 * 0.7, 4)
    assert mapped.confidence == round(row_confidence(0.9 * 0.8 * 0.7, True, rows), 4) > plain.confidence
    assert mapped.uncertain is False and plain.uncertain is (plain.confidence < UNCERTAIN_BELOW)


def test_the_refit_command_names_a_folder_that_is_no_model(tmp_path, capsys) -> None:
    import pytest

    from kg.nlp.calibrate import main

    with pytest.raises(SystemExit) as stop:
        main([str(tmp_path), "dev.jsonl"])
    assert stop.value.code == 2
    assert f"{tmp_path}: no config.json" in capsys.readouterr().err


def test_the_no_attribution_bias_moves_the_source_decision(tiny_model_dir: Path, gold_article: dict) -> None:
    from kg.nlp.calibrate import shift_none
    from kg.nlp.encoder import load_tokenizer
    from kg.nlp.infer import predict
    from kg.nlp.labels import SOURCES
    from kg.segment import sentence_spans

    model = AttributionModel.load(tiny_model_dir)
    tokenizer = load_tokenizer(model.config.base)
    docs = [(gold_article["text"], sentence_spans(gold_article["text"]))]
    none = SOURCES.index("none")
    plain = predict(model, tokenizer, docs)[0]
    model.config.none_bias = -1.5
    biased = predict(model, tokenizer, docs)[0]
    for a, b in zip(plain, biased, strict=True):
        assert b.probs["source"][none] < a.probs["source"][none]
        # shift_none gives, from the plain output, what the model gives with the bias
        shifted = shift_none(a, -1.5, model.config.temperature).probs["source"]
        assert all(abs(x - y) < 1e-5 for x, y in zip(shifted, b.probs["source"], strict=True))
        assert a.probs["stance"] == b.probs["stance"]  # the other heads are untouched
