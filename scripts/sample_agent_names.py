#!/usr/bin/env python3
"""Named agents of a store, for a person to judge whether each is an agent's name (issue 13).

    python3 scripts/sample_agent_names.py --store DIR [--n 200] [--seed 1]   # a seeded sample
    python3 scripts/sample_agent_names.py --store DIR --all                  # every named agent
    python3 scripts/sample_agent_names.py --gold                             # gold names rejected

Prints tab-separated rows: name, class (the store's one class, from the agents graph),
articles that mention the agent, mentions as speaker, holder, intermediary, affiliation or
publisher,
and the Wikinews splits of those articles (rules are read off train and dev only).
The same store and seed always give the same sample, so a judgement can be checked again.
``--gold`` lists the gold names of real agents that ``kg.nlp.names.is_name`` rejects: every
name of a named agent in ``data/corpus/wikinews/agents.jsonl``, and every canonical name of
the ``entities`` maps of the Wikinews records (whose unnamed sources it should reject).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.graph.iris import AGENTS_GRAPH  # noqa: E402
from kg.graph.terms import KG  # noqa: E402
from kg.nlp.names import is_name  # noqa: E402

WIKINEWS = ROOT / "data" / "corpus" / "wikinews"
# One row per named agent; MIN keeps the name the same from run to run.
AGENTS = f"""SELECT ?a (MIN(?name) AS ?n) (SAMPLE(?type) AS ?t) (GROUP_CONCAT(DISTINCT ?id) AS ?ids) WHERE {{
    ?a <https://schema.org/name> ?name ; <{KG.mentionedIn}>/<{KG.articleId}> ?id .
    FILTER(CONTAINS(STR(?a), "/agent/"))
    OPTIONAL {{ GRAPH <{AGENTS_GRAPH}> {{ ?a a ?type }} }} }} GROUP BY ?a"""
MENTIONS = f"""SELECT ?a (COUNT(*) AS ?m) WHERE {{
    VALUES ?p {{ <{KG.speaker}> <{KG.holder}> <{KG.intermediary}> <{KG.affiliatedWith}>
        <https://schema.org/publisher> }}
    ?x ?p ?a . FILTER(CONTAINS(STR(?a), "/agent/")) }} GROUP BY ?a"""


def splits() -> dict[str, str]:
    """The Wikinews split of each article id, so rules can be read off train and dev alone."""
    return {
        json.loads(line)["id"]: split
        for split in ("train", "dev", "test")
        for line in (WIKINEWS / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()
    }


def named_agents(folder: Path) -> list[tuple[str, str, int, int, str]]:
    """(name, class, articles, mentions, splits of its articles) of every named agent, sorted by name."""
    from kg.graph.local import LocalStore

    split = splits()
    with LocalStore(folder, readonly=True) as store:
        mentions = {r["a"]: int(r["m"]) for r in store.query(MENTIONS, limit=10**9)}
        rows = []
        for r in store.query(AGENTS, limit=10**9):
            ids = r["ids"].split()
            where = ",".join(sorted({split.get(i, "other") for i in ids}))
            rows.append((r["n"], (r["t"] or "").rsplit("#", 1)[-1], len(ids), mentions.get(r["a"], 0), where))
    return sorted(rows)


def gold_names() -> tuple[set[str], set[str]]:
    """The names of named gold agents, and the canonical names of the records' entities maps."""
    agents = [
        json.loads(line) for line in (WIKINEWS / "agents.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    names = {n for a in agents if not a["unnamed"] for n in [a["agent"], *a["names"]]}
    keys = set()
    for split in ("train", "dev", "test"):
        for line in (WIKINEWS / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
            keys |= set(json.loads(line).get("entities") or {})
    return names, keys


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--all", action="store_true", help="every named agent, not a sample")
    parser.add_argument("--gold", action="store_true", help="the gold names is_name rejects")
    args = parser.parse_args()
    if args.gold:
        for label, names in zip(("agents.jsonl names", "entities keys"), gold_names(), strict=True):
            rejected = sorted(n for n in names if not is_name(n))
            print(f"{label}: {len(rejected)} of {len(names)} rejected")
            print("".join(f"  {n}\n" for n in rejected), end="")
        return
    if not args.store:
        parser.error("give --store DIR (or --gold)")
    rows = named_agents(args.store)
    if not args.all:
        rows = sorted(random.Random(args.seed).sample(rows, min(args.n, len(rows))))
    print("name\tclass\tarticles\tmentions\tsplits")
    for row in rows:
        print("\t".join(map(str, row)))


if __name__ == "__main__":
    main()
