#!/usr/bin/env python3
"""Add the claim-pair and agent annotations of issue 13 to the Wikinews stand-off corpus.

    python3 scripts/wikinews_links_build.py --work DIR

DIR holds the annotators' files: ``out/share*.jsonl`` (per article: ``counters``, ``same``,
``reverses`` as pairs of sentence indices), ``out/cross.jsonl`` (pairs across two articles)
and ``out/agents.jsonl`` (every entity name of the corpus grouped into real-world agents,
one class each). The per-article pairs replace the records' ``counters`` and add ``same``
and ``reverses``; the others become ``data/corpus/wikinews/cross.jsonl`` and ``agents.jsonl``.
Every index is checked against the records.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.corpus.standoff import write_jsonl  # noqa: E402

CORPUS = ROOT / "data" / "corpus" / "wikinews"
KINDS = ("counters", "same", "reverses")


def _pairs(value: list, claims: set[int], where: str) -> list[list[int]]:
    out = []
    for i, j in value:
        if i not in claims or j not in claims or i == j:
            raise SystemExit(f"{where}: pair {[i, j]} is not two claims of the article")
        out.append(sorted((i, j)))
    return sorted(map(list, {tuple(p) for p in out}))


def agreement(path: Path) -> None:
    """Pairwise agreement of a second pass with the corpus records it covers, per relation."""
    second = {e["id"]: e for e in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    records = [
        json.loads(line)
        for split in ("train", "dev", "test")
        for line in (CORPUS / f"{split}.jsonl").open(encoding="utf-8")
    ]
    for kind in KINDS:
        first = {(r["id"], *p) for r in records if r["id"] in second for p in map(tuple, r.get(kind, []))}
        other = {(i, *sorted(p)) for i, e in second.items() for p in e.get(kind, [])}
        both = len(first & other)
        f1 = 2 * both / max(len(first) + len(other), 1)
        print(f"{kind}: first pass {len(first)}, second pass {len(other)}, both {both}, F1 {f1:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path)
    parser.add_argument("--agreement", type=Path, help="a blind second pass (share*.jsonl lines) to compare")
    args = parser.parse_args()
    if args.agreement:
        agreement(args.agreement)
        return
    if not args.work:
        parser.error("give --work DIR (or --agreement FILE)")
    annotated = {}
    for path in sorted((args.work / "out").glob("share*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            annotated[entry["id"]] = entry
    claims_of = {}
    for split in ("train", "dev", "test"):
        records = [json.loads(line) for line in (CORPUS / f"{split}.jsonl").open(encoding="utf-8")]
        for rec in records:
            claims = {i for i, s in enumerate(rec["sentences"]) if s["speaker"] or s["holder"]}
            claims_of[rec["id"]] = claims
            entry = annotated.get(rec["id"])
            if entry is None:
                raise SystemExit(f"{rec['id']}: no pair annotation")
            for kind in KINDS:
                rec[kind] = _pairs(entry.get(kind, []), claims, rec["id"])
        write_jsonl(CORPUS / f"{split}.jsonl", records)
    cross = []
    for line in (args.work / "out" / "cross.jsonl").read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        a, b = entry["a"], entry["b"]
        row = {"a": a, "b": b}
        for kind in KINDS:
            pairs = entry.get(kind, [])
            for i, j in pairs:
                if i not in claims_of[a] or j not in claims_of[b]:
                    raise SystemExit(f"cross {a}|{b}: pair {[i, j]} is not a claim of each article")
            row[kind] = sorted(map(list, {tuple(p) for p in pairs}))
        cross.append(row)
    write_jsonl(CORPUS / "cross.jsonl", sorted(cross, key=lambda r: (r["a"], r["b"])))
    agents = [json.loads(line) for line in (args.work / "out" / "agents.jsonl").read_text().splitlines()]
    write_jsonl(CORPUS / "agents.jsonl", agents)
    print(
        f"{len(annotated)} articles: "
        + ", ".join(f"{sum(len(e.get(k, [])) for e in annotated.values())} {k}" for k in KINDS)
        + f"; {len(cross)} article pairs across: "
        + ", ".join(f"{sum(len(r[k]) for r in cross)} {k}" for k in KINDS)
        + f"; {len(agents)} agents"
    )


if __name__ == "__main__":
    main()
