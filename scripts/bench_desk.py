"""Benchmark (not a test): the audit desk's page latency (`kg serve`'s web app) at 1,000 and 10,000 articles.

    python3 scripts/bench_desk.py [--sizes 1000 10000] [--work DIR] [--reps 5]
    python3 scripts/bench_desk.py --build-only N DIR     # just build a store of N articles in DIR

Articles come from the synthetic generator (scripts/bench.py) with their gold labels, so no
model runs; claim vectors come from a bag-of-words stand-in (links need some vector). Each
page is fetched through the app (query workers with their timeout, as `kg serve` runs it)
once, then ``--reps`` times; the first time, the median and the worst are printed in milliseconds.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))


class _Words:
    """A stand-in encoder (kg.nlp.embed.Encoder): deterministic bag-of-words vectors, no model."""

    dim = 8
    WORDS = ("talk", "negotiat", "deal", "agree", "denied", "meeting", "tariff", "trade")

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for k, text in enumerate(texts):
            low = text.lower()
            out[k] = [low.count(w) for w in self.WORDS]
            out[k, -1] += 0.1
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def build_store(folder: Path, n: int, seed: int = 101) -> Path:
    """A store of ``n`` synthetic articles with gold labels, links and summaries (no model)."""
    from bench import synthetic_articles

    from kg.graph.local import LocalStore
    from kg.nlp.gold import from_record
    from kg.records import RunInfo

    run = RunInfo(model="bench", weights_sha256="0" * 64, code_version="bench")
    with LocalStore(folder, encoder=_Words()) as store:
        for record in synthetic_articles(n, seed):
            store.add(from_record(record, run=run))
        store.refresh()
    gc.collect()
    return folder


def _fetch(url: str) -> tuple[float, bytes]:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=120) as response:
        body = response.read()
    return time.perf_counter() - start, body


def _busiest(base: str, pattern: str) -> tuple[str, str]:
    """The IRI that ``pattern`` (binding ?x) gives most often, and its name, asked of the server's
    SPARQL endpoint."""
    query = (
        f"SELECT ?x (SAMPLE(?name) AS ?n) WHERE {{ GRAPH ?g {{ {pattern} . ?x schema:name ?name }} }} "
        "GROUP BY ?x ORDER BY DESC(COUNT(*)) LIMIT 1"
    )
    prefixes = "PREFIX kg: <https://w3id.org/kg-news/ns#> PREFIX schema: <https://schema.org/> "
    _, body = _fetch(f"{base}/query?{urllib.parse.urlencode({'query': prefixes + query})}")
    row = json.loads(body)["results"]["bindings"][0]
    return row["x"]["value"], row["n"]["value"]


def pages(base: str) -> dict[str, str]:
    """The pages timed: each kind of desk page, at the store's busiest agent and outlet."""
    _, home = _fetch(base + "/")
    claim = re.search(rb'href="(/claim\?iri=[^"]+)"', home).group(1).decode()
    speaker, name = _busiest(base, "?att kg:speaker ?x")
    outlet, _ = _busiest(base, "?a schema:publisher ?x")
    editor = "SELECT ?stance (COUNT(?c) AS ?n) WHERE { ?c kg:stance ?stance } GROUP BY ?stance"
    return {
        "who said what, page 1": "/",
        "who said what, page 100": "/?page=99",
        "filter: speaker (busiest, by surname)": "/?" + urllib.parse.urlencode({"speaker": name.split()[-1]}),
        "filter: speaker, no match": "/?speaker=zzzz",
        "filter: text + stance + dates": "/?text=talks&stance=denying&date_from=2026-03&date_to=2026-06",
        "filter: outlet": "/?outlet=wire",
        "claim": claim,
        "agent (busiest speaker)": "/agent?" + urllib.parse.urlencode({"iri": speaker}),
        "outlet (busiest)": "/agent?" + urllib.parse.urlencode({"iri": outlet}),
        "SPARQL page (claims by stance)": "/editor?" + urllib.parse.urlencode({"query": editor}),
        "network page": "/network",
        "network data (150 edges a kind)": "/network.json",
    }


def measure(folder: Path, reps: int) -> list[tuple[str, float, float, float]]:
    """(page, first ms, median ms, worst ms) for each page, through `kg serve` over ``folder``.

    The first request of a page after the server started also reads what the desk keeps
    (articles in order, claim counts, names, the network), so it is shown apart."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = ["kg", "serve", "--store", str(folder), "--port", str(port)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                _fetch(base + "/static/desk.css")
                break
            except OSError:
                time.sleep(0.2)
        cold = _fetch(base + "/")[0] * 1000  # also reads the articles in order and the claim counts
        rows = [("who said what, first request after start", cold, float("nan"), float("nan"))]
        for name, path in pages(base).items():
            first = _fetch(base + path)[0] * 1000
            times = [_fetch(base + path)[0] * 1000 for _ in range(reps)]
            rows.append((name, first, statistics.median(times), max(times)))
        return rows
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _cells(first: float, median: float, worst: float) -> str:
    return f"{first:.0f} | –" if median != median else f"{first:.0f} | {median:.0f} ({worst:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000])
    parser.add_argument("--work", type=Path, default=None, help="keep the stores here (reused when present)")
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-desk-"))
    results = {}
    for size in args.sizes:
        folder = work / f"store-{size}"
        if not (folder / "oxigraph").is_dir():
            start = time.perf_counter()
            build_store(folder, size)
            print(f"built {size:,} articles in {time.perf_counter() - start:.0f} s", flush=True)
        results[size] = measure(folder, args.reps)
    print(
        f"\nkg desk benchmark, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs: ms, first request "
        f"in the server's order, then the median (worst) of {args.reps}"
    )
    print("| page | " + " | ".join(f"{n:,}: first | {n:,}: median (worst)" for n in args.sizes) + " |")
    print("| --- |" + " --- | --- |" * len(args.sizes))
    names = [row[0] for row in results[args.sizes[0]]]
    for k, name in enumerate(names):
        cells = [_cells(*results[n][k][1:]) for n in args.sizes]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__" and "--build-only" in sys.argv:
    t = time.perf_counter()
    build_store(Path(sys.argv[-1]), int(sys.argv[-2]))
    print(f"built in {time.perf_counter() - t:.1f} s")
elif __name__ == "__main__":
    main()
