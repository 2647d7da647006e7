#!/usr/bin/env python3
"""Ingest time per article, this tree against an earlier revision, on the same articles.

    python3 scripts/bench_ingest_change.py --base REV [--articles 40] [--rounds 2]

Checks REV out into a temporary worktree and runs `kg ingest` of each tree on the same
Wikinews articles (from ../shared/datasets/wikinews/articles.jsonl), alternating base and
current ``--rounds`` times, each into a fresh store. Prints seconds per article for each
run and the ratio current/base of the medians (the machine is shared: the ratio is the
figure to read).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.corpus.standoff import default_texts  # noqa: E402

RUN = "import sys; from kg.cli import main; sys.argv = ['kg', *sys.argv[1:]]; main()"


def ingest(tree: Path, articles: Path, store: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", RUN, "ingest", str(articles), "--store", str(store)],
        cwd=tree, env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin", "HOME": str(Path.home())},
        check=True, capture_output=True,
    )  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base = work / "base"
        subprocess.run(["git", "worktree", "add", "--detach", str(base), args.base], cwd=ROOT, check=True,
                       capture_output=True)  # fmt: skip
        try:
            lines = default_texts().read_text(encoding="utf-8").splitlines()[: args.articles]
            articles = work / "articles.jsonl"
            articles.write_text("\n".join(lines) + "\n", encoding="utf-8")
            times: dict[str, list[float]] = {"base": [], "current": []}
            for k in range(args.rounds):
                for name, tree in (("base", base), ("current", ROOT)):
                    seconds = ingest(tree, articles, work / f"{name}-{k}")
                    times[name].append(seconds / args.articles)
                    print(f"round {k + 1} {name}: {seconds / args.articles:.3f} s/article")
            ratio = statistics.median(times["current"]) / statistics.median(times["base"])
            print(f"{args.articles} articles: base {statistics.median(times['base']):.3f} s/article, "
                  f"current {statistics.median(times['current']):.3f} s/article, ratio {ratio:.2f}")  # fmt: skip
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(base)], cwd=ROOT, capture_output=True)


if __name__ == "__main__":
    main()
