"""`kg ingest --scheduler` on a real Dask LocalCluster with two workers gives the single-process graph (slow)."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from kg.graph.local import LocalStore
from kg.pipeline import ingest_to_store
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def test_cluster_ingest_equals_single_process(tmp_path: Path) -> None:
    from distributed import Client, LocalCluster

    records = [json.loads(line) for line in (ROOT / "data/corpus/test.jsonl").open(encoding="utf-8")][:6]
    inputs = tmp_path / "in"
    inputs.mkdir()
    for rec in records:
        (inputs / f"{rec['id']}.json").write_text(
            json.dumps({"id": rec["id"], "text": rec["text"]}), encoding="utf-8"
        )
    single, cluster_store = tmp_path / "single", tmp_path / "cluster"
    diag, written, _ = ingest_to_store([str(inputs)], str(single), chunk=2)
    assert written == 6 and not diag.errors
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        diag, written, _ = ingest_to_store(
            [str(inputs)], str(cluster_store), chunk=2, scheduler=cluster.scheduler_address
        )
        with Client(cluster) as client:  # each worker loaded the model once and annotated
            loaded = client.run(lambda: __import__("kg.scale").scale._annotator.cache_info().currsize)
    assert written == 6 and not diag.errors
    assert sorted(loaded.values()) == [1, 1]
    gc.collect()
    a, b = LocalStore(single), LocalStore(cluster_store)
    names = a.graph_names()
    assert names == b.graph_names()
    for rec in records:
        assert isomorphic(a.article_graph(rec["id"]), b.article_graph(rec["id"])), rec["id"]
    links = "SELECT ?x ?y WHERE { GRAPH <https://w3id.org/kg-news/graph/links> { ?x ?p ?y } } ORDER BY ?x ?y"
    assert [tuple(map(str, r)) for r in a.query(links)] == [tuple(map(str, r)) for r in b.query(links)]
