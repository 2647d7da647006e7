"""Exports of the store: records read with SPARQL, shared by the network, RDF and HTML exporters.

``load(store, filters)`` reads the selected articles, their claims (speaker, cue, via chain,
holder, stance), the counter links between them and the agents involved, as frozen records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from rdflib import RDF
from rdflib.namespace import SDO

from kg.annotation import STANCES
from kg.graph.local import LocalStore
from kg.graph.terms import KG, STANCE

_STANCE_NAMES = {str(getattr(STANCE, name)): name for name in STANCES}
# Most specific first: an agent typed both kg:Outlet and kg:Agent is an outlet.
AGENT_TYPES = (
    (KG.Outlet, "outlet"),
    (KG.Official, "official"),
    (KG.Government, "government"),
    (KG.Organization, "organization"),
    (KG.PrivatePerson, "person"),
    (KG.UnnamedSource, "unnamed"),
)
# The fixed palette of the exports (GEXF viz colours, the report's legend): agents by type,
# claims by stance. Colours from matplotlib's "tab10", so they stay apart for most readers.
AGENT_COLOURS = {
    "outlet": "#1f77b4",
    "official": "#9467bd",
    "government": "#17becf",
    "organization": "#8c564b",
    "person": "#e377c2",
    "unnamed": "#7f7f7f",
    "agent": "#bcbd22",
}
STANCE_COLOURS = {"eager": "#ff7f0e", "open": "#2ca02c", "denying": "#d62728", "neutral": "#c7c7c7"}
_YEAR_MONTH = re.compile(r"^\d{4}(-(0[1-9]|1[0-2]))?$")
# What XML 1.0 forbids (C0 controls but tab, newline, return; surrogates; U+FFFE, U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_AS_SPACE = {"\x0b": " ", "\x0c": " "}


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 forbids gone (vertical tab and form feed become spaces)."""
    return _NOT_XML.sub(lambda m: _AS_SPACE.get(m.group(), ""), text)


def is_iso_date(value: str) -> bool:
    """YYYY, YYYY-MM, or a full ISO date or date-time."""
    if _YEAR_MONTH.match(value):
        return True
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Filters:
    """Which articles and claims to export; empty fields select everything."""

    outlet: str | None = None
    holder: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def keeps_article(self, outlet: str, date: str) -> bool:
        """Outlet by name (case-insensitive); ISO dates compared on the bound's precision."""
        if self.outlet and outlet.casefold() != self.outlet.casefold():
            return False
        if self.date_from or self.date_to:
            if not date:
                return False
            if self.date_from and date[: len(self.date_from)] < self.date_from:
                return False
            if self.date_to and date[: len(self.date_to)] > self.date_to:
                return False
        return True

    def keeps_holder(self, holder_name: str) -> bool:
        return not self.holder or holder_name.casefold() == self.holder.casefold()


@dataclass(frozen=True)
class StoredArticle:
    iri: str
    id: str
    outlet: str = ""
    publisher: str = ""  # the publisher agent's IRI, "" if unknown
    date: str = ""
    title: str = ""


@dataclass(frozen=True)
class Agent:
    iri: str
    name: str
    type: str
    articles: tuple[str, ...] = ()  # IRIs of the articles it is mentioned in


@dataclass(frozen=True)
class Claim:
    iri: str
    article: str  # the article's IRI
    index: int  # sentence index in the article
    text: str
    sentence: str
    stance: str
    holder: str = ""  # agent IRIs, "" if none
    speaker: str = ""
    cue: str = ""
    mention: str = ""
    channel: str = ""
    confidence: float = 0.0
    via: tuple[str, ...] = ()  # intermediaries, position 1 (nearest the article) first


@dataclass
class Selection:
    """The selected articles and claims, the counter links among them, and every agent."""

    articles: dict[str, StoredArticle] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    counters: list[tuple[str, str]] = field(default_factory=list)
    agents: dict[str, Agent] = field(default_factory=dict)

    def name(self, agent_iri: str) -> str:
        return self.agents[agent_iri].name if agent_iri in self.agents else ""


