"""N-Quads shards for a store's bulk loader: `kg ingest --out DIR`."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph


class ShardWriter:
    """Writes article graphs as N-Quads, ``per_shard`` articles a file; the links graph last.

    A shard is written to a temporary name and renamed when complete, so a loader never
    sees half a shard.
    """

    def __init__(self, folder: Path, per_shard: int = 1000) -> None:
        self.folder, self.per_shard = folder, per_shard
        folder.mkdir(parents=True, exist_ok=True)
        self.count, self.shard, self.graphs = 0, 0, []
        self.vectors = None

    def write_article(self, graph: Graph) -> None:
        self.graphs.append(graph)
        self.count += 1
        if len(self.graphs) >= self.per_shard:
            self._flush()

    def _flush(self) -> None:
        if not self.graphs:
            return
        ds = Dataset()
        for g in self.graphs:
            target = ds.graph(g.identifier)
            for triple in g:
                target.add(triple)
        path = self.folder / f"articles-{self.shard:05d}.nq"
        tmp = path.with_suffix(".part")
        tmp.write_text(ds.serialize(format="nquads"), encoding="utf-8")
        tmp.replace(path)
        self.shard += 1
        self.graphs = []

    def recompute_links(self) -> int:
        """Links need every claim in one store: load the shards, then run `kg ingest` links there."""
        self._flush()
        return 0

    def flush(self) -> None:
        self._flush()
