"""Build ``data/corpus/{train,dev,test}.jsonl`` from the authoring files in ``data/corpus/src``."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from pathlib import Path

from kg.corpus.authoring import SPLITS, AuthoringError, build_article, read_authoring


def build_corpus(src: Path, out: Path) -> dict[str, list[dict]]:
    """Write one file per split (articles sorted by id) and the test cross-article pairs."""
    splits: dict[str, list[dict]] = defaultdict(list)
    for path in sorted(src.glob("*.jsonl")):
        for where, rec in read_authoring(path):
            art = build_article(rec, where)
            split = art["id"].split("-", 1)[0]
            if split not in SPLITS:
                raise AuthoringError(f"{where}{art['id']}: id must start with one of {SPLITS}")
            art["source_file"] = path.name
            splits[split].append(art)
    ids = Counter(a["id"] for arts in splits.values() for a in arts)
    dupes = sorted(i for i, n in ids.items() if n > 1)
    if dupes:
        raise AuthoringError(f"duplicate article ids: {dupes[:10]}")
    out.mkdir(parents=True, exist_ok=True)
    for split in SPLITS:
        arts = sorted(splits[split], key=lambda a: a["id"])
        with (out / f"{split}.jsonl").open("w", encoding="utf-8") as fh:
            for art in arts:
                fh.write(json.dumps(art, ensure_ascii=False) + "\n")
    _write_cross_pairs(splits["test"], out / "test-cross-pairs.jsonl")
    return splits


def _write_cross_pairs(articles: list[dict], path: Path) -> None:
    """Cross-article contradictions among test articles, each pair once, both ends checked."""
    by_id = {a["id"]: a for a in articles}
    pairs = set()
    for art in articles:
        for i, other, j in art.get("cross_counters", []):
            target = by_id.get(other)
            if target is None or not 0 <= j < len(target["sentences"]):
                raise AuthoringError(
                    f"{art['id']}: cross_counters points at {other} sentence {j}, not a test sentence"
                )
            pairs.add(tuple(sorted([(art["id"], i), (other, j)])))
    with path.open("w", encoding="utf-8") as fh:
        for (a, i), (b, j) in sorted(pairs):
            rec = {
                "a": {"article": a, "sentence": i, "text": by_id[a]["sentences"][i]["text"]},
                "b": {"article": b, "sentence": j, "text": by_id[b]["sentences"][j]["text"]},
            }
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
