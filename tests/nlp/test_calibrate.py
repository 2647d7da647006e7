"""Confidence: calibration error, temperature fitting, rows marked uncertain."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.nlp.calibrate import fit_temperature, rescale
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


def test_fitted_temperature_lowers_the_error(tiny_model_dir: Path, tokenizer, gold_article: dict) -> None:
    model = AttributionModel.load(tiny_model_dir)
    fitted = fit_temperature(model, tokenizer, [gold_article], grid=(0.5, 1.0, 3.0, 10.0))
    assert fitted["temperature"] in (0.5, 1.0, 3.0, 10.0)
    assert fitted["ece_after"] <= fitted["ece_before"]
    assert model.config.temperature == fitted["temperature"]


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
