"""`kg ingest` end to end with the shipped model (slow)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from pyshacl import validate

from kg.graph import iris
from kg.graph.local import LocalStore
from kg.graph.terms import KG
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def test_ingest_seeds_builds_a_conforming_store_and_survives_bad_input(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bad.json").write_text("{not json", encoding="utf-8")
    store_dir = tmp_path / "store"
    args = ["kg", "ingest", str(ROOT / "seeds"), str(tmp_path / "in"), "--store", str(store_dir)]
    result = subprocess.run(args, capture_output=True, text=True)
    assert result.returncode == 1 and "bad.json:1: malformed JSON" in result.stderr
    store = LocalStore(store_dir)
    (article,) = [g for g in store.graph_names() if "/graph/article/" in g]
    graph = store.article_graph(article.rsplit("/", 1)[-1])
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    ont = rdflib.Graph().parse(ROOT / "ontology" / "kg.ttl").parse(ROOT / "ontology" / "stance.ttl")
    conforms, _, report = validate(graph, shacl_graph=shapes, ont_graph=ont, inference="rdfs")
    assert conforms, report
    claims = set(graph.subjects(rdflib.RDF.type, KG.Claim))
    stances = {c: str(graph.value(c, KG.stance)).rsplit("#", 1)[-1] for c in claims}
    assert claims and claims == set(graph.subjects(KG.vector, None))  # every claim can be linked
    assert stances
    aid = article.rsplit("/", 1)[-1]
    countered = {
        q.object.value for q in store.db.quads_for_pattern(None, ox.NamedNode(str(KG.counters)), None)
    }
    gold = json.loads((ROOT / "seeds" / "000_ab4f8e58de2394bd.gold.jsonl").read_text())["counters"]
    # the seed's four contradictions: the classifier finds two of them (the threshold rule found all four)
    assert len({str(iris.claim(aid, i)) for i, _ in gold} & countered) >= 2
    del store  # release the store's lock for the command below
    out = subprocess.run(
        ["kg", "audit", "who-said-what", "--store", str(store_dir), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = json.loads(out.stdout)["results"]["bindings"]
    # The audit shows what the model said, row for row (its quality is tested in tests/nlp).
    annotated = subprocess.run(
        ["kg", "annotate", str(ROOT / "seeds" / "000_ab4f8e58de2394bd.txt")],
        capture_output=True,
        text=True,
        check=True,
    )
    said = [s for s in json.loads(annotated.stdout)["sentences"] if s["speaker"]]
    assert sorted((r["speaker"]["value"], r["stance"]["value"]) for r in rows) == sorted(
        (s["speaker"], s["stance"]) for s in said
    )
    assert sorted(r["chain"]["value"] for r in rows if "chain" in r) == sorted(
        " <- ".join(s["via"]) for s in said if s["via"]
    )
    assert {"speaker": "Chinese officials", "stance": "denying"} in [
        {k: r[k]["value"] for k in ("speaker", "stance")} for r in rows
    ]
    before = len(graph)
    again = subprocess.run([*args[:3], "--store", str(store_dir)], capture_output=True, text=True)
    assert again.returncode == 0
    assert len(LocalStore(store_dir).article_graph(article.rsplit("/", 1)[-1])) == before
