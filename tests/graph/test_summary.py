"""The summary graph and the aggregate audit queries: their counts match a scan of every claim."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pyoxigraph as ox

from kg.graph.audit import audit_queries
from kg.graph.query import run_query
from kg.graph.store import LocalStore
from tests.conftest import ROOT, BagOfWords, gold_graph

RECORDS = [json.loads(line) for line in (ROOT / "data/corpus/dev.jsonl").open(encoding="utf-8")][:12]


def _rows(store: LocalStore, name: str) -> list[tuple]:
    result = run_query(store.db, audit_queries()[name].text)
    return [tuple(term[1] if term else None for term in row) for row in result.rows]


def _scan(records: list[dict]) -> tuple[Counter, Counter, Counter, Counter]:
    """What the three aggregate queries must say, counted from the records in Python."""
    from kg.graph.entities import canonical

    stances, dates, attributions, unnamed = Counter(), Counter(), Counter(), Counter()
    for rec in records:
        outlet = canonical(rec["outlet"])[1] if rec.get("outlet") else "(unknown outlet)"
        for s in rec["sentences"]:
            if s["speaker"]:
                attributions[outlet] += 1
                unnamed[outlet] += s["speaker_type"] == "unnamed"
            if s["holder"]:
                holder = canonical(s["holder"])[1]
                speaker = canonical(s["speaker"])[1] if s["speaker"] else "(unsourced)"
                if s["speaker_type"] == "unnamed":
                    speaker = s["speaker"]
                stances[(holder, speaker, s["stance"])] += 1
                dates[(holder, rec.get("published") or "(undated)", s["stance"])] += 1
    return stances, dates, attributions, unnamed


def test_aggregate_audits_match_a_scan_and_follow_reingest(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "s", encoder=BagOfWords())
    for rec in RECORDS:
        store.write_graph(gold_graph(rec))
    store.refresh()
    stances, dates, attributions, unnamed = _scan(RECORDS)
    names = ("eager", "open", "denying", "neutral")
    by_holder = {(h, sp): [int(v) for v in rest] for h, sp, *rest in _rows(store, "stance-by-holder")}
    expected = {}
    for (h, sp, st), n in stances.items():
        expected.setdefault((h, sp), [0, 0, 0, 0])[names.index(st)] += n
    assert by_holder == expected and len(expected) > 20
    timeline = {(h, d, st): int(n) for h, d, st, n in _rows(store, "timeline")}
    assert timeline == dict(dates)
    sourcing = {o: (int(a), int(u)) for o, a, u, _ in _rows(store, "anonymous-sourcing")}
    assert sourcing == {o: (attributions[o], unnamed[o]) for o in attributions}

    edited = dict(RECORDS[0], sentences=[dict(s, stance="denying") for s in RECORDS[0]["sentences"]])
    store.write_graph(gold_graph(edited))
    store.refresh()
    after = {(h, sp): [int(v) for v in rest] for h, sp, *rest in _rows(store, "stance-by-holder")}
    expected_after = {}
    for (h, sp, st), n in _scan([edited, *RECORDS[1:]])[0].items():
        expected_after.setdefault((h, sp), [0, 0, 0, 0])[names.index(st)] += n
    assert after == expected_after != by_holder
    summary = ox.NamedNode("https://w3id.org/kg-news/graph/summary")
    assert all(
        q.subject.value.startswith("https://w3id.org/kg-news/id/tally/")
        for q in store.db.quads_for_pattern(None, None, None, summary)
    )
