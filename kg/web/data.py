"""What the desk's pages read, each a few SPARQL queries run by the server's query workers.

Pages first select the IRIs they show (a page of claims, an agent's claims), with the
visitor's values bound as RDF terms, then read those IRIs' details with one query whose
``VALUES`` lists them. The IRIs come from the store and are checked before they go into
the text; nothing a visitor types is ever pasted into a query. Patterns stay inside one
``GRAPH`` (each article graph names everything it mentions), and there is no ``OPTIONAL``
over a large pattern: Oxigraph evaluates one as a hash join over the whole store.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from kg.graph.iris import AGENTS_GRAPH as _AGENTS
from kg.graph.prefixes import declare
from kg.graph.query import Result
from kg.web.index import StoreIndex

STANCES = ("eager", "open", "denying", "neutral")
AGENTS_GRAPH = str(_AGENTS)
STANCE_NS = "https://w3id.org/kg-news/stance#"
PAGE = 50
_IRI = re.compile(r"[^<>\"{}|^`\\\s]+")

Run = Callable[[str, dict[str, str], int], Result]


def iri_term(iri: str) -> str | None:
    """``<iri>`` when ``iri`` is safe to bind or list as an IRI, else None."""
    return f"<{iri}>" if _IRI.fullmatch(iri or "") and ":" in iri else None


def _values(iris: Iterable[str]) -> str:
    terms = [t for t in (iri_term(i) for i in iris) if t]
    return " ".join(terms) or "<urn:kg:none>"


@dataclass
class Filters:
    """The who-said-what filters, as the visitor typed them (empty: not applied)."""

    text: str = ""
    speaker: str = ""
    holder: str = ""
    outlet: str = ""
    stance: str = ""
    date_from: str = ""
    date_to: str = ""

    def params(self) -> dict[str, str]:
        out = {
            "q_text": self.text.strip(),
            "q_speaker": self.speaker.strip(),
            "q_holder": self.holder.strip(),
            "q_outlet": self.outlet.strip(),
            "q_from": self.date_from.strip(),
            "q_to": self.date_to.strip(),
        }
        if self.stance in STANCES:
            out["q_stance"] = f"<{STANCE_NS}{self.stance}>"
        return {k: v for k, v in out.items() if v}


# Claim-level filters, each mentioning only its own bound variable (bound values reach every
# group of the query, but not into subqueries, so there are none).
_CLAIM_FILTERS = {
    "q_stance": "?c kg:stance ?q_stance .",
    "q_text": "?c kg:text ?ct . FILTER(CONTAINS(LCASE(?ct), LCASE(?q_text)))",
}
_IN_GRAPHS = """SELECT ?c ?g ?i %s WHERE { VALUES ?g { %s } GRAPH ?g { ?c a kg:Claim ; kg:sentence/kg:index ?i . %s } }"""
_BY_AGENTS = (
    """SELECT ?c ?g ?i %s WHERE { VALUES ?x { %s } GRAPH ?g { %s ?c kg:sentence/kg:index ?i . %s %s } }"""
)
_DRIVE = {"speaker": "?att kg:speaker ?x . ?c kg:attribution ?att .", "holder": "?c kg:holder ?x ."}
_ALSO = {
    "speaker": "?c kg:attribution/kg:speaker ?y . VALUES ?y { %s }",
    "holder": "?c kg:holder ?y . VALUES ?y { %s }",
}
_CAP = 200_000


def _claim_filters(params: dict[str, str]) -> tuple[str, str]:
    """The claim-level filter patterns and the bound variables to project (so they can be bound)."""
    keys = [k for k in _CLAIM_FILTERS if k in params]
    return " ".join(_CLAIM_FILTERS[k] for k in keys), " ".join(f"?{k}" for k in keys)


def _articles(index: StoreIndex, run: Run, filters: Filters) -> dict[str, int]:
    """The rank (newest first) of each article the outlet and date filters keep."""
    outlet, start, end = filters.outlet.strip().casefold(), filters.date_from.strip(), filters.date_to.strip()
    ranks = {}
    for rank, a in enumerate(index.articles(run)):
        if outlet and outlet not in a.outlet.casefold():
            continue
        if (start or end) and not a.date:
            continue
        if (start and a.date[: len(start)] < start) or (end and a.date[: len(end)] > end):
            continue
        ranks[a.graph] = rank
    return ranks


def _agents(index: StoreIndex, run: Run, role: str, typed: str) -> list[str]:
    folded = typed.strip().casefold()
    return sorted({iri for iri, name in index.names(run, role) if folded in name.casefold()})


@dataclass
class Page:
    """One page of the who-said-what table."""

    claims: list[ClaimRow]
    more: bool  # another page follows
    total: int | None  # claims the filters keep, where known without reading them all


def claims_page(run: Run, index: StoreIndex, filters: Filters, page: int) -> Page:
    """One page of the who-said-what table: articles newest first, sentences in order."""
    params = {k: v for k, v in filters.params().items() if k in _CLAIM_FILTERS}
    ranks = _articles(index, run, filters)
    start, total = page * PAGE, None
    roles = [r for r in ("speaker", "holder") if getattr(filters, r).strip()]
    if roles:
        found = _by_agents(index, run, filters, roles, params, ranks)
        total = len(found)
    elif params:
        found = _scan(run, params, ranks, start + PAGE + 1)
    else:
        counts = index.counts(run)
        total = sum(counts.get(graph, 0) for graph in ranks)
        found = _window(index, run, ranks, start)
        start = found.pop(0)[0] if found else 0
    window = found[start : start + PAGE + 1]
    claims = {c.iri: c for c in claim_details(run, [iri for _, iri in window[:PAGE]])}
    return Page([claims[iri] for _, iri in window[:PAGE] if iri in claims], len(window) > PAGE, total)


def _sorted(rows, ranks: dict[str, int]) -> list[tuple[tuple[int, int], str]]:
    out = {(ranks[r["g"]], int(r["i"])): r["c"] for r in rows if r["g"] in ranks}
    return sorted(out.items())


def _by_agents(index, run, filters, roles, params, ranks) -> list[tuple[tuple[int, int], str]]:
    """Claims of the agents whose names hold the typed text: the matches, ordered."""
    agents = {role: _agents(index, run, role, getattr(filters, role)) for role in roles}
    if not all(agents.values()):
        return []
    drive, *also = roles
    extra = _ALSO[also[0]] % _values(agents[also[0]]) if also else ""
    patterns, bound = _claim_filters(params)
    text = _BY_AGENTS % (bound, _values(agents[drive]), _DRIVE[drive], extra, patterns)
    return _sorted(run(declare(text), params, _CAP), ranks)


def _scan(run, params, ranks, wanted: int) -> list[tuple[tuple[int, int], str]]:
    """Claims that pass the claim-level filters, article by article in order, until ``wanted``."""
    patterns, bound = _claim_filters(params)
    order = sorted(ranks, key=ranks.get)
    found: list = []
    at, size = 0, 64
    while at < len(order) and len(found) < wanted:
        chunk = order[at : at + size]
        found += _sorted(run(declare(_IN_GRAPHS % (bound, _values(chunk), patterns)), params, _CAP), ranks)
        at, size = at + size, size * 4
    return found


def _window(index, run, ranks, start: int) -> list:
    """The claims of the articles that hold claims ``start`` to ``start + PAGE`` (no claim filter);
    the first item is where ``start`` falls among them."""
    counts = index.counts(run)
    order = sorted(ranks, key=ranks.get)
    seen, first = 0, None
    graphs: list[str] = []
    for graph in order:
        n = counts.get(graph, 0)
        if first is None and seen + n <= start:
            seen += n
            continue
        if first is None:
            first = start - seen
        graphs.append(graph)
        if sum(counts.get(g, 0) for g in graphs) > first + PAGE:
            break
    if not graphs:
        return []
    rows = run(declare(_IN_GRAPHS % ("", _values(graphs), "")), {}, _CAP)
    return [(first or 0, ""), *_sorted(rows, ranks)]


_DETAILS = """SELECT * WHERE { GRAPH ?g { VALUES ?c { %s }
  { ?c kg:text ?text ; kg:stance ?stance ; kg:sentence ?s . ?s kg:index ?index ; kg:start ?start ; kg:end ?end ;
       kg:inArticle ?a . ?a kg:articleId ?article }
  UNION { ?c kg:sentence/kg:inArticle ?a . ?a schema:datePublished ?date }
  UNION { ?c kg:sentence/kg:inArticle ?a . ?a schema:url ?url }
  UNION { ?c kg:sentence/kg:inArticle ?a . ?a schema:headline ?title }
  UNION { ?c kg:sentence/kg:inArticle/schema:publisher ?outlet . ?outlet schema:name ?outlet_name }
  UNION { ?c kg:attribution ?att . ?att kg:speaker ?speaker . ?speaker schema:name ?speaker_name }
  UNION { ?c kg:attribution ?att . ?att kg:confidence ?confidence }
  UNION { ?c kg:attribution ?att . ?att kg:cue ?cue }
  UNION { ?c kg:attribution ?att . ?att kg:speakerMentionStart ?mstart ; kg:speakerMentionEnd ?mend }
  UNION { ?c kg:attribution ?att . ?att kg:channel ?channel }
  UNION { ?c kg:holder ?holder . ?holder schema:name ?holder_name }
  UNION { ?c kg:attribution/kg:via ?step . ?step kg:position ?position ; kg:intermediary ?hop . ?hop schema:name ?hop_name }
} }"""


@dataclass
class ClaimRow:
    """A claim with what its pages show: sentence, article, speaker, chain, holder, stance."""

    iri: str
    text: str = ""
    stance: str = ""
    index: int = 0
    start: int = 0
    end: int = 0
    article: str = ""  # the article's IRI
    article_id: str = ""
    date: str = ""
    url: str = ""
    title: str = ""
    outlet: str = ""
    outlet_name: str = ""
    speaker: str = ""
    speaker_name: str = ""
    confidence: float | None = None
    cue: str = ""
    mention: tuple[int, int] | None = None
    channel: str = ""
    holder: str = ""
    holder_name: str = ""
    via: list[tuple[int, str, str]] = field(default_factory=list)  # (position, agent IRI, name)

    @property
    def chain(self) -> list[tuple[str, str]]:
        """(IRI, name) from the outlet to the speaker: outlet <- via (nearest first) <- speaker."""
        hops = [(iri, name) for _, iri, name in sorted(self.via)]
        return hops


_SCALARS = {
    "text": str, "index": int, "start": int, "end": int, "article": str, "date": str, "url": str,
    "title": str, "outlet": str, "outlet_name": str, "speaker": str, "speaker_name": str,
    "confidence": float, "cue": str, "channel": str, "holder": str, "holder_name": str,
}  # fmt: skip


def claim_details(run: Run, iris: list[str]) -> list[ClaimRow]:
    """The details of these claims, in the order given (unknown IRIs are left out)."""
    if not iris:
        return []
    rows: dict[str, ClaimRow] = {}
    result = run(declare(_DETAILS % _values(iris)), {}, 100_000)
    for row in result:
        c = rows.setdefault(row["c"], ClaimRow(row["c"]))
        for key, kind in _SCALARS.items():
            if row.get(key) is not None:
                setattr(c, key, kind(row[key]))
        if row.get("a") is not None:
            c.article = row["a"]
        if row.get("article") is not None:
            c.article_id = row["article"]
        if row.get("stance") is not None:
            c.stance = row["stance"].rsplit("#", 1)[-1]
        if row.get("mstart") is not None:
            c.mention = (int(row["mstart"]), int(row["mend"]))
        if row.get("position") is not None:
            c.via.append((int(row["position"]), row["hop"], row["hop_name"]))
    return [rows[i] for i in iris if i in rows and rows[i].text]


_CONTEXT = """SELECT ?i ?text ?start ?a ?lo ?hi WHERE { GRAPH ?g {
  ?s kg:inArticle ?a ; kg:index ?i ; kg:text ?text ; kg:start ?start .
  FILTER(?i >= xsd:integer(?lo) && ?i <= xsd:integer(?hi)) } } ORDER BY ?i"""
_COUNTERS = """SELECT ?other ?dir ?c WHERE { GRAPH graph:links {
  { ?c kg:counters ?other BIND("counters" AS ?dir) } UNION { ?other kg:counters ?c BIND("countered" AS ?dir) }
  UNION { ?c kg:reverses ?other BIND("reverses" AS ?dir) } UNION { ?other kg:reverses ?c BIND("reverses" AS ?dir) }
  } }"""


def context(run: Run, claim: ClaimRow, around: int = 2) -> list[tuple[int, str, int]]:
    """The claim's sentence and ``around`` on each side: (index, text, start offset in the article)."""
    params = {"a": f"<{claim.article}>", "lo": str(claim.index - around), "hi": str(claim.index + around)}
    return [(int(r["i"]), r["text"], int(r["start"])) for r in run(declare(_CONTEXT), params, 50)]


