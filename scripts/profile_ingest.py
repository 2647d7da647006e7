"""Profile (not a test): where `kg ingest` spends its time, by stage and by torch operator.

    python3 scripts/profile_ingest.py [--articles 60] [--threads 2] [--precision fp32]

Runs the ingest of synthetic articles under cProfile and prints the seconds spent in each
stage (segment, the model's forward pass, decoding and resolution, claim vectors, graph
building, store writes, links and summaries), then the torch operators of one annotate
batch under torch.profiler. The model is loaded before timing starts.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT.parent))

# (label, module file suffix, function name): cumulative time of each, from cProfile.
STAGES = [
    ("segment", "kg/segment/splitter.py", "sentence_spans"),
    ("model: windows, forward pass, span decoding", "kg/nlp/infer.py", "predict"),
    ("decode and resolve", "kg/nlp/decode.py", "decode_article"),
    ("claim vectors (base encoder)", "kg/nlp/embed.py", "encode"),
    ("graph building (rdflib)", "kg/graph/build.py", "build_article_graph"),
    ("store writes (SPARQL update)", "kg/graph/local.py", "write_graph"),
    ("links and summaries", "kg/graph/contract.py", "refresh"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--precision", default="fp32")
    args = parser.parse_args()
    from bench import synthetic_articles

    from kg.pipeline import ingest_to_store
    from kg.scale import _annotator

    work = Path(tempfile.mkdtemp(prefix="kg-profile-"))
    sentences = 0
    with (work / "in.jsonl").open("w", encoding="utf-8") as out:
        for rec in synthetic_articles(args.articles, seed=7):
            sentences += len(rec["sentences"])
            out.write(json.dumps({"id": rec["id"], "text": rec["text"]}) + "\n")
    annotator = _annotator(args.threads, "cpu", args.precision)
    annotator.encoder.encode(["warm up"])
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    ingest_to_store(
        [str(work / "in.jsonl")], str(work / "store"), threads=args.threads, precision=args.precision
    )
    profile.disable()
    total = time.perf_counter() - start
    stats = pstats.Stats(profile).stats
    print(f"ingest of {args.articles} articles ({sentences} sentences), {args.precision}: {total:.2f} s")
    print("| stage | seconds | share |\n| --- | --- | --- |")
    accounted = 0.0
    for label, suffix, name in STAGES:
        seconds = sum(v[3] for (file, _, func), v in stats.items() if file.endswith(suffix) and func == name)
        accounted += seconds
        print(f"| {label} | {seconds:.2f} | {seconds / total:.0%} |")
    print(f"| everything else | {total - accounted:.2f} | {(total - accounted) / total:.0%} |")
    _operators(annotator, work / "in.jsonl")


def _operators(annotator, path: Path) -> None:
    """Torch operators of one annotate batch (16 articles), by self CPU time."""
    from torch.profiler import ProfilerActivity, profile

    from kg.records import Article

    lines = path.read_text(encoding="utf-8").splitlines()[:16]
    articles = [Article(r["id"], r["text"]) for r in map(json.loads, lines)]
    annotator.annotate_batch(articles)
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        annotator.annotate_batch(articles)
    print()
    print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=12))


if __name__ == "__main__":
    main()
