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


def matmul_gflops(threads: int, dtype: str = "fp32") -> float:
    """Measured rate of the model's largest matmul shape (2048 word pieces, 384 by 1536)."""
    import torch

    torch.set_num_threads(threads)
    kind = {"fp32": torch.float32, "bf16": torch.bfloat16}[dtype]
    a, b = torch.randn(2048, 384, dtype=kind), torch.randn(384, 1536, dtype=kind)
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


def bench_annotate(threads: int) -> dict:
    """The annotate figures of scripts/bench_annotate.py, plus rooflines from measured matmul rates."""
    from bench_annotate import measure

    m = measure(threads, precisions=("fp32", "bf16", "int8"))
    per_sentence = model_flops_per_token(200) * (m["pieces"] + 0.1)
    gflops = {d: matmul_gflops(threads, d) for d in ("fp32", "bf16")}
    return {**m, "gflops": gflops, "roofline": {d: g * 1e9 / per_sentence for d, g in gflops.items()}}


def bench_ingest(n: int, threads: int, precision: str = "fp32") -> tuple[float, float]:
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
        _, written, _ = ingest_to_store(
            [str(folder)], str(Path(tmp) / "store"), threads=threads, precision=precision
        )
        elapsed = time.perf_counter() - start
        return written / elapsed, sentences / elapsed