def counters(run: Run, claim: ClaimRow) -> tuple[list[ClaimRow], list[ClaimRow], list[ClaimRow]]:
    """The claims this one counters, those that counter it, and the same holder's other side (kg:reverses)."""
    rows = list(run(declare(_COUNTERS), {"c": f"<{claim.iri}>"}, 500))
    details = {c.iri: c for c in claim_details(run, [r["other"] for r in rows])}
    out: dict[str, list[ClaimRow]] = {"counters": [], "countered": [], "reverses": []}
    for r in rows:
        if r["other"] in details:
            out[r["dir"]].append(details[r["other"]])
    return out["counters"], out["countered"], out["reverses"]


# --- agents ---------------------------------------------------------------------------

_AGENT = """SELECT DISTINCT ?p ?v ?g ?agent WHERE { GRAPH ?g { ?agent ?p ?v }
  FILTER(?p IN (schema:name, rdf:type, kg:alias, kg:role, owl:sameAs)) }"""
_BY = """SELECT ?c ?agent WHERE { GRAPH ?g { ?att kg:speaker ?agent . ?c kg:attribution ?att } } LIMIT %d OFFSET %d"""
_ABOUT = """SELECT ?c ?agent WHERE { GRAPH ?g { ?c kg:holder ?agent } } LIMIT %d OFFSET %d"""
_OVER_TIME = """SELECT ?month ?stance (COUNT(?c) AS ?n) ?agent WHERE {
  GRAPH ?g { ?c kg:holder ?agent ; kg:stance ?s ; kg:sentence/kg:inArticle/schema:datePublished ?d }
  BIND(SUBSTR(STR(?d), 1, 7) AS ?month) BIND(STRAFTER(STR(?s), "#") AS ?stance)
} GROUP BY ?agent ?month ?stance ORDER BY ?month"""
_QUOTED_BY = """SELECT ?other (COUNT(*) AS ?n) ?agent WHERE { GRAPH ?g {
  ?att kg:speaker ?agent .
  { ?att kg:via/kg:intermediary ?other } UNION { ?att kg:sentence/kg:inArticle/schema:publisher ?other } }
  FILTER(?other != ?agent) } GROUP BY ?agent ?other ORDER BY DESC(?n) LIMIT 30"""
