"""Claims and the links between them: counters, reversals and same-proposition groups.

A claim is a sentence with a holder or a speaker. Links come from the claim-pair classifier
(kg.nlp.pairs: the claims' vectors, stances, agents and words -> counters / same /
unrelated), never from a similarity threshold alone:

- within an article, each claim is scored against its nearest claims;
- across articles, only claims of articles on the same matter (they share agents, and are
  published within the window when both are dated) whose holders each appear in the other's
  article, or that have the same holder;
- a counter joins two different sides: different holders (a claim without a holder is its
  speaker's statement), or one holder as others report it and as it speaks for itself
  ("X is said to want talks" / "X denied it") (``kg:counters``, the later or denying claim
  countering the other); the same holder on opposite sides in its own voice is a change of
  position (``kg:reverses``), never a counter; each link carries its score on a ``kg:CounterLink`` node, and a claim
  keeps only its strongest few;
- same-proposition pairs (the same holder) are joined into claim groups.

The vectors were computed at annotation time and stored with the claims (``kg:vector``);
claims stored without one get one from the encoder the store was given.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
from rdflib import RDF

from kg.errors import InputError
from kg.graph import iris
from kg.graph.summary import NETWORK_EDGES
from kg.graph.terms import KG
from kg.graph.vectors import to_bytes
from kg.nlp.pairs import (
    LABELS,
    Claims,
    PairClassifier,
    PairScorer,
    candidates,
    cross_candidates,
    related_articles,
)

if TYPE_CHECKING:
    from kg.nlp.embed import Encoder

DIM = 384
MAX_LINKS = 3  # per claim and relation, the strongest kept
MAX_CROSS = 2  # per claim, counters with claims of other articles


@dataclass(frozen=True)
class ClaimNode:
    iri: str
    article: str
    text: str
    holder: str | None  # the holder agent's IRI
    stance: str
    speaker: str | None = None  # the speaker agent's IRI
    index: int = 0  # sentence index in its article
    published: str | None = None


@lru_cache(maxsize=1)
def classifier() -> PairClassifier:
    return PairClassifier.load()


CLAIM_VARS = ("c", "a", "text", "holder", "stance", "speaker", "vector", "i", "date")
# No ORDER BY: sorting 100k claims in the store costs more than the query (claim_nodes sorts).
CLAIMS_QUERY = f"""SELECT ?c ?a ?text ?holder ?stance ?speaker ?vector ?i ?date WHERE {{ GRAPH ?g {{
    ?c a <{KG.Claim}> ; <{KG.text}> ?text ; <{KG.stance}> ?stance ; <{KG.sentence}> ?s .
    ?s <{KG.inArticle}> ?a ; <{KG.index}> ?i .
    OPTIONAL {{ ?a <https://schema.org/datePublished> ?date }}
    OPTIONAL {{ ?c <{KG.holder}> ?holder }}
    OPTIONAL {{ ?c <{KG.vector}> ?vector }}
    OPTIONAL {{ ?c <{KG.attribution}>/<{KG.speaker}> ?speaker }} }} }}"""


def claim_nodes(
    rows: Iterable[dict[str, str | None]], encoder: Encoder | None = None
) -> tuple[list[ClaimNode], np.ndarray]:
    """Claims (sorted by IRI) and their unit vectors as float16, from rows of CLAIMS_QUERY.

    Claims stored without a vector (graphs from older versions, or built from gold records)
    get one computed now.
    """
    found = []
    for r in rows:
        raw = to_bytes(r["vector"]) if r["vector"] else None
        node = ClaimNode(
            r["c"], r["a"], r["text"] or "", r["holder"], r["stance"].rsplit("#", 1)[-1], r["speaker"],
            int(r["i"] or 0), r["date"],
        )  # fmt: skip
        found.append((node, raw))
    found.sort(key=lambda f: f[0].iri)
    claims = [f[0] for f in found]
    raws = [f[1] for f in found]
    del found
    missing = [k for k, raw in enumerate(raws) if raw is None]
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


@dataclass(frozen=True)
class Link:
    relation: str  # "counters" | "reverses" | "same"
    source: int  # the claim that counters (or the first of a same pair)
    target: int
    score: float


def _name(iri: str) -> str:
    """An agent IRI's words ("/agent/donald-trump-1a2b3c4d5e" -> "donald trump"): what features match on."""
    slug = iri.rstrip("/").rsplit("/", 1)[-1]
    if "/agent/" in iri:
        slug = slug.rsplit("-", 1)[0]
    return slug.replace("-", " ")


def _claims(claims: Sequence[ClaimNode], vectors: np.ndarray) -> Claims:
    agents = {k for c in claims for k in (c.holder, c.speaker) if k}
    return Claims(
        vectors,
        [c.text for c in claims],
        [c.stance for c in claims],
        [c.holder for c in claims],
        [c.speaker for c in claims],
        [c.index for c in claims],
        {k: _name(k) for k in agents},
    )


def _agents(claims: Sequence[ClaimNode]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for c in claims:
        out[c.article].update(k for k in (c.holder, c.speaker) if k and "/agent/" in k)
    return out


def _direction(claims: Sequence[ClaimNode], i: int, j: int) -> tuple[int, int]:
    """(countering, countered): a denial counters what it denies, else the later claim the earlier."""
    a, b = claims[i], claims[j]
    if (a.stance == "denying") != (b.stance == "denying"):
        return (i, j) if a.stance == "denying" else (j, i)
    later = (a.published or "", a.article, a.index) > (b.published or "", b.article, b.index)
    return (i, j) if later else (j, i)


def find_links(
    claims: Sequence[ClaimNode], vectors: np.ndarray, model: PairScorer | None = None
) -> list[Link]:
    """Every link the classifier finds, strongest kept per claim (see the module docstring)."""
    model = model or classifier()
    if not claims:
        return []
    table = _claims(claims, vectors)
    by_article: dict[str, list[int]] = defaultdict(list)
    for k, c in enumerate(claims):
        by_article[c.article].append(k)
    agents = _agents(claims)
    related = related_articles(agents, {a: claims[rows[0]].published for a, rows in by_article.items()})
    within = candidates(vectors, list(by_article.values()))
    across = cross_candidates(table, [c.article for c in claims], agents, related)
    links = []
    for pairs, cap in ((within, MAX_LINKS), (across, MAX_CROSS)):
        scores = model.scores(table, pairs)
        links += _pick(claims, pairs, scores, model.threshold, cap)
    return links


def _side(claim: ClaimNode) -> str | None:
    """Whose position a claim is: its holder, else (a statement) its speaker."""
    return claim.holder or claim.speaker


def _pick(
    claims: Sequence[ClaimNode], pairs: np.ndarray, scores: np.ndarray, threshold: dict[str, float], cap: int
) -> list[Link]:
    kept: list[Link] = []
    per_claim: dict[tuple[int, str], int] = defaultdict(int)
    counter, same = LABELS.index("counters"), LABELS.index("same")
    order = np.argsort(-np.maximum(scores[:, counter], scores[:, same]), kind="stable")
    for k in order:
        i, j = int(pairs[k, 0]), int(pairs[k, 1])
        side_i, side_j = _side(claims[i]), _side(claims[j])
        one_holder = side_i is not None and side_i == side_j
        if scores[k, counter] >= threshold["counters"] and scores[k, counter] >= scores[k, same]:
            if side_i is None or side_j is None:
                continue  # a counter needs an agent on each side
            one_voice = one_holder and claims[i].speaker == claims[j].speaker
            relation, score = ("reverses" if one_voice else "counters"), float(scores[k, counter])
            source, target = _direction(claims, i, j)
        elif scores[k, same] >= threshold["same"] and one_holder:
            relation, score, (source, target) = "same", float(scores[k, same]), (i, j)
        else:
            continue
        if per_claim[(i, relation)] >= cap or per_claim[(j, relation)] >= cap:
            continue
        per_claim[(i, relation)] += 1
        per_claim[(j, relation)] += 1
        kept.append(Link(relation, source, target, round(score, 4)))
    return kept


def groups(claims: Sequence[ClaimNode], links: Sequence[Link]) -> list[list[int]]:
    """Connected components of same-proposition links (size >= 2)."""
    parent = list(range(len(claims)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for link in links:
        if link.relation == "same":
            parent[find(link.source)] = find(link.target)
    members_of: dict[int, list[int]] = {}
    for k in range(len(claims)):
        members_of.setdefault(find(k), []).append(k)
    return [m for m in members_of.values() if len(m) > 1]


_XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def _edge_tallies(claims: Sequence[ClaimNode], links: Sequence[Link]) -> Iterator[str]:
    """Counter links between agents, counted (the agent network reads these, not every link).

    Only the ``NETWORK_EDGES`` heaviest pairs of each kind are kept: the network shows the
    heaviest edges, and a page must not scan a tally per pair of agents at 10,000 articles.
    """
    tallies: Counter[tuple[str, str, str]] = Counter()
    for link in links:
        if link.relation != "counters":
            continue
        a, b = claims[link.source], claims[link.target]
        for kind, x, y in (("counters", a.speaker, b.speaker), ("same matter", a.holder, b.holder)):
            if x and y and x != y:
                tallies[(kind, x, y)] += 1
    kept = []
    for kind in ("counters", "same matter"):
        heaviest = sorted(((-n, x, y) for (k, x, y), n in tallies.items() if k == kind))[:NETWORK_EDGES]
        kept += [((kind, x, y), -n) for n, x, y in heaviest]
    for (kind, x, y), n in kept:
        node = iris.edge_tally(kind, x, y)
        yield f"<{node}> <{RDF.type}> <{KG.EdgeTally}> ."
        yield f'<{node}> <{KG.edgeKind}> "{kind}" .'
        yield f"<{node}> <{KG.source}> <{x}> ."
        yield f"<{node}> <{KG.target}> <{y}> ."
        yield f'<{node}> <{KG.count}> "{n}"^^<http://www.w3.org/2001/XMLSchema#integer> .'


def link_triples(
    claims: list[ClaimNode], vectors: np.ndarray, model: PairScorer | None = None
) -> Iterator[str]:
    """The links graph as N-Triples lines: counters and reversals with their scores, claim groups.

    Lines, not an rdflib Graph: at 10k articles the graph would hold about 100k triples in
    memory for no purpose but serialising them again.
    """
    links = find_links(claims, vectors, model)
    for link in links:
        if link.relation == "same":
            continue
        a, b = claims[link.source].iri, claims[link.target].iri
        relation = KG.counters if link.relation == "counters" else KG.reverses
        node = iris.counter_link(link.relation, a, b)
        yield f"<{a}> <{relation}> <{b}> ."
        yield f"<{node}> <{RDF.type}> <{KG.CounterLink}> ."
        yield f"<{node}> <{KG.fromClaim}> <{a}> ."
        yield f"<{node}> <{KG.toClaim}> <{b}> ."
        yield f"<{node}> <{KG.relation}> <{relation}> ."
        yield f'<{node}> <{KG.score}> "{link.score}"^^<{_XSD_DECIMAL}> .'
    yield from _edge_tallies(claims, links)
    for members in groups(claims, links):
        group = iris.claim_group("|".join(sorted(claims[k].iri for k in members)))
        yield f"<{group}> <{RDF.type}> <{KG.ClaimGroup}> ."
        for k in members:
            yield f"<{claims[k].iri}> <{KG.inGroup}> <{group}> ."
