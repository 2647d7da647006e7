"""Claim links: what the classifier may link, and vector literals."""

from __future__ import annotations

import numpy as np
import pytest

from kg.graph.claims import MAX_CROSS, MAX_LINKS, ClaimNode, find_links, groups
from kg.graph.vectors import from_text, to_literal
from kg.nlp.pairs import LABELS, PairClassifier

AGENT = "https://w3id.org/kg-news/id/agent/"


class Always:
    """A fake classifier: every pair is ``label`` with probability 0.9."""

    def __init__(self, label: str) -> None:
        self.label = LABELS.index(label)
        self.threshold = {"counters": 0.5, "same": 0.5}

    def scores(self, claims, pairs):
        out = np.full((len(pairs), len(LABELS)), 0.05, np.float32)
        out[:, self.label] = 0.9
        return out


def _claims(n: int, seed: int, articles: int = 6) -> tuple[list[ClaimNode], np.ndarray]:
    rng = np.random.default_rng(seed)
    names = [None, f"{AGENT}china-1", f"{AGENT}united-states-2", f"{AGENT}acme-3"]
    claims = [
        ClaimNode(
            f"c{k:04d}",
            f"a{rng.integers(0, articles)}",
            f"text {k}",
            names[rng.integers(0, len(names))],
            ["eager", "denying", "open", "neutral"][rng.integers(0, 4)],
            names[rng.integers(0, len(names))],
            int(rng.integers(0, 40)),
            "2020-01-0" + str(rng.integers(1, 9)),
        )
        for k in range(n)
    ]
    vectors = rng.normal(size=(n, 16)).astype(np.float32)
    return claims, vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_counters_join_two_sides_and_keep_the_strongest_few(seed: int) -> None:
    claims, vectors = _claims(120, seed)
    links = find_links(claims, vectors, Always("counters"))
    side = [c.holder or c.speaker for c in claims]
    assert links
    per: dict = {}
    for link in links:
        a, b = link.source, link.target
        assert side[a] and side[b]
        one_voice = side[a] == side[b] and claims[a].speaker == claims[b].speaker
        assert (link.relation == "reverses") == one_voice  # never a self-counter
        cap = MAX_LINKS if claims[a].article == claims[b].article else MAX_CROSS
        for k in (a, b):
            per[k, link.relation, cap] = per.get((k, link.relation, cap), 0) + 1
    assert all(n <= cap for (_, _, cap), n in per.items())


def test_cross_article_links_need_shared_agents() -> None:
    claims, vectors = _claims(60, 4, articles=3)
    alone = [
        ClaimNode(f"z{k}", "elsewhere", "t", f"{AGENT}nobody-{k}", "denying", None, k, "2020-01-01")
        for k in range(3)
    ]
    vectors = np.vstack([vectors, vectors[:3]])
    links = find_links([*claims, *alone], vectors, Always("counters"))
    assert not any(len({60, 61, 62} & {link.source, link.target}) == 1 for link in links)


def test_same_links_make_groups_of_one_holder() -> None:
    claims, vectors = _claims(80, 5)
    links = find_links(claims, vectors, Always("same"))
    for members in groups(claims, links):
        assert len({claims[k].holder or claims[k].speaker for k in members}) == 1


def test_the_shipped_classifier_loads_and_scores() -> None:
    model = PairClassifier.load()
    claims, vectors = _claims(30, 6)
    links = find_links(claims, vectors, model)
    assert set(model.threshold) == {"counters", "same"}
    assert all(0.0 <= link.score <= 1.0 for link in links)


def test_vector_literal_keeps_similarities() -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(50, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    decoded = np.array([from_text(str(to_literal(v))) for v in vectors])
    assert np.allclose(np.linalg.norm(decoded, axis=1), 1.0, atol=1e-5)
    assert np.abs(decoded @ decoded.T - vectors @ vectors.T).max() < 0.005
    assert len(str(to_literal(vectors[0]))) == 512  # 384 bytes in base64
