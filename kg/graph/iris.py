"""Every IRI kg mints, deterministically from content: the same input gives the same graph."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import URIRef

ID = "https://w3id.org/kg-news/id/"
GRAPHS = "https://w3id.org/kg-news/graph/"
LINKS_GRAPH = URIRef(GRAPHS + "links")
PROVENANCE_GRAPH = URIRef(GRAPHS + "provenance")
SUMMARY_GRAPH = URIRef(GRAPHS + "summary")
AGENTS_GRAPH = URIRef(GRAPHS + "agents")  # one class per agent, decided for the whole store


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode()).hexdigest()[:16]


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:48] or "x"


def _aid(article_id: str) -> str:
    return quote(article_id, safe="")


def _in_article(article_id: str, *path: object) -> URIRef:
    """An IRI under the article's: ``article/<id>/<path...>``."""
    return URIRef("/".join([f"{ID}article/{_aid(article_id)}", *map(str, path)]))


def article(article_id: str) -> URIRef:
    return _in_article(article_id)


def article_graph(article_id: str) -> URIRef:
    return URIRef(f"{GRAPHS}article/{_aid(article_id)}")


def sentence(article_id: str, index: int) -> URIRef:
    return _in_article(article_id, "sentence", index)


def attribution(article_id: str, index: int) -> URIRef:
    return _in_article(article_id, "attribution", index)


def via_step(article_id: str, index: int, position: int) -> URIRef:
    return _in_article(article_id, "attribution", index, "via", position)


def claim(article_id: str, index: int) -> URIRef:
    return _in_article(article_id, "claim", index)


def agent(key: str) -> URIRef:
    """One IRI per real-world entity in a store: minted from its key (kg.graph.entities.canonical)."""
    return URIRef(f"{ID}agent/{_slug(key)}-{_digest('agent', key)[:10]}")


def counter_link(relation: str, source: str, target: str) -> URIRef:
    """The node that carries a counter (or reversal) link's score."""
    return URIRef(f"{ID}link/{_digest(relation, source, target)}")


def unnamed(article_id: str, name: str) -> URIRef:
    """Unnamed sources are scoped to their article: never merged across articles."""
    return _in_article(article_id, "unnamed", _slug(name))


def described(article_id: str, name: str) -> URIRef:
    """An agent known only by a description ("police", "the statement"): scoped to its article too."""
    return _in_article(article_id, "described", _slug(name))


def run(model_sha256: str, code_version: str, content_digest: str) -> URIRef:
    return URIRef(f"{ID}run/{_digest('run', model_sha256, code_version, content_digest)}")


def edge_tally(kind: str, source: str, target: str) -> URIRef:
    """A tally of the agent network's edges of one kind between two agents.

    md5 of "source|target", as the summary update mints the quote tallies in SPARQL
    (kg.graph.summary), so every edge tally follows one scheme.
    """
    key = hashlib.md5(f"{source}|{target}".encode(), usedforsecurity=False).hexdigest()
    return URIRef(f"{ID}tally/{_slug(kind)}/{key}")


def claim_group(key: str) -> URIRef:
    return URIRef(f"{ID}claim-group/{_digest('group', key)}")
