"""The desk's SPARQL page: the project's prefixes predeclared, example queries, downloads."""

from __future__ import annotations

from kg.errors import QueryError
from kg.graph.audit import audit_queries
from kg.graph.prefixes import PREFIXES, declare_inline, user_position
from kg.graph.query import Result
from kg.graph.results import to_csv, to_json
from kg.web.data import Run

SHOWN = 1000  # rows shown on the page; downloads get the server's --limit
PREFIX_LINES = [f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items()]
DOWNLOADS = {"csv": ("text/csv; charset=utf-8", to_csv), "json": ("application/sparql-results+json", to_json)}
_OWN = [
    (
        "claims by stance",
        "SELECT ?stance (COUNT(?c) AS ?claims)\nWHERE { ?c a kg:Claim ; kg:stance ?stance }\n"
        "GROUP BY ?stance ORDER BY DESC(?claims)",
    ),
    (
        "most quoted speakers",
        "SELECT ?speaker (SAMPLE(?n) AS ?name) (COUNT(?att) AS ?attributions)\n"
        "WHERE { GRAPH ?g { ?att kg:speaker ?speaker . ?speaker schema:name ?n } }\n"
        "GROUP BY ?speaker ORDER BY DESC(?attributions) LIMIT 20",
    ),
]
EXAMPLES = _OWN + [(q.name, q.text) for q in audit_queries().values()]


def run(runner: Run, text: str, limit: int) -> Result:
    """The query with the project's prefixes it uses and does not declare (error positions as typed)."""
    full, shift = declare_inline(text)
    try:
        return runner(full, {}, limit)
    except QueryError as exc:
        raise type(exc)(user_position(str(exc), shift)) from None


def cells(result: Result) -> list[list[tuple[str, str]]]:
    """Each row as (kind, value) cells: kind is ``uri``, ``literal``, ``bnode`` or ``""`` (unbound)."""
    return [[("", "") if t is None else (t[0], t[1]) for t in row] for row in result.rows]
