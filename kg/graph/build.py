"""Annotation record -> the article's named graph (rdflib), with provenance.

Everything a query must reach has a minted IRI (no blank nodes), and nothing depends on
the time of the run, so the same input always gives the same graph; the ingest time
goes to the store's provenance graph instead (``kg.graph.store``).
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import OWL, RDF, Graph, Literal, URIRef
from rdflib.namespace import PROV, SDO, XSD

from kg.graph import iris
from kg.graph.entities import canonical
from kg.graph.terms import KG, STANCE
from kg.graph.vectors import to_literal
from kg.ingest.ids import text_digest
from kg.nlp.names import is_name
from kg.records import AnnotatedArticle, AnnotatedSentence, Description, RunInfo


class _Agents:
    """Agents of one article: IRIs, names and aliases.

    A name that reads as a name (kg.nlp.names.is_name) is a store-wide agent, keyed so its
    other names merge; an unnamed source, and a "name" that is only a description or a
    fragment of text ("police", "the statement", a dateline), stay nodes of this article with
    the mention as written (never merged across articles). Agents get no class here beyond kg:Agent: the store decides one class for each
    (kg.graph.agents: a publisher, for one, is an Outlet).
    """

    def __init__(self, graph: Graph, article_id: str, article: URIRef, unnamed: set[str]) -> None:
        self.graph, self.article_id, self.article = graph, article_id, article
        self.unnamed = unnamed  # names this article gives unnamed sources (as holders too)

    def get(self, name: str, unnamed: bool = False, alias: str | None = None) -> URIRef:
        g = self.graph
        if unnamed or name in self.unnamed:
            node, display = iris.unnamed(self.article_id, name), name
            g.add((node, RDF.type, KG.UnnamedSource))
        elif not is_name(name):  # "police", "the statement": this article's, as written
            node, display = iris.described(self.article_id, name), name
        else:
            key, display, entry = canonical(name)
            node = iris.agent(key)
            if entry and entry.get("wikidata"):
                g.add((node, OWL.sameAs, URIRef(f"http://www.wikidata.org/entity/{entry['wikidata']}")))
        g.add((node, RDF.type, KG.Agent))
        if (node, SDO.name, None) not in g:
            g.add((node, SDO.name, Literal(display)))
        for extra in {name, alias} - {display, None}:
            g.add((node, KG.alias, Literal(extra)))
        g.add((node, KG.mentionedIn, self.article))
        return node


def build_article_graph(doc: AnnotatedArticle) -> Graph:
    """The named graph of one annotated article (claims carry their vectors when the record has them)."""
    article, aid = doc.article, doc.article.id
    g = Graph(identifier=iris.article_graph(aid))
    g.bind("kg", str(KG))
    art = iris.article(aid)
    agents = _Agents(
        g, aid, art, {s.speaker for s in doc.sentences if s.speaker and s.speaker_type == "unnamed"}
    )
    g.add((art, RDF.type, KG.Article))
    g.add((art, KG.articleId, Literal(aid)))
    g.add((art, KG.text, Literal(article.text)))
    for prop, value in ((SDO.headline, article.title), (SDO.datePublished, article.published)):
        if value:
            g.add((art, prop, Literal(str(value))))
    if article.url:
        g.add((art, SDO.url, URIRef(article.url)))
    if article.outlet:
        g.add((art, SDO.publisher, agents.get(article.outlet)))
    if article.source:
        g.add((art, KG.sourceFile, Literal(article.source)))
    _run(g, art, doc.run, article.text)
    vectors = doc.vectors or (None,) * len(doc.sentences)
    for sent, vector in zip(doc.sentences, vectors, strict=True):
        _sentence(g, agents, aid, art, sent, article.text, vector)
    return g


def _run(g: Graph, art: URIRef, run: RunInfo, text: str) -> None:
    node = iris.run(run.weights_sha256, run.code_version, text_digest(text))
    g.add((art, PROV.wasGeneratedBy, node))
    g.add((node, RDF.type, KG.PipelineRun))
    g.add((node, KG.model, Literal(run.model)))
    g.add((node, KG.weightsSha256, Literal(run.weights_sha256)))
    g.add((node, KG.codeVersion, Literal(run.code_version)))


def _sentence(
    g: Graph,
    agents: _Agents,
    aid: str,
    art: URIRef,
    sent: AnnotatedSentence,
    text: str,
    vector: Sequence[float] | None,
) -> None:
    i = sent.index
    node = iris.sentence(aid, i)
    g.add((node, RDF.type, KG.Sentence))
    g.add((node, KG.inArticle, art))
    g.add((node, KG.index, Literal(i)))
    g.add((node, KG.start, Literal(sent.start)))
    g.add((node, KG.end, Literal(sent.end)))
    g.add((node, KG.text, Literal(sent.text)))
    attribution = _attribution(g, agents, aid, node, sent, text) if sent.speaker else None
    if sent.is_claim:
        claim = iris.claim(aid, i)
        g.add((claim, RDF.type, KG.Claim))
        g.add((claim, KG.sentence, node))
        g.add((claim, KG.text, Literal(sent.text)))
        g.add((claim, KG.stance, getattr(STANCE, sent.stance)))
        if vector is not None:
            g.add((claim, KG.vector, to_literal(vector)))
        if sent.holder:
            g.add((claim, KG.holder, agents.get(sent.holder)))
        if attribution is not None:
            g.add((claim, KG.attribution, attribution))
            g.add((claim, PROV.wasAttributedTo, g.value(attribution, KG.speaker)))
            g.add((claim, PROV.qualifiedAttribution, attribution))


def _attribution(
    g: Graph, agents: _Agents, aid: str, node: URIRef, sent: AnnotatedSentence, text: str
) -> URIRef:
    """Who the sentence attributes its content to, through which cue, channel and chain."""
    attribution = iris.attribution(aid, sent.index)
    mention = sent.speaker_mention
    written = text[mention.start : mention.end] if mention else None
    speaker = agents.get(sent.speaker, sent.speaker_type == "unnamed", written)
    g.add((attribution, RDF.type, KG.Attribution))
    if sent.speaker_type and sent.speaker_type != "unnamed":
        g.add((attribution, KG.speakerRole, Literal(sent.speaker_type)))
    g.add((attribution, KG.sentence, node))
    g.add((attribution, KG.speaker, speaker))
    if mention:
        g.add((attribution, KG.speakerMention, Literal(written)))
        g.add((attribution, KG.speakerMentionStart, Literal(mention.start)))
        g.add((attribution, KG.speakerMentionEnd, Literal(mention.end)))
    if sent.description:
        _description(g, agents, speaker, sent.description)
    cue = sent.cue_mention
    if cue or sent.cue:
        g.add((attribution, KG.cue, Literal(text[cue.start : cue.end] if cue else sent.cue)))
    if sent.channel:
        g.add((attribution, KG.channel, Literal(sent.channel)))
    if sent.confidence is not None:
        g.add((attribution, KG.confidence, Literal(round(float(sent.confidence), 4), datatype=XSD.decimal)))
    for position, name in enumerate(sent.via, 1):  # 1 = nearest the article
        step = iris.via_step(aid, sent.index, position)
        hop = agents.get(name)
        g.add((step, RDF.type, KG.ViaStep))
        g.add((step, KG.position, Literal(position)))
        g.add((step, KG.intermediary, hop))
        g.add((attribution, KG.via, step))
        if position == 1:  # PROV view of the chain: quoted from the nearest hop, sourced at the speaker
            g.add((node, PROV.wasQuotedFrom, hop))
            g.add((node, PROV.hadPrimarySource, speaker))
    return attribution


def _description(g: Graph, agents: _Agents, speaker: URIRef, description: Description) -> None:
    """Roles and affiliations the text states (read by the model package: kg.nlp.describe)."""
    g.add((speaker, KG.description, Literal(description.text)))
    if description.role:
        g.add((speaker, KG.role, Literal(description.role)))
    for name in description.affiliations:
        g.add((speaker, KG.affiliatedWith, agents.get(name)))
