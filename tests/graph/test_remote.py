"""`--store http://...`: writes by the Graph Store Protocol, reads by the SPARQL Protocol, against a
real Oxigraph server started from the PyPI package."""

from __future__ import annotations

import copy
import gc
import urllib.request
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from kg.cli import app
from kg.graph import iris
from kg.graph.remote import RemoteStore
from kg.graph.store import LocalStore
from tests.conftest import BagOfWords, gold_graph, start_server


@pytest.fixture()
def server(tmp_path: Path):
    command = ["oxigraph", "serve", "--location", str(tmp_path / "ox"), "--bind", "127.0.0.1:{port}"]
    proc, url = start_server([*command, "--union-default-graph"], "/query?query=ASK%7B%7D")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


def test_remote_store_holds_the_same_graphs(server: str, seed_gold: dict, tmp_path: Path) -> None:
    other = copy.deepcopy(seed_gold)
    other["id"] = "second"
    remote, local = (
        RemoteStore(server, encoder=BagOfWords()),
        LocalStore(tmp_path / "local", encoder=BagOfWords()),
    )
    for store in (remote, local):
        for record in (seed_gold, other, seed_gold):  # the repeat must replace, not add
            store.write_graph(gold_graph(record))
        store.refresh()
    count = (
        f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(?g != <{iris.PROVENANCE_GRAPH}>) }}"
    )
    remote_n = remote.select(count)["results"]["bindings"][0]["n"]["value"]
    local_n = next(iter(local.db.query(count)))["n"].value
    assert remote_n == local_n
    for article_id in (seed_gold["id"], "second"):
        name = iris.article_graph(article_id)
        body = urllib.request.urlopen(f"{server}/store?graph={name}", timeout=10).read().decode()
        remote_graph = rdflib.Graph().parse(data=body, format="turtle")
        assert isomorphic(remote_graph, local.article_graph(article_id))
    del local
    gc.collect()
    result = CliRunner().invoke(app, ["audit", "counterclaims", "--store", server, "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "Chinese officials" in result.stdout
    refused = CliRunner().invoke(
        app, ["query", f"SELECT * WHERE {{ SERVICE <{server}/query> {{ ?s ?p ?o }} }}", "--store", server]
    )
    assert refused.exit_code == 2
