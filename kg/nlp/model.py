"""The multi-task attribution model: one encoder pass, token tags and sentence heads.

The encoder reads windows of consecutive sentences. Token heads tag the speaker, cue,
holder, via and channel mentions (B/I/O per layer); each sentence's tokens are
mean-pooled for the sentence heads (stance, speaker source, holder source, speaker type).
What the model adds to the base encoder (LoRA adapters, a casing embedding, the heads)
is saved as safetensors beside a JSON config, so a saved model rebuilds itself from disk.
"""

from __future__ import annotations

import json
import types
from dataclasses import asdict, dataclass, field
from pathlib import Path

import torch
from torch import nn

from kg.nlp import labels as L
from kg.nlp.encoder import BASE_NAME, BASE_SHA256, base_config, base_named, load_base_encoder


@dataclass
class ModelConfig:
    """Everything needed to rebuild the model around the base encoder."""

    base: str = BASE_NAME
    base_sha256: str = BASE_SHA256
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.0
    window_tokens: int = 256
    head_dropout: float = 0.1
    # Sentence-head logits are divided by this before the softmax (fitted on dev by kg.nlp.calibrate, which
    # also fits the row map of training["calibration"]["rows"] that turns the heads' product into a confidence).
    temperature: float = 1.0
    # Added to the source head's "no attribution" logit before the temperature (fitted on dev by
    # kg.nlp.calibrate --none-bias; 0 in the shipped models).
    none_bias: float = 0.0
    # A tiny random encoder for fast tests instead of the pretrained base, e.g. {"hidden_size": 32}.
    tiny: dict[str, int] | None = None
    # Tag layers (e.g. ["holder", "cue"]) whose tokens the stance head reads beside the sentence: a
    # sentence's stance is its holder's, and mean-pooling the whole sentence dilutes the few words that say it.
    stance_sees: list[str] = field(default_factory=list)
    # Full fine-tuning: the encoder's own weights were trained (no adapters) and are saved whole.
    full: bool = False
    # Keep only the base's first ``layers`` transformer layers (None: all): a 12-layer base cut to 6
    # runs at about twice its speed, and the adapters and heads are trained on the cut encoder.
    layers: int | None = None
    training: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)


def check_model_folder(folder: Path) -> None:
    """Stop with a clear error where ``folder`` holds no saved model."""
    from kg.errors import InputError

    if not (folder / "config.json").is_file() or not (folder / "model.safetensors").is_file():
        raise InputError(
            str(folder), "not a model folder (config.json, model.safetensors)", "pass a folder kg train saved"
        )


SENTENCE_HEADS = {"stance": L.STANCES, "source": L.SOURCES, "holder": L.HOLDERS, "type": L.TYPES}


def _mpnet_sdpa_attention(
    self: nn.Module,
    hidden_states: torch.Tensor,
    attention_mask: torch.Tensor | None = None,
    position_bias: torch.Tensor | None = None,
    output_attentions: bool = False,
    **kwargs,
) -> tuple[torch.Tensor]:
    """MPNet's self-attention through one fused ``scaled_dot_product_attention`` call.

    transformers runs MPNet's attention as separate matmul, scale, bias, mask and softmax
    steps (it offers no SDPA path for MPNet); fused, a 12-layer bf16 forward pass on CPU
    takes about two thirds of the time (``scripts/bench_annotate.py``). Same arithmetic: the
    relative-position bias and the padding mask are added to the scaled scores, dropout is 0.
    """
    shape = (*hidden_states.shape[:-1], -1, self.attention_head_size)
    q, k, v = (proj(hidden_states).view(shape).transpose(1, 2) for proj in (self.q, self.k, self.v))
    bias = position_bias
    if attention_mask is not None:
        bias = attention_mask if bias is None else bias + attention_mask
    context = nn.functional.scaled_dot_product_attention(
        q, k, v, attn_mask=None if bias is None else bias.to(q.dtype)
    )
    return (self.o(context.transpose(1, 2).reshape(*hidden_states.shape[:-1], self.all_head_size)),)


def fuse_attention(encoder: nn.Module) -> nn.Module:
    """The encoder with each MPNet self-attention run as one fused call (BERT's already is)."""
    for module in encoder.modules():
        if module.__class__.__name__ == "MPNetSelfAttention":
            module.forward = types.MethodType(_mpnet_sdpa_attention, module)
    return encoder


