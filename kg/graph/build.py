"""Annotation record -> the article's named graph (rdflib), with provenance.

Everything a query must reach has a minted IRI (no blank nodes), and nothing depends on
the time of the run, so the same input always gives the same graph; the ingest time
goes to the store's provenance graph instead (``kg.graph.store``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import OWL, RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV, SDO, XSD

from kg import __version__
from kg.graph import iris
from kg.graph.entities import canonical
from kg.graph.terms import KG, STANCE
from kg.graph.vectors import to_literal
from kg.ingest.ids import text_digest

TYPES = {
    "person": KG.PrivatePerson,
    "official": KG.Official,
    "government": KG.Government,
    "organization": KG.Organization,
    "outlet": KG.Outlet,
    "unnamed": KG.UnnamedSource,
}
_APPOSITIVE = re.compile(r",\s+((?:a|an|the)\s+[^,.;“”\"]{3,120}?|[a-z][^,.;“”\"]{2,120}?)\s*[,.;]")
_PROPER = re.compile(r"\b[A-Z][\w'’\-]+(?:\s+(?:of\s+|the\s+)?[A-Z][\w'’\-]+)*")


@dataclass(frozen=True)
class RunInfo:
    """What produced the annotations: the model and its weights, the code version."""

    model: str
    weights_sha256: str
    code_version: str = __version__


class _Agents:
    """Agents of one article: IRIs, names, aliases, types (and how they were met)."""

    def __init__(self, graph: Graph, article_id: str, article: URIRef) -> None:
        self.graph, self.article_id, self.article = graph, article_id, article

    def get(self, name: str, kind: str | None = None, alias: str | None = None) -> URIRef:
        if kind == "unnamed":
            node, display, entry = iris.unnamed(self.article_id, name), name, None
        else:
            key, display, entry = canonical(name)
            node = iris.agent(key, display)
            kind = kind or (entry or {}).get("type")
            if entry and entry.get("wikidata"):
                self.graph.add(
                    (node, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{entry['wikidata']}"))
                )
        g = self.graph
        g.add((node, RDF.type, KG.Agent))
        if kind in TYPES:
            g.add((node, RDF.type, TYPES[kind]))
        if (node, SDO.name, None) not in g:
            g.add((node, SDO.name, Literal(display)))
        for extra in {name, alias} - {display, None}:
            g.add((node, KG.alias, Literal(extra)))
        g.add((node, KG.mentionedIn, self.article))
        return node


def build_article_graph(
    record: dict,
    text: str,
    run: RunInfo,
    source: str | None = None,
    vectors: Sequence[Sequence[float]] | None = None,
) -> Graph:
    """The named graph of one annotated article (claims carry ``vectors[i]`` when given)."""
    aid = record["id"]
    g = Graph(identifier=iris.article_graph(aid))
    g.bind("kg", str(KG))
    art = iris.article(aid)
    agents = _Agents(g, aid, art)
    run_node = iris.run(run.weights_sha256, run.code_version, text_digest(text))
    g.add((art, RDF.type, KG.Article))
    g.add((art, KG.articleId, Literal(aid)))
    g.add((art, KG.text, Literal(text)))
    for prop, key in ((SDO.headline, "title"), (SDO.datePublished, "published")):
        if record.get(key):
            g.add((art, prop, Literal(str(record[key]))))
    if record.get("url"):
        g.add((art, SDO.url, URIRef(record["url"])))
    if record.get("outlet"):
        g.add((art, SDO.publisher, agents.get(record["outlet"], "outlet")))
    if source:
        g.add((art, KG.sourceFile, Literal(source)))
    g.add((art, PROV.wasGeneratedBy, run_node))
    g.add((run_node, RDF.type, KG.PipelineRun))
    g.add((run_node, KG.model, Literal(run.model)))
    g.add((run_node, KG.weightsSha256, Literal(run.weights_sha256)))
    g.add((run_node, KG.codeVersion, Literal(run.code_version)))
    for i, sent in enumerate(record["sentences"]):
        _sentence(g, agents, aid, art, i, sent, text, vectors[i] if vectors is not None else None)
    return g


def _sentence(
    g: Graph,
    agents: _Agents,
    aid: str,
    art: URIRef,
    i: int,
    sent: dict,
    text: str,
    vector: Sequence[float] | None,
) -> None:
    node = iris.sentence(aid, i)
    g.add((node, RDF.type, KG.Sentence))
    g.add((node, KG.inArticle, art))
    g.add((node, KG.index, Literal(i)))
    g.add((node, KG.start, Literal(sent["start"])))
    g.add((node, KG.end, Literal(sent["end"])))
    g.add((node, KG.text, Literal(sent["text"])))
    attribution = None
    if sent.get("speaker"):
        attribution = iris.attribution(aid, i)
        mention = sent.get("speaker_mention")
        written = text[mention["start"] : mention["end"]] if mention else None
        speaker = agents.get(sent["speaker"], sent.get("speaker_type"), written)
        g.add((attribution, RDF.type, KG.Attribution))
        g.add((attribution, KG.sentence, node))
        g.add((attribution, KG.speaker, speaker))
        if mention:
            g.add((attribution, KG.speakerMention, Literal(written)))
            g.add((attribution, KG.speakerMentionStart, Literal(mention["start"])))
            g.add((attribution, KG.speakerMentionEnd, Literal(mention["end"])))
            _appositive(g, agents, speaker, text, mention["end"])
        cue = sent.get("cue_mention")
        if cue or sent.get("cue"):
            g.add((attribution, KG.cue, Literal(text[cue["start"] : cue["end"]] if cue else sent["cue"])))
        if sent.get("channel"):
            g.add((attribution, KG.channel, Literal(sent["channel"])))
        if sent.get("confidence") is not None:
            g.add(
                (
                    attribution,
                    KG.confidence,
                    Literal(round(float(sent["confidence"]), 4), datatype=XSD.decimal),
                )
            )
        for position, name in enumerate(sent.get("via") or [], 1):  # 1 = nearest the article
            step = iris.via_step(aid, i, position)
            hop = agents.get(name)
            g.add((step, RDF.type, KG.ViaStep))
            g.add((step, KG.position, Literal(position)))
            g.add((step, KG.intermediary, hop))
            g.add((attribution, KG.via, step))
            if position == 1:  # PROV view of the chain: quoted from the nearest hop, sourced at the speaker
                g.add((node, PROV.wasQuotedFrom, hop))
                g.add((node, PROV.hadPrimarySource, speaker))
    if sent.get("holder") or attribution is not None:
        claim = iris.claim(aid, i)
        g.add((claim, RDF.type, KG.Claim))
        g.add((claim, KG.sentence, node))
        g.add((claim, KG.text, Literal(sent["text"])))
        g.add((claim, KG.stance, getattr(STANCE, sent["stance"])))
        if vector is not None:
            g.add((claim, KG.vector, to_literal(vector)))
        if sent.get("holder"):
            g.add((claim, KG.holder, agents.get(sent["holder"])))
        if attribution is not None:
            g.add((claim, KG.attribution, attribution))
            g.add((claim, PROV.wasAttributedTo, g.value(attribution, KG.speaker)))
            g.add((claim, PROV.qualifiedAttribution, attribution))


def _appositive(g: Graph, agents: _Agents, speaker: URIRef, text: str, end: int) -> None:
    """Roles and affiliations the text states: "Guo Jiakun, spokesman for the Foreign Ministry"."""
    match = _APPOSITIVE.match(text, end)
    if not match:
        return
    description = match.group(1).strip()
    g.add((speaker, KG.description, Literal(description)))
    head = re.split(r"\s+(?:for|of|at|with|to|from|affiliated|based|who|which)\b", description, maxsplit=1)[0]
    role = re.sub(r"^(?:a|an|the)\s+", "", head).strip()
    if role:
        g.add((speaker, KG.role, Literal(role)))
    rest = description[len(head) :]
    for name in _PROPER.findall(rest):
        g.add((speaker, KG.affiliatedWith, agents.get(name)))
