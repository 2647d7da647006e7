"""Any SPARQL 1.1 store over HTTP: Graph Store Protocol for writes, the Protocol for the rest.

``--store http(s)://HOST/PATH`` uses ``PATH/store`` (Graph Store HTTP Protocol),
``PATH/query`` and ``PATH/update``, as Oxigraph's server lays them out; the environment
variables KG_STORE_GSP, KG_STORE_QUERY and KG_STORE_UPDATE set them for other servers
(Fuseki: ``/ds/data``, ``/ds/query``, ``/ds/update``; see the README). Each article graph
is written with one PUT, so re-ingesting replaces it.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime

from rdflib import Graph
from rdflib.namespace import PROV

from kg.graph import iris
from kg.graph.query import QueryError, Result
from kg.graph.store import CLAIM_VARS, CLAIMS_QUERY, claim_nodes, link_triples
from kg.graph.summary import SUMMARY_UPDATE

_XSD = "http://www.w3.org/2001/XMLSchema#"


def is_remote(spec: str | None) -> bool:
    return bool(spec) and spec.startswith(("http://", "https://"))


class RemoteStore:
    """Writes and reads a store that speaks the SPARQL 1.1 protocols."""

    def __init__(self, url: str, timeout: float = 60.0) -> None:
        base = url.rstrip("/")
        self.gsp = os.environ.get("KG_STORE_GSP") or f"{base}/store"
        self.query_url = os.environ.get("KG_STORE_QUERY") or f"{base}/query"
        self.update_url = os.environ.get("KG_STORE_UPDATE") or f"{base}/update"
        self.timeout = timeout

    # --- HTTP ------------------------------------------------------------------------

    def _send(
        self, url: str, data: bytes, content_type: str, method: str = "POST", accept: str = "*/*"
    ) -> bytes:
        request = urllib.request.Request(
            url, data=data, method=method, headers={"Content-Type": content_type, "Accept": accept}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", errors="replace").strip().splitlines()[:1]
            raise QueryError(f"{url}: HTTP {exc.code} {' '.join(detail)}") from None
        except OSError as exc:
            raise QueryError(f"{url}: cannot reach the store ({exc})") from None

    def _put_graph(self, graph: Graph) -> None:
        self._put_nt(str(graph.identifier), graph.serialize(format="nt"))

    def _put_nt(self, name: str, ntriples: str) -> None:
        url = f"{self.gsp}?{urllib.parse.urlencode({'graph': name})}"
        self._send(url, ntriples.encode("utf-8"), "application/n-triples", method="PUT")

    def update(self, text: str) -> None:
        self._send(self.update_url, text.encode("utf-8"), "application/sparql-update")

    def select(self, text: str) -> dict:
        body = self._send(
            self.query_url,
            text.encode("utf-8"),
            "application/sparql-query",
            accept="application/sparql-results+json",
        )
        return json.loads(body)

    # --- the store interface ------------------------------------------------------------

    def write_article(self, graph: Graph, when: datetime | None = None) -> None:
        """PUT the article's graph (replacing it), then record when in the provenance graph."""
        self._put_graph(graph)
        g, run = str(graph.identifier), next(graph.objects(predicate=PROV.wasGeneratedBy))
        stamp = (when or datetime.now(UTC)).isoformat()
        prov = iris.PROVENANCE_GRAPH
        self.update(
            f"DELETE WHERE {{ GRAPH <{prov}> {{ <{g}> ?p ?o }} }} ;\n"
            f"INSERT DATA {{ GRAPH <{prov}> {{ <{g}> <{PROV.wasGeneratedBy}> <{run}> ; "
            f'<{PROV.generatedAtTime}> "{stamp}"^^<{_XSD}dateTime> . }} }}'
        )

    def refresh_derived(self) -> int:
        """The links graph (one PUT) and the summary graph (one update), from the article graphs."""
        rows = self.select(CLAIMS_QUERY)["results"]["bindings"]
        claims, vectors = claim_nodes(
            {v: (r[v]["value"] if v in r else None) for v in CLAIM_VARS} for r in rows
        )
        lines = list(link_triples(claims, vectors))
        self._put_nt(str(iris.LINKS_GRAPH), "\n".join(lines) + "\n")
        self.update(SUMMARY_UPDATE)
        return len(lines)

    def flush(self) -> None:
        """Nothing to do: every write is its own request."""

    def run(self, text: str, params: dict[str, str] | None = None, limit: int = 10_000) -> Result:
        """A query through the SPARQL 1.1 Protocol, as kg's Result (parameters not supported remotely)."""
        if params:
            raise QueryError("--param needs a local store: remote endpoints get the query text as written")
        from kg.graph.safety import ForbiddenQuery, check_query

        try:
            check_query(text)
        except ForbiddenQuery as exc:
            raise QueryError(str(exc)) from None
        body = self._send(
            self.query_url,
            text.encode("utf-8"),
            "application/sparql-query",
            accept="application/sparql-results+json, text/turtle;q=0.9",
        )
        if body.lstrip()[:1] != b"{":
            return Result("graph", turtle=body.decode("utf-8"))
        data = json.loads(body)
        if "boolean" in data:
            return Result("ask", boolean=bool(data["boolean"]))
        variables = tuple(data["head"]["vars"])
        rows = []
        for binding in data["results"]["bindings"][:limit]:
            rows.append(tuple(_term(binding.get(v)) for v in variables))
        return Result("select", variables, tuple(rows), truncated=len(data["results"]["bindings"]) > limit)


def _term(value: dict | None):
    if value is None:
        return None
    kind = {"uri": "uri", "bnode": "bnode", "literal": "literal", "typed-literal": "literal"}.get(
        value["type"], "triple"
    )
    datatype = value.get("datatype") or (None if value.get("xml:lang") else f"{_XSD}string")
    return (kind, value["value"], datatype if kind == "literal" else None, value.get("xml:lang"))
