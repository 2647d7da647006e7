"""Benchmark (not a test): `kg annotate` sentences/s against a naive transformers loop, same run.

The naive loop is what a first attempt looks like: one sentence at a time through the
base encoder with transformers, no batching. The kg path is the whole annotate stage:
segmentation, windows, batched forward pass, decoding and entity resolution. Ratios
matter more than absolute figures on a shared machine.

    python3 scripts/bench_annotate.py [--articles 48] [--threads 2] [--precision fp32 bf16 int8]
                                      [--against MODEL_DIR [--against-precision bf16]]

``--against`` also times another model folder (e.g. the previous release, or a model on a
bigger base) in the same run, in fp32 or ``--against-precision``, and prints the shipped
model's fp32 rate as a ratio of it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def machine() -> str:
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in ln
        ),
        platform.processor(),
    )
    return f"{cpu}; {os.cpu_count()} cores visible; Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=48)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--naive-sentences", type=int, default=300)
    parser.add_argument("--precision", nargs="+", default=["fp32", "bf16", "int8"], help="precisions to time")
    parser.add_argument("--against", type=Path, help="another model folder, timed in the same run")
    parser.add_argument("--against-precision", default="fp32", help="the precision --against runs in")
    args = parser.parse_args()
    m = measure(
        args.threads,
        args.articles,
        args.naive_sentences,
        args.precision,
        args.against,
        args.against_precision,
    )
    print(f"machine: {machine()}; torch threads {args.threads}")
    print(
        f"input: {m['articles']} articles, {m['sentences']} sentences, {m['pieces']:.1f} word pieces/sentence"
    )
    print(f"naive transformers loop: {m['naive']:8.1f} sentences/s")
    for name, rate in m["rates"].items():
        print(
            f"kg annotate {name}: {rate:8.1f} sentences/s, {rate * m['pieces']:8.0f} word pieces/s, "
            f"{rate / m['naive']:4.2f}x the naive loop"
        )
    if args.against is not None and "fp32" in m["rates"]:
        ratio = m["rates"]["fp32"] / m["rates"][f"against {args.against_precision}"]
        print(f"shipped fp32 / {args.against} {args.against_precision}: {ratio:4.2f}x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


def measure(
    threads: int,
    n_articles: int = 48,
    naive_sentences: int = 300,
    precisions: tuple[str, ...] = ("fp32",),
    against: Path | None = None,
    against_precision: str = "fp32",
) -> dict:
    """Sentences/s of `kg annotate` in each precision and of the naive loop, on the test split."""
    import torch
    from transformers import BertModel

    from kg.nlp.annotator import Annotator
    from kg.nlp.encoder import base_dir, load_tokenizer
    from kg.records import Article
    from kg.segment import segment

    torch.set_num_threads(threads)
    records = [json.loads(line) for line in (ROOT / "data/corpus/test.jsonl").open(encoding="utf-8")]
    articles = [Article(r["id"], r["text"]) for r in records[:n_articles]]
    sentences = [s.text for a in articles for s in segment(a)]
    tokenizer = load_tokenizer()
    tokens = sum(len(e.ids) for e in tokenizer.encode_batch(sentences, add_special_tokens=False))

    # Naive: transformers, one sentence per forward pass (the base encoder alone).
    naive = BertModel.from_pretrained(str(base_dir()), local_files_only=True, use_safetensors=True).eval()
    sample = sentences[:naive_sentences]
    with torch.inference_mode():
        naive(**{k: torch.tensor([v]) for k, v in _enc(tokenizer, sample[0]).items()})
        start = time.perf_counter()
        for text in sample:
            naive(**{k: torch.tensor([v]) for k, v in _enc(tokenizer, text).items()})
        naive_rate = len(sample) / (time.perf_counter() - start)

    rates = {}
    for precision in precisions:
        annotator = Annotator(threads=threads, precision=precision)
        rates[precision] = _time_annotate(annotator, articles, len(sentences))
        del annotator
    if against is not None:
        rates[f"against {against_precision}"] = _time_annotate(
            Annotator(against, threads=threads, precision=against_precision), articles, len(sentences)
        )
    return {
        "articles": len(articles),
        "sentences": len(sentences),
        "pieces": tokens / len(sentences),
        "naive": naive_rate,
        "rates": rates,
    }


def _enc(tokenizer, text: str) -> dict[str, list[int]]:
    enc = tokenizer.encode(text)
    return {"input_ids": enc.ids, "attention_mask": enc.attention_mask}


def _time_annotate(annotator, articles, n_sentences: int) -> float:
    list(annotator.annotate(articles[:2]))  # warm-up
    start = time.perf_counter()
    out = list(annotator.annotate(articles))
    elapsed = time.perf_counter() - start
    assert sum(len(r.sentences) for r in out) == n_sentences
    return n_sentences / elapsed


if __name__ == "__main__":
    main()
