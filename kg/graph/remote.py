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
from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rdflib import Graph

from kg.errors import QueryError
from kg.graph.contract import StoreBase, provenance_update
from kg.graph.query import Result
from kg.graph.safety import check_query

if TYPE_CHECKING:
    from kg.nlp.embed import Encoder

_XSD = "http://www.w3.org/2001/XMLSchema#"


class RemoteStore(StoreBase):
    """Writes and reads a store that speaks the SPARQL 1.1 protocols."""

    def __init__(self, url: str, timeout: float = 60.0, *, encoder: Encoder | None = None) -> None:
        base = url.rstrip("/")
        self.encoder = encoder
        self.gsp = os.environ.get("KG_STORE_GSP") or f"{base}/store"
        self.query_url = os.environ.get("KG_STORE_QUERY") or f"{base}/query"
        self.update_url = os.environ.get("KG_STORE_UPDATE") or f"{base}/update"
        self.timeout = timeout

    # --- HTTP ------------------------------------------------------------------------

    def _send(
        self,
        url: str,
        data: bytes,
        content_type: str,
        method: str = "POST",
        accept: str = "*/*",
        timeout: float | None = None,
    ) -> bytes:
        request = urllib.request.Request(
            url, data=data, method=method, headers={"Content-Type": content_type, "Accept": accept}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout or self.timeout) as response:
                return response.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", errors="replace").strip().splitlines()[:1]
            raise QueryError(f"{url}: HTTP {exc.code} {' '.join(detail)}") from None
        except OSError as exc:
            raise QueryError(f"{url}: cannot reach the store ({exc})") from None

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

    # --- the store contract (kg.graph.contract) ------------------------------------------

    def write_graph(self, graph: Graph, when: datetime | None = None) -> None:
        """PUT the article's graph (replacing it), then record when in the provenance graph."""
        self._put_nt(str(graph.identifier), graph.serialize(format="nt"))
        self.update(provenance_update(graph, when))

    def rows(self, sparql: str, variables: Sequence[str]) -> Iterator[dict[str, str | None]]:
        for r in self.select(sparql)["results"]["bindings"]:
            yield {v: (r[v]["value"] if v in r else None) for v in variables}

    def replace_graph(self, name: str, lines: list[str]) -> None:
        self._put_nt(name, "\n".join(lines) + "\n")

    def answer(self, text: str, params: dict[str, str], limit: int, timeout: float | None) -> Result:
        """A query through the SPARQL 1.1 Protocol, as kg's Result (parameters not supported remotely)."""
        if params:
            raise QueryError("--param needs a local store: remote endpoints get the query text as written")
        check_query(text)
        body = self._send(
            self.query_url,
            text.encode("utf-8"),
            "application/sparql-query",
            accept="application/sparql-results+json, text/turtle;q=0.9",
            timeout=timeout,
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