_QUOTES = """SELECT ?other (COUNT(*) AS ?n) ?agent WHERE { GRAPH ?g {
  { ?att kg:via/kg:intermediary ?agent ; kg:speaker ?other }
  UNION { ?a schema:publisher ?agent . ?s kg:inArticle ?a . ?att kg:sentence ?s ; kg:speaker ?other } }
  FILTER(?other != ?agent) } GROUP BY ?agent ?other ORDER BY DESC(?n) LIMIT 30"""
_SOURCING = """SELECT ?kind (COUNT(?att) AS ?n) ?agent WHERE { GRAPH ?g {
  ?a schema:publisher ?agent . ?s kg:inArticle ?a . ?att kg:sentence ?s ; kg:speaker ?sp .
  { ?sp a kg:UnnamedSource BIND("unnamed" AS ?kind) }
  UNION { ?att kg:via ?step . ?step kg:position 1 BIND("via others" AS ?kind) }
  UNION { ?sp a kg:UnnamedSource . ?att kg:via ?first . ?first kg:position 1 BIND("both" AS ?kind) }
  UNION { BIND("all" AS ?kind) } } } GROUP BY ?agent ?kind"""
# One row an agent: its name (the least, for a stable choice), the class the store decided for it
# (graph:agents), or that it is an unnamed source (typed in its article). Not a row per article graph.
_NAMES = """SELECT ?x (MIN(?n) AS ?name) (SAMPLE(?d) AS ?decided) (SAMPLE(?u) AS ?unnamed) WHERE {
    VALUES ?x { %s } ?x schema:name ?n .
    OPTIONAL { GRAPH graph:agents { ?x a ?d } }
    OPTIONAL { ?x a kg:UnnamedSource . BIND(kg:UnnamedSource AS ?u) } } GROUP BY ?x"""
