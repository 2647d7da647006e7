"""The embedded Oxigraph store: one named graph per article, written in one transaction.

Re-ingesting an article replaces its graph (DROP + INSERT in one SPARQL update, which
Oxigraph applies all or nothing). Cross-article links (counters, claim groups) live in
their own graph and are recomputed from all claims after each ingest, so none dangle.
The ingest time of each article goes to a provenance graph, so article graphs stay
identical from run to run.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyoxigraph as ox
from rdflib import RDF, Graph, URIRef
from rdflib.namespace import PROV

from kg.graph import iris
from kg.graph.claims import ClaimNode, counter_pairs, embed, groups
from kg.graph.terms import KG

DEFAULT_STORE = "./kg-store"
_PROV = "http://www.w3.org/ns/prov#"


def store_path(option: str | None) -> str:
    """--store, else $KG_STORE, else ./kg-store."""
    return option or os.environ.get("KG_STORE") or DEFAULT_STORE


def _nt(graph: Graph) -> str:
    return graph.serialize(format="nt")


class KgStore:
    """A persistent store on disk (or in memory when ``path`` is None)."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path is not None else None
        if self.path is not None:
            self.path.mkdir(parents=True, exist_ok=True)
        self.store = ox.Store(str(self.path / "oxigraph")) if self.path is not None else ox.Store()

    # --- writing -------------------------------------------------------------------

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

    def recompute_links(self) -> int:
        """Rebuild the links graph (counters and claim groups) from every claim; returns #links."""
        claims = self._claims()
        vectors = self._vectors(claims)
        links = Graph(identifier=iris.LINKS_GRAPH)
        for i, j in counter_pairs(claims, vectors):
            links.add((URIRef(claims[i].iri), KG.counters, URIRef(claims[j].iri)))
        for members in groups(claims, vectors):
            group = iris.claim_group("|".join(sorted(claims[k].iri for k in members)))
            links.add((group, RDF.type, KG.ClaimGroup))
            for k in members:
                links.add((URIRef(claims[k].iri), KG.inGroup, group))
        body = _nt(links)
        insert = f"INSERT DATA {{ GRAPH <{iris.LINKS_GRAPH}> {{\n{body}}} }}" if body.strip() else ""
        self.store.update(f"DROP SILENT GRAPH <{iris.LINKS_GRAPH}> ;\n{insert}".rstrip(" ;\n"))
        return len(links)

    def _claims(self) -> list[ClaimNode]:
        rows = self.store.query(
            f"""SELECT ?c ?a ?text ?holder ?stance ?speaker WHERE {{ GRAPH ?g {{
                  ?c a <{KG.Claim}> ; <{KG.text}> ?text ; <{KG.stance}> ?stance ; <{KG.sentence}> ?s .
                  ?s <{KG.inArticle}> ?a .
                  OPTIONAL {{ ?c <{KG.holder}> ?holder }}
                  OPTIONAL {{ ?c <{KG.attribution}>/<{KG.speaker}> ?speaker }} }} }} ORDER BY ?c"""
        )
        out = []
        for row in rows:
            holder, speaker = row["holder"], row["speaker"]
            out.append(
                ClaimNode(
                    row["c"].value,
                    row["a"].value,
                    row["text"].value,
                    holder.value if holder is not None else None,
                    row["stance"].value.rsplit("#", 1)[-1],
                    speaker.value if speaker is not None else None,
                )
            )
        return out

    def _vectors(self, claims: list[ClaimNode]) -> np.ndarray:
        """Claim embeddings, cached beside the store by claim text (computed once per text)."""
        cache_file = self.path / "claim-vectors.json" if self.path is not None else None
        cache: dict[str, list[float]] = {}
        if cache_file is not None and cache_file.is_file():
            cache = json.loads(cache_file.read_text(encoding="utf-8"))
        missing = sorted({c.text for c in claims} - set(cache))
        if missing:
            for text, vector in zip(missing, embed(missing), strict=True):
                cache[text] = [round(float(x), 5) for x in vector]
            if cache_file is not None:
                tmp = cache_file.with_suffix(".part")
                tmp.write_text(json.dumps(cache), encoding="utf-8")
                tmp.replace(cache_file)
        if not claims:
            return np.zeros((0, 384), dtype=np.float32)
        return np.array([cache[c.text] for c in claims], dtype=np.float32)

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
