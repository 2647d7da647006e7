"""What the desk keeps between requests: the store's articles in date order, claim counts, and
the names of speakers and holders, each read by one SPARQL query and kept until the store changes.

A who-said-what page then needs no sort over the whole store: it walks the articles in order
(counts say where a page starts) or, filtered by a name, starts from the agents that bear it.
The store counts as changed when its database files do (an ingest committed): each part is
then read again on its next use.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kg.graph.prefixes import declare
from kg.graph.query import store_signature

_ARTICLES = """SELECT ?g ?date ?outlet WHERE { GRAPH ?g { ?a a kg:Article .
  OPTIONAL { ?a schema:datePublished ?date } OPTIONAL { ?a schema:publisher/schema:name ?outlet } } }"""
_COUNTS = "SELECT ?g (COUNT(?c) AS ?n) WHERE { GRAPH ?g { ?c a kg:Claim } } GROUP BY ?g"
_NAMES = {
    "speaker": "SELECT DISTINCT ?x ?n WHERE { GRAPH ?g { ?att kg:speaker ?x . ?x schema:name ?n } }",
    "holder": "SELECT DISTINCT ?x ?n WHERE { GRAPH ?g { ?c kg:holder ?x . ?x schema:name ?n } }",
}
ALL = 100_000_000


@dataclass(frozen=True)
class Article:
    graph: str
    date: str
    outlet: str


def stamp(database: str | None) -> tuple:
    """What changes when a writer commits: the database's file names, sizes and times."""
    return store_signature(database) if database is not None else ()


class StoreIndex:
    """Parts read from the store on first use, dropped when the store's files change."""

    def __init__(self, database: str | None) -> None:
        self.database = database
        self.stamp: tuple | None = None
        self.parts: dict[str, Any] = {}
        self.lock = threading.Lock()

    def part(self, name: str, build: Callable[[], Any]) -> Any:
        current = stamp(self.database)
        with self.lock:
            if current != self.stamp:
                self.parts, self.stamp = {}, current
            if name in self.parts:
                return self.parts[name]
        value = build()
        with self.lock:
            if self.stamp == current:
                self.parts[name] = value
        return value

    def articles(self, run) -> list[Article]:
        """Every article graph, newest first (undated last), then by graph IRI."""

        def build() -> list[Article]:
            seen: dict[str, Article] = {}
            for r in run(declare(_ARTICLES), {}, ALL):
                if r["g"] not in seen or (r["date"] or "") > seen[r["g"]].date:
                    seen[r["g"]] = Article(r["g"], r["date"] or "", r["outlet"] or "")
            ordered = sorted(seen.values(), key=lambda a: a.graph)
            return sorted(ordered, key=lambda a: a.date, reverse=True)

        return self.part("articles", build)

    def counts(self, run) -> dict[str, int]:
        """Claims per article graph."""
        return self.part("counts", lambda: {r["g"]: int(r["n"]) for r in run(declare(_COUNTS), {}, ALL)})

    def names(self, run, role: str) -> list[tuple[str, str]]:
        """(IRI, name) of every agent in this role (``speaker`` or ``holder``)."""
        return self.part(role, lambda: [(r["x"], r["n"]) for r in run(declare(_NAMES[role]), {}, ALL)])

    def outlets(self, run) -> list[str]:
        return self.part("outlets", lambda: sorted({a.outlet for a in self.articles(run) if a.outlet}))

    def cached(self, key: str, build: Callable[[], Any]) -> Any:
        """Any other value read from the store, kept like the parts above."""
        return self.part(key, build)
