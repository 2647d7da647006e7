from __future__ import annotations

import copy
import gc
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic
from typer.testing import CliRunner

import kg.cli.export  # noqa: F401 - registers the export commands
from kg.cli import app
from kg.export import AGENT_COLOURS, STANCE_COLOURS, Filters, load
from kg.export.network import build_network, write_gexf, write_graphml
from kg.export.rdf import write_rdf
from kg.graph.local import LocalStore
from tests.conftest import hostile_copy, write_store

DENIAL = "Meanwhile, Chinese officials have consistently denied that any formal talks are underway."
HOSTILE = 'Officials said <script>alert("x")</script> & denied all talks.'
SPEAKERS = {
    "Chinese officials": "government",
    "Donald Trump": "official",
    "Yuyuan Tantian": "outlet",
    "unnamed sources": "unnamed",
}


@pytest.fixture(scope="module")
def seed_folder(tmp_path_factory: pytest.TempPathFactory, seed_gold: dict) -> Path:
    return write_store(tmp_path_factory.mktemp("seed"), [seed_gold])


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory, seed_gold: dict) -> Path:
    return write_store(tmp_path_factory.mktemp("mixed"), [seed_gold, hostile_copy(seed_gold, HOSTILE)])


def _open(folder: Path) -> Iterator[LocalStore]:
    store = LocalStore(folder)
    yield store
    del store
    gc.collect()


@pytest.fixture()
def store(seed_folder: Path) -> Iterator[LocalStore]:
    yield from _open(seed_folder)


@pytest.fixture()
def mixed(mixed_folder: Path) -> Iterator[LocalStore]:
    yield from _open(mixed_folder)


def _check_types(graph: nx.Graph) -> None:
    for _, data in graph.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for k, v in data.items() if k != "viz"), data
    for *_, data in graph.edges(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values()), data


def _speaker_types(graph: nx.Graph) -> dict[str, str]:
    return {d["label"]: d["type"] for _, d in graph.nodes(data=True) if d["kind"] == "agent"}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_written_and_read_back(store: LocalStore, tmp_path: Path, fmt: str) -> None:
    graph = build_network(store)
    path = tmp_path / f"seed.{fmt}"
    (write_graphml if fmt == "graphml" else write_gexf)(graph, path)
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        graph.number_of_nodes(),
        graph.number_of_edges(),
    )
    _check_types(graph)
    _check_types(back)
    assert _speaker_types(back).items() >= SPEAKERS.items()
    relations = {d["relation"] for *_, d in back.edges(data=True)}
    assert relations == {"said", "held by", "relayed", "published", "counters"}
    claims = [d for _, d in back.nodes(data=True) if d["kind"] == "claim"]
    assert DENIAL in {d["text"] for d in claims} and len(claims) == 10


def test_gexf_colours_follow_the_palette(store: LocalStore, tmp_path: Path) -> None:
    write_gexf(build_network(store), tmp_path / "seed.gexf")
    for _, data in nx.read_gexf(tmp_path / "seed.gexf").nodes(data=True):
        key = data["stance"] if data["kind"] == "claim" else data["type"]
        colour = (STANCE_COLOURS if data["kind"] == "claim" else AGENT_COLOURS)[key]
        rgb = data["viz"]["color"]
        assert f"#{rgb['r']:02x}{rgb['g']:02x}{rgb['b']:02x}" == colour


def test_edges_of_the_seed(store: LocalStore) -> None:
    graph = build_network(store)
    name = {n: d["label"] for n, d in graph.nodes(data=True)}
    edges = {(name[u], rel, name[v]) for u, v, rel in graph.edges(data="relation") if rel != "said"}
    assert ("Scoop Hub", "published", "Donald Trump") in edges
    (published,) = graph.get_edge_data(*_ids(graph, "Scoop Hub", "Donald Trump")).values()
    assert published["weight"] == 3 and published["relation"] == "published"
    relayed = [(u, v) for u, v, rel in graph.edges(data="relation") if rel == "relayed"]
    assert [name[u] for u, _ in relayed] == ["Yuyuan Tantian"]
    assert graph.nodes[relayed[0][1]]["text"].startswith("According to sources quoted by Yuyuan Tantian")
    counters = [(u, v) for u, v, rel in graph.edges(data="relation") if rel == "counters"]
    assert counters and {graph.nodes[u]["text"] for u, _ in counters} == {DENIAL}


