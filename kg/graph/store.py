"""The embedded Oxigraph store: one named graph per article, written in one transaction.

Re-ingesting an article replaces its graph (DROP + INSERT in one SPARQL update, which
Oxigraph applies all or nothing). Cross-article links (counters, claim groups) live in
their own graph and are recomputed from all claims after each ingest, so none dangle;
the claim vectors they need are in the article graphs (``kg:vector``).
The ingest time of each article goes to a provenance graph, so article graphs stay
identical from run to run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyoxigraph as ox
from rdflib import RDF, Graph
from rdflib.namespace import PROV

from kg.graph import iris
from kg.graph.claims import DIM, ClaimNode, counter_pairs, embed, groups, linkable
from kg.graph.summary import SUMMARY_UPDATE
from kg.graph.terms import KG
from kg.graph.vectors import to_bytes

DEFAULT_STORE = "./kg-store"
_PROV = "http://www.w3.org/ns/prov#"


def store_path(option: str | None) -> str:
    """--store, else $KG_STORE, else ./kg-store."""
    return option or os.environ.get("KG_STORE") or DEFAULT_STORE


def _nt(graph: Graph) -> str:
    return graph.serialize(format="nt")


CLAIM_VARS = ("c", "a", "text", "holder", "stance", "speaker", "vector")
# No ORDER BY: sorting 100k claims in the store costs more than the query (claim_nodes sorts).
CLAIMS_QUERY = f"""SELECT ?c ?a ?text ?holder ?stance ?speaker ?vector WHERE {{ GRAPH ?g {{
    ?c a <{KG.Claim}> ; <{KG.text}> ?text ; <{KG.stance}> ?stance ; <{KG.sentence}> ?s .
    ?s <{KG.inArticle}> ?a .
    OPTIONAL {{ ?c <{KG.holder}> ?holder }}
    OPTIONAL {{ ?c <{KG.vector}> ?vector }}
    OPTIONAL {{ ?c <{KG.attribution}>/<{KG.speaker}> ?speaker }} }} }}"""


def claim_nodes(rows: Iterable[dict[str, str | None]]) -> tuple[list[ClaimNode], np.ndarray]:
    """Claims (sorted by IRI) and their unit vectors as float16, from rows of CLAIMS_QUERY.

    Linkable claims stored without a vector (graphs from older versions, or built from gold
    records) get one computed now; the others are never compared and get zeros. A claim's
    text is kept only when its vector has to be computed: at 100k claims the rest is memory
    spent for nothing.
    """
    found = []
    for r in rows:
        stance = r["stance"].rsplit("#", 1)[-1]
        raw = to_bytes(r["vector"]) if r["vector"] else None
        text = r["text"] if raw is None and linkable(stance, r["holder"]) else ""
        found.append((r["c"], r["a"], text, r["holder"], stance, r["speaker"], raw))
    found.sort(key=lambda f: f[0])
    claims = [ClaimNode(*f[:6]) for f in found]
    raws = [f[6] for f in found]
    del found
    missing = [k for k, c in enumerate(claims) if c.text]
    computed = embed([claims[k].text for k in missing]) if missing else None
    width = computed.shape[1] if computed is not None and not any(raws) else DIM
    vectors = np.zeros((len(claims), width), np.float16)
    for lo in range(0, len(claims), 8192):  # int8 rows -> unit float16 rows, a block at a time
        block = raws[lo : lo + 8192]
        if any(block):
            ints = np.frombuffer(b"".join(r or bytes(width) for r in block), np.int8).reshape(-1, width)
            values = ints.astype(np.float32)
            norms = np.linalg.norm(values, axis=1, keepdims=True)
            vectors[lo : lo + len(block)] = values / np.where(norms > 0, norms, 1)
    for k, vector in zip(missing, computed if computed is not None else [], strict=True):
        vectors[k] = vector
    return claims, vectors


def link_triples(claims: list[ClaimNode], vectors: np.ndarray) -> Iterator[str]:
    """The links graph as N-Triples lines: `counters` between claims, same-proposition groups.

    Lines, not an rdflib Graph: at 10k articles the graph would hold about 100k triples in
    memory for no purpose but serialising them again.
    """
    for i, j in counter_pairs(claims, vectors):
        yield f"<{claims[i].iri}> <{KG.counters}> <{claims[j].iri}> ."
    for members in groups(claims, vectors):
        group = iris.claim_group("|".join(sorted(claims[k].iri for k in members)))
        yield f"<{group}> <{RDF.type}> <{KG.ClaimGroup}> ."
        for k in members:
            yield f"<{claims[k].iri}> <{KG.inGroup}> <{group}> ."


class KgStore:
    """A persistent store on disk (or in memory when ``path`` is None)."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is not None:
            self.path.mkdir(parents=True, exist_ok=True)
        self.store = ox.Store(str(self.path / "oxigraph")) if self.path is not None else ox.Store()
        self.written = 0

    # --- writing -------------------------------------------------------------------

    # RocksDB holds writes in memory until flushed; flushing every few articles keeps a long
    # ingest's memory flat (about 100 MB instead of growing by 300 MB per 1,000 articles) at no cost.
    FLUSH_EVERY = 32

    def write_article(self, graph: Graph, when: datetime | None = None) -> None:
        """Replace the article's named graph and its provenance entry, all or nothing."""
        g = str(graph.identifier)
        run = next(graph.objects(predicate=PROV.wasGeneratedBy))
        stamp = (when or datetime.now(UTC)).isoformat()
        self.store.update(
            f"DROP SILENT GRAPH <{g}> ;\n"
            f"INSERT DATA {{ GRAPH <{g}> {{\n{_nt(graph)}}} }} ;\n"
            f"DELETE WHERE {{ GRAPH <{iris.PROVENANCE_GRAPH}> {{ <{g}> ?p ?o }} }} ;\n"
            f"INSERT DATA {{ GRAPH <{iris.PROVENANCE_GRAPH}> {{\n"
            f'  <{g}> <{_PROV}wasGeneratedBy> <{run}> ; <{_PROV}generatedAtTime> "{stamp}"^^<http://www.w3.org/2001/XMLSchema#dateTime> .\n'
            f"}} }}"
        )
        self.written += 1
        if self.path is not None and self.written % self.FLUSH_EVERY == 0:
            self.store.flush()

    def refresh_derived(self) -> int:
        """Rebuild the derived graphs from the article graphs; returns the number of link triples.

        The links graph (counters, claim groups) from every claim and its vector; the summary
        graph (counts for the aggregate audit queries) by one SPARQL update.
        """
        rows = self.store.query(CLAIMS_QUERY)
        claims, vectors = claim_nodes(
            {v: (row[v].value if row[v] is not None else None) for v in CLAIM_VARS} for row in rows
        )
        lines = list(link_triples(claims, vectors))
        del claims, vectors
        # Bulk-loaded (written straight to disk: a SPARQL INSERT of 200k link triples held
        # 0.5 GB). Not one transaction with the DROP: a crash between them leaves the links
        # graph empty until the next ingest or `kg relink`, and the article graphs untouched.
        self.store.update(f"DROP SILENT GRAPH <{iris.LINKS_GRAPH}>")
        if lines:
            self.store.bulk_load(
                input="\n".join(lines).encode("utf-8"),
                format=ox.RdfFormat.N_TRIPLES,
                to_graph=ox.NamedNode(str(iris.LINKS_GRAPH)),
            )
        self.store.update(SUMMARY_UPDATE)
        self.store.flush()
        return len(lines)

    # --- reading -------------------------------------------------------------------

    def query(self, sparql: str) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        """A SPARQL query over the union of all graphs."""
        return self.store.query(sparql, use_default_graph_as_union=True)

    def article_graph(self, article_id: str) -> Graph:
        """One article's named graph as an rdflib Graph (for checks and exports)."""
        name = iris.article_graph(article_id)
        data = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(name)))
        return Graph(identifier=name).parse(data=data.decode("utf-8"), format="nt")

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.store.named_graphs())

    def flush(self) -> None:
        self.store.flush()
