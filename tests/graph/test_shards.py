from __future__ import annotations

import copy
from pathlib import Path

import pyoxigraph as ox
from rdflib.compare import isomorphic

from kg.graph.shards import ShardStore
from kg.graph.store import LocalStore
from tests.conftest import BagOfWords, gold_graph


def test_shards_bulk_load_into_the_same_store(seed_gold: dict, tmp_path: Path) -> None:
    records = []
    for k in range(5):
        record = copy.deepcopy(seed_gold)
        record["id"] = f"copy-{k}"
        records.append(record)
    writer = ShardStore(tmp_path / "shards", per_shard=2)
    direct = LocalStore(tmp_path / "direct", encoder=BagOfWords())
    for record in records:
        graph = gold_graph(record)
        writer.write_graph(graph)
        direct.write_graph(graph)
    writer.flush()
    shards = sorted((tmp_path / "shards").glob("*.nq"))
    assert [p.name for p in shards] == ["articles-00000.nq", "articles-00001.nq", "articles-00002.nq"]
    loaded = LocalStore(tmp_path / "loaded", encoder=BagOfWords())
    for shard in shards:
        loaded.db.bulk_load(path=str(shard), format=ox.RdfFormat.N_QUADS)
    assert loaded.refresh() == direct.refresh() > 0
    for record in records:
        assert isomorphic(loaded.article_graph(record["id"]), direct.article_graph(record["id"]))