AGENT_TYPES = ("Outlet", "Official", "Government", "Organization", "PrivatePerson", "UnnamedSource")


def agent_type(types: Iterable[str]) -> str:
    """The most specific kg type of an agent, in lower case (``agent`` when none is known)."""
    kinds = set(types)
    return next((t.lower() for t in AGENT_TYPES if t in kinds), "agent").replace("privateperson", "person")


@dataclass
class AgentInfo:
    iri: str
    name: str = ""
    type: str = "agent"
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)


def agent(run: Run, iri: str) -> AgentInfo | None:
    rows = list(run(declare(_AGENT), {"agent": f"<{iri}>"}, 10_000))
    values: dict[str, set[str]] = {}
    decided = {r["v"].rsplit("#", 1)[-1] for r in rows if r["g"] == AGENTS_GRAPH and r["p"].endswith("#type")}
    for r in rows:
        values.setdefault(r["p"].rsplit("/", 1)[-1].rsplit("#", 1)[-1], set()).add(r["v"])
    if not values.get("name"):
        return None
    types = decided or {t.rsplit("#", 1)[-1] for t in values.get("type", ())}
    info = AgentInfo(iri, name=min(values["name"]), type=agent_type(types))
    info.aliases, info.roles = sorted(values.get("alias", ())), sorted(values.get("role", ()))
    info.same_as = sorted(values.get("sameAs", ()))
    return info


