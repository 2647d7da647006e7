"""What a store holds: `kg stats`, `kg articles`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from kg.cli.app import _err, app
from kg.cli.options import Limit, StoreOption, Timeout

_STATS = {
    "articles": "SELECT (COUNT(?a) AS ?n) WHERE { GRAPH ?g { ?a a kg:Article } }",
    "sentences": "SELECT (COUNT(?s) AS ?n) WHERE { GRAPH ?g { ?s a kg:Sentence } }",
    "attributions": "SELECT (COUNT(?x) AS ?n) WHERE { GRAPH ?g { ?x a kg:Attribution } }",
    "claims": "SELECT (COUNT(?c) AS ?n) WHERE { GRAPH ?g { ?c a kg:Claim } }",
    "outlets": "SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { GRAPH ?g { ?a a kg:Article ; schema:publisher ?o } }",
    "counter links": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH graph:links { ?c kg:counters ?d } }",
    "claim groups": "SELECT (COUNT(?x) AS ?n) WHERE { GRAPH graph:links { ?x a kg:ClaimGroup } }",
    "last ingest": "SELECT (MAX(?t) AS ?n) WHERE { GRAPH graph:provenance { ?g prov:generatedAtTime ?t } }",
}
# Each agent's one class, decided for the store (graph:agents); older stores: classes as the
# article graphs give them (an agent may then count under two).
_AGENT_TYPES = (
    """SELECT ?type (COUNT(?x) AS ?n) WHERE { GRAPH graph:agents { ?x a ?t }
      BIND(STRAFTER(STR(?t), "#") AS ?type) } GROUP BY ?type ORDER BY DESC(?n)""",
    """SELECT ?type (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a kg:Agent ; a ?t }
      FILTER(?t != kg:Agent && STRSTARTS(STR(?t), STR(kg:))) BIND(STRAFTER(STR(?t), "#") AS ?type) }
      GROUP BY ?type ORDER BY DESC(?n)""",
)
_UNNAMED = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { GRAPH ?g { ?x a kg:UnnamedSource } }"
# SAMPLE skips unbound values in Oxigraph (MIN, MAX and GROUP_CONCAT give nothing for a group with one).
_ARTICLES = """SELECT ?id (SAMPLE(?o) AS ?outlet) (SAMPLE(?d) AS ?date) (SAMPLE(?t) AS ?title)
  (COUNT(?s) AS ?sentences) WHERE {
  { SELECT ?g ?a ?id WHERE { GRAPH ?g { ?a a kg:Article ; kg:articleId ?id } } ORDER BY ?id LIMIT %d OFFSET %d }
  GRAPH ?g {
    { ?s kg:inArticle ?a } UNION { ?a schema:publisher/schema:name ?o }
    UNION { ?a schema:datePublished ?d } UNION { ?a schema:headline ?t } }
} GROUP BY ?id ORDER BY ?id"""


def _one(target, text: str, timeout: float) -> str:
    from kg.graph.prefixes import declare

    rows = list(target.query(declare(text), limit=10, timeout=timeout))
    return (rows[0].get("n") or "") if rows else ""


@app.command()
def stats(store: StoreOption = None, timeout: Timeout = 60.0) -> None:
    """What the store holds: articles, sentences, claims, agents by type, outlets, links, last ingest."""
    from kg.cli.graph import _existing_store
    from kg.errors import QueryError
    from kg.graph.prefixes import declare

    target = _existing_store(store, timeout)
    try:
        lines = [(name, _one(target, text, timeout)) for name, text in _STATS.items()]
        types = list(target.query(declare(_AGENT_TYPES[0]), limit=100, timeout=timeout))
        types = types or list(target.query(declare(_AGENT_TYPES[1]), limit=100, timeout=timeout))
        if types and not any(r["type"] == "UnnamedSource" for r in types):  # per article, not in graph:agents
            unnamed = _one(target, _UNNAMED, timeout)
            types.append({"type": "UnnamedSource", "n": unnamed or "0"})
    except QueryError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    finally:
        target.close()
    lines[5:5] = [("agents", str(sum(int(r["n"]) for r in types)))]
    lines[6:6] = [(f"  {r['type']}", r["n"]) for r in types]
    width = max(len(name) for name, _ in lines)
    for name, value in lines:
        sys.stdout.write(f"{name.ljust(width)}  {value or '-'}\n")


@app.command()
def articles(
    store: StoreOption = None,
    limit: Limit = 50,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many articles (by id).")] = 0,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json, csv or tsv.")] = "table",
    timeout: Timeout = 60.0,
) -> None:
    """The articles in the store, by id: outlet, date, title, sentences (paged with --limit/--offset)."""
    from kg.cli.graph import _existing_store
    from kg.errors import QueryError
    from kg.graph.prefixes import declare
    from kg.graph.results import FORMATS, render

    if fmt not in FORMATS:
        _err(f"--format {fmt}: use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if limit < 1 or offset < 0:
        _err("--limit must be 1 or more and --offset 0 or more")
        raise typer.Exit(2)
    target = _existing_store(store, timeout)
    try:
        result = target.query(declare(_ARTICLES % (limit, offset)), limit=limit, timeout=timeout)
    except QueryError as exc:
        _err(str(exc))
        raise typer.Exit(2) from None
    finally:
        target.close()
    sys.stdout.write(render(result, fmt, terminal=sys.stdout.isatty()))
