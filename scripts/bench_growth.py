"""Benchmark (not a test): `kg ingest` time and memory as the store grows to 1k, 5k, 10k articles.

    python3 scripts/bench_growth.py [--sizes 1000 5000 10000] [--threads 2] [--work DIR]

Synthetic articles (the frame generator) are written as JSON Lines, one file per step, then
each step runs `kg ingest FILE --store S` in its own process on the same store, so the
store grows as a user's would. Each row gives the step's wall time, articles/s, the peak
RSS of that process (from wait4), the store's size on disk and its link triples. Time is
linear when articles/s holds from step to step; memory is flat when the peak RSS does.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--work", type=Path, default=None, help="folder for inputs and store (default: temp)")
    args = parser.parse_args()
    from bench import synthetic_articles
    from bench_annotate import machine

    work = args.work or Path(tempfile.mkdtemp(prefix="kg-growth-"))
    work.mkdir(parents=True, exist_ok=True)
    store = work / "store"
    print(f"kg growth benchmark, {time.strftime('%Y-%m-%d')}; machine: {machine()}; threads {args.threads}")
    print(f"work folder: {work}")
    articles = synthetic_articles(max(args.sizes), seed=11)
    done = 0
    print(
        "| articles in store | added | seconds | articles/s | sentences/s | peak RSS MB | store MB | link triples |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for size in sorted(args.sizes):
        path, sentences = work / f"step-{size}.jsonl", 0
        with path.open("w", encoding="utf-8") as out:
            for _ in range(size - done):
                rec = next(articles)
                sentences += len(rec["sentences"])
                out.write(
                    json.dumps({"id": rec["id"], "text": rec["text"], "published": rec["published"]}) + "\n"
                )
        command = ["kg", "ingest", str(path), "--store", str(store), "--threads", str(args.threads)]
        start = time.perf_counter()
        with open(work / f"step-{size}.log", "w") as log:
            proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if status != 0:
            sys.exit(f"step {size}: kg ingest failed, see {work / f'step-{size}.log'}")
        tail = (work / f"step-{size}.log").read_text().strip().splitlines()[-1]
        links = tail.split(";")[-1].split()[0] if ";" in tail else "?"
        added = size - done
        print(
            f"| {size:,} | {added:,} | {elapsed:.0f} | {added / elapsed:.2f} | {sentences / elapsed:.0f} | "
            f"{usage.ru_maxrss / 1024:.0f} | {_du(store) / 2**20:.0f} | {links} |",
            flush=True,
        )
        done = size


if __name__ == "__main__":
    main()