def short(text: str, limit: int = 60) -> str:
    """The text cut at a word boundary to about ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def _v(row, key: str) -> str:
    term = row[key]
    return term.value if term is not None else ""


def load(store: LocalStore, filters: Filters | None = None) -> Selection:
    """Read the filtered articles, their claims and the agents from the store."""
    filters = filters or Filters()
    agents = _agents(store)
    articles = {a.iri: a for a in _articles(store) if filters.keeps_article(a.outlet, a.date)}
    vias = _vias(store)
    sel = Selection(articles, [], [], agents)
    claims = [
        c for c in _claims(store, vias) if c.article in articles and filters.keeps_holder(sel.name(c.holder))
    ]
    kept = {c.iri for c in claims}
    sel.claims = claims
    sel.counters = [(a, b) for a, b in _counters(store) if a in kept and b in kept]
    return sel


def _articles(store: LocalStore) -> list[StoredArticle]:
    rows = store.select(
        f"""SELECT ?a ?id (SAMPLE(?date) AS ?d) (SAMPLE(?p) AS ?pub) (SAMPLE(?outlet) AS ?o)
                   (SAMPLE(?title) AS ?t) WHERE {{
              ?a a <{KG.Article}> ; <{KG.articleId}> ?id .
              OPTIONAL {{ ?a <{SDO.datePublished}> ?date }}
              OPTIONAL {{ ?a <{SDO.publisher}> ?p . OPTIONAL {{ ?p <{SDO.name}> ?outlet }} }}
              OPTIONAL {{ ?a <{SDO.headline}> ?title }}
            }} GROUP BY ?a ?id ORDER BY ?id"""
    )
    return [
        StoredArticle(_v(r, "a"), _v(r, "id"), _v(r, "o"), _v(r, "pub"), _v(r, "d"), _v(r, "t")) for r in rows
    ]


def _agents(store: LocalStore) -> dict[str, Agent]:
    names = {
        _v(r, "x"): _v(r, "n")
        for r in store.select(
            f"SELECT ?x (MIN(?name) AS ?n) WHERE {{ ?x a <{KG.Agent}> ; <{SDO.name}> ?name }} GROUP BY ?x"
        )
    }
    types: dict[str, set[str]] = {}
    for r in store.select(f"SELECT DISTINCT ?x ?t WHERE {{ ?x a <{KG.Agent}> ; <{RDF.type}> ?t }}"):
        types.setdefault(_v(r, "x"), set()).add(_v(r, "t"))
    seen: dict[str, set[str]] = {}
    for r in store.select(f"SELECT DISTINCT ?x ?a WHERE {{ ?x <{KG.mentionedIn}> ?a }}"):
        seen.setdefault(_v(r, "x"), set()).add(_v(r, "a"))
    return {
        iri: Agent(iri, names.get(iri, ""), _agent_type(kinds), tuple(sorted(seen.get(iri, ()))))
        for iri, kinds in types.items()
    }


def _agent_type(kinds: set[str]) -> str:
    return next((label for term, label in AGENT_TYPES if str(term) in kinds), "agent")


def _vias(store: LocalStore) -> dict[str, tuple[str, ...]]:
    steps: dict[str, list[tuple[int, str]]] = {}
    rows = store.select(
        f"""SELECT ?att ?pos ?hop WHERE {{
              ?att <{KG.via}> ?step . ?step <{KG.position}> ?pos ; <{KG.intermediary}> ?hop }}"""
    )
    for r in rows:
        steps.setdefault(_v(r, "att"), []).append((int(_v(r, "pos")), _v(r, "hop")))
    return {att: tuple(hop for _, hop in sorted(hops)) for att, hops in steps.items()}


def _claims(store: LocalStore, vias: dict[str, tuple[str, ...]]) -> list[Claim]:
    rows = store.select(
        f"""SELECT ?c ?a ?idx ?text ?stext ?stance ?holder ?att ?speaker ?cue ?mention ?channel ?conf
            WHERE {{
              ?c a <{KG.Claim}> ; <{KG.text}> ?text ; <{KG.stance}> ?stance ; <{KG.sentence}> ?s .
              ?s <{KG.inArticle}> ?a ; <{KG.index}> ?idx ; <{KG.text}> ?stext .
              OPTIONAL {{ ?c <{KG.holder}> ?holder }}
              OPTIONAL {{ ?c <{KG.attribution}> ?att . ?att <{KG.speaker}> ?speaker .
                OPTIONAL {{ ?att <{KG.cue}> ?cue }} OPTIONAL {{ ?att <{KG.speakerMention}> ?mention }}
                OPTIONAL {{ ?att <{KG.channel}> ?channel }} OPTIONAL {{ ?att <{KG.confidence}> ?conf }} }}
            }} ORDER BY ?a ?idx"""
    )
    out, seen = [], set()
    for r in rows:
        if _v(r, "c") in seen:  # a second cue or confidence would repeat the claim
            continue
        seen.add(_v(r, "c"))
        stance = _v(r, "stance")
        conf = _v(r, "conf")
        out.append(
            Claim(
                iri=_v(r, "c"),
                article=_v(r, "a"),
                index=int(_v(r, "idx")),
                text=_v(r, "text"),
                sentence=_v(r, "stext"),
                stance=_STANCE_NAMES.get(stance, stance.rsplit("#", 1)[-1]),
                holder=_v(r, "holder"),
                speaker=_v(r, "speaker"),
                cue=_v(r, "cue"),
                mention=_v(r, "mention"),
                channel=_v(r, "channel"),
                confidence=float(conf) if conf else 0.0,
                via=vias.get(_v(r, "att"), ()),
            )
        )
    return out


def _counters(store: LocalStore) -> list[tuple[str, str]]:
    rows = store.select(f"SELECT DISTINCT ?a ?b WHERE {{ ?a <{KG.counters}> ?b }} ORDER BY ?a ?b")
    return [(_v(r, "a"), _v(r, "b")) for r in rows]