def _ids(graph: nx.MultiDiGraph, *labels: str) -> list[str]:
    by_label = {d["label"]: n for n, d in graph.nodes(data=True)}
    return [by_label[label] for label in labels]


def test_filters(store: LocalStore, mixed: LocalStore) -> None:
    everything = build_network(store)
    scoop = build_network(store, Filters(outlet="Scoop Hub"))
    assert (scoop.number_of_nodes(), scoop.number_of_edges()) == (
        everything.number_of_nodes(),
        everything.number_of_edges(),
    )
    assert build_network(store, Filters(outlet="No Such Outlet")).number_of_nodes() == 0
    assert build_network(store, Filters(date_from="2020-01-01", date_to="2030-12-31")).number_of_nodes() == 0
    dated = load(mixed, Filters(date_from="2025-04", date_to="2025-04-20"))
    assert [a.id for a in dated.articles.values()] == ["hostile"] and len(dated.claims) == 10
    assert not load(mixed, Filters(date_to="2025-04-19")).claims
    held = build_network(store, Filters(holder="chinese officials"))
    claims = [d for _, d in held.nodes(data=True) if d["kind"] == "claim"]
    assert len(claims) == 2 and DENIAL in {d["text"] for d in claims}


def test_trig_round_trip_is_isomorphic_per_graph(store: LocalStore, tmp_path: Path) -> None:
    n = write_rdf(store, tmp_path / "all.trig", "trig")
    assert n == len(store.db)
    back = rdflib.Dataset().parse(tmp_path / "all.trig", format="trig")
    names = store.graph_names()
    assert len(names) == 5  # the article, the agents, the links, the provenance, the summary
    for name in names:
        ours = store.db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        expected = rdflib.Graph().parse(data=ours.decode("utf-8"), format="nt")
        assert isomorphic(back.graph(rdflib.URIRef(name)), expected), name


def test_nquads_with_filters(mixed: LocalStore, tmp_path: Path) -> None:
    assert write_rdf(mixed, tmp_path / "all.nq", "nquads") == len(mixed.db)
    assert write_rdf(mixed, tmp_path / "none.nq", "nquads", Filters(outlet="nope")) == 0
    assert (tmp_path / "none.nq").read_text(encoding="utf-8") == ""
    write_rdf(mixed, tmp_path / "scoop.nq", "nquads", Filters(outlet="Scoop Hub"))
    back = rdflib.Dataset().parse(tmp_path / "scoop.nq", format="nquads")
    graphs = {str(g.identifier) for g in back.graphs() if len(g)}
    assert graphs == {"https://w3id.org/kg-news/graph/article/d7c6f7544dd1cd7b"}


def test_cli_export_and_report(seed_folder: Path, tmp_path: Path) -> None:
    cli = CliRunner()
    for fmt in ("graphml", "gexf", "trig", "nquads"):
        out = tmp_path / f"seed.{fmt}"
        result = cli.invoke(app, ["export", fmt, "-o", str(out), "--store", str(seed_folder)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0 and not list(tmp_path.glob(".*part*"))
    result = cli.invoke(app, ["report", str(tmp_path / "r.html"), "--store", str(seed_folder)])
    assert result.exit_code == 2 and "kg serve" in result.stderr and not (tmp_path / "r.html").exists()
    filtered = cli.invoke(
        app,
        [
            "export",
            "graphml",
            "-o",
            str(tmp_path / "f.graphml"),
            "--store",
            str(seed_folder),
            "--from",
            "2030",
        ],
    )
    assert filtered.exit_code == 0 and nx.read_graphml(tmp_path / "f.graphml").number_of_nodes() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "dot", "-o", "x.dot"], "unknown export format 'dot'"),
        (["export", "gexf", "-o", "x.gexf", "--from", "2025-13"], "not an ISO date"),
        (["export", "gexf", "-o", "x.gexf", "--store", "{missing}"], "no store here"),
        (["report", "x.html", "--store", "{missing}"], "kg report is retired"),
    ],
)
def test_cli_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    args = [a.replace("{missing}", str(tmp_path / "missing")) for a in args]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not (tmp_path / "missing").exists()


