"""Training: LoRA adapters and heads on the corpus's train split, model chosen on dev."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import torch
from torch import nn

from kg.annotation import read_records
from kg.nlp import labels as L
from kg.nlp.features import SentenceTargets, sentence_targets, tag_targets
from kg.nlp.infer import collate
from kg.nlp.model import AttributionModel, ModelConfig
from kg.nlp.windows import Window, frame_of, pack, tokenize

GENERATED = "train-generated.jsonl"
# Offset-preserving quote-style swaps (one character for one character).
_QUOTE_SWAPS = (str.maketrans("“”‘’", "\"\"''"), str.maketrans("\"'", "”’"))


@dataclass
class TrainSettings:
    epochs: int = 12
    batch_windows: int = 8
    lr_adapters: float = 1e-3
    lr_heads: float = 3e-3
    warmup: float = 0.06
    seed: int = 13
    threads: int = 2
    window_choices: tuple[int, ...] = (96, 160, 256)
    tag_weight: float = 1.0
    span_weight: float = 3.0
    type_weight: float = 0.5
    # Stance loss weights (1 / frequency) ** stance_balance: 0 leaves them equal; real copy is 90%
    # neutral, and the few positions it reports are what the holder and the counters depend on.
    stance_balance: float = 0.0
    # Full fine-tuning: the encoder's own weights train (word embeddings stay), at this learning rate.
    full: bool = False
    lr_encoder: float = 5e-5
    # Tag layers whose tokens the stance head reads beside the sentence (AttributionModel.see_in_stance).
    stance_sees: tuple[str, ...] = ()
    # "bf16": forward passes under CPU bfloat16 autocast (weights and optimiser stay float32); a
    # 12-layer base trains at about 2.3x the 6-layer fp32 step time instead of 5-7x on AMX CPUs.
    precision: str = "fp32"
    # Distillation: each sentence head learns (1 - distill) from the gold label and distill from a
    # teacher model's probabilities (both softened by distill_temperature), where a teacher is given.
    distill: float = 0.0
    distill_temperature: float = 2.0


Soft = dict[str, torch.Tensor]  # sentence head -> a teacher's probabilities at temperature 1


@dataclass(frozen=True)
class Example:
    window: Window
    tags: list[list[int]]
    targets: dict[int, SentenceTargets]  # global sentence number -> targets
    soft: dict[int, Soft] | None = None  # global sentence number -> the teacher's probabilities


def examples(
    records: Sequence[dict],
    tokenizer,
    rng: random.Random,
    settings: TrainSettings,
    teacher: dict[str, list[Soft]] | None = None,
) -> list[Example]:
    """Windows with targets for one epoch: window size and quote style vary per article.

    ``teacher`` (article id -> per-sentence probabilities) adds soft targets to the windows.
    """
    out: list[Example] = []
    first = 0
    for a, rec in enumerate(records):
        soft = teacher.get(rec["id"]) if teacher else None
        text = rec["text"]
        if rng.random() < 0.3:
            text = text.translate(rng.choice(_QUOTE_SWAPS))
        spans = [(s["start"], s["end"]) for s in rec["sentences"]]
        targets = sentence_targets(rec)
        pieces = tokenize(tokenizer, text, spans, first)
        for window in pack(pieces, a, rng.choice(settings.window_choices), frame_of(tokenizer)):
            sids = {s for s in window.sentence_ids if s >= 0}
            out.append(
                Example(
                    window,
                    tag_targets(window, targets, first),
                    {s: targets[s - first] for s in sids},
                    {s: soft[s - first] for s in sids} if soft else None,
                )
            )
        first += len(spans)
    return out


def stance_weights(records: Sequence[dict], balance: float) -> torch.Tensor | None:
    """Per-stance loss weights (1 / frequency) ** balance over ``records``' sentences, mean 1; None at 0."""
    if not balance:
        return None
    counts = torch.ones(len(L.STANCES))  # one of each: no label weighs infinitely
    for rec in records:
        for sent in rec["sentences"]:
            counts[L.STANCES.index(sent["stance"])] += 1
    weights = (counts.sum() / counts) ** balance
    return weights / weights.mean()


