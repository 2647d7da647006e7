from __future__ import annotations

from pathlib import Path

import pytest

from kg.nlp.model import ModelConfig

TINY = {"hidden_size": 32, "num_hidden_layers": 2, "num_attention_heads": 2, "intermediate_size": 64}


@pytest.fixture(scope="session")
def tiny_config() -> ModelConfig:
    return ModelConfig(tiny=TINY, lora_r=4, window_tokens=64)


@pytest.fixture(scope="session")
def tokenizer():
    from kg.nlp.encoder import load_tokenizer

    return load_tokenizer()


@pytest.fixture(scope="session")
def gold_article() -> dict:
    """A small hand-made gold record (not from the corpus) used across model tests."""
    from kg.corpus.authoring import build_article
    from tests.conftest import labelled as s

    return build_article(
        {
            "id": "test-labour-999",
            "domain": "labour",
            "style": "wire",
            "outlet": "Dock Daily",
            "paragraphs": [
                [s("Port union rejects talks claim")],
                [
                    s(
                        "According to sources quoted by the Harbour Ledger, the employers are eager to reopen talks.",
                        speaker="unnamed sources",
                        speaker_mention="sources",
                        speaker_type="unnamed",
                        cue="according to",
                        cue_mention="According to",
                        via=["Harbour Ledger"],
                        holder="Port Employers Association",
                        stance="eager",
                    ),
                    s(
                        "“There are no talks,” said Ana Ruiz, a spokeswoman for the union.",
                        speaker="Ana Ruiz",
                        speaker_mention="Ana Ruiz",
                        speaker_type="official",
                        cue="said",
                        cue_mention="said",
                        holder="Ana Ruiz",
                        stance="denying",
                    ),
                    s(
                        "“We will listen if they make a fair offer.”",
                        speaker="Ana Ruiz",
                        speaker_type="official",
                        cue="said",
                        holder="Ana Ruiz",
                        stance="open",
                    ),
                ],
                [s("The strike began on Monday.")],
            ],
            "entities": {
                "unnamed sources": ["sources"],
                "Harbour Ledger": ["the Harbour Ledger"],
                "Port Employers Association": ["the employers"],
                "Ana Ruiz": ["Ruiz", "she", "a spokeswoman for the union"],
            },
        }
    )


@pytest.fixture(scope="session")
def tiny_model_dir(
    tmp_path_factory: pytest.TempPathFactory, tiny_config: ModelConfig, gold_article: dict
) -> Path:
    from kg.nlp.train import TrainSettings, train

    out = tmp_path_factory.mktemp("tiny-model")
    settings = TrainSettings(epochs=2, batch_windows=2, window_choices=(64,))
    train([gold_article] * 3, lambda model: 0.5, tiny_config, settings, out, log=lambda _: None)
    return out


def resolve_mentions(text: str, mentions: list[str], final: bool = False) -> list[str]:
    """What the resolver names each mention, read in order as decoding does (one per sentence index);
    with ``final``, the names it gives them once the whole article is read."""
    from kg.nlp.resolve import ArticleResolver

    resolver, out, pos = ArticleResolver(text), [], 0
    for i, mention in enumerate(mentions):
        start = text.index(mention, pos)
        pos = start + len(mention)
        out.append(resolver.resolve(start, pos, i))
    return [resolver.final(name) for name in out] if final else out
