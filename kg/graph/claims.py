"""Claims and counterclaims: same-proposition groups and `counters` links.

A claim is a sentence with a holder or a speaker. Two claims state the same proposition
when their holders are the same entity and their sentence embeddings (the base encoder,
mean-pooled, as all-MiniLM-L6-v2 is meant to be used; computed at annotation time and
stored with the claim) are close. A denial counters the eager claims of its article
that it is close to ("Chinese officials denied that any talks are underway" counters
"Washington is proactively seeking dialogue"), and the closest eager claims of other
articles that concern the same entity.

Only claims that can be linked are compared: denials with the eager claims of their
article or of their entities, claims with the claims of the same holder and stance. The
comparisons run as block matrix products per bucket, so time grows with the buckets, not
with the square of the store, and memory stays at one block.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from rdflib import RDF

from kg.errors import InputError
from kg.graph import iris
from kg.graph.terms import KG
from kg.graph.vectors import to_bytes
from kg.records import linkable

if TYPE_CHECKING:
    from kg.nlp.embed import Encoder

GROUP_SIMILARITY = 0.75
COUNTER_SIMILARITY = 0.25  # chosen on the dev split's counters pairs (scripts/eval_counters.py)
CROSS_COUNTERS = 5  # per denial, the closest eager claims of other articles that are kept
_BLOCK = 512
DIM = 384


@dataclass(frozen=True)
class ClaimNode:
    iri: str
    article: str
    text: str
    holder: str | None  # the holder's normalised key
    stance: str
    speaker: str | None = None  # the speaker's normalised key


def _similar(vectors: np.ndarray, rows: Sequence[int], cols: Sequence[int], threshold: float) -> Iterable:
    """(row, col, similarity) of every pair at or above ``threshold``, one block of rows at a time."""
    rows, cols = np.asarray(rows), np.asarray(cols)
    right = vectors[cols].astype(np.float32).T  # vectors may be held as float16
    for lo in range(0, len(rows), _BLOCK):
        block = vectors[rows[lo : lo + _BLOCK]].astype(np.float32) @ right
        for r, c in zip(*np.nonzero(block >= threshold), strict=True):
            yield int(rows[lo + r]), int(cols[c]), float(block[r, c])


def _keys(c: ClaimNode) -> set[str]:
    return {c.holder, c.speaker} - {None}


def counter_pairs(
    claims: Sequence[ClaimNode],
    vectors: np.ndarray,
    threshold: float = COUNTER_SIMILARITY,
    cross: int = CROSS_COUNTERS,
) -> list[tuple[int, int]]:
    """(i, j): claim i, a denial, counters claim j, an eager claim (sorted).

    Within an article every close pair is kept; across articles that share an entity, the
    ``cross`` closest eager claims of each denial.
    """
    by_article: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    by_key: dict[str, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for k, c in enumerate(claims):
        side = {"denying": 0, "eager": 1}.get(c.stance)
        if side is None:
            continue
        by_article[c.article][side].append(k)
        for key in _keys(c):
            by_key[key][side].append(k)
    pairs: set[tuple[int, int]] = set()
    for denials, eager in by_article.values():
        if denials and eager:
            pairs.update((i, j) for i, j, _ in _similar(vectors, denials, eager, threshold))
    nearest: dict[int, dict[int, float]] = defaultdict(dict)
    for denials, eager in by_key.values():
        if denials and eager:
            for i, j, sim in _similar(vectors, denials, eager, threshold):
                if claims[i].article != claims[j].article:
                    nearest[i][j] = sim
    for i, found in nearest.items():
        pairs.update((i, j) for j in sorted(found, key=lambda j: (-found[j], j))[:cross])
    return sorted(pairs)


def groups(
    claims: Sequence[ClaimNode], vectors: np.ndarray, threshold: float = GROUP_SIMILARITY
) -> list[list[int]]:
    """Connected components of claims with the same holder, stance and close vectors (size >= 2)."""
    parent = list(range(len(claims)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, c in enumerate(claims):
        if c.holder:
            buckets[(c.holder, c.stance)].append(k)
    for members in buckets.values():
        if len(members) > 1:
            for i, j, _ in _similar(vectors, members, members, threshold):
                if i < j:
                    parent[find(i)] = find(j)
    members_of: dict[int, list[int]] = {}
    for k in range(len(claims)):
        members_of.setdefault(find(k), []).append(k)
    return [m for m in members_of.values() if len(m) > 1]


CLAIM_VARS = ("c", "a", "text", "holder", "stance", "speaker", "vector")
# No ORDER BY: sorting 100k claims in the store costs more than the query (claim_nodes sorts).
CLAIMS_QUERY = f"""SELECT ?c ?a ?text ?holder ?stance ?speaker ?vector WHERE {{ GRAPH ?g {{
    ?c a <{KG.Claim}> ; <{KG.text}> ?text ; <{KG.stance}> ?stance ; <{KG.sentence}> ?s .
    ?s <{KG.inArticle}> ?a .
    OPTIONAL {{ ?c <{KG.holder}> ?holder }}
    OPTIONAL {{ ?c <{KG.vector}> ?vector }}
    OPTIONAL {{ ?c <{KG.attribution}>/<{KG.speaker}> ?speaker }} }} }}"""


def claim_nodes(
    rows: Iterable[dict[str, str | None]], encoder: Encoder | None = None
) -> tuple[list[ClaimNode], np.ndarray]:
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
    if missing and encoder is None:
        raise InputError(
            f"{len(missing)} claim(s)",
            "stored without a vector, and no encoder was given to compute them",
            "open the store with an encoder (kg.open_store does) or re-ingest those articles",
        )
    computed = encoder.encode([claims[k].text for k in missing]) if missing else None
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
