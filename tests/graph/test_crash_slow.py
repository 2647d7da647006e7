"""`kg ingest` killed with SIGKILL mid-run: the store reopens and every article is whole or absent (slow)."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from kg.graph.local import LocalStore
from kg.records import Article
from kg.segment import segment
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def test_sigkill_during_ingest_leaves_whole_articles(tmp_path: Path) -> None:
    records = [json.loads(line) for line in (ROOT / "data/corpus/test.jsonl").open(encoding="utf-8")]
    inputs = tmp_path / "in"
    inputs.mkdir()
    expected = {}
    for rec in records:
        (inputs / f"{rec['id']}.json").write_text(
            json.dumps({"id": rec["id"], "text": rec["text"]}), encoding="utf-8"
        )
        expected[rec["id"]] = len(segment(Article(rec["id"], rec["text"])))
    store_dir = tmp_path / "store"
    proc = subprocess.Popen(["kg", "ingest", str(inputs), "--store", str(store_dir)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (store_dir / "oxigraph").exists():
        time.sleep(0.1)  # the model is loaded and the store is open
    start_size = _size(store_dir)
    while time.monotonic() < deadline and _size(store_dir) < start_size + 20_000:
        time.sleep(0.05)  # wait for the first article graphs to be written
    time.sleep(0.2)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    store = LocalStore(store_dir)  # reopens after the crash
    counts = {
        row["id"]: int(row["n"])
        for row in store.query(
            "PREFIX kg: <https://w3id.org/kg-news/ns#> "
            "SELECT ?id (COUNT(?s) AS ?n) WHERE { ?a kg:articleId ?id . ?s kg:inArticle ?a } GROUP BY ?id"
        )
    }
    for article_id, n in counts.items():
        assert n == expected[article_id], article_id
    graphs = [g for g in store.graph_names() if "/graph/article/" in g]
    assert 0 < len(graphs) == len(counts) < len(expected), "the kill came before any write or after the end"


def _size(folder: Path) -> int:
    """Bytes of data written: write-ahead logs and tables only (not the info LOG or OPTIONS files)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if re.fullmatch(r"\d+\.(?:log|sst)", p.name))
