"""Build data/corpus/{train,dev,test}.jsonl from data/corpus/src, validate, print the counts."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.corpus.build import build_corpus  # noqa: E402
from kg.corpus.validate import validate_files  # noqa: E402


def main() -> int:
    corpus = ROOT / "data" / "corpus"
    splits = build_corpus(corpus / "src", corpus)
    report = validate_files(corpus / f"{s}.jsonl" for s in ("train", "dev", "test"))
    for problem in report.problems:
        print("PROBLEM", problem)
    print("| split | articles | sentences | eager | open | denying | neutral |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for split in ("train", "dev", "test"):
        st = report.stances.get(split, Counter())
        n = max(report.sentences[split], 1)
        cells = " | ".join(f"{st[k]} ({st[k] / n:.0%})" for k in ("eager", "open", "denying", "neutral"))
        print(f"| {split} | {report.articles[split]} | {report.sentences[split]} | {cells} |")
    domains = sorted({a["domain"] for arts in splits.values() for a in arts})
    print("\n| split | " + " | ".join(domains) + " |")
    print("| --- " * (len(domains) + 1) + "|")
    for split in ("train", "dev", "test"):
        c = Counter(a["domain"] for a in splits[split])
        print(f"| {split} | " + " | ".join(str(c[d]) for d in domains) + " |")
    return 1 if report.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