def _loss(
    model: AttributionModel,
    batch: Sequence[Example],
    settings: TrainSettings,
    stance_weight: torch.Tensor | None = None,
) -> torch.Tensor:
    inputs = collate([e.window for e in batch])
    order = inputs.pop("global_sentences").tolist()
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=settings.precision == "bf16"):
        tag_logits, heads = model(**inputs)
    tag_logits, heads = tag_logits.float(), {k: v.float() for k, v in heads.items()}
    width = tag_logits.shape[1]
    gold_tags = torch.full((len(batch), width, len(L.TAG_LAYERS)), -100, dtype=torch.long)
    for b, e in enumerate(batch):
        for t, row in enumerate(e.tags):
            if e.window.sentence_ids[t] >= 0:
                gold_tags[b, t] = torch.tensor(row)
    ce = nn.functional.cross_entropy
    # Few tokens are inside a mention: B and I count more than O, or recall suffers.
    weights = torch.tensor([1.0, settings.span_weight, settings.span_weight])
    loss = settings.tag_weight * ce(
        tag_logits.reshape(-1, len(L.BIO)), gold_tags.reshape(-1), weight=weights, ignore_index=-100
    )
    targets: dict[int, SentenceTargets] = {}
    soft: dict[int, Soft] = {}
    for e in batch:
        targets.update(e.targets)
        soft.update(e.soft or {})
    distill = settings.distill if soft and all(s in soft for s in order) else 0.0
    for name, weight in (("stance", 1.0), ("source", 1.0), ("holder", 1.0), ("type", settings.type_weight)):
        gold = torch.tensor([getattr(targets[s], name) for s in order])
        head = (1 - distill) * ce(heads[name], gold, weight=stance_weight if name == "stance" else None)
        if distill:
            head = head + distill * _distill_loss(
                heads[name], torch.stack([soft[s][name] for s in order]), settings.distill_temperature
            )
        loss = loss + weight * head
    return loss


def _distill_loss(logits: torch.Tensor, teacher: torch.Tensor, temperature: float) -> torch.Tensor:
    """Cross-entropy of the student against the teacher, both softened by ``temperature`` (scaled by its square)."""
    target = (teacher.clamp_min(1e-8).log() / temperature).softmax(-1)
    student = (logits / temperature).log_softmax(-1)
    return -(target * student).sum(-1).mean() * temperature**2


def teacher_probabilities(records: Sequence[dict], teacher: Path) -> dict[str, list[Soft]]:
    """A trained model's sentence-head probabilities (temperature 1) for every sentence of ``records``.

    The teacher runs once, in bfloat16 where the CPU has it, before training starts.
    """
    from kg.nlp.device import cpu_has_bf16, prepare
    from kg.nlp.encoder import load_tokenizer
    from kg.nlp.infer import predict

    model = AttributionModel.load(teacher)
    model.config.temperature = 1.0
    model = prepare(model, torch.device("cpu"), "bf16" if cpu_has_bf16() else "fp32")
    unique = {rec["id"]: rec for rec in records}
    docs = [(rec["text"], [(s["start"], s["end"]) for s in rec["sentences"]]) for rec in unique.values()]
    raw = predict(model, load_tokenizer(model.config.base), docs)
    return {
        rid: [{name: torch.tensor(p) for name, p in sent.probs.items()} for sent in sents]
        for rid, sents in zip(unique, raw, strict=True)
    }


