"""Claim linking: bucketed comparisons give what comparing every pair gives; vector literals."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from kg.graph.claims import ClaimNode, counter_pairs, groups
from kg.graph.vectors import from_text, to_literal


def _random_claims(n: int, seed: int) -> tuple[list[ClaimNode], np.ndarray]:
    rng = np.random.default_rng(seed)
    names = [None, "china", "united states", "eu", "acme"]
    claims = [
        ClaimNode(
            f"c{k}",
            f"a{rng.integers(0, 12)}",
            f"text {k}",
            names[rng.integers(0, len(names))],
            ["eager", "denying", "open", "neutral"][rng.integers(0, 4)],
            names[rng.integers(0, len(names))],
        )
        for k in range(n)
    ]
    vectors = rng.normal(size=(n, 16)).astype(np.float32)
    return claims, vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def _all_pairs_counters(claims, vectors, threshold, cross):
    sims = vectors @ vectors.T
    within, nearest = set(), {}
    for i, a in enumerate(claims):
        for j, b in enumerate(claims):
            if a.stance != "denying" or b.stance != "eager" or sims[i, j] < threshold:
                continue
            if a.article == b.article:
                within.add((i, j))
            elif ({a.holder, a.speaker} - {None}) & ({b.holder, b.speaker} - {None}):
                nearest.setdefault(i, []).append(j)
    for i, js in nearest.items():
        within.update((i, j) for j in sorted(js, key=lambda j: (-sims[i, j], j))[:cross])
    return sorted(within)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bucketed_counters_match_comparing_every_pair(seed: int) -> None:
    claims, vectors = _random_claims(300, seed)
    for threshold, cross in ((0.0, 5), (0.3, 2), (-1.0, 1000)):
        expected = _all_pairs_counters(claims, vectors, threshold, cross)
        assert counter_pairs(claims, vectors, threshold, cross) == expected
        assert expected  # the case is not empty


def test_bucketed_groups_match_comparing_every_pair() -> None:
    claims, vectors = _random_claims(400, 4)
    sims = vectors @ vectors.T
    linked = {
        frozenset((i, j))
        for i, j in itertools.combinations(range(len(claims)), 2)
        if claims[i].holder
        and claims[i].holder == claims[j].holder
        and claims[i].stance == claims[j].stance
        and sims[i, j] >= 0.5
    }
    found = groups(claims, vectors, 0.5)
    assert found
    member_of = {k: g for g, members in enumerate(found) for k in members}
    assert all(
        member_of.get(i) is not None and member_of[i] == member_of.get(j) for i, j in map(tuple, linked)
    )
    for members in found:  # every group is connected by close same-holder pairs
        seen, todo = {members[0]}, [members[0]]
        while todo:
            k = todo.pop()
            for m in members:
                if m not in seen and frozenset((k, m)) in linked:
                    seen.add(m)
                    todo.append(m)
        assert seen == set(members)


def test_vector_literal_keeps_similarities() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(50, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    decoded = np.array([from_text(str(to_literal(v))) for v in vectors])
    assert np.allclose(np.linalg.norm(decoded, axis=1), 1.0, atol=1e-5)
    assert np.abs(decoded @ decoded.T - vectors @ vectors.T).max() < 0.005
    assert len(str(to_literal(vectors[0]))) == 512  # 384 bytes in base64
