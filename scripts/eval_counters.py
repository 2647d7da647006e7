#!/usr/bin/env python3
"""Score the links a store makes between claims against the annotated pairs (issue 13).

    python3 scripts/eval_counters.py [--split test] [--texts PATH]

Builds a store from the Wikinews split's gold records (gold labels, so the links alone are
judged; vectors from the base encoder, as `kg ingest` stores them), refreshes it with the
current code, and compares its `kg:counters`, `kg:reverses` and claim groups with the
annotated pairs: within articles (every annotated article) and across articles (on the
article pairs annotated in `cross.jsonl`; predicted pairs elsewhere are counted apart).
Also counts self-counters (a counter between claims of one holder).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.corpus.links import read_cross  # noqa: E402
from kg.graph import iris  # noqa: E402
from kg.graph.local import LocalStore  # noqa: E402
from kg.nlp.embed import BaseEncoder, claim_vectors  # noqa: E402
from kg.nlp.gold import from_record  # noqa: E402
from kg.nlp.run import load_gold  # noqa: E402

WIKINEWS = ROOT / "data" / "corpus" / "wikinews"
KG = "https://w3id.org/kg-news/ns#"


def _claim(iri: str) -> tuple[str, int]:
    """(article id, sentence index) of a claim IRI."""
    head, index = iri.rsplit("/claim/", 1)
    from urllib.parse import unquote

    return unquote(head.rsplit("/article/", 1)[1]), int(index)


def prf(predicted: set, gold: set) -> str:
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 0.0
    r = tp / len(gold) if gold else 0.0
    return f"precision {p:.3f} ({tp}/{len(predicted)}), recall {r:.3f} ({tp}/{len(gold)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=WIKINEWS,
        help="a corpus folder (default Wikinews; data/corpus: our own)",
    )
    parser.add_argument("--texts", type=Path, default=None)
    args = parser.parse_args()
    records = load_gold(args.corpus / f"{args.split}.jsonl", args.texts)
    ids = {r["id"] for r in records}
    cross_file = args.corpus / "cross.jsonl"
    cross = (
        [r for r in read_cross(cross_file) if r["a"] in ids and r["b"] in ids] if cross_file.is_file() else []
    )
    for rec in records:  # the project corpus writes its cross-article pairs in the records
        for i, other, j in rec.get("cross_counters") or []:
            if other in ids:
                cross.append({"a": rec["id"], "b": other, "counters": [[i, j]], "same": [], "reverses": []})
    encoder = BaseEncoder()
    docs = [from_record(r) for r in records]
    vectors = claim_vectors([d.sentences for d in docs], encoder)
    with tempfile.TemporaryDirectory() as tmp, LocalStore(Path(tmp) / "s", encoder=encoder) as store:
        for rec, vecs in zip(records, vectors, strict=True):
            store.add(from_record(rec, vectors=vecs))
        store.refresh()
        found = {
            rel: {(_claim(r["a"]), _claim(r["b"])) for r in store.query(
                f"SELECT ?a ?b WHERE {{ ?a <{KG}{rel}> ?b }}", limit=10**9)}
            for rel in ("counters", "reverses")
        }  # fmt: skip
        holders = {  # whose position: the holder, else the speaker
            _claim(r["c"]): r["h"]
            for r in store.query(
                f"SELECT ?c (COALESCE(?x, ?y) AS ?h) WHERE {{ ?c a <{KG}Claim> "
                f"OPTIONAL {{ ?c <{KG}holder> ?x }} OPTIONAL {{ ?c <{KG}attribution>/<{KG}speaker> ?y }} }}",
                limit=10**9,
            )
        }
        speakers = {
            _claim(r["c"]): r["s"]
            for r in store.query(
                f"SELECT ?c ?s WHERE {{ ?c <{KG}attribution>/<{KG}speaker> ?s }}", limit=10**9
            )
        }
        grouped = [r for r in store.query(f"SELECT ?c ?g WHERE {{ ?c <{KG}inGroup> ?g }}", limit=10**9)]
    same_pred: set = set()
    members: dict[str, list] = {}
    for r in grouped:
        members.setdefault(r["g"], []).append(_claim(r["c"]))
    for group in members.values():
        same_pred |= {frozenset(p) for p in combinations(group, 2)}
    gold = {k: set() for k in ("counters", "same", "reverses")}
    for rec in records:
        for kind in gold:
            gold[kind] |= {frozenset({(rec["id"], i), (rec["id"], j)}) for i, j in rec.get(kind, [])}
    gold_cross = {k: set() for k in gold}
    for row in cross:
        for kind in gold:
            gold_cross[kind] |= {frozenset({(row["a"], i), (row["b"], j)}) for i, j in row[kind]}
    annotated = {frozenset({row["a"], row["b"]}) for row in cross}
    pred = {rel: {frozenset(p) for p in pairs} for rel, pairs in found.items()}
    within = {rel: {p for p in ps if len({a for a, _ in p}) == 1} for rel, ps in pred.items()}
    across = {rel: {p for p in ps if len({a for a, _ in p}) == 2} for rel, ps in pred.items()}
    judged = {rel: {p for p in ps if frozenset(a for a, _ in p) in annotated} for rel, ps in across.items()}
    one_holder = [(a, b) for a, b in found["counters"] if holders.get(a) and holders[a] == holders.get(b)]
    self_counters = sum(1 for a, b in one_holder if speakers.get(a) == speakers.get(b))
    reported = len(one_holder) - self_counters
    n_claims = len(holders)
    print(f"{args.corpus.name} {args.split}: {len(records)} articles, {n_claims} claims; gold within "
          f"{len(gold['counters'])} counters, {len(gold['same'])} same, {len(gold['reverses'])} reverses; "
          f"{len(cross)} annotated article pairs across")  # fmt: skip
    print(f"counters within articles: {prf(within['counters'], gold['counters'])}")
    print(f"counters across articles (annotated pairs): {prf(judged['counters'], gold_cross['counters'])}; "
          f"{len(across['counters']) - len(judged['counters'])} more between unannotated article pairs")  # fmt: skip
    print(f"reverses within articles: {prf(within['reverses'], gold['reverses'])}")
    print(
        f"same proposition (claim groups, pairwise) within: {prf({p for p in same_pred if len({a for a, _ in p}) == 1}, gold['same'])}"
    )
    print(
        f"self-counters (one holder, one voice): {self_counters}; one holder as reported against its own word: {reported}"
    )
    print(f"links graph: {iris.LINKS_GRAPH}")


if __name__ == "__main__":
    main()