def train(
    train_records: Sequence[dict],
    select: Callable[[AttributionModel], float],
    config: ModelConfig,
    settings: TrainSettings,
    out_dir: Path,
    progress: Callable[[int, int, float], None] = lambda step, total, loss: None,
    log: Callable[[str], None] = print,
    init: Path | None = None,
    teacher: dict[str, list[Soft]] | None = None,
) -> dict[str, object]:
    """Train, keep the epoch with the best ``select(model)`` score, save it to ``out_dir``.

    With ``init``, training continues from that saved model's adapters and heads; with
    ``teacher`` (from teacher_probabilities) the sentence heads also learn its probabilities.
    """
    from kg.nlp.encoder import load_tokenizer

    unknown = sorted(set(settings.stance_sees) - set(L.TAG_LAYERS))
    if unknown:
        raise ValueError(
            f"--stance-sees: no tag layer {', '.join(unknown)}; choose from {', '.join(L.TAG_LAYERS)}"
        )
    torch.manual_seed(settings.seed)
    torch.set_num_threads(settings.threads)
    rng = random.Random(settings.seed)
    model = _starting_model(config, settings, init)
    tokenizer = load_tokenizer(model.config.base)
    encoder = [p for p in model.encoder.parameters() if p.requires_grad]
    heads = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    lr_encoder = settings.lr_encoder if model.config.full else settings.lr_adapters
    optimizer = torch.optim.AdamW(
        [{"params": encoder, "lr": lr_encoder}, {"params": heads, "lr": settings.lr_heads}],
        weight_decay=0.01,
    )
    first_epoch = examples(train_records, tokenizer, rng, settings, teacher)
    balance = stance_weights(train_records, settings.stance_balance)
    steps_per_epoch = (len(first_epoch) + settings.batch_windows - 1) // settings.batch_windows
    total = steps_per_epoch * settings.epochs
    warm = max(1, int(total * settings.warmup))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    best, best_score, history, step, started = None, -1.0, [], 0, time.time()
    for epoch in range(settings.epochs):
        data = first_epoch if epoch == 0 else examples(train_records, tokenizer, rng, settings, teacher)
        rng.shuffle(data)
        model.train()
        for lo in range(0, len(data), settings.batch_windows):
            loss = _loss(model, data[lo : lo + settings.batch_windows], settings, balance)
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(encoder + heads, 1.0)
            optimizer.step()
            scheduler.step()
            step += 1
            progress(step, total, loss.item())
        model.eval()
        score = select(model)
        history.append(
            {
                "epoch": epoch + 1,
                "dev_score": round(score, 4),
                "minutes": round((time.time() - started) / 60, 1),
            }
        )
        log(f"epoch {epoch + 1}: dev score {score:.4f}")
        if score > best_score:
            best_score, best = score, {k: v.clone() for k, v in model.state_dict().items()}
    assert best is not None
    model.load_state_dict(best)
    model.config.training = {
        "seed": settings.seed,
        "epochs": settings.epochs,
        "history": history,
        "best_dev_score": round(best_score, 4),
        "train_articles": len(train_records),
        "stance_balance": settings.stance_balance,
        "full": settings.full,
        "init": str(init) if init else None,
        "distill": settings.distill if teacher else 0.0,
        "minutes": round((time.time() - started) / 60, 1),
    }
    model.save(out_dir)
    return model.config.training


# A real article longer than this (the long question-and-answer interviews) counts once: nine of
# them hold more sentences than the other 175 Wikinews training articles together.
LONG_ARTICLE = 15000


def _starting_model(config: ModelConfig, settings: TrainSettings, init: Path | None) -> AttributionModel:
    """The model to train, with what trains set to require gradients.

    Fresh or from ``init``; adapters (LoRA) train, or with ``settings.full`` the encoder's own
    weights (an ``init`` model's adapters folded in first). Heads always train.
    """
    if init is not None:
        model = AttributionModel.load(init, merge=settings.full)
        model.config.training, model.config.temperature = {}, 1.0
    else:
        model = AttributionModel(
            replace(config, stance_sees=list(settings.stance_sees or config.stance_sees))
        )
        if not settings.full:
            model.add_adapters()
    if settings.stance_sees and list(settings.stance_sees) != model.config.stance_sees:
        model.see_in_stance(list(settings.stance_sees))
    model.config.full = model.config.full or settings.full
    embeddings = model.encoder.get_input_embeddings().weight
    for n, p in model.named_parameters():
        trains = p is not embeddings if model.config.full else "lora_" in n
        p.requires_grad_(trains or not n.startswith("encoder."))
    return model


def training_records(
    corpora: Sequence[Path], texts: Path | None, real_repeats: int, long_once: bool = False
) -> list[dict]:
    """Every corpus's train split: hand-written articles twice, real news ``real_repeats`` times.

    With ``long_once``, real articles over LONG_ARTICLE characters count once.
    """
    from kg.nlp.run import with_texts

    out: list[dict] = []
    for corpus in corpora:
        raw = list(read_records(corpus / "train.jsonl"))
        records = with_texts(raw, corpus / "train.jsonl", texts)
        if _real_news(raw):
            for record in records:
                out += [record] * (1 if long_once and len(record["text"]) > LONG_ARTICLE else real_repeats)
        else:
            # Hand-written articles read like real news; frame-generated ones are many: count the former twice.
            out += records + [r for r in records if r.get("source_file") != GENERATED]
    return out


