from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest
import rdflib
from pyshacl import validate
from rdflib.compare import isomorphic

from kg.graph.local import LocalStore
from kg.graph.terms import KG, STANCE
from tests.conftest import ROOT, gold_graph

KGNS = "PREFIX kg: <https://w3id.org/kg-news/ns#> PREFIX schema: <https://schema.org/> "


@pytest.fixture(scope="module")
def ontology() -> tuple[rdflib.Graph, rdflib.Graph]:
    shapes = rdflib.Graph().parse(ROOT / "ontology" / "shapes.ttl")
    ont = rdflib.Graph().parse(ROOT / "ontology" / "kg.ttl")
    ont.parse(ROOT / "ontology" / "stance.ttl")
    return shapes, ont


class TalkWords:
    """A fake encoder: bag-of-words vectors, fast, deterministic, texts about talks close."""

    dim = 8
    vocab: ClassVar[dict[str, int]] = {
        "talks": 0,
        "negotiations": 0,
        "dialogue": 1,
        "negotiating": 0,
        "table": 2,
        "deal": 3,
    }

    def encode(self, texts):
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for k, text in enumerate(texts):
            for word in text.lower().replace(",", " ").split():
                out[k, self.vocab.get(word.strip(".”“"), 7)] += 1
        return out / np.linalg.norm(out, axis=1, keepdims=True)


def seed_graph(seed_gold: dict) -> rdflib.Graph:
    return gold_graph(seed_gold, "seeds/000_ab4f8e58de2394bd.txt")


def test_terms_module_is_generated_from_the_ontology() -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_terms.py"), "--check"], check=True)
    with pytest.raises(AttributeError):
        _ = KG.Cliam


def test_seed_graph_conforms_to_the_shapes(seed_gold: dict, ontology) -> None:
    shapes, ont = ontology
    conforms, _, report = validate(seed_graph(seed_gold), shacl_graph=shapes, ont_graph=ont, inference="rdfs")
    assert conforms, report


def test_shapes_catch_a_broken_graph(seed_gold: dict, ontology) -> None:
    shapes, ont = ontology
    graph = seed_graph(seed_gold)
    claim = next(graph.subjects(rdflib.RDF.type, KG.Claim))
    graph.remove((claim, KG.stance, None))
    graph.add((claim, KG.stance, rdflib.URIRef("https://example.org/angry")))
    conforms, _, _ = validate(graph, shacl_graph=shapes, ont_graph=ont, inference="rdfs")
    assert not conforms


def test_same_input_same_graph_and_no_blank_nodes(seed_gold: dict) -> None:
    a, b = seed_graph(seed_gold), seed_graph(seed_gold)
    assert isomorphic(a, b) and len(a) == len(b)
    assert not any(isinstance(term, rdflib.BNode) for triple in a for term in triple)


def test_via_chain_and_entities(seed_gold: dict) -> None:
    g = seed_graph(seed_gold)
    rows = list(
        g.query(
            KGNS
            + """SELECT ?speaker ?pos ?hop WHERE { ?a kg:speaker/schema:name ?speaker ;
                 kg:via [ kg:position ?pos ; kg:intermediary/schema:name ?hop ] }"""
        )
    )
    assert [(str(s), int(p), str(h)) for s, p, h in rows] == [("unnamed sources", 1, "Yuyuan Tantian")]
    names = {str(n) for n in g.objects(predicate=rdflib.URIRef("https://schema.org/name"))}
    assert {"United States", "Donald Trump", "Yuyuan Tantian", "Scoop Hub"} <= names
    # "Yuyuan Tantian, a Chinese media outlet affiliated with state broadcaster CCTV"
    yt = next(g.subjects(rdflib.URIRef("https://schema.org/name"), rdflib.Literal("Yuyuan Tantian")))
    assert "outlet" in str(g.value(yt, KG.role))
    assert g.value(
        g.value(yt, KG.affiliatedWith), rdflib.URIRef("https://schema.org/name")
    ) == rdflib.Literal("CCTV")
    assert (yt, rdflib.RDF.type, KG.Outlet) not in g  # the class is decided for the store, not here


def test_unnamed_sources_are_never_merged_across_articles(seed_gold: dict) -> None:
    other = copy.deepcopy(seed_gold)
    other["id"] = "another-article"
    a, b = seed_graph(seed_gold), gold_graph(other)
    unnamed_a = set(a.subjects(rdflib.RDF.type, KG.UnnamedSource))
    unnamed_b = set(b.subjects(rdflib.RDF.type, KG.UnnamedSource))
    assert unnamed_a and unnamed_b and not unnamed_a & unnamed_b
    named = set(a.subjects(rdflib.RDF.type, KG.Agent)) & set(b.subjects(rdflib.RDF.type, KG.Agent))
    trump = next(a.subjects(rdflib.URIRef("https://schema.org/name"), rdflib.Literal("Donald Trump")))
    assert trump in named and not named & unnamed_a  # Donald Trump is one IRI in both


