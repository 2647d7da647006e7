#!/usr/bin/env python3
"""Score agent resolution (issue 13): mention clusters within articles, merges across articles,
and the checks on a whole store.

    python3 scripts/eval_entities.py [--split test] [--store DIR]

1. Mention clustering: the resolver (kg.nlp.resolve) reads each gold speaker mention of an
   article in order, as decoding does; pairs of mentions of one article that it gives the
   same name, against pairs the annotators gave the same speaker (pairwise precision/recall).
2. Cross-article merging: the names the annotators gave agents in the split's articles, each
   as the graph would key it (kg.graph.entities.canonical; a description or fragment stays its
   article's own), against the gold agent clusters of ``data/corpus/wikinews/agents.jsonl``;
   pairs of (article, name) from different articles (pairwise precision/recall).
3. With ``--store``: agents with more than one class, named agents whose name is no name,
   self-counters (a counter between two claims of one holder in one voice), on that store.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.graph.entities import canonical  # noqa: E402
from kg.nlp.names import is_name  # noqa: E402
from kg.nlp.resolve import ArticleResolver  # noqa: E402
from kg.nlp.run import load_gold  # noqa: E402

WIKINEWS = ROOT / "data" / "corpus" / "wikinews"
KG = "https://w3id.org/kg-news/ns#"
CLASSES = ("Official", "PrivatePerson", "Government", "Organization", "Outlet", "UnnamedSource")


def pairwise(items: list, gold: dict, pred: dict, across: bool) -> tuple[float, float, int, int]:
    """Pairwise precision and recall of clusters over ``items`` (pairs within one article, or across)."""
    tp = fp = fn = 0
    by_key: dict = defaultdict(list)
    for item in items:
        by_key[gold[item]].append(item)
        by_key[("pred", pred[item])].append(item)
    candidates = set()
    for group in by_key.values():
        candidates |= {frozenset(p) for p in combinations(group, 2)}
    for pair in candidates:
        a, b = tuple(pair)
        if (a[0] != b[0]) != across:
            continue
        same_gold, same_pred = gold[a] == gold[b], pred[a] == pred[b]
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    return tp / max(tp + fp, 1), tp / max(tp + fn, 1), tp + fp, tp + fn


def mentions(records: list[dict]) -> None:
    items, gold, pred = [], {}, {}
    for rec in records:
        resolver = ArticleResolver(rec["text"])
        for i, s in enumerate(rec["sentences"]):
            mention = s.get("speaker_mention")
            if mention and s.get("speaker_type") != "unnamed":
                item = (rec["id"], i)
                items.append(item)
                gold[item] = (rec["id"], s["speaker"])
                pred[item] = resolver.resolve(mention["start"], mention["end"], i, s.get("speaker_type"))
            resolver.observe(s["start"], s["end"], i)
        for item in [x for x in items if x[0] == rec["id"]]:
            pred[item] = (rec["id"], resolver.final(pred[item]))
    p, r, npred, ngold = pairwise(items, gold, pred, across=False)
    print(f"mention clustering within articles: {len(items)} mentions; pairwise precision {p:.3f} "
          f"({npred} predicted pairs), recall {r:.3f} ({ngold} gold pairs)")  # fmt: skip


def merges(records: list[dict]) -> None:
    clusters = {}
    for k, line in enumerate((WIKINEWS / "agents.jsonl").read_text(encoding="utf-8").splitlines()):
        entry = json.loads(line)
        for name in entry["names"]:
            if entry.get("unnamed"):
                clusters[(entry["article"], name)] = ("unnamed", k)
            else:
                clusters[name] = k
    items, gold, pred = [], {}, {}
    for rec in records:
        for name in rec.get("entities", {}):
            item = (rec["id"], name)
            key = clusters.get(item) or clusters.get(name)
            if key is None or isinstance(key, tuple):
                continue  # unnamed sources are their article's own
            items.append(item)
            gold[item] = key
            pred[item] = canonical(name)[0] if is_name(name) else item
    p, r, npred, ngold = pairwise(items, gold, pred, across=True)
    print(f"merging across articles: {len(items)} (article, agent) names; pairwise precision {p:.3f} "
          f"({npred} predicted pairs), recall {r:.3f} ({ngold} gold pairs)")  # fmt: skip


def store_checks(folder: Path) -> None:
    from kg.graph.local import LocalStore

    with LocalStore(folder, readonly=True) as store:
        typed: dict[str, set[str]] = defaultdict(set)
        for row in store.query("SELECT DISTINCT ?a ?t WHERE { ?a a ?t }", limit=10**9):
            if row["t"].startswith(KG) and row["t"][len(KG) :] in CLASSES:
                typed[row["a"]].add(row["t"][len(KG) :])
        names = {row["a"]: row["n"] for row in store.query(
            "SELECT ?a (SAMPLE(?name) AS ?n) WHERE { ?a <https://schema.org/name> ?name } GROUP BY ?a", limit=10**9)}  # fmt: skip
        named = [a for a in names if "/agent/" in a]
        not_names = [names[a] for a in named if not is_name(names[a])]
        counters = list(store.query(
            f"SELECT ?a ?b ?ha ?hb ?sa ?sb WHERE {{ ?a <{KG}counters> ?b . "
            f"OPTIONAL {{ ?a <{KG}holder> ?ha }} OPTIONAL {{ ?b <{KG}holder> ?hb }} "
            f"OPTIONAL {{ ?a <{KG}attribution>/<{KG}speaker> ?sa }} OPTIONAL {{ ?b <{KG}attribution>/<{KG}speaker> ?sb }} }}",
            limit=10**9))  # fmt: skip
        articles = next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?a a <{KG}Article> }}")))["n"]
    two = [a for a, t in typed.items() if len(t) > 1]
    self_counters = [
        c for c in counters
        if (c["ha"] or c["sa"]) and (c["ha"] or c["sa"]) == (c["hb"] or c["sb"]) and c["sa"] == c["sb"]
    ]  # fmt: skip
    print(f"store {folder}: {articles} articles, {len(typed)} typed agents, {len(named)} named agents")
    print(f"  agents with more than one class: {len(two)}")
    print(
        f"  named agents whose name is no name: {len(not_names)} ({len(not_names) / max(len(named), 1):.1%})"
    )
    print(f"  counters: {len(counters)}; self-counters: {len(self_counters)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test")
    parser.add_argument("--texts", type=Path, default=None)
    parser.add_argument("--store", type=Path, default=None)
    parser.add_argument(
        "--corpus",
        type=Path,
        default=WIKINEWS,
        help="a corpus folder (default Wikinews; data/corpus: our own)",
    )
    args = parser.parse_args()
    records = load_gold(args.corpus / f"{args.split}.jsonl", args.texts)
    print(f"{args.corpus.name} {args.split}: {len(records)} articles")
    mentions(records)
    if args.corpus == WIKINEWS:  # the gold agent clusters are Wikinews's
        merges(records)
    if args.store:
        store_checks(args.store)


if __name__ == "__main__":
    main()