def agent_claims(run: Run, iri: str, role: str, page: int) -> tuple[list[ClaimRow], bool]:
    """A page of the claims an agent made (``by``) or whose position it holds (``about``)."""
    text = (_BY if role == "by" else _ABOUT) % (PAGE + 1, page * PAGE)
    found = [r["c"] for r in run(declare(text), {"agent": f"<{iri}>"}, PAGE + 1)]
    claims = claim_details(run, found[:PAGE])
    claims.sort(key=lambda c: (c.date or "", c.article_id, c.index), reverse=True)
    return claims, len(found) > PAGE


def stance_over_time(run: Run, iri: str) -> dict[str, dict[str, int]]:
    """Claims held by the agent per month (YYYY-MM) and stance."""
    out: dict[str, dict[str, int]] = {}
    for r in run(declare(_OVER_TIME), {"agent": f"<{iri}>"}, 10_000):
        out.setdefault(r["month"], dict.fromkeys(STANCES, 0))[r["stance"]] = int(r["n"])
    return out


def names(run: Run, iris: Iterable[str]) -> dict[str, tuple[str, str]]:
    """(name, type) of each agent IRI."""
    iris = list(dict.fromkeys(iris))
    if not iris:
        return {}
    out = {}
    for r in run(declare(_NAMES % _values(iris)), {}, 1_000_000):
        kinds = [v.rsplit("#", 1)[-1] for v in (r["decided"], r["unnamed"]) if v]
        out[r["x"]] = (r["name"], agent_type(kinds))
    return out


def quoting(run: Run, iri: str) -> tuple[list[tuple[str, str, int]], list[tuple[str, str, int]]]:
    """Who quotes the agent and whom it quotes: (IRI, name, attributions), most first."""
    found = []
    for text in (_QUOTED_BY, _QUOTES):
        found.append([(r["other"], int(r["n"])) for r in run(declare(text), {"agent": f"<{iri}>"}, 30)])
    known = names(run, [o for rows in found for o, _ in rows])
    return tuple([(o, known.get(o, (o, ""))[0], n) for o, n in rows] for rows in found)  # type: ignore[return-value]


def sourcing(run: Run, iri: str) -> dict[str, int]:
    """An outlet's attributions: all, named and direct, to unnamed sources, via others."""
    rows = run(declare(_SOURCING), {"agent": f"<{iri}>"}, 10)
    counts = {r["kind"]: int(r["n"]) for r in rows}
    counts = {k: counts.get(k, 0) for k in ("all", "unnamed", "via others", "both")}
    counts["named, direct"] = counts["all"] - counts["unnamed"] - counts["via others"] + counts.pop("both")
    return counts


# --- the agent network ----------------------------------------------------------------

# Counted when the store is refreshed (kg:EdgeTally: quotes in the summary graph, counters with
# the links), so a page reads at most the 1,000 heaviest pairs of a kind, never every link.
_TALLIED = """SELECT ?source ?target ?n WHERE {
        ?t a kg:EdgeTally ; kg:edgeKind "%s" ; kg:source ?source ; kg:target ?target ; kg:count ?n }
        ORDER BY DESC(?n) ?source ?target LIMIT %%d"""
_EDGES = {kind: _TALLIED % kind for kind in ("quotes", "counters", "same matter")}


def network(run: Run, kinds: Iterable[str], limit: int) -> dict:
    """The agent network as cytoscape elements: the ``limit`` heaviest edges of each kind asked."""
    edges = []
    for kind in kinds:
        if kind in _EDGES:
            for r in run(declare(_EDGES[kind] % int(limit)), {}, limit):
                edges.append((r["source"], r["target"], kind, int(r["n"])))
    known = names(run, [e[k] for e in edges for k in (0, 1)])
    nodes = [
        {"data": {"id": iri, "label": name, "type": kind}} for iri, (name, kind) in sorted(known.items())
    ]
    links = [
        {"data": {"id": f"e{k}", "source": s, "target": t, "relation": rel, "weight": n}}
        for k, (s, t, rel, n) in enumerate(edges, 1)
        if s in known and t in known
    ]
    return {"nodes": nodes, "edges": links}


EDGE_KINDS = tuple(_EDGES)