def bench_store(sizes: list[int], rdflib_cap: float) -> list[dict]:
    """Load rate, derived-graph refresh and audit-query latency as one store grows through ``sizes``.

    Articles are synthetic with gold labels (no model run) and real claim vectors, so the
    links and summaries are what an ingest would make. Each query runs as written (the whole
    answer) and bound to its first parameter at the most frequent value (what an auditor asks:
    one speaker, holder or outlet). rdflib's memory Dataset gets the same quads; each of its
    queries stops after ``rdflib_cap`` seconds.
    """
    import pyoxigraph as ox

    from kg.graph.audit import audit_queries
    from kg.graph.build import build_article_graph
    from kg.graph.local import LocalStore
    from kg.nlp.embed import BaseEncoder, claim_vectors
    from kg.nlp.gold import from_record
    from kg.records import RunInfo

    run = RunInfo(model="bench", weights_sha256="0" * 64, code_version="bench")
    encoder = BaseEncoder()
    results = []
    articles = synthetic_articles(max(sizes) // 250 + 200)
    with tempfile.TemporaryDirectory() as tmp:
        store = LocalStore(Path(tmp) / "s")
        triples, count, build_s, load_s = 0, 0, 0.0, 0.0
        for size in sorted(sizes):
            while triples < size:
                rec = next(articles)
                start = time.perf_counter()
                doc = from_record(rec, run=run)
                (vectors,) = claim_vectors([doc.sentences], encoder)
                g = build_article_graph(from_record(rec, run=run, vectors=vectors))
                build_s += time.perf_counter() - start
                start = time.perf_counter()
                store.write_graph(g)
                load_s += time.perf_counter() - start
                triples += len(g)
                count += 1
            start = time.perf_counter()
            links = store.refresh()
            refresh_s = time.perf_counter() - start
            total = len(store.db)
            row = {
                "triples": total,
                "articles": count,
                "load_quads_per_s": triples / load_s,
                "refresh_s": refresh_s,
                "links": links,
                "queries": {},
            }
            params = _frequent_values(store)
            memory = _rdflib_copy(store, rdflib_cap * 20)
            for name, q in audit_queries().items():
                key = next((p for p in ("speaker", "holder", "outlet") if p in q.params.split(",")[0]), None)
                bound = {key: params[key]} if key and params.get(key) else {}
                ox_times = _times(lambda q=q, st=store: _ox(st, q.text), 15)
                bound_times = _times(lambda q=q, b=bound, st=store: _ox(st, q.text, b), 15) if bound else []
                rd = _rdflib_p50(memory, q.text, rdflib_cap, 5 if total <= 200_000 else 1)
                row["queries"][name] = {
                    "p50": statistics.median(ox_times),
                    "p95": _p95(ox_times),
                    "bound": (key, statistics.median(bound_times)) if bound else None,
                    "rdflib": rd,
                }
            del memory
            results.append(row)
            print(_store_row(row, rdflib_cap), flush=True)
        del store
    del ox
    return results


def _ox(store, text: str, params: dict[str, str] | None = None) -> list:
    from kg.graph.query import run_query

    return list(run_query(store.db, text, params, limit=10**9).rows)


def _frequent_values(store) -> dict[str, str]:
    """The most frequent speaker, holder and outlet names (what an auditor would look up)."""
    prefix = "PREFIX kg: <https://w3id.org/kg-news/ns#> PREFIX schema: <https://schema.org/> "
    queries = {
        "speaker": "SELECT ?v (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a kg:speaker/schema:name ?v } } GROUP BY ?v ORDER BY DESC(?n) LIMIT 1",
        "holder": "SELECT ?v (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?c kg:holder/schema:name ?v } } GROUP BY ?v ORDER BY DESC(?n) LIMIT 1",
        "outlet": "SELECT ?v (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a schema:publisher/schema:name ?v } } GROUP BY ?v ORDER BY DESC(?n) LIMIT 1",
    }
    out = {}
    for key, q in queries.items():
        rows = list(store.db.query(prefix + q))
        if rows:
            out[key] = rows[0]["v"].value
    return out


def _rdflib_copy(store, budget_s: float):
    """The store's quads in an rdflib memory Dataset (union default graph), or None past ``budget_s``."""
    import pyoxigraph as ox
    import rdflib

    memory = rdflib.Dataset(default_union=True)
    start = time.perf_counter()
    data = store.db.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8")
    try:
        with _alarm(budget_s):
            memory.parse(data=data, format="nquads")
    except TimeoutError:
        return None
    print(
        f"  (rdflib loaded {len(data.splitlines()):,} quads in {time.perf_counter() - start:.0f} s)",
        flush=True,
    )
    return memory


class _alarm:
    """Raise TimeoutError in this thread after ``seconds`` (rdflib is pure Python, so it stops)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __enter__(self):
        import signal

        def stop(*_):
            raise TimeoutError

        self.previous = signal.signal(signal.SIGALRM, stop)
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def __exit__(self, *exc):
        import signal

        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self.previous)
        return False


def _rdflib_p50(memory, text: str, cap: float, reps: int) -> float | None:
    """Median ms of ``reps`` runs in rdflib, or None when there is no copy or a run passes ``cap`` s."""
    if memory is None:
        return None
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        try:
            with _alarm(cap):
                list(memory.query(text))
        except TimeoutError:
            return None
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


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


def _store_row(row: dict, cap: float) -> str:
    lines = [
        f"store at {row['triples']:,} quads ({row['articles']} articles): load {row['load_quads_per_s']:,.0f} quads/s "
        f"(one transaction per article); links and summaries refreshed in {row['refresh_s']:.1f} s "
        f"({row['links']:,} link triples)"
    ]
    for name, r in row["queries"].items():
        bound = f"{r['bound'][0]}= p50 {r['bound'][1]:7.1f} ms" if r["bound"] else "(no parameter)     "
        rd = (
            f"rdflib p50 {r['rdflib']:9.1f} ms ({r['rdflib'] / r['p50']:5.1f}x)"
            if r["rdflib"]
            else f"rdflib > {cap:.0f} s"
        )
        lines.append(f"  {name:20} oxigraph p50 {r['p50']:8.1f} ms  p95 {r['p95']:8.1f} ms  {bound}  {rd}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--triples", type=int, nargs="*", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--ingest-articles", type=int, default=60)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--rdflib-cap", type=float, default=30.0, help="seconds before an rdflib query is stopped"
    )
    parser.add_argument("--skip-model", action="store_true", help="only the store and query figures")
    args = parser.parse_args()
    from bench_annotate import machine

    print(f"kg benchmark, {time.strftime('%Y-%m-%d')}; machine: {machine()}; torch threads {args.threads}")
    if not args.skip_model:
        bench_model(args.threads, args.ingest_articles)
    bench_store(args.triples, args.rdflib_cap)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this run: {peak:.0f} MB (rdflib's memory copy of the largest store included)")


def bench_model(threads: int, ingest_articles: int) -> None:
    a = bench_annotate(threads)
    fp32, naive = a["rates"]["fp32"], a["naive"]
    print(f"annotate: {a['sentences']} sentences of {a['pieces']:.1f} word pieces")
    print(f"  naive loop         {naive:7.1f} sentences/s  {naive * a['pieces']:8.0f} word pieces/s")
    for name, rate in a["rates"].items():
        print(
            f"  kg annotate {name:6} {rate:7.1f} sentences/s  {rate * a['pieces']:8.0f} word pieces/s  "
            f"{rate / naive:4.2f}x naive  {rate / fp32:4.2f}x fp32"
        )
    print(
        "  targets: fp32 >= 330 sentences/s and >= 3.5x naive; int8 >= 1.5x fp32 (scores: docs/benchmarks.md)"
    )
    print(
        f"  model cost       {model_flops_per_token(200) / 1e6:.0f} MFLOP per word piece (200-token context)"
    )
    for dtype, gflops in a["gflops"].items():
        roof = a["roofline"][dtype]
        print(
            f"  {dtype} matmul      {gflops:6.0f} GFLOP/s -> roofline {roof:7.1f} sentences/s; "
            f"kg {dtype} at {a['rates'][dtype] / roof:.0%} of it"
            + (" (target 80%)" if dtype == "fp32" else "")
        )
    for precision in ("fp32", "bf16"):
        articles_per_s, sentences_per_s = bench_ingest(ingest_articles, threads, precision)
        rate = a["rates"][precision]
        print(
            f"ingest end to end ({precision}): {articles_per_s:.2f} articles/s ({sentences_per_s:.0f} sentences/s, "
            f"{sentences_per_s / rate:.0%} of the {precision} annotate rate; target 80%)"
        )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "scripts"))
    main()
