"""kg train over several corpora (one of them stand-off), from scratch or from a saved model."""

from __future__ import annotations

import json
from pathlib import Path

from kg.corpus.standoff import to_standoff
from kg.nlp.model import AttributionModel, ModelConfig
from kg.nlp.train import run_training, training_records


def corpora(tmp_path: Path, gold_article: dict) -> tuple[Path, Path, Path]:
    own, real = tmp_path / "own", tmp_path / "real"
    for folder in (own, real):
        folder.mkdir()
    line = json.dumps(gold_article) + "\n"
    for split in ("train", "dev"):
        (own / f"{split}.jsonl").write_text(line, encoding="utf-8")
        (real / f"{split}.jsonl").write_text(json.dumps(to_standoff(gold_article)) + "\n", encoding="utf-8")
    texts = tmp_path / "texts.jsonl"
    texts.write_text(json.dumps({"id": gold_article["id"], "text": gold_article["text"]}) + "\n")
    return own, real, texts


def test_real_news_counts_more(tmp_path: Path, gold_article: dict) -> None:
    own, real, texts = corpora(tmp_path, gold_article)
    records = training_records([own, real], texts, real_repeats=3)
    assert len(records) == 2 + 3  # a hand-written article twice, a real one three times
    assert all(r["text"] == gold_article["text"] for r in records)


def test_long_real_articles_can_count_once(tmp_path: Path, gold_article: dict, monkeypatch) -> None:
    from kg.nlp import train

    _own, real, texts = corpora(tmp_path, gold_article)
    monkeypatch.setattr(train, "LONG_ARTICLE", len(gold_article["text"]) - 1)
    assert len(training_records([real], texts, real_repeats=3, long_once=True)) == 1
    assert len(training_records([real], texts, real_repeats=3, long_once=False)) == 3


def test_train_calibrates_and_can_start_from_a_saved_model(
    tmp_path: Path, gold_article: dict, tiny_config: ModelConfig
) -> None:
    own, real, texts = corpora(tmp_path, gold_article)
    args = {"epochs": 1, "seed": 1, "threads": 1, "log": lambda _: None, "texts": texts}
    first = tmp_path / "first"
    info = run_training([own, real], first, config=tiny_config, **args)
    saved = json.loads((first / "config.json").read_text())
    assert saved["temperature"] == info["calibration"]["temperature"]
    assert info["corpora"] == [str(own), str(real)] and (first / "SHA256SUMS").is_file()
    second = tmp_path / "second"
    run_training([own, real], second, init=first, **args)
    a, b = AttributionModel.load(first), AttributionModel.load(second)
    assert a.config.tiny == b.config.tiny  # the saved model's shape, not a fresh one
    moved = [k for k, v in a.state_dict().items() if not v.equal(b.state_dict()[k])]
    assert moved  # training went on from the first model's weights


def test_the_confidence_is_fitted_on_real_news_dev_where_there_is_some(
    tmp_path: Path, gold_article: dict, tiny_config: ModelConfig, monkeypatch
) -> None:
    from kg.nlp import calibrate

    own, real, texts = corpora(tmp_path, gold_article)
    fitted_on: list[int] = []
    fit = calibrate.fit_temperature

    def counting(model, tokenizer, records, *rest):
        fitted_on.append(len(records))
        return fit(model, tokenizer, records, *rest)

    monkeypatch.setattr(calibrate, "fit_temperature", counting)
    args = {
        "epochs": 1,
        "seed": 1,
        "threads": 1,
        "log": lambda _: None,
        "texts": texts,
        "config": tiny_config,
    }
    run_training([own, real], tmp_path / "both", **args)
    run_training([own], tmp_path / "own-only", **args)
    assert fitted_on == [1, 1]  # the real dev split alone; the own one where it is the only one
    run_training([own, own], tmp_path / "two-own", **args)
    assert fitted_on[-1] == 2  # no real news: every dev split


