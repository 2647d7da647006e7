"""The benchmark (not a test): every speed figure of kg in one run, with the machine's description.

    python3 scripts/bench.py [--triples 10000 100000 1000000] [--ingest-articles 60] [--threads 2]

Prints: annotate sentences/s and word pieces/s, the same for a naive transformers loop, the
roofline implied by the model's FLOPs and a measured matmul rate and the ratio to it;
end-to-end ingest (articles/s into the store); store load rate (quads/s); audit query p50/p95
at each size against rdflib's memory store on the same graph; peak RSS. Articles come from the
synthetic generator (scripts/gen_train_corpus.py) at any scale, with their gold labels, so the
graph side needs no model run. Ratios matter more than absolute figures on a shared machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def synthetic_articles(n: int, seed: int = 101) -> Iterator[dict]:
    """n annotated articles from the frame generator (with gold labels and text), one at a time."""
    from kg.corpus.authoring import build_article

    spec = importlib.util.spec_from_file_location("gen", ROOT / "scripts" / "gen_train_corpus.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    rng = random.Random(seed)
    domains = ["trade", "war", "mergers", "labour", "sports", "elections", "courts", "health", "tech"]
    for k in range(n):
        rec = build_article(gen.build(rng, domains[k % len(domains)], f"bench-{k:06d}"))
        rec["published"] = f"2026-{1 + k % 12:02d}-{1 + k % 28:02d}"
        yield rec


def synthetic_records(n: int, seed: int = 101) -> list[dict]:
    return list(synthetic_articles(n, seed))


def matmul_gflops(threads: int) -> float:
    import torch

    torch.set_num_threads(threads)
    a, b = torch.randn(2048, 384), torch.randn(384, 1536)
    for _ in range(3):
        a @ b
    start, reps = time.perf_counter(), 40
    for _ in range(reps):
        a @ b
    return 2 * 2048 * 384 * 1536 * reps / (time.perf_counter() - start) / 1e9


def model_flops_per_token(seq: float) -> float:
    """Forward FLOPs per word piece of MiniLM-L6 (384 wide, 1536 FFN, 6 layers) at a context length."""
    hidden, ffn, layers = 384, 1536, 6
    linear = 2 * (4 * hidden * hidden + 2 * hidden * ffn)
    attention = 2 * 2 * seq * hidden
    return layers * (linear + attention)


def bench_annotate(threads: int) -> dict[str, float]:
    """The annotate figures of scripts/bench_annotate.py, plus the roofline from a measured matmul rate."""
    from bench_annotate import measure

    m = measure(threads)
    gflops = matmul_gflops(threads)
    roofline = gflops * 1e9 / (model_flops_per_token(200) * (m["pieces"] + 0.1))
    return {
        "sentences": m["sentences"],
        "pieces": m["pieces"],
        "rate": m["rates"]["fp32"],
        "naive": m["naive"],
        "gflops": gflops,
        "roofline": roofline,
    }


def bench_ingest(n: int, threads: int) -> tuple[float, float]:
    """Articles/s through read -> annotate -> graph -> store -> links, on synthetic articles."""
    from kg.pipeline import ingest_to_store

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        records = synthetic_records(n, seed=7)
        sentences = sum(len(r["sentences"]) for r in records)
        for rec in records:
            (folder / f"{rec['id']}.json").write_text(json.dumps({"id": rec["id"], "text": rec["text"]}))
        start = time.perf_counter()
        _, written, _ = ingest_to_store([str(folder)], str(Path(tmp) / "store"), threads=threads)
        elapsed = time.perf_counter() - start
        return written / elapsed, sentences / elapsed


def bench_store(sizes: list[int]) -> list[dict]:
    """Load rate and audit-query latency at each size, Oxigraph against rdflib on the same quads."""
    import pyoxigraph as ox
    import rdflib

    from kg.graph.audit import audit_queries
    from kg.graph.build import RunInfo, build_article_graph
    from kg.graph.store import KgStore

    run = RunInfo(model="bench", weights_sha256="0" * 64, code_version="bench")
    graphs, triples, results = [], 0, []
    records = iter(synthetic_records(max(sizes) // 250 + 50))
    for size in sorted(sizes):
        while triples < size:
            rec = next(records)
            g = build_article_graph(rec, rec["text"], run)
            graphs.append(g)
            triples += len(g)
        with tempfile.TemporaryDirectory() as tmp:
            store = KgStore(Path(tmp) / "s")
            start = time.perf_counter()
            for g in graphs:
                store.write_article(g)
            load_rate = triples / (time.perf_counter() - start)
            memory = rdflib.Dataset()
            for g in graphs:
                target = memory.graph(g.identifier)
                for t in g:
                    target.add(t)
            memory.default_union = True
            row = {"triples": triples, "articles": len(graphs), "load_quads_per_s": load_rate, "queries": {}}
            oxigraph = store.store
            for name, q in audit_queries().items():
                ox_times = _times(
                    lambda q=q, s=oxigraph: list(s.query(q.text, use_default_graph_as_union=True)), 15
                )
                rd_times = _times(lambda q=q, m=memory: list(m.query(q.text)), 5 if triples <= 200_000 else 1)
                row["queries"][name] = (
                    statistics.median(ox_times),
                    _p95(ox_times),
                    statistics.median(rd_times),
                )
            del store, oxigraph
            results.append(row)
            print(_store_row(row), flush=True)
    del ox
    return results


def _times(fn, reps: int) -> list[float]:
    fn()
    out = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _store_row(row: dict) -> str:
    lines = [
        f"store at {row['triples']:,} triples ({row['articles']} articles): "
        f"load {row['load_quads_per_s']:,.0f} quads/s (one transaction per article)"
    ]
    for name, (p50, p95, rd) in row["queries"].items():
        lines.append(
            f"  {name:20} oxigraph p50 {p50:8.1f} ms  p95 {p95:8.1f} ms   rdflib p50 {rd:9.1f} ms  ({rd / p50:5.1f}x)"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--ingest-articles", type=int, default=60)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    from bench_annotate import machine

    print(f"kg benchmark, {time.strftime('%Y-%m-%d')}; machine: {machine()}; torch threads {args.threads}")
    a = bench_annotate(args.threads)
    print(f"annotate: {a['sentences']} sentences of {a['pieces']:.1f} word pieces")
    print(f"  kg annotate      {a['rate']:7.1f} sentences/s  {a['rate'] * a['pieces']:8.0f} word pieces/s")
    print(f"  naive loop       {a['naive']:7.1f} sentences/s  {a['naive'] * a['pieces']:8.0f} word pieces/s")
    print(f"  ratio to naive   {a['rate'] / a['naive']:.2f}x (target 3.5x)")
    print(
        f"  matmul rate      {a['gflops']:.0f} GFLOP/s; model {model_flops_per_token(200) / 1e6:.0f} MFLOP per word piece"
    )
    print(
        f"  roofline         {a['roofline']:7.1f} sentences/s; kg at {a['rate'] / a['roofline']:.0%} of it (target 80%)"
    )
    articles_per_s, sentences_per_s = bench_ingest(args.ingest_articles, args.threads)
    print(
        f"ingest end to end: {articles_per_s:.2f} articles/s ({sentences_per_s:.0f} sentences/s, "
        f"{sentences_per_s / a['rate']:.0%} of the annotate rate; target 80%)"
    )
    bench_store(args.triples)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "scripts"))
    main()
