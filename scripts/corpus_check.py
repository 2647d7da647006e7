"""Check authoring files (data/corpus/AUTHORING.md) and print per-file counts."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.corpus.authoring import AuthoringError, build_article, read_authoring


def main(paths: list[str]) -> int:
    bad = 0
    for name in paths:
        stances: Counter[str] = Counter()
        articles = sentences = 0
        try:
            for where, rec in read_authoring(Path(name)):
                try:
                    art = build_article(rec, where)
                except AuthoringError as exc:
                    print(f"ERROR {exc}")
                    bad += 1
                    continue
                articles += 1
                sentences += len(art["sentences"])
                stances.update(s["stance"] for s in art["sentences"])
        except AuthoringError as exc:
            print(f"ERROR {exc}")
            bad += 1
        shares = ", ".join(f"{k} {v / max(sentences, 1):.0%}" for k, v in sorted(stances.items()))
        print(f"{name}: {articles} articles, {sentences} sentences; {shares}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