def test_stance_weights_favour_rare_positions() -> None:
    from kg.nlp import labels as L
    from kg.nlp.train import stance_weights

    records = [{"sentences": [{"stance": "neutral"}] * 17 + [{"stance": "denying"}]}]
    assert stance_weights(records, 0.0) is None
    weights = stance_weights(records, 0.5)
    assert abs(float(weights.mean()) - 1.0) < 1e-6
    neutral, denying = weights[L.STANCES.index("neutral")], weights[L.STANCES.index("denying")]
    assert denying > 2 * neutral  # (18 / 2) ** 0.5 against (22 / 18) ** 0.5


def test_a_teacher_is_distilled_into_the_sentence_heads(
    tmp_path: Path, gold_article: dict, tiny_config: ModelConfig, tiny_model_dir: Path
) -> None:
    import random

    import torch

    from kg.nlp.encoder import load_tokenizer
    from kg.nlp.train import TrainSettings, _loss, examples, teacher_probabilities

    soft = teacher_probabilities([gold_article, gold_article], tiny_model_dir)
    assert list(soft) == [gold_article["id"]]
    assert len(soft[gold_article["id"]]) == len(gold_article["sentences"])
    first = soft[gold_article["id"]][0]
    assert abs(float(first["stance"].sum()) - 1.0) < 1e-4

    torch.manual_seed(0)
    model = AttributionModel(tiny_config)
    tokenizer = load_tokenizer(tiny_config.base)
    settings = TrainSettings(window_choices=(256,), distill=1.0)
    batch = examples([gold_article], tokenizer, random.Random(0), settings, soft)
    assert all(e.soft for e in batch)
    model.eval()
    with torch.no_grad():
        taught = float(_loss(model, batch, settings))
        # Other teacher probabilities move the loss; other gold sentence labels do not at weight 1.
        flipped = {k: [{n: p.flip(-1) for n, p in s.items()} for s in v] for k, v in soft.items()}
        other = examples([gold_article], tokenizer, random.Random(0), settings, flipped)
        assert abs(float(_loss(model, other, settings)) - taught) > 1e-4
        relabelled = {
            **gold_article,
            "sentences": [{**s, "stance": "eager"} for s in gold_article["sentences"]],
        }
        same = examples([relabelled], tokenizer, random.Random(0), settings, soft)
        assert abs(float(_loss(model, same, settings)) - taught) < 1e-5
        plain = examples([gold_article], tokenizer, random.Random(0), TrainSettings(window_choices=(256,)))
        assert abs(float(_loss(model, plain, TrainSettings())) - taught) > 1e-4


def test_a_soup_averages_models_of_one_shape(tmp_path: Path, tiny_config: ModelConfig) -> None:
    import dataclasses

    import pytest
    import torch
    from safetensors.torch import load_file

    from kg.errors import InputError
    from kg.nlp.soup import average

    folders = []
    for seed in (1, 2):
        torch.manual_seed(seed)
        model = AttributionModel(tiny_config)
        model.add_adapters()
        model.save(tmp_path / f"m{seed}")
        folders.append(tmp_path / f"m{seed}")
    average(folders, tmp_path / "soup")
    a, b, soup = (load_file(str(f / "model.safetensors")) for f in [*folders, tmp_path / "soup"])
    assert set(soup) == set(a)
    assert all(torch.allclose(soup[k], (a[k] + b[k]) / 2) for k in soup)
    assert any(not torch.equal(a[k], b[k]) for k in a)  # the members differ
    AttributionModel.load(tmp_path / "soup")  # loads as a model

    other = AttributionModel(dataclasses.replace(tiny_config, lora_r=2))
    other.add_adapters()
    other.save(tmp_path / "other")
    with pytest.raises(InputError, match="lora_r"):
        average([folders[0], tmp_path / "other"], tmp_path / "bad")
    with pytest.raises(InputError, match="not a model folder"):
        average([folders[0], tmp_path], tmp_path / "bad")
