"""The embedded Oxigraph store on disk: one named graph per article, written in one transaction.

Re-ingesting an article replaces its graph (DROP + INSERT in one SPARQL update, which
Oxigraph applies all or nothing). Cross-article links (counters, claim groups) live in
their own graph and are recomputed from all claims on refresh, so none dangle; the claim
vectors they need are in the article graphs (``kg:vector``). The ingest time of each
article goes to a provenance graph, so article graphs stay identical from run to run.
The folder holds the database in ``oxigraph/``; only this module knows that.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import StoreMissing
from kg.graph import iris
from kg.graph.contract import StoreBase, provenance_update
from kg.graph.folder import check_writable, clear_stale, explain, is_stale, mark_stale
from kg.graph.query import DEFAULT_MEMORY_MB, QueryRunner, Result, apply_update, run_query

if TYPE_CHECKING:
    from kg.nlp.embed import Encoder

DATABASE = "oxigraph"


def holds_store(folder: str | Path) -> bool:
    """Whether ``folder`` holds a kg store."""
    return (Path(folder) / DATABASE).is_dir()


class LocalStore(StoreBase):
    """A store in a folder on disk (or in memory when ``path`` is None).

    ``readonly`` opens an existing store without taking the writer's lock (queries only);
    queries with a ``timeout`` run in a worker process that is ended when it expires.
    """

    # RocksDB holds writes in memory until flushed; flushing every few articles keeps a long
    # ingest's memory flat (about 100 MB instead of growing by 300 MB per 1,000 articles) at no cost.
    FLUSH_EVERY = 32
    memory_mb: int = DEFAULT_MEMORY_MB  # what a query worker may use (kg.graph.query)

    def __init__(
        self, path: str | Path | None, *, encoder: Encoder | None = None, readonly: bool = False
    ) -> None:
        self.path = Path(path) if path is not None else None
        self.encoder, self.readonly = encoder, readonly
        if self.path is not None and readonly and not holds_store(self.path):
            raise StoreMissing(
                str(self.path), "no store here", f"build one with `kg ingest PATH --store {self.path}`"
            )
        self._db: ox.Store | None = None
        self._runner: QueryRunner | None = None
        self.written = 0
        if self.path is not None and not readonly:
            check_writable(self.path)
            try:
                self.path.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise explain(exc, self.path, "create") from None
            _ = self.db  # opened now: a store in use or out of reach fails before any work

    @property
    def database(self) -> str:
        """The Oxigraph database folder (for worker processes that open it themselves)."""
        assert self.path is not None, "an in-memory store has no folder"
        return str(self.path / DATABASE)

    @property
    def db(self) -> ox.Store:
        """The open pyoxigraph store (opened on first use)."""
        if self._db is None:
            if self.path is None:
                self._db = ox.Store()
            else:
                try:
                    self._db = ox.Store.read_only(self.database) if self.readonly else ox.Store(self.database)
                except OSError as exc:
                    raise explain(exc, self.path, "read" if self.readonly else "open") from None
        return self._db

    @property
    def stale(self) -> bool:
        """Whether the links and summaries may not match the articles (a run stopped before rebuilding them)."""
        return self.path is not None and is_stale(self.path)

    # --- writing -------------------------------------------------------------------

    def write_graph(self, graph: Graph, when: datetime | None = None) -> None:
        """Replace the article's named graph and its provenance entry, all or nothing."""
        name = graph.identifier
        try:
            if self.path is not None and self.written == 0:
                mark_stale(self.path)
            self.db.update(
                f"DROP SILENT GRAPH <{name}> ;\n"
                f"INSERT DATA {{ GRAPH <{name}> {{\n{graph.serialize(format='nt')}}} }} ;\n"
                + provenance_update(graph, when)
            )
            self.written += 1
            if self.path is not None and self.written % self.FLUSH_EVERY == 0:
                self.db.flush()
        except OSError as exc:
            raise explain(exc, self.path or "memory", "write") from None

    def refresh(self) -> int:
        """The derived graphs rebuilt (kg.graph.contract), then the stale mark removed."""
        try:
            links = super().refresh()
            if self.path is not None:
                clear_stale(self.path)
        except OSError as exc:
            raise explain(exc, self.path or "memory", "rebuild the links and summaries in") from None
        return links

    def rows(self, sparql: str, variables: Sequence[str]) -> Iterator[dict[str, str | None]]:
        for row in self.db.query(sparql):
            yield {v: (row[v].value if row[v] is not None else None) for v in variables}

    def replace_graph(self, name: str, lines: list[str]) -> None:
        # Bulk-loaded (written straight to disk: a SPARQL INSERT of 200k link triples held
        # 0.5 GB). Not one transaction with the DROP: a crash between them leaves the derived
        # graph empty until the next ingest or `kg relink`, and the article graphs untouched.
        self.db.update(f"DROP SILENT GRAPH <{name}>")
        if lines:
            self.db.bulk_load(
                input="\n".join(lines).encode("utf-8"),
                format=ox.RdfFormat.N_TRIPLES,
                to_graph=ox.NamedNode(name),
            )

    def update(self, text: str) -> None:
        self.db.update(text)

    def update_isolated(self, text: str, timeout: float) -> None:
        """One SPARQL update in its own process, stopped at ``timeout`` (no reader may hold the store)."""
        apply_update(self.database, text, timeout)

    # --- reading -------------------------------------------------------------------

    def answer(self, sparql: str, params: dict[str, str], limit: int, timeout: float | None) -> Result:
        """A SPARQL query over the union of all graphs; with ``timeout``, in a worker that is stopped then."""
        if timeout is None or self.path is None:
            return run_query(self.db, sparql, params, limit)
        if not self.readonly:
            self.flush()
        if self._runner is None or (self._runner.timeout, self._runner.memory_mb) != (
            timeout,
            self.memory_mb,
        ):
            self._close_runner()
            self._runner = QueryRunner(self.database, timeout=timeout, memory_mb=self.memory_mb)
        return self._runner.run(sparql, params, limit)

    def runner(self, timeout: float, memory_mb: int | None = None) -> QueryRunner:
        """A query worker over this store, for servers that keep a pool of them."""
        return QueryRunner(self.database, timeout=timeout, memory_mb=memory_mb or self.memory_mb)

    def select(self, sparql: str) -> ox.QuerySolutions:
        """A SELECT over the union of all graphs as pyoxigraph solutions (no cap, no timeout: for exports)."""
        return self.db.query(sparql, use_default_graph_as_union=True)

    def article_graph(self, article_id: str) -> Graph:
        """One article's named graph as an rdflib Graph (for checks and exports)."""
        name = iris.article_graph(article_id)
        data = self.db.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(name)))
        return Graph(identifier=name).parse(data=data.decode("utf-8"), format="nt")

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self.db.named_graphs())

    # --- lifetime ------------------------------------------------------------------

    def flush(self) -> None:
        if self._db is not None and not self.readonly and self.path is not None:
            try:
                self._db.flush()
            except OSError as exc:
                raise explain(exc, self.path, "write") from None

    def _close_runner(self) -> None:
        if self._runner is not None:
            self._runner.close()
            self._runner = None

    def close(self) -> None:
        """Flush, stop the query worker and release the database (the folder can be reopened)."""
        try:
            self.flush()
        finally:  # released even when the flush fails (a full disk), so the folder can be reopened
            self._close_runner()
            self._db = None
