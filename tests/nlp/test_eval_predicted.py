"""`kg eval --predicted FILE`: an annotation file made elsewhere scored as a column of its own."""

from __future__ import annotations

import copy
import json
from pathlib import Path

from typer.testing import CliRunner

from kg.cli import app


def _write(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _figures(out: Path, gold: Path) -> dict:
    return json.loads(out.read_text(encoding="utf-8"))[str(gold)]


def test_a_file_that_agrees_with_the_gold_scores_full_marks(gold_article: dict, tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.jsonl", gold_article)
    copied = _write(tmp_path / "second-pass.jsonl", gold_article)
    out = tmp_path / "eval.json"
    args = ["eval", str(gold), "--predicted", str(copied), "--no-model", "--json", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    figures = _figures(out, gold)
    assert set(figures) == {"second-pass", "baseline"}
    mine = figures["second-pass"]
    for key in (
        "attribution_f1",
        "speaker_accuracy",
        "holder_accuracy",
        "stance_accuracy",
        "stance_macro_f1",
    ):
        assert mine[key] == 1.0, key
    assert mine["calibration_error"] is None  # a file carries no confidence to calibrate
    assert "second-pass" in result.output.splitlines()[2]  # the column is named after the file


def test_a_changed_label_costs_its_figure(gold_article: dict, tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.jsonl", gold_article)
    changed = copy.deepcopy(gold_article)
    held = next(s for s in changed["sentences"] if s["holder"])
    held["holder"] = "Somebody Else"
    held["stance"] = "neutral" if held["stance"] != "neutral" else "eager"
    out = tmp_path / "eval.json"
    other = _write(tmp_path / "other.jsonl", changed)
    args = ["eval", str(gold), "--predicted", str(other), "--no-model", "--json", str(out)]
    assert CliRunner().invoke(app, args).exit_code == 0
    mine = _figures(out, gold)["other"]
    assert mine["holder_accuracy"] < 1.0 and mine["stance_accuracy"] < 1.0
    assert mine["speaker_accuracy"] == 1.0


def test_a_file_beside_the_model_and_two_files_of_one_name(
    tiny_model_dir: Path, gold_article: dict, tmp_path: Path
) -> None:
    gold = _write(tmp_path / "gold.jsonl", gold_article)
    (tmp_path / "a").mkdir()
    first = _write(tmp_path / "pred.jsonl", gold_article)
    second = _write(tmp_path / "a" / "pred.jsonl", gold_article)
    out = tmp_path / "eval.json"
    args = ["eval", str(gold), "--model", str(tiny_model_dir), "--predicted", str(first)]
    result = CliRunner().invoke(app, [*args, "--predicted", str(second), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert list(_figures(out, gold)) == ["model", "pred", "pred#2", "baseline"]  # targets judge the model


def test_a_file_missing_an_article_or_offsets_is_a_clear_error(gold_article: dict, tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.jsonl", gold_article)
    other = _write(tmp_path / "other.jsonl", {**gold_article, "id": "another-article"})
    result = CliRunner().invoke(app, ["eval", str(gold), "--predicted", str(other), "--no-model"])
    assert result.exit_code != 0
    assert "test-labour-999" in str(result.exception) and "other" in str(result.exception)

    broken = copy.deepcopy(gold_article)
    del broken["sentences"][2]["start"]
    bad = _write(tmp_path / "bad.jsonl", broken)
    result = CliRunner().invoke(app, ["eval", str(gold), "--predicted", str(bad), "--no-model"])
    assert result.exit_code != 0
    assert "bad.jsonl:1" in str(result.exception) and "sentence 2" in str(result.exception)


def test_no_model_needs_something_to_score(gold_article: dict, tmp_path: Path) -> None:
    gold = _write(tmp_path / "gold.jsonl", gold_article)
    result = CliRunner().invoke(app, ["eval", str(gold), "--no-model"])
    assert result.exit_code == 2
    assert "--predicted" in result.output