class AttributionModel(nn.Module):
    """Encoder (with LoRA adapters) plus token and sentence heads."""

    def __init__(self, config: ModelConfig, encoder: nn.Module | None = None) -> None:
        super().__init__()
        self.config = config
        self.encoder = encoder if encoder is not None else self._make_encoder(config)
        hidden = self.encoder.config.hidden_size
        self.case_embedding = nn.Embedding(len(L.CASES), hidden)
        nn.init.zeros_(self.case_embedding.weight)
        self.dropout = nn.Dropout(config.head_dropout)
        self.tag_head = nn.Linear(hidden, len(L.TAG_LAYERS) * len(L.BIO))
        self.sentence_mlp = nn.Sequential(nn.Linear(hidden, hidden), nn.Tanh())
        self.sentence_head = nn.Linear(hidden, sum(len(v) for v in SENTENCE_HEADS.values()))
        if config.stance_sees:
            self.stance_head = nn.Linear(hidden * (1 + len(config.stance_sees)), len(L.STANCES))

    @staticmethod
    def _make_encoder(config: ModelConfig) -> nn.Module:
        from transformers import BertModel

        if config.tiny:
            encoder = BertModel(base_config(**config.tiny), add_pooling_layer=False)
        else:
            encoder = load_base_encoder(config.base)
        if config.layers is not None:
            keep = encoder.encoder.layer[: config.layers]
            if len(keep) != config.layers or config.layers < 1:
                raise ValueError(f"layers={config.layers}: the base has {len(encoder.encoder.layer)} layers")
            encoder.encoder.layer = keep
            encoder.config.num_hidden_layers = config.layers
        # Attention dropout costs a fifth of a CPU training step and buys little with LoRA.
        for module in encoder.modules():
            if module.__class__.__name__ in ("BertSelfAttention", "MPNetSelfAttention"):
                module.dropout.p = 0.0
        encoder.config.attention_probs_dropout_prob = 0.0
        return fuse_attention(encoder)

    def add_adapters(self) -> None:
        """Wrap the encoder's linear layers with fresh LoRA adapters (peft) for training."""
        from peft import LoraConfig, get_peft_model

        lora = LoraConfig(
            r=self.config.lora_r,
            lora_alpha=self.config.lora_alpha,
            lora_dropout=self.config.lora_dropout,
            target_modules=list(base_named(self.config.base).lora_targets),
        )
        self.encoder = get_peft_model(self.encoder, lora)

    def merge_adapters(self) -> None:
        """Fold LoRA into the encoder weights: inference then costs what the base costs."""
        if hasattr(self.encoder, "merge_and_unload"):
            self.encoder = self.encoder.merge_and_unload()

    def forward(
        self,
        input_ids: torch.Tensor,
        case_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        sentence_index: torch.Tensor,
    ) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
        """Token logits [B, T, layers, 3] and per-sentence logits, sentences numbered across the batch."""
        embed = self._word_embeddings()(input_ids) + self.case_embedding(case_ids)
        states = self.encoder(inputs_embeds=embed, attention_mask=attention_mask).last_hidden_state
        tags = self.tag_head(self.dropout(states)).view(*states.shape[:2], len(L.TAG_LAYERS), len(L.BIO))
        sentence = self.sentence_mlp(self._pool(states, sentence_index))
        logits = self.sentence_head(self.dropout(sentence))
        out, start = {}, 0
        for name, inventory in SENTENCE_HEADS.items():
            out[name] = logits[:, start : start + len(inventory)]
            start += len(inventory)
        if self.config.stance_sees:
            seen = [
                self.sentence_mlp(self._pool_tagged(states, tags, sentence_index, layer))
                for layer in self.config.stance_sees
            ]
            out["stance"] = self.stance_head(self.dropout(torch.cat([sentence, *seen], dim=-1)))
        return tags, out

    def see_in_stance(self, layers: list[str]) -> None:
        """Give a trained model a stance head that also reads ``layers``' tokens, starting where it was.

        The new head copies the old stance weights for the sentence and starts at zero for the rest,
        so the model's stance is unchanged until training teaches it to use what it now sees.
        """
        hidden = self.sentence_mlp[0].out_features
        head = nn.Linear(hidden * (1 + len(layers)), len(L.STANCES))
        rows = slice(0, len(L.STANCES))  # stance comes first in SENTENCE_HEADS
        with torch.no_grad():
            head.weight.zero_()
            head.weight[:, :hidden] = self.sentence_head.weight[rows]
            head.bias.copy_(self.sentence_head.bias[rows])
        self.stance_head = head
        self.config.stance_sees = list(layers)

    def _word_embeddings(self) -> nn.Module:
        return self.encoder.get_input_embeddings()

    @staticmethod
    def _pool(
        states: torch.Tensor, sentence_index: torch.Tensor, weight: torch.Tensor | None = None
    ) -> torch.Tensor:
        """Mean of each sentence's token states (a sentence may span windows of the batch).

        With ``weight`` (one per token), the weighted sum over the weights' sum plus one: a
        sentence whose tokens all weigh nothing pools to near zero.
        """
        if weight is not None:
            states = states * weight.unsqueeze(-1)
        flat = states.reshape(-1, states.shape[-1])
        index = sentence_index.reshape(-1)
        keep = index >= 0
        count = int(index.max().item()) + 1 if keep.any() else 0
        sums = flat.new_zeros(count, flat.shape[-1]).index_add_(0, index[keep], flat[keep])
        each = flat.new_ones(flat.shape[0]) if weight is None else weight.reshape(-1)
        sizes = flat.new_zeros(count).index_add_(0, index[keep], each[keep])
        return sums / (sizes.clamp(min=1) if weight is None else sizes + 1).unsqueeze(-1)

    @classmethod
    def _pool_tagged(
        cls, states: torch.Tensor, tags: torch.Tensor, sentence_index: torch.Tensor, layer: str
    ) -> torch.Tensor:
        """Each sentence's tokens weighted by how likely the tag layer marks them (B or I).

        The weights are detached: the stance loss does not move the tagger.
        """
        weight = 1 - tags[..., L.TAG_LAYERS.index(layer), :].softmax(-1)[..., 0].detach()
        return cls._pool(states, sentence_index, weight)

    # --- saving and loading: the added weights only, as safetensors -----------------

    def added_state(self) -> dict[str, torch.Tensor]:
        """LoRA adapter weights and every head: what the model adds to the base (the whole encoder when full)."""
        from peft import get_peft_model_state_dict

        if self.config.full:
            state = {f"encoder.{k}": v for k, v in self.encoder.state_dict().items()}
        else:
            state = {
                f"lora.{k}": v
                for k, v in get_peft_model_state_dict(self.encoder, save_embedding_layers=False).items()
            }
        for name, module in self.named_children():
            if name != "encoder":
                state.update({f"heads.{name}.{k}": v for k, v in module.state_dict().items()})
        if self.config.tiny and not self.config.full:  # a tiny random encoder has no base: keep it whole
            base = self.encoder.get_base_model() if hasattr(self.encoder, "get_base_model") else self.encoder
            for k, v in base.state_dict().items():
                if "lora_" not in k:
                    state[f"tiny.{k.replace('.base_layer', '')}"] = v
        return {k: v.detach().contiguous().cpu() for k, v in state.items()}

    def save(self, folder: Path) -> None:
        from safetensors.torch import save_file

        folder.mkdir(parents=True, exist_ok=True)
        (folder / "config.json").write_text(self.config.to_json() + "\n", encoding="utf-8")
        save_file(self.added_state(), str(folder / "model.safetensors"), metadata={"format": "pt"})

    @staticmethod
    def saved_config(folder: Path) -> ModelConfig:
        return ModelConfig(**json.loads((folder / "config.json").read_text(encoding="utf-8")))

    @classmethod
    def load(cls, folder: Path, merge: bool = True) -> AttributionModel:
        """Rebuild from ``folder`` (config.json + model.safetensors), adapters merged for inference."""
        from peft import set_peft_model_state_dict
        from safetensors.torch import load_file

        config = cls.saved_config(folder)
        model = cls(config)
        state = load_file(str(folder / "model.safetensors"))
        if config.full:
            model.encoder.load_state_dict({k[8:]: v for k, v in state.items() if k.startswith("encoder.")})
            model._load_heads(state)
            return model.eval()
        if config.tiny:
            tiny = {k[5:]: v for k, v in state.items() if k.startswith("tiny.")}
            model.encoder.load_state_dict(tiny)
        model.add_adapters()
        lora = {k[5:]: v for k, v in state.items() if k.startswith("lora.")}
        result = set_peft_model_state_dict(model.encoder, lora)
        if getattr(result, "unexpected_keys", None):
            raise ValueError(
                f"{folder}: adapter weights do not fit the encoder: {result.unexpected_keys[:5]}"
            )
        model._load_heads(state)
        if merge:
            model.merge_adapters()
        return model.eval()

    def _load_heads(self, state: dict[str, torch.Tensor]) -> None:
        for name, module in self.named_children():
            if name != "encoder":
                prefix = f"heads.{name}."
                module.load_state_dict(
                    {k[len(prefix) :]: v for k, v in state.items() if k.startswith(prefix)}
                )
