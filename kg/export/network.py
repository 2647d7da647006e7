"""The store as a networkx graph of agents and claims, written as GraphML or GEXF (for Gephi).

Nodes are agents (speakers, holders, intermediaries, publishers) and claims; edges are
``said`` (speaker -> claim), ``held by`` (claim -> holder), ``relayed`` (intermediary ->
claim), ``published`` (publisher -> speaker, weight = attributions) and ``counters``
(claim -> claim). Nodes carry ``kind``, ``label`` (Gephi's node label), ``type`` and, where
they apply, ``articles``, ``date`` (agents: first seen), ``stance``, ``article``,
``outlet``, ``text`` (claims); edges ``relation``, ``label``, ``weight`` and, where they
apply, ``stance``, ``confidence`` (said, held by) and ``position`` (relayed): an attribute
that does not apply is absent, never a placeholder. Every edge has its own id (``e1``,
``e2``, ...), so Gephi keeps them all. ``agent_network`` projects the same selection onto
agents only (``quotes``, ``describes``, ``counters``, weighted by claims). Text is cleaned
of the characters XML 1.0 forbids before writing. GEXF adds colours: agents by type, claims
by stance, from ``kg.export.AGENT_COLOURS`` and ``kg.export.STANCE_COLOURS``.
"""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

import networkx as nx

from kg.export import AGENT_COLOURS, STANCE_COLOURS, Claim, Filters, Selection, load, short, xml_safe
from kg.graph.local import LocalStore


def build_network(
    store: LocalStore, filters: Filters | None = None, *, agents: bool = False
) -> nx.MultiDiGraph:
    """Agents and claims of the selected articles and the edges between them (``agents``: agents only)."""
    sel = load(store, filters)
    return agent_network(sel) if agents else network_from(sel)


def network_from(sel: Selection) -> nx.MultiDiGraph:
    """The agent-claim network of a selection (each edge its own key: ``e1``, ``e2``, ...)."""
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


def agent_network(sel: Selection) -> nx.MultiDiGraph:
    """Agents only: ``quotes`` (outlet -> via -> speaker, along each chain), ``describes`` (speaker ->
    holder of the position it reports) and ``counters`` (speaker -> speaker of the countered claim),
    each weighted by the number of claims."""
    weights: Counter[tuple[str, str, str]] = Counter()
    by_iri = {c.iri: c for c in sel.claims}
    for claim in sel.claims:
        publisher = sel.articles[claim.article].publisher
        chain = [a for a in (publisher, *claim.via, claim.speaker) if a]
        for source, target in itertools.pairwise(chain):
            if source != target:
                weights[source, target, "quotes"] += 1
        if claim.speaker and claim.holder and claim.speaker != claim.holder:
            weights[claim.speaker, claim.holder, "describes"] += 1
    for a, b in sel.counters:
        source, target = by_iri[a].speaker, by_iri[b].speaker
        if source and target and source != target:
            weights[source, target, "counters"] += 1
    g = nx.MultiDiGraph()
    for (source, target, relation), count in sorted(weights.items()):
        _add_agent(g, sel, source)
        _add_agent(g, sel, target)
        _edge(g, source, target, relation, weight=count)
    return g


def _add_agent(g: nx.MultiDiGraph, sel: Selection, iri: str) -> None:
    if iri in g:
        return
    agent = sel.agents.get(iri)
    articles = [sel.articles[a] for a in (agent.articles if agent else ()) if a in sel.articles]
    dates = sorted(a.date for a in articles if a.date)
    data = {"kind": "agent", "label": agent.name if agent else iri, "type": agent.type if agent else "agent"}
    data["articles"] = len(articles)
    if dates:
        data["date"] = dates[0]
    g.add_node(iri, **data)


def _add_claim(g: nx.MultiDiGraph, sel: Selection, claim: Claim) -> None:
    article = sel.articles[claim.article]
    data = {"kind": "claim", "label": short(claim.text), "type": "claim", "stance": claim.stance}
    data.update(article=article.id, text=claim.text)
    if article.date:
        data["date"] = article.date
    if article.outlet:
        data["outlet"] = article.outlet
    g.add_node(claim.iri, **data)


def _edge(
    g: nx.MultiDiGraph,
    source: str,
    target: str,
    relation: str,
    *,
    weight: int = 1,
    stance: str | None = None,
    confidence: float | None = None,
    position: int | None = None,
) -> None:
    data: dict[str, str | int | float] = {"relation": relation, "label": relation, "weight": weight}
    if stance is not None:
        data["stance"] = stance
    if confidence:  # 0.0 means the record carried none
        data["confidence"] = float(confidence)
    if position is not None:
        data["position"] = position
    key = f"e{g.number_of_edges() + 1}"
    g.add_edge(source, target, key=key, id=key, **data)


def _xml_clean(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose node ids and string attributes hold only characters XML 1.0 allows."""
    safe = {n: xml_safe(n) for n in g}
    out = nx.relabel_nodes(g, safe, copy=True) if any(k != v for k, v in safe.items()) else g.copy()
    for _, data in out.nodes(data=True):
        data.update({k: xml_safe(v) for k, v in data.items() if isinstance(v, str)})
    for *_, data in out.edges(data=True):
        data.update({k: xml_safe(v) for k, v in data.items() if isinstance(v, str)})
    return out


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
    """GraphML with edge ids from the edges' keys; ``id`` is not repeated as an attribute."""
    clean = _xml_clean(g)
    for *_, data in clean.edges(data=True):
        data.pop("id", None)
    nx.write_graphml(clean, str(path))


def write_gexf(g: nx.MultiDiGraph, path: str | Path) -> None:
    nx.write_gexf(with_colours(_xml_clean(g)), str(path))