def _real_news(raw: Sequence[dict]) -> bool:
    """Whether a split's records, as read, are real news: stand-off, their texts kept apart
    (kg.corpus.standoff)."""
    from kg.corpus.standoff import is_standoff

    return bool(raw) and is_standoff(raw[0])


def run_training(
    corpora: Sequence[Path],
    out: Path,
    *,
    epochs: int,
    seed: int,
    threads: int,
    log: Callable[[str], None],
    config: ModelConfig | None = None,
    texts: Path | None = None,
    init: Path | None = None,
    real_repeats: int = 3,
    lr: float = 1e-3,
    long_once: bool = False,
    stance_balance: float = 0.0,
    stance_sees: Sequence[str] = (),
    full: bool = False,
    precision: str = "fp32",
    teacher: Path | None = None,
    distill: float = 0.5,
) -> dict[str, object]:
    """`kg train`: the corpora's train splits, chosen on their dev splits (mean score), saved to ``out``.

    ``init`` starts from a saved model's adapters and heads instead of fresh ones; ``teacher``
    (a saved model, e.g. a bigger base) is distilled into the sentence heads with weight
    ``distill``. The confidence (temperature and row map) is then fitted on the dev splits of
    real news (stand-off corpora), the text users feed the model, or on every dev split where
    there is none (kg.nlp.calibrate).
    """
    from kg.cli.progress import progress_bar
    from kg.nlp.annotator import label_docs, write_sums
    from kg.nlp.calibrate import fit_temperature
    from kg.nlp.encoder import load_tokenizer
    from kg.nlp.run import dev_score, with_texts

    train_records = training_records(corpora, texts, real_repeats, long_once)
    raw_dev = [list(read_records(corpus / "dev.jsonl")) for corpus in corpora]
    dev_sets = [
        with_texts(raw, corpus / "dev.jsonl", texts) for corpus, raw in zip(corpora, raw_dev, strict=True)
    ]
    real_dev = [d for raw, d in zip(raw_dev, dev_sets, strict=True) if _real_news(raw)]
    config = config or ModelConfig()
    if init is not None:
        config = AttributionModel.saved_config(init)
    tokenizer = load_tokenizer(config.base)

    def select(model: AttributionModel) -> float:
        scores = [dev_score(lambda docs: label_docs(model, tokenizer, docs), d) for d in dev_sets]
        return sum(scores) / len(scores)

    settings = TrainSettings(
        epochs=epochs,
        seed=seed,
        threads=threads,
        lr_adapters=lr,
        lr_heads=3 * lr,
        stance_balance=stance_balance,
        full=full,
        lr_encoder=lr / 10,
        stance_sees=tuple(stance_sees),
        precision=precision,
        distill=distill if teacher else 0.0,
    )
    soft = None
    if teacher is not None:
        torch.set_num_threads(threads)
        soft = teacher_probabilities(train_records, teacher)
        log(f"teacher {teacher}: {sum(len(v) for v in soft.values())} sentences, distill weight {distill}")
    with progress_bar("training") as update:
        train(
            train_records,
            select,
            config,
            settings,
            out,
            progress=update,
            log=log,
            init=init,
            teacher=soft,
        )
    model = AttributionModel.load(out)
    if teacher is not None:
        model.config.training["teacher"] = str(teacher)
    fitted = fit_temperature(model, tokenizer, [r for d in real_dev or dev_sets for r in d])
    model.config.training = {
        **model.config.training,
        "calibration": fitted,
        "corpora": [str(c) for c in corpora],
    }
    (out / "config.json").write_text(model.config.to_json() + "\n", encoding="utf-8")
    log(
        f"temperature {fitted['temperature']}: dev calibration error {fitted['ece_before']} -> {fitted['ece_after']}"
    )
    write_sums(out)
    return model.config.training
