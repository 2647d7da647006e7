"""Precision and recall of `counters` links against the corpus's annotated contradiction pairs.

    python3 scripts/eval_counters.py [--split dev|test] [--threshold T ...]

Claims are the gold annotations' (sentences with a holder or a speaker), so the figures
measure the linking step alone. Within-article pairs come from each record's `counters`,
cross-article pairs from `cross_counters`; pairs are scored without direction.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.graph.claims import COUNTER_SIMILARITY, ClaimNode, counter_pairs  # noqa: E402
from kg.graph.entities import normalise  # noqa: E402
from kg.nlp.embed import BaseEncoder  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev")
    parser.add_argument("--threshold", type=float, nargs="*", default=[COUNTER_SIMILARITY])
    args = parser.parse_args()
    records = [
        json.loads(line) for line in (ROOT / "data/corpus" / f"{args.split}.jsonl").open(encoding="utf-8")
    ]
    claims, index = [], {}
    for rec in records:
        for i, s in enumerate(rec["sentences"]):
            if s["holder"] or s["speaker"]:
                index[(rec["id"], i)] = len(claims)
                holder = normalise(s["holder"]) if s["holder"] else None
                speaker = normalise(s["speaker"]) if s["speaker"] else None
                claims.append(
                    ClaimNode(f"{rec['id']}#{i}", rec["id"], s["text"], holder, s["stance"], speaker)
                )
    gold_within, gold_cross = set(), set()
    for rec in records:
        for i, j in rec.get("counters", []):
            if (rec["id"], i) in index and (rec["id"], j) in index:
                gold_within.add(frozenset({index[(rec["id"], i)], index[(rec["id"], j)]}))
        for i, other, j in rec.get("cross_counters", []):
            if (rec["id"], i) in index and (other, j) in index:
                gold_cross.add(frozenset({index[(rec["id"], i)], index[(other, j)]}))
    vectors = BaseEncoder().encode([c.text for c in claims])
    print(
        f"{args.split}: {len(claims)} claims, {len(gold_within)} within-article and {len(gold_cross)} cross-article gold pairs"
    )
    print(
        "| threshold | scope | predicted | precision | recall | F1 |\n| --- | --- | --- | --- | --- | --- |"
    )
    for t in args.threshold:
        predicted = {frozenset(p) for p in counter_pairs(claims, vectors, t)}
        for scope, gold, keep in (
            ("within", gold_within, lambda p: len({claims[k].article for k in p}) == 1),
            ("cross", gold_cross, lambda p: len({claims[k].article for k in p}) == 2),
        ):
            pred = {p for p in predicted if keep(p)}
            if not gold:
                continue
            tp = len(pred & gold)
            prec = tp / len(pred) if pred else 0.0
            rec = tp / len(gold)
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            print(f"| {t:.2f} | {scope} | {len(pred)} | {prec:.3f} | {rec:.3f} | {f1:.3f} |")


if __name__ == "__main__":
    main()
