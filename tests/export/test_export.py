from __future__ import annotations

import copy
import gc
from collections.abc import Iterator
from html.parser import HTMLParser
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
from kg.export.report import write_report
from kg.graph.local import LocalStore
from tests.conftest import write_store

DENIAL = "Meanwhile, Chinese officials have consistently denied that any formal talks are underway."
HOSTILE = 'Officials said <script>alert("x")</script> & denied all talks.'
SPEAKERS = {
    "Chinese officials": "government",
    "Donald Trump": "official",
    "Yuyuan Tantian": "outlet",
    "unnamed sources": "unnamed",
}


def _hostile(seed_gold: dict) -> dict:
    record = copy.deepcopy(seed_gold)
    record.update(id="hostile", outlet="Other <Outlet>", published="2025-04-20")
    record["sentences"][12]["text"] = HOSTILE
    return record


@pytest.fixture(scope="module")
def seed_folder(tmp_path_factory: pytest.TempPathFactory, seed_gold: dict) -> Path:
    return write_store(tmp_path_factory.mktemp("seed"), [seed_gold])


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory, seed_gold: dict) -> Path:
    return write_store(tmp_path_factory.mktemp("mixed"), [seed_gold, _hostile(seed_gold)])


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
    edges = {(name[u], rel, name[v]) for u, v, rel in graph.edges(keys=True) if rel != "said"}
    assert ("Scoop Hub", "published", "Donald Trump") in edges
    published = graph.get_edge_data(*_ids(graph, "Scoop Hub", "Donald Trump"))["published"]
    assert published["weight"] == 3
    relayed = [(u, v) for u, v, rel in graph.edges(keys=True) if rel == "relayed"]
    assert [name[u] for u, _ in relayed] == ["Yuyuan Tantian"]
    assert graph.nodes[relayed[0][1]]["text"].startswith("According to sources quoted by Yuyuan Tantian")
    counters = [(u, v) for u, v, rel in graph.edges(keys=True) if rel == "counters"]
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
    assert len(names) == 4  # the article, the links, the provenance, the summary
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


class _Claims(HTMLParser):
    """The claim blocks of the report: quoted sentence and their dt -> dd rows, as text."""

    def __init__(self) -> None:
        super().__init__()
        self.claims: list[dict[str, str]] = []
        self.tags: list[str] = []
        self.field = ""
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        self.scripts += tag == "script"
        if tag == "div" and ("class", "claim") in attrs:
            self.claims.append({})
        self.field = {"blockquote": "sentence", "dt": "_dt"}.get(tag, self.field)
        if tag == "dd":
            self.field = self.claims[-1].pop("_dt")

    def handle_data(self, data: str) -> None:
        if self.claims and self.field:
            self.claims[-1][self.field] = self.claims[-1].get(self.field, "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("blockquote", "dd"):
            self.field = ""


def _report(store: LocalStore, path: Path) -> tuple[str, _Claims]:
    write_report(store, path)
    html = path.read_text(encoding="utf-8")
    parser = _Claims()
    parser.feed(html)
    parser.close()
    return html, parser


def test_report_lists_every_claim_with_its_chain(store: LocalStore, tmp_path: Path) -> None:
    html, parsed = _report(store, tmp_path / "report.html")
    assert len(parsed.claims) == 10 and parsed.scripts == 0
    by_sentence = {c["sentence"]: c for c in parsed.claims}
    denial = by_sentence[DENIAL]
    assert denial["said by"].startswith("Chinese officials") and "denied" in denial["said by"]
    assert denial["position of"].split() == ["Chinese", "officials", "denying"]
    assert "counters" in denial and "Yuyuan Tantian" in denial["counters"]
    (chained,) = [c for c in parsed.claims if "via" in c]
    assert chained["via"] == "Yuyuan Tantian" and chained["said by"].startswith("unnamed sources")
    assert "countered by" in chained
    assert "Scoop Hub" in html and "d7c6f7544dd1cd7b" in html
    assert "http" not in html  # no external links


def test_report_escapes_hostile_text(mixed: LocalStore, tmp_path: Path) -> None:
    html, parsed = _report(mixed, tmp_path / "report.html")
    assert "<script>" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in html
    assert "Other &lt;Outlet&gt;" in html and parsed.scripts == 0
    assert HOSTILE in {c["sentence"] for c in parsed.claims}  # the parser unescapes it back


def test_cli_export_and_report(seed_folder: Path, tmp_path: Path) -> None:
    cli = CliRunner()
    for fmt in ("graphml", "gexf", "trig", "nquads"):
        out = tmp_path / f"seed.{fmt}"
        result = cli.invoke(app, ["export", fmt, "-o", str(out), "--store", str(seed_folder)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0 and not list(tmp_path.glob(".*part*"))
    result = cli.invoke(app, ["report", str(tmp_path / "r.html"), "--store", str(seed_folder)])
    assert result.exit_code == 0 and DENIAL in (tmp_path / "r.html").read_text(encoding="utf-8")
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
        (["report", "x.html", "--store", "{missing}"], "no store here"),
    ],
)
def test_cli_errors_are_one_line(tmp_path: Path, args: list[str], message: str) -> None:
    args = [a.replace("{missing}", str(tmp_path / "missing")) for a in args]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert not (tmp_path / "missing").exists()