def test_store_answers_the_seed_questions(seed_gold: dict, tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store", encoder=TalkWords())
    graph = seed_graph(seed_gold)
    store.write_graph(graph)
    store.refresh()
    who_denied = store.select(
        KGNS
        + f"""SELECT ?name WHERE {{ ?c kg:stance <{STANCE.denying}> ;
                   kg:attribution/kg:speaker/schema:name ?name ; kg:text ?t . FILTER(CONTAINS(?t, "talks")) }}"""
    )
    assert [row["name"].value for row in who_denied] == ["Chinese officials"]
    yt_claims = store.select(
        KGNS
        + """SELECT ?t WHERE { ?c kg:attribution/kg:speaker/schema:name "Yuyuan Tantian" ; kg:text ?t }"""
    )
    assert len(list(yt_claims)) == 3
    classes = {
        str(row["name"].value): str(row["t"].value).rsplit("#", 1)[-1]
        for row in store.select(
            KGNS + "SELECT ?name ?t WHERE { GRAPH <https://w3id.org/kg-news/graph/agents> { ?a a ?t } "
            "?a schema:name ?name }"
        )
    }
    assert classes["Yuyuan Tantian"] == "Outlet" and classes["Donald Trump"] == "Official"
    assert classes["China"] == "Government" and classes["Scoop Hub"] == "Outlet"
    two = store.select(
        KGNS + "SELECT ?a WHERE { ?a a ?t1, ?t2 . VALUES ?t1 { kg:Official kg:PrivatePerson kg:Government "
        "kg:Organization kg:Outlet kg:UnnamedSource } VALUES ?t2 { kg:Official kg:PrivatePerson "
        "kg:Government kg:Organization kg:Outlet kg:UnnamedSource } FILTER(?t1 != ?t2) }"
    )
    assert list(two) == []  # one class per agent
    counters = list(store.select(KGNS + "SELECT ?a ?b WHERE { ?a kg:counters ?b }"))
    assert counters and all("/claim/12" in row["a"].value for row in counters)


def test_reingest_replaces_only_its_graph_and_round_trips(seed_gold: dict, tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store", encoder=TalkWords())
    edited = copy.deepcopy(seed_gold)
    edited["id"] = "second"
    for record in (seed_gold, edited, seed_gold):
        store.write_graph(gold_graph(record))
    store.refresh()
    first = store.article_graph(seed_gold["id"])
    assert isomorphic(first, gold_graph(seed_gold))
    edited["sentences"][12]["stance"] = "open"
    store.write_graph(gold_graph(edited))
    assert isomorphic(store.article_graph(seed_gold["id"]), first)
    second = store.article_graph("second")
    assert (None, KG.stance, STANCE.open) in second
    trig = tmp_path / "dump.trig"
    store.db.dump(str(trig), format=__import__("pyoxigraph").RdfFormat.TRIG)
    back = rdflib.Dataset().parse(trig, format="trig")
    assert isomorphic(back.graph(first.identifier), first)


def test_a_failed_write_leaves_the_store_as_it_was(seed_gold: dict, tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store")
    graph = seed_graph(seed_gold)
    store.write_graph(graph)
    before = len(store.db)
    valid = graph.serialize(format="nt")

    class BreaksOff(rdflib.Graph):
        """The replacement breaks off half way: the DROP of the old graph must not happen either."""

        def serialize(self, *args, **kwargs):
            return valid[: len(valid) // 2] + "\n<broken"

    broken = BreaksOff(identifier=graph.identifier)
    broken += graph
    with pytest.raises(SyntaxError):
        store.write_graph(broken)
    assert len(store.db) == before
    assert isomorphic(store.article_graph(seed_gold["id"]), graph)


def test_a_surname_alone_takes_the_class_of_the_person_who_bears_it() -> None:
    from kg.graph.agents import agent_triples

    rows = [
        {"agent": "urn:a:nancy", "what": "name", "value": "Nancy Pelosi", "n": "1"},
        {"agent": "urn:a:nancy", "what": "role", "value": "official", "n": "2"},
        {"agent": "urn:a:pelosi", "what": "name", "value": "Pelosi", "n": "1"},  # an owner: no role
        {"agent": "urn:a:zorblat", "what": "name", "value": "Zorblat", "n": "1"},
    ]
    typed = {line.split()[0].strip("<>"): line.split()[2].strip("<>") for line in agent_triples(rows)}
    assert typed["urn:a:pelosi"] == str(KG.Official)
    assert typed["urn:a:zorblat"] == str(KG.Organization)  # no one bears it


def test_a_name_with_an_al_surname_and_no_role_is_a_person() -> None:
    from collections import Counter

    from kg.graph.agents import agent_class

    assert agent_class("Bashar al-Assad", Counter(), False, False) == "person"
    assert agent_class("Observatoire de Paris", Counter(), False, False) == "organization"


def test_a_newspaper_s_name_is_an_outlet_whatever_roles_it_was_given() -> None:
    from collections import Counter

    from kg.graph.agents import agent_class

    assert agent_class("Korea Herald", Counter(government=3), False, False) == "outlet"
    assert agent_class("The Telegraph", Counter(person=1), False, False) == "outlet"
    assert agent_class("Herald", Counter(person=1), False, False) == "person"  # one word: a surname too
    assert agent_class("Medical news", Counter(official=1), False, False) == "official"  # no name
