from __future__ import annotations

import copy
from pathlib import Path

import pyoxigraph as ox
from rdflib.compare import isomorphic

from kg.graph.build import build_article_graph
from kg.graph.shards import ShardWriter
from kg.graph.store import KgStore
from tests.conftest import RUN, bag_of_words


def test_shards_bulk_load_into_the_same_store(seed_gold: dict, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("kg.graph.store.embed", bag_of_words)
    records = []
    for k in range(5):
        record = copy.deepcopy(seed_gold)
        record["id"] = f"copy-{k}"
        records.append(record)
    writer = ShardWriter(tmp_path / "shards", per_shard=2)
    direct = KgStore(tmp_path / "direct")
    for record in records:
        graph = build_article_graph(record, record["text"], RUN)
        writer.write_article(graph)
        direct.write_article(graph)
    writer.flush()
    shards = sorted((tmp_path / "shards").glob("*.nq"))
    assert [p.name for p in shards] == ["articles-00000.nq", "articles-00001.nq", "articles-00002.nq"]
    loaded = KgStore(tmp_path / "loaded")
    for shard in shards:
        loaded.store.bulk_load(path=str(shard), format=ox.RdfFormat.N_QUADS)
    assert loaded.refresh_derived() == direct.refresh_derived() > 0
    for record in records:
        assert isomorphic(loaded.article_graph(record["id"]), direct.article_graph(record["id"]))
