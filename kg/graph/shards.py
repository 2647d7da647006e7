"""N-Quads shards for a store's bulk loader (`kg ingest --out DIR`): a store that is written, not read."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TextIO

from rdflib import Graph

from kg.errors import QueryError
from kg.graph.contract import StoreBase
from kg.graph.query import Result


class ShardStore(StoreBase):
    """Writes article graphs as N-Quads, ``per_shard`` articles a file, streaming.

    Each graph is appended to the open shard as it comes (nothing is held in memory); a
    shard is written under a temporary name and renamed when complete, so a loader never
    sees half a shard. Links need every claim in one store: load the shards, then run
    `kg relink` there (claim vectors travel in the graphs).
    """

    def __init__(self, folder: Path, per_shard: int = 1000) -> None:
        self.folder, self.per_shard = folder, per_shard
        folder.mkdir(parents=True, exist_ok=True)
        self.count, self.shard, self.in_shard = 0, 0, 0
        self.file: TextIO | None = None

    def _path(self) -> Path:
        return self.folder / f"articles-{self.shard:05d}.nq"

    def write_graph(self, graph: Graph, when: datetime | None = None) -> None:
        if self.file is None:
            self.file = self._path().with_suffix(".part").open("w", encoding="utf-8")
        name = f"<{graph.identifier}>"
        for line in graph.serialize(format="nt").splitlines():
            if line.strip():
                self.file.write(f"{line[: line.rstrip().rfind(' .')]} {name} .\n")
        self.count += 1
        self.in_shard += 1
        if self.in_shard >= self.per_shard:
            self._close()

    def _close(self) -> None:
        if self.file is None:
            return
        self.file.close()
        self._path().with_suffix(".part").replace(self._path())
        self.file, self.shard, self.in_shard = None, self.shard + 1, 0

    def refresh(self) -> int:
        """Nothing to derive here: after loading the shards, `kg relink` derives them in the store."""
        self._close()
        return 0

    def answer(self, sparql: str, params: dict[str, str], limit: int, timeout: float | None) -> Result:
        raise QueryError(f"{self.folder} holds N-Quads shards: load them into a store, then query that")

    def flush(self) -> None:
        self._close()
