"""The store as TriG or N-Quads: every graph, or only the graphs of the filtered articles.

With filters, the outlet and dates select articles and ``holder`` keeps the articles with
at least one claim held by that holder; the links and provenance graphs are left out then.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.export import Filters, load
from kg.graph import iris
from kg.graph.local import LocalStore
from kg.graph.terms import KG, STANCE

FORMATS = {"trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}
PREFIXES = {
    "kg": str(KG._NS),
    "stance": str(STANCE._NS),
    "schema": str(SDO),
    "prov": str(PROV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "skos": str(SKOS),
    "xsd": str(XSD),
}


def selected_graphs(store: LocalStore, filters: Filters) -> list[str]:
    """Names of the graphs of the articles the filters keep."""
    sel = load(store, filters)
    articles = {c.article for c in sel.claims} if filters.holder else set(sel.articles)
    return sorted(str(iris.article_graph(sel.articles[a].id)) for a in articles)


def write_rdf(store: LocalStore, path: str | Path, fmt: str, filters: Filters | None = None) -> int:
    """Write the dataset (or the filtered articles' graphs) as ``trig`` or ``nquads``; returns #quads."""
    if filters is None or filters == Filters():
        quads = list(store.db.quads_for_pattern(None, None, None, None))
    else:
        quads = [
            quad
            for name in selected_graphs(store, filters)
            for quad in store.db.quads_for_pattern(None, None, None, ox.NamedNode(name))
        ]
    prefixes = PREFIXES if fmt == "trig" else None
    ox.serialize(quads, str(path), format=FORMATS[fmt], prefixes=prefixes)
    return len(quads)
