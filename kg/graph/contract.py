"""The store contract: what every store kg writes to offers, and the part every store shares.

A store takes annotated articles (one named graph each, replaced whole on re-ingest, with
the ingest time in a provenance graph), refreshes the graphs derived from all of them
(counter links, claim groups, audit summaries), answers SPARQL and the named audits, and
is flushed and closed. ``kg.graph.store.open_store`` picks the implementation.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Protocol, TypedDict, Unpack, runtime_checkable

from rdflib import Graph
from rdflib.namespace import PROV, XSD

from kg.errors import QueryError
from kg.graph import iris
from kg.graph.agents import AGENT_VARS, AGENTS_QUERY, agent_triples
from kg.graph.audit import audit_queries
from kg.graph.build import build_article_graph
from kg.graph.claims import CLAIM_VARS, CLAIMS_QUERY, claim_nodes, link_triples
from kg.graph.query import DEFAULT_LIMIT, Result
from kg.graph.summary import SUMMARY_UPDATE
from kg.records import AnnotatedArticle

if TYPE_CHECKING:
    from kg.nlp.embed import Encoder
    from kg.nlp.pairs import PairScorer


Bindings = Mapping[str, str] | None  # values for the query's ?variables, bound as RDF terms


class Limits(TypedDict, total=False):
    """How much a query may take: ``limit`` rows, ``timeout`` seconds."""

    limit: int
    timeout: float | None


@runtime_checkable
class Store(Protocol):
    """Where article graphs go and where audits read them."""

    def add(self, doc: AnnotatedArticle, when: datetime | None = None) -> None:
        """Write (or replace) the article's named graph and its provenance entry."""

    def refresh(self) -> int:
        """Recompute the derived graphs from every article graph; the number of link triples."""

    def query(self, sparql: str, params: Bindings = None, **limits: Unpack[Limits]) -> Result:
        """A SPARQL query over the union of all graphs; ``params`` bound as RDF terms.

        ``limit`` caps the rows (default 10,000); with ``timeout`` (seconds) the query is stopped
        when it runs longer (kg.errors.QueryTimeout).
        """

    def audit(self, name: str, *, limit: int = DEFAULT_LIMIT, **params: str | None) -> Result:
        """A named audit query (``kg audit --list``), its parameters by name."""

    def flush(self) -> None: ...

    def close(self) -> None: ...


def provenance_update(graph: Graph, when: datetime | None = None) -> str:
    """The SPARQL update that records which run made an article graph, and when it was stored."""
    g, run = graph.identifier, next(graph.objects(predicate=PROV.wasGeneratedBy))
    stamp = (when or datetime.now(UTC)).isoformat()
    prov = iris.PROVENANCE_GRAPH
    return (
        f"DELETE WHERE {{ GRAPH <{prov}> {{ <{g}> ?p ?o }} }} ;\n"
        f"INSERT DATA {{ GRAPH <{prov}> {{ <{g}> <{PROV.wasGeneratedBy}> <{run}> ; "
        f'<{PROV.generatedAtTime}> "{stamp}"^^<{XSD.dateTime}> . }} }}'
    )


class StoreBase:
    """Building the article graph, the derived graphs and the audits, over a store's own primitives.

    A store implements ``write_graph``, ``query``, ``rows``, ``replace_graph`` and
    ``update``; claims stored without a vector get one from ``encoder``; links between claims
    come from ``linker`` (kg.nlp.pairs.PairClassifier, or any object with its ``scores`` and
    ``threshold``, such as a test's fake).
    """

    encoder: Encoder | None = None
    linker: PairScorer | None = None  # the claim-pair classifier; None: the shipped one

    def add(self, doc: AnnotatedArticle, when: datetime | None = None) -> None:
        self.write_graph(build_article_graph(doc), when)

    def write_graph(self, graph: Graph, when: datetime | None = None) -> None:
        raise NotImplementedError

    def query(self, sparql: str, params: Bindings = None, **limits: Unpack[Limits]) -> Result:
        return self.answer(
            sparql, dict(params or {}), limits.get("limit", DEFAULT_LIMIT), limits.get("timeout")
        )

    def answer(self, sparql: str, params: dict[str, str], limit: int, timeout: float | None) -> Result:
        """The store's own way of answering ``query`` (every argument given)."""
        raise NotImplementedError

    def rows(self, sparql: str, variables: Sequence[str]) -> Iterator[dict[str, str | None]]:
        """Rows of a SELECT over the named graphs, as plain values (no cap: for derived graphs)."""
        raise NotImplementedError

    def replace_graph(self, name: str, lines: list[str]) -> None:
        """Replace a derived graph with these N-Triples lines."""
        raise NotImplementedError

    def update(self, text: str) -> None:
        raise NotImplementedError

    def refresh(self) -> int:
        """The derived graphs, from every article graph: one class per agent (the agents graph),
        counters and claim groups (the links graph, from every claim and vector), the summary
        graph; returns the number of link triples."""
        self.replace_graph(str(iris.AGENTS_GRAPH), list(agent_triples(self.rows(AGENTS_QUERY, AGENT_VARS))))
        claims, vectors = claim_nodes(self.rows(CLAIMS_QUERY, CLAIM_VARS), self.encoder)
        lines = list(link_triples(claims, vectors, self.linker))
        del claims, vectors
        self.replace_graph(str(iris.LINKS_GRAPH), lines)
        self.update(SUMMARY_UPDATE)
        self.flush()
        return len(lines)

    def audit(self, name: str, *, limit: int = DEFAULT_LIMIT, **params: str | None) -> Result:
        queries = audit_queries()
        if name not in queries:
            raise QueryError(f"no audit query named {name!r}; known: {', '.join(sorted(queries))}")
        bound = {key: value for key, value in params.items() if value is not None}
        return self.query(queries[name].text, bound, limit=limit)

    def flush(self) -> None:
        """Make every write durable (nothing to do for stores that write through)."""

    def close(self) -> None:
        self.flush()

    def __enter__(self):
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