CONTROL = (
    "Officials\x0b said <b>talks</b> & \x00\x01\x02\x03\x04\x05\x06\x07\x08 \x1b[31m denied\x0c all talks."
)


@pytest.fixture(scope="module")
def control_folder(tmp_path_factory: pytest.TempPathFactory, seed_gold: dict) -> Path:
    """The seed with control characters and markup in a sentence, a headline and the outlet's name."""
    record = copy.deepcopy(seed_gold)
    record.update(id="control", outlet="Wire\x1b <Service>\x0b", title="Head\x00line <i>x</i>")
    for k in (12, 13):
        record["sentences"][k]["text"] = CONTROL
    return write_store(tmp_path_factory.mktemp("control"), [record])


def _strict(path: Path) -> ET.Element:
    """The document parsed by a strict XML parser (no recovery): fails on any character XML 1.0 forbids."""
    return ET.parse(path).getroot()


@pytest.mark.parametrize("agents", [False, True])
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_exports_gephi_loads_whole(control_folder: Path, tmp_path: Path, fmt: str, agents: bool) -> None:
    store = LocalStore(control_folder, readonly=True)
    graph = build_network(store, agents=agents)
    path = tmp_path / f"control.{fmt}"
    (write_graphml if fmt == "graphml" else write_gexf)(graph, path)
    root = _strict(path)
    edges = [e for e in root.iter() if e.tag.endswith("}edge")]
    ids = [e.get("id") for e in edges]
    assert len(ids) == graph.number_of_edges() > 0 and len(set(ids)) == len(ids) and None not in ids
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (
        graph.number_of_nodes(),
        graph.number_of_edges(),
    )
    text = path.read_text(encoding="utf-8")
    assert "\x1b" not in text and "\x0b" not in text and "\x00" not in text
    assert agents or "&lt;b&gt;talks&lt;/b&gt;" in text  # markup kept as text, escaped
    for _, data in back.nodes(data=True):
        assert data["label"] and data["kind"] in ("agent", "claim")
        assert all(v != "" for v in data.values()), data  # no placeholder for what does not apply
        if data["kind"] == "agent":
            assert "stance" not in data and "text" not in data
    if agents:
        assert {d["kind"] for _, d in back.nodes(data=True)} == {"agent"}
        relations = {d["relation"] for *_, d in back.edges(data=True)}
        assert relations <= {"quotes", "describes", "counters"} and "quotes" in relations
        assert all(int(d["weight"]) >= 1 for *_, d in back.edges(data=True))
    del store
    gc.collect()


def test_agent_projection_weights_count_claims(store: LocalStore) -> None:
    agents = build_network(store, agents=True)
    full = build_network(store)
    name = {n: d["label"] for n, d in agents.nodes(data=True)}
    weights = {(name[u], d["relation"], name[v]): d["weight"] for u, v, d in agents.edges(data=True)}
    said = Counter(name.get(u) for u, _, rel in full.edges(data="relation") if rel == "said")
    assert weights[("Scoop Hub", "quotes", "Donald Trump")] == said["Donald Trump"] == 3
    assert weights[("Yuyuan Tantian", "quotes", "unnamed sources")] == 1
    assert ("Chinese officials", "counters", "unnamed sources") in weights


@pytest.mark.parametrize("args", [["export", "graphml", "-o", "{dir}"], ["report", "{dir}"]])
def test_cli_refuses_a_folder_as_output(seed_folder: Path, tmp_path: Path, args: list[str]) -> None:
    target = tmp_path / "out"
    target.mkdir()
    result = CliRunner().invoke(
        app, [*(a.replace("{dir}", str(target)) for a in args), "--store", str(seed_folder)]
    )
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"] and not list(target.iterdir())
