"""What a whole store holds, in the figures `kg ingest` ends with."""

from __future__ import annotations

from kg.graph import iris
from kg.graph.terms import KG

TOTALS_QUERY = f"""
SELECT
  (COUNT(DISTINCT ?article) AS ?articles) (COUNT(DISTINCT ?sentence) AS ?sentences)
  (COUNT(DISTINCT ?claim) AS ?claims) (COUNT(?link) AS ?links)
WHERE {{
  {{ ?article a <{KG.Article}> }}
  UNION {{ ?sentence a <{KG.Sentence}> }}
  UNION {{ ?claim a <{KG.Claim}> }}
  UNION {{ GRAPH <{iris.LINKS_GRAPH}> {{ ?a <{KG.counters}> ?b }} BIND(1 AS ?link) }}
}}
"""
NAMES = ("articles", "sentences", "claims", "links")


def store_totals(store) -> dict[str, int]:
    """Articles, sentences, claims and counter links in the store (any kg.graph.contract.Store)."""
    result = store.query(TOTALS_QUERY, timeout=120.0)
    row = next(iter(result), {})
    return {name: int(row.get(name) or 0) for name in NAMES}
