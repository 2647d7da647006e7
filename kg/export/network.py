"""The store as a networkx graph of agents and claims, written as GraphML or GEXF (for Gephi).

Nodes are agents (speakers, holders, intermediaries, publishers) and claims; edges are
``said`` (speaker -> claim), ``held by`` (claim -> holder), ``relayed`` (intermediary ->
claim), ``published`` (publisher -> speaker, weight = attributions) and ``counters``
(claim -> claim). Every node carries the same attributes (``kind``, ``label``, ``type``,
``articles``, ``date``, ``stance``, ``article``, ``outlet``, ``text``), every edge the same
(``relation``, ``label``, ``weight``, ``stance``, ``confidence``, ``position``), all str, int
or float, so both formats hold them. GEXF adds colours: agents by type, claims by stance,
from ``kg.export.AGENT_COLOURS`` and ``kg.export.STANCE_COLOURS``.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx

from kg.export import AGENT_COLOURS, STANCE_COLOURS, Claim, Filters, Selection, load, short
from kg.graph.local import LocalStore


def build_network(store: LocalStore, filters: Filters | None = None) -> nx.MultiDiGraph:
    """Agents and claims of the selected articles, and the edges between them."""
    return network_from(load(store, filters))


def network_from(sel: Selection) -> nx.MultiDiGraph:
    """The network of a selection (edges keyed by relation)."""
    g = nx.MultiDiGraph()
    published: Counter[tuple[str, str]] = Counter()
    for claim in sel.claims:
        _add_claim(g, sel, claim)
        if claim.speaker:
            _add_agent(g, sel, claim.speaker)
            _edge(g, claim.speaker, claim.iri, "said", stance=claim.stance, confidence=claim.confidence)
            publisher = sel.articles[claim.article].publisher
            if publisher:
                published[publisher, claim.speaker] += 1
        if claim.holder:
            _add_agent(g, sel, claim.holder)
            _edge(g, claim.iri, claim.holder, "held by", stance=claim.stance)
        for position, hop in enumerate(claim.via, 1):
            _add_agent(g, sel, hop)
            _edge(g, hop, claim.iri, "relayed", position=position)
    for article in sorted({c.article for c in sel.claims}):
        if sel.articles[article].publisher:
            _add_agent(g, sel, sel.articles[article].publisher)
    for (publisher, speaker), count in sorted(published.items()):
        _edge(g, publisher, speaker, "published", weight=count)
    for a, b in sel.counters:
        _edge(g, a, b, "counters")
    return g


def _add_agent(g: nx.MultiDiGraph, sel: Selection, iri: str) -> None:
    if iri in g:
        return
    agent = sel.agents.get(iri)
    articles = [sel.articles[a] for a in (agent.articles if agent else ()) if a in sel.articles]
    dates = sorted(a.date for a in articles if a.date)
    g.add_node(
        iri,
        kind="agent",
        label=agent.name if agent else iri,
        type=agent.type if agent else "agent",
        articles=len(articles),
        date=dates[0] if dates else "",
        stance="",
        article="",
        outlet="",
        text="",
    )


def _add_claim(g: nx.MultiDiGraph, sel: Selection, claim: Claim) -> None:
    article = sel.articles[claim.article]
    g.add_node(
        claim.iri,
        kind="claim",
        label=short(claim.text),
        type="claim",
        articles=1,
        date=article.date,
        stance=claim.stance,
        article=article.id,
        outlet=article.outlet,
        text=claim.text,
    )


def _edge(
    g: nx.MultiDiGraph,
    source: str,
    target: str,
    relation: str,
    *,
    weight: int = 1,
    stance: str = "",
    confidence: float = 0.0,
    position: int = 0,
) -> None:
    g.add_edge(
        source,
        target,
        key=relation,
        relation=relation,
        label=relation,
        weight=weight,
        stance=stance,
        confidence=float(confidence),
        position=position,
    )


def with_colours(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with GEXF ``viz`` colours and sizes: agents by type, claims by stance."""
    out = g.copy()
    for _, data in out.nodes(data=True):
        if data["kind"] == "claim":
            colour, size = STANCE_COLOURS.get(data["stance"], "#000000"), 6.0
        else:
            colour, size = AGENT_COLOURS.get(data["type"], "#000000"), 8.0 + 2.0 * data["articles"]
        r, gr, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        data["viz"] = {"color": {"r": r, "g": gr, "b": b, "a": 1.0}, "size": size}
    return out


def write_graphml(g: nx.MultiDiGraph, path: str | Path) -> None:
    nx.write_graphml(g, str(path))


def write_gexf(g: nx.MultiDiGraph, path: str | Path) -> None:
    nx.write_gexf(with_colours(g), str(path))
